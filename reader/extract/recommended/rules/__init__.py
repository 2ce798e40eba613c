"""Words, tokens and URL patterns that recommended-story capture relies on, kept as data.

Every rule lives here so that tuning for a new site layout is a data change, not a code
change: ``heading_prefixes`` (headings that open a block), ``phrases`` (other heading and
inline labels), ``tokens`` (class/id words), ``texts`` (sponsor labels, utility link texts)
and ``links`` (URLs that are never stories).
"""
