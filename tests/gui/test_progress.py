"""Reading progress follows the scroll bar; minutes left and the end signal are right."""

import pytest
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from reader.ui.reading.progress import ReadingProgress, minutes_left, minutes_left_text


@pytest.mark.parametrize(
    ("minutes", "fraction", "left"),
    [(10, 0.0, 10), (10, 0.5, 5), (10, 0.55, 5), (10, 0.99, 0), (3, 0.9, 1), (0, 0.2, 0)],
)
def test_minutes_left(minutes, fraction, left):
    assert minutes_left(minutes, fraction) == left


def test_minutes_left_text():
    assert minutes_left_text(7, 0.0) == "7 min left"
    assert minutes_left_text(7, 1.0) == "Finished"
    assert minutes_left_text(0, 0.0) == ""


@pytest.fixture
def reading(qtbot):
    host = QWidget()
    layout = QVBoxLayout(host)
    progress = ReadingProgress()
    view = QTextBrowser()
    view.setHtml("".join(f"<p>Paragraph {i} of a long article.</p>" for i in range(300)))
    layout.addWidget(progress)
    layout.addWidget(view)
    layout.addWidget(progress.minutes_label)
    qtbot.addWidget(host)
    host.resize(400, 300)
    host.show()
    qtbot.waitExposed(host)
    progress.attach(view.verticalScrollBar())
    progress.start_article(12)
    yield progress, view


def test_follows_scrolling_and_signals_the_end_once(reading, qtbot):
    progress, view = reading
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    assert progress.fraction() == 0.0
    assert progress.text() == "12 min left"
    bar.setValue(bar.maximum() // 2)
    assert progress.fraction() == pytest.approx(0.5, abs=0.01)
    assert progress.text() == "6 min left"
    with qtbot.waitSignal(progress.end_reached):
        bar.setValue(bar.maximum())
    assert progress.text() == "Finished"
    ends = []
    progress.end_reached.connect(lambda: ends.append(1))
    bar.setValue(0)
    bar.setValue(bar.maximum())
    assert ends == []  # once per article
    progress.start_article(4)
    assert progress.text() == "Finished"  # still at the end of the new one
    progress.start_article(4, fraction=0.0)
    assert progress.text() == "4 min left"


def test_bar_paints_and_is_thin(reading):
    progress, _view = reading
    progress.set_fraction(0.25)
    assert progress.height() <= 4
    image = progress.grab().toImage()
    assert image.width() > 0
    left = image.pixelColor(1, 1)
    right = image.pixelColor(image.width() - 2, 1)
    assert left != right
    assert progress.accessibleName() == "Reading progress"
    assert "25%" in progress.accessibleDescription()
