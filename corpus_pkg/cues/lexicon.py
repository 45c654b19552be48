"""A language's function words (profile data, `profiles/languages.toml`) compiled into the patterns the
line cues use: byline prefixes, suffixes, joiners and role words, date labels, date words, ad, read-more and re-post
labels, staff credits and reading times, opening datelines, and the language's own calendar."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..profiles import LanguageCues
from .text import UNSPACED, comparison_key

LETTER_BEFORE = r"(?<![^\W\d_])"      # not preceded by a letter (digits and punctuation may touch a word)
LETTER_AFTER = r"(?![^\W\d_])"
# languages dateparser reads month names of (its locale data); the others are read as English
DATEPARSER_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "ar", "fa", "tr", "zh", "ja",
                                  "pl", "cs", "sv", "da", "nb", "fi", "ro", "hu", "el", "he", "id", "ca", "bg", "sr",
                                  "hr", "sk", "sl", "vi", "th", "ko", "hi", "bn", "ur", "ms", "lt", "lv", "et"})


def word_pattern(words: list[str]) -> str:
    """An alternation of the words, longest first, each a whole word: no letter may touch it, except
    where the word itself is written in a script without spaces (Chinese '记者张三'). Words sharing their
    boundaries share one lookaround, so the engine rejects most positions at once."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True):
        left = not UNSPACED.match(word[0])
        right = not UNSPACED.match(word[-1]) and word[-1].isalnum()
        groups.setdefault((left, right), []).append(re.escape(word).replace(r"\ ", r"\s+"))
    parts = [(LETTER_BEFORE if left else "") + "(?:" + "|".join(alternatives) + ")" + (LETTER_AFTER if right else "")
             for (left, right), alternatives in groups.items()]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def label_key(text: str) -> str:
    """A label as compared: case, spacing and the punctuation around it ignored ('PUBLICIDAD:' = 'publicidad')."""
    return " ".join(text.casefold().split()).strip(" .:!·|-–—•[]()*_")


def photo_label(text: str) -> str:
    """A line's opening as photo credit labels are compared: case-folded, a space before a colon closed up
    ('Crédit photo : AFP' -> 'crédit photo: afp', as French prints its colon)."""
    return text.casefold().replace(" :", ":")


class BylinePrefix:
    """The byline prefixes of a page's languages, matched at a line's start (`match`, as a compiled pattern is).

    A prefix that is one lower-case word of the data ('by', 'de', 'di', 'von', 'par', 'por', 'av', 'door') is also a
    preposition or a name's particle: it opens a byline only when a name follows it (a capital letter, or a letter
    of a script without case, after the separator; marks aside: 'By **Jane Roe**', 'By | Jane Roe'), or when it is
    printed alone ('By'). The separator is a colon, a full stop, a slash ('文／张三'), a dash between spaces ('كتب - أحمد علي') or spaces. 'de Ioana Popescu' is a byline; 'De la Bruxelles ...', 'Von der Leyen ...', 'de 2023 ...'
    are not."""

    def __init__(self, words: list[str]):
        self.pattern = re.compile(rf"^(?P<prefix>{word_pattern(words)})(?:\s*[:：.／/]\s*|\s+[-–—]\s+|\s+|(?=\S))", re.I)
        self.bare_words = frozenset(w.strip().casefold() for w in words
                                    if w.strip().isalpha() and w.strip().islower())

    def match(self, text: str) -> re.Match | None:
        """The prefix opening `text` with its separator, or None (see the class)."""
        m = self.pattern.match(text)
        if m is None or m["prefix"].casefold() not in self.bare_words:
            return m
        first = next((ch for ch in text[m.end():] if ch.isalnum()), "")     # marks and separators aside
        return m if not first or first.isupper() or first.isalpha() and not first.islower() else None


#: A year as printed: four digits standing alone.
PRINTED_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
FIRST_YEAR, LAST_YEAR = 1900, 2099      # the Common Era years a date in another era is read as (dates.YEAR)


@dataclass(frozen=True)
class Calendar:
    """A language's own ways of printing a date that the date parsers do not read (profile data: `year_offset`,
    `year_words`, `month_names`): years counted in another era, this many years after the Common Era's (the Thai
    Buddhist era prints 2567 for 2024: `year_offset` 543); the words printed before a year (the era's 'พ.ศ.',
    Vietnamese 'năm'); and month names that the parsers' locale data lacks (the Levantine 'آذار', Thai
    abbreviations 'มี.ค.', Vietnamese 'tháng 3'), each with its number."""

    year_offset: int = 0
    year_words: re.Pattern | None = None
    month_numbers: dict[str, int] | None = None       # casefolded name, its spaces single -> 1..12
    month_names: re.Pattern | None = None             # any of them, a whole word

    def common_era(self, text: str) -> str:
        """`text` with its era's years as Common Era years and its year words blanked, one character for one (a
        found date's offsets index the printed line): '5 มีนาคม พ.ศ. 2567' -> '5 มีนาคม      2024', '5 tháng 3 năm
        2024' -> '5 tháng 3     2024'. A four-digit number that is no year of the era (before 1900 or after 2099
        once converted) stays."""
        if self.year_words is not None:
            text = self.year_words.sub(lambda m: " " * len(m.group(0)), text)
        return PRINTED_YEAR.sub(self._year, text) if self.year_offset else text

    def _year(self, m: re.Match) -> str:
        year = int(m.group(0)) - self.year_offset
        return str(year) if FIRST_YEAR <= year <= LAST_YEAR else m.group(0)

    def year(self, printed: str) -> int:
        """The Common Era year of a year printed after one of the language's month names: four digits as printed
        (`common_era` converted an era's already), two digits the era's year of the latest century that does not
        put it after next year ('5 มี.ค. 67': 2567 of the Buddhist era, 2024)."""
        if len(printed) != 2:
            return int(printed)
        latest = dt.date.today().year + 1 + self.year_offset
        year = latest // 100 * 100 + int(printed)
        return (year if year <= latest else year - 100) - self.year_offset

    def month(self, name: str) -> int | None:
        """The number of a month name of the language's own list (case and spacing ignored), else None."""
        return (self.month_numbers or {}).get(" ".join(name.casefold().split()))


def _calendar(words: LanguageCues) -> Calendar | None:
    if not words.year_offset and not words.month_names and not words.year_words:
        return None
    months = {" ".join(name.casefold().split()): number for name, number in words.month_names.items()}
    year_words = rf"{word_pattern(words.year_words)}(?=\s*\d)"     # (only before a year: 'năm' is also 'five')
    return Calendar(year_offset=words.year_offset or 0,
                    year_words=re.compile(year_words, re.I) if words.year_words else None,
                    month_numbers=months or None,
                    month_names=re.compile(word_pattern(list(months)), re.I) if months else None)


@dataclass(frozen=True)
class LineCues:
    """The compiled words of the languages that apply to one page."""

    language: str | None
    byline_prefix: BylinePrefix      # at the start of a line, with what separates it from the names
    byline_suffix: re.Pattern        # at the end: the suffix (group 'suffix') and the token it closes ('token')
    role_word: re.Pattern            # a job title's word in a byline ('Staff Writer', 'Senior Correspondent')
    joiners: re.Pattern              # splits a list of names
    date_label: re.Pattern           # a date label ending the text before a date
    label_kind: dict[str, str]       # casefolded label -> 'published' | 'updated'
    date_noise: re.Pattern           # labels and date words: what a date line holds besides dates and times
    date_words: re.Pattern           # date words alone (connectors, time zones, the hour word)
    ad_labels: frozenset[str]        # label_key of each
    staff_credits: frozenset[str]    # label_key of each ('Staff and agencies', 'Redacción')
    staff_first_words: frozenset[str]    # their first words: a line opening with none is no staff credit
    read_more: re.Pattern            # 'Read more: <headline>'
    continuation: frozenset[str]     # label_key of each continuation marker ('Leggi tutto', 'Lire la suite')
    continuation_end: re.Pattern     # one ending a paragraph after a sentence's end, an ellipsis or a bracket
                                     # ('Les habitants restent sceptiques. Lire la suite', '… Leggi tutto »')
    photo_credit_labels: tuple[str, ...]     # case-folded, the colon closed up ('crédit photo:', 'photo by')
    photo_credit_chars: int          # a line's first so many characters hold its photo credit label, if any
    repost_labels: frozenset[str]    # comparison keys
    reading_time: re.Pattern         # a whole part that is an article's reading time ('5 min read', 'Lesezeit: 4 Min.')
    relative_time: re.Pattern        # a time relative to now ending a part ('1 day ago', '8h', 'vor 2 Stunden')
    dateparser_languages: tuple[str, ...]
    calendar: Calendar | None = None     # the language's own era and month names, when it has any
    datelines: tuple[re.Pattern, ...] = ()   # opening datelines (cues/datelines.py)
    names_without_spaces: bool = False       # a space between names of a script without case separates persons
    name_words: frozenset[str] = frozenset()     # names that English writes as function words ('An'), casefolded
    signature_under_text: bool = False           # a name alone under the text signs it

    def is_repost_label(self, label: str | None) -> bool:
        return bool(label) and comparison_key(label) in self.repost_labels


@lru_cache(maxsize=256)
def _compile(words_json: str, language: str | None) -> LineCues:
    words = LanguageCues.model_validate_json(words_json)
    labels = words.published_labels + words.updated_labels
    kind = {w.casefold(): "published" for w in words.published_labels}
    kind.update({w.casefold(): "updated" for w in words.updated_labels})
    joiners = [j for j in words.joiners if not j.isalpha()]
    joiner_words = [j for j in words.joiners if j.isalpha()]
    joiner = "|".join([re.escape(j) for j in joiners] + [rf"\s{word_pattern([w])}\s" for w in joiner_words])
    languages = tuple(code for code in dict.fromkeys([language or "en", "en"]) if code in DATEPARSER_LANGUAGES)
    staff_credits = [key for key in map(label_key, words.staff_credits) if key]
    photo_labels = tuple(dict.fromkeys(photo_label(w) for w in words.photo_credit_labels if w.strip()))
    return LineCues(
        language=language,
        byline_prefix=BylinePrefix(words.byline_prefixes),
        role_word=re.compile(word_pattern(words.role_words), re.I),
        byline_suffix=re.compile(rf"(?P<token>[^\s／/|]*?)(?P<suffix>{word_pattern(words.byline_suffixes)})[\s=]*$", re.I),
        joiners=re.compile(rf"\s*(?:{joiner or '(?!)'})\s*", re.I),
        date_label=re.compile(rf"(?P<label>{word_pattern(labels)})[\W_]*$", re.I),
        label_kind=kind,
        date_noise=re.compile(word_pattern(labels + words.date_words), re.I),
        date_words=re.compile(word_pattern(words.date_words), re.I),
        ad_labels=frozenset(label_key(w) for w in words.ad_labels),
        staff_credits=frozenset(staff_credits),
        staff_first_words=frozenset(key.split()[0] for key in staff_credits),
        read_more=re.compile(rf"^{word_pattern(words.read_more_labels)}\s*[:：»>→]\s*(?P<rest>\S.{{2,200}})$", re.I),
        continuation=frozenset(label_key(w) for w in words.continuation),
        continuation_end=re.compile(rf"(?:(?:…|\.\.\.)\s*[\[(]?|[\[(]|(?<=[.!?。！？\"”’])\s+)\s*"
                                    rf"{word_pattern(words.continuation)}\s*[\])]?[\s.»›>→…]*$", re.I),
        photo_credit_labels=photo_labels,
        photo_credit_chars=max(map(len, photo_labels), default=0) + 1,     # (+1: 'Crédit photo : AFP')
        repost_labels=frozenset(comparison_key(w) for w in words.repost_labels),
        reading_time=_reading_time(words),
        relative_time=_relative_time(words),
        dateparser_languages=languages,
        calendar=_calendar(words),
        datelines=tuple(re.compile(p) for p in words.datelines),
        names_without_spaces=bool(words.names_without_spaces),
        name_words=frozenset(w.casefold() for w in words.name_words),
        signature_under_text=bool(words.signature_under_text),
    )


def _reading_time(words: LanguageCues) -> re.Pattern:
    """A number of minutes with a reading-time word, before or after it: '5 min read', '4-minute read', 'Reading
    time: 3 minutes', 'Lesezeit: 4 Min.', '3 minutes de lecture', '5 минут чтения'. Without a reading-time
    word a number of minutes names nothing this pattern can vouch for (a video's length), so it needs one."""
    if not words.reading_time_words or not words.minute_words:
        return re.compile("(?!)")
    reading, minutes = word_pattern(words.reading_time_words), word_pattern(words.minute_words)
    return re.compile(rf"(?:{reading}\s*[:：]?\s*\d+\s*{minutes}|\d+\s*[-‑]?\s*{minutes}\.?\s*{reading})\.?", re.I)


def _relative_time(words: LanguageCues) -> re.Pattern:
    """A number of time units relative to now at the end of a text, with the language's 'ago' word before or after
    it or none: '1 day ago', '8h', 'vor 2 Stunden', 'il y a 3 heures'. Searched for; what precedes it stays."""
    if not words.time_units:
        return re.compile("(?!)")
    ago = word_pattern(words.time_ago_words)
    return re.compile(rf"(?:^|(?<=\s))(?:{ago}\s+)?\d+\s*{word_pattern(words.time_units)}(?:\s+{ago})?\s*$", re.I)


def compile_cues(words: LanguageCues, language: str | None) -> LineCues:
    """The patterns for a page in `language` (cached: one compilation per language and word list)."""
    return _compile(words.model_dump_json(), language)
