"""Links to other articles printed inside or right under an article's text ('More in Politics' and its headlines,
'DON'T MISS', a kicker over each headline, teaser cards): boilerplate of the unit, not its text.

A sub-heading of the text is one line over a paragraph; a list of links is a run of headline-shaped lines with no
running text between them. So, in a unit's body, two or more headline-shaped lines in a row (furniture between
them aside) are links to other articles, unless the text introduces them as its own list (a paragraph ending with
a colon above them: 'The rankings were:') or the page marks them up as its structure (a Markdown heading, a bullet,
a number). A headline is shaped as no sentence is: it ends without a full stop, comma, colon or question mark (the
lines of a quoted exchange, 'Does it protect our jobs?' / 'Yes, it does.', stay text). A headline printed twice in
a row is a teaser card's, and the one paragraph under it is the card's teaser. A headline printed in capitals
between paragraphs ('SEAN SPICER ELIMINATED FROM THE FINAL'), long for a sub-heading and printed so twice or more
in the text, is a link too: the page's pattern for its links (a sub-heading in capitals is a few words). So is a
headline alone between paragraphs that ends with a tag in capitals in brackets ('Storm bill hits record [VIDEO]'),
which a sub-heading never prints.

A related-links box printed inside the text ('À lire aussi' / one to MAX_BOX_LINKS headlines, then the text goes on)
is read before the lines are scored (`mark_boxes_in_text`): its heading, which the profiles say closes an article,
does not close this one when paragraphs of the same text follow the links (no new header above them); the heading
and its links are boilerplate inside the text. At the text's end the heading still closes it.
"""

from __future__ import annotations

import re

from dataclasses import replace

from .. import cues
from ..furniture import FurnitureMatch
from .blocks import Block, Unit
from .classes import FURNITURE, HEADING, PROSE, RELATED_BOX

MIN_LINKS = 2           # headline-shaped lines in a row that make a list of links
SHOUTED_WORDS = 6       # a headline in capitals this long is no sub-heading when the text prints two or more
SENTENCE_ENDS = (".", ",", ";", ":", "?", "!", "…", "。", "？", "！", "：")
CLOSING_MARKS = "\"'”’»)] "
TAGGED = re.compile(r"\s\[[A-Z][A-Z ]{1,14}\][\s|]*$")    # a link's tag: '... record high [VIDEO]', '[INSIGHT]|'
NUMBERED = re.compile(r"\(?\d{1,3}[.)]\s")     # '1. Take the blankets off the bed', '2) ...'
MAX_BOX_LINKS = 3       # headlines under a related-links heading printed inside the text
BOX_HEADINGS = ("related_heading", "continuation")   # furniture kinds that head such a box ('Read more')
CUT_ENDS = ("…", "...")    # a paragraph cut off over 'Read more' is a teaser's: its 'Read more' is no box
LIST_MARKS = ("•", "·", "- ", "* ", "– ", "— ", "▪", "■", "►", "▶", "✓", "✔")   # a bulleted item of the text


def drop_related_links(unit: Unit) -> None:
    """Give the links to other articles in `unit.body` (see the module) the role boilerplate ('related_links')
    and take them out of the body."""
    body = unit.body
    dropped: set[int] = set()
    k = 0
    while k < len(body):
        if not _headline_shaped(body[k]):
            k += 1
            continue
        end = k
        while end < len(body) and _headline_shaped(body[end]):
            end += 1
        run = body[k:end]
        introduced = k > 0 and body[k - 1].shape.endswith((":", "："))
        if len(run) >= MIN_LINKS and not introduced and not any(_marked_up(b) for b in run):
            dropped.update(id(b) for b in run)
            if end < len(body) and _printed_twice(run):
                dropped.add(id(body[end]))      # the card's teaser
                end += 1
        k = end
    shouted = [b for b in body if id(b) not in dropped and _shouted_headline(b)]
    if len(shouted) >= MIN_LINKS:
        dropped.update(id(b) for b in shouted)
    dropped.update(id(b) for b in body if _headline_shaped(b) and TAGGED.search(b.shape) is not None)
    unit.take_from_body(dropped, "related_links")


def mark_boxes_in_text(content: list[Block]) -> None:
    """Find the related-links boxes printed inside a text (see the module) in `content` (a page's non-blank blocks,
    classified): the box's heading and links become furniture of kind RELATED_BOX that closes nothing. A box sits
    between paragraphs: a paragraph (not cut off) above the heading, one to MAX_BOX_LINKS headline-shaped lines
    under it (not a name, nor numbered, bulleted or marked up: a sub-heading of the text, '5. Beware the
    hairdryer'), then a paragraph; the paragraphs under it are the text's when two or more follow, or when the line
    after them is not another paragraph's heading (a list of teaser cards, each a headline over a paragraph, is no
    text) nor the same box heading again (a listing's 'Read more' under each teaser)."""
    for k in range(1, len(content) - 2):
        box = content[k]
        if box.cls != FURNITURE or box.furniture.kind not in BOX_HEADINGS or not box.furniture.closes:
            continue
        above = content[k - 1]
        if above.cls != PROSE or above.shape.endswith(CUT_ENDS):
            continue
        end = k + 1
        while end < len(content) and end - k <= MAX_BOX_LINKS and content[end].cls == HEADING \
                and _headline_shaped(content[end]) and not content[end].person and not _marked_up(content[end]):
            end += 1
        row = end
        while row < len(content) and content[row].cls == PROSE:
            row += 1
        after = content[row] if row < len(content) else None
        if end == k + 1 or row == end or (row - end < 2 and after is not None and (
                after.cls == HEADING or after.cls == FURNITURE and after.shape == box.shape)):
            continue
        box.furniture = replace(box.furniture, kind=RELATED_BOX, closes=False, truncates=False)
        for link in content[k + 1 : end]:
            link.cls, link.furniture = FURNITURE, FurnitureMatch(kind=RELATED_BOX)


def _headline_shaped(b: Block) -> bool:
    """A line that is no paragraph and does not end as a sentence or a list's item does."""
    return b.cls != PROSE and not b.shape.rstrip(CLOSING_MARKS).endswith(SENTENCE_ENDS)


def _shouted_headline(b: Block) -> bool:
    """A headline-shaped line in capitals of SHOUTED_WORDS words or more ('LAUREN ALAINA SAYS SHE LOST 25 POUNDS')."""
    return _headline_shaped(b) and len(b.shape.split()) >= SHOUTED_WORDS and b.shape.isupper()


def _marked_up(b: Block) -> bool:
    """A line the page marks up as part of the text's structure: a Markdown heading, a bulleted or numbered item."""
    return b.shape != b.text or b.text.startswith(LIST_MARKS) or NUMBERED.match(b.text) is not None


def _printed_twice(run: list[Block]) -> bool:
    """Whether the run ends with a headline printed twice in a row (a teaser card's headline over its teaser)."""
    return len(run) >= 2 and cues.comparison_key(run[-1].shape) == cues.comparison_key(run[-2].shape)
