"""Images cost bounded memory and time: each is decoded at a size known from its header,
scaled to the column, within a per-image and per-article pixel budget; the article shows
with the images that fit and says which did not. Costly SVGs are drawn in a helper
process under a time limit, and a bomb never reaches Qt at all."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QThreadPool
from PySide6.QtGui import QColor, QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from image_bombs import bomb_page, png_bomb, svg_use_bomb
from window_helpers import WAIT_MS, open_and_wait

from reader.service.reading import open_source
from reader.ui.reading import svg_raster
from reader.ui.reading.image_decode import (
    MAX_IMAGE_PIXELS,
    PixelBudget,
    decode_image,
)
from reader.ui.reading.prepare import PrepareCancelled, prepare
from reader.ui.reading.svg_raster import SvgRasteriser

BLUR_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000">'
    '<defs><filter id="b"><feGaussianBlur stdDeviation="80"/></filter></defs>'
    + "".join(
        f'<rect x="{n * 10}" y="{n * 10}" width="900" height="900" filter="url(#b)"/>'
        for n in range(90)
    )
    + "</svg>"
).encode()
# Qt needs 13 s here to draw one at column width (the check lets it through: 95 effects)
SLOW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="3000">'
    '<defs><filter id="b"><feGaussianBlur stdDeviation="300"/></filter></defs>'
    + "".join(
        f'<rect x="{n * 10}" y="{n * 30}" width="900" height="2900" filter="url(#b)"/>'
        for n in range(95)
    )
    + "</svg>"
).encode()
CANCEL_WAIT_MS = 5000  # far below the drawing time: only the cancel ends it so soon
ICON_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
    b'<circle cx="32" cy="32" r="30" fill="#c33"/></svg>'
)


def encoded(width: int, height: int, fmt: str, color: str = "#3a7") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(data.data())


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png_bomb(1700, 36000)


def test_png_bomb_is_left_out_without_decoding(qapp, bomb):
    decoded = decode_image(bomb, 700, PixelBudget())  # 245 MB of pixels, had it been read
    assert decoded.image is None and decoded.reason == "image too large"


def test_photo_is_decoded_at_the_column_width(qapp):
    decoded = decode_image(encoded(4000, 3000, "jpeg"), 700)
    assert decoded.image is not None
    assert (decoded.image.width(), decoded.image.height()) == (700, 525)


def test_tall_image_is_held_to_the_per_image_budget(qapp):
    decoded = decode_image(encoded(800, 18000, "png"), 1800)
    assert decoded.image is not None
    pixels = decoded.image.width() * decoded.image.height()
    assert MAX_IMAGE_PIXELS * 0.98 < pixels <= MAX_IMAGE_PIXELS
    assert abs(decoded.image.height() / decoded.image.width() - 22.5) < 0.1  # same shape


def test_late_in_the_budget_an_image_comes_smaller_rather_than_not_at_all(qapp):
    photo = encoded(1400, 1000, "png")
    budget = PixelBudget(left=int(1400 * 1000 * 0.6))
    decoded = decode_image(photo, 1400, budget)
    assert decoded.image is not None
    assert 700 <= decoded.image.width() < 1400
    assert decoded.image.width() * decoded.image.height() <= 1400 * 1000 * 0.6


def test_article_budget_keeps_the_images_that_fit_then_stops(qapp):
    photo = encoded(1400, 1000, "png")
    budget = PixelBudget(left=5 * 1400 * 1000)
    results = [decode_image(photo, 1400, budget) for _ in range(8)]
    assert [r.image is not None for r in results] == [True] * 5 + [False] * 3
    assert results[-1].reason == "over this article's image budget"


@pytest.mark.parametrize(
    "data",
    [b"\x1f\x8b\x08\x00\x00\x00", b"<html><body>not an image</body></html>", b"", b"\x89PNG"],
)
def test_unknown_or_broken_data_is_not_decoded(qapp, data):
    assert decode_image(data).image is None


def test_svg_bomb_never_reaches_qt(qapp):
    decoded = decode_image(svg_use_bomb(), 700, PixelBudget())  # Qt: 150 s for its size
    assert decoded.image is None and decoded.reason == "SVG too complex"


def test_light_svg_is_drawn_at_once(qapp):
    decoded = decode_image(ICON_SVG, 700)  # no rasteriser given: drawn right here
    assert decoded.image is not None and decoded.image.width() == 64


def test_costly_svg_is_drawn_by_the_helper_within_its_time_limit(qapp):
    cheap_but_not_light = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">'
        + '<rect width="3" height="3" fill="#246"/>' * 400
        + "</svg>"
    ).encode()
    rasteriser = SvgRasteriser()
    try:
        drawn = decode_image(cheap_but_not_light, 150, PixelBudget(), rasteriser.draw)
        assert drawn.image is not None and drawn.image.size().toTuple() == (150, 100)
        slow = decode_image(BLUR_SVG, 1400, PixelBudget(), rasteriser.draw)  # Qt: ~9 s
    finally:
        rasteriser.close()
    assert slow.image is None and slow.reason == "SVG took too long to draw"


def test_cancelling_stops_a_costly_svg_at_once(qapp):
    cancelled = [False]
    rasteriser = SvgRasteriser(lambda: cancelled[0])
    try:
        assert decode_image(ICON_SVG.replace(b"64", b"65"), 700, None, rasteriser.draw).image
        rasteriser.draw(ICON_SVG, 10, 100)  # the helper is up
        cancelled[0] = True
        result = rasteriser.draw(BLUR_SVG, 1400, MAX_IMAGE_PIXELS)
        assert result == "SVG took too long to draw"
        assert not rasteriser.running()  # the helper was killed, not left drawing
    finally:
        rasteriser.close()


def test_bomb_page_shows_with_the_images_that_fit(qapp, tmp_path, bomb):
    photo = encoded(1200, 800, "jpeg")
    page = bomb_page(tmp_path, [bomb, photo, bomb, svg_use_bomb(), photo])
    prepared = prepare(open_source(str(page), None), image_width=700)
    assert sorted(image.width() for image in prepared.images.values()) == [700, 700]
    assert prepared.html.count("image not shown (image too large)") == 2
    assert "image not shown (SVG too complex)" in prepared.html


def test_prepare_stops_between_images_when_cancelled(qapp, tmp_path):
    page = bomb_page(tmp_path, [encoded(800, 600, "png")] * 4)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(PrepareCancelled):
        prepare(open_source(str(page), None), cancelled=cancelled)


def svg_helpers() -> list[int]:
    """Our SVG helper processes still alive."""
    found = []
    for pid in Path("/proc").iterdir():
        try:
            command = (pid / "cmdline").read_bytes()
            parent = (pid / "stat").read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if b"reader.ui.reading.svg_raster" in command and int(parent) == os.getpid():
            found.append(int(pid.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_esc_on_a_page_of_costly_svgs_frees_the_workers(qtbot, window, tmp_path, monkeypatch):
    # time limits far beyond the test's wait: only the cancel can end the drawing in time
    monkeypatch.setattr(svg_raster, "SECONDS", 600.0)
    monkeypatch.setattr(svg_raster, "TOTAL_SECONDS", 600.0)
    heavy = bomb_page(tmp_path / "heavy", [SLOW_SVG] * 3, suffix="svg")
    plain = bomb_page(tmp_path / "plain", [encoded(600, 400, "png")])
    window.opening.open_source(str(heavy))
    qtbot.waitUntil(lambda: bool(svg_helpers()), timeout=WAIT_MS)  # drawing has begun
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not svg_helpers(), timeout=CANCEL_WAIT_MS)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    open_and_wait(qtbot, window, plain)
    assert window.current.article is not None
    assert window.current.article.title == "A long photo essay"
    assert len(window.view.document().allFormats()) > 0


# Runs Reader on a page, closes its window once SVG drawing has begun, prints the time.
QUIT_DRIVER = r"""
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader.app import run_app

def command_of(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:  # it ended meanwhile
        return b""

def close_when_drawing():
    helpers = [p for p in os.listdir("/proc") if p.isdigit() and b"svg_raster" in command_of(p)]
    if not helpers:
        QTimer.singleShot(20, close_when_drawing)
        return
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow":
            print(f"closing {time.monotonic():.6f}", flush=True)
            widget.close()

QTimer.singleShot(0, close_when_drawing)
code = run_app(sys.argv[1:])
print(f"exited {time.monotonic():.6f}", flush=True)
sys.exit(code)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_quitting_while_an_svg_is_drawn_is_clean(tmp_path):
    heavy = bomb_page(tmp_path / "heavy", [SLOW_SVG] * 3, suffix="svg")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "READER_DATA_DIR": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", QUIT_DRIVER, str(heavy)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "closing " in result.stdout and "exited " in result.stdout
    assert "Signal source has been deleted" not in result.stderr
    assert "Traceback" not in result.stderr
    assert helpers_of(tmp_path / "data") == []


def helpers_of(data_dir: Path) -> list[int]:
    """SVG helpers started for the library ``data_dir`` (they inherit its environment)."""
    found = []
    for pid in Path("/proc").iterdir():
        try:
            command = (pid / "cmdline").read_bytes()
            environment = (pid / "environ").read_bytes()
        except OSError:
            continue
        if b"svg_raster" in command and str(data_dir).encode() in environment:
            found.append(int(pid.name))
    return found
