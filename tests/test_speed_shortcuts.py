"""Issue 15: three shortcuts of the segmenter (commit 1b4c854) give the answers of the plain rules they replace.

- `cues.comparison_key` is remembered (`lru_cache`) and deletes the quotes with `str.translate`: against the plain
  rule (two `re.sub`), asked twice (the second answer from memory).
- A line's credit and source prefixes are tested on its first `Classifier.prefix_chars` characters, case-folded,
  instead of the whole line case-folded: a classifier whose `prefix_chars` is unbounded folds the whole line.
- The 'read more' pattern and the paragraph-opening label pattern are asked only of a line holding one of the marks
  they need (`classify.READ_MORE_MARKS`, `classify.LABEL_MARKS`, `classify.holds_any`): a classifier whose screen
  lets every line through asks the patterns of every line; the screen answers what a search of the marks' class
  answers, and every match of the patterns holds one of their marks.

Each test builds lines where the shortcut could go wrong (case-folding that changes a character's length, marks
in other scripts, quotes of every kind) and compares every classified field of every line. No test times anything.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from corpus_pkg import cues
from corpus_pkg.cues.text import normalise_space
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import read_page
from corpus_pkg.segment import CREDIT, SOURCE, classify

from test_speed_segment import classified

ROOT = Path(__file__).resolve().parent.parent


def plain_comparison_key(text: str) -> str:
    """The rule as written before the shortcut."""
    text = normalise_space(text).casefold()
    text = re.sub(r"[\"'“”‘’«»`´]", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


HEADINGS = ["The “Harbour” Re-opens", "THE 'HARBOUR' RE-OPENS", "«Straße» über  alles", "ǅemal’s  `view´",
            "İstanbul — ﬁnal", "ΣΟΦΙΑ’Σ day", "«  »", "", "A\u00a0B\u2009C", "l'État c’est « moi »", "„Zitat“ – Ende",
            "Guerre en Irak : l’ONU", "«Новости» дня", "‹›—–-_", "x" * 300 + "'" + "y"]


@pytest.mark.parametrize("text", HEADINGS)
def test_comparison_key_is_the_plain_rule(text):
    expected = plain_comparison_key(text)
    assert cues.comparison_key(text) == expected
    assert cues.comparison_key(text) == expected        # from memory


def _lines() -> list[str]:
    """Lines opening with every credit and source prefix of the profile, in several cases, preceded by text whose
    case-folding is longer or shorter than itself, plus read-more lines with and without their marks."""
    lexicon = load_profile().lexicon
    lines = []
    for prefix in lexicon.credit_prefixes + lexicon.source_prefixes:
        for form in (prefix, prefix.upper(), prefix.title()):
            lines += [form, f"{form}: Reuters", f"{form} Jane Roe", f"ß{form} Reuters", f"İ{form}: AP",
                      f"ﬁ{form}", f"{form.replace('s', 'ſ')}: Agence", f"{form}ß: x", form[:-1]]
    lines += ["STRASSE BY Jane Roe", "Straße by Jane Roe", "PHOTO BY: ΣΟΦΙΑ", "ǅ Source: nothing"]
    for label in ["Read more", "READ ALSO", "Lire aussi", "Lee también", "Lesen Sie auch", "Leggi anche", "Lees ook"]:
        for mark in [":", "：", "»", ">", "→", " -", "", " |"]:
            lines += [f"{label}{mark} The harbour reopens after a week of storms",
                      f"{label}{mark} [The harbour reopens](https://example.org/harbour)",
                      f"{label}{mark} example.org/harbour-reopens"]
    return lines


def _page(lines: list[str]) -> list[str]:
    """The lines as paragraphs of one page, between a headline and a body, so each is classified in context."""
    body = "The harbour reopened on Monday after a week of storms, officials said in a statement on the radio."
    out = ["A headline about the harbour", ""]
    for line in lines:
        out += [line, "", body, ""]
    return out


def _classifier(*, plain: bool) -> classify.Classifier:
    c = classify.Classifier(load_profile(), frozenset({"reuters"}), lambda text: text.casefold())
    if plain:
        c.prefix_chars = sys.maxsize      # the whole line case-folded
    return c


def test_prefixes_and_read_more_screen_give_the_plain_classes(monkeypatch):
    pages = [_page(_lines()[i : i + 40]) for i in range(0, len(_lines()), 40)]
    pages += [read_page(p, ROOT / "seeds")[0].lines for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()]
    fast = [classified(_classifier(plain=False), lines) for lines in pages]
    monkeypatch.setattr(classify, "holds_any", lambda text, marks: True)    # every line goes to the marked patterns
    plain = [classified(_classifier(plain=True), lines) for lines in pages]
    assert fast == plain
    furniture, cls, source = (classify.CLASSIFIED_FIELDS.index(name) for name in ("furniture", "cls", "source"))
    kinds = {(c[furniture] or {}).get("kind") for page in fast for c in page}
    classes = {c[cls] for page in fast for c in page}
    sources = {c[source] for page in fast for c in page}
    # the cases are exercised: read-more links, credit lines, source lines
    assert "read_more" in kinds and {CREDIT, SOURCE} <= classes and "Reuters" in sources


def test_the_mark_screens_are_searches_of_the_marks_the_patterns_need():
    texts = [a + b + c for a in ["", "Read more", "Editor's note", "Lire aussi ", "x" * 300]
             for b in ["", " ", "  ", "\t"] for c in ["", *classify.READ_MORE_MARKS, *classify.LABEL_MARKS, "›", "=>", "x"]]
    texts += [chr(c) for c in range(0x10000)]
    for marks in (classify.READ_MORE_MARKS, classify.LABEL_MARKS):
        found = re.compile("[" + re.escape(marks) + "]")
        assert all(classify.holds_any(t, marks) == (found.search(t) is not None) for t in texts)
        assert sum(classify.holds_any(t, marks) for t in texts) > 5 * 4 * len(marks)
    cue = classify.Classifier(load_profile(), frozenset(), str.casefold).cues
    for pattern, marks in ((cue.read_more, classify.READ_MORE_MARKS), (classify.LABEL_OPENING, classify.LABEL_MARKS)):
        matched = [m[0] for t in texts + [t + " some words after it" for t in texts[:400]] if (m := pattern.match(t))]
        assert matched and all(classify.holds_any(m, marks) for m in matched)
