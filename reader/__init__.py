"""Reader: a desktop article reader. The core (load, extract, store) imports no Qt."""

__version__ = "0.1.0"
