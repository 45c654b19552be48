"""Dates printed in a line: finding them (regular expressions), reading them (libraries), and what labels them.

A date is read only when it prints a year, so relative dates ('3 hours ago') stay unread. Reading:
ISO 8601 (with or without a time and zone) and year-month-day forms (`2024-03-05T10:15:00+00:00`,
`2024年3月5日`, `2024/03/05`) by the standard library; English month names and day-first numeric dates
(`05.03.2024`, `23-03-2017`) by python-dateutil; month names of other languages (`5 марта 2024`,
`5 de marzo de 2024`, `5 مارس 2024`, `2024. március 7.`) by dateparser, asked only about a short span already shaped like a
date (a day, a word, a year), in the page's language: it is much slower than python-dateutil.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import namedtuple
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from dateutil import parser as date_parser

from .calendars import MONTH_LETTER, CalendarCues
from .lexicon import LineCues

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
YEAR = r"(?:19|20)\d\d"
GLUED_TIME = r"[0-2]?\d:[0-5]\d"
ENGLISH_MONTH = re.compile(MONTH + r"$", re.I)
# (style, pattern): the style says how the span is read
DATE_PATTERNS = [
    ("iso", re.compile(rf"(?<![\d-]){YEAR}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
                       r"(?:\s?Z|\s?[+-][0-2]\d:?[0-5]\d)?)?(?![\d-])")),
    ("ymd", re.compile(rf"(?<!\d)(?P<y>{YEAR})\s*(?:年|년|/|\.)\s*(?P<m>[01]?\d)\s*(?:月|월|/|\.)\s*(?P<d>[0-3]?\d)(?:\s*[日일]|\.(?=\s|$)|(?![\d/.]))")),
    # (a page rendered without spaces may glue the time to the year: 'Nov 20 20194:29 AM')
    ("mdy", re.compile(rf"\b{WEEKDAY}{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR})(?:\b|(?={GLUED_TIME}))", re.I)),
    ("dmy", re.compile(rf"\b{WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?P<y>{YEAR})\b", re.I)),
    ("numeric", re.compile(rf"(?<![\d.])(?P<d>[0-3]?\d)[./-][0-3]?\d[./-](?P<y>{YEAR})(?![\d])")),
    # a two-digit year only with slashes and a time after it ('11/19/19 06:56 AM', '11/13/19 at 4:00 PM')
    ("numeric", re.compile(r"(?<![\d./-])(?P<d>[0-3]?\d)/[0-3]?\d/(?P<y>\d\d)(?=,?\s+(?:at\s+)?[0-2]?\d[:.][0-5]\d)")),
    # a day, a word and a year in another language: 5 марта 2024, 5 de marzo de 2024, 5. März 2024, 5 مارس 2024
    ("words", re.compile(rf"(?<![\w.])(?P<d>[0-3]?\d)(?:\.|º|er|-?го)?\s+(?:de\s+|of\s+)?(?P<m>{MONTH_LETTER}{{3,}}\.?)"
                         rf"(?:\s+|\s*,\s*)(?:de\s+|del\s+)?(?P<y>{YEAR})(?!\d)", re.I)),
    ("words", re.compile(rf"(?<![\w])(?P<m>{MONTH_LETTER}{{3,}}\.?)\s+(?P<d>[0-3]?\d),?\s+(?P<y>{YEAR})(?!\d)", re.I)),
    # the same joined by dots or hyphens: 05.mar.2024 (Folha), 05-Mar-2024
    ("joined", re.compile(rf"(?<![\w.-])(?P<d>[0-3]?\d)(?P<sep>[.-])(?P<m>[^\W\d_]{{3,9}})\.?(?P=sep)(?P<y>{YEAR})(?![\d.-]\d)",
                          re.I)),
    # the year first, then the month's name and the day: 2024. március 7., 2024. december 2. (Hungarian)
    ("year_first", re.compile(rf"(?<![\w.])(?P<y>{YEAR})\.?\s+(?P<m>{MONTH_LETTER}{{3,}}\.?)\s+(?P<d>[0-3]?\d)\.?(?!\d)", re.I)),
]
# (also the hour and minute words of Chinese, Japanese and Korean: 10時15分, 10时15分, 10시 15분)
TIME = re.compile(r"(?<![\d.:])(?:[01]?\d|2[0-3])(?:\s*(?:[:h.]|[時时시])\s*[0-5]\d(?::[0-5]\d)?(?:\s*[分분])?|(?=\s*[ap]\.?m\b))"
                  r"(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?![\d])", re.I)
ZONE_OFFSET = re.compile(r"(?:gmt|utc)?\s*[+\-−]\s*\d{1,2}(?::?\d\d)?(?!\d)", re.I)
SEPARATORS = re.compile(r"\s*(?:\||\s[–—-]\s|\s[–—]|[–—]\s|•|·|\s\.(?=\s|$))\s*")
EDGE_PUNCTUATION = " ,;:|–—-•·./，、：\u00a0"
DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10) for i in range(10)})
NUMERIC_PARTS = re.compile(r"\d+")
HAS_YEAR = re.compile(YEAR + r"|/\d\d(?!\d)")     # a year, or the two-digit year after a slash
ORDINAL_SUFFIX = re.compile(r"(\d)(st|nd|rd|th)\b", re.I)     # '5th' -> '5' before python-dateutil reads it
DATE_MARK = "\x00"           # stands for a date while the rest of the line is read
DATE_SEPARATOR = DATE_MARK + "|" + DATE_MARK
COLON_LABEL_BEFORE_DATE = re.compile(r"[^\W\d_][^|:–—•·\d\x00]{0,30}?\s*[:：][^\w\x00]*(?=\x00)")


@dataclass(frozen=True)
class FoundDate:
    value: dt.date
    text: str        # the date as printed
    start: int
    end: int
    # a numeric date's order as printed: 'day_first' or 'month_first' when one of its first two numbers is above 12
    # ('25/03/2024', '03/25/2024'), 'either' when each could be the month ('04/12/2024', read day-first); '' for others
    order: str = ""
    month_first: dt.date | None = None     # an 'either' date read month-first (12 April for '04/12/2024')
    calendar: str = ""     # the other calendar it is printed in ('jalali', an era's name, 'shifted': `calendars`), ''
                           # if Gregorian

    def in_order(self, order: str) -> "FoundDate":
        """This date read in the `order` the page's other dates (or its line's clock) show: an 'either' date
        read month-first when `order` is 'month_first', else unchanged."""
        if self.order != "either" or order != "month_first" or self.month_first is None:
            return self
        return replace(self, value=self.month_first, order="month_first")


@dataclass(frozen=True)
class DateReading:
    """What a line's dates say: its publication date, its update date, and what else labels them."""

    published: FoundDate | None    # labelled as the publication date, or not labelled
    modified: FoundDate | None     # labelled as an update ('Updated:', 'Mis à jour le', 'Stand:')
    label: str | None              # what the line holds besides dates, times, time zones and date labels
    dates: tuple[FoundDate, ...]
    rest: str                      # the line with all of those replaced by separators

    @property
    def first(self) -> FoundDate:
        return self.published or self.modified


def _plausible(value: dt.date) -> dt.date | None:
    return value if 1900 <= value.year <= dt.date.today().year + 1 else None


@lru_cache(maxsize=65536)
def _parse_english(text: str, style: str) -> dt.date | None:
    try:
        parsed = date_parser.parse(text, dayfirst=style in ("numeric", "dmy"), yearfirst=False, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return _plausible(parsed.date())


@lru_cache(maxsize=16384)
def _parse_words(day: str, month: str, year: str, languages: tuple[str, ...]) -> dt.date | None:
    """'5', 'марта', '2024' in one of `languages` -> a date, by dateparser (absolute dates only)."""
    import dateparser  # slow to import and to call: only here, for month names python-dateutil cannot read

    settings = {"PARSERS": ["custom-formats", "absolute-time"], "STRICT_PARSING": True, "DATE_ORDER": "DMY",
                "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(f"{day} {month} {year}", languages=list(languages), settings=settings)
    return _plausible(parsed.date()) if parsed else None


def _impossible(m: re.Match) -> bool:
    """Whether a span shaped like a date (`d`: its day, or for numeric dates the day or month printed first;
    `y`: its year) is no plausible date however it is read: its year is after next year (`_plausible`
    refuses it, and the parsers take the year printed, the span's only four-digit number) or `d` is 0 or
    above 31 (no day, and no month either). `tests/test_speed_extract.py` checks each shape against the
    parsers: they read none of these spans as a plausible date."""
    day = int(m["d"])
    return day == 0 or day > 31 or int(m["y"]) > dt.date.today().year + 1


def _read(style: str, m: re.Match, languages: tuple[str, ...]) -> dt.date | None:
    text = m.group(0)
    try:
        if style == "iso":
            return _plausible(dt.date.fromisoformat(text[:10]))
        if style == "ymd":
            return _plausible(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
    except ValueError:
        return None
    if _impossible(m):
        return None   # the parsers' answer, without asking them (dateparser's import and first call: 0.1 CPU s)
    if style in ("words", "year_first", "joined"):
        month = m["m"].rstrip(".")
        if ENGLISH_MONTH.match(month):
            # a month name spelled as in English ('12. April 2024', '12. august 2024' in German or Norwegian, whose
            # day carries a dot the English patterns do not take): the same month in every language that spells it
            # so, read by python-dateutil
            return _parse_english(f"{m['d']} {month} {m['y']}", "dmy")
        return _parse_words(m["d"], month, m["y"], languages)
    return _parse_english(ORDINAL_SUFFIX.sub(r"\1", text), style)


def find_dates(line: str, languages: tuple[str, ...] = ("en",), calendars: CalendarCues | None = None) -> list[FoundDate]:
    """Every date printed in the line, in order, none overlapping another (offsets index `line`): Gregorian dates,
    then those of the `calendars` of the page's language, as Gregorian dates."""
    text = line if line.isascii() else line.translate(DIGITS)   # one character for one: offsets hold
    printed = text
    if calendars is not None and calendars.shifted_years:
        text = calendars.unshifted(text)        # '12 เม.ย. 2567' -> '12 เม.ย. 2024': the same length
    other = calendars is not None and not line.isascii() and calendars.may_print(text)
    if not other and not HAS_YEAR.search(text):
        return []
    hits: list[FoundDate] = []
    for start, end, value, calendar in calendars.dates(text) if other else ():
        if _plausible(value) and not any(h.start < end and start < h.end for h in hits):
            hits.append(FoundDate(value, line[start:end], start, end, calendar=calendar))
    for style, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            value = _read(style, m, languages)
            if value is not None:
                order, month_first = _numeric_order(m.group(0), value) if style == "numeric" else ("", None)
                shifted = "shifted" if printed[m.start() : m.end()] != m.group(0) else ""
                hits.append(FoundDate(value, line[m.start() : m.end()], m.start(), m.end(), order, month_first, shifted))
    return sorted(hits, key=lambda h: h.start)


def _numeric_order(text: str, value: dt.date) -> tuple[str, dt.date | None]:
    """(order, month-first reading) of a numeric date read day-first as `value` (see `FoundDate`). Dates
    joined by dots ('04.12.2024') are day-first wherever they are printed: only slashes and hyphens may be
    month-first."""
    first, second = (int(n) for n in NUMERIC_PARTS.findall(text)[:2])
    if first > 12 or second > 12:
        return ("day_first" if first > 12 else "month_first"), None
    if first == second or "." in text:
        return "", None
    try:
        return "either", value.replace(month=first, day=second)
    except ValueError:
        return "", None


def page_order(dates: Iterable[FoundDate | None]) -> str:
    """The order of a page's numeric dates: 'month_first' when those whose order is certain ('03/25/2024', or
    read month-first from their line's clock) are all month-first, else '' (day-first, the default)."""
    orders = {d.order for d in dates if d is not None} & {"day_first", "month_first"}
    return "month_first" if orders == {"month_first"} else ""


def find_date(line: str, languages: tuple[str, ...] = ("en",)) -> FoundDate | None:
    """The first date printed in the line."""
    found = find_dates(line, languages)
    return found[0] if found else None


def read_dates(line: str, cues: LineCues) -> DateReading | None:
    """The dates of a line and their labels; None when it prints no date.

    The text before each date (back to the previous date) ends with its label, if any: a publication
    label ('Published:', 'Publié le') or an update label ('Updated:', 'Aktualisiert am') says which date
    it is; another word followed by a colon ('Stand:') labels it without saying; an unlabelled date is the
    publication date. `rest` is the line without the dates, their labels, times, time zones and date
    words, its parts joined by separators; `label` whatever it still holds (a rubric such as 'EDITOR'S CHOICE', a name,
    an outlet), None when the line is only dates and their labels.
    """
    found = find_dates(line, cues.dateparser_languages, cues.calendars)
    if not found:
        return None
    if any(f.order == "either" for f in found) and cues.month_first_marks.search(line) \
            and not cues.day_first_marks.search(line):
        found = [f.in_order("month_first") for f in found]    # '04/12/2024 03:45 PM ET': a US clock, month first
    published = modified = None
    pieces, previous = [], 0
    for f in found:
        before = line[previous : f.start]
        label = _label_before(before, cues)
        kind = cues.label_kind.get(label) if label is not None else None
        if kind == "updated":
            modified = _preferred(modified, f)
        else:
            published = _preferred(published, f)
        pieces.append(before)
        previous = f.end
    pieces.append(line[previous:])
    # a date printed between two parts of a line separates them ('By Jane Roe <date> Example Programme'): both
    # keep its mark, so each loses the labels and times beside it
    kept = [k for part in SEPARATORS.split(DATE_SEPARATOR.join(pieces)) if (k := _kept_part(part, cues))]
    rest = " | ".join(kept)
    label = " ".join(kept) or None
    return DateReading(published, modified, label, tuple(found), rest)


def _preferred(chosen: FoundDate | None, other: FoundDate) -> FoundDate:
    """The line's first date of a kind, except that a Gregorian date wins over another calendar's printed before it
    ('3 شوال 1445 هـ - 12 أبريل 2024 م'): the same day, read without a conversion."""
    return other if chosen is None or (chosen.calendar and not other.calendar) else chosen


class TextMemo:
    """A pure function of a text and the few compiled cues it reads, remembered per (text, those patterns):
    the text before a date ('By Jane Roe | Example News | ') and the parts of date lines ('Posted by', an
    outlet's name, a date's mark with its label) recur across pages while the dates do not, and a date
    line's labels cost a dozen regular-expression passes (case-insensitive word alternations, which `re`
    cannot prefilter). Keyed by the patterns' source and flags (two `LineCues` compiled from the same words
    give the same answer; hashing a compiled pattern would hash its whole program on every call); at most
    MEMO_TEXTS entries, then forgotten at once (as `Classifier` forgets lines). `cache_info`/`cache_clear`
    as functools' caches have them (the benchmarks empty such caches between runs)."""

    def __init__(self, compute, patterns):
        self.compute = compute          # (text, cues) -> answer
        self.patterns = patterns        # cues -> the patterns `compute` reads
        self.answers: dict[tuple, object] = {}
        self.hits = self.misses = 0

    def __call__(self, text: str, cues: LineCues):
        key = (text, *((p.pattern, p.flags) for p in self.patterns(cues)))
        try:
            answer = self.answers[key]
        except KeyError:
            self.misses += 1
            if len(self.answers) >= MEMO_TEXTS:
                self.answers.clear()
            answer = self.answers[key] = self.compute(text, cues)
            return answer
        self.hits += 1
        return answer

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self.hits, self.misses, MEMO_TEXTS, len(self.answers))

    def cache_clear(self) -> None:
        self.answers.clear()
        self.hits = self.misses = 0


MEMO_TEXTS = 10_000     # per memo: about 300 bytes an entry (key, text, answer), 3 MB at most
CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")


def _date_label(before: str, cues: LineCues) -> str | None:
    """The date label ending `before` (the text before a date), case-folded, its spaces single; None if none."""
    plain = ZONE_OFFSET.sub(" ", TIME.sub(" ", before))
    m = cues.date_label.search(plain) or cues.date_label.search(cues.date_words.sub(" ", plain))
    return " ".join(m["label"].casefold().split()) if m else None


def _kept_of_part(part: str, cues: LineCues) -> str | None:
    """What a part of a date line (between separators) keeps: a part holding a date or a time loses its labels,
    times and date words; a part of those alone goes (None); a reading time alone goes; any other part stays as
    printed (a name is never cut by a date word in it)."""
    dated = DATE_MARK in part or TIME.search(part) is not None
    cleaned = COLON_LABEL_BEFORE_DATE.sub(" ", part) if dated else part
    cleaned = cues.date_noise.sub(" ", ZONE_OFFSET.sub(" ", TIME.sub(" ", cleaned.replace(DATE_MARK, " "))))
    cleaned = " ".join(cleaned.split()).strip(EDGE_PUNCTUATION)
    if cleaned and (dated or not cues.reading_time.fullmatch(part.strip(EDGE_PUNCTUATION))):     # names nothing
        return cleaned if dated else part.strip(EDGE_PUNCTUATION)
    return None


_label_before = TextMemo(_date_label, lambda cues: (cues.date_label, cues.date_words))
_kept_part = TextMemo(_kept_of_part, lambda cues: (cues.date_noise, cues.reading_time))
