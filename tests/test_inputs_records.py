"""Scrapers' records: JSON Lines in each recognised schema, a custom field mapping, JSON and Parquet files,
and a broken line reported with its number while the rest is read."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from inputs_pages import LIBRARY, ORCHARD, RIVER, build, by_title

RIVER_TITLE, ORCHARD_TITLE, LIBRARY_TITLE = ("Flood barrier holds through third storm",
                                             "Late frost hits northern orchards", "Stadtbibliothek öffnet wieder")


def write_lines(path, records, broken_at: int | None = None):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if broken_at is not None:
        lines.insert(broken_at, '{"maintext": "cut off here')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


NEWS_PLEASE = [
    {"title": RIVER_TITLE, "maintext": "\n".join(RIVER), "date_publish": "2024-03-04 08:00:00",
     "date_download": "2024-03-05 10:00:00", "source_domain": "courier.example", "url": "https://courier.example/flood",
     "authors": ["Maria Lind"], "language": "en", "description": None, "title_page": None},
    {"title": ORCHARD_TITLE, "maintext": "\n".join(ORCHARD), "date_publish": "2023-10-02 06:00:00",
     "date_download": "2023-10-03 12:00:00", "source_domain": "growers.example", "url": "https://growers.example/frost",
     "authors": ["Tom Hale", "Ines Roy"], "language": "en"},
]
TRAFILATURA = [
    {"title": LIBRARY_TITLE, "author": "Jonas Weber; Eva Kühn", "hostname": "anzeiger.example", "sitename": "Stadtanzeiger",
     "date": "2024-01-20", "source": "https://anzeiger.example/bibliothek", "source-hostname": "Stadtanzeiger",
     "categories": "", "tags": "Kultur,Stadt", "fingerprint": "abc", "id": None, "raw_text": " ".join(LIBRARY),
     "text": "\n".join(LIBRARY), "language": "de", "excerpt": None},
]
HF_TABLE = [{"text": "\n\n".join(RIVER), "url": "https://courier.example/flood"},
            {"text": "\n\n".join(ORCHARD), "url": "https://growers.example/frost", "timestamp": "2023-10-03T12:00:00Z"}]


def test_news_please_records(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "news.jsonl", NEWS_PLEASE)
    files, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert set(found) == {RIVER_TITLE, ORCHARD_TITLE}
    river = found[RIVER_TITLE]
    assert river["text"].split("\n\n") == RIVER and river["authors"] == ["Maria Lind"]
    assert river["published_date"] == dt.date(2024, 3, 4) and river["outlet"] == "courier.example"
    assert river["provenance"][0]["url"] == "https://courier.example/flood"
    assert river["provenance"][0]["fetch_date"] == dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone.utc)
    assert river["provenance"][0]["record"] == "line 1"
    assert found[ORCHARD_TITLE]["authors"] == ["Tom Hale", "Ines Roy"]
    assert files["feeds/news.jsonl"]["records"] == {"page": 2} and files["feeds/news.jsonl"]["n_articles"] == 2
    assert {p["extraction"] for p in pages} == {"json-lines record, fields read as news-please"}


def test_trafilatura_json_records(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "extracted.jsonl", TRAFILATURA)
    _, articles, _ = build(folder, tmp_path / "out")
    (library,) = articles
    assert library["title"] == LIBRARY_TITLE and library["text"].split("\n\n") == LIBRARY
    assert library["authors"] == ["Jonas Weber", "Eva Kühn"] and library["outlet"] == "Stadtanzeiger"
    assert library["tags"] == ["Kultur", "Stadt"] and library["language"] == "de"
    assert library["provenance"][0]["url"] == "https://anzeiger.example/bibliothek"


def test_a_text_and_url_table_as_jsonl_json_and_parquet(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    write_lines(folder / "a.jsonl", HF_TABLE[:1])
    (folder / "b.json").write_text(json.dumps(HF_TABLE[1:]), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([{"text": "\n\n".join(LIBRARY), "url": "https://anzeiger.example/b"}]),
                   folder / "c.parquet")
    files, articles, _ = build(folder, tmp_path / "out")
    assert len(articles) == 3
    texts = {a["text"]: a for a in articles}
    assert "\n\n".join(ORCHARD) in texts and "\n\n".join(LIBRARY) in texts
    orchard = texts["\n\n".join(ORCHARD)]["provenance"][0]
    assert orchard["record"] == "item 1" and orchard["fetch_date"] == dt.datetime(2023, 10, 3, 12, tzinfo=dt.timezone.utc)
    assert texts["\n\n".join(LIBRARY)]["provenance"][0]["record"] == "row 1"
    assert {files[f"tables/{n}"]["input_kind"] for n in ("a.jsonl", "b.json", "c.parquet")} == {"json-lines", "json", "parquet"}
    from corpus_pkg.validate import validate

    assert validate(tmp_path / "out") == []


def test_a_custom_field_mapping_from_the_build_config(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "crawler.jsonl", [{"headline": RIVER_TITLE, "meta": {"link": "https://courier.example/flood",
                                                                               "writers": "Maria Lind, Olof Berg"},
                                            "body": "\n\n".join(RIVER), "published": "04/03/2024", "crawled": 1709632800}])
    config = tmp_path / "build.toml"
    config.write_text('[inputs.fields]\ntext = "body"\ntitle = "headline"\nurl = "meta.link"\ndate = "published"\n'
                      'authors = "meta.writers"\nfetch_date = "crawled"\n', encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out", "--config", str(config))
    (river,) = articles
    assert river["title"] == RIVER_TITLE and river["authors"] == ["Maria Lind", "Olof Berg"]
    assert river["provenance"][0]["url"] == "https://courier.example/flood"
    assert river["provenance"][0]["fetch_date"] == dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone.utc)
    assert river["published_date"] == dt.date(2024, 3, 4)      # numeric dates day-first, as on text pages


def test_a_mapping_without_the_text_field_is_refused_before_reading(tmp_path):
    from corpus_pkg.config import BuildConfig, ConfigError

    config = tmp_path / "build.toml"
    config.write_text('[inputs.fields]\ntitle = "headline"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="inputs.fields.*text"):
        BuildConfig.load(config)


def test_a_broken_line_is_reported_with_its_number_and_the_rest_read(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "news.jsonl", NEWS_PLEASE, broken_at=1)
    files, articles, _ = build(folder, tmp_path / "out")
    assert set(by_title(articles)) == {RIVER_TITLE, ORCHARD_TITLE}
    entry = files["feeds/news.jsonl"]
    assert entry["records"] == {"page": 2, "malformed": 1}
    (note,) = entry["record_notes"]
    assert note.startswith("line 2: not valid JSON")
    assert by_title(articles)[ORCHARD_TITLE]["provenance"][0]["record"] == "line 3"


def test_an_unknown_schema_is_skipped_with_the_keys_it_has(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "odd.jsonl", [{"story_html": "x", "heading": "y"}])
    write_lines(folder / "known.jsonl", [{"text": "\n\n".join(RIVER), "url": "https://x.example/river"}])
    files, articles, _ = build(folder, tmp_path / "out")      # a build with no article at all fails: one file reads
    entry = files["feeds/odd.jsonl"]
    assert entry["status"] == "skipped" and "no known record layout (keys: story_html, heading)" in entry["reason"]
    assert "[inputs.fields]" in entry["reason"] and len(articles) == 1


def test_odd_values_in_a_record_do_not_stop_it(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "odd.jsonl", [{"text": "\n\n".join(RIVER), "url": {"href": "x"}, "title": ["not", "a string"],
                                        "date": 10**20, "timestamp": "yesterday-ish"}])
    files, (article,), _ = build(folder, tmp_path / "out")
    assert article["text"] == "\n\n".join(RIVER) and article["published_date"] is None
    assert article["provenance"][0]["url"] is None and article["provenance"][0]["fetch_date"] is None
    assert files["feeds/odd.jsonl"]["records"] == {"page": 1}


def test_records_that_are_not_utf8_are_named_as_such_and_replacement_characters_are_never_silent(tmp_path):
    """JSON must be UTF-8: a Latin-1 line or file is reported as an encoding problem (not 'not valid JSON'), with
    the byte and what to do; a record whose text already holds U+FFFD is read, with a warning naming the record."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    good = json.dumps(NEWS_PLEASE[0], ensure_ascii=False).encode("utf-8")
    latin = json.dumps({"maintext": "Café owners said trade had doubled since the bridge opened.",
                        "title": "Bridge brings trade"}, ensure_ascii=False).encode("latin-1")
    (folder / "mixed.jsonl").write_bytes(good + b"\n" + latin + b"\n")
    (folder / "list.json").write_bytes(b"[" + latin + b"]")
    damaged = dict(NEWS_PLEASE[1], maintext="\n".join(ORCHARD).replace("growers'", "growers\ufffd"))
    write_lines(folder / "damaged.jsonl", [damaged])
    files, articles, _ = build(folder, tmp_path / "out")
    assert set(by_title(articles)) == {RIVER_TITLE, ORCHARD_TITLE}
    (note,) = files["feeds/mixed.jsonl"]["record_notes"]
    assert note.startswith("line 2: not UTF-8 (byte 0xe9 at offset ") and "save the file as UTF-8" in note
    listed = files["feeds/list.json"]
    assert listed["status"] == "skipped" and listed["reason"].startswith("not UTF-8 (byte 0xe9")
    assert "\ufffd" in by_title(articles)[ORCHARD_TITLE]["text"]          # kept as the scraper wrote it...
    damaged_entry = files["feeds/damaged.jsonl"]
    # a warning, not a repair: the builder changed nothing, and the summary counts it
    assert damaged_entry["status"] == "read" and not damaged_entry["repairs"], damaged_entry
    assert any(w.startswith("line 1: the text holds 1 U+FFFD") for w in damaged_entry["warnings"]), damaged_entry


def test_a_date_field_printed_in_words_of_any_language_is_read_and_one_no_reader_reads_is_kept_and_named(tmp_path):
    """Scrapers copy the date as the page printed it: '5 марта 2024' over an English text is read in the words'
    own language (the text's language does not say it), as a page's date line is; a value nothing reads keeps its
    printed form in published_date_text, no date, and a warning naming the record."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    towns = ["Alder", "Birchmoor", "Caldwick", "Dunmere", "Eastholm"]
    printed = ["5 марта 2024", "5 mars 2024", "5. März 2024", "2024-03-05", "sometime last spring"]
    write_lines(folder / "dated.jsonl", [{"text": f"The council of {towns[i]} met on Tuesday to discuss the repair of "
                                          f"the {towns[i]} harbour wall, which the storm of {1990 + i} had damaged.\n\n"
                                          f"Members voted {7 + i} to {i} to fund the work from the reserve.", "url": f"https://courier.example/{i}",
                                          "title": f"Flood report {i}", "date": value}
                                         for i, value in enumerate(printed)])
    files, articles, _ = build(folder, tmp_path / "out")
    found = by_title(articles)
    for i, value in enumerate(printed[:4]):
        assert found[f"Flood report {i}"]["published_date"] == dt.date(2024, 3, 5), value
        assert found[f"Flood report {i}"]["published_date_text"] == value
    unread = found["Flood report 4"]
    assert unread["published_date"] is None and unread["published_date_text"] == "sometime last spring"
    entry = files["feeds/dated.jsonl"]
    assert entry["status"] == "read" and entry["warnings"] == [
        "line 5: date field 'sometime last spring' is not a date this builder reads; published_date left empty"]
    from corpus_pkg.pipeline import load_report

    assert load_report(tmp_path / "out").all_warnings() == [f"feeds/dated.jsonl: {entry['warnings'][0]}"]  # the summary's count
