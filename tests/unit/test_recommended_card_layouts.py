"""Cards laid out in ways that hide their links: a link stretched over the whole card with
no text of its own (the headline is the card's heading beside it), and a page whose every
box sits inside furniture that holds the story too (a header the page never closes, a
form around the whole page, an off-canvas menu's wrapper; a header's own flyout before
the story stays out); and a share button beside each card that carries the card's
address, which is no story of its own."""

from __future__ import annotations

from capture_pages import found_urls, paragraphs

SITE = "https://www.diariosur.example"
PROSE = paragraphs(
    "El gobierno presentó el proyecto de ley ante el congreso y la oposición pidió más "
    "tiempo para estudiar los cambios en el sistema de monotributo, párrafo {n}.",
    count=6,
)
HEADLINES = (
    ("politica/un-dirigente-dijo-que-haria_0_VSXzvy.html", "Un dirigente dijo qué haría si gana"),
    ("opinion/gritos-mudos-de-ninos-migrantes_0_OpLro.html", "Gritos mudos de niños migrantes"),
    ("mundo/corea-del-norte-lanzo-otro-misil_0_Kq2Lm.html", "Corea del Norte lanzó otro misil"),
)


# The site's sections, in the header's menu.
SECTIONS = "".join(
    f'<a href="/{name}/">{name.title()}</a>'
    for name in ("politica", "economia", "mundo", "sociedad", "deportes", "cultura", "opinion")
)


# A header's flyout of featured cards, before the story: the header's own, no list.
FLYOUT = "".join(
    f'<div class="card"><img src="{SITE}/img/f{n}.jpg" alt=""><h3><a href="/especiales/{slug}'
    f'_0_Fx{n}.html">{title}</a></h3></div>'
    for n, (slug, title) in enumerate(
        (
            (
                "elecciones-2023-todo-lo-que-hay-que-saber",
                "Elecciones 2023: todo lo que hay que saber",
            ),
            ("la-guerra-en-ucrania-dia-a-dia", "La guerra en Ucrania, día a día y en mapas"),
            ("el-mundial-de-qatar-en-imagenes", "El Mundial de Qatar en imágenes y crónicas"),
        )
    )
)


def found(page: str) -> list[str | None]:
    url = f"{SITE}/politica/el-gobierno-presento-el-proyecto_0_AbCdE.html"
    return found_urls(page, url)


def test_cards_whose_link_is_laid_empty_over_them_are_stories() -> None:
    cards = "".join(
        f'<li><article class="content-article"><div class="text"><h3>{title}</h3>'
        f'<p>Política</p></div><img src="{SITE}/img/{n}.jpg" alt="">'
        f'<a class="links" href="/{path}"></a></article></li>'
        for n, (path, title) in enumerate(HEADLINES)
    )
    page = f"""<html><head><title>El gobierno presentó el proyecto</title></head><body>
<div class="news"><div class="body-nota"><h1>El gobierno presentó el proyecto</h1>{PROSE}</div>
<div class="col-right"><label>Últimas Noticias</label><ul class="content-1">{cards}</ul>
</div></div></body></html>"""
    assert found(page) == [f"{SITE}/{path}" for path, _ in HEADLINES]


def test_lists_beside_a_story_inside_a_header_the_page_never_closes_are_found() -> None:
    items = "".join(f'<li><a href="/{path}">{title}</a></li>' for path, title in HEADLINES)
    page = f"""<html><head><title>El gobierno presentó el proyecto</title></head><body>
<header class="main-header"><a href="/">Diario Sur</a><nav>{SECTIONS}</nav>
<div class="flyout">{FLYOUT}</div>
<div class="news"><div class="body-nota"><h1>El gobierno presentó el proyecto</h1>{PROSE}</div>
<div class="col-right"><h3>Lo más visto</h3><ul>{items}</ul></div></div></body></html>"""
    assert found(page) == [f"{SITE}/{path}" for path, _ in HEADLINES]


def test_a_share_button_carrying_a_cards_address_is_not_a_story() -> None:
    dated = [
        (f"2021/03/{10 + n}/{path.split('/')[1]}", title)
        for n, (path, title) in enumerate(HEADLINES)
    ]
    cards = "".join(
        f'<div class="post"><h4><a href="/{path}/">{title}</a></h4><div class="icons">'
        f'<h5>Social Share</h5><a href="https://sharebox.example/add?url={SITE}/{path}/">'
        f'<i class="icon-share"></i></a></div></div>'
        for path, title in dated
    )
    page = f"""<html><head><title>El gobierno presentó el proyecto</title></head><body>
<div class="news"><div class="body-nota"><h1>El gobierno presentó el proyecto</h1>{PROSE}</div>
<div class="block related-posts">{cards}</div></div></body></html>"""
    assert found(page) == [f"{SITE}/{path}/" for path, _ in dated]
