"""Issue 6: every kind of bad input file gets a defined outcome and a report entry; nothing is lost silently.

Each test makes its own file. `read_page` is the unit under test where the outcome is decided there; the
cases that need the whole builder (no article, duplicates, nested names, the 50 MB line) run a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import struct
import subprocess
import sys
import time
import traceback
import zlib
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_pkg import BuildError, build
from corpus_pkg.cli import main
from corpus_pkg.pipeline import load_report
from corpus_pkg.read import discover, read_page, split_lines

ARTICLE = """Officials Promise Water For The Eastern Villages
By Jane Doe | Le Monde | March 3, 2021

The regional council said on Monday that the new water pipeline would reach the eastern villages before the summer, after two years of delays blamed on funding and on disputes over the route.

Residents of Zürich Street told the council’s envoy that they had heard “such promises” before, and several asked why the contractor had been paid in full while the trenches stood empty for months.

Officials did not answer questions about the contract, but a spokesman promised that an independent audit would be published once the first section of the café district’s pipeline is working.
"""
ARTICLE_LINES = split_lines(ARTICLE)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read_one(tmp_path: Path, data: bytes, name: str = "page.txt"):
    folder = tmp_path / "pages"
    return read_page(write(folder, name, data), folder)


def build_folder(tmp_path: Path, files: dict[str, bytes], **config) -> tuple[dict, Path]:
    """Build the files given; return build-report.json's entries by file name, and the output folder."""
    folder, out = tmp_path / "pages", tmp_path / "out"
    for name, data in files.items():
        write(folder, name, data)
    build(input_dir=folder, output_dir=out, **config)
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    return {f["source_file"]: f for f in report["files"]}, out


def png_image() -> bytes:
    """A real 1x1 PNG, made here."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def assert_skipped(report, reason_part: str) -> None:
    assert report.status == "skipped", report
    assert reason_part in report.reason


# ------------------------------------------------------------------------------------------------
# decided by read_page


def test_empty_file_is_skipped_with_its_hash(tmp_path):
    page, report = read_one(tmp_path, b"")
    assert page is None
    assert_skipped(report, "empty file (0 bytes)")
    assert (report.n_bytes, report.sha256) == (0, hashlib.sha256(b"").hexdigest())


@pytest.mark.parametrize("data", [b" \n\t \r\n  ", " \n".encode("utf-16"), b"\xef\xbb\xbf\n\n"])
def test_whitespace_only_file_is_skipped_in_any_encoding(tmp_path, data):
    page, report = read_one(tmp_path, data)
    assert page is None
    assert_skipped(report, "white space only")
    assert report.n_bytes == len(data)


def test_file_with_nul_bytes_is_skipped_as_binary(tmp_path):
    page, report = read_one(tmp_path, ARTICLE.encode()[:200] + b"\x00\x01\x02" + ARTICLE.encode()[200:])
    assert page is None
    assert_skipped(report, "binary file (contains NUL bytes)")


def test_png_image_renamed_txt_is_skipped_and_named(tmp_path):
    page, report = read_one(tmp_path, png_image(), name="photo.txt")
    assert page is None
    assert_skipped(report, "binary file (a PNG image)")
    assert report.sha256 == hashlib.sha256(png_image()).hexdigest()


def test_binary_without_nul_bytes_is_skipped_by_its_control_characters(tmp_path):
    data = bytes(range(1, 32)) * 50 + b"some text"
    page, report = read_one(tmp_path, data)
    assert page is None
    assert_skipped(report, "binary file (")
    assert "control characters" in report.reason


def test_utf16_without_byte_order_mark_is_skipped_with_a_hint(tmp_path):
    page, report = read_one(tmp_path, ARTICLE.encode("utf-16-le"))
    assert page is None
    assert_skipped(report, "UTF-16 without a byte-order mark")


def test_invalid_utf8_bytes_are_replaced_and_the_repair_recorded(tmp_path):
    good = ARTICLE.encode()
    offset = good.index(b"regional")
    page, report = read_one(tmp_path, good[:offset] + b"\xff\xfe" + good[offset:])
    assert report.status == "repaired" and report.encoding == "utf-8"
    assert report.repairs == [f"2 byte(s) that are not valid UTF-8 replaced by U+FFFD (the first at byte offset {offset})"]
    assert page.text == ARTICLE.replace("regional", "\ufffd\ufffdregional")



def lost(n: int) -> str:
    return (f"the text holds {n} U+FFFD replacement character(s) as the input gives it (characters lost before this "
            "build read it); kept as they are")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_replacement_characters_the_page_already_holds_are_kept_with_a_warning(tmp_path, encoding):
    """A scrape that lost characters saved them as U+FFFD: valid text, but the build report must say so."""
    text = ARTICLE.replace("Zürich", "Z\ufffdrich").replace("café", "caf\ufffd")
    page, report = read_one(tmp_path, text.encode(encoding))
    assert report.status == "read" and report.repairs == []
    assert report.warnings == [lost(2)]
    assert page.text == text


def test_replacement_characters_of_invalid_bytes_are_a_repair_not_a_warning_of_lost_characters(tmp_path):
    good = ARTICLE.replace("café", "caf\ufffd").encode()
    offset = good.index(b"regional")
    page, report = read_one(tmp_path, good[:offset] + b"\xff\xfe" + good[offset:])
    assert report.repairs == [f"2 byte(s) that are not valid UTF-8 replaced by U+FFFD (the first at byte offset {offset})"]
    assert report.warnings == [lost(1)]      # the one the file holds; not the two put for its invalid bytes
    assert page.text.count("\ufffd") == 3
    page, report = read_one(tmp_path, ARTICLE.encode()[:offset] + b"\xff" + ARTICLE.encode()[offset:])
    assert report.warnings == []


def test_a_build_reports_the_page_holding_replacement_characters_and_strict_fails_on_it(tmp_path, capsys):
    folder = tmp_path / "pages"
    write(folder, "lost.txt", ARTICLE.replace("Zürich", "Z\ufffd\ufffdrich").encode())
    assert main(["build", "--input", str(folder), "--output", str(tmp_path / "out"), "--quiet"]) == 0
    assert f"  warning: pages/lost.txt: {lost(2)}\n" in capsys.readouterr().out
    assert main(["build", "--input", str(folder), "--output", str(tmp_path / "out"), "--quiet", "--strict"]) == 1
    assert f"  - pages/lost.txt: {lost(2)}" in capsys.readouterr().err

def test_utf8_byte_order_mark_is_read_as_utf8_sig(tmp_path):
    page, report = read_one(tmp_path, ARTICLE.encode("utf-8-sig"))
    assert (report.status, report.encoding, report.repairs) == ("read", "utf-8-sig", [])
    assert page.text == ARTICLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded(tmp_path, codec):
    page, report = read_one(tmp_path, ("\ufeff" + ARTICLE).encode(codec))
    assert (report.status, report.encoding, report.repairs) == ("read", codec, [])
    assert page.text == ARTICLE


def test_utf16_with_a_broken_tail_is_skipped(tmp_path):
    page, report = read_one(tmp_path, ("\ufeff" + ARTICLE).encode("utf-16-le") + b"\x00\xd8")
    assert page is None
    assert_skipped(report, "not valid utf-16-le after its byte-order mark")


def test_windows_1252_text_is_decoded_and_the_guess_recorded(tmp_path):
    page, report = read_one(tmp_path, ARTICLE.encode("cp1252"))
    assert (report.status, report.encoding) == ("repaired", "cp1252")
    assert report.repairs == [f"not UTF-8 and no UTF-8 sequence in it: decoded as cp1252 by detection (chardet, "
                              f"confidence {report.encoding_confidence:.2f})"]
    assert report.warnings == []
    assert page.text == ARTICLE


def test_a_legacy_cyrillic_code_page_is_detected_not_read_as_windows_1252(tmp_path):
    russian = "Министр заявил в понедельник, что войска продвинулись к городу.\n" * 3
    page, report = read_one(tmp_path, russian.encode("cp1251"))
    assert (report.status, report.encoding) == ("repaired", "cp1251")
    assert page.text == russian and 0 < report.encoding_confidence <= 1
    assert "decoded as cp1251 by detection" in report.repairs[0]


def test_a_detected_code_page_note_names_no_language(tmp_path):
    """The detector's `language` is its guess of which language's byte pairs fit the decoded bytes
    (a Russian page may come out 'Bulgarian'), not the page's language: the repair, which the summary and the
    card print, names the code page and the confidence only."""
    russian = ("В понедельник правительство объявило о новых мерах поддержки малого бизнеса в регионах.\n"
               "Эксперты считают, что эти меры помогут сохранить рабочие места до конца года.\n") * 2
    page, report = read_one(tmp_path, russian.encode("cp1251"))
    assert page.text == russian and report.encoding == "cp1251"
    assert "language" not in report.repairs[0] and "chardet, confidence" in report.repairs[0]
    assert "language" not in report.outcome()


def test_mojibake_is_undone_and_the_lines_named(tmp_path):
    mojibake = ARTICLE.encode("utf-8").decode("latin-1")      # what a careless re-save produces
    page, report = read_one(tmp_path, mojibake.encode("utf-8"))
    assert page.text == ARTICLE
    damaged = [str(n) for n, line in enumerate(ARTICLE_LINES, start=1) if not line.isascii()]
    assert report.status == "repaired" and report.encoding == "utf-8"
    assert report.repairs == [f"mojibake undone on {len(damaged)} line(s) ({', '.join(damaged)}) "
                              "(ftfy: encode latin-1, decode utf-8)"]


def test_correct_text_with_typographic_characters_is_not_repaired(tmp_path):
    text = "Prices rose 5 % — “sharply” — in Zürich & São Paulo; the café’s owner said ÀÉÎÕÜ &amp; ½.\n"
    page, report = read_one(tmp_path, text.encode())
    assert (report.status, report.repairs, page.text) == ("read", [], text)


@pytest.mark.parametrize("ending, name", [("\r\n", "CRLF"), ("\r", "CR"), ("\n", "LF")])
def test_line_endings_are_recorded_and_end_lines_alike(tmp_path, ending, name):
    page, report = read_one(tmp_path, ARTICLE.replace("\n", ending).encode())
    assert (report.status, report.line_endings, report.repairs) == ("read", name, [])
    assert page.text == ARTICLE and page.lines == ARTICLE_LINES


def test_mixed_line_endings_are_all_recorded(tmp_path):
    page, report = read_one(tmp_path, b"one\r\ntwo\nthree\rfour\n")
    assert report.line_endings == "CRLF+CR+LF"
    assert page.lines == ["one", "two", "three", "four"]


def test_files_that_are_not_text_pages_are_skipped_by_suffix(tmp_path):
    for name in ("page.html", "notes.rst", "README", "data.TXT.bak"):
        page, report = read_one(tmp_path, ARTICLE.encode(), name=name)
        assert page is None     # the text reader: .html is read by corpus_pkg.inputs, the others by nobody
        assert_skipped(report, "not a text page (suffix" if name == "page.html" else "not an input page (suffix")
        assert report.n_bytes == len(ARTICLE.encode())
    for name in ("SHOUTING.TXT", "crawl.md", "reader.markdown"):     # Markdown renderings are text pages
        page, report = read_one(tmp_path, ARTICLE.encode(), name=name)
        assert report.status == "read" and page is not None, name


def test_symlinks_outside_broken_and_to_folders_are_skipped_inside_ones_read(tmp_path):
    folder, outside = tmp_path / "pages", tmp_path / "elsewhere"
    write(outside, "secret.txt", ARTICLE.encode())
    write(folder, "real.txt", ARTICLE.encode())
    (folder / "out.txt").symlink_to(outside / "secret.txt")
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "inside.txt").symlink_to(folder / "real.txt")
    write(folder, "sub/page.txt", ARTICLE.encode())
    (folder / "linked-folder").symlink_to(folder / "sub", target_is_directory=True)
    reports = {r.source_file: r for _, r in (read_page(p, folder) for p in discover(folder))}
    assert set(reports) == {f"pages/{n}" for n in ("out.txt", "broken.txt", "inside.txt", "linked-folder", "real.txt",
                                                   "sub/page.txt")}
    assert_skipped(reports["pages/out.txt"], "symlink pointing outside the input folder")
    assert_skipped(reports["pages/broken.txt"], "broken symlink")
    assert_skipped(reports["pages/linked-folder"], "symlink to a folder; not followed")
    assert reports["pages/inside.txt"].status == "read"
    assert reports["pages/inside.txt"].sha256 == reports["pages/real.txt"].sha256


def test_hidden_folders_and_fifos_are_reported_not_entered(tmp_path):
    folder = tmp_path / "pages"
    write(folder, ".git/objects/x.txt", ARTICLE.encode())
    write(folder, ".notes.txt", ARTICLE.encode())
    os.mkfifo(folder / "pipe.txt")     # reading it would wait forever
    reports = {r.source_file: r for _, r in (read_page(p, folder) for p in discover(folder))}
    assert set(reports) == {"pages/.git", "pages/.notes.txt", "pages/pipe.txt"}
    assert_skipped(reports["pages/.git"], "hidden folder; not searched")
    assert reports["pages/.notes.txt"].status == "read"
    assert_skipped(reports["pages/pipe.txt"], "not a regular file")


def _reports_as_nobody(folder: Path) -> dict[str, dict]:
    """discover + read_page run by an unprivileged user (root reads every file whatever its mode)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:    # the child: drop to 'nobody', read, send the reports back, exit without pytest's cleanup
        try:
            os.chdir(folder.parent)
            os.setgid(65534)
            os.setuid(65534)
            relative = Path(folder.name)
            found = [read_page(p, relative)[1].model_dump() for p in discover(relative)]
            os.write(write_end, json.dumps(found).encode())
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return {r["source_file"]: r for r in json.loads(data)}


def test_unreadable_file_and_folder_are_skipped_with_the_reason(tmp_path):
    folder = tmp_path / "pages"
    write(folder, "fine.txt", ARTICLE.encode())
    write(folder, "locked.txt", ARTICLE.encode()).chmod(0o000)
    write(folder, "closed/inner.txt", ARTICLE.encode())
    (folder / "closed").chmod(0o000)
    tmp_path.chmod(0o755)
    try:
        if os.geteuid() == 0:
            reports = _reports_as_nobody(folder)
        else:
            reports = {r.source_file: r.model_dump() for _, r in (read_page(p, folder) for p in discover(folder))}
    finally:
        (folder / "closed").chmod(0o755)
    assert set(reports) == {"pages/fine.txt", "pages/locked.txt", "pages/closed"}
    assert reports["pages/fine.txt"]["status"] == "read"
    assert reports["pages/locked.txt"]["status"] == "skipped"
    assert reports["pages/locked.txt"]["reason"] == "cannot read: Permission denied"
    assert reports["pages/locked.txt"]["n_bytes"] == len(ARTICLE.encode())
    assert reports["pages/closed"]["reason"] == "cannot list the folder: Permission denied"


def test_file_name_that_is_not_utf8_is_skipped_and_reported_readably(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")        # Latin-1 bytes in a file name
    (folder / name).write_bytes(ARTICLE.encode())
    page, report = read_page(folder / name, folder)
    assert page is None
    assert report.source_file == "pages/caf\ufffd.txt"
    assert_skipped(report, "file name is not valid UTF-8")


# ------------------------------------------------------------------------------------------------
# decided by the whole builder


def test_page_without_an_article_is_read_and_kept_in_the_audit(tmp_path):
    menu = "Home\nNews\nAbout us\nContact\n\nShare this:\n"
    files, out = build_folder(tmp_path, {"article.txt": ARTICLE.encode(), "menu.txt": menu.encode()})
    entry = files["pages/menu.txt"]
    assert (entry["status"], entry["n_articles"], entry["page_type"]) == ("read", 0, "no-article")
    assert entry["warnings"] == ["no article found on the page (no paragraph of text on the page); all its lines "
                                 "are kept in the pages audit"]
    assert entry["page_decision"] == "none: no paragraph of text on the page"
    pages = {r["source_file"]: r for f in sorted((out / "pages").glob("*.parquet")) for r in pq.read_table(f).to_pylist()}
    spans = pages["pages/menu.txt"]["spans"]
    assert [n for s in spans for n in range(s["line_start"], s["line_end"] + 1)] == list(range(1, 7))
    assert all(s["article_id"] is None for s in spans)


def test_byte_identical_files_are_both_reported_and_their_article_merged(tmp_path):
    files, out = build_folder(tmp_path, {"a.txt": ARTICLE.encode(), "b.txt": ARTICLE.encode()})
    assert files["pages/a.txt"]["duplicate_of"] is None
    assert files["pages/b.txt"]["duplicate_of"] == "pages/a.txt"
    assert files["pages/a.txt"]["n_articles"] == files["pages/b.txt"]["n_articles"] == 1
    articles = [r for f in sorted((out / "data").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    assert len(articles) == 1 and articles[0]["n_copies"] == 2
    assert [p["source_file"] for p in articles[0]["provenance"]] == ["pages/a.txt", "pages/b.txt"]


def test_nested_folders_and_names_with_spaces_and_non_ascii_are_read(tmp_path):
    names = ["2021/03/first page.txt", "2021/04/résumé – Zürich.txt", "deep/er/still/日本語 ページ.txt"]
    files, out = build_folder(tmp_path, {name: ARTICLE.replace("Monday", f"Monday {i}").encode()
                                         for i, name in enumerate(names)})
    assert {f"pages/{n}" for n in names} == set(files)
    assert all(f["status"] == "read" and f["n_articles"] == 1 for f in files.values())
    sources = {r["source_file"] for f in (out / "pages").glob("*.parquet") for r in pq.read_table(f).to_pylist()}
    assert sources == set(files)


def test_every_case_in_one_folder_builds_and_is_reported(tmp_path, capsys):
    """All the cases together: the build runs, and the report has an entry for every one of them."""
    cases = {"empty.txt": b"", "blank.txt": b"\n \n", "nul.txt": b"a\x00b", "image.txt": png_image(),
             "invalid.txt": ARTICLE.encode() + b"\xff", "bom8.txt": ARTICLE.encode("utf-8-sig"),
             "bom16.txt": ("\ufeff" + ARTICLE).encode("utf-16-le"), "cp1252.txt": ARTICLE.encode("cp1252"),
             "moji.txt": ARTICLE.encode().decode("latin-1").encode(), "crlf.txt": ARTICLE.replace("\n", "\r\n").encode(),
             "cr.txt": ARTICLE.replace("\n", "\r").encode(), "menu.txt": b"Home\nAbout\n", "page.rst": b"<p>x</p>",
             "sub/nested.txt": ARTICLE.encode(), "copy of nested é.txt": ARTICLE.encode()}
    folder = tmp_path / "pages"
    for name, data in cases.items():
        write(folder, name, data)
    (folder / "outside.txt").symlink_to(tmp_path)
    assert main(["build", "--input", str(folder), "--output", str(tmp_path / "out"), "--quiet"]) == 0
    report = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    by_name = {f["source_file"]: f for f in report["files"]}
    assert set(by_name) == {f"pages/{n}" for n in [*cases, "outside.txt"]}
    expected = {name: read_page(folder / name, folder)[1] for name in [*cases, "outside.txt"]}
    for name, entry in expected.items():
        assert by_name[f"pages/{name}"]["status"] == entry.status, name
        assert by_name[f"pages/{name}"]["reason"] == entry.reason, name
    summary = capsys.readouterr().out
    assert "(3 repaired, 6 skipped, 1 byte-identical copies)" in summary
    for entry in report["files"]:
        if entry["status"] != "read":
            assert entry["source_file"] in summary


def test_summary_names_every_problem_once_and_stays_short(tmp_path, capsys):
    files = {f"empty-{i:02d}.txt": b"" for i in range(30)} | {"good.txt": ARTICLE.encode()}
    build_folder(tmp_path, files)
    summary = load_report(tmp_path / "out").summary()
    assert "pages/empty-00.txt: skipped: empty file (0 bytes)" in summary
    assert "... and 10 more in build-report.json" in summary
    assert len(summary.splitlines()) < 30


# ------------------------------------------------------------------------------------------------
# a 50 MB line


def test_fifty_megabyte_single_line_file_builds_in_bounded_time_and_memory(tmp_path):
    """One 50 MB line: read as text, no article, its single line in the audit; minutes or gigabytes would fail."""
    chunk = ("The army said on Monday that forces had advanced toward the city, while officials denied "
             "reports of heavy losses | Facebook | Twitter | Share " + "x" * 3000 + " a.b.c.d.e.f ")
    line = (chunk * (50_000_000 // len(chunk) + 1))[:50_000_000]
    folder = tmp_path / "pages"
    write(folder, "one-line.txt", line.encode())
    write(folder, "article.txt", ARTICLE.encode())    # a build that finds no article at all fails
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "corpus_pkg", "build", "--input", str(folder),
                           "--output", str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - started
    peak_bytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert done.returncode == 0, done.stderr
    assert elapsed < 120, f"{elapsed:.0f} s"
    assert peak_bytes < 4 * 2**30, f"{peak_bytes / 2**30:.1f} GiB"
    entry = json.loads((tmp_path / "out" / "build-report.json").read_text())["files"][1]
    assert (entry["source_file"], entry["status"], entry["n_bytes"], entry["n_articles"]) == \
        ("pages/one-line.txt", "read", 50_000_000, 0)


def test_a_very_long_line_is_not_run_through_the_short_line_patterns():
    """A run of one character was the worst case: the share-bar pattern backtracked once per character."""
    from corpus_pkg.profiles import load_profile
    from corpus_pkg.registry import load_registry, outlet_key
    from corpus_pkg.segment import Classifier, Segmenter

    registry = load_registry()
    segmenter = Segmenter(Classifier(load_profile(()), registry.known_keys(), outlet_key))
    started = time.monotonic()
    analysis = segmenter.analyse(["x" * 5_000_000, "a.b." * 1_000_000])
    assert time.monotonic() - started < 5
    assert [b.cls for b in analysis.blocks] == ["fragment", "fragment"]


# ------------------------------------------------------------------------------------------------
# --strict


def test_strict_fails_on_any_skipped_repaired_or_warned_file_and_keeps_the_output(tmp_path, capsys):
    folder, out = tmp_path / "pages", tmp_path / "out"
    write(folder, "good.txt", ARTICLE.encode())
    assert main(["build", "--input", str(folder), "--output", str(out), "--quiet", "--strict"]) == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    capsys.readouterr()

    write(folder, "empty.txt", b"")
    write(folder, "old.txt", ARTICLE.replace("Monday", "Tuesday").encode("cp1252"))
    write(folder, "menu.txt", b"Home\nAbout\n")
    assert main(["build", "--input", str(folder), "--output", str(out), "--quiet", "--strict"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"corpus-pkg build: --strict: 3 problem(s) in {folder}; the output folder {out} was left "
                          "as it was:\n")
    assert "  - pages/empty.txt: skipped: empty file (0 bytes)\n" in err
    assert "  - pages/old.txt: repaired: not UTF-8 and no UTF-8 sequence in it: decoded as cp1252 by detection" in err
    assert "  - pages/menu.txt: no article found on the page" in err
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "pages"]    # no staging folder, no lock

    assert main(["build", "--input", str(folder), "--output", str(out), "--quiet"]) == 0   # without --strict: built


@pytest.mark.parametrize("output", ["out", "nested/deeper/out"])
def test_an_output_folder_inside_the_input_folder_is_refused_before_anything_is_written(tmp_path, capsys, output):
    """A rebuild would read the previous output (its Parquet files, lock and staging folder) as input."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text("Harbour Board Rebuilds the Ferry Pier\n\n" + "The board voted on Tuesday. " * 20)
    assert main(["build", "--input", str(folder), "--output", str(folder / output), "--quiet"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "inside the input folder" in err
    assert sorted(p.name for p in folder.iterdir()) == ["page.txt"]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("given_input, relation", [(".", "is"), ("data", "holds"), ("pages", "holds")])
def test_an_output_folder_that_is_or_holds_the_input_is_refused_and_the_previous_build_kept(tmp_path, capsys,
                                                                                          given_input, relation):
    """Rebuilding a previous build's folder (or a folder inside it) into that build would read its Parquet files
    as pages and replace them with a dataset of its own output: refused in one line naming both folders."""
    folder, out = tmp_path / "in", tmp_path / "out"
    write(folder, "page.txt", ARTICLE.encode())
    build(input_dir=folder, output_dir=out)
    before = tree_bytes(tmp_path)
    source = out / given_input
    assert main(["build", "--input", str(source), "--output", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"corpus-pkg build: {out}: the output folder {relation} the input folder {source}; "
                   "choose an output folder that neither is, holds nor is inside the input folder")
    with pytest.raises(BuildError, match=f"output folder {relation} the input folder"):   # the Python API too
        build(input_dir=source, output_dir=out)
    assert tree_bytes(tmp_path) == before     # nothing written, no lock or staging folder left


def test_the_same_folder_named_two_ways_is_refused(tmp_path, capsys, monkeypatch):
    """A relative path and a symlink name the folder they resolve to."""
    folder = tmp_path / "in"
    write(folder, "page.txt", ARTICLE.encode())
    (tmp_path / "link").symlink_to(folder)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--input", "in", "--output", str(tmp_path / "link"), "--quiet"]) == 1
    assert "the output folder is the input folder in;" in capsys.readouterr().err
    assert main(["build", "--input", "link/.", "--output", "in/../in/out", "--quiet"]) == 1
    assert "is inside the input folder link" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "link"] and tree_bytes(folder) == {
        "page.txt": ARTICLE.encode()}


def test_uri_prefixes_that_nest_are_refused_and_a_sibling_with_a_longer_name_is_not(tmp_path):
    import fsspec

    memory = fsspec.filesystem("memory")
    memory.pipe_file("/nest/pages/page.txt", ARTICLE.encode())
    build(input_dir="memory://nest/pages", output_dir="memory://nest/built")
    before = {path: memory.cat_file(path) for path in memory.find("/nest")}
    for source, target, relation in [("memory://nest/built", "memory://nest/built", "is"),
                                     ("memory://nest/built/data", "memory://nest/built/", "holds"),
                                     ("memory://nest", "memory://nest/built", "is inside")]:
        with pytest.raises(BuildError) as raised:
            build(input_dir=source, output_dir=target)
        assert str(raised.value) == (f"{target.rstrip('/')}: the output folder {relation} the input folder "
                                     f"{source}; choose an output folder that neither is, holds nor is inside "
                                     "the input folder")
        assert {path: memory.cat_file(path) for path in memory.find("/nest")} == before
    build(input_dir="memory://nest/pages", output_dir="memory://nest/pages2")     # a prefix of the name only
    assert memory.exists("/nest/pages2/manifest.json")
    memory.rm("/nest", recursive=True)


def test_an_input_that_is_a_file_says_so(tmp_path, capsys):
    page = write(tmp_path / "in", "page.txt", ARTICLE.encode())
    assert main(["build", "--input", str(page), "--output", str(tmp_path / "out"), "--quiet"]) == 1
    assert capsys.readouterr().err == (f"corpus-pkg build: {page}: is a file, not a folder: give the folder that "
                                       "holds it as the input\n")
    assert main(["build", "--input", str(tmp_path / "nothing"), "--output", str(tmp_path / "out"), "--quiet"]) == 1
    assert capsys.readouterr().err == f"corpus-pkg build: {tmp_path / 'nothing'}: input folder not found\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]

    import fsspec

    fsspec.filesystem("memory").pipe_file("/one/page.txt", ARTICLE.encode())
    with pytest.raises(BuildError, match=r"^memory://one/page.txt: is one object, not a prefix"):
        build(input_dir="memory://one/page.txt", output_dir=tmp_path / "out")
    fsspec.filesystem("memory").rm("/one", recursive=True)
    assert not (tmp_path / "out").exists()


def test_a_reader_that_leaves_early_stops_the_cli_quietly(tmp_path):
    """`corpus-pkg explain FILE | head`: the pipe closes before explain writes; the command stops with
    128 + SIGPIPE and prints neither a traceback nor an error about the file."""
    page = tmp_path / "long.txt"
    paragraphs = [f"The council met on Monday to discuss harbour plan number {i}, which residents opposed." for i in range(400)]
    page.write_text("Harbour plan debated again\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "corpus_pkg", "explain", str(page)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()          # the reader leaves before the page is explained (reading it takes seconds)
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141, err
    assert "Traceback" not in err and "Broken pipe" not in err
