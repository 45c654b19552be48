"""Issue 15 (fifth round): the line cues' shortcuts give the plain path's answers.

- `parse_byline` refuses a line of one part with no byline prefix or suffix, no date and no 'X in Place' before
  reading any name (`names.one_signal_at_most`): on every such line of the seeds, of a generated and of a
  seed-like corpus and of lines written for the edges, the full reading (`names.byline_of_parts`) is None too,
  and `parse_byline` answers what the plain composition answers on every line.
- `Classifier.classify` gives a blank block its class without reading it: the same fields as `_classify`.
- `normalise_space` returns a line already normal (printable, single spaces, NFC) as it is: the plain formula's
  answer on generated strings of every kind of space and on every space and control character.
- `word_equivalents`, the score's `length_in_words` and `glued_headline` count or split a line's words once: the
  plain formulas' answers on the corpora's lines and on lines of other scripts.
No test here times anything.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_pkg import cues
from corpus_pkg.cues import names
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import read_page
from corpus_pkg.segment import BLANK, classify, make_blocks

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
    c = classify.Classifier(load_profile(), frozenset(), str.casefold)
    blocks, _ = make_blocks(["A headline here", "", "   ", "\u00a0"])
    c.start_page(blocks)
    for block in blocks[1:]:
        shortcut, read = dataclasses.replace(block), dataclasses.replace(block)
        c.classify(shortcut)
        c._classify(read)
        assert shortcut == read and shortcut.cls == BLANK


SCRIPTS = ["中美合作进入新阶段", "東京で会議が開かれた 2024年3月5日", "ประเทศไทยมีการเลือกตั้งทั่วไปในวันอาทิตย์นี้", "한국 정부는 발표했다",
           "Ünïcödé “quoted” words – here", "Storm Floods Coastal TownsResidents were told to leave on Monday by officials",
           "Markets Fall As Oil Prices Rise2019Residents were told to leave on Monday by the city officials",
           "A new YouGov survey finds that most people like tea", "Stocks rally   on   news", ""]


def plain_glued_headline(text: str, stop_words: frozenset[str]) -> str | None:
    """`cues.glued_headline` as it read its words before (the whole line split first)."""
    from corpus_pkg.cues.text import GLUED_HEADLINE_WORDS, GLUED_SUMMARY_WORDS, SUMMARY_CAPITALISED, _glue_position

    low, high = GLUED_HEADLINE_WORDS
    words = text.split()
    for index, word in enumerate(words[: high + 1]):
        if "#" in word or "@" in word:
            return None
        first = word.lstrip("\"'“‘«([")[:1]
        if first.isalpha() and not first.isupper() and word.casefold() not in stop_words:
            return None
        glue = _glue_position(word)
        if glue is not None and index + 1 >= low:
            headline = words[:index] + [word[:glue]]
            if sum(1 for w in headline if w.lstrip("\"'“‘«([")[:1].isupper() and w.casefold() not in stop_words) < low:
                return None
            summary = [word[glue:]] + words[index + 1 :]
            shortest, longest = GLUED_SUMMARY_WORDS
            capitalised = sum(1 for w in summary[1:] if w[:1].isupper()) / max(len(summary) - 1, 1)
            if shortest <= len(summary) <= longest and capitalised < SUMMARY_CAPITALISED:
                return " ".join(headline)
            return None
    return None


def test_word_lengths_and_glued_headlines_equal_the_plain_formulas(tmp_path):
    from corpus_pkg.cues.text import ALPHABET_CHARS_PER_WORD, SPACELESS_ALPHABET, UNSPACED, WITHOUT_SPACES
    from corpus_pkg.segment.score import CHARS_PER_WORD, length_in_words, stop_words

    generate_corpus.generate(tmp_path / "generated", 60, seed=31)
    seedlike_corpus.generate(tmp_path / "seedlike", 6, seed=8)
    texts = SCRIPTS + sorted({cues.normalise_space(line) for folder in (ROOT / "seeds", tmp_path / "generated" / "pages",
                                                                       tmp_path / "seedlike" / "pages")
                              for line in lines_of(folder)})
    texts += [t + " " + t for t in SCRIPTS]     # long lines of each script
    stops = stop_words("en")
    glued = 0
    for text in texts:
        if text.isascii() or not WITHOUT_SPACES.search(text):
            equivalents = len(text.split())
        elif UNSPACED.search(text):
            equivalents = (cues.word_count(text) + 1) // 2
        elif SPACELESS_ALPHABET.search(text):
            equivalents = max(len(text.split()), len(text) // ALPHABET_CHARS_PER_WORD)
        else:
            equivalents = len(text.split())
        assert cues.word_equivalents(text) == equivalents, text
        plain_length = len(text.split()) if text.isascii() else \
            max(len(text.split()), len(text) // CHARS_PER_WORD, cues.word_equivalents(text))
        assert length_in_words(text) == plain_length, text
        headline = cues.glued_headline(text, stops)
        assert headline == plain_glued_headline(text, stops), text
        glued += headline is not None
    assert glued >= 2 and len(texts) > 500


def plain_normalise_space(text: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\u2028", "\x1c", "\x85", "\u200b", "e\u0301", "é", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SPACES) | st.text(max_size=4), max_size=12))
def test_normalise_space_equals_the_plain_formula(pieces):
    text = "".join(pieces)
    assert cues.normalise_space(text) == plain_normalise_space(text)


def test_normalise_space_every_space_character():
    import sys as _sys

    spaces = [chr(code) for code in range(_sys.maxunicode + 1) if chr(code).isspace()]
    # what makes the shortcut exact: no character str.split() splits on but the ASCII space is printable
    assert [char for char in spaces if char.isprintable()] == [" "]
    for char in spaces + ["\u200b", "\x00", "\x7f", "\ufeff", "\u0301"]:
        for text in (f"a{char}b", f"{char}a", f"a{char}", f"a {char}b", f"é{char}é"):
            assert cues.normalise_space(text) == plain_normalise_space(text), hex(ord(char))
