"""The stories sidebar: this article's recommended stories and "For you", as cards."""
