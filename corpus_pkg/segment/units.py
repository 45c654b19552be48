"""Segment a page into text units (articles, prefaces) and give every line a role.

How a page is read, in three passes:

1. **Blocks.** Lines become blocks: one block per line, or one per paragraph when the page is
   hard-wrapped (most lines end near the same column).
2. **Classes.** Each block is classified on its own (see `cues`, `furniture`): blank, furniture,
   byline, date line, source line, URL, domain, credit, heading, prose or fragment.
3. **Units.** Runs of non-prose blocks between prose are read as either the tail of the unit above
   (source lines, footers, sidebars), the header of a new unit, or sub-headings inside a body.
   A run starts a new unit when it holds a heading and either an *anchor* (a byline, date line,
   source label, URL or credit after the heading), a repeated heading, the page's start, or
   follows a unit that has ended (a closing footer, a source line, a "read more"). The title is
   the heading directly above the first anchor (the original headline, not a re-poster's heading).

Nothing here names a site: furniture comes from the profiles, everything else from line shapes.
"""

from __future__ import annotations

from collections import Counter

from .. import cues
from ..furniture import FurnitureMatch
from . import score, single
from .blocks import Block, PageAnalysis, Unit, make_blocks
from .body import feed, finish, signs_text, take_signature
from .classes import ANCHORS, BLANK, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .classify import PAYWALL_PROMPT, Classifier
from .decide import (ELLIPSES, NONE, ONE, Layout, could_hold_several, decide, ellipsis_alone, full_article,
                     left_out)
from .placed import mark_by_place
from .roles import assign_roles
from .runs import header_block, read_units
from .related import mark_boxes_in_text
from .similar import similar

SHORT_LINE_WORDS = 6                # menus, widgets and mastheads are this short; headlines rarely are
SOURCE_WINDOW = 3                   # a source line and the lines under it (URL, a re-poster's stamp)
BIO_WINDOW = 3                      # an author bio this close under the text belongs to it


def cut_below(unit: Unit, below: Block | None) -> bool:
    """Whether the line right under the one article's text (`below`) says the text is cut there: an ellipsis
    alone, a paywall's prompt ('Subscribe to read', 'Jetzt weiterlesen mit Plus'), or a continuation marker
    ('Continue reading', 'Read more') under a last paragraph cut off (an ellipsis, no sentence end) of a text
    shorter than a full article (`decide.full_article`; a 'Read more' under a whole article heads a list of
    links)."""
    if below is None or not unit.body:
        return False
    if ellipsis_alone(below.text) or below.cls == FURNITURE and below.furniture.kind == PAYWALL_PROMPT:
        return True
    if below.cls != FURNITURE or not below.furniture.truncates:
        return False
    prose = [b for b in unit.body if b.cls == PROSE]
    last = unit.body_text_of(prose[-1]).rstrip() if prose else ""
    return not full_article(unit.body_words, len(prose)) and bool(last) and (
        last.endswith(ELLIPSES) or not cues.ends_sentence(last))


class Segmenter:
    def __init__(self, classifier: Classifier, site_lines: frozenset[str] = frozenset()):
        """`site_lines`: comparison keys of short lines printed on many pages of the input (menus,
        mastheads, footers), from `furniture.common_short_lines`; they are furniture wherever they occur."""
        self.c = classifier
        self.site_lines = site_lines

    def analyse(self, lines: list[str], layout: Layout = "auto", title: str = "auto") -> PageAnalysis:
        """Classify the page's lines, decide what it holds (`decide.decide`) and read its units.

        `layout`: "auto" (decide from the page), "single" (one article) or "multi" (as many as have
        a header); `title`: "auto" (the headline above the text) or "first_line" (the file's first line).
        """
        blocks, wrapped = make_blocks(lines)
        self.c.start_page(blocks)
        for block in blocks:
            self.c.classify(block)
        self._mark_repeated_lines(blocks)
        self._mark_page_title(blocks)
        content = [b for b in blocks if b.cls != BLANK]
        mark_by_place(self.c, content)
        mark_boxes_in_text(content)
        page = PageAnalysis(blocks=blocks, units=[], roles=[], wrapped=wrapped,
                            first_content=content[0] if content else None, envelope=self.c.page_envelope,
                            cue_language=self.c.language)
        if layout == "multi" or (layout == "auto" and could_hold_several(blocks)):
            read_units(self.c, content, page)
        runs: list[tuple[int, int] | None] = []

        def has_run() -> bool:
            """Score the lines and find the best run (only when the decision needs it: a page with several
            articles is read without line scores)."""
            if not runs:
                page.scores, page.language = score.score_blocks(blocks, self.site_lines)
                runs.append(single.article_run(content, [page.scores[k] for k, b in enumerate(blocks) if b.cls != BLANK]))
            return runs[0] is not None

        page.decision = decide(page.units, blocks, has_run, layout, page.thin_teasers)
        if page.decision.kind == ONE:
            several = page.units
            page.units = [self._read_single(content, runs[0], page, title)]
            page.warnings += left_out(several, page.units[0])
        elif page.decision.kind == NONE:
            page.teasers, page.units = page.decision.teasers, []
        assign_roles(page)
        return page

    # -- general signals -------------------------------------------------------------------------

    def _mark_repeated_lines(self, blocks: list[Block]) -> None:
        """A short line printed three or more times on one page, or on many pages of the input, is a
        widget, a menu or a masthead, not text."""
        # (a Chinese headline has no spaces: its characters count as words)
        short = [b for b in blocks if b.cls in (HEADING, FRAGMENT) and cues.word_count(b.text) <= SHORT_LINE_WORDS]
        counts = Counter(cues.comparison_key(b.text) for b in short)
        for block in short:
            key = cues.comparison_key(block.text)
            if counts[key] >= 3:
                block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="repeated_line")
            elif key in self.site_lines:
                block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="repeated_across_pages")

    @staticmethod
    def _mark_page_title(blocks: list[Block]) -> None:
        """The page's first line repeating a later heading is the page's <title>, not a unit's."""
        content = [b for b in blocks if b.cls != BLANK]
        if len(content) < 3 or content[0].cls != HEADING:
            return
        first = content[0]
        for later in content[2:]:
            if later.cls == HEADING and cues.comparison_key(later.text) == cues.comparison_key(first.text):
                first.cls, first.furniture = FURNITURE, FurnitureMatch(kind="page_title")
                return

    # -- one article: the best run and the headline above it ---------------------------------------

    def _read_single(self, content: list[Block], run: tuple[int, int], page: PageAnalysis, title_mode: str) -> Unit:
        """The page's one article: the header above the run (headline, byline, date), the run as body."""
        values = [page.scores[k] for k, b in enumerate(page.blocks) if b.cls != BLANK]
        first, last = run
        first, title = single.header_inside_run(content, first, last, [v.score for v in values], self.site_lines)
        if title is None:
            first, last = single.header_in_run(content, first, last)
        if 0 < first < last and content[first - 1].cls == FURNITURE and content[first - 1].furniture.kind == "excerpt_label":
            first += 1      # the excerpt a reader tool prints under its label ('> ## Excerpt'): header, not text
        last = single.thread_start(content, first, last)
        start = single.header_start(content, first)
        if title_mode == "first_line":
            start, first = 0, max(first, 1)
        if title is None or title_mode == "first_line":
            title = single.choose_title(content, start, first, self.site_lines, self.c.organisation_words,
                                        title_mode == "first_line", lambda text: score.content_words(text, page.language),
                                        self.c.title_case)
        unit = Unit(anchored=any(b.cls in ANCHORS or b.person for b in content[start + 1 : first]))
        plain = False
        if title is not None:
            text, printed = single.title_text(content, title)
            unit.title, unit.title_text = content[title], text
            for b in printed:
                unit.give(b, "title", None if len(printed) == 1 else "headline_line")
            if len(printed) > 1:
                unit.alt_titles += printed
            for b in content[start:title]:
                if b not in printed and b.cls == HEADING and similar(b.text, unit.title.text):
                    unit.alt_titles.append(b)
                    unit.give(b, "title", "alt_title")
            plain = title == 0 and not unit.anchored
            if plain:
                # "headline, blank line, body": what follows the headline is text, furniture aside
                first = next((k for k in range(1, first) if content[k].cls not in (FURNITURE,)), first)
                last = single.plain_end(content, last)
            anchor_seen, previous = False, unit.title
            for k in range(title + 1, first):
                b = content[k]
                if b.cls == FURNITURE:      # the run decides the extent: no furniture ends the article here
                    unit.give(b, "boilerplate", b.furniture.kind)
                    continue
                header_block(self.c, unit, b, unit.title, anchor_seen, None, previous, content[k + 1 : first + 1])
                anchor_seen = anchor_seen or b.cls in ANCHORS or b in unit.bylines    # (a name line too)
                previous = b
            self._date_above_title(unit, content, title)
        else:
            for b in content[start:first]:
                if b.cls in ANCHORS or b.cls == DOMAIN:
                    feed(self.c, unit, b, page)
        for b in content[first : last + 1]:
            # the run decided the extent: neither furniture nor a source or domain line inside it ends it
            if b.cls == FURNITURE:
                unit.give(b, "boilerplate", b.furniture.kind)
                if b.furniture.attach == "previous" and not unit.attached:
                    unit.attached.append(b.furniture)
            else:
                feed(self.c, unit, b, page)
                unit.ended = unit.ended and not (b.cls in ANCHORS or b.cls == DOMAIN)
        if cut_below(unit, content[last + 1] if last + 1 < len(content) else None):
            unit.truncated = True
        tail = self._source_below(unit, content, last, page)
        self._signed_below(unit, content[tail : tail + BIO_WINDOW])
        self._bio_below(unit, content[tail : tail + BIO_WINDOW])
        finish(self.c, unit, page, keep=True, captions=not plain)
        if page.masthead and (unit.title is None or not any(b.text == page.masthead for b in content[:title or 0])):
            page.masthead = None    # the several-article reading's guess, not above this article
        return unit

    @staticmethod
    def _date_above_title(unit: Unit, content: list[Block], title: int) -> None:
        """A date line printed directly over the headline ('Nov. 20, 2019 6:02 AM EST' / headline / byline), furniture
        between them aside: the article's own date, read after the dates printed under the headline."""
        for b in reversed(content[max(0, title - single.HEADER_WINDOW) : title]):
            if b.cls == FURNITURE or id(b) in unit.roles:
                continue
            if b.cls == DATELINE and not b.stamp:
                unit.metadata.append(b)
                unit.give(b, "metadata", "date_line")
            return

    def _source_below(self, unit: Unit, content: list[Block], last: int, page: PageAnalysis) -> int:
        """The article's own source line printed right under its text ('Source: The Coast Gazette'), with
        the URL, domain and date lines that follow it (a re-poster's stamp): read as the unit's metadata,
        though they score below the text. Returns the index of the first line after them."""
        k = last + 1
        if k >= len(content) or content[k].cls not in (SOURCE, URL, DOMAIN):
            return k
        while k < len(content) and k <= last + SOURCE_WINDOW and content[k].cls in (SOURCE, URL, DOMAIN, DATELINE):
            feed(self.c, unit, content[k], page)
            k += 1
        return k

    def _signed_below(self, unit: Unit, below: list[Block]) -> None:
        """The author's name printed just under the text, as the language's news sites sign (`body.signs_text`)."""
        b = next((b for b in below if b.cls != FURNITURE), None)
        if b is not None and signs_text(self.c, unit, b):
            take_signature(unit, b)

    def _bio_below(self, unit: Unit, below: list[Block]) -> None:
        """An author bio printed just under the text ('More articles by:' / 'Jane Roe is a reporter ...')."""
        for b in below:
            if b.cls == PROSE:
                if cues.bio_name(b.text, self.c.organisation_words):
                    unit.bios.append(b)
                    unit.give(b, "metadata", "author_bio")
                return
            if b.cls != FURNITURE:
                return


