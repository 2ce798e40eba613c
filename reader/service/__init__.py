"""The application layer: a source becomes a stored, displayable article here, and only here.

The window, the command line and imports all call it: ``reading`` (open one source, a
saved article, or what to show at start), ``importing`` (many sources into the library)
and ``images`` (the pictures an article shows, fetched after extraction). It composes the
lower layers (load, extract, store) and knows nothing about Qt; who runs it on which
thread, and over which library connection, is the caller's choice.
"""
