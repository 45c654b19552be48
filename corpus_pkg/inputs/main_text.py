"""Which lines of a document's main text are not its body text, as a text page's article would leave them out.

The extractor (trafilatura) or the scraper chose the main text; the segmenter's classifier reads its lines as it
reads a text page's (`inputs.units.document_units` asks each question below in turn): the site's furniture kept
inside the article's container (an ad label, 'Read more: ...', a copyright notice), a paywall's prompt closing it,
the byline and date lines at its head, the sign-offs and an author's bio
under it. Each answer is a line number (or several) of the rendered page; none is ever the whole main text.
"""

from __future__ import annotations

import difflib
import itertools
import re

from .. import cues
from ..extract import Extractor, UnitRecord
from ..furniture import match_furniture
from ..profiles import Profile
from ..segment import BYLINE, DATELINE, FURNITURE, PageAnalysis
from ..segment.classify import CONTINUATION_MARKS
from ..segment.decide import ellipsis_alone, full_article
from .document import Document

WORD = re.compile(r"\w+")
EXCERPT_RUN, EXCERPT_SHARE, EXCERPT_OPENING = 3, 0.8, 8   # a description that is an excerpt of the text
BYLINE_WITHIN = 3           # a byline the main text kept is one of its first lines
MAX_CUT_MARK_WORDS = 16     # a paywall's prompt is a line this short ('Subscribe to read the full story')


def furniture_lines(analysis: PageAnalysis, body_lines: list[int]) -> dict[int, str]:
    """The lines of the main text that the segmenter's classifier reads as the site's furniture, by line number,
    with the furniture's kind: an ad label ('Advertisement', 'Anzeige'), a link to another article ('Read more:
    <headline>'), a newsletter promotion, a copyright notice, a share bar... The extractor or the scraper keeps
    such lines when the site prints them inside the article's container; a text page's article leaves them out as
    boilerplate (`segment.units`), and so does a document's. Never the whole main text."""
    kinds = {n: b.furniture.kind for b in analysis.blocks if b.cls == FURNITURE
             for n in range(b.line_start, b.line_end + 1)}
    found = {n: kinds[n] for n in body_lines if n in kinds}
    return found if len(found) < len(body_lines) else {}


def byline_line(articles: list[UnitRecord], lines: list[str], body_lines: list[int]) -> int | None:
    """The line of the main text that is the byline our cues read, when it is one of its first lines."""
    byline = articles[0].byline if articles else None
    if not byline:
        return None
    key = cues.normalise_space(byline)
    return next((n for n in body_lines[:BYLINE_WITHIN] if cues.normalise_space(lines[n - 1]) == key), None)


def cut_line(doc: Document, lines: list[str], body_lines: list[int], articles: list[UnitRecord],
              extractor: Extractor) -> int | None:
    """The last line of the main text when it is a short mark that the text is cut there (`cut_mark`, with the
    words of the language the text path identified, else the page's): the extractor kept a paywall's prompt."""
    if len(body_lines) < 2 or cues.word_count(lines[body_lines[-1] - 1]) > MAX_CUT_MARK_WORDS:
        return None
    language = (articles[0].language if articles else None) or doc.language or "und"
    paragraphs = [lines[n - 1] for n in body_lines[:-1]]
    found = cut_mark(lines[body_lines[-1] - 1], extractor.line_cues(language), extractor.profile, full_text(paragraphs))
    return body_lines[-1] if found else None


def date_lines(analysis: PageAnalysis, body_lines: list[int]) -> list[int]:
    """The lines at the head of the main text that the segmenter's classifier reads as date lines ('Published
    3:04 PM ET, Tue November 19, 2019', 'Updated ...': dates, times and their labels only), as on text pages:
    metadata, not body text (their date is read as a text page's is). Never the whole main text."""
    date_line = {b.line_start for b in analysis.blocks if b.cls == DATELINE and b.line_start == b.line_end}
    head = list(itertools.takewhile(lambda n: n in date_line, body_lines[:BYLINE_WITHIN]))
    return head if len(head) < len(body_lines) else []


def bylines_below(analysis: PageAnalysis, body_lines: list[int]) -> list[int]:
    """The lines closing the main text that the segmenter's classifier reads as bylines: a reporter's sign-off
    ('김민수 기자 minsu@example.co.kr') or an editor's credit ('责任编辑：李明') printed under the text, which a
    text page's article leaves out too (its run of text ends above them). Never the whole main text."""
    byline = {b.line_start for b in analysis.blocks if b.cls == BYLINE and b.line_start == b.line_end}
    tail = list(itertools.takewhile(lambda n: n in byline, reversed(body_lines)))
    return tail if len(tail) < len(body_lines) else []


def author_bio(lines: list[str], body_lines: list[int], authors: list[str], extractor: Extractor) -> int | None:
    """The main text's last line when it is a bio (`cues.bio_name`: 'Sam Green is the Gazette's environment
    correspondent.') of one of `authors`, the authors the input declares or its header bar names, which a text
    page reads as metadata under its text too; None otherwise (a closing sentence about someone else is text),
    and never the whole main text."""
    if len(body_lines) < 2 or not authors:
        return None
    name = cues.bio_name(lines[body_lines[-1] - 1], extractor.organisation_words)
    return body_lines[-1] if name and name.casefold() in {a.casefold() for a in authors} else None


def description_standfirst(doc: Document, title: str, text: str) -> str | None:
    """The page's own summary (`doc.description`: meta/og/microdata description, a scraper's description field)
    as the article's standfirst (`subtitle`), unless it is the headline or an excerpt of the text: a description
    is often the lead's first sentences or a quotation from the text, cut short, with a word changed or its
    dateline and punctuation altered, or its end rewritten. So one whose words the text holds, in order, in runs
    of at least EXCERPT_RUN words covering EXCERPT_SHARE of them, or that opens with a run of EXCERPT_OPENING
    words the text prints (difflib's matching blocks over the casefolded words), is an excerpt, not a
    standfirst."""
    if doc.standfirst:      # printed under the headline (`html_meta.printed_standfirst`): no excerpt
        return doc.standfirst
    description = cues.normalise_space(doc.description or "")
    words = WORD.findall(description.casefold())
    if not words or description.casefold() == title.casefold():
        return None
    matcher = difflib.SequenceMatcher(None, words, WORD.findall(text.casefold()), autojunk=False)
    blocks = matcher.get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= min(EXCERPT_RUN, len(words)))
    opening = blocks[0].size if blocks[0].a == 0 else 0
    excerpt = shared >= EXCERPT_SHARE * len(words) or opening >= min(EXCERPT_OPENING, len(words))
    return None if excerpt else description


def cut_mark(line: str, line_cues: cues.LineCues, profile: Profile, after_full_text: bool) -> bool:
    """Whether a short line printed right after a main text says the text is cut there: only an ellipsis; a
    paywall's prompt, opening the line or alone ('Subscribe to read', 'Abonnez-vous', 'Jetzt weiterlesen mit
    Plus'; the languages' `paywall_prompts`); or, unless it follows a full article (`after_full_text`: as
    `segment.decide` tells a teaser from one), a continuation marker ('Continue reading', 'Lire la suite'; the
    profiles' `continuation` furniture and the languages' markers), as under a feed's excerpt."""
    if ellipsis_alone(line) or line_cues.paywall_prompt.match(line):
        return True
    if after_full_text:
        return False        # a full article's 'Read more' heads a list of links to others
    return cues.label_key(line.rstrip(CONTINUATION_MARKS)) in line_cues.continuation or \
        getattr(match_furniture(line, profile), "kind", None) == "continuation"


def full_text(paragraphs: list[str]) -> bool:
    """`segment.decide.full_article` of a document's paragraphs."""
    return full_article(sum(map(cues.word_count, paragraphs)), len(paragraphs))
