"""The body and tail of a unit: what each block after the header does to it (body text, trailing byline,
metadata, furniture that ends or closes it), and settling the body when the unit ends (bio, captions, thin
units)."""

from __future__ import annotations

from .. import cues
from ..furniture import cut_end_marker
from .blocks import Block, PageAnalysis, Unit
from .classes import BYLINE, CREDIT, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .classify import Classifier
from .captions import drop_credited_captions
from .decide import is_teaser
from .related import drop_related_links

MIN_BODY_WORDS = 20                 # a unit needs at least one full paragraph
MIN_BODY_WORDS_UNANCHORED = 50      # ... and more when nothing but its position says it is an article


def feed(c: Classifier, unit: Unit | None, b: Block, page: PageAnalysis) -> None:
    """Give block `b`, which follows `unit`'s header, its role in `unit` (body, bio, byline, metadata,
    boilerplate) and what it does to the unit (ends it, closes it); nothing before the first unit."""
    if unit is None:
        return  # before the first unit: page furniture, given its role in `roles.assign_roles`
    if b.cls == FURNITURE:
        unit.give(b, "boilerplate", b.furniture.kind)
        apply_furniture(unit, b)
        return
    if unit.closed or (unit.ended and b.cls in (PROSE, HEADING, FRAGMENT)):
        name = cues.bio_name(b.text, c.organisation_words) if b.cls == PROSE else None
        if name:
            unit.bios.append(b)
            unit.give(b, "metadata", "author_bio")
        else:
            unit.give(b, "boilerplate", "after_article" if b.cls != HEADING else "heading_without_body")
        return
    if b.cls in (PROSE, HEADING, FRAGMENT):
        text, cut = cut_end_marker(b.text, c.profile, c.cues)
        if cut:
            unit.truncated = True
            unit.ended = True
            unit.body_texts[id(b)] = text
        unit.body.append(b)
        unit.give(b, "body", None if b.cls == PROSE else ("subheading" if b.cls == HEADING else None))
        return
    if b.cls == BYLINE:
        unit.bylines.append(b)
        unit.give(b, "byline", "trailing_byline")
        return
    detail = {DATELINE: "date_line", SOURCE: "source_line", URL: "url", DOMAIN: "domain", CREDIT: "credit"}[b.cls]
    unit.metadata.append(b)
    unit.give(b, "metadata", detail)
    if b.cls in (SOURCE, DOMAIN):
        unit.ended = True


def apply_furniture(unit: Unit, b: Block) -> None:
    """What furniture block `b` does to `unit`: a cut (truncated), an end, a close, a notice attached to it."""
    hit = b.furniture
    if hit.truncates and unit.body:
        unit.truncated = True
    if hit.closes or hit.truncates:
        unit.ended = True
        unit.closed = unit.closed or hit.closes
    if hit.attach == "previous" and not unit.attached:
        unit.attached.append(hit)


PULL_QUOTE_WORDS = (6, 40)     # a pull quote's length in words: a sentence or two, repeated from the text,
SHORT_PULL_QUOTE_WORDS = 20    # quoted ('"We are tired," she said.') or this short: a paragraph is longer
QUOTE_OPENINGS = "\"'“‘«„‹"
PHRASE_CHARS = 14              # the screen's three words, spaces included: not three function words ('said on the')


def drop_pull_quotes(unit: Unit) -> None:
    """A pull quote: a short sentence of the body (PULL_QUOTE_WORDS, opening with a quotation mark or at most
    SHORT_PULL_QUOTE_WORDS long) whose words another paragraph of the same body prints
    in order ('"The inspection results left us no responsible alternative."', set large beside the text that
    quotes it), compared by `cues.comparison_key` (case, quotes, dashes and spacing ignored). It is boilerplate
    ('pull_quote'): the text keeps the sentence once, where it is printed in its paragraph. (Most sentences are
    printed once: whether the body's case-folded text prints the sentence's longest three words twice is asked first.)"""
    low, high = PULL_QUOTE_WORDS
    candidates = [b for b in unit.body if b.cls == PROSE and low <= len(b.text.split()) <= high
                  and (b.text[:1] in QUOTE_OPENINGS or len(b.text.split()) <= SHORT_PULL_QUOTE_WORDS)]
    if not candidates:
        return
    folded = "\n".join(b.text.casefold() for b in unit.body)
    keys: dict[int, str] = {}      # each block's ` comparison key `, when asked

    def key_of(b: Block) -> str:
        if id(b) not in keys:
            keys[id(b)] = f" {cues.comparison_key(b.text)} "
        return keys[id(b)]

    quotes = set()
    for b in candidates:
        words = b.text.casefold().split()
        phrase = max((" ".join(words[i:i + 3]) for i in range(len(words) - 2)
                      if all(w.isalpha() for w in words[i:i + 3])), key=len, default="")
        if len(phrase) < PHRASE_CHARS or folded.count(phrase) < 2:
            continue    # (its longest three words, printed as they are, are printed once in the body)
        if any(key_of(b) in key_of(other) for other in unit.body
               if other is not b and len(other.text) > len(b.text) and other.cls in (PROSE, HEADING, FRAGMENT)):
            quotes.add(id(b))
    unit.take_from_body(quotes, "pull_quote")


def finish(c: Classifier, unit: Unit, page: PageAnalysis, keep: bool = False, captions: bool = True) -> None:
    """Settle the body: links to other articles (`related`), a signature under the text, trailing bio, captions,
    headings without a body, units too thin to keep (`keep`: the page decision already says this unit is the page's
    article; `captions`: the page may print image captions, which a plain "headline, blank line, body" file does not)."""
    if captions:    # (a plain file prints its text alone, without a page's boxes and photos)
        drop_related_links(unit)
        drop_credited_captions(unit, c.captions)
        drop_pull_quotes(unit)
    _signature(c, unit)
    _drop_trailing_headings(unit)
    # an author bio closing the text
    if unit.body:
        last = unit.body[-1]
        name = cues.bio_name(last.text, c.organisation_words)
        authors = {cues.comparison_key(a) for by in unit.bylines for a in _authors_of(by)}
        if name and len(unit.body) > 1 and (not authors or cues.comparison_key(name) in authors):
            unit.body.pop()
            unit.bios.append(last)
            unit.give(last, "metadata", "author_bio")
            _drop_trailing_headings(unit)   # 'About the author' over the bio
    # a short line before the second paragraph is an image caption, not a sub-heading
    prose_seen = 0
    kept = []
    for k, b in enumerate(unit.body):
        if b.caption:       # over its photo's credit
            unit.give(b, "boilerplate", "caption")
            continue
        if b.cls == PROSE:
            prose_seen += 1
        elif captions and prose_seen <= 1 and not b.text.endswith((":", "?")) and not (kept and kept[-1].text.endswith(":")):
            unit.give(b, "boilerplate", "caption")
            continue
        kept.append(b)
    unit.body = kept
    prose = [b for b in unit.body if b.cls == PROSE]
    note = unit.kind == "preface" and bool(prose) and prose[0].label is not None   # 'Editor's note: ...' is one
    thin = not keep and not note and (not prose or unit.body_words < MIN_BODY_WORDS or (
        not unit.anchored and page.units and page.units[0] is not unit
        and (len(prose) < 2 or unit.body_words < MIN_BODY_WORDS_UNANCHORED)))
    if thin and is_teaser(unit):
        unit.kind = "teaser"    # too thin for an article, but a listing page's teaser (`decide.decide`): kept aside
        return
    if thin:
        for key in list(unit.roles):
            unit.roles[key] = ("boilerplate", "heading_without_body" if unit.roles[key][0] == "title" else "teaser")
        unit.body = []


def _signature(c: Classifier, unit: Unit) -> None:
    """A name line closing the body, after its text, that signs it (`signs_text`): the unit's byline."""
    if len(unit.body) >= 2 and unit.body[-1].cls == HEADING and unit.body[-2].cls == PROSE \
            and signs_text(c, unit, unit.body[-1]):
        take_signature(unit, unit.body.pop())


def signs_text(c: Classifier, unit: Unit, b: Block) -> bool:
    """Whether `b`, the line under a unit's text, signs it: in a language whose news sites sign an article under its
    text (`signature_under_text`: Vietnamese 'Nguyễn Văn An', 'Theo An Nhiên'), a person's name alone or a byline
    naming authors, when no byline above names one."""
    return c.cues.signature_under_text and not any(_authors_of(above) for above in unit.bylines) and (
        b.cls == HEADING and b.person is not None or b.cls == BYLINE and b.byline is not None and bool(b.byline.authors))


def take_signature(unit: Unit, b: Block) -> None:
    unit.bylines.append(b)
    unit.give(b, "byline", "signature")


def _drop_trailing_headings(unit: Unit) -> None:
    """A body that ends on headings: those headings introduce nothing."""
    while unit.body and unit.body[-1].cls != PROSE:
        b = unit.body.pop()
        unit.give(b, "boilerplate", "heading_without_body")


def _authors_of(b: Block) -> list[str]:
    if b.byline is not None:
        return b.byline.authors
    return [b.person] if b.person else []