"""Issue 15 (eighth round): what `read_dates` remembers of a date line's words gives what it would compute again.

A date line's labels and parts are read through `cues.dates.TextMemo` (the text before each date, each part
between separators), remembered per text and per the patterns read. On lines of a generated and a seed-like
corpus and on lines written in several languages, read with the cues of several languages interleaved (so a
text is met again under another language's patterns), every reading equals the reading with nothing
remembered, and the memos are used. And the screen before any date pattern (`HAS_YEAR`: a line without a year
reads no date) rejects no line a pattern reads, on lines of date pieces in several languages and scripts.
No test here times anything.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from corpus_pkg import cues
from corpus_pkg.cues import dates
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import read_page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import seedlike_corpus  # noqa: E402

WRITTEN = [
    "Published: March 5, 2024 | Updated: March 6, 2024", "Posted on 5 March 2024 at 10:15 GMT", "By Jane Roe | Example News | May 3, 2019",
    "Mis à jour le 5 mars 2024 à 10h15", "Publié le 5 mars 2024", "Par Marie Dupont, 5 mars 2024",
    "Aktualisiert am 05.03.2024 um 10:15 Uhr", "Stand: 05.03.2024", "Veröffentlicht am 5. März 2024",
    "Actualizado el 5 de marzo de 2024 a las 10:15", "Publicado el 5 de marzo de 2024", "Опубликовано 5 марта 2024",
    "Pubblicato il 5 marzo 2024 alle 10:15", "Aggiornato il 6 marzo 2024", "5 min read | March 5, 2024",
    "Lesezeit: 4 Min. | 05.03.2024", "EDITOR'S CHOICE | March 5, 2024", "2024年3月5日 10:15", "Updated 2024-03-05T10:15:00Z",
    "March 5, 2024 Posted by | World | Leave a comment", "Jane Roe – Example News – 05.03.2024", "am 05.03.2024",
]
LANGUAGES = [None, "en", "fr", "de", "es", "it", "ru"]


def corpus_lines(tmp: Path) -> list[str]:
    generate_corpus.generate(tmp / "generated", 150, seed=31)
    seedlike_corpus.generate(tmp / "seedlike", 8, seed=5)
    found = [line for folder in (tmp / "generated" / "pages", tmp / "seedlike" / "pages")
             for p in sorted(folder.rglob("*")) if p.is_file() for line in read_page(p, folder)[0].lines]
    texts = {cues.without_markup(cues.normalise_space(line)) for line in found}
    return sorted(t for t in texts if t and cues.content_words(t) <= 16)


def read_afresh(text: str, cue: cues.LineCues) -> dates.DateReading | None:
    dates._label_before.cache_clear()
    dates._kept_part.cache_clear()
    return cues.read_dates(text, cue)


def test_a_remembered_date_line_reads_as_read_afresh(tmp_path):
    profile = load_profile()
    cue_of = {language: cues.compile_cues(profile.cues_for(language), language) for language in LANGUAGES}
    lines = WRITTEN + corpus_lines(tmp_path)
    fresh = {(text, language): read_afresh(text, cue) for text in lines for language, cue in cue_of.items()}
    dated = sum(1 for reading in fresh.values() if reading is not None)
    assert dated > 300
    # a text's labels differ between languages: a memo keyed by the text alone would give one language's answer
    assert fresh["Mis à jour le 5 mars 2024 à 10h15", "fr"] != fresh["Mis à jour le 5 mars 2024 à 10h15", "en"]
    dates._label_before.cache_clear()
    dates._kept_part.cache_clear()
    order = list(fresh)
    random.Random(15).shuffle(order)
    for text, language in order + order:           # each reading twice at least: then it is remembered
        assert cues.read_dates(text, cue_of[language]) == fresh[text, language], (text, language)
    assert dates._label_before.cache_info().hits > dated and dates._kept_part.cache_info().hits > dated


def test_a_full_memo_is_forgotten_and_reads_the_same(monkeypatch):
    monkeypatch.setattr(dates, "MEMO_TEXTS", 3)
    cue = cues.compile_cues(load_profile().cues_for("fr"), "fr")
    fresh = [read_afresh(text, cue) for text in WRITTEN]
    assert [cues.read_dates(text, cue) for text in WRITTEN * 2] == fresh * 2
    assert dates._kept_part.cache_info().currsize <= 3


PIECES = ["5", "05", "31", "2024", "1999", "24", "19", "20", "2060", "March", "mar.", "Sept", "марта", "de", "marzo",
          "März", "5.", "2024.", "március", "th", "of", "Tuesday,", "/", ".", "-", "T10:15", "10:15", "年", "月", "日",
          "٢٠٢٤", "２０２４", "०५", ",", " ", " ", " ", "at", "AM", "x"]


def test_the_year_screen_rejects_no_line_a_date_pattern_reads(monkeypatch):
    """`find_dates` reads a line only when it holds a year or a two-digit year after a slash (`HAS_YEAR`, in the
    line or in its digits made ASCII): every date pattern needs one. On lines joined at random from pieces of
    dates in several languages and scripts, the screened reading is the reading of every pattern."""
    rng = random.Random(15)
    lines = [" ".join(rng.choice(PIECES) for _ in range(rng.randrange(2, 9))) for _ in range(6000)]
    lines += ["".join(rng.choice(PIECES) for _ in range(rng.randrange(2, 7))) for _ in range(3000)]
    lines += WRITTEN + ["11/19/19 06:56 AM", "11/13/19 at 4:00 PM", "٠٥/٠٣/٢٤ 10:15", "５.３.２０２４", "2024年3月5日"]
    languages = [("en",), ("ru", "en"), ("es", "en"), ("de", "en"), ("hu", "en"), ("ar", "en")]
    asked = [(line, languages[i % len(languages)]) for i, line in enumerate(lines)]
    screened = [dates.find_dates(line, langs) for line, langs in asked]
    monkeypatch.setattr(dates, "HAS_YEAR", re.compile(""))     # every line read by every pattern
    assert screened == [dates.find_dates(line, langs) for line, langs in asked]
    assert sum(1 for found in screened if found) > 100 and sum(1 for found in screened if not found) > 3000
