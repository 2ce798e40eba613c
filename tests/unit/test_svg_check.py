"""Which SVGs Qt may draw: bombs, entities and references to other files never; few
shapes without effects right away; the rest under a time limit. No Qt needed."""

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from image_bombs import svg_use_bomb

from reader.ui.reading.svg_check import MAX_SHAPES, inspect_svg

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def svg(body: str) -> bytes:
    return f"{OPEN}{body}</svg>".encode()


def test_nested_use_bomb_is_refused_quickly():
    started = time.perf_counter()
    verdict = inspect_svg(svg_use_bomb(levels=9))
    assert verdict.problem == "SVG too complex"
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("levels", [6, 12, 30])
def test_use_bombs_of_any_depth_cost_the_same(levels):
    started = time.perf_counter()
    assert inspect_svg(svg_use_bomb(levels=levels)).problem == "SVG too complex"
    assert time.perf_counter() - started < 0.5


def test_a_use_cycle_is_not_followed_forever():
    body = '<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g>'
    assert inspect_svg(svg(body)).problem is None


def test_a_long_chain_of_uses_is_too_complex_not_a_crash():
    chain = "".join(f'<g id="g{n}"><use xlink:href="#g{n + 1}"/></g>' for n in range(5000))
    assert inspect_svg(svg(chain + '<g id="g5000"><rect/></g>')).problem == "SVG too complex"


def test_many_plain_shapes_up_to_the_limit_are_allowed_but_not_light():
    body = '<rect width="1" height="1"/>' * (MAX_SHAPES - 10)
    verdict = inspect_svg(svg(body))
    assert verdict.problem is None and not verdict.light
    assert inspect_svg(svg(body * 2)).problem == "SVG too complex"


def test_an_icon_is_light():
    verdict = inspect_svg(svg('<circle cx="5" cy="5" r="4" fill="red"/>'))
    assert verdict.problem is None and verdict.light


def test_effects_are_never_light():
    body = '<defs><filter id="f"><feGaussianBlur stdDeviation="9"/></filter></defs>'
    verdict = inspect_svg(svg(body + '<rect width="9" height="9" filter="url(#f)"/>'))
    assert verdict.problem is None and not verdict.light


@pytest.mark.parametrize(
    "body",
    [
        '<image xlink:href="file:///etc/hostname" width="10" height="10"/>',
        '<image href="/etc/hostname" width="10" height="10"/>',
        '<image href="https://tracker.example/p.png" width="1" height="1"/>',
        '<use xlink:href="other.svg#icon"/>',
        '<rect width="5" height="5" fill="url(file:///etc/hostname)"/>',
        '<rect width="5" height="5" style="fill: url(\'https://x.example/a#b\')"/>',
        "<style>@import url(https://x.example/a.css);</style>",
        "<script>alert(1)</script>",
        "<foreignObject><p>hi</p></foreignObject>",
    ],
)
def test_references_to_other_files_are_refused(body):
    assert inspect_svg(svg(body)).problem is not None


def test_inline_images_and_fragments_are_fine():
    body = (
        '<defs><linearGradient id="g"/></defs><rect width="5" height="5" fill="url(#g)"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
    )
    assert inspect_svg(svg(body)).problem is None


def test_entities_are_refused_unexpanded():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
        f"{OPEN}<text>&b;</text></svg>"
    ).encode()
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        f"{OPEN}<text>&x;</text></svg>"
    ).encode()
    assert inspect_svg(laughs).problem == "SVG declares entities"
    assert inspect_svg(xxe).problem == "SVG declares entities"


@pytest.mark.parametrize("data", [b"<svg", b"<svg><g></svg>", b"", b"\x1f\x8b\x08\x00gzip"])
def test_broken_svgs_are_refused(data):
    assert inspect_svg(data).problem is not None


def test_huge_files_are_refused_before_parsing():
    data = svg("<!--" + "x" * (5 * 1024 * 1024) + "-->")
    assert inspect_svg(data).problem == "SVG too large"
