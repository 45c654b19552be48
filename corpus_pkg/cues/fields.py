"""Header lines made of labelled fields: '来源：新华社　作者：赵强', 'Source: Example Wire | Author: John Doe',
'2024-03-05 10:15　来源：中国新闻网　作者：赵强', '(서울=연합뉴스) 김철수 기자'.

Many sites print the source, the author, the editor and the date of an article on one line, each after its
label and in any order, separated by wide spaces, '|' or '·'. Such a line is read field by field: the labels
(the profiles' source prefixes, and the page's languages' byline prefixes, editor labels and date labels, each
followed by a colon) cut the line into fields, and each field is read by its label; a field without a label
(the line's opening part, or a date closing it) must be a date or a byline, and a bracketed '(place=agency)' opening the line is the
agency's dateline (Korean wire copy). A line with one field is left to the byline, date and source readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import FoundDate, read_dates
from .lexicon import LineCues, label_key, word_pattern
from .names import looks_like_caseless_name, looks_like_person, normalise_person, parse_byline, split_person_list

#: What separates a field's value from the next field's label: spaces (the ideographic one too), '|', '·', '•', '/'.
FIELD_EDGES = " \t\u3000|｜·•/／,，;；"
#: '(서울=연합뉴스)': the dateline of Korean wire copy, a place and the agency, opening the line.
AGENCY_DATELINE = re.compile(r"^[(（](?P<place>[^()（）=＝]{1,30})[=＝](?P<agency>[^()（）=＝]{1,40})[)）]\s*")
MAX_FIELD_LINE_CHARS = 200          # a header line is short; prose holding a 'Source:' is longer
MAX_SOURCE_WORDS = 8


@dataclass
class HeaderLine:
    """What a header line of labelled fields says."""

    authors: list[str] = field(default_factory=list)
    source: str | None = None              # the outlet a source label or an agency dateline names
    date: FoundDate | None = None          # the publication date (an unlabelled date is one)
    modified: FoundDate | None = None      # a date under an update label
    outlet: str | None = None              # an outlet an unlabelled byline field names


@dataclass(frozen=True)
class FieldLabels:
    """The labels of one page's languages that open a field, compiled: `kind` maps each label's `label_key`
    to 'source', 'author', 'editor', 'published' or 'updated'."""

    label: re.Pattern
    kind: dict[str, str]


@lru_cache(maxsize=64)
def field_labels(source_labels: tuple[str, ...], author_labels: tuple[str, ...], editor_labels: tuple[str, ...],
                 published_labels: tuple[str, ...], updated_labels: tuple[str, ...]) -> FieldLabels:
    """The labels compiled into one pattern (each a whole word followed by a colon, half- or full-width)."""
    kind: dict[str, str] = {}
    for name, words in (("published", published_labels), ("updated", updated_labels), ("author", author_labels),
                        ("editor", editor_labels), ("source", source_labels)):
        kind.update({label_key(w): name for w in words if label_key(w)})
    pattern = re.compile(rf"(?P<label>{word_pattern(list(kind))})\s*[:：]\s*", re.I)
    return FieldLabels(pattern, kind)


def read_header_fields(text: str, labels: FieldLabels, cues: LineCues, organisation_words: frozenset[str],
                       known_outlets: frozenset[str], outlet_key) -> HeaderLine | None:
    """The fields of a header line (see the module's docstring), or None when `text` is not one: fewer than two
    fields (an editor's credit alone is one: '编辑：李明'), no source, author or editor field, or a field that does not read as its label says (an author field
    naming no person, a date field holding no date, an unlabelled part that is neither a date nor a byline)."""
    if len(text) > MAX_FIELD_LINE_CHARS or ("：" not in text and ":" not in text and text[:1] not in "(（"):
        return None
    if text[:1] in "(（" and text[-1:] in ")）" and AGENCY_DATELINE.match(text) is None:
        text = text[1:-1].strip()       # '（责任编辑：孙丽）': a credit printed in brackets under the text
    fields: list[tuple[str, str]] = []
    start = 0
    agency = AGENCY_DATELINE.match(text)
    if agency is not None:
        fields.append(("source", agency["agency"].strip()))
        start = agency.end()
    marks = list(labels.label.finditer(text, start))      # (a label is a whole word: `word_pattern`)
    if not marks and agency is None:
        return None
    opening = text[start: marks[0].start() if marks else len(text)].strip(FIELD_EDGES)
    if opening:
        fields.append(("", opening))
    for m, after in zip(marks, [*marks[1:], None]):
        fields.append((labels.kind[label_key(m["label"])], text[m.end(): after.start() if after else len(text)]
                       .strip(FIELD_EDGES)))
    if fields and fields[-1][0] in ("source", "author", "editor"):
        fields[-1:] = _closing_date(*fields[-1], cues)
    if not any(kind in ("source", "author", "editor") for kind, _ in fields) \
            or len(fields) < 2 and fields[0][0] != "editor":
        return None     # (one field but an editor's is a byline, a date line or a source line: their readers')
    header = HeaderLine()
    for kind, value in fields:
        if not value or not _read_field(header, kind, value, cues, organisation_words, known_outlets, outlet_key):
            return None
    return header


def _closing_date(kind: str, value: str, cues: LineCues) -> list[tuple[str, str]]:
    """The last field, and the unlabelled date that closes the line after its value when there is one ('作者：王芳
    2024-04-12 14:30', 'Source: Example Wire 12 April 2024'): a field of its own, as it would be opening the line."""
    reading = read_dates(value, cues) if any(c.isdigit() for c in value) else None
    found = reading.dates[0] if reading is not None and reading.dates else None
    if found is None or found.start == 0 or value[found.end:].strip(FIELD_EDGES):
        return [(kind, value)]
    return [(kind, value[:found.start].strip(FIELD_EDGES)), ("", value[found.start:])]


def _read_field(header: HeaderLine, kind: str, value: str, cues: LineCues, organisation_words: frozenset[str],
                known_outlets: frozenset[str], outlet_key) -> bool:
    """Read one field into `header`; False when it does not read as its label says."""
    if kind == "source":
        if len(value.split()) > MAX_SOURCE_WORDS or header.source is not None:
            return False
        header.source = value
        return True
    if kind in ("author", "editor"):
        names = split_person_list(value, cues)
        if not names or not all(looks_like_person(n, organisation_words) or looks_like_caseless_name(n) for n in names):
            return False
        if kind == "author":        # an editor ('编辑：李明', 'Editor: Jane Roe') is no author
            header.authors += [normalise_person(n) for n in names]
        return True
    reading = read_dates(value, cues)
    if kind in ("published", "updated") or (reading is not None and reading.label is None):
        if reading is None or reading.label is not None:
            return False
        if kind == "updated" or reading.published is None:
            header.modified = header.modified or reading.modified or reading.published
        else:
            header.date = header.date or reading.published
            header.modified = header.modified or reading.modified
        return True
    byline = parse_byline(value, organisation_words, known_outlets, outlet_key, cues, dates=reading)
    if byline is None:
        return False
    header.authors += byline.authors
    header.outlet = header.outlet or byline.outlet
    header.date = header.date or byline.date
    header.modified = header.modified or byline.modified
    return True
