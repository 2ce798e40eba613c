"""Files Reader ships (themes, icons, the sample article, the desktop entry). Installed as
the ``reader.resources`` package; read them through ``reader.bundled``."""
