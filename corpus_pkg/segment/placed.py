"""Lines read by their place on the page, once each is classified alone (`classify`): a name line over a byline
that names someone else is no name; a photo's credit under the headline is the byline, over a caption the caption's;
a short line under a paragraph, a question closing the text, a lede under the byline are paragraphs. Each function
marks the blocks of one page's content (blank lines left out) in place.
"""

from __future__ import annotations

import re

from .. import cues
from . import score, single
from .blocks import Block
from .classes import ANCHORS, BYLINE, DATELINE, FRAGMENT, FURNITURE, HEADING, PROSE
from .classify import Classifier

NAME_LINE_REACH = 8                 # lines under a name-shaped heading searched for a printed byline (a header's size)
PLACED_PARAGRAPH_WORDS = 4         # a heading-shaped question or line of Thai this long under a paragraph is one
CLOSING_LINE_WORDS = 2             # a question closing the text over the page's furniture is one from this long
QUESTION_MARKS = "?？؟;"            # (';' ends a sentence only in Greek: `cues.ends_sentence` says so first)
QUOTE_CLOSES = "\"'”’») "
CAPTION_WORDS = 20                  # a paragraph over a photo credit is its caption up to this length (a lead
                                    # paragraph is longer: `captions_over_credits`)


def mark_by_place(c: Classifier, content: list[Block]) -> None:
    """All of this module's readings of one page's `content`, in order."""
    names_over_bylines(content, c.cues.role_word)
    credits_under_headlines(c, content)
    captions_over_credits(content)
    paragraphs_by_place(content)


def credits_under_headlines(c: Classifier, content: list[Block]) -> None:
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


def captions_over_credits(content: list[Block]) -> None:
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


def names_over_bylines(content: list[Block], role_word: re.Pattern) -> None:
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


def paragraphs_by_place(content: list[Block]) -> None:
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
