"""The library panel: the list of saved articles, its filters, search and undoable changes."""
