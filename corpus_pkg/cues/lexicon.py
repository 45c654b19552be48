"""A language's function words (profile data, `profiles/languages.toml`) compiled into the patterns the
line cues use: byline prefixes, suffixes, joiners and role words, date labels, date words, ad, read-more and re-post
labels, staff credits and reading times, opening datelines, and the dates of its other calendars."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..profiles import LanguageCues
from .calendars import CalendarCues
from .text import comparison_key, word_pattern

# languages dateparser reads month names of (its locale data); the others are read as English
DATEPARSER_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "ar", "fa", "tr", "zh", "ja",
                                  "pl", "cs", "sv", "da", "nb", "fi", "ro", "hu", "el", "he", "id", "ca", "bg", "sr",
                                  "hr", "sk", "sl", "vi", "th", "ko", "hi", "bn", "ur", "ms", "lt", "lv", "et", "nn"})
# a page's language code (py3langid's) -> dateparser's, where they differ: Norwegian is Bokmål to dateparser
DATEPARSER_CODES = {"no": "nb"}


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


OPENING_MARKS = "\"'“”‘’«»()[]*•·■►▶>|:.,!?¿¡-–—"     # marks around a line's first word


FIRST_WORD_CHARS = 40       # a phrase's first word is shorter: only a line's start is split (not a paragraph)


def first_word_key(text: str) -> str:
    """A line's first word as the screen of `Openings` compares it: case-folded, the marks around it stripped."""
    head = text[:FIRST_WORD_CHARS].split(None, 1)
    return head[0].casefold().strip(OPENING_MARKS) if head else ""


class Openings:
    """Phrases of the language data that open a line ('Get the latest updates', 'Your name *'), matched at the line's
    start (marks before the phrase aside) as whole words, case ignored. A line whose first word opens no phrase is
    rejected by one set lookup, before any pattern is tried: most lines are paragraphs that open with none.
    `then`: what must follow the phrase (a pattern; then it decides whether a letter may touch the phrase's last
    word); by default no letter may touch it."""

    def __init__(self, phrases: list[str], then: str = ""):
        phrases = [p.strip() for p in phrases if p.strip()]
        self.first_words = frozenset(first_word_key(p) for p in phrases)
        self.pattern = re.compile(rf"[\W_]*{word_pattern(phrases, open_end=bool(then))}{then}", re.I)

    def match(self, text: str, first: str | None = None) -> re.Match | None:
        """The phrase opening `text` (with the marks before it), or None. `first`: the line's `first_word_key`, when
        the caller asks several `Openings` of one line."""
        if (first_word_key(text) if first is None else first) not in self.first_words:
            return None
        return self.pattern.match(text)


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
    paywall_prompt: re.Pattern       # a paywall's prompt opening a line ('Subscribe to read ...') or alone ('Abonnez-vous')
    subscriber_labels: frozenset[str]    # label_key of each ('Article réservé aux abonnés', 'Subscriber only')
    repost_labels: frozenset[str]    # comparison keys
    reading_time: re.Pattern         # a whole part that is an article's reading time ('5 min read', 'Lesezeit: 4 Min.')
    relative_time: re.Pattern        # a time relative to now ending a part ('1 day ago', '8h', 'vor 2 Stunden')
    call_to_action: Openings         # 'Get the latest updates right in your inbox ...', 'Support our journalism'
    comment_form: Openings           # 'Your name *', 'Allowed HTML tags: ...'
    dateparser_languages: tuple[str, ...]
    month_first_marks: re.Pattern    # a clock or time zone of month-first numeric dates ('3:45 PM', 'ET'), as printed
    day_first_marks: re.Pattern      # a time zone of day-first numeric dates printed beside a 12-hour clock ('IST')
    calendars: CalendarCues          # dates the date parsers do not read: other calendars, eras, own month names
    datelines: tuple[re.Pattern, ...] = ()   # opening datelines (cues/datelines.py)
    names_without_spaces: bool = False       # a space between names of a script without case separates persons
    name_words: frozenset[str] = frozenset()     # names that English writes as function words ('An'), casefolded
    signature_under_text: bool = False           # a name alone under the text signs it

    def is_repost_label(self, label: str | None) -> bool:
        return bool(label) and comparison_key(label) in self.repost_labels


def _paywall_prompt(prompts: list[str]) -> re.Pattern:
    """A line (matched from its start) that opens with a paywall's prompt of several words ('Subscribe to read the
    full story') or is a one-word prompt alone ('Abonnez-vous'): one word opens other lines too ('Abonnez-vous à
    notre newsletter')."""
    several = [p for p in prompts if len(p.split()) > 1]
    single = [p for p in prompts if len(p.split()) == 1]
    return re.compile(rf"[\W_]*(?:{word_pattern(several)}|{word_pattern(single)}[\W_]*$)", re.I)


@lru_cache(maxsize=256)
def _compile(words_json: str, language: str | None) -> LineCues:
    words = LanguageCues.model_validate_json(words_json)
    labels = words.published_labels + words.updated_labels
    kind = {w.casefold(): "published" for w in words.published_labels}
    kind.update({w.casefold(): "updated" for w in words.updated_labels})
    joiners = [j for j in words.joiners if not j.isalpha()]
    joiner_words = [j for j in words.joiners if j.isalpha()]
    joiner = "|".join([re.escape(j) for j in joiners] + [rf"\s{word_pattern([w])}\s" for w in joiner_words])
    own = DATEPARSER_CODES.get(language or "en", language or "en")
    languages = tuple(code for code in dict.fromkeys([own, "en"]) if code in DATEPARSER_LANGUAGES)
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
        paywall_prompt=_paywall_prompt(words.paywall_prompts),
        subscriber_labels=frozenset(label_key(w) for w in words.subscriber_labels),
        repost_labels=frozenset(comparison_key(w) for w in words.repost_labels),
        reading_time=_reading_time(words),
        relative_time=_relative_time(words),
        call_to_action=Openings(words.call_to_action),
        comment_form=Openings(words.comment_form),
        dateparser_languages=languages,
        month_first_marks=re.compile(word_pattern(words.month_first_marks)),    # case as printed: 'ET', not 'et'
        day_first_marks=re.compile(word_pattern(words.day_first_marks)),
        calendars=CalendarCues.of(words.era_years, words.calendars, words.shifted_years, words.year_words,
                                  words.month_names),
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
