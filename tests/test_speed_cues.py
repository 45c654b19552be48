"""Issue 15 (fifth round): the line cues' shortcuts give the plain path's answers.

- `parse_byline` refuses a line of one part with no byline prefix or suffix, no date and no 'X in Place' before
  reading any name (`names.one_signal_at_most`): on every such line of the seeds, of a generated and of a
  seed-like corpus and of lines written for the edges, the full reading (`names.byline_of_parts`) is None too,
  and `parse_byline` answers what the plain composition answers on every line.
- `Classifier.classify` gives a blank block its class without reading it: the same fields as `_classify`.
- A date written plainly ('March 5, 2024', '5th of March, 2024', '05.03.2024') is read without python-dateutil
  (`dates._plain_date`): python-dateutil reads the same date in every such span (every month spelling, case, day,
  ordinal, separator).
No test here times anything.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

from corpus_pkg import cues
from corpus_pkg.cues import dates, names
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import read_page
from corpus_pkg.segment import units

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import seedlike_corpus  # noqa: E402

WRITTEN = [
    "Maria Okafor in Lagos", "Reporting by Maria Okafor in Lagos", "Jane Roe", "By Jane Roe", "Reuters",
    "Jane Roe Reuters", "Jane Roe, Reuters", "Jane Roe | Reuters", "Jane Roe – Reuters – 05.03.2024",
    "The Associated Press", "By The Associated Press", "Par Marie Dupont et Jean Martin", "Von Anna Schmidt, dpa",
    "记者 张三、李四", "张三 北京报道", "김철수 기자", "山田太郎記者", "Jane Roe | Senior Correspondent",
    "Staff Writer", "Storm Floods Coastal Towns", "Storm floods coastal towns in the north", "Jane Roe in",
    "A visit in Paris", "Officials in Kyiv said the talks would go on", "March 5, 2024", "Jane Roe March 5, 2024",
    "Updated: March 5, 2024 Jane Roe", "Example News • Jane Roe", "Jane Roe · Example News", "Jane Roe - Example News",
    "JANE ROE", "jane roe", "Jane Roe and John Doe", "Jane Roe & John Doe", "M. K. BHADRAKUMAR", "By . Jane Roe .",
]


def lines_of(folder: Path) -> list[str]:
    return [line for p in sorted(folder.rglob("*")) if p.is_file() for line in read_page(p, folder)[0].lines]


@pytest.fixture(scope="module")
def lines(tmp_path_factory) -> list[str]:
    tmp = tmp_path_factory.mktemp("cue_corpora")
    generate_corpus.generate(tmp / "generated", 120, seed=23)
    seedlike_corpus.generate(tmp / "seedlike", 10, seed=3)
    found = lines_of(ROOT / "seeds") + lines_of(tmp / "generated" / "pages") + lines_of(tmp / "seedlike" / "pages")
    texts = {cues.without_markup(cues.normalise_space(line)) for line in found}
    return WRITTEN + sorted(t for t in texts if t and cues.content_words(t) <= 16)


def plain_byline(text: str, cue: cues.LineCues, organisation_words, known, outlet_key):
    """`parse_byline` without the one-part shortcut: every line's parts are read."""
    text = cues.normalise_space(text)
    if not text or cues.content_words(text) > 16 or ("://" in text and cues.URL.search(text)):
        return None
    reading = cues.read_dates(text, cue)
    if reading is not None and reading.label is None:
        return None
    has_by, parts = names.byline_parts(reading.rest if reading else text, cue)
    if not parts:
        return None
    return names.byline_of_parts(text, parts, has_by, reading, organisation_words, known, outlet_key, cue)


@pytest.mark.parametrize("language", [None, "fr", "de", "zh", "ko"])
def test_a_line_refused_by_the_one_part_screen_is_no_byline(lines, language):
    profile = load_profile()
    cue = cues.compile_cues(profile.cues_for(language), language)
    organisation_words = frozenset(w.casefold() for w in profile.lexicon.organisation_words)
    known = frozenset({"reuters", "example news", "the associated press"})
    key = str.casefold
    screened = found = 0
    for text in lines:
        reading = cues.read_dates(text, cue)
        has_by, parts = names.byline_parts(reading.rest if reading else text, cue)
        if parts and names.one_signal_at_most(parts, has_by, reading):
            screened += 1
            assert names.byline_of_parts(text, parts, has_by, reading, organisation_words, known, key, cue) is None, text
        fast = cues.parse_byline(text, organisation_words, known, key, cue)
        assert fast == plain_byline(text, cue, organisation_words, known, key), text
        found += fast is not None
    # the screen does refuse most lines, and real bylines are still read
    assert screened > len(lines) // 2 and found >= 10


def test_a_blank_block_gets_what_classify_reads_from_it():
    c = units.Classifier(load_profile(), frozenset(), str.casefold)
    blocks, _ = units.make_blocks(["A headline here", "", "   ", "\u00a0"])
    c.start_page(blocks)
    for block in blocks[1:]:
        shortcut, read = dataclasses.replace(block), dataclasses.replace(block)
        c.classify(shortcut)
        c._classify(read)
        assert shortcut == read and shortcut.cls == units.BLANK


def spans(style: str) -> list[str]:
    """Plainly written spans of `style` as `find_dates` finds them (its pattern matches the whole span): every
    spelling of every month in three cases, with and without a dot, days 0-39 with and without a leading zero,
    ordinals, commas, 'of', leap and common years; numeric ones with every pair of numbers up to 39 and 19."""
    from corpus_pkg.cues.dates import MONTH_NUMBERS
    days = sorted({form for d in range(40) for form in (str(d), f"{d:02d}")})
    months = [f"{case(name)}{dot}" for name in MONTH_NUMBERS for case in (str.title, str.lower, str.upper)
              for dot in ("", ".")]
    found = []
    if style == "numeric":
        found = [f"{d}{sep}{m}{sep}{y}" for d in days for m in days if int(m) < 20 for sep in "./-"
                 for y in (1900, 2000, 2023, 2024)]
    for month in months if style != "numeric" else []:
        for day in days:
            for ordinal, comma, year, of in [("", ",", 2024, ""), ("", "", 2023, ""), ("th", ",", 2000, ""),
                                             ("st", "", 1900, "of "), ("nd", ",", 2024, "of "), ("rd", "", 2099, "")]:
                if style == "mdy":
                    found.append(f"{month} {day}{ordinal}{comma} {year}")
                else:
                    found.append(f"{day}{ordinal} {of}{month}{comma} {year}")
    pattern = dict(dates.DATE_PATTERNS)[style]
    return [span for span in found if pattern.fullmatch(span)]


@pytest.mark.parametrize("style", ["mdy", "dmy", "numeric"])
def test_a_plain_date_is_what_python_dateutil_reads(style):
    from dateutil import parser as date_parser

    compared = 0
    for span in spans(style):
        plain = dates._plain_date(span, style)
        if plain is None:
            continue    # not a plain span, or no such date: python-dateutil is asked, as before
        compared += 1
        text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", span, flags=re.I)
        read = date_parser.parse(text, dayfirst=style in ("numeric", "dmy"), yearfirst=False, fuzzy=False).date()
        assert plain == read, span
    assert compared > 3000


def test_find_dates_reads_the_same_dates_without_the_plain_path(monkeypatch):
    lines = ["Posted on March 5, 2024 by Jane Roe", "Updated 05.03.2024, 10:15", "5th of March, 2024 | Reuters",
             "Tuesday, March 5, 2024", "Sept. 30, 2023 and 31.02.2024 and 15-13-2024", "Dec 15 2024 — 2.3.2021"]
    fast = [dates.find_dates(line) for line in lines]
    monkeypatch.setattr(dates, "_plain_date", lambda text, style: None)
    dates._parse_english.cache_clear()
    assert [dates.find_dates(line) for line in lines] == fast
    assert sum(map(len, fast)) >= 7
