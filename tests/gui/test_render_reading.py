"""Tables, quotes, captions, credits and missing pictures, shaped for reading
(reader.service.shaping) and drawn (frames.py)."""

import lxml.html
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextDocument

from reader.service.shaping import shape_content
from reader.ui.reading.frames import MISSING_IMAGE, draw_frame, frame_size
from reader.ui.reading.themes import ViewStyle, view_css


def render_article_html(content: str) -> str:
    """The whole page the view shows for an article with this content."""
    return f"<html><body>{shape_content(content, 'Title', lambda src: None).html}</body></html>"


def shaped(html: str, image_size=lambda src: None) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(
        shape_content(html, "Title", image_size).html, create_parent="div"
    )


def test_numbers_are_right_aligned_and_a_caption_stays_a_caption() -> None:
    root = shaped(
        "<table><caption>Ferry crossings in 2024</caption>"
        "<tr><th>Route</th><th>Crossings</th><th>Share</th></tr>"
        "<tr><td>Kallin</td><td>1,204</td><td>12.5%</td></tr>"
        "<tr><td>North quay</td><td>87</td><td>(3.1%)</td></tr>"
        "<tr><td>Total</td><td>17.5 MB (-46%)</td><td>—</td></tr></table>"
    )
    cells = {cell.text_content(): cell.get("align") for cell in root.iter("td", "th")}
    assert cells == {
        "Route": "left",
        "Crossings": "right",
        "Share": "right",
        "Kallin": None,
        "1,204": "right",
        "12.5%": "right",
        "North quay": None,
        "87": "right",
        "(3.1%)": "right",
        "Total": None,
        "17.5 MB (-46%)": "right",
        "—": None,
    }
    caption = root.find(".//p")
    assert caption is not None and caption.get("class") == "caption"
    assert caption.text == "Ferry crossings in 2024" and caption.getnext().tag == "table"
    assert root.find(".//caption") is None


def test_a_quote_reads_as_paragraphs_with_code_upright() -> None:
    root = shaped("<blockquote>Run <code>tide --help</code> first.</blockquote><p>After.</p>")
    cell = root.find(".//td[@class='quote-text']")
    assert cell is not None
    paragraph = cell.find("p")
    assert paragraph is not None and paragraph.text_content() == "Run tide --help first."
    assert cell.find(".//code").get("style") == "font-style: normal"


def test_a_credit_is_set_as_a_credit() -> None:
    root = shaped(
        "<figure><figcaption>The quay at dawn.<br><small>Photo: Ana Ruiz</small>"
        "</figcaption></figure>"
    )
    credit = root.find(".//p[@class='caption']/span")
    assert credit is not None and credit.get("class") == "credit"


def test_a_credit_is_set_smaller_than_the_caption_it_credits(qtbot) -> None:
    """NYT: the photographer's credit under a caption was drawn larger than the caption."""
    from reader.ui.reading.reading_view import ReadingView

    view = ReadingView()
    qtbot.addWidget(view)
    caption = '<figure><img src="https://h.example/a.jpg" width="640" height="400">'
    view.show_html(
        render_article_html(
            f"{caption}<figcaption>Peacekeepers at a camp in Sudan.<br>"
            "<small>Ashraf Shazly/Agence France-Presse</small></figcaption></figure>"
            "<p>Body text of the story.</p>"
        )
    )
    document = view.document()

    def pixels(word: str) -> int:
        return document.find(word).charFormat().font().pixelSize()

    assert pixels("Shazly") < pixels("Peacekeepers") < pixels("Body")


def test_a_caption_made_of_paragraphs_is_still_a_caption(qtbot) -> None:
    """CNET: <figcaption><p>caption</p><small>credit</small>: the caption read as the story's
    first paragraph (body size) with the credit glued to the paragraph below."""
    from reader.ui.reading.reading_view import ReadingView

    view = ReadingView()
    qtbot.addWidget(view)
    view.show_html(
        render_article_html(
            "<figure><figcaption><p>Mark Zuckerberg, the man with the plan.</p>"
            "<small>Photo by James Martin/CNET</small></figcaption></figure>"
            "<p>Anyone who has closed a deal will tell you so.</p>"
        )
    )
    document = view.document()
    caption, credit, body = (document.find(word) for word in ("Zuckerberg", "Martin", "Anyone"))
    assert caption.block() == credit.block() != body.block()  # one caption, its own lines
    assert credit.charFormat().font().pixelSize() < caption.charFormat().font().pixelSize()
    assert caption.charFormat().font().pixelSize() < body.charFormat().font().pixelSize()
    gap = body.block().blockFormat().topMargin() + caption.block().blockFormat().bottomMargin()
    assert gap >= 12  # the credit stands apart from the story's first paragraph


def test_a_missing_picture_is_a_frame_and_its_alt_only_shows_without_a_caption() -> None:
    root = shaped(
        '<figure><img src="https://h.example/a.jpg" alt="The ferry" width="1200" height="800">'
        "<figcaption>The ferry at dawn.</figcaption></figure>"
        '<p><img src="https://h.example/b.jpg" alt="Map of the harbour"></p><p>Text.</p>'
        '<p><img src="https://h.example/c.jpg" alt="A storm"></p><p>A storm over the bay.</p>'
        '<table><tr><td><img src="https://h.example/icon.png" width="20px"></td></tr></table>'
    )
    frames = [img.get("src") for img in root.iter("img")]
    assert frames == [
        f"{MISSING_IMAGE}270x180",  # 1200x800 scaled into 320x180
        f"{MISSING_IMAGE}320x110",  # no size given
        f"{MISSING_IMAGE}320x110",
        f"{MISSING_IMAGE}20x20",  # an icon in a table stays icon-sized
    ]
    captions = [p.text_content() for p in root.iter("p") if p.get("class") == "caption"]
    # the figure has its caption, the storm is described right after: only the map's alt
    assert captions == ["The ferry at dawn.", "Map of the harbour"]
    alt_line = next(p for p in root.iter("p") if p.text_content() == "Map of the harbour")
    assert alt_line.get("align") == "center"  # under its centred picture
    assert "[image" not in root.text_content()


def shown_blocks(content: str) -> list[tuple[str, bool]]:
    """The view's blocks for ``content``: their text (a picture as [picture]) and whether
    they are centred."""
    document = QTextDocument()
    document.setHtml(render_article_html(content))
    blocks, block = [], document.begin()
    while block.isValid():
        centred = bool(block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter)
        blocks.append((block.text().replace("\ufffc", "[picture]").strip(), centred))
        block = block.next()
    return blocks


def test_a_picture_in_a_paragraph_stands_apart_and_the_text_stays_left(qtbot) -> None:
    """A story that opens with a picture inline: its text was centred, ragged both sides."""
    assert shown_blocks(
        '<p><img src="https://h.example/logo.jpg" width="300" height="193">'
        "A senior official said in a sworn statement that anyone could leave.</p>"
        '<p>Before the map <img src="https://h.example/map.jpg" width="600"> after it.</p>'
        '<p>A smile <img src="https://h.example/smile.png" width="16"> stays in line.</p>'
        '<p><a href="https://h.example/big.jpg"><img src="https://h.example/small.jpg"></a>'
        "By Ada Lindqvist</p>"
    ) == [
        ("[picture]", True),
        ("A senior official said in a sworn statement that anyone could leave.", False),
        ("Before the map", False),
        ("[picture]", True),
        ("after it.", False),
        ("A smile [picture] stays in line.", False),
        ("[picture]", True),  # a linked picture, with its link
        ("By Ada Lindqvist", False),
    ]
    linked = shaped('<p><a href="https://h.example/big.jpg"><img src="x.jpg"></a>By Ada</p>')
    assert [link.get("href") for link in linked.iterfind(".//p/a")] == ["https://h.example/big.jpg"]


def test_a_picture_among_the_storys_paragraphs_leaves_them_left(qtbot) -> None:
    """A weekly edition whose linked pictures sit in the story's own <div>: the whole story
    was centred with them."""
    assert shown_blocks(
        "<div><h2>A trademark battle</h2><p>Two companies bear the same name.</p>"
        '<a href="https://h.example/map.png"><img src="https://h.example/map-sm.png"'
        ' width="350"></a><p>The dispute went to court.</p>'
        '<img src="https://h.example/court.png" width="300"><p>It ruled in May.</p></div>'
    ) == [
        ("A trademark battle", False),
        ("Two companies bear the same name.", False),
        ("[picture]", True),
        ("The dispute went to court.", False),
        ("[picture]", True),
        ("It ruled in May.", False),
    ]


def test_a_picture_has_no_more_space_under_it_than_a_paragraph(qtbot) -> None:
    """Qt spaced a picture's line like the text's (155%): ~100 px of blank under it."""
    document = QTextDocument()
    document.setDefaultStyleSheet(view_css(ViewStyle()))
    document.setTextWidth(700)
    document.setHtml(
        render_article_html(
            "<p>Before the picture.</p>"
            '<p><img src="https://h.example/a.jpg" width="600" height="400"></p>'
            "<p>After the picture.</p>"
        )
    )
    layout, picture = document.documentLayout(), document.begin()
    while "\ufffc" not in picture.text():
        picture = picture.next()
    bottom = layout.blockBoundingRect(picture).bottom()
    gap = layout.blockBoundingRect(picture.next()).top() - bottom
    assert gap <= picture.blockFormat().bottomMargin() + 1


def test_frames_are_drawn_in_the_theme() -> None:
    assert frame_size(f"{MISSING_IMAGE}320x110") == (320, 110)
    assert frame_size("https://h.example/a.jpg") is None
    light = draw_frame(320, 110, "light")
    dark = draw_frame(320, 110, "dark")
    assert (light.width(), light.height()) == (320, 110)
    centre = (160, 55)
    assert light.pixelColor(*centre) != dark.pixelColor(*centre)
    assert light.pixelColor(10, 55).lightness() > dark.pixelColor(10, 55).lightness()
    assert isinstance(draw_frame(20, 20, "sepia", 2.0), QImage)
