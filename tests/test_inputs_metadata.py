"""Metadata of HTML pages, WARC responses and scrapers' records read as the text path reads the same things:
author fields through the byline cues, printed date lines at the head of the main text, year-only dates."""

from __future__ import annotations

import json

import pytest

from inputs_pages import LIBRARY, ORCHARD, RIVER, article_html, build, by_title, write_warc


def test_an_author_field_gives_the_persons_the_same_byline_gives_on_a_text_page(tmp_path):
    """A job title, an organisation or a word printed after the name without a separator is no author, and an
    ALL-CAPS name is recased: in HTML metadata and a scraper's record as in a byline printed on a text page."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, author="MARIA LIND Valley Press"), encoding="utf-8")
    (folder / "frost.html").write_text(article_html(
        "Late frost hits northern orchards", ORCHARD, author="Tom Hale News reporter"), encoding="utf-8")
    (folder / "bibliothek.html").write_text(article_html(
        "Stadtbibliothek öffnet wieder", LIBRARY, author="JONAS WEBER March", lang="de"), encoding="utf-8")
    record = {"title": "River levels fall after the storm", "maintext": "\n".join(RIVER[1:]),
              "date_publish": "2024-03-06 08:00:00", "url": "https://courier.example/levels",
              "authors": ["Ines Roy, Senior Writer", "Valley Press Agency", "Berg, Olof"], "language": "en"}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "printed.txt").write_text("Apple growers count the cost of the frost\n\nBy MARIA LIND Valley Press\n\n"
                                        + "\n\n".join(ORCHARD[:2]) + "\n", encoding="utf-8")
    files, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert found["Flood barrier holds through third storm"]["authors"] == ["Maria Lind"]
    assert found["Late frost hits northern orchards"]["authors"] == ["Tom Hale"]
    assert found["Stadtbibliothek öffnet wieder"]["authors"] == ["Jonas Weber"]
    assert found["River levels fall after the storm"]["authors"] == ["Ines Roy", "Berg, Olof"]   # a name, kept
    assert found["Apple growers count the cost of the frost"]["authors"] == ["Maria Lind"]   # the text path
    extraction = {p["source_file"]: p["extraction"] for p in pages}
    assert "author field ['MARIA LIND Valley Press'] read as a byline: authors ['Maria Lind']" \
        in extraction["mixed/flood.html"]                       # the field as given stays in the pages audit


def test_an_author_field_naming_only_an_organisation_gives_no_author(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, author="Valley News Bureau"), encoding="utf-8")
    _, (article,), (page,) = build(folder, tmp_path / "out")
    assert article["authors"] == [] and "author field ['Valley News Bureau']" in page["extraction"]


def test_date_lines_at_the_head_of_the_main_text_are_metadata_not_body_text(tmp_path):
    """A date line the extractor keeps in the main text is read as on a text page (the same classifier): its
    line gets the role `metadata` in the pages audit, and its date is the article's when the metadata has none."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm",
        ["Published 3:04 PM ET, Mon March 4, 2024", "Updated 5:10 PM ET, Mon March 4, 2024"] + RIVER), encoding="utf-8")
    (folder / "frost.html").write_text(article_html(
        "Late frost hits northern orchards", ["October 2, 2023 - 11:28 CET"] + ORCHARD, date=None), encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    river = found["Flood barrier holds through third storm"]
    assert river["text"] == "\n\n".join(RIVER)
    frost = found["Late frost hits northern orchards"]
    assert frost["text"] == "\n\n".join(ORCHARD) and frost["published_date"].isoformat() == "2023-10-02"
    page = next(p for p in pages if p["source_file"] == "saved/flood.html")
    lines = page["text"].split("\n")
    dated = [lines[s["line_start"] - 1] for s in page["spans"] if (s["role"], s["detail"]) == ("metadata", "date_line")]
    assert dated == ["Published 3:04 PM ET, Mon March 4, 2024", "Updated 5:10 PM ET, Mon March 4, 2024"]


def test_a_year_from_a_copyright_notice_is_not_a_publication_date(tmp_path):
    """htmldate gives a page whose only year is its copyright notice ('© 2023') or its declared copyrightYear
    a date of 1 January: not a date the page prints. The date is left empty and the report names it."""
    folder = tmp_path / "saved"
    folder.mkdir()
    footer = "© Valley Courier."
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, date=None).replace(footer, "© 2023 Valley Courier."),
        encoding="utf-8")
    (folder / "frost.html").write_text(article_html(
        "Late frost hits northern orchards", ORCHARD, date=None,
        extra_head='<meta itemprop="copyrightYear" content="2022">'), encoding="utf-8")
    (folder / "bibliothek.html").write_text(article_html(    # a real 1 January, in the metadata: kept
        "Stadtbibliothek öffnet wieder", LIBRARY, lang="de", date="2024-01-01").replace(footer, "© 2024 Anzeiger."),
        encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert found["Flood barrier holds through third storm"]["published_date"] is None
    assert found["Late frost hits northern orchards"]["published_date"] is None
    assert found["Stadtbibliothek öffnet wieder"]["published_date"].isoformat() == "2024-01-01"
    assert any("htmldate's publication date 2023-01-01 is a year only" in w for w in files["saved/flood.html"]["warnings"])
    assert any("2022-01-01 is a year only" in w and "copyrightYear" in w for w in files["saved/frost.html"]["warnings"])
    assert not files["saved/bibliothek.html"]["warnings"]


def test_an_article_merged_from_a_text_page_and_a_record_keeps_what_the_record_knows(tmp_path):
    """The same article as a text page (kept: the original, its text names its outlet) and as a scraper's record:
    the record's URL and date, which the page does not print, are the article's; its text stays the page's."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    title = "Flood barrier holds through third storm"
    (folder / "b_page.txt").write_text(title + "\n\nBy Maria Lind, Valley Courier\n\n" + "\n\n".join(RIVER) + "\n",
                                       encoding="utf-8")
    record = {"title": title, "maintext": "\n".join(RIVER), "date_publish": "2024-03-04 08:00:00",
              "url": "https://courier.example/flood", "source_domain": "courier.example", "authors": ["Maria Lind"],
              "language": "en"}
    (folder / "a_feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    _, (article,), _ = build(folder, tmp_path / "out")
    assert article["n_copies"] == 2 and article["provenance"][0]["source_file"] == "mixed/b_page.txt"
    assert article["urls"] == ["https://courier.example/flood"] and article["authors"] == ["Maria Lind"]
    assert article["outlet"] == "Valley Courier" and article["published_date"].isoformat() == "2024-03-04"
    assert article["text"] == "\n\n".join(RIVER)


def test_a_warc_response_gets_the_same_authors_date_lines_and_dates(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    dated = article_html("Flood barrier holds through third storm",
                         ["Updated 10:15 AM CET, Tue March 5, 2024"] + RIVER, author="TOM HALE Valley News")
    undated = article_html("Late frost hits northern orchards", ORCHARD, date=None).replace(
        "© Valley Courier.", "© 2021 Valley Courier.")
    write_warc(folder / "crawl.warc.gz", [
        {"kind": "response", "url": "https://courier.example/flood", "content_type": "text/html; charset=utf-8",
         "body": dated.encode()},
        {"kind": "response", "url": "https://courier.example/frost", "content_type": "text/html; charset=utf-8",
         "body": undated.encode()}])
    files, articles, _ = build(folder, tmp_path / "out")
    found = by_title(articles)
    river = found["Flood barrier holds through third storm"]
    assert river["authors"] == ["Tom Hale"] and river["text"] == "\n\n".join(RIVER)
    assert river["published_date"].isoformat() == "2024-03-04"      # the metadata's; the date line is metadata
    assert found["Late frost hits northern orchards"]["published_date"] is None
    warnings = files["crawl/crawl.warc.gz"]["warnings"]
    assert any("record at offset" in w and "2021-01-01 is a year only" in w for w in warnings)


@pytest.mark.parametrize("how", ["meta", "json-ld", "microdata"])
def test_the_update_the_markup_declares_wins_over_a_date_in_the_url(tmp_path, how):
    """A canonical URL holding the publication date ('/2024/03/04/') made htmldate's search for the latest date
    answer the publication date, though the page's markup declares its update."""
    declared = {"meta": '<meta property="article:modified_time" content="2024-03-06T12:00:00+00:00">',
                "json-ld": '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
                           '"2024-03-04T08:00:00+00:00", "dateModified": "2024-03-06T12:00:00+00:00"}</script>',
                "microdata": '<meta itemprop="dateModified" content="2024-03-06">'}[how]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fares.html").write_text(article_html(
        "Transit fares to rise in January", RIVER, extra_head=declared,
        canonical="https://courier.example/news/2024/03/04/transit-fares",
        before='<time datetime="2024-03-04T08:00:00+00:00">March 4, 2024</time>'),
        encoding="utf-8")
    _, [article], _ = build(tmp_path / "in", tmp_path / "out")
    assert str(article["published_date"]) == "2024-03-04" and str(article["modified_date"]) == "2024-03-06"
