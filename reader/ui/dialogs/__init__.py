"""Dialogs opened on demand: preferences, the shortcut cheat sheet, site logins, open address."""
