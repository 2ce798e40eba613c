"""The main window: its layout, menus and commands, settings, messages and single instance."""
