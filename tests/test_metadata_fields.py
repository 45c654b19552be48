"""Metadata of HTML pages and scrapers' records read as a reader of the printed page would: list fields of
records, a standfirst printed under the headline, the site's name over its URL's domain, the agency an author
field names, and the printed byline behind a rejected or misplaced one. Pages written here (our own text)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from inputs_pages import ORCHARD, RIVER, build


def write_lines(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def only_article(tmp_path, name: str, content: str) -> dict:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    (folder / name).write_text(content, encoding="utf-8")
    _, (article,), _ = build(folder, tmp_path / "out")
    return article


# --- scrapers' records: a list field (Scrapy's getall()) is read as its items, never as its repr ---------------

@pytest.mark.parametrize("date, expected", [
    (["24 February 2024, 09:00"], dt.date(2024, 2, 24)),
    (["", "2024-02-24T09:00:00+02:00"], dt.date(2024, 2, 24)),
    (["Opinion", "24. Februar 2024"], dt.date(2024, 2, 24)),
])
def test_a_date_given_as_a_list_is_read_from_its_first_date(tmp_path, date, expected):
    record = {"url": "https://www.valleycourier.example/news/flood", "title": ["Flood barrier holds | Valley Courier"],
              "author": ["By Maria Lind"], "date": date, "text": RIVER}
    article = only_article(tmp_path, "items.jsonl", json.dumps(record) + "\n")
    assert article["published_date"] == expected
    assert article["published_date_text"] in date and not article["published_date_text"].startswith("[")
    assert article["authors"] == ["Maria Lind"]
    # the spider's <title> ends with the site's name: the host of the record's URL names it
    assert article["title"] == "Flood barrier holds" and article["outlet"] == "Valley Courier"


def test_list_fields_of_objects_are_never_stored_as_their_repr(tmp_path):
    """schema.org-shaped objects in a record (authors as Person objects, an unreadable date object): their
    names are read, and nothing is stored as a Python repr."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_lines(folder / "items.jsonl", [
        {"url": "https://courier.example/a", "title": "Orchards lose blossom", "text": ORCHARD,
         "author": [{"@type": "Person", "name": "Jonas Berg"}], "tags": ["frost", {"name": "farming"}],
         "date": [{"$date": "someday"}]},
    ])
    files, (article,), _ = build(folder, tmp_path / "out")
    assert article["authors"] == ["Jonas Berg"] and article["tags"] == ["frost", "farming"]
    assert article["published_date"] is None and article["published_date_text"] is None
    assert any("is a JSON object, not a date" in w for w in files["in/items.jsonl"]["warnings"])


# --- HTML: the site's name beats the bare domain of its URL -------------------------------------------------------

BARRIER = "Flood barrier holds through third storm"


def site_page(*, title_element: str, head: str = "", footer: str = "", lang: str = "en",
              paragraphs: list[str] = RIVER) -> str:
    """An article page with a canonical link and no og:site_name."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title_element}</title>'
            '<link rel="canonical" href="https://www.valleycourier.example/news/2024/03/04/flood-barrier">'
            f'<meta property="article:published_time" content="2024-03-04T08:00:00Z">{head}</head>'
            f'<body><article><h1>{title_element.split(" | ")[0]}</h1>{body}</article>'
            f'<footer>{footer}</footer></body></html>')


@pytest.mark.parametrize("title_element, footer", [
    (f"{BARRIER} | Valley Courier", "<p>© 2024 Valley Courier. All rights reserved.</p>"),
    ("Barreira contra cheias resiste à terceira tempestade | Correio do Vale",
     "<p>© 2024 Correio do Vale. Todos os direitos reservados.</p>"),
])
def test_a_canonical_link_does_not_hide_the_site_name_the_title_and_copyright_print(tmp_path, title_element, footer):
    article = only_article(tmp_path, "a.html", site_page(title_element=title_element, footer=footer))
    site = title_element.split(" | ")[1]
    assert (article["outlet"], article["outlet_evidence"]) == (site, "site_name")
    assert article["title"] == title_element.split(" | ")[0]


def test_the_urls_domain_is_the_last_resort(tmp_path):
    """A publisher named in the page's JSON-LD is its site name; a page naming its site nowhere has its URL's
    domain as outlet, with the evidence `url` (not `site_name`)."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": BARRIER,
          "publisher": {"@type": "Organization", "name": "Valley Courier"}}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    article = only_article(tmp_path / "ld", "a.html", site_page(title_element=BARRIER, head=head))
    assert (article["outlet"], article["outlet_evidence"]) == ("Valley Courier", "site_name")
    article = only_article(tmp_path / "none", "a.html", site_page(title_element=BARRIER, footer="<p>Contact us</p>"))
    assert (article["outlet"], article["outlet_evidence"]) == ("valleycourier.example", "url")


# --- HTML: a standfirst printed under the headline is the subtitle, not the first paragraph -------------------

STANDFIRST = "Engineers say the raised embankment will protect the mill road for decades"
PONTE = [
    "A câmara municipal da vila aprovou na terça-feira a reparação da ponte velha sobre o rio, fechada ao trânsito "
    "desde as cheias do inverno passado, e as obras deverão começar já no próximo mês.",
    "Segundo o presidente da câmara, a reparação será paga com fundos europeus e com uma parte do orçamento que "
    "estava reservada para a nova biblioteca, cuja construção fica adiada por um ano.",
    "Os comerciantes da margem sul queixam-se de ter perdido metade dos clientes desde que a ponte fechou e pedem "
    "que as obras decorram também durante a noite.",
]
PONTE_TITLE = "Câmara aprova reparação da ponte velha"
PONTE_STANDFIRST = "Obras começam no próximo mês e serão pagas com fundos europeus."


def news_page(header: str, *, body_open: str = '<div class="article-body">', head: str = "", lang: str = "en",
              title: str = BARRIER, paragraphs: list[str] = RIVER) -> str:
    """A news page: the headline, then `header` (standfirst, byline, dates: each CMS's markup), then the body."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            '<meta property="og:site_name" content="Valley Courier">'
            f'<meta property="article:published_time" content="2024-03-04T08:00:00Z">{head}</head>'
            f'<body><main><article><h1>{title}</h1>{header}{body_open}{body}{"</div>" if body_open else ""}'
            '</article></main></body></html>')


def described(text: str) -> str:
    return f'<meta property="og:description" content="{text}"><meta name="description" content="{text}">'


@pytest.mark.parametrize("header, head, body_open", [
    # Medium: the subtitle as an <h2> beside the body's paragraphs, the page's description too
    (f'<h2 class="pw-subtitle-paragraph">{STANDFIRST}</h2><div class="author"><a>Maria Lind</a> · 4 min read</div>',
     described(STANDFIRST), ""),
    # a news template's standfirst paragraph, then the byline (a live blog's header)
    (f'<p class="standfirst">{STANDFIRST}</p><p class="byline">Maria Lind in Millbrook</p>', "",
     '<div class="article-body">'),
    # a standfirst in a container of its own, named by the page's description only
    (f'<div class="field field--name-field-resumo"><p>{STANDFIRST}</p></div>', described(STANDFIRST),
     '<div class="field field--name-body">'),
])
def test_a_standfirst_printed_under_the_headline_is_the_subtitle(tmp_path, header, head, body_open):
    article = only_article(tmp_path, "a.html", news_page(header, head=head, body_open=body_open))
    assert article["subtitle"] == STANDFIRST
    assert article["text"].startswith(RIVER[0]) and STANDFIRST not in article["text"]


def test_a_drupal_lead_field_is_the_standfirst_and_the_byline_under_it_is_read(tmp_path):
    """Drupal: headline, `field--name-field-lead`, then a meta bar whose spans hold the byline (no 'author' class)
    and the dates, the European Portuguese update label among them: the lead is the subtitle, the byline's
    person the author and its agency the outlet."""
    header = ('<div class="field field--name-field-lead"><p>' + PONTE_STANDFIRST + '</p></div>'
              '<div class="node__meta"><span class="field--name-uid">Por Ana Costa, Lusa</span> '
              '<span class="field--name-created">14 de março de 2024, 11:05</span> '
              '<span class="changed">Atualizado a 14 de março de 2024, 19:20</span></div>')
    html = news_page(header, body_open='<div class="field field--name-body">', lang="pt-PT", title=PONTE_TITLE,
                     paragraphs=PONTE)
    article = only_article(tmp_path, "a.html", html)
    assert article["subtitle"] == PONTE_STANDFIRST and article["text"].startswith(PONTE[0])
    assert article["authors"] == ["Ana Costa"] and article["byline"] == "Por Ana Costa, Lusa"
    assert (article["outlet"], article["outlet_evidence"], article["host_site"]) == ("Lusa", "byline",
                                                                                     "Valley Courier")


def test_a_byline_under_a_standfirst_in_a_lead_container_is_read(tmp_path):
    header = (f'<div class="lead"><p>{STANDFIRST}</p></div>'
              '<div class="node__meta"><span class="field--name-uid">By Kadri Tamm</span></div>')
    article = only_article(tmp_path, "a.html", news_page(header, body_open='<div class="content">'))
    assert article["subtitle"] == STANDFIRST and article["authors"] == ["Kadri Tamm"]


@pytest.mark.parametrize("first_class", ["", ' class="story-body__introduction"', ' class="lead"'])
def test_the_bodys_own_first_paragraph_stays_body_text(tmp_path, first_class):
    """A wire story's lead repeated as the page's description, or the body's bold introduction, is printed in the
    body's own container: it stays the first paragraph (and, an excerpt of the text, no standfirst)."""
    body = f"<p{first_class}>{RIVER[0]}</p>" + "".join(f"<p>{p}</p>" for p in RIVER[1:])
    html = news_page('<p class="byline">By Maria Lind</p>', head=described(RIVER[0]), paragraphs=[])
    html = html.replace('<div class="article-body"></div>', f'<div class="article-body">{body}</div>')
    article = only_article(tmp_path, "a.html", html)
    assert article["text"].startswith(RIVER[0]) and article["subtitle"] is None


# --- HTML: an author field that names no person does not stop the printed byline being read -------------------

def test_an_organisation_in_the_author_field_gives_way_to_the_printed_byline(tmp_path):
    """WordPress: the posting account 'Valley Courier Staff' in the meta author and JSON-LD; the theme prints
    'By Helena Kask' and its two dates in one meta bar, whose text runs on without spaces."""
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": BARRIER,
          "author": {"@type": "Person", "name": "Valley Courier Staff"}}
    head = f'<meta name="author" content="Valley Courier Staff"><script type="application/ld+json">{json.dumps(ld)}</script>'
    header = ('<div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n" '
              'href="/author/hkask/">Helena Kask</a></span></span> <span class="posted-on"><time datetime='
              '"2024-03-04T08:00:00+00:00">March 4, 2024</time><time datetime="2024-03-05T10:00:00+00:00">'
              'March 5, 2024</time></span></div>')
    article = only_article(tmp_path, "a.html", news_page(header, head=head))
    assert article["authors"] == ["Helena Kask"] and article["byline"] == "By Helena Kask"


# --- an agency in an author field is the article's outlet, as in a printed byline -------------------------------

def n4k_record(authors: list[str], text: list[str] = ORCHARD, url: str = "https://metro-times.example/world/frost",
               title: str = "Orchards lose blossom to late frost") -> dict:
    """A newspaper4k record of a wire story re-posted by an aggregator (no agency in the text)."""
    return {"title": title, "text": "\n\n".join(text), "authors": authors, "canonical_link": url,
            "publish_date": "2024-04-20T09:00:00", "meta_site_name": "", "top_image": "", "meta_lang": "en"}


@pytest.mark.parametrize("authors, persons, agency", [
    (["Jane Roe, Reuters"], ["Jane Roe"], "Reuters"),
    (["Reuters"], [], "Reuters"),
    (["Jane Roe", "AFP"], ["Jane Roe"], "Agence France-Presse"),
])
def test_an_agency_in_a_records_author_field_is_the_outlet_and_the_site_the_host(tmp_path, authors, persons, agency):
    article = only_article(tmp_path, "feed.jsonl", json.dumps(n4k_record(authors)) + "\n")
    assert article["authors"] == persons
    assert (article["outlet"], article["outlet_evidence"]) == (agency, "byline")
    assert article["host_site"] == "metro-times.example" and article["rights_holder"] == agency


def test_a_russian_agency_in_an_author_field(tmp_path):
    text = ["Правительство региона в среду утвердило план ремонта старого моста через реку, закрытого для движения "
            "после весеннего паводка, сообщили в пресс-службе администрации.",
            "Работы начнутся в следующем месяце и будут оплачены из регионального бюджета, а также из средств, "
            "выделенных на строительство новой библиотеки.",
            "Местные предприниматели жалуются, что с закрытием моста потеряли половину покупателей."]
    record = n4k_record(["Анна Смирнова, ТАСС"], text=text, title="Власти утвердили ремонт моста")
    article = only_article(tmp_path, "feed.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    assert article["authors"] == ["Анна Смирнова"] and article["outlet"] == "ТАСС"


def test_an_agency_in_an_html_meta_author_beats_the_aggregators_site_name(tmp_path):
    html = news_page("", head='<meta name="author" content="Jane Roe, Reuters">')
    article = only_article(tmp_path, "a.html", html)
    assert article["authors"] == ["Jane Roe"]
    assert (article["outlet"], article["outlet_evidence"], article["host_site"]) == ("Reuters", "byline",
                                                                                     "Valley Courier")


def test_an_author_field_naming_only_an_unknown_organisation_names_no_agency(tmp_path):
    """'The Editorial Board' is no person and no outlet a registry or profile knows: the site stays the outlet."""
    html = news_page("", head='<meta name="author" content="The Editorial Board">')
    article = only_article(tmp_path, "a.html", html)
    assert article["authors"] == [] and (article["outlet"], article["outlet_evidence"]) == ("Valley Courier",
                                                                                            "site_name")


def test_the_european_portuguese_update_label_in_a_byline_line(tmp_path):
    page = "\n\n".join([PONTE_TITLE, "Por Ana Costa | Atualizado a 14 de março de 2024, 19:20", *PONTE]) + "\n"
    article = only_article(tmp_path, "ponte.txt", page)
    assert article["authors"] == ["Ana Costa"] and article["modified_date"] == dt.date(2024, 3, 14)
