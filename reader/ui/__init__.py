"""The window (PySide6): feature sub-packages over a presenter; only app.py and ui import Qt."""
