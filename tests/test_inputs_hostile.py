"""Hostile input for the HTML, WARC and record readers: each case has a defined outcome, never a hang or a crash."""

from __future__ import annotations

import json
import zlib

from inputs_pages import LIBRARY, ORCHARD, RIVER, article_html, build, by_title, write_warc

from corpus_pkg.inputs.document import MAX_DECOMPRESSED_BYTES
from corpus_pkg.inputs.records import MAX_RECORD_BYTES
from corpus_pkg.inputs.warc import MAX_BODY_BYTES


BRIDGE = [
    "Über die Aue führt seit Montag eine neue Fußgängerbrücke, die den Stadtteil am Hang mit dem Bahnhof verbindet "
    "und den Weg für Schülerinnen und Schüler um fast zwanzig Minuten verkürzt, wie das Bauamt mitteilte.",
    "Die alte Holzbrücke war im vergangenen Frühjahr gesperrt worden, nachdem Prüfer Schäden an den Trägern "
    "gefunden hatten; seither mussten Fußgänger einen Umweg über die Straßenbrücke im Süden nehmen.",
    "Für die Eröffnung hat der Heimatverein eine kleine Ausstellung über die Geschichte der Übergänge an der Aue "
    "vorbereitet, die bis Ende des Monats im Foyer des Rathauses zu sehen ist.",
]


def gzip_of_zeros(n_bytes: int) -> bytes:
    """A gzip stream inflating to `n_bytes` zero bytes, written without holding them (about 1/1000 the size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk, parts = b"\0" * 2**20, []
    for _ in range(n_bytes // len(chunk)):
        parts.append(packer.compress(chunk))
    return b"".join(parts) + packer.flush()


def test_a_gzip_bomb_is_stopped_at_the_cap_and_reported(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "bomb.html.gz").write_bytes(gzip_of_zeros(MAX_DECOMPRESSED_BYTES + 2**20))
    (folder / "flood.html").write_text(article_html("Flood barrier holds through third storm", RIVER), encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")
    bomb = files["saved/bomb.html.gz"]
    assert bomb["status"] == "skipped"
    assert bomb["reason"] == "gzip data decompresses to more than 256 MiB (stopped there: a gzip bomb, or not a page)"
    assert [a["title"] for a in articles] == ["Flood barrier holds through third storm"]


def test_a_compressed_warc_body_over_the_cap_is_not_read(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    write_warc(folder / "c.warc.gz", [
        {"kind": "response", "url": "https://x.example/bomb", "content_type": "text/html",
         "body": b"<html><body><p>" + b"a" * (MAX_BODY_BYTES + 10) + b"</p></body></html>"},
        {"kind": "response", "url": "https://x.example/flood", "content_type": "text/html",
         "body": article_html("Flood barrier holds through third storm", RIVER).encode()}])
    files, articles, _ = build(folder, tmp_path / "out")
    entry = files["crawl/c.warc.gz"]
    assert entry["records"] == {"too large": 1, "page": 1} and len(articles) == 1
    assert "body larger than 64 MiB" in entry["record_notes"][0]


def test_a_warc_truncated_mid_record_keeps_the_records_before_it(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    pages = [("Flood barrier holds through third storm", RIVER), ("Late frost hits northern orchards", ORCHARD),
             ("Stadtbibliothek öffnet wieder", LIBRARY)]
    for gzip in (True, False):
        name = "t.warc.gz" if gzip else "t.warc"
        write_warc(folder / name, [{"kind": "response", "url": f"https://x.example/{i}", "content_type": "text/html",
                                    "body": article_html(t, p).encode()} for i, (t, p) in enumerate(pages)], gzip=gzip)
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: len(data) - 600])     # cut inside the third record
    files, articles, _ = build(folder, tmp_path / "out")
    for name in ("crawl/t.warc", "crawl/t.warc.gz"):
        entry = files[name]
        assert entry["status"] == "read" and entry["records"]["page"] == 2, name
        assert entry["records"]["truncated"] == 1, name
        assert any("truncated" in note and "nor anything after it" in note for note in entry["record_notes"]), name
    titles = [a["title"] for a in articles]
    assert sorted(set(titles)) == ["Flood barrier holds through third storm", "Late frost hits northern orchards"]


def test_html_nested_thousands_of_levels_deep(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    deep = "<div>" * 5000 + "<p>inside</p>" + "</div>" * 5000
    (folder / "deep_first.html").write_text(article_html("Flood barrier holds through third storm", RIVER,
                                                         before=deep), encoding="utf-8")
    (folder / "deep_after.html").write_text(article_html("Late frost hits northern orchards", ORCHARD).replace(
        "<footer>", deep + "<footer>"), encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")
    # the parser (libxml2) stops at 256 levels: the text before the nesting is read, with a warning; a page
    # whose article comes after it has no main text and is skipped, saying why
    after = files["saved/deep_after.html"]
    assert after["status"] == "read" and any("nested more than 255" in w for w in after["warnings"])
    assert by_title(articles)["Late frost hits northern orchards"]["text"] == "\n\n".join(ORCHARD)
    first = files["saved/deep_first.html"]
    assert first["status"] == "skipped" and "nested more than 255" in first["reason"]


def test_a_json_line_over_the_cap_is_skipped_and_the_rest_read(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    good = json.dumps({"text": "\n\n".join(RIVER), "url": "https://x.example/flood"})
    with open(folder / "big.jsonl", "w", encoding="utf-8") as out:
        out.write(good + "\n")
        out.write('{"text": "' + "word " * ((MAX_RECORD_BYTES + 2**20) // 5) + '", "url": "https://x.example/big"}\n')
        out.write(json.dumps({"text": "\n\n".join(ORCHARD), "url": "https://x.example/frost"}) + "\n")
    files, articles, _ = build(folder, tmp_path / "out")
    entry = files["feeds/big.jsonl"]
    assert entry["records"] == {"page": 2, "too large": 1}
    assert entry["record_notes"] == ["line 2: longer than 32 MiB; skipped"]
    assert len(articles) == 2


def test_charsets_declared_wrongly(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    # <meta> says ISO-8859-1, the bytes are UTF-8: read as UTF-8, and the report says the declaration was overruled
    (folder / "meta_wrong.html").write_bytes(article_html("Stadtbibliothek öffnet wieder", LIBRARY, lang="de",
                                                          meta_charset="iso-8859-1").encode("utf-8"))
    # <meta> says UTF-8, the bytes are Windows-1252: the declaration fails, the encoding is guessed and recorded
    (folder / "meta_utf8_bytes_legacy.html").write_bytes(article_html(
        "Neue Brücke über die Aue", BRIDGE, lang="de", meta_charset="utf-8").encode("cp1252"))
    files, articles, _ = build(folder, tmp_path / "out")
    wrong = files["saved/meta_wrong.html"]
    assert wrong["status"] == "repaired" and wrong["encoding"] == "utf-8"
    assert wrong["repairs"] == ["declared 'iso-8859-1' in the <meta> tag, but the bytes are valid UTF-8: read as UTF-8"]
    legacy = files["saved/meta_utf8_bytes_legacy.html"]
    assert legacy["status"] == "repaired"
    assert "charset 'utf-8' in the <meta> tag does not decode the page" in legacy["repairs"][0]
    assert "chardet's guess" in legacy["repairs"][1]
    texts = {a["title"]: a["text"] for a in articles}
    assert texts["Stadtbibliothek öffnet wieder"] == "\n\n".join(LIBRARY)
    assert texts["Neue Brücke über die Aue"] == "\n\n".join(BRIDGE)     # no U+FFFD, no mojibake


def test_a_legacy_page_without_any_declaration_is_guessed_and_says_so():
    from corpus_pkg.inputs.html import decode_html

    page = ("<html><body><p>" + "Министерство сообщило во вторник, что переговоры продолжатся на следующей неделе. " * 4
            + "</p></body></html>").encode("cp1251")
    text, codec, repairs = decode_html(page)
    assert codec == "cp1251" and "Министерство" in text
    assert repairs == ["not UTF-8 and no charset declared: decoded as cp1251 (chardet's guess)"]


def test_an_http_header_charset_that_does_not_decode_falls_back_to_the_meta_tag(tmp_path):
    from corpus_pkg.inputs.html import decode_html

    page = article_html("Stadtbibliothek öffnet wieder", LIBRARY, meta_charset="windows-1252").encode("cp1252")
    text, codec, repairs = decode_html(page, http_charset="utf-8")
    assert codec == "cp1252" and "Türen" in text
    assert repairs == ["charset 'utf-8' in the HTTP header does not decode the page (byte "
                       f"{page.index('ö'.encode('cp1252'))}): ignored"]


def test_files_named_as_a_kind_they_are_not(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "notes.warc").write_text("just some notes, not an archive\n", encoding="utf-8")
    (folder / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (folder / "data.parquet").write_text("not parquet", encoding="utf-8")
    (folder / "list.json").write_text("[1, 2", encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "river.txt").write_text("River Levels Fall\n\n" + "\n\n".join(RIVER) + "\n", encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")      # a build with no article at all fails: one page reads
    assert [a["title"] for a in articles] == ["River Levels Fall"]
    del files["mixed/river.txt"]
    reasons = {name.split("/")[-1]: f["reason"] for name, f in files.items()}
    assert reasons["notes.warc"].startswith("not a WARC file")
    assert reasons["broken.warc.gz"] == "no records in the file (empty, or not warc data)"
    assert reasons["data.parquet"].startswith("not a Parquet file")
    assert reasons["list.json"].startswith("not valid JSON")
    assert reasons["empty.html"] == "empty page (no bytes but white space)"
    assert all(f["status"] == "skipped" for f in files.values())


def test_a_truncated_gzip_json_lines_file_keeps_the_records_before_the_cut(tmp_path):
    import gzip

    folder = tmp_path / "feeds"
    folder.mkdir()
    lines = [json.dumps({"text": "\n\n".join(p), "url": f"https://x.example/{i}"}) for i, p in enumerate([RIVER, ORCHARD])]
    lines.append(json.dumps({"text": "\n\n".join(LIBRARY) * 50, "url": "https://x.example/long"}))
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    (folder / "feed.jsonl.gz").write_bytes(data[: len(data) - 200])
    files, articles, _ = build(folder, tmp_path / "out")
    entry = files["feeds/feed.jsonl.gz"]
    assert entry["status"] == "read" and entry["records"] == {"page": 2, "truncated": 1}
    assert entry["record_notes"][0].startswith("reading stopped: cannot read: EOFError")
    assert len(articles) == 2


def test_a_pdf_named_html_a_cut_gzip_and_a_warc_record_without_target_uri_are_skipped_in_one_line(tmp_path):
    """Each bad file gets one line naming it and why, and no traceback; the PDF never becomes an article of noise."""
    from inputs_pages import build

    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "report.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (folder / "cut.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (folder / "nouri.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n"
                                        b"HTTP/1.1 200 OK\r\n\r\n<html></html>\r\n\r\n")
    (folder / "fine.txt").write_text("Harbour reopens after storm\n\nBy Jo Lind\n\n" + " ".join(
        ["The harbour reopened on Monday after the storm had closed it for three days, the port said."] * 3) + "\n")
    files, articles, _ = build(folder, tmp_path / "out")
    assert [a["title"] for a in articles] == ["Harbour reopens after storm"]
    assert files["saved/report.html"]["reason"] == "binary file (a PDF document), not HTML"
    assert files["saved/cut.html.gz"]["reason"].startswith("damaged gzip data (")
    reason = files["saved/nouri.warc"]["reason"]
    assert files["saved/nouri.warc"]["status"] == "skipped" and reason.startswith("its first record cannot be read (")
    assert "\n" not in reason


def test_a_page_whose_only_text_is_its_menu_is_skipped_not_an_article(tmp_path):
    from inputs_pages import build

    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "menu.html").write_text('<html><body><nav><a href="/">Home</a></nav><footer>Contact us</footer>'
                                      "</body></html>", encoding="utf-8")
    (folder / "fine.txt").write_text("Harbour reopens after storm\n\nBy Jo Lind\n\n" + " ".join(
        ["The harbour reopened on Monday after the storm had closed it for three days, the port said."] * 3) + "\n")
    files, articles, _ = build(folder, tmp_path / "out")
    assert [a["title"] for a in articles] == ["Harbour reopens after storm"]
    menu = files["saved/menu.html"]
    assert menu["status"] == "skipped" and menu["reason"].endswith("printed in the page's navigation, header, "
                                                                   "footer or aside")


def test_a_file_named_gz_that_is_not_gzip_is_skipped_naming_what_it_holds(tmp_path):
    """A `.gz` name promises gzip data: a file that is not (an error page or placeholder saved under the name) is
    skipped with one line saying so, whatever its kind, and never read as a page of its bytes."""
    import gzip

    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "story.html.gz").write_bytes(b"upstream error 502\n")
    (folder / "feed.jsonl.gz").write_text(json.dumps({"text": "\n\n".join(ORCHARD)}) + "\n", encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", [{"kind": "response", "url": "https://x.example/a", "content_type": "text/html",
                                           "body": article_html("Library reopens", LIBRARY).encode()}], gzip=False)
    (folder / "empty.htm.gz").write_bytes(b"")
    (folder / "river.html.gz").write_bytes(gzip.compress(article_html("River barrier holds", RIVER).encode()))
    files, articles, _ = build(folder, tmp_path / "out")
    assert [a["title"] for a in articles] == ["River barrier holds"]
    for name in ("story.html.gz", "feed.jsonl.gz", "crawl.warc.gz"):
        entry, head = files[f"saved/{name}"], (folder / name).read_bytes()[:16]
        assert entry["status"] == "skipped", name
        assert entry["reason"].startswith(f"named .gz but not gzip data (it starts with {head!r})"), entry["reason"]
        assert entry["sha256"] and entry["n_bytes"], name
    assert files["saved/empty.htm.gz"]["reason"].startswith("named .gz but not gzip data (it is empty)")


def test_a_record_or_page_without_a_headline_has_a_null_title(tmp_path):
    """The schema's promise: `title` is null when there is no headline (never an empty string), for every input kind."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(json.dumps({"text": "\n\n".join(ORCHARD), "title": ""}) + "\n"
                                       + json.dumps({"text": "\n\n".join(LIBRARY)}) + "\n", encoding="utf-8")
    (folder / "river.html").write_text("<html><body><div>" + "".join(f"<p>{p}</p>" for p in RIVER)
                                       + "</div></body></html>\n", encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")
    assert len(articles) == 3
    assert [a["title"] for a in articles] == [None, None, None]


def test_a_warc_cut_inside_a_record_header_counts_as_truncated_saying_where(tmp_path):
    """A file that ends inside a record's WARC header (no WARC-Type, no Content-Length yet) is truncated there, as
    one cut inside a record's block is: the records before it are read, the note names the record and its offset."""
    import gzip

    folder = tmp_path / "crawl"
    folder.mkdir()
    pages = [("Flood barrier holds through third storm", RIVER), ("Late frost hits northern orchards", ORCHARD),
             ("Stadtbibliothek öffnet wieder", LIBRARY)]
    write_warc(folder / "whole.warc", [{"kind": "response", "url": f"https://x.example/{i}", "content_type": "text/html",
                                        "body": article_html(t, p).encode()} for i, (t, p) in enumerate(pages)], gzip=False)
    whole = (folder / "whole.warc").read_bytes()
    (folder / "whole.warc").unlink()
    starts = [i for i in range(len(whole)) if whole.startswith(b"WARC/1.0\r\n", i)]
    assert len(starts) == 3
    (folder / "t.warc").write_bytes(whole[: starts[2] + 30])
    members = [gzip.compress(whole[a:b]) for a, b in zip(starts, starts[1:])]
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)     # the third member, cut 30 bytes into its record
    (folder / "t.warc.gz").write_bytes(b"".join(members) + packer.compress(whole[starts[2] : starts[2] + 30])
                                       + packer.flush(zlib.Z_SYNC_FLUSH))
    files, articles, _ = build(folder, tmp_path / "out")
    for name, offset in [("crawl/t.warc", starts[2]), ("crawl/t.warc.gz", len(members[0]) + len(members[1]))]:
        entry = files[name]
        assert entry["status"] == "read" and entry["records"] == {"page": 2, "truncated": 1}, (name, entry["records"])
        assert entry["record_notes"] == [
            f"record 3 at offset {offset} (no WARC-Record-ID): truncated inside its WARC header (no WARC-Type, no "
            "Content-Length): the file ends or is damaged there; it is not read, nor anything after it"], name
    assert sorted({a["title"] for a in articles}) == ["Flood barrier holds through third storm",
                                                      "Late frost hits northern orchards"]


def test_a_warc_cut_inside_its_first_record_header_is_skipped_in_one_line(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "stub.warc").write_bytes(b"WARC/1.0\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Ty")
    (folder / "river.txt").write_text("River Levels Fall\n\n" + "\n\n".join(RIVER) + "\n", encoding="utf-8")
    files, _, _ = build(folder, tmp_path / "out")
    assert files["crawl/stub.warc"]["status"] == "skipped"
    assert files["crawl/stub.warc"]["reason"] == ("its first record's WARC header is incomplete (no WARC-Type, no "
                                                  "Content-Length): the file is cut inside it, or it is not a WARC")
