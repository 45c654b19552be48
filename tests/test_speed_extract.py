"""Issue 15: what the extractor remembers gives what it would compute again.

* a footer's date text is read once per process (`extract._date_of`): the same date `cues.find_date` reads,
  for dates in every printed form the date patterns know, repeated, and for texts with no date;
* a span shaped like a date with a day above 31 (or 0) or a year after next year is refused before any
  parser (`cues.dates._impossible`): the parsers read none of them as a date, and lines give the same dates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re

import pytest

from corpus_pkg import cues, extract
from corpus_pkg.cues import dates


def date_texts() -> list[str]:
    rng = random.Random(15)
    days = [dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(3000)) for _ in range(40)]
    forms = ["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%A, %B %d, %Y", "%d/%m/%Y"]
    texts = [day.strftime(rng.choice(forms)) for day in days]
    texts += ["Posted on " + t + " in News" for t in texts[:10]]
    texts += ["", "no date here", "34 Biden 2055", "31 February 2020", "5 марта 2024", "2024", "March 2024",
              "Tuesday", "12:30 PM", "1 Jan 1850"]
    return texts + rng.sample(texts, len(texts))       # each text twice at least: the second time is remembered


def test_a_remembered_footer_date_is_the_date_read_again():
    read = 0
    for text in date_texts():
        found = cues.find_date(text)
        assert extract._date_of(text) == (found.value if found else None), text
        read += found is not None
    assert read > 80 and extract._date_of.cache_info().hits > 0


def impossible_spans(rng: random.Random) -> list[tuple[str, re.Match]]:
    """(style, match) of spans in every shape the parsers are asked about, with a day of 0 or 32-99 (32-39
    where the pattern allows no more) or a year from next year + 1 on; a sample of each shape."""
    late = [str(dt.date.today().year + k) for k in (2, 3, 30)]
    days = ["0", "00"] + [str(d) for d in range(32, 100)]
    product = itertools.product
    english = [f"{w}{m} {d}{s}, {y}" for w, m, d, s, y in product(["", "Tuesday, ", "Tues "], ["March", "Sept."],
                                                                 days, ["", "th"], ["2024", *late])]
    english += [f"{d}{s} {o}{m} {y}" for d, s, o, m, y in product(days, ["", "th"], ["", "of "], ["May", "Dec"],
                                                                 ["2024", *late])]
    numeric = [f"{a}{s}{b}{s}{y}" for a, b, s, y in product(["0", "00", *map(str, range(32, 40))],
                                                            ["3", "03", "13", "0"], "./-", ["2024", *late])]
    numeric += [f"{a}.{b}.{y}" for a, b, y in product(["5", "25", "31"], ["3", "13"], late)]
    words = [f"{d} {m} 2024" for d, m in product(["0", "00", "32", "34", "39"], ["марта", "Biden"])]
    words += [f"{m} {d}, {late[0]}" for m, d in product(["marzo", "Biden"], ["5", "34"])]
    words += [f"{y}. {m} {d}." for y, m, d in product(["2024", late[0]], ["március", "december"], ["0", "34"])]
    spans = []
    for text in rng.sample(english, 300) + rng.sample(numeric, 150) + words:
        for style, pattern in dates.DATE_PATTERNS:
            spans += [(style, m) for m in pattern.finditer(text)
                      if style in ("mdy", "dmy", "numeric", "words", "year_first")]
    return spans


def test_a_date_no_parser_reads_is_refused_before_any_parser():
    """Every span `_impossible` refuses is one python-dateutil or dateparser reads as no (plausible) date;
    '34 Biden 2055' asks no parser at all (importing dateparser and its first call took 0.1 CPU s per process)."""
    rng = random.Random(15)
    spans = impossible_spans(rng)
    assert len(spans) > 400 and all(dates._impossible(m) for _, m in spans)
    for style, m in spans:
        if style in ("words", "year_first"):
            assert dates._parse_words.__wrapped__(m["d"], m["m"].rstrip("."), m["y"], ("ru", "es", "hu", "en")) is None, m[0]
        else:
            plain = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", m.group(0), flags=re.I)
            assert dates._parse_english.__wrapped__(plain, style) is None, m[0]


def test_lines_give_the_same_dates_with_and_without_the_refusal(monkeypatch):
    """`find_dates` on lines holding possible and impossible dates: the same dates as when every span goes
    to the parsers; and an impossible span reaches no parser."""
    rng = random.Random(16)
    lines = date_texts() + [f"Posted {m[0]} | updated 5 March 2024" for _, m in impossible_spans(rng)[::7]]
    lines += ["Biden 34, 2055", "34 Biden 2055", "Le 0 mars 2024", "32.03.2024 et 05.03.2024"]
    fast = [cues.find_dates(line, ("fr", "en")) for line in lines]
    with monkeypatch.context() as m:
        m.setattr(dates, "_parse_words", lambda *a: pytest.fail(f"a parser asked about {a}"))
        m.setattr(dates, "_parse_english", lambda *a: pytest.fail(f"a parser asked about {a}"))
        for line in ["34 Biden 2055", "Biden 34, 2055", "March 34, 2024", "34.03.2024", "0 марта 2024",
                     f"5 марта {dt.date.today().year + 2}", f"March 5, {dt.date.today().year + 2}"]:
            assert cues.find_dates(line, ("ru", "en")) == []
    monkeypatch.setattr(dates, "_impossible", lambda m: False)
    assert [cues.find_dates(line, ("fr", "en")) for line in lines] == fast
    assert sum(map(len, fast)) > 80


def test_a_content_id_and_word_count_read_from_paragraphs_are_those_of_their_text():
    """When every paragraph is its own normal form, the extractor reads the text's normal spacing from them
    (`_spaced_paragraphs`) for its content id and its word count: both must be those of the text alone, for
    paragraphs with every kind of spacing (tabs, no-break and ideographic spaces, doubled and edge spaces),
    decomposed accents and combining marks at their edges, Han and kana, empty paragraphs, casing."""
    rng = random.Random(41)
    pieces = ["word", "Wörd", "e\u0301", "\u0301", "\u0308a", "ß", "İ", "中文", "かな", " ", " ", "  ", "\t",
              "\u00a0", "\u3000", "\u2028", "\u200b", "x", "Y", ".", "ﬁ", "Å", "A\u030a", "ไทย"]
    checked = fast = 0
    for _ in range(4000):
        paragraphs = ["".join(rng.choices(pieces, k=rng.randrange(0, 8))) for _ in range(rng.randrange(0, 5))]
        if rng.random() < 0.5:          # most paragraphs of a page are already in normal form
            paragraphs = [cues.normalise_space(p) for p in paragraphs]
        text = "\n\n".join(paragraphs)
        spaced = extract._spaced_paragraphs(paragraphs)
        fast += spaced is not None
        assert extract.content_id("A title", text, spaced) == extract.content_id("A title", text), paragraphs
        assert extract._word_count(text, spaced) == cues.word_count(text), paragraphs
        checked += 1
    assert 1000 < fast < checked
