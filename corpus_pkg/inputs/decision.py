"""The page decision of a Document (an HTML page, a WARC response): an article, or none, and why.

For HTML pages and WARC responses (a scraper's record is one article, as its scraper chose it): the text
path decides what a page holds from its lines (`segment.decide`: one, several or none). A document
is read the same way: the segmenter's decision on its rendered text stands, unless the page is one of a site's
pages that are not articles, which often hold paragraphs. A document is no article when (in this order, the
first reason found is given):

* its main text is made of teasers (a listing: home, section, tag or archive page; `teasers`);
* its title says it is an error page ('404 Not Found', 'Page not found'), a consent wall ('Before you
  continue', 'Your privacy choices') or a legal or about page ('Privacy policy', 'About us'), and its metadata
  names no author and no publication date (an article headlined 'Privacy policy' has them): the titles are
  language data (`error_page_titles`, `consent_page_titles`, `legal_page_titles` of the profiles), matched
  against the whole `<title>` or headline, or one of its parts between separators ('About us | Harbor Ledger');
* the segmenter finds no paragraph of text in it (`segment.decide`);
* its main text is shorter than one paragraph of an article (`segment.body.MIN_BODY_WORDS` words, counted in
  English-word equivalents, `cues.word_equivalents`, as the segmenter measures lines: a Chinese or Japanese text
  has no spaces between its words, half its characters count as words).

A page decided `none` gives no record: all its lines stay in the pages audit, its decision and reason in the
page row and the build report (`reader.PageReader`). An article's own title rarely is one of those phrases
as a whole, and an article has a paragraph of running text, so a short real article stays an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import cues
from ..extract import Extractor, UnitRecord
from ..profiles import Profile
from ..read import SourcePage
from ..segment import PageAnalysis, PageDecision, Segmenter
from ..segment.body import MIN_BODY_WORDS
from ..segment.decide import NONE, ONE
from .document import Document
from .units import audit_spans, document_units, printed_header

#: separators between a title's parts ('About us | Harbor Ledger', 'Page not found - Site')
TITLE_SEPARATORS = re.compile(r"\s+[-|–—·•»:]+\s+|\s*[|·•»]\s*")
#: input kinds whose documents are web pages as a site served them (the others are scrapers' records)
PAGE_KINDS_READ = ("html", "warc")
#: what each title list names, for the decision's reason
PAGE_KINDS = {"error_page_titles": "an error page", "consent_page_titles": "a cookie-consent wall",
              "legal_page_titles": "a legal or about page of the site"}


@dataclass(frozen=True)
class PageTitles:
    """The titles of pages that are not articles, of every language of a profile: case-folded title -> what
    kind of page it names (`PAGE_KINDS`)."""

    kinds: dict[str, str]

    @classmethod
    def of(cls, profile: Profile) -> "PageTitles":
        kinds: dict[str, str] = {}
        for words in [profile.common, *profile.languages.values()]:
            for key, kind in PAGE_KINDS.items():
                kinds.update({_key(title): kind for title in getattr(words, key)})
        return cls(kinds)

    def kind_of(self, title: str | None) -> tuple[str, str] | None:
        """(kind of page, the part of the title that says so) when `title`, whole or one of its parts, is one
        of the titles; None otherwise."""
        if not title:
            return None
        for part in [title, *TITLE_SEPARATORS.split(title)]:
            kind = self.kinds.get(_key(part))
            if kind is not None:
                return kind, part.strip()
        return None


def _key(title: str) -> str:
    return " ".join(title.casefold().split()).strip(" .!:…")


def document_decision(doc: Document, analysis: PageAnalysis, titles: PageTitles) -> PageDecision:
    """What the document holds (see the module docstring): the segmenter's decision on its text, or `none`
    with the reason the page is not an article. A scraper's record (JSON Lines, JSON, Parquet) is one article:
    the scraper chose it as one, and kept no page around it to judge."""
    if doc.kind not in PAGE_KINDS_READ:
        return analysis.decision if analysis.decision.kind != NONE else \
            PageDecision(ONE, f"a scraper's record is one article (the segmenter alone would find none: "
                              f"{analysis.decision.reason})")
    if doc.teasers:
        return PageDecision(NONE, f"a listing page: its main text is {doc.teasers} teasers (headlines that are "
                                  "links, each over a short excerpt), no paragraph of running text")
    signed_or_dated = bool(doc.authors or doc.date)     # an article's marks: a site's own pages carry neither
    for title in dict.fromkeys(t for t in (doc.page_title, doc.title) if t and not signed_or_dated):
        found = titles.kind_of(title)
        if found is not None:
            return PageDecision(NONE, f"{found[0]}: its title says {found[1]!r}")
    if analysis.decision.kind == NONE:
        return analysis.decision
    words = sum(cues.word_equivalents(p) for p in doc.paragraphs)
    if words < MIN_BODY_WORDS:
        return PageDecision(NONE, f"a main text of {words} word(s), shorter than a paragraph of an article "
                                  f"({MIN_BODY_WORDS} words; in English-word equivalents)")
    return analysis.decision


def decided_units(doc: Document, source: SourcePage, analysis: PageAnalysis, titles: PageTitles,
                  extractor: Extractor, segmenter: Segmenter) -> tuple[PageDecision, list[UnitRecord], list[dict]]:
    """(decision, units, spans) of a document read as `source` (its rendered page) and `analysis` (the
    `segmenter`'s reading of it): no unit and every line in the audit when the decision is `none`
    (`document_decision`), else `inputs.units.document_units`, with the lines printed outside the main text read
    as a header (`inputs.units.printed_header`). The build and `explain` both read documents so."""
    decision = document_decision(doc, analysis, titles)
    if decision.kind == NONE:
        return decision, [], audit_spans(source.lines)
    return decision, *document_units(doc, source, analysis, extractor.extract(analysis, source), extractor,
                                     printed_header(doc, segmenter, extractor))
