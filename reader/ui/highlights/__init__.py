"""Highlights in the window: drawn over the article, made from the keyboard or the mouse."""
