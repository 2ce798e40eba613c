"""URL helpers shared by recommended-story capture and the library's dedupe.

Two addresses that a person would call "the same story" must compare equal after
``normalize_url``: case of scheme and host, default ports, fragments, trailing slashes,
parameter order and the tracking parameters that newsletters and social sites append.
"""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=8192)
def normalize_url(url: str) -> str:
    """A canonical spelling of ``url`` for equality tests (not for fetching).

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
    if parts.username or parts.password:
        auth = parts.username or ""
        if parts.password:
            auth += ":" + parts.password
        host = f"{auth}@{host}"
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
