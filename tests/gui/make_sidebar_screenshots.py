"""Screenshots of the sidebar, offscreen: `python tests/gui/make_sidebar_screenshots.py [OUT]`.

Saves a few invented articles with overlapping recommendations into a throwaway library,
then grabs the sidebar in "This article" and "For you" (light and dark) side by side as
docs/screenshots/sidebar-for-you.png.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-sidebar-shots-")

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

SIZE = (340, 760)
GAP = 16


def stories() -> dict[str, object]:
    from reader.model import Story

    def s(title: str, slug: str | None, summary: str, source: str = "", ad: bool = False) -> Story:
        url = f"https://coastnews.example/{slug}" if slug else None
        if ad:
            url = f"https://ads.example.net/click?c={slug}"
        return Story(title, url, summary, source, sponsored=ad)

    return {
        "tides": s(
            "Spring tides reach the old quay for the first time in a decade",
            "tides",
            "Harbour staff moved the fish stalls twice on Sunday as the water rose "
            "over the lowest steps of the quay.",
            "Coast News",
        ),
        "ferry": s(
            "Night ferry returns to the island timetable",
            "ferry",
            "Two crossings a week from June, after a winter without any evening boat.",
        ),
        "keeper": s(
            "The last lighthouse keeper on the north cape retires",
            "keeper",
            "Forty-one years of logbooks go to the town museum.",
            "Harbour Radio",
        ),
        "cod": s(
            "Fishermen count a record catch in the bay",
            None,
            "Cod came back to the bay this spring, and nobody is quite sure why.",
        ),
        "market": s(
            "The fish market reopens under a new roof",
            "market",
            "Stalls, a café and a cold room that finally works.",
        ),
        "bet": s(
            "Double your winnings tonight", "bet", "New customers only. 18+.", "BetHarbour", ad=True
        ),
        "storm": s(
            "Storm warning for the whole coast this weekend",
            "storm",
            "Gusts up to 110 km/h; ferries may stop on Saturday.",
            "Coast News",
        ),
        "gulls": s(
            "Why the gulls got bolder",
            "gulls",
            "A biologist on chips, bins and the end of the fishing waste.",
        ),
    }


def build_library() -> int:
    from reader.model import Article
    from reader.store import Library

    st = stories()

    def article(slug: str, title: str, keys: list[str]) -> Article:
        return Article(
            source=slug,
            title=title,
            content_html=f"<p>{title}</p>",
            text=title,
            url=f"https://coastnews.example/{slug}",
            recommended=tuple(st[k] for k in keys),  # type: ignore[misc]
        )

    with Library() as lib:
        lib.save(
            article(
                "market", "The fish market reopens under a new roof", ["tides", "storm", "gulls"]
            )
        )
        lib.save(article("harbour", "Harbour budget", ["tides", "storm", "ferry"]))
        lib.save(article("quay", "Quay repairs", ["tides", "keeper"]))
        current = lib.save(
            article(
                "morning",
                "Morning at the harbour",
                ["tides", "ferry", "bet", "keeper", "cod", "market"],
            )
        )
        lib.mark_opened(lib.find_by_url("https://coastnews.example/market") or current)
    return current


def main() -> int:
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from reader.store import Library
    from reader.ui.reading import themes
    from reader.ui.sidebar.sidebar import Sidebar, StoryItem

    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    current = build_library()
    with Library() as lib:
        items = [StoryItem.from_stored(row) for row in lib.stories(current)]

    grabs: list[QPixmap] = []
    for theme, mode, ads in (
        ("light", "article", True),
        ("light", "for_you", False),
        ("dark", "for_you", False),
        ("sepia", "detail", False),
    ):
        sidebar = Sidebar()
        sidebar.apply_palette(themes.palette(themes.load_theme(theme), QApplication.palette()))
        sidebar.resize(*SIZE)
        sidebar.show()
        sidebar.set_stories(items, article_id=current)
        sidebar.set_show_ads(ads)
        if mode == "for_you":
            sidebar.show_for_you()
            sidebar.wait_idle()
        for _ in range(10):
            app.processEvents()
        sidebar.list.setFocus()
        sidebar.select_next()
        if mode == "detail":  # the story the text dump gave no link for
            no_link = next(i for i in sidebar.items() if not i.story.url)
            sidebar.list.setCurrentIndex(sidebar.model.index(sidebar.items().index(no_link)))
            sidebar.activate_current()
            sidebar.wait_idle()
        for _ in range(5):
            app.processEvents()
        grabs.append(sidebar.grab())
        sidebar.close()

    sheet = QPixmap(len(grabs) * SIZE[0] + (len(grabs) + 1) * GAP, SIZE[1] + 2 * GAP)
    sheet.fill(QColor("#d9d9d6"))
    painter = QPainter(sheet)
    for position, grab in enumerate(grabs):
        painter.drawPixmap(GAP + position * (SIZE[0] + GAP), GAP, grab)
    painter.end()
    target = out / "sidebar-for-you.png"
    sheet.save(str(target))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
