"""WARC input: a WARC written here with warcio builds into the expected articles; every record is accounted for."""

from __future__ import annotations

import datetime as dt
import json

from inputs_pages import LIBRARY, ORCHARD, RIVER, article_html, build, by_title, write_warc


def crawl(tmp_path, gzip=True):
    folder = tmp_path / "crawl"
    folder.mkdir()
    river = article_html("Flood barrier holds through third storm", RIVER, canonical="https://courier.example/flood")
    # the charset is only in the HTTP header: no <meta charset>, bytes in ISO-8859-1
    library = article_html("Stadtbibliothek öffnet wieder", LIBRARY, lang="de", meta_charset=None, site="Stadtanzeiger",
                           author="Jonas Weber").encode("iso-8859-1")
    records = [
        {"kind": "warcinfo"},
        {"kind": "request", "url": "https://courier.example/flood"},
        {"kind": "response", "url": "https://courier.example/flood", "content_type": "text/html; charset=utf-8",
         "body": river.encode(), "date": "2024-03-05T10:00:00Z"},
        {"kind": "response", "url": "https://anzeiger.example/bibliothek", "content_type": "text/html; charset=ISO-8859-1",
         "body": library, "date": "2024-03-06T11:30:00Z"},
        {"kind": "revisit", "url": "https://courier.example/flood"},
        {"kind": "response", "url": "https://courier.example/old", "status": "301 Moved Permanently",
         "location": "https://courier.example/flood"},
        {"kind": "response", "url": "https://courier.example/missing", "status": "404 Not Found",
         "content_type": "text/html", "body": b"<html><body><p>Not found</p></body></html>"},
        {"kind": "response", "url": "https://courier.example/report.pdf", "content_type": "application/pdf",
         "body": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"},
    ]
    write_warc(folder / "crawl.warc.gz" if gzip else folder / "crawl.warc", records, gzip=gzip)
    return folder


def test_a_warc_builds_into_its_html_pages_with_url_fetch_date_and_record_id(tmp_path):
    files, articles, pages = build(crawl(tmp_path), tmp_path / "out")
    found = by_title(articles)
    assert set(found) == {"Flood barrier holds through third storm", "Stadtbibliothek öffnet wieder"}
    river = found["Flood barrier holds through third storm"]
    assert river["text"].split("\n\n") == RIVER
    assert river["authors"] == ["Maria Lind"] and river["published_date"] == dt.date(2024, 3, 4)
    assert river["outlet"] == "Valley Courier" and river["language"] == "en"
    (copy,) = river["provenance"]
    assert copy["source_file"] == "crawl/crawl.warc.gz"
    assert copy["url"] == "https://courier.example/flood"
    assert copy["fetch_date"] == dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.timezone.utc)
    assert copy["warc_record_id"].startswith("<urn:uuid:") and copy["record"].startswith("offset ")
    library = found["Stadtbibliothek öffnet wieder"]
    assert library["text"].split("\n\n") == LIBRARY           # decoded with the HTTP header's charset
    assert "\ufffd" not in library["text"] and library["language"] == "de"
    assert library["provenance"][0]["fetch_date"] == dt.datetime(2024, 3, 6, 11, 30, tzinfo=dt.timezone.utc)
    assert {p["warc_record_id"] for p in pages} == {a["provenance"][0]["warc_record_id"] for a in articles}
    assert all(p["input_kind"] == "warc" and "trafilatura" in p["extraction"] for p in pages)


def test_every_record_of_the_warc_is_accounted_for_in_the_report(tmp_path):
    files, _, _ = build(crawl(tmp_path), tmp_path / "out")
    entry = files["crawl/crawl.warc.gz"]
    assert entry["status"] == "read" and entry["input_kind"] == "warc" and entry["n_articles"] == 2
    assert entry["records"] == {"warcinfo": 1, "request": 1, "page": 2, "revisit": 1, "redirect": 1, "not 200": 1,
                                "not HTML": 1}
    notes = "\n".join(entry["record_notes"])
    assert len(entry["record_notes"]) == 4
    assert "revisit" in notes and "HTTP 301 to https://courier.example/flood" in notes and "HTTP 404" in notes
    assert "not HTML (application/pdf" in notes and "https://courier.example/report.pdf" in notes
    assert sum(entry["records"].values()) == 8      # the eight records written


def test_an_uncompressed_warc_is_read_the_same(tmp_path):
    files, articles, _ = build(crawl(tmp_path, gzip=False), tmp_path / "out")
    assert files["crawl/crawl.warc"]["records"]["page"] == 2 and len(articles) == 2


def test_strict_fails_on_the_records_that_are_not_pages(tmp_path, capsys):
    from corpus_pkg.cli import main

    folder = crawl(tmp_path)
    assert main(["build", "--input", str(folder), "--output", str(tmp_path / "out"), "--quiet", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "--strict" in err and "revisit" in err and "HTTP 404" in err
    assert not (tmp_path / "out").exists()


def test_the_same_article_as_text_and_in_a_warc_is_one_article_with_two_copies(tmp_path):
    folder = crawl(tmp_path)
    text = "Flood barrier holds through third storm\n\nBy Maria Lind | March 4, 2024\n\n" + "\n\n".join(RIVER) + "\n"
    (folder / "flood.txt").write_text(text, encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out")
    river = [a for a in articles if "flood barrier" in a["text"]]
    assert len(river) == 1 and river[0]["n_copies"] == 2
    assert sorted(p["source_file"] for p in river[0]["provenance"]) == ["crawl/crawl.warc.gz", "crawl/flood.txt"]


def test_a_page_and_its_amp_copy_are_one_article(tmp_path):
    folder = tmp_path / "amp"
    folder.mkdir()
    page = article_html("Late frost hits northern orchards", ORCHARD, canonical="https://courier.example/frost")
    amp = article_html("Late frost hits northern orchards", ORCHARD, canonical="https://courier.example/frost",
                       extra_head='<script async src="https://cdn.ampproject.org/v0.js"></script>'
                                  '<style amp-boilerplate>body{visibility:hidden}</style>')
    write_warc(folder / "a.warc.gz", [
        {"kind": "response", "url": "https://courier.example/frost", "content_type": "text/html", "body": page.encode()},
        {"kind": "response", "url": "https://courier.example/frost/amp", "content_type": "text/html",
         "body": amp.replace("<html ", "<html amp ").encode(), "date": "2024-03-07T09:00:00Z"}])
    files, articles, pages = build(folder, tmp_path / "out")
    assert len(articles) == 1 and articles[0]["n_copies"] == 2 and len(pages) == 2
    assert {p["url"] for p in articles[0]["provenance"]} == {"https://courier.example/frost",
                                                             "https://courier.example/frost/amp"}
    assert "https://courier.example/frost" in articles[0]["urls"]       # the canonical URL


def test_the_card_gives_the_collection_period_and_the_extraction_tools(tmp_path):
    from corpus_pkg.validate import validate

    folder = crawl(tmp_path)
    (folder / "flood.txt").write_text("A text page\n\n" + "\n\n".join(ORCHARD) + "\n", encoding="utf-8")
    build(folder, tmp_path / "out")
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "**Collection period** (from fetch dates): 2024-03-05 10:00 to 2024-03-06 11:30 UTC; 2 of the 3 " \
           "article copies (66.7%) carry a fetch date." in card
    assert "| `warc` | 2 | HTTP 200 HTML responses read with warcio " in card and "trafilatura 2." in card
    assert "| `text` | 1 |" in card
    # a card of markup inputs does not say what holds of plain-text inputs only
    assert "The inputs are plain-text files" not in card and "No record has the URL" not in card
    assert "HTML pages give their\ncanonical URL" in card and "also from their\n   markup" in card
    croissant = json.loads((tmp_path / "out" / "croissant.json").read_text(encoding="utf-8"))
    assert any(tool.startswith("trafilatura ") for tool in croissant["rai:machineAnnotationTools"])
    assert validate(tmp_path / "out") == []


def test_a_mixed_folder_builds_byte_identical_with_two_workers(tmp_path):
    import json as _json

    from inputs_pages import LIBRARY as _LIBRARY

    folder = crawl(tmp_path)
    (folder / "a.txt").write_text("A text page\n\n" + "\n\n".join(ORCHARD) + "\n", encoding="utf-8")
    (folder / "b.html").write_text(article_html("Stadtbibliothek öffnet wieder", _LIBRARY, lang="de"), encoding="utf-8")
    (folder / "c.jsonl").write_text(_json.dumps({"text": "\n\n".join(RIVER[::-1]), "url": "https://x.example/r"}) + "\n",
                                    encoding="utf-8")
    build(folder, tmp_path / "one")
    build(folder, tmp_path / "two", "--workers", "2")
    for name in ("data", "pages"):
        one = {p.name: p.read_bytes() for p in (tmp_path / "one" / name).glob("*.parquet")}
        two = {p.name: p.read_bytes() for p in (tmp_path / "two" / name).glob("*.parquet")}
        assert one == two and one, name


def test_the_pages_of_one_warc_are_placed_each_by_its_own_identity_not_by_the_file_name(tmp_path):
    """Three pages in one WARC share a file name: each must keep its own place in the splits (the split of its
    article), as three files would, and none is merged with another."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    pages_in = [("Flood barrier holds through third storm", RIVER, "https://courier.example/flood"),
                ("Late frost hits northern orchards", ORCHARD, "https://growers.example/frost"),
                ("Stadtbibliothek öffnet wieder", LIBRARY, "https://anzeiger.example/bibliothek")]
    write_warc(folder / "crawl.warc.gz", [
        {"kind": "response", "url": url, "content_type": "text/html; charset=utf-8",
         "body": article_html(title, paragraphs, canonical=url).encode()} for title, paragraphs, url in pages_in])
    out = tmp_path / "out"
    build(folder, out)
    import pyarrow.parquet as pq

    split_of_article = {r["id"]: f.name.split("-")[0] for f in (out / "data").glob("*.parquet")
                        for r in pq.read_table(f).to_pylist()}
    assert len(split_of_article) == 3 and set(split_of_article.values()) == {"train", "validation", "test"}
    pages = [(f.name.split("-")[0], r) for f in (out / "pages").glob("*.parquet") for r in pq.read_table(f).to_pylist()]
    assert len(pages) == 3 and len({r["record"] for _, r in pages}) == 3
    for split, page in pages:
        articles = {s["article_id"] for s in page["spans"] if s["article_id"]}
        assert len(articles) == 1 and split_of_article[articles.pop()] == split, page["record"]
    # The card counts the pages, and says they came from one file.
    assert "found 3 times on 3 input pages from 1 input file (0 input files skipped)" in (out / "README.md").read_text()


class _Pages:
    """The pages spool as `settle_page_splits` reads it: record batches of the named columns."""

    def __init__(self, table):
        self.table = table

    def batches(self, columns=None):
        return self.table.select(columns).to_batches()


def test_settling_page_splits_keeps_the_pages_of_one_container_apart():
    """Four pages of one WARC (and a JSON Lines file's two), all weighted to train: filling the empty splits must
    move single pages, named by file and record, not treat every page of a file as one."""
    import numpy as np
    import pyarrow as pa

    from corpus_pkg.config import BuildConfig
    from corpus_pkg.pass2 import settle_page_splits

    names = ["crawl/a.warc.gz"] * 4 + ["crawl/b.jsonl"] * 2
    records = ["offset 0", "offset 812", "offset 1650", "offset 2470", "line 1", "line 2"]
    pages = _Pages(pa.table({"source_file": names, "record": records}))
    notes: list[str] = []
    split = settle_page_splits(BuildConfig(), np.zeros(6, dtype=np.int8), np.linspace(0.1, 0.6, 6), pages, notes)
    assert sorted(split.tolist()) == [0, 0, 0, 0, 1, 2]         # one page each to validation and test, four stay
    assert len(notes) == 2 and all(n.startswith("page crawl/") and ("(offset " in n or "(line " in n) for n in notes)


def test_the_card_names_a_moved_page_of_a_container_by_its_file_and_record():
    import pyarrow as pa

    from corpus_pkg.card.figures import BuildData
    from corpus_pkg.card.figures.corpus import page_splits

    pages = pa.table({"source_file": ["crawl/a.warc.gz"] * 3 + ["crawl/b.txt"],
                      "record": ["offset 0", "offset 812", "offset 1650", None],
                      "split": ["train", "validation", "test", "train"]})
    majority = pa.table({"page": [0, 1, 2, 3], "split": [0, 0, 0, 0]})
    text = page_splits(BuildData(out_dir=None, articles=None, copies=None, pages=pages, outlets=[], files=[],
                                 page_majority=majority))
    assert "| `crawl/a.warc.gz (offset 812)` | validation |" in text
    assert "| `crawl/a.warc.gz (offset 1650)` | test |" in text and "2 pages of 4" in text
