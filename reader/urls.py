"""URL helpers: what a source is (an address or a file), and when two addresses are one.

A source is what a person hands Reader: a file path or an http(s) address. ``is_url``
tells them apart (the one place that does), ``absolute_source`` spells a path so another
process can open it, and ``source_origin`` spells where an article came from the one way
the library compares (so loading the same file or page again updates it in place).

Two addresses that a person would call "the same story" must compare equal after
``normalize_url``: case of scheme and host, default ports, fragments, trailing slashes,
parameter order and the tracking parameters that newsletters and social sites append.
"""

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that say where a click came from, never which document it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gclsrc",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "ncid",
        "ocid",
        "soc_src",
        "soc_trk",
        "smid",
        "smtyp",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "vero_id",
        "wt.mc_id",
        "wt_mc",
        "xtor",
        "at_medium",
        "at_campaign",
        "ito",
        "intcmp",
        "icid",
        "sr_share",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "oly_", "__twitter", "spm")

DEFAULT_PORTS = {"http": 80, "https": 443}
WEB_SCHEMES = ("http", "https")
URL_SCHEMES = ("http://", "https://")
# Ad networks' redirects for a site's own (unpaid) recommendations: Outbrain sends the
# site's own stories through traffic.outbrain.com and paid ones through paid.outbrain.com
# (a BBC page: 12 of its 18 widget stories were BBC's own, through the first). Here, not in
# the recommended-story rules, because the sidebar reads it too and must not load that
# package for it (~30 ms of regexes).
ORGANIC_REDIRECT_HOSTS: tuple[str, ...] = ("traffic.outbrain.com",)


def is_url(source: str) -> bool:
    """An http(s) address (fetched), rather than a file path (read from disk)."""
    return source.lower().startswith(URL_SCHEMES)


def refused_source(source: str) -> str | None:
    """Why a source that is no http(s) address cannot be opened, or None: a blank one
    (taken for a path, it would name the working folder, and an import would walk all of
    it) or an address of another kind (``ftp://``, ``gopher://``).

    Said before the source is taken for a file, where it would only be "no such file".
    ``file://`` names a local file and is read as one.
    """
    if not source.strip():
        return "no file or address given"
    scheme, sep, _ = source.partition("://")
    if not sep or len(scheme) < 2 or not scheme.isascii() or not scheme.replace("+", "").isalnum():
        return None
    if scheme.lower() in (*WEB_SCHEMES, "file"):
        return None
    return (
        f"{scheme.lower()}:// addresses are not supported"
        " (Reader opens http(s) addresses and files)"
    )


def without_login(source: str) -> tuple[str, str | None]:
    """An address without the ``user:password@`` written into it, and the host it was for
    (None when there was none). Reader never keeps or shows such a login: the library,
    the recent files, messages and output only ever see the address without it."""
    if not is_url(source):
        return source, None
    try:
        parts = urlsplit(source)
        if parts.username is None and parts.password is None and "@" not in parts.netloc:
            return source, None
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return source, None
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), host


def absolute_source(source: str, cwd: str | None = None) -> str:
    """An address as given; a path made absolute against ``cwd`` (default: this process's),
    since whoever opens it later (the library, another Reader) has another working folder.
    A blank source stays blank: it names no file (see ``refused_source``)."""
    if is_url(source) or not source.strip():
        return source
    return os.path.abspath(os.path.join(cwd or os.getcwd(), os.path.expanduser(source)))


def source_origin(source: str) -> str | None:
    """Where an article was loaded from, spelled one way: the normalized URL or the
    absolute path with links resolved, so that loading the same file or page again
    updates it in place. None for no source (or stdin's "-")."""
    if not source or source == "-":
        return None
    if is_url(source):
        return normalize_url(source)
    try:
        return str(Path(source).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        return source


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=8192)
def normalize_url(url: str) -> str:
    """A canonical spelling of ``url`` for equality tests (not for fetching). A login
    written into the address is no part of which document it is, and is dropped.

    Never raises: text that does not parse as a URL comes back stripped, unchanged.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query_pairs = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    query = urlencode(sorted(query_pairs))
    if not scheme and not host:
        # A relative or opaque reference: only drop the fragment and the tracking.
        return urlunsplit(("", "", parts.path, query, ""))
    return urlunsplit((scheme, host, path, query, ""))


@lru_cache(maxsize=8192)  # pages repeat hrefs and image sources; urljoin is not cheap
def resolve(href: str, base: str | None) -> str | None:
    """``href`` made absolute as a browser would against ``base``; http(s) only, else None.

    The fragment is kept (it belongs to the link); whitespace and control characters that
    browsers strip from attribute values are stripped here too.
    """
    text = href.strip()
    if "\n" in text or "\t" in text or "\r" in text:
        text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    if not text and not base:
        return None
    try:
        absolute = urljoin(base, text) if base else text
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, parts.fragment)
    )


def reference_name(url: str) -> str:
    """The file name a reference ends in ("page_files/pic%201.png?v=2" -> "pic 1.png"):
    how an image is still found when the view hands its address back resolved against
    the page or re-encoded."""
    return unquote(url).split("?")[0].rstrip("/").rsplit("/", 1)[-1]


# Host labels that name no site ("www.", "en.", "m.") and second-level domains ("co.uk").
_NAMELESS_LABELS = frozenset({"www", "m", "amp", "mobile", "en", "blog", "blogs", "news"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def site_label(host: str) -> str:
    """The name a site is known by, from its host: "en.wikipedia.org" -> "wikipedia",
    "www.bbc.co.uk" -> "bbc" (what a title suffix or a "BBC News" credit says)."""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    labels = [label for label in labels if label not in _NAMELESS_LABELS]
    return labels[-1] if labels else host
