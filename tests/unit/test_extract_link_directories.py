"""Pages whose story is a directory of links (issue 13: CleanEval pages that came out with a
fifth of their words), each mechanism on a small page written for the test.

readability's clean-up drops boxes for their share of link text; on a directory those links
are the entries, and its story came out as the few teasers long enough to survive. And an
old page laid out as a run of like tables (one per letter, one per topic) lost every table
but the best-scored one.
"""

from reader.extract import extract
from reader.model import Article, Page

TOPICS = ("Rivers", "Mountains", "Forests", "Deserts", "Islands", "Lakes", "Coasts", "Valleys")
LONG = "office that maps every bend and shore of the land for walkers and anglers alike "
SITES = ("Harbour", "Lighthouse", "Ferry", "Pier", "Dock", "Quay")


def article(html: str) -> Article:
    return extract(Page(source="test.html", html=html))


def directory_page() -> str:
    """Topic boxes in a layout table: a topic's name, its links, one teaser (a few long)."""
    cells = []
    for n, topic in enumerate((*TOPICS, "Glaciers")):
        links = "".join(
            f"<tr><td><a href='/{topic}/{k}'>{topic} part {k}</a></td></tr>" for k in range(8)
        )
        cells.append(
            f"<td><table><tr><td><a href='/{topic}'>{topic.upper()}</a></td></tr>"
            f"<tr><td><table><tr><td><table>{links}</table></td><td><table><tr><td>"
            f"<a href='/news/{n}'>New guide to {topic.lower()}</a><br>"
            f"<font>The {topic.lower()} of the north in a new field guide from the survey "
            f"{LONG if n % 3 == 0 else ''}...</font></td></tr></table>"
            "</td></tr></table></td></tr></table></td>"
        )
    rows = "".join("<tr>" + "".join(cells[r * 3 : r * 3 + 3]) + "</tr>" for r in range(3))
    return (
        "<html><head><title>Atlas directory</title></head><body>"
        "<div><a href='/'>Home</a> | <a href='/add'>Add a site</a></div>"
        f"<table cellspacing='8'>{rows}</table></body></html>"
    )


def test_a_directory_keeps_the_links_the_cleaning_took_for_link_density() -> None:
    # readability keeps the three long teasers (about a quarter of the page); trafilatura's
    # opinion agrees with the directory as it was before the clean-up, which dropped the
    # topic links and the short teasers for their link density.
    text = article(directory_page()).text
    for topic in TOPICS:
        assert f"{topic} part 7" in text
        assert f"New guide to {topic.lower()}" in text


def links_page() -> str:
    """Five like tables of links, each a description under its link; the first table's
    descriptions are longer (it wins readability's scoring alone)."""
    tables = []
    for t in range(5):
        more = ", history, maps, tides, fares" if t == 0 else ""
        cells = "".join(
            "<td width='50%'><font color='#00ccff'>"
            + "".join(
                f"<a href='http://{name.lower()}{t}{c}{k}.example'>{name.upper()} {t}{c}{k}</a>"
                f"<br>Photos and timetables{more} of the crossings<br><br>"
                for k, name in enumerate(SITES)
            )
            + "</font></td>"
            for c in range(2)
        )
        tables.append(f"<table border='2' width='100%'><tr>{cells}</tr></table>")
    return (
        "<html><head><title>Harbour links</title></head><body>"
        "<p><b>Links to harbour sites, checked this spring.</b></p>"
        + "".join(tables)
        + "</body></html>"
    )


def test_a_page_laid_out_as_like_tables_keeps_every_table() -> None:
    text = article(links_page()).text
    for t in range(5):
        for c in range(2):
            for k, name in enumerate(SITES):
                assert f"{name.upper()} {t}{c}{k}" in text
