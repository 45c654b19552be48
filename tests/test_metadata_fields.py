"""Metadata of HTML pages and scrapers' records read as a reader of the printed page would: list fields of
records, a standfirst printed under the headline, the site's name over its URL's domain, the agency an author
field names, and the printed byline behind a rejected or misplaced one. Pages written here (our own text)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from inputs_pages import ORCHARD, RIVER, build, by_title


def write_lines(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def only_article(tmp_path, name: str, content: str) -> dict:
    folder = tmp_path / "in"
    folder.mkdir()
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
    assert article["title"] == "Flood barrier holds"


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


def test_a_publisher_named_in_json_ld_beats_the_domain(tmp_path):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": BARRIER,
          "publisher": {"@type": "Organization", "name": "Valley Courier"}}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    article = only_article(tmp_path, "a.html", site_page(title_element=BARRIER, head=head))
    assert (article["outlet"], article["outlet_evidence"]) == ("Valley Courier", "site_name")


def test_a_page_naming_no_site_has_its_urls_domain_as_outlet_with_url_evidence(tmp_path):
    article = only_article(tmp_path, "a.html", site_page(title_element=BARRIER, footer="<p>Contact us</p>"))
    assert (article["outlet"], article["outlet_evidence"]) == ("valleycourier.example", "url")
