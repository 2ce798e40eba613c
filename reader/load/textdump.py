"""Plain-text page dumps become HTML, so one extraction pipeline serves every format.

A dump (from a text browser or a scraper, see DESIGN.md) keeps a page's structure as
line patterns: an optional ``date YYYY-MM-DD Title`` first line, ``  • item`` bullets with
indented continuation lines, blank-line paragraphs, a byline beside a "·N min read" line,
the story, then a "Recommended Stories" list of title lines each followed by a summary.
The patterns live here as data; the converter only groups lines and writes markup.
"""

import html
import re
from dataclasses import dataclass

# ``date 2021-05-19 Title of the page`` (a time after the date is tolerated).
DATE_TITLE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+Z-]+)?\s+(\S.*)$", re.I)

# ``·2 min read``, ``5 minute read``, ``| 3 mins read``.
READING_TIME = re.compile(
    r"^[\s·•|–—-]*(\d{1,3})\s*(?:min|mins|minute|minutes)\.?\s+read\b\W*$", re.I
)

# ``  • item`` (also ◦ ▪ ‣ * - –). The mark must be followed by a space.
BULLET = re.compile(r"^(?P<indent>[ ]*)[•◦▪‣*–-][ ]+(?P<text>\S.*)$")

# ``By Jane Doe`` in the page header.
BY_PREFIX = re.compile(r"^by[:\s]+(?P<name>\S.*)$", re.I)

# Headings that open the list of stories a page recommends (whole line, any case).
RECOMMENDED_HEADINGS = re.compile(
    r"^(?:recommended(?: stories| for you| reading| articles)?|related(?: stories| articles"
    r"| content| coverage)?|more stories|more to read|read more|read next|up next|"
    r"you (?:may|might) also like|trending(?: now| stories)?|most popular|most read|"
    r"popular stories|top stories|more from .{1,40})\s*:?$",
    re.I,
)

# Name words: capitalised; these lower-case particles may sit between them.
NAME_PARTICLES = frozenset(
    {"and", "&", "de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "la", "le"}
    | {"bin", "al", "el", "y", "e", "ter", "zu", "dos", "das"}
)
MAX_NAME_WORDS = 8  # "Jean-Luc de la Fontaine and Mary Smith" fits; a sentence does not
MAX_NAME_CHARS = 80

# A first line this short, with no sentence punctuation, is the title when no date line is.
MAX_TITLE_CHARS = 150
# A recommended title line: short and not a finished sentence (summaries end with ".").
MAX_STORY_TITLE_CHARS = 200

# After this many words of story, no line is taken for a byline any more.
HEADER_WORDS = 40


@dataclass
class Block:
    """A run of lines: kind is bullet, para (indented or not), time or heading."""

    kind: str
    lines: list[str]
    indent: int = 0
    after_blank: bool = True

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blocks(lines: list[str]) -> list[Block]:
    """Group lines: bullets with their continuation lines, paragraphs, special lines."""
    blocks: list[Block] = []
    blank = True
    for line in lines:
        if not line.strip():
            blank = True
            continue
        previous = blocks[-1] if blocks else None
        stripped = line.strip()
        bullet = BULLET.match(line)
        if READING_TIME.match(stripped):
            blocks.append(Block("time", [stripped], after_blank=blank))
        elif RECOMMENDED_HEADINGS.match(stripped) and blank:
            blocks.append(Block("heading", [stripped], after_blank=blank))
        elif bullet:
            blocks.append(Block("bullet", [bullet["text"]], len(bullet["indent"]), blank))
        elif (
            previous is not None
            and not blank
            and (
                (previous.kind == "bullet" and _indent(line) > previous.indent)
                or previous.kind == "para"
            )
        ):
            previous.lines.append(stripped)
        else:
            blocks.append(Block("para", [stripped], _indent(line), blank))
        blank = False
    return blocks


def _name_like(text: str) -> bool:
    """A short run of capitalised words (with particles): a person's or agency's name."""
    words = text.replace(",", " ").split()
    if not words or len(words) > MAX_NAME_WORDS or len(text) > MAX_NAME_CHARS:
        return False
    if text.rstrip()[-1] in ".!?:;" and not re.search(r"\b\w\.$", text):
        return False
    return all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words) and any(
        word[0].isupper() for word in words
    )


def _find_bylines(blocks: list[Block]) -> set[int]:
    """Blocks that are bylines: "By Name", or a name standing beside the reading time."""
    found: set[int] = set()
    words = 0
    for index, block in enumerate(blocks):
        if words > HEADER_WORDS:
            break
        if block.kind != "para" or len(block.lines) != 1:
            if block.kind == "para":
                words += len(block.text.split())
            continue
        text = block.text
        by = BY_PREFIX.match(text)
        neighbours = [blocks[j].kind for j in (index - 1, index + 1) if 0 <= j < len(blocks)]
        if (by and _name_like(by["name"])) or ("time" in neighbours and _name_like(text)):
            found.add(index)
        else:
            words += len(text.split())
    return found


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _title_from_blocks(blocks: list[Block]) -> str | None:
    """Without a date line, a short first paragraph line with no full stop is the title."""
    if not blocks or blocks[0].kind != "para" or len(blocks[0].lines) != 1:
        return None
    text = blocks[0].text
    if len(text) <= MAX_TITLE_CHARS and not text.endswith((".", ",", ";", ":")):
        return text
    return None


def _article(blocks: list[Block], title: str | None) -> list[str]:
    out = ["<article>"]
    if title:
        out.append(f"<h1>{_esc(title)}</h1>")
    bylines = _find_bylines(blocks)
    in_list = False
    for index, block in enumerate(blocks):
        is_item = block.kind == "bullet" or (
            in_list and block.kind == "para" and block.indent > 0 and block.after_blank
        )
        if in_list and not is_item:
            out.append("</ul>")
            in_list = False
        if block.kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_esc(block.text)}</li>")
        elif is_item:
            # An indented paragraph after a bullet belongs to that item.
            out[-1] = out[-1].removesuffix("</li>") + f"<p>{_esc(block.text)}</p></li>"
        elif block.kind == "time":
            match = READING_TIME.match(block.text)
            minutes = match.group(1) if match else block.text
            out.append(f'<p class="reading-time">{_esc(minutes)} min read</p>')
        elif index in bylines:
            by = BY_PREFIX.match(block.text)
            name = by["name"] if by else block.text
            out.append(f'<p class="byline">{_esc(name)}</p>')
        else:
            out.append(f"<p>{_esc(block.text)}</p>")
    if in_list:
        out.append("</ul>")
    out.append("</article>")
    return out


def _story_items(blocks: list[Block]) -> list[tuple[str, str]]:
    """(title, summary) pairs: bullets own the paragraphs under them; else title/summary."""
    items: list[tuple[str, list[str]]] = []
    if any(block.kind == "bullet" for block in blocks):
        for block in blocks:
            if block.kind == "bullet":
                items.append((block.text, []))
            elif items:
                items[-1][1].append(block.text)
        return [(title, " ".join(summary)) for title, summary in items]
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if len(block.lines) > 1 and _title_like(block.lines[0]):
            items.append((block.lines[0], [" ".join(block.lines[1:])]))
        elif _title_like(block.text) and index + 1 < len(blocks):
            following = blocks[index + 1]
            if _title_like(following.text):
                items.append((block.text, []))
            else:
                items.append((block.text, [following.text]))
                index += 1
        else:
            items.append((block.text, []))
        index += 1
    return [(title, " ".join(summary)) for title, summary in items]


def _title_like(text: str) -> bool:
    return len(text) <= MAX_STORY_TITLE_CHARS and not text.rstrip().endswith((".", "…", ":"))


def _aside(heading: str, blocks: list[Block]) -> list[str]:
    out = ['<aside class="recommended">', f"<h2>{_esc(heading)}</h2>", "<ul>"]
    for title, summary in _story_items(blocks):
        item = f"<li><h3>{_esc(title)}</h3>"
        if summary:
            item += f"<p>{_esc(summary)}</p>"
        out.append(item + "</li>")
    out += ["</ul>", "</aside>"]
    return out


def dump_to_html(text: str) -> str:
    """Turn a plain-text page dump into the HTML shape INTERFACES.md describes."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    lines = [line.rstrip() for line in lines]
    title: str | None = None
    date: str | None = None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        match = DATE_TITLE.match(lines[first].strip())
        if match:
            date, title = match.group(1), match.group(2).strip()
            lines = lines[first + 1 :]
    blocks = _blocks(lines)
    if title is None:
        title = _title_from_blocks(blocks)
        if title is not None:
            blocks = blocks[1:]

    # Split off the recommended sections: each heading opens one.
    main: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.kind == "heading":
            sections.append((block.text, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            main.append(block)

    head = ['<meta charset="utf-8">']
    if title:
        head.append(f"<title>{_esc(title)}</title>")
    if date:
        head.append(f'<meta name="date" content="{date}">')
    body = _article(main, title)
    for heading, section in sections:
        body += _aside(heading, section)
    return (
        "<!DOCTYPE html>\n<html><head>"
        + "".join(head)
        + "</head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
