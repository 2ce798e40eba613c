"""Between the window and the library: the current document, the library service, worker tasks."""
