"""Image captions printed inside an article's text, told by their own words: a label opening them ('Image caption
...', 'FILE PHOTO: ...', 'Bildunterschrift: ...') or a photo credit ending them ('... on Tuesday. REUTERS/Jane Roe',
'... a joint. Getty', 'Jane Roe Submitted photo'); and a photographer's credit printed alone under a caption
('Jane Roe, AP'), which is a caption's line too.

The words are data: the languages' `caption_labels` and `caption_credits` (`profiles/languages.toml`) and the news
agencies the profiles name (`outlet_names`, `outlet_short_names`). A credit that only a photo prints ('Getty
Images', 'Submitted photo') makes a caption of any line it ends after a sentence, a separator or a name; an agency
('AP', 'Reuters') prints bylines too ('Jane Roe, AP'), so it makes a caption only of a paragraph whose sentence
ends before it, and of a name line printed alone under a paragraph, with that paragraph
(`drop_credited_captions`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..cues.lexicon import Openings, first_word_key, word_pattern
from .blocks import Unit
from .classes import FRAGMENT, HEADING, PROSE

CREDIT_TAIL_CHARS = 120     # a caption's credit is at most this long: only a line's end is searched
MIN_CAPTION_WORDS = 4       # an agency's credit ends a caption of at least this many words
MAX_CREDIT_LINE_WORDS = 7   # a credit printed alone ('Jane Roe, AP', 'REUTERS/Jane Roe') is this short
# a name as a credit prints it: up to five capitalised words ('Jane Roe', 'Mary-Ann O’Neil Jr.')
NAME = r"[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,4}"
SENTENCE_END = r"[.!?”\"’)]\s+"
SENTENCE_ENDS = (".", "!", "?", ":", ";", ",", "\"", "”", "’", "…", "。")
CLOSING = ")] "
TOKEN_SPLIT = re.compile(r"[\s/|,()\[\]:;.]+")


class CaptionReader:
    """Reads captions in the words of one page's languages (see the module). `labels`: caption labels; `credits`:
    photo-only credits; `agencies`: news agencies' names; `credit_labels`: labels opening a photo's credit ('Photo
    by', 'Foto:'), which end a caption when a name follows them after its sentence. Labels and credits are matched without case; a name's
    words are capitalised."""

    def __init__(self, labels: tuple[str, ...], credits: tuple[str, ...], agencies: tuple[str, ...],
                 credit_labels: tuple[str, ...] = ()):
        # a label, then a separator, a capital glued to it ('Media captionJulian Assange ...') or, after a label of
        # two words or more, a space ('Image caption Jane Roe ...'); then the caption
        glued = r"\s*[:：|–—-]\s*|(?-i:(?=[A-Z]))"
        self.labels = (Openings([label for label in labels if len(label.split()) == 1], then=rf"(?:{glued})\S"),
                       Openings([label for label in labels if len(label.split()) > 1], then=rf"(?:{glued}|\s+)\S"))
        photo, credit = _alternation(credits), _alternation(credits + agencies)
        # a name joined to a credit by a space only: a credit of two words or more ('Jane Roe Submitted photo'), as
        # a title-case headline never ends ('Council Approves Cash Handout', 'Senate Blocks Keystone')
        phrase = _alternation(tuple(name for name in credits if len(name.split()) > 1))
        # a photo credit's label then a name, after a sentence ('... on Monday. Photo by Alex Kim', '... Foto: Ana
        # Ruiz'): the languages' `photo_credit_labels`, their colon optional
        labelled = _alternation(tuple(label.rstrip(" :：") for label in credit_labels))
        self.screen_words = frozenset(w for name in credits + agencies + credit_labels
                                      for w in TOKEN_SPLIT.split(name.casefold()) if w)
        # after a sentence, a separator or at the line's start: 'Getty', 'REUTERS/Jane Roe', 'Jane Roe Submitted photo'
        self.photo_end = re.compile(rf"(?:^|{SENTENCE_END}|\s[|–—-]\s+|,\s+)\(?(?:{credit}\s*/\s*{NAME}"
                                    rf"|(?P<name>{NAME}\s*[,/|]\s*)?{photo}|(?P<spaced>{NAME}\s+){phrase})\)?\s*$")
        # an agency prints bylines too: only after a sentence ('... on Tuesday. Jane Roe, AP')
        self.agency_end = re.compile(rf"{SENTENCE_END}\(?{NAME}\s*[,/|]\s*{credit}\)?\s*$")
        self.labelled_end = re.compile(rf"{SENTENCE_END}\(?{labelled}\s*[:：]?\s*{NAME}(?:\s*[/|,]\s*{NAME})?\)?\s*$")
        self.credit_line = re.compile(rf"\(?(?:{credit}\s*/\s*{NAME}|{NAME}\s*[,/|]\s*{credit})\)?")

    def is_caption(self, text: str, first: str | None = None) -> bool:
        """Whether the line is a caption by its own words: opened by a caption label, or ended by a photo credit
        after the caption's words or a name (a line that is only a credit is a photo credit, not read here).
        `first`: the line's `first_word_key`, when the caller has it."""
        first = first_word_key(text) if first is None else first
        if any(openings.match(text, first) for openings in self.labels):
            return True
        if text.rstrip(CLOSING).endswith(SENTENCE_ENDS):
            return False    # (most paragraphs: a credit ends with a name, not a full stop)
        offset = max(0, len(text) - CREDIT_TAIL_CHARS)
        if self.screen_words.isdisjoint(TOKEN_SPLIT.split(text[offset:].casefold())):
            return False    # (most other lines: no credit's word in the line's end)
        # (searched from `offset`: '^' matches at the line's real start only)
        m = self.photo_end.search(text, offset)
        if m is not None and (text[: m.start()].strip() or m["name"] or m["spaced"]):
            return True
        m = self.agency_end.search(text, offset) or self.labelled_end.search(text, offset)
        return m is not None and len(text[: m.start()].split()) >= MIN_CAPTION_WORDS

    def is_credit_line(self, text: str) -> bool:
        """'Jane Roe, AP', 'REUTERS/Jane Roe': a photographer's credit, short and alone on its line."""
        return len(text.split()) <= MAX_CREDIT_LINE_WORDS and self.credit_line.fullmatch(text) is not None


def _alternation(names: tuple[str, ...]) -> str:
    """The names as one case-insensitive alternation of whole words (never matches when there are none)."""
    return f"(?i:{word_pattern(list(names))})" if names else "(?!)"


@lru_cache(maxsize=64)
def caption_reader(labels: tuple[str, ...], credits: tuple[str, ...], agencies: tuple[str, ...],
                   credit_labels: tuple[str, ...] = ()) -> CaptionReader:
    """The reader of these words (built once per language and profile)."""
    return CaptionReader(labels, credits, agencies, credit_labels)


def drop_credited_captions(unit: Unit, reader: CaptionReader) -> None:
    """A photographer's credit printed alone inside the text ('Jane Roe, AP'), directly under a paragraph and with
    more text below it, and that paragraph, are an image's caption and its credit: boilerplate ('caption'), out of
    the body. (Under the last paragraph such a line may be the text's own byline, and it is left to the unit.)"""
    body = unit.body
    dropped: set[int] = set()
    for k in range(1, len(body) - 1):
        b = body[k]
        if b.cls in (HEADING, FRAGMENT) and body[k - 1].cls == PROSE and reader.is_credit_line(b.shape):
            dropped.update((id(b), id(body[k - 1])))
    unit.take_from_body(dropped, "caption")
