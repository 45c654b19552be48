"""Issue 15: the segmenter's shortcuts give the same classes and the same page readings as the plain path.

`Classifier.classify` remembers what it read from a line (class, byline, dates, URLs...) and reuses it when the
same line comes back with the same envelope field on a page of the same language. Here every page of the seeds,
of a seed-like corpus of edited copies and of a generated corpus is classified twice by one classifier (the
second time from memory) and once by a classifier that remembers nothing: every classified field is equal, and
whole page analyses (roles of every line, units, titles) are equal too. No test here times anything.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from corpus_pkg.profiles import load_profile
from corpus_pkg.read import read_page
from corpus_pkg.segment import BYLINE, Segmenter, classify, make_blocks

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import seedlike_corpus  # noqa: E402


def pages_of(folder: Path) -> list[list[str]]:
    return [read_page(p, folder)[0].lines for p in sorted(folder.rglob("*")) if p.is_file()]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, list[list[str]]]:
    tmp = tmp_path_factory.mktemp("segment_corpora")
    generate_corpus.generate(tmp / "generated", 150, seed=11)
    seedlike_corpus.generate(tmp / "seedlike", 12, seed=5)
    return {"seeds": pages_of(ROOT / "seeds"), "generated": pages_of(tmp / "generated" / "pages"),
            "seedlike": pages_of(tmp / "seedlike" / "pages")}


def classifier(remembers: bool = True) -> classify.Classifier:
    c = classify.Classifier(load_profile(), frozenset({"reuters"}), lambda text: text.casefold())
    if not remembers:
        c._classes = NoMemory()
    return c


class NoMemory(dict):
    """A line memory that forgets everything: every line is classified from its text."""

    def __setitem__(self, key, value) -> None:
        pass


def classified(c: classify.Classifier, lines: list[str]) -> list[tuple]:
    blocks, _ = make_blocks(lines)
    c.start_page(blocks)
    for b in blocks:
        c.classify(b)
    return [tuple(_plain(getattr(b, name)) for name in classify.CLASSIFIED_FIELDS) for b in blocks]


def _plain(value):
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


@pytest.mark.parametrize("corpus", ["seeds", "generated", "seedlike"])
def test_remembered_classes_equal_the_classes_read_from_the_line(corpora, corpus):
    remembering, plain = classifier(), classifier(remembers=False)
    pages = corpora[corpus]
    first = [classified(remembering, lines) for lines in pages]
    again = [classified(remembering, lines) for lines in pages]     # all from memory now
    fresh = [classified(plain, lines) for lines in pages]
    assert first == fresh
    assert again == fresh
    assert len(remembering._classes) > 0 and len(plain._classes) == 0


def test_a_remembered_byline_is_a_copy(corpora):
    c = classifier()
    lines = ["A headline about the harbour", "", "By Jane Roe and John Doe", "",
             "The harbour reopened on Monday after a week of storms, officials said in a statement."]
    first, _ = make_blocks(lines)
    second, _ = make_blocks(lines)
    for blocks in (first, second):
        c.start_page(blocks)
        for b in blocks:
            c.classify(b)
    a, b = first[2], second[2]
    assert a.cls == b.cls == BYLINE and a.byline == b.byline
    assert a.byline is not b.byline and a.byline.authors is not b.byline.authors and a.urls is not b.urls


@pytest.mark.parametrize("corpus", ["seeds", "generated", "seedlike"])
def test_page_analyses_are_the_same_with_and_without_memory(corpora, corpus):
    remembering = Segmenter(classifier())
    plain = Segmenter(classifier(remembers=False))

    def reading(segmenter: Segmenter, lines: list[str]) -> tuple:
        page = segmenter.analyse(lines)
        return (page.roles, [(u.kind, u.title_text, [b.line_start for b in u.body]) for u in page.units],
                page.decision.kind if page.decision else None, page.language)

    pages = corpora[corpus]
    for lines in pages + pages:
        assert reading(remembering, lines) == reading(plain, lines)
