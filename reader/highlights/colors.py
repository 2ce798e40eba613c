"""The four highlight colours, by name (each theme draws them in its own shades)."""

COLORS = ("yellow", "green", "blue", "pink")
DEFAULT_COLOR = "yellow"
