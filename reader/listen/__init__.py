"""Listening: the spoken script of an article, voice rules, and the espeak-ng engine of
`reader speak`. No Qt here; the window speaks through reader.ui."""
