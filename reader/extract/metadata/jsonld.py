"""JSON-LD: the fields of the object that describes the article, wherever the page put it.

Pages nest it in @graph, lists or mainEntity, point at authors by @id, and wrap the script
in CDATA or comments for old parsers; all of that is unwrapped here.
"""

from __future__ import annotations

import json
import re

# Any below: what json.loads gives; each field is checked where it is read
from typing import TYPE_CHECKING, Any

from reader.extract.metadata.bylines import name_only
from reader.extract.text import squash

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset(
    (
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "medicalwebpage",
        "report",
        "webpage",
        "creativework",
        "posting",
        "discussionforumposting",
        "review",
        "howto",
        "recipe",
    )
)
# Wrappers pages put around JSON-LD so old parsers skip it: CDATA, comments, "//".
_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def article_fields(root: HtmlElement) -> dict[str, str]:
    """Fields of the first JSON-LD object whose @type is an article (or the page)."""
    found: dict[str, str] = {}
    items: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = _LD_WRAPPER.sub("", script.text or "")
        try:
            data = json.loads(text)
        except ValueError:
            continue
        items.extend(_ld_items(data))
    # "author": {"@id": "#jane"} points at a Person described elsewhere in the graph.
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    for item in items:
        types = item.get("@type")
        type_names = [types] if isinstance(types, str) else types or []
        names = {str(t).lower() for t in type_names if isinstance(t, str)}
        if "website" in names or "organization" in names or "newsmediaorganization" in names:
            name = item.get("name")
            if isinstance(name, str) and "website_name" not in found:
                found["website_name"] = name
            continue
        if not names & ARTICLE_TYPES:
            continue
        _ld_article(item, found, by_id)
    return found


def _ld_items(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry, depth + 1)]
    if not isinstance(data, dict):
        return []
    items = [data]
    if isinstance(data.get("@graph"), list | dict):
        items.extend(_ld_items(data["@graph"], depth + 1))
    main = data.get("mainEntity")
    if isinstance(main, dict):
        items.extend(_ld_items(main, depth + 1))
    return items


def _ld_article(
    item: dict[str, Any], found: dict[str, str], by_id: dict[str, dict[str, Any]]
) -> None:
    # An Article-typed object beats a WebPage-typed one: it is more specific.
    is_page = str(item.get("@type")).lower() in ("webpage", "['webpage']")
    fields = {
        "headline": item.get("headline"),
        "name": None if is_page else item.get("name"),
        "author": _ld_names(item.get("author") or item.get("creator"), by_id),
        "published": item.get("datePublished"),
        "created": item.get("dateCreated"),
        "modified": item.get("dateModified"),
        "description": item.get("description"),
        "lang": item.get("inLanguage"),
        "image": _ld_url(item.get("image") or item.get("thumbnailUrl")),
    }
    publisher = item.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict):
        fields["site_name"] = publisher.get("name")
    for key, value in fields.items():
        fresh = key not in found or (found.get("_from") == "page" and not is_page)
        if isinstance(value, str) and value.strip() and fresh:
            found[key] = squash(value)
    if not is_page:
        found["_from"] = "article"
    else:
        found.setdefault("_from", "page")


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, str):
        return name_only(value)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return None
    names = []
    for entry in value:
        if isinstance(entry, dict) and "name" not in entry and entry.get("@id") in by_id:
            entry = by_id[entry["@id"]]
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, list):  # schema.org allows several values; the first is the name
            name = next((n for n in name if isinstance(n, str)), None)
        if isinstance(name, str) and (name := squash(name)) and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _ld_url(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None
