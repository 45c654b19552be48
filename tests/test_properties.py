"""Issue 6: property and fuzz tests. Hypothesis writes pages (headlines, bylines, dates, furniture, paragraphs,
hard-wrapped or not) in several encodings and line endings; for every one the builder must not raise, every
input line must be accounted for in the audit, every article body must be made of input text only, and a
rebuild must give the same output. Example counts are kept small so the suite stays fast.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_pkg import build
from corpus_pkg.cues import normalise_space
from corpus_pkg.extract import Extractor
from corpus_pkg.output import BuildError
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import read_page, split_lines
from corpus_pkg.registry import load_registry, outlet_key
from corpus_pkg.segment import Classifier, Segmenter
from tree_hashes import tree_hashes

# every word is in Windows-1252, so each page can be written in every encoding below
HEADLINE_WORDS = ("Army Advances Toward City Talks Stall Ceasefire Holds Zürich Summit Ends Without Deal Oil Prices "
                  "Rise Again Minister Resigns Over Café Scandal Border Crossing Reopens Envoy Warns Of Crisis").split()
BODY_WORDS = ("the council said on monday that new water pipeline would reach eastern villages before summer after "
              "two years of delays blamed on funding and disputes over its route residents told “reporters” they "
              "had heard such promises before — officials’ naïve café déjà 5 € 10 % while trenches stood empty").split()
NAMES = ("Jane Doe", "Patrick Cockburn", "Ana María Ruiz", "M. K. Bhadrakumar", "Eric Schmitt")
OUTLETS = ("Le Monde", "Reuters", "The Independent", "Al Jazeera", "Counterpunch")
MONTHS = ("January", "March", "May", "August", "October", "December")
FURNITURE = ("Share this:", "Facebook | Twitter | Email | WhatsApp", "Related Articles", "Leave a comment",
             "Posted by admin | News, World | Leave a comment", "Click to share on Twitter (Opens in new window)",
             "Advertisement", "Home | About | Contact | Privacy Policy", "© 2021 All rights reserved.")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1252")
LINE_ENDINGS = ("\n", "\r\n", "\r")

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def words(pool: tuple[str, ...], low: int, high: int):
    return st.lists(st.sampled_from(pool), min_size=low, max_size=high).map(" ".join)


headline = words(tuple(HEADLINE_WORDS), 3, 9)
date_text = st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), st.integers(1, 28), st.integers(1995, 2024))
byline = st.builds(lambda n, o, d: f"By {n} | {o} | {d}", st.sampled_from(NAMES), st.sampled_from(OUTLETS), date_text)
numeric_date = st.builds(lambda d, m, y: f"{d:02d}.{m:02d}.{y}", st.integers(1, 28), st.integers(1, 12),
                         st.integers(1995, 2024))
sentence = words(tuple(BODY_WORDS), 8, 25).map(lambda s: s[:1].upper() + s[1:] + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
furniture = st.sampled_from(FURNITURE)


@st.composite
def article(draw) -> list[str]:
    """A headline, maybe a byline or a date line, and paragraphs separated by blank lines."""
    lines = [draw(headline)]
    lines += draw(st.lists(st.one_of(byline, date_text, numeric_date), max_size=2))
    for text in draw(st.lists(paragraph, min_size=1, max_size=5)):
        lines += ["", text]
    return lines


noise = st.lists(st.one_of(headline, byline, date_text, furniture, paragraph, st.just("")), min_size=1, max_size=6)


@st.composite
def page_text(draw) -> str:
    """Articles and noise in any order; maybe hard-wrapped; with or without a final newline."""
    lines = [line for part in draw(st.lists(st.one_of(article(), noise), min_size=1, max_size=5)) for line in part]
    if draw(st.booleans()):
        width = draw(st.integers(60, 80))
        lines = [wrapped for line in lines for wrapped in (textwrap.wrap(line, width) or [""])]
    text = "\n".join(lines)
    return text + "\n" if draw(st.booleans()) else text


def encode(text: str, encoding: str, line_ending: str) -> bytes:
    text = text.replace("\n", line_ending)
    if encoding.startswith("utf-16"):
        return ("\ufeff" + text).encode(encoding)
    return text.encode(encoding)


_registry = load_registry()
_profile = load_profile(())
EXTRACTOR = Extractor(_profile, _registry)
SEGMENTER = Segmenter(Classifier(_profile, EXTRACTOR.known_outlets, outlet_key))


def read_text_as_file(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages" / "page.txt"
        path.parent.mkdir()
        path.write_bytes(data)
        return read_page(path, path.parent)


def input_pieces(lines: list[str], wrapped: bool) -> set[str]:
    """What a body paragraph may be: a line's text, or in a wrapped page the text of consecutive lines."""
    normalised = [normalise_space(line) for line in lines]
    pieces = set(normalised)
    if wrapped:
        for start in range(len(normalised)):
            joined = normalised[start]
            for line in normalised[start + 1:]:
                if not line:
                    break
                joined = f"{joined} {line}"
                pieces.add(joined)
    return pieces


@PROPERTY_SETTINGS
@given(text=page_text(), encoding=st.sampled_from(ENCODINGS), line_ending=st.sampled_from(LINE_ENDINGS))
def test_any_page_is_read_exactly_segmented_fully_and_extracted_from_its_own_text(text, encoding, line_ending):
    source, report = read_text_as_file(encode(text, encoding, line_ending))
    lines = split_lines(text)
    if not text.strip():
        assert report.status == "skipped"
        return
    # read: the text is the text written, whatever the encoding and line endings
    assert source.text == text
    assert report.encoding == ("utf-8" if encoding == "cp1252" and text.isascii() else encoding)
    assert report.status == ("repaired" if report.encoding == "cp1252" else "read")

    analysis = SEGMENTER.analyse(source.lines)
    units = EXTRACTOR.extract(analysis, source)

    # the audit: blocks cover lines 1..n in order, without gap or overlap, and each has a role
    assert len(analysis.roles) == len(analysis.blocks)
    expected = 1
    for block in analysis.blocks:
        assert block.line_start == expected and block.line_end >= block.line_start
        expected = block.line_end + 1
    assert expected == len(lines) + 1

    # every article body is input text
    pieces = input_pieces(lines, analysis.wrapped)
    for unit in units:
        assert unit.text == "\n\n".join(unit.paragraphs)
        for paragraph in unit.paragraphs:
            assert paragraph in pieces or (unit.truncated and any(p.startswith(paragraph) for p in pieces)), paragraph

    # the same page gives the same units
    assert EXTRACTOR.extract(SEGMENTER.analyse(source.lines), source) == units


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=3000),
                      st.builds(lambda bom, rest: bom + rest,
                                st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
                                st.binary(max_size=3000))))
def test_read_page_never_raises_and_always_gives_a_defined_outcome(data):
    source, report = read_text_as_file(data)
    assert report.n_bytes == len(data) and report.sha256 == hashlib.sha256(data).hexdigest()
    if report.status == "skipped":
        assert source is None and report.reason
    else:
        assert report.reason is None and "\r" not in source.text
        assert (report.status == "repaired") == bool(report.repairs)


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=500))
def test_utf8_text_comes_back_unchanged_unless_a_repair_says_otherwise(text):
    source, report = read_text_as_file(text.encode("utf-8"))
    if report.status == "read":
        assert source.text == text.replace("\r\n", "\n").replace("\r", "\n")
    elif report.status == "repaired":
        assert all(r.startswith("mojibake undone on") for r in report.repairs)
    else:
        assert report.reason.startswith(("empty file", "white space only", "binary file"))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(st.tuples(page_text(), st.sampled_from(ENCODINGS), st.sampled_from(LINE_ENDINGS)),
                      min_size=1, max_size=4))
def test_a_build_of_any_pages_accounts_for_every_line_and_rebuilds_identically(pages):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for index, (text, encoding, line_ending) in enumerate(pages):
            (folder / f"page {index}.txt").write_bytes(encode(text, encoding, line_ending))
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        try:
            build(input_dir=folder, output_dir=first)
        except BuildError as error:     # pages without any article: the build fails, naming them
            assert "no article found" in str(error) or "no file could be read" in str(error)
            assert not first.exists()
            return
        build(input_dir=folder, output_dir=second)

        reports = [json.loads((out / "build-report.json").read_text()) for out in (first, second)]
        for report in reports:
            report.pop("output_dir")
        assert reports[0] == reports[1]
        hashes = [tree_hashes(out) for out in (first, second)]
        for h in hashes:
            h.pop("build-report.json")      # it names its own folder
        assert hashes[0] == hashes[1]

        written = {f"pages/page {i}.txt": text for i, (text, _, _) in enumerate(pages)}
        rows = [r for p in sorted((first / "pages").glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
        assert {r["source_file"] for r in rows} == {name for name, text in written.items() if text.strip()}
        for row in rows:
            assert row["text"] == written[row["source_file"]]
            covered = [n for s in row["spans"] for n in range(s["line_start"], s["line_end"] + 1)]
            assert covered == list(range(1, len(split_lines(row["text"])) + 1))
