"""`corpus-pkg explain FILE` reads every kind of input the build reads, through the build's own readers: an HTML
page, and each page of a WARC or a JSON Lines file (or the one chosen with --record), with the article ids the
build gives them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from inputs_pages import LIBRARY, ORCHARD, RIVER, article_html, build, write_warc

from corpus_pkg.cli import main

FLOOD, FROST = "Flood barrier holds through third storm", "Late frost hits northern orchards"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder with an HTML page, a WARC and a JSON Lines file; and the build's article ids by title."""
    folder = tmp_path_factory.mktemp("explain") / "in"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(FLOOD, RIVER), encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", [
        {"kind": "warcinfo"},
        {"kind": "response", "url": "https://courier.example/flood", "content_type": "text/html; charset=utf-8",
         "body": article_html(FLOOD + " again", RIVER[:2]).encode()},
        {"kind": "request", "url": "https://courier.example/frost"},
        {"kind": "response", "url": "https://courier.example/frost", "content_type": "text/html; charset=utf-8",
         "body": article_html(FROST, ORCHARD).encode()},
        {"kind": "response", "url": "https://courier.example/gone", "status": "404 Not Found",
         "content_type": "text/html", "body": b"<html><body>gone</body></html>"},
    ])
    records = [{"title": "Die Stadtbibliothek öffnet wieder", "text": "\n\n".join(LIBRARY), "url": "https://river.example/b",
                "date": "2024-03-06"},
               {"title": "The barrier and the river", "text": "\n\n".join(RIVER[1:]), "url": "https://river.example/a"}]
    (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records) + "{not json\n",
                                          encoding="utf-8")
    _, articles, _ = build(folder, folder.parent / "out")
    return folder, {a["title"]: a["id"] for a in articles}


def explain(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["explain", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def numbered(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.match(r"^\s*\d+\s", line)]


def test_an_html_page_is_explained_as_the_build_reads_it(inputs, capsys):
    folder, ids = inputs
    code, out, err = explain(capsys, folder / "flood.html")
    assert code == 0 and err == ""
    assert f"id {ids[FLOOD]} " in out and "# html input" in out
    lines = numbered(out)
    assert len(lines) == 2 * len(RIVER) + 1        # the title, then each paragraph after a blank line
    assert re.match(r"^\s+1\s+0\s+title\b", lines[0]) and FLOOD in lines[0]
    assert all(" body " in line and "main_text" in line for line in lines[2::2])
    assert [line.split("| ", 1)[1] for line in lines[2::2]] == [p[:100] for p in RIVER]


def test_each_page_of_a_warc_in_turn_and_the_records_that_are_not_pages(inputs, capsys):
    folder, ids = inputs
    code, out, err = explain(capsys, folder / "crawl.warc.gz")
    assert code == 0 and err == ""
    headers = [line for line in out.splitlines() if re.match(r"^# in/crawl\.warc\.gz page \d", line)]
    assert len(headers) == 2
    assert "page 1, record at offset" in headers[0] and "https://courier.example/flood" in headers[0]
    assert "page 2, record at offset" in headers[1] and "https://courier.example/frost" in headers[1]
    assert out.index(f"id {ids[FLOOD + ' again']} ") < out.index(f"id {ids[FROST]} ")
    summary = out.splitlines()[-2:]
    assert summary[0].startswith("# in/crawl.warc.gz: warc: 2 page(s) read; records: ")
    assert "1 request" in summary[0] and "1 not 200" in summary[0] and "https://courier.example/gone" in summary[1]

    code, out, err = explain(capsys, folder / "crawl.warc.gz", "--record", "2")
    assert code == 0 and f"id {ids[FROST]} " in out and ids[FLOOD + " again"] not in out
    assert len(numbered(out)) == 2 * len(ORCHARD) + 1


def test_each_record_of_a_json_lines_file_and_one_chosen(inputs, capsys):
    folder, ids = inputs
    code, out, err = explain(capsys, folder / "records.jsonl")
    assert code == 0 and err == ""
    assert out.index(f"id {ids['Die Stadtbibliothek öffnet wieder']} ") < out.index(f"id {ids['The barrier and the river']} ")
    assert "# in/records.jsonl page 1, line 1: " in out and "# in/records.jsonl page 2, line 2: " in out
    assert "#   line 3: not valid JSON" in out

    code, out, err = explain(capsys, folder / "records.jsonl", "--record", "1")
    assert code == 0 and ids["Die Stadtbibliothek öffnet wieder"] in out and ids["The barrier and the river"] not in out


@pytest.mark.parametrize("args, message", [
    (["records.jsonl", "--record", "3"], "records.jsonl: no page 3: the file holds 2 page(s)"),
    (["flood.html", "--record", "1"], "flood.html: --record applies to a WARC, JSON Lines, JSON or Parquet file"),
    (["notes.pdf"], "notes.pdf: not an input page (suffix .pdf; reads "),
])
def test_what_cannot_be_explained_is_one_line(inputs, capsys, args, message):
    folder, _ = inputs
    (folder.parent / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    code, out, err = explain(capsys, folder.parent / args[0] if args[0] == "notes.pdf" else folder / args[0],
                             *args[1:])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("corpus-pkg explain: ") and message in err


def test_the_build_config_applies_its_field_mapping_and_its_layout_for_the_file(tmp_path, capsys):
    """With --config, explain reads a page as that build would: records with the scraper's own keys through the
    config's field mapping, and a text page with the layout its path's glob gives (an option given wins)."""
    folder = tmp_path / "in"
    (folder / "archive").mkdir(parents=True)
    (folder / "scraped.jsonl").write_text(json.dumps({"heading": FROST, "story": "\n\n".join(ORCHARD)}) + "\n",
                                          encoding="utf-8")
    stories = [FLOOD, "", *RIVER, "", "", FROST, "", *ORCHARD]
    (folder / "archive" / "day.txt").write_text("\n".join(stories) + "\n", encoding="utf-8")
    config = tmp_path / "build.toml"
    config.write_text(f'input_dir = "{folder.as_posix()}"\n[layout]\n"archive/*" = "single"\n'
                      '[inputs.fields]\ntext = "story"\ntitle = "heading"\n', encoding="utf-8")

    code, out, err = explain(capsys, folder / "scraped.jsonl")
    assert code == 1 and "no known record layout" in err
    code, out, err = explain(capsys, folder / "scraped.jsonl", "--config", config)
    assert code == 0 and err == "" and f"article '{FROST}'" in out

    code, out, err = explain(capsys, folder / "archive" / "day.txt", "--config", config)
    assert code == 0 and "layout = single (config)" in out and "1 unit(s)" in out
    code, out, err = explain(capsys, folder / "archive" / "day.txt", "--config", config, "--layout", "auto")
    assert code == 0 and "layout = single" not in out
