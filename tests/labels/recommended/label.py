"""Labelling helper: lists a corpus page's link groups for a person to judge, and writes
the judgement as labels. It never decides what a story is: it only groups links so that
reading a page takes minutes, not an hour.

    python tests/labels/recommended/label.py todo              pages not labelled yet
    python tests/labels/recommended/label.py show PAGE         the page's link groups
    python tests/labels/recommended/label.py outline PAGE      labels, prose and groups in order
    python tests/labels/recommended/label.py set PAGE [G3=related[:SPEC]] [J1=more] ...
    python tests/labels/recommended/label.py list PAGE         the labels as stored

``show`` prints every group of links in page order: where it sits (tag.class path, inside
nav/header/footer), the heading before it, and each distinct link (text and URL). Links
inside prose (a link in a sentence) are only counted. Lists found only in the page's data
(JSON-LD ItemList, __NEXT_DATA__, window.__INITIAL_STATE__...) are groups J1, J2...

``set`` stores the stories of the chosen groups (kind: related, popular, latest, more).
SPEC is a comma list: ``-3`` or ``-3..8`` drops items, ``+1..5`` keeps only those items,
``s`` marks every item sponsored, ``s3`` / ``s3..5`` marks items sponsored; a bare number
continues the sign before it (``+4,6`` keeps items 4 and 6). ``G3..G9=more`` applies
one choice to a run of groups; ``@more=URL`` adds a story link that no group shows (a
card whose teaser makes it look like prose). ``set PAGE``
alone records that the page recommends nothing. A story already taken keeps its first kind.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import corpus_pages
from corpus_pages import KINDS, LABELS, CorpusPage

from reader.urls import normalize_url, resolve

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
FURNITURE = ("nav", "header", "footer", "menu")
SENTENCE_EXTRA = 80  # a link with this much more text around it in its paragraph
SHOW_ITEMS = 6  # items printed per group before the rest is only counted (--all: every item)


@dataclass
class Group:
    gid: str
    where: str
    heading: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, absolute url)
    element: object = None  # the container (markup groups)


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join(element.text_content().split())


def _link_text(link) -> str:  # type: ignore[no-untyped-def]
    text = _text(link)
    if text:
        return text
    for img in link.iter("img"):
        if img.get("alt"):
            return "[img] " + " ".join(img.get("alt").split())
    label = " ".join((link.get("aria-label") or link.get("title") or "").split())
    if label:
        return "[" + label + "]"
    card = link.getparent()
    for _ in range(2):  # an empty link laid over a card: the card's heading names it
        heading = next(card.iter(*HEADINGS), None) if card is not None else None
        if heading is not None:
            return "[card] " + _text(heading)
        card = card.getparent() if card is not None else None
    return "[]"


def _describe(element) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for node in [element, *element.iterancestors()][:4]:
        name = node.tag
        if node.get("id"):
            name += "#" + node.get("id")[:20]
        if node.get("class"):
            name += "." + ".".join(node.get("class").split()[:2])[:30]
        parts.append(name)
    return " < ".join(parts)


def _heading_before(container) -> str:  # type: ignore[no-untyped-def]
    """The nearest heading before the container's first link, within three levels up."""
    node = container
    for _ in range(4):
        first = next(node.iter(*HEADINGS), None)
        if first is not None and node is container:
            return _text(first)[:70]
        previous = node.getprevious()
        steps = 0
        while previous is not None and steps < 3:
            if isinstance(previous.tag, str):
                found = [h for h in previous.iter(*HEADINGS)]
                if previous.tag in HEADINGS or found:
                    return _text(found[-1] if found else previous)[:70]
                label = _text(previous)
                if label and len(label) < 40 and not len(previous.findall(".//a")):
                    return "~" + label[:40]
            previous = previous.getprevious()
            steps += 1
        node = node.getparent()
        if node is None:
            break
    return ""


def _in_sentence(link) -> bool:  # type: ignore[no-untyped-def]
    """A link in running text. A card's title is not: a link in a heading, or the link an
    item's text starts with (a title over its teaser)."""
    for ancestor in link.iterancestors():
        if ancestor.tag in HEADINGS:
            return False
        if ancestor.tag in ("p", "dd", "blockquote", "td", "li"):
            if ancestor.tag != "p" and _text(ancestor).startswith(_text(link)[:40]):
                return False
            return len(_text(ancestor)) - len(_text(link)) > SENTENCE_EXTRA
        if ancestor.tag in ("div", "section", "article", "body", "ul", "ol"):
            return False
    return False


def markup_groups(root, base: str | None) -> tuple[list[Group], int]:  # type: ignore[no-untyped-def]
    """Links grouped by the lowest container holding two distinct ones; sibling containers
    of one shape (cards) merged into their parent."""
    links = []
    in_prose = 0
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = resolve(href, base)
        if url is None:
            continue
        if _in_sentence(link):
            in_prose += 1
            continue
        links.append((link, url))
    holds: dict = {}
    for link, url in links:
        key = normalize_url(url)
        for ancestor in link.iterancestors():
            holds.setdefault(ancestor, set()).add(key)
    container_of = {}
    for link, _ in links:
        container = next((a for a in link.iterancestors() if len(holds[a]) >= 2), None)
        container_of[link] = container if container is not None else link.getparent()

    def shape(element) -> tuple:  # type: ignore[no-untyped-def]
        return (element.tag, (element.get("class") or "").split()[:1])

    # Containers in page order: sets of elements iterate in memory order, and group
    # numbers must not change between "show" and "set".
    order = {element: index for index, element in enumerate(root.iter())}
    changed = True
    while changed:
        changed = False
        by_parent: dict = {}
        for container in sorted(set(container_of.values()), key=order.__getitem__):
            parent = container.getparent()
            if parent is not None:
                by_parent.setdefault((parent, str(shape(container))), set()).add(container)
        for (parent, _), siblings in by_parent.items():
            if len(siblings) >= 2:
                for link, container in container_of.items():
                    if container in siblings:
                        container_of[link] = parent
                        changed = True
    groups: dict = {}
    for link, url in links:
        container = container_of[link]
        if container not in groups:
            furniture = [
                a.tag for a in [container, *container.iterancestors()] if a.tag in FURNITURE
            ]
            where = _describe(container) + (f"  [in {','.join(furniture)}]" if furniture else "")
            groups[container] = Group(
                f"G{len(groups) + 1}", where, _heading_before(container), element=container
            )
        group = groups[container]
        text = _link_text(link)
        same = [i for i, (_, u) in enumerate(group.links) if normalize_url(u) == normalize_url(url)]
        if not same:
            group.links.append((text, url))
        elif group.links[same[0]][0].startswith("[") and not text.startswith("["):
            group.links[same[0]] = (text, group.links[same[0]][1])  # a titled twin link
    return list(groups.values()), in_prose


TITLE_KEYS = ("title", "headline", "name", "seoTitle", "shortTitle", "displayTitle")
URL_KEYS = (
    "url",
    "href",
    "link",
    "canonicalUrl",
    "canonical_url",
    "shareUrl",
    "permalink",
    "path",
    "uri",
)


def _walk_lists(value, path: str, found: list) -> None:  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for key, child in value.items():
            _walk_lists(child, f"{path}.{key}", found)
    elif isinstance(value, list):
        entries = []
        for item in value:
            if isinstance(item, dict):
                inner = item.get("item") if isinstance(item.get("item"), dict) else item
                title = next((inner[k] for k in TITLE_KEYS if isinstance(inner.get(k), str)), None)
                url = next((inner[k] for k in URL_KEYS if isinstance(inner.get(k), str)), None)
                if url is None and isinstance(item.get("item"), str):
                    url = item["item"]
                if title and url:
                    entries.append((title, url))
        if len(entries) >= 2:
            found.append((path, entries))
        for index, item in enumerate(value):
            _walk_lists(item, f"{path}[{index}]", found)


def data_groups(root, base: str | None) -> list[Group]:  # type: ignore[no-untyped-def]
    found: list = []
    for script in root.iter("script"):
        text = script.text or ""
        kind = (script.get("type") or "").lower()
        payloads = []
        if kind == "application/ld+json" or script.get("id") == "__NEXT_DATA__":
            with contextlib.suppress(ValueError):
                payloads.append(("ld" if "ld" in kind else "next", json.loads(text)))
        else:
            for match in re.finditer(r"(window\.__[A-Z_]+__|__NUXT__)\s*=\s*", text):
                with contextlib.suppress(ValueError):
                    decoded = json.JSONDecoder().raw_decode(text, match.end())[0]
                    payloads.append((match.group(1), decoded))
        for name, payload in payloads:
            _walk_lists(payload, name, found)
    groups = []
    for path, entries in found:
        group = Group(f"J{len(groups) + 1}", path[:90], "")
        for title, url in entries:
            absolute = resolve(url, base)
            if absolute and all(
                normalize_url(absolute) != normalize_url(u) for _, u in group.links
            ):
                group.links.append((" ".join(title.split()), absolute))
        if group.links:
            groups.append(group)
    return groups


def _short(url: str, page: CorpusPage) -> str:
    return url[len("http://fakehost") :] if url.startswith("http://fakehost/") else url


def groups_of(page: CorpusPage) -> tuple[list[Group], int, str]:
    root, base, url = corpus_pages.parse(page)
    groups, in_prose = markup_groups(root, base)
    return groups + data_groups(root, base), in_prose, url


SOCIAL = re.compile(
    r"//([^/]*\.)?(facebook|twitter|x|linkedin|pinterest|reddit|instagram|youtube|tumblr|"
    r"whatsapp|plus\.google|t)\.(com|me|co)/"
)


def show(page: CorpusPage, everything: bool = False) -> None:
    groups, in_prose, page_url = groups_of(page)
    print(f"# {page.name}  ({'held out' if page.held_out else 'tuning'})  {page_url}")
    print(f"# links inside prose: {in_prose}")
    for group in groups:
        words = [len(t.split()) if t.isascii() else len(t) // 4 for t, _ in group.links]
        texts = ", ".join(t[:24] for t, _ in group.links[:6])
        if not everything and "[in " in group.where:
            where = group.where[group.where.index("[in ") :]
            print(f"{group.gid} {where} {len(group.links)} links: {texts}")
            continue
        own = urlsplit(page_url).netloc
        if not everything and all(
            (SOCIAL.search(u) and urlsplit(u).netloc != own) or t in ("[]", "")
            for t, u in group.links
        ):
            print(f"{group.gid} share/social/empty, {len(group.links)} links")
            continue
        if not everything and group.links and max(words) <= 2 and len(group.links) > 3:
            print(f"{group.gid} {group.where} | {len(group.links)} short links: {texts}")
            continue
        if not everything and all(urlsplit(u).path in ("", "/") for _, u in group.links):
            print(f"{group.gid} {len(group.links)} front pages: {texts}")
            continue
        if not everything and len(group.links) <= 3 and max(words) <= 3:
            print(f"{group.gid} {len(group.links)} short: {texts}")
            continue
        where = group.where.split(" < ")[0]
        print(f"{group.gid} {where} | {group.heading[:50]!r}")
        shown = len(group.links) if everything else SHOW_ITEMS
        host = urlsplit(page_url).netloc
        for number, (text, url) in enumerate(group.links[:shown], 1):
            short = url.split(host, 1)[1] if host and f"//{host}/" in url else url
            print(f"   {number:2} {text[:45]!r} {short[:65]}")
        if len(group.links) > shown:
            print(f"   ... {len(group.links) - shown} more")


def outline(page: CorpusPage) -> None:
    """Headings, short labels, prose and groups in page order: where each group sits
    (which heading it follows, before or after the story's paragraphs)."""
    root, base, _ = corpus_pages.parse(page)
    groups, _ = markup_groups(root, base)
    starts = {group.element: group for group in groups}
    prose = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head"):
            continue
        group = starts.get(element)
        if group is not None:
            if prose:
                print(f"   [prose: {prose} paragraphs]")
                prose = 0
            furniture = "[in " in group.where
            print(f"{group.gid:>5} {len(group.links)} links {'(furniture)' if furniture else ''}")
            continue
        if element.tag == "p" and len(_text(element)) > 80:
            prose += 1
            continue
        text = _text(element)
        label = element.tag in HEADINGS or (
            not len(element) and 0 < len(text) < 50 and element.tag not in ("a", "option")
        )
        if label and text and element.find(".//a") is None:
            if prose:
                print(f"   [prose: {prose} paragraphs]")
                prose = 0
            print(f"      {element.tag}: {text[:70]}")


def _ranges(spec: str) -> list[int]:
    if ".." in spec:
        first, last = spec.split("..")
        return list(range(int(first), int(last) + 1))
    return [int(spec)]


def choose(group: Group, kind: str, spec: str) -> list[list]:
    every = set(range(1, len(group.links) + 1))
    dropped: set[int] = set()
    only: set[int] = set()
    sponsored: set[int] = set()
    mode = ""
    for token in filter(None, spec.split(",")):
        if token == "s":
            sponsored = set(every)
            continue
        if token[0] in "s+-":
            mode, token = token[0], token[1:]
        if not mode or not token[:1].isdigit():
            raise SystemExit(f"bad item spec {token!r}")
        {"s": sponsored, "+": only, "-": dropped}[mode].update(_ranges(token))
    keep = (only or every) - dropped
    return [
        [url, kind, number in sponsored]
        for number, (_, url) in enumerate(group.links, 1)
        if number in keep
    ]


def set_labels(page: CorpusPage, choices: list[str], note: str) -> None:
    found, _, page_url = groups_of(page)
    groups = {g.gid: g for g in found}
    stories: list[list] = []
    seen: set[str] = {normalize_url(page_url)}  # the page's own address is never a story
    for choice in choices:
        if choice.startswith("@"):  # "@more=URL": a story link no group holds
            kind, _, url = choice[1:].partition("=")
            absolute = resolve(url, page_url)
            if kind not in KINDS or absolute is None:
                raise SystemExit(f"bad direct story {choice!r}")
            if normalize_url(absolute) not in seen:
                seen.add(normalize_url(absolute))
                stories.append([absolute, kind, False])
            continue
        gids, _, rest = choice.partition("=")
        kind, _, spec = rest.partition(":")
        first, _, last = gids.partition("..")
        prefix = first[0]
        numbers = range(int(first[1:]), int((last or first).lstrip(prefix)) + 1)
        if kind not in KINDS or any(f"{prefix}{n}" not in groups for n in numbers):
            raise SystemExit(f"unknown group or kind in {choice!r}")
        for number in numbers:
            for story in choose(groups[f"{prefix}{number}"], kind, spec):
                key = normalize_url(story[0])
                if key not in seen:
                    seen.add(key)
                    stories.append(story)
    corpus = page.name.split("/")[0]
    path = LABELS / f"{corpus}.json"
    entry = {
        "page": page.name,
        "url": page_url,
        "held_out": page.held_out,
        **({"split": page.split} if page.split not in ("tuning", "held-out") else {}),
        "note": note,
        "choices": " ".join(choices),
        "stories": stories,
    }
    order = {p.name: i for i, p in enumerate(corpus_pages.sample())}
    with open(path, "a+", encoding="utf-8") as held:  # labellers working side by side
        fcntl.flock(held, fcntl.LOCK_EX)
        _store(path, entry, order)
    print(f"{page.name}: {len(stories)} stories")
    for url, kind, paid in stories:
        print(f"   {kind:8} {'$' if paid else ' '} {_short(url, page)[:110]}")


def _store(path: Path, entry: dict, order: dict[str, int]) -> None:
    """Put ``entry`` in its corpus file in place of the page's old one, pages in sample
    order."""
    text = path.read_text(encoding="utf-8")
    entries = [e for e in (json.loads(text) if text.strip() else []) if e["page"] != entry["page"]]
    entries.append(entry)
    entries.sort(key=lambda e: order[e["page"]])
    path.write_text(_dump(entries), encoding="utf-8")


def _dump(entries: list[dict]) -> str:
    """One story per line: the labels read (and diff) as a list."""
    lines = ["["]
    for index, entry in enumerate(entries):
        keys = ("page", "url", "held_out", "split", "note", "choices")
        head = json.dumps({k: entry[k] for k in keys if k in entry}, ensure_ascii=False)
        lines.append("  " + head[:-1] + ', "stories": [')
        stories = [json.dumps(s, ensure_ascii=False) for s in entry["stories"]]
        lines.extend(
            f"    {s}," if i < len(stories) - 1 else f"    {s}" for i, s in enumerate(stories)
        )
        lines.append("  ]}" + ("," if index < len(entries) - 1 else ""))
    lines.append("]")
    return "\n".join(lines) + "\n"


def _headline_like(text: str) -> bool:
    return len(text.split()) >= 4 or (not text.isascii() and len(text) >= 8)


def audit(pages: list[CorpusPage]) -> None:
    """Groups of headline-like links outside nav/header/footer with none of their links
    labelled: a second look for lists the first pass may have skipped."""
    labels = corpus_pages.load_labels()
    for page in pages:
        taken = {normalize_url(url) for url, _, _ in labels[page.name]["stories"]}
        singles: dict[str, list[str]] = {}
        for group in groups_of(page)[0]:
            heads = [(t, u) for t, u in group.links if _headline_like(t.replace("[card] ", ""))]
            if (
                "[in " not in group.where
                and len(heads) == 1
                and normalize_url(heads[0][1]) not in taken
            ):
                singles.setdefault(group.where.split(" < ")[0], []).append(group.gid)
        for where, gids in singles.items():
            if len(gids) >= 3:
                print(f"{page.name} single cards {where}: {' '.join(gids)}")
        for group in groups_of(page)[0]:
            if "[in " in group.where:
                continue
            heads = [(t, u) for t, u in group.links if _headline_like(t.replace("[card] ", ""))]
            if len(heads) < 2 or any(normalize_url(u) in taken for _, u in group.links):
                continue
            texts = " | ".join(t[:30] for t, _ in heads[:3])
            print(f"{page.name} {group.gid} ({len(group.links)}) {group.heading[:30]!r}: {texts}")


def main(argv: list[str]) -> int:
    pages = {p.name: p for p in corpus_pages.sample()}
    command = argv[0] if argv else "todo"
    if command == "todo":
        done = corpus_pages.load_labels()
        for name, page in pages.items():
            if name not in done:
                print(name, "" if page.split == "tuning" else f"({page.split})")
        return 0
    if command == "audit":
        audit([p for p in pages.values() if p.name in corpus_pages.load_labels()])
        return 0
    page = pages[argv[1]]
    if command == "show":
        show(page, "--all" in argv)
    elif command == "outline":
        outline(page)
    elif command == "set":
        note = next((a[5:] for a in argv[2:] if a.startswith("note=")), "")
        set_labels(page, [a for a in argv[2:] if not a.startswith("note=")], note)
    elif command == "list":
        entry = corpus_pages.load_labels()[page.name]
        for url, kind, paid in entry["stories"]:
            print(f"   {kind:8} {'$' if paid else ' '} {url}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except BrokenPipeError:  # output piped into head
        sys.stderr.close()
