"""The page decision: does a page hold one article, several, or none?

One article is the common case and the default. A page holds several only on strong, repeated
evidence: at least two units that each carry their own header (a headline with a byline, date line
or source line under it, or a re-poster's labelled preface) and a body of several
paragraphs (long bodies, or three such units, or units that hold every paragraph of the page, shorter
ones too when each prints a byline and a date: briefs), or the page's own per-post footer printed more than
once. A question, a "read more"
link, a line repeated across the folder, a sub-heading, a teaser or a bio never opens an article on
its own: none of them is a header over a body of its own. A page holds none when no run of lines
scores as text (no paragraph at all), or when it is a listing page: REPEATED_UNITS or more teasers (units
whose text ends in a continuation marker, 'Continue reading', 'Read more', 'Leggi tutto', or in an ellipsis), or
two that each print a headline over a one-paragraph blurb, and no text outside them long enough for an article
(OWN_BODY_WORDS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from .. import cues
from .classes import ANCHORS, BYLINE, DATELINE, FURNITURE, HEADING, PROSE

if TYPE_CHECKING:
    from .blocks import Block, Unit

Layout = Literal["auto", "single", "multi"]
ONE, SEVERAL, NONE = "one", "several", "none"
OWN_BODY_WORDS = 50           # a unit with its own header needs a body of this many words ...
OWN_BODY_PARAGRAPHS = 2       # ... in this many paragraphs (a teaser has one blurb)
BRIEF_BODY_WORDS = 30        # ... or, for briefs (a byline and a date over the body; units holding every
                              # paragraph of the page), this many
FULL_BODY_WORDS = 150         # two such units with bodies this long are two articles ...
FULL_BODY_PARAGRAPHS = 3
REPEATED_UNITS = 3            # ... and so are this many, whatever their length (the page's own pattern)
MIN_LISTING_TEASERS = 2       # a listing prints at least this many teasers, each a headline over one blurb
HEADLINE_WORDS = 4            # a unit's headline has at least this many words (not a label or a name)
NOTE_PARAGRAPHS = 3           # a re-poster's note opening the page ('Editor's note: ...') is at most this long ...
NOTE_WORDS = 150
ELLIPSES = ("...", "…")       # a teaser's blurb may end in one (the text goes on elsewhere)
MAX_BODY_DATES = 1            # more date lines or bylines inside a body: a comment thread or a list


@dataclass
class PageDecision:
    """What the page holds (`one`, `several`, `none`) and why, in words a user can check."""

    kind: str
    reason: str
    teasers: list["Unit"] = field(default_factory=list)   # a listing page's teasers (kind none), else empty


def has_own_header(unit: "Unit", min_words: int = OWN_BODY_WORDS) -> bool:
    """A unit with a headline and a byline/date/source line of its own over a body of its own (of `min_words`
    words or more in OWN_BODY_PARAGRAPHS paragraphs)."""
    if unit.kind == "preface":
        # a re-poster's note heads a page in a paragraph or three; a longer text opening with 'Editor's note:'
        # is a commentary of the page's own
        return unit.title is not None or (sum(1 for b in unit.body if b.cls == PROSE) <= NOTE_PARAGRAPHS
                                          and unit.body_words <= NOTE_WORDS)
    title = unit.title
    if title is None or title.cls != HEADING or title.person or "@" in title.text:
        return False
    words = len([w for w in title.shape.split() if any(ch.isalpha() for ch in w)])
    if max(words, cues.word_equivalents(title.shape) if words < HEADLINE_WORDS else 0) < HEADLINE_WORDS:
        return False    # (in word equivalents: a Thai or Chinese headline is one or two whitespace "words")
    header_anchor = unit.anchored   # a byline, date, source or credit line; a bare name line is not enough
    body_start = unit.body[0].line_start if unit.body else 0
    in_body = sum(1 for b in unit.metadata + unit.bylines if b.cls in (DATELINE, BYLINE) and b.line_start > body_start)
    paragraphs = sum(1 for b in unit.body if b.cls == PROSE)
    return header_anchor and in_body <= MAX_BODY_DATES and paragraphs >= OWN_BODY_PARAGRAPHS \
        and unit.body_words >= min_words


def signed_and_dated(unit: "Unit") -> bool:
    """The unit's header says who and when: a byline and a date (in the byline or a date line of its own) above
    its body, as a news brief prints them ('headline / By X / March 3, 2025'); a teaser's byline alone does not."""
    body_start = unit.body[0].line_start if unit.body else 0
    header = [b for b in unit.bylines + unit.metadata if b.line_start < body_start]
    return any(b.cls == BYLINE for b in header) and any(b.cls in (BYLINE, DATELINE) and b.date is not None for b in header)


def is_teaser(unit: "Unit") -> bool:
    """A short unit whose text is cut off: a continuation marker follows it ('Continue reading', 'Leggi tutto'; the
    profiles' continuation furniture and the languages' `continuation` markers, `Unit.truncated`) or its last
    paragraph ends in an ellipsis ('...', '…'). A full article (FULL_BODY_WORDS words in FULL_BODY_PARAGRAPHS
    paragraphs) followed by a 'Read more' list is no teaser."""
    prose = [b for b in unit.body if b.cls == PROSE]
    if not prose or full_article(unit.body_words, len(prose)):
        return False
    return unit.truncated or unit.body_text_of(prose[-1]).rstrip().endswith(ELLIPSES)


def ellipsis_alone(text: str) -> bool:
    """A line that is only an ellipsis ('…', '...', '[…]'): printed where a text is cut off."""
    return text.strip(" .[]()") in ("", "…")


def full_article(words: int, paragraphs: int) -> bool:
    """A text of `words` words in `paragraphs` paragraphs is a full article, no teaser (FULL_BODY_WORDS words in
    FULL_BODY_PARAGRAPHS paragraphs): a continuation marker under it ('Read more') heads a list of links."""
    return words >= FULL_BODY_WORDS and paragraphs >= FULL_BODY_PARAGRAPHS


def is_listing(teasers: list["Unit"]) -> bool:
    """The page's teasers (`is_teaser`) make a listing: REPEATED_UNITS or more, or MIN_LISTING_TEASERS that each
    print a headline over a one-paragraph blurb (a section page with two stories). One cut article (a paywall
    teaser: a standfirst, a paragraph or two, 'Continue reading') beside one link to another is no listing."""
    if len(teasers) >= REPEATED_UNITS:
        return True
    return len(teasers) >= MIN_LISTING_TEASERS and all(
        u.title is not None and sum(1 for b in u.body if b.cls == PROSE) == 1 for u in teasers)


def first_line(unit: "Unit") -> int:
    """The line of the unit's headline, or of its first paragraph (a re-poster's note has no headline)."""
    return unit.title.line_start if unit.title is not None else unit.body[0].line_start


def covers_the_text(own: list["Unit"], blocks: list["Block"]) -> bool:
    """The units with their own header hold every paragraph of the page (a file of short articles, each
    'headline / By X / two paragraphs', and nothing else that reads as text)."""
    in_units = {id(b) for u in own for b in u.body if b.cls == PROSE}
    return all(id(b) in in_units for b in blocks if b.cls == PROSE)


def words_outside(units: list["Unit"], blocks: list["Block"]) -> int:
    """Words of the page's paragraphs that none of `units` holds (a section's introduction, a footer's text)."""
    inside = {id(b) for u in units for b in u.body}
    return sum(cues.word_count(b.text) for b in blocks if b.cls == PROSE and id(b) not in inside)


def could_hold_several(blocks: list["Block"]) -> bool:
    """False when the page cannot meet `decide`'s evidence for several articles, so its several-article
    reading is skipped: fewer than two headers (a run of lines between paragraphs with a heading over a
    byline, date, source, link or credit line, or a labelled date line; a paragraph opening with a preface
    label) and fewer than two per-post footers or continuation markers."""
    headers = footers = 0
    heading_seen = header = False
    for b in blocks:
        if b.cls == PROSE:
            headers += header
            heading_seen = header = False
        elif b.cls == HEADING:
            heading_seen = True
        elif b.cls in ANCHORS and (heading_seen or b.label):
            header = True
        elif b.cls == FURNITURE and (b.furniture.attach == "previous" or b.furniture.truncates):
            footers += 1    # a per-post footer, or a continuation marker under a teaser (a listing page)
        if b.cls == PROSE and b.label is not None:
            headers += 1    # a re-poster's note ('Editor's note: ...') is its own header
        if headers >= 2 or footers >= 2:
            return True
    return headers + header >= 2


def decide(units: list["Unit"], blocks: list["Block"], has_run: Callable[[], bool], layout: Layout,
           thin_teasers: list["Unit"] = ()) -> PageDecision:
    """The decision for a page whose several-article reading found `units` (and `thin_teasers`: units too short
    for an article whose text is cut off); `has_run()`: the one-article reading finds a run of text holding a
    paragraph (asked only when the decision is not `several`)."""
    if layout == "single":
        return PageDecision(ONE, "layout = single (config)") if has_run() else \
            PageDecision(NONE, "layout = single (config), but no paragraph of text on the page")
    if layout == "multi" and units:
        return PageDecision(SEVERAL, f"layout = multi (config): {len(units)} unit(s) with a header")
    teasers = sorted([u for u in [*units, *thin_teasers] if is_teaser(u)], key=first_line)
    if is_listing(teasers) and words_outside(teasers, blocks) < OWN_BODY_WORDS:
        titles = ", ".join(f"line {first_line(u)}" for u in teasers[:6]) + (" …" if len(teasers) > 6 else "")
        return PageDecision(NONE, f"listing page: {len(teasers)} teasers, no full article (headlines at {titles})",
                            teasers=teasers)
    own = [u for u in units if has_own_header(u)]
    full = [u for u in own if u.kind == "preface" or (u.body_words >= FULL_BODY_WORDS and sum(
        1 for b in u.body if b.cls == PROSE) >= FULL_BODY_PARAGRAPHS)]
    footers = sum(1 for b in blocks if b.cls == FURNITURE and b.furniture.attach == "previous")
    if len(own) >= 2 and (len(full) >= 2 or len(own) >= REPEATED_UNITS or any(u.kind == "preface" for u in own)
                          or covers_the_text(own, blocks)):
        titles = ", ".join(f"line {first_line(u)}" for u in own[:6]) + (" …" if len(own) > 6 else "")
        return PageDecision(SEVERAL, f"{len(own)} units with their own header and body (headlines at {titles})")
    briefs = [u for u in units if has_own_header(u, BRIEF_BODY_WORDS) and signed_and_dated(u)]
    if len(briefs) >= 2 and covers_the_text(briefs, blocks):
        titles = ", ".join(f"line {first_line(u)}" for u in briefs[:6]) + (" …" if len(briefs) > 6 else "")
        return PageDecision(SEVERAL, f"{len(briefs)} short units with their own header hold every paragraph of the "
                                     f"page (headlines at {titles})")
    if footers >= 2 and len(units) >= 2:
        return PageDecision(SEVERAL, f"the page's per-post footer is printed {footers} times")
    if not has_run():
        return PageDecision(NONE, "no paragraph of text on the page")
    if own:
        why = "one unit with its own header"
    elif briefs:
        why = (f"{len(briefs)} unit(s) with their own header over a body of {BRIEF_BODY_WORDS} to {OWN_BODY_WORDS} "
               f"words, not holding every paragraph of the page")
    else:
        why = "no unit with its own header and body"
    return PageDecision(ONE, f"one article (default): {why}")


def left_out(units: list["Unit"], article: "Unit") -> list[str]:
    """Warnings, one per unit of the several-article reading (`units`) with its own header over a body of
    BRIEF_BODY_WORDS words or more of which the page's one article holds no paragraph: a text the build
    leaves out (kept in the pages audit), named by its lines and headline so that nothing is dropped silently."""
    kept = {id(b) for b in article.body}
    warnings = []
    for u in units:
        if has_own_header(u, BRIEF_BODY_WORDS) and signed_and_dated(u) and not any(id(b) in kept for b in u.body if b.cls == PROSE):
            last = max(b.line_end for b in u.body)
            warnings.append(f"lines {first_line(u)}-{last}: a text with its own header ({u.title_text!r}, "
                            f"{u.body_words} words) is left out of the page's one article (kept in the pages audit)")
    return warnings
