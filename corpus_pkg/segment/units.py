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

import re
from collections import Counter

from .. import cues
from ..furniture import FurnitureMatch
from . import score, single
from .blocks import Block, PageAnalysis, Unit, make_blocks
from .body import feed, finish, signs_text, take_signature
from .classes import ANCHORS, BLANK, BYLINE, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .classify import PAYWALL_PROMPT, Classifier
from .decide import (ELLIPSES, NONE, ONE, Layout, could_hold_several, decide, ellipsis_alone, full_article,
                     left_out)
from .roles import assign_roles
from .runs import header_block, read_units
from .related import mark_boxes_in_text
from .similar import similar

NAME_LINE_REACH = 8                 # lines under a name-shaped heading searched for a printed byline (a header's size)
PLACED_PARAGRAPH_WORDS = 4         # a heading-shaped question or line of Thai this long under a paragraph is one
CLOSING_LINE_WORDS = 2             # a question closing the text over the page's furniture is one from this long
QUESTION_MARKS = "?？؟;"            # (';' ends a sentence only in Greek: `cues.ends_sentence` says so first)
QUOTE_CLOSES = "\"'”’») "
SHORT_LINE_WORDS = 6                # menus, widgets and mastheads are this short; headlines rarely are
SOURCE_WINDOW = 3                   # a source line and the lines under it (URL, a re-poster's stamp)
BIO_WINDOW = 3                      # an author bio this close under the text belongs to it
CAPTION_WORDS = 20                  # a paragraph over a photo credit is its caption up to this length (a lead
                                    # paragraph is longer: `_captions_over_credits`)


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
        _names_over_bylines(content, self.c.cues.role_word)
        _credits_under_headlines(self.c, content)
        _captions_over_credits(content)
        _paragraphs_by_place(content)
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


def _credits_under_headlines(c: Classifier, content: list[Block]) -> None:
    """A line shaped like a photo's credit, a person and an agency ('Jane Roe/AP', 'Jane Roe | AFP'), printed directly
    under the headline, before the text, is the article's byline (the person its author, the agency its outlet); the
    same line under a photo, a caption or a paragraph stays a credit. Under the headline: the line above is a heading
    that is no name, with no paragraph directly over it (a caption printed between paragraphs has one) and no byline,
    date or name line over it up to the paragraph above (a caption under the article's header has them)."""
    for k in range(1, len(content)):
        b, above = content[k], content[k - 1]
        if b.cls != FURNITURE or b.furniture.kind != "photo_credit" or above.cls != HEADING or above.person \
                or k >= 2 and content[k - 2].cls == PROSE or _header_above(content, k - 1):
            continue
        byline = c.credit_byline(b.shape)
        if byline is not None:
            b.cls, b.furniture, b.byline = BYLINE, None, byline


def _header_above(content: list[Block], k: int) -> bool:
    """Whether a byline, a date line or a name line is printed over line `k`, within NAME_LINE_REACH lines and up to
    the paragraph above."""
    for b in reversed(content[max(0, k - NAME_LINE_REACH) : k]):
        if b.cls == PROSE:
            return False
        if b.cls in (BYLINE, DATELINE) or b.person:
            return True
    return False


def _captions_over_credits(content: list[Block]) -> None:
    """Mark the caption of a photo printed over its credit ('Workers lay pipes near Eastvale' / 'Photo: Jane Roe /
    Reuters'): the line directly over a photo credit when it is shaped as a heading or a fragment (no sentence), or
    is a short paragraph (CAPTION_WORDS words at most) out of the flow of the text: the first line above it that is
    no heading is no paragraph (a byline, a share bar, an image). A paragraph in the flow of the text over a credit
    (under a paragraph or its sub-heading: a photo without a caption, or a credit printed before its caption) stays
    text, and the line under a credit is never its caption."""
    for k in range(1, len(content)):
        b, above = content[k], content[k - 1]
        if b.cls != FURNITURE or b.furniture.kind != "photo_credit":
            continue
        in_text = _in_text_flow(content, k - 1)
        if above.cls in (HEADING, FRAGMENT) and (in_text or not above.person) \
                or above.cls == PROSE and cues.word_count(above.shape) <= CAPTION_WORDS and not in_text:
            above.caption = True    # (a name over a credit under the headline may be the byline)


def _in_text_flow(content: list[Block], k: int) -> bool:
    """Whether the first line above line `k` that is no heading (a sub-heading) is a paragraph of the text."""
    for b in reversed(content[max(0, k - NAME_LINE_REACH) : k]):
        if b.cls != HEADING:
            return b.cls == PROSE and not b.caption
    return False


def _names_over_bylines(content: list[Block], role_word: re.Pattern) -> None:
    """A heading shaped like a name ('Bridge Inspection Finds Corroded Cables', 'Portada Política Economía
    Opinión': capitalised words) stands for a byline only when it is the header's byline. It is a headline, a
    menu or a masthead, not a name, when a printed byline follows it before the next paragraph (within
    NAME_LINE_REACH lines) naming someone else ('By Alan Pierce') or only a newsroom ('Staff and agencies'), or
    when, four words long or more, it is printed directly over another name-shaped line (the one over the date
    is the byline). A short name directly over a job title naming no one ('Jane Roe' / 'Staff Writer', `role_word`)
    is the byline, the title its second line."""
    for k, b in enumerate(content):
        if not b.person or b.cls != HEADING:
            continue
        if k + 1 < len(content) and content[k + 1].cls == HEADING and content[k + 1].person \
                and len(b.shape.split()) >= single.MIN_HEADLINE_WORDS:
            b.person = None     # (two or three words over a name line: co-authors printed one a line)
            continue
        for later in content[k + 1 : k + 1 + NAME_LINE_REACH]:
            if later.cls == PROSE:
                break
            byline = later.byline if later.cls == BYLINE else None
            if byline is not None and later is content[k + 1] and not byline.authors and role_word.search(later.text) \
                    and len(b.shape.split()) < single.MIN_HEADLINE_WORDS:
                break       # 'Jane Roe' / 'Staff Writer'
            # a byline naming people, or a staff credit (no one, no outlet, no date)
            if byline is not None and (byline.authors or (byline.outlet is None and byline.date is None)):
                words = set(cues.comparison_key(b.person).split())
                if not any(words & set(cues.comparison_key(a).split()) for a in byline.authors):
                    b.person = None
                break


def _paragraphs_by_place(content: list[Block]) -> None:
    """Lines that their place makes paragraphs, though their shape alone did not; a line this rule made a paragraph
    counts as one for the line under it. Under a paragraph (nothing but blank lines between them):

    * a sentence too short for a paragraph ('Residents welcomed the decision.', a fragment; not one printed over a
      paragraph only: a date line the date reader cannot read, '12 เม.ย. 2567 14:30 น.', ends with a dot too);
    * a heading-shaped line of PLACED_PARAGRAPH_WORDS word equivalents or more that is a quoted question or
      exclamation (reported speech, `cues.ends_quoted_sentence`: 'The mayor asked: « Who will pay? »'; a bare one
      may be a teaser's headline: 'Weight loss: How important is breakfast?'), or is written in a script that ends
      a sentence with no mark (Thai, Lao: `cues.marks_no_sentence_end`; a short paragraph is shaped as a heading
      is); unless it is a name or a byline or date line follows it (then it is the next article's headline);
    * a sentence closing the text (`_closes_text`: 'What happens next?' over the page's footer).

    And under an article's header (`_lede_under_header`): its first paragraph, shaped as a heading.
    A sub-heading so read stays in the text."""
    for k in range(1, len(content)):
        b, below = content[k], content[k + 1] if k + 1 < len(content) else None
        if _lede_under_header(content, k):
            b.cls = PROSE
        if content[k - 1].cls != PROSE:
            continue
        if b.cls == FRAGMENT and cues.ends_sentence(b.shape) and any(ch.isalpha() for ch in b.shape):   # ('…': a cut)
            b.cls = PROSE
        elif b.cls == HEADING and not b.person and not (below and (below.cls in ANCHORS or below.person)) and (
                (cues.ends_quoted_sentence(b.shape) or cues.marks_no_sentence_end(b.shape))
                and cues.word_equivalents(b.shape) >= PLACED_PARAGRAPH_WORDS
                or cues.ends_sentence(b.shape) and _closes_text(b.shape, below, content[k + 1 :])):
            b.cls = PROSE


def _closes_text(text: str, below: Block | None, rest: list[Block]) -> bool:
    """Whether a sentence shaped as a heading, under a paragraph, is the text's last paragraph: it closes the page
    (PLACED_PARAGRAPH_WORDS word equivalents or more: 'So what happens next?'), or it is a question of
    CLOSING_LINE_WORDS or more with nothing but furniture under it up to the page's end or a line that closes an
    article ('What happens next?' over a share bar and a footer; a list of question headlines has a heading under
    its first, and a widget's exclamation over a footer, 'You have been subscribed!', is no question)."""
    words = cues.word_equivalents(text)
    if below is None:
        return words >= PLACED_PARAGRAPH_WORDS
    if words < CLOSING_LINE_WORDS or text.rstrip(QUOTE_CLOSES)[-1:] not in QUESTION_MARKS:
        return False
    for b in rest:
        if b.cls != FURNITURE:
            return False
        if b.furniture.closes or b.furniture.truncates:
            break
    return True


def _lede_under_header(content: list[Block], k: int) -> bool:
    """Whether `content[k]`, a heading-shaped line, is its article's first paragraph: printed directly under the
    byline or date line of a header (a headline over a byline, furniture and date lines aside: over a date line
    alone, a blog's post title sits under its site's name) and over a paragraph, a sentence of
    PLACED_PARAGRAPH_WORDS words of letters or more not in title case ('Fire crews were called at 3am'; not a time
    stamp the date reader did not read, 'Updated 9:46 a.m. ET'). A caption there is one by its own words (a label, a
    credit: `Block.caption`). (Words between spaces: in Chinese or Japanese a share bar's or a section's label there
    is as long as a lede.)"""
    b = content[k]
    if b.cls not in (HEADING, FRAGMENT) or b.person or b.caption or content[k - 1].cls not in (BYLINE, DATELINE) \
            or k + 1 >= len(content) or content[k + 1].cls != PROSE \
            or sum(1 for word in b.shape.split() if word.strip(score.PUNCTUATION).isalpha()) < PLACED_PARAGRAPH_WORDS \
            or (score.capitalised_share(b.shape) or 0.0) >= score.TITLE_CASE_SHARE:
        return False
    signed = False
    for above in range(k - 1, -1, -1):
        if content[above].cls == BYLINE:
            signed = True
        elif content[above].cls not in (DATELINE, FURNITURE):
            return signed and content[above].cls == HEADING
    return False
