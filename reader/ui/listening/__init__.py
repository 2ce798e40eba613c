"""Listening in the window: the voice (speech), the player bar, the highlight, and the
handler group that ties them to the current article (controller)."""
