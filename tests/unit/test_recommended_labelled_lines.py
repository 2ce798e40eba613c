"""A line of the story that is a short label of its own and one link to another story of
the site ("Lea aquí: <a>Operación Orión...</a>", "Le puede interesar: <a>...</a>") is a
recommendation in any language: the label ends with its colon. A line quoting another
publisher ("Fuente: <a>...</a>") is the story's source, not a recommendation; but within
a run of the site's stories, a story-shaped address on a sister host goes on the run. A
list's own full stop after a line's link keeps it a link line."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended

SITE = "https://www.diario.example"
PAGE = f"{SITE}/judicial/la-jep-abre-un-nuevo-macrocaso-sobre-el-conflicto-armado/"


def _paragraph(n: int) -> str:
    return (
        f"<p>La sala de reconocimiento investigará los crímenes cometidos en la zona durante "
        f"los años más duros del conflicto, con miles de hechos documentados ({n}).</p>"
    )


def _found(lines: list[str]) -> list[str | None]:
    body = "".join(_paragraph(n) + line for n, line in enumerate(lines)) + _paragraph(9)
    html = f"""<html><head><title>JEP</title>
<meta property="og:type" content="article"></head><body><article>
<h1>La JEP abre un nuevo macrocaso</h1><div class="body">{body}</div></article></body></html>"""
    stories = find_recommended(lxml.html.document_fromstring(html), PAGE, PAGE)
    return [story.url for story in stories]


def test_a_labelled_link_line_in_the_story_is_a_recommendation() -> None:
    first = f"{SITE}/opinion/columnistas/operacion-orion-una-sombra-de-odio-column/"
    second = f"{SITE}/judicial/jep-abrira-tres-nuevos-macrocasos-farc-y-fuerza-publica/"
    lines = [
        f'<p>Lea aquí: <a href="{first}">Operación Orión, una sombra de odio</a></p>',
        f'<p>Le puede interesar: <a href="{second}">JEP abrirá tres nuevos macrocasos: '
        "Farc y fuerza pública</a></p>",
    ]
    assert _found(lines) == [first, second]


def test_a_line_naming_another_publisher_is_the_source() -> None:
    source = "https://www.otro-periodico.example/2022/05/04/informe-de-la-comision-de-la-verdad/"
    lines = [f'<p>Fuente: <a href="{source}">Informe de la Comisión de la Verdad</a></p>']
    assert _found(lines) == []


def _item(url: str, title: str, after: str = "") -> str:
    return f'<li><a href="{url}">{title}</a>{after}</li>'


def test_a_run_of_link_lines_goes_on_through_a_sister_hosts_story() -> None:
    own = [
        f"{SITE}/judicial/la-comision-entrega-su-informe-final-al-congreso/",
        f"{SITE}/judicial/victimas-del-conflicto-piden-mas-tiempo-a-la-jep/",
    ]
    sister = "https://blogs.grupo-diario.example/2022/05/03/que-sigue-para-la-jep-tras-el-informe"
    items = (
        _item(own[0], "La comisión entrega su informe final al Congreso")
        + _item(sister, "Qué sigue para la JEP tras el informe final")
        + _item(own[1], "Víctimas del conflicto piden más tiempo a la JEP")
    )
    assert _found([f"<p>Más contenido del diario:</p><ul>{items}</ul>"]) == [
        own[0],
        sister,
        own[1],
    ]


def test_a_link_line_ending_in_a_full_stop_is_a_link_line() -> None:
    url = f"{SITE}/judicial/la-comision-entrega-su-informe-final-al-congreso/"
    line = _item(url, "La comisión entrega su informe final al Congreso", ".")
    assert _found([f"<p>Vea también:</p><ul>{line}</ul>"]) == [url]
