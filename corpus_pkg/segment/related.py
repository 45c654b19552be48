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
"""

from __future__ import annotations

import re

from .. import cues
from .blocks import Block, Unit
from .classes import PROSE

MIN_LINKS = 2           # headline-shaped lines in a row that make a list of links
SHOUTED_WORDS = 6       # a headline in capitals this long is no sub-heading when the text prints two or more
SENTENCE_ENDS = (".", ",", ";", ":", "?", "!", "…", "。", "？", "！", "：")
CLOSING_MARKS = "\"'”’»)] "
TAGGED = re.compile(r"\s\[[A-Z][A-Z ]{1,14}\][\s|]*$")    # a link's tag: '... record high [VIDEO]', '[INSIGHT]|'
NUMBERED = re.compile(r"\(?\d{1,3}[.)]\s")     # '1. Take the blankets off the bed', '2) ...'
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
