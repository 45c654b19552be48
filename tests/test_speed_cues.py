"""Issue 15 (fifth round): the line cues' shortcuts give the plain path's answers.

- `parse_byline` refuses a line of one part with no byline prefix or suffix, no date and no 'X in Place' before
  reading any name (`names.one_signal_at_most`): on every such line of the seeds, of a generated and of a
  seed-like corpus and of lines written for the edges, the full reading (`names.byline_of_parts`) is None too,
  and `parse_byline` answers what the plain composition answers on every line.
- `Classifier.classify` gives a blank block its class without reading it: the same fields as `_classify`.
No test here times anything.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from corpus_pkg import cues
from corpus_pkg.cues import names
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
