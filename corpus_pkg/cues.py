"""What one printed line says on its own: a date, a byline, a person's name, a URL, a heading or prose.

Pure functions over a single stripped line; the segmenter combines these cues with the line's
neighbours. Finding a date inside a line is a regex's job; reading the date is python-dateutil's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from dateutil import parser as date_parser

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
DATE_PATTERNS = [
    ("mdy", re.compile(rf"\b{WEEKDAY}{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.I)),
    ("dmy", re.compile(rf"\b{WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?:19|20)\d\d\b", re.I)),
    ("iso", re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")),
    ("numeric", re.compile(r"\b[0-3]?\d[./-][01]?\d[./-](?:19|20)\d\d\b")),
]
TIME = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*(?:gmt|utc|[a-z]{2,4}t))?\b", re.I)
SEPARATORS = re.compile(r"\s*(?:\||\s[–—-]\s|\s[–—]|[–—]\s|•|·)\s*")
URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
DOMAIN = re.compile(r"(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|info|news|press|ir|ru|uk|co|us|in|io|tv|su|de|fr|eu|lb|cn|me)\b", re.I)
# Function words that do not occur in personal names: 'First Story About The Pipeline' is a title.
NON_NAME_WORDS = {"a", "an", "the", "of", "and", "or", "about", "in", "on", "at", "to", "for", "from", "with", "by",
                  "after", "before", "over", "under", "is", "are", "was", "were", "be", "has", "have", "not", "no",
                  "new", "how", "why", "what", "who", "when", "where", "this", "that", "its", "it", "as", "into",
                  "against", "amid", "says", "said", "will", "can", "more", "us", "we", "our", "your", "my"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "st.", "ó", "o'", "mac", "y", "abu", "ben"}
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]{1,2}\.?$|^(?:[A-Z]\.)+[A-Z]\.?$")
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}[\"”’')\]]*$|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Co|Inc|Ltd|vs|etc)\.$")
BIO = re.compile(r"^(?P<name>[^,;:()]{3,60}?) (?:is|was|has been|writes|served) (?:a|an|the|for|as|from|on|in|based|currently|formerly|previously|co-?founder|editor|author)\b")


def normalise_space(text: str) -> str:
    """No-break and other Unicode spaces become one ordinary space; ends trimmed."""
    # str.split() splits on exactly the characters a regex `\s` matches (str.isspace), and is several times faster
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def comparison_key(text: str) -> str:
    """A loose key for 'is this the same heading': case, quotes, dashes and spacing ignored."""
    text = normalise_space(text).casefold()
    text = re.sub(r"[\"'“”‘’«»`´]", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


MARKUP = re.compile(r"^#{1,6}\s+|^[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}$")


def without_markup(text: str) -> str:
    """'# Title' -> 'Title', '*By X*' -> 'By X': markdown-style markup some renderers leave."""
    if not text.startswith(("#", "*", "_")) and not text.rstrip("\n").endswith(("*", "_")):
        return text.strip()  # MARKUP needs markup at one end; searching every line for it is costly
    return MARKUP.sub("", text).strip()


def is_standfirst(text: str) -> bool:
    """A long sentence-case heading ('Villagers say the supply has still not arrived'): a dek, not a headline."""
    tokens = [t for t in text.split() if t[:1].isalpha()]
    if len(tokens) < 8:
        return False
    capitalised = sum(1 for t in tokens[1:] if t[0].isupper() and len(t) > 3)
    return capitalised <= 0.2 * (len(tokens) - 1)


# ------------------------------------------------------------------------------------------------
# dates


@dataclass(frozen=True)
class FoundDate:
    value: dt.date
    text: str        # the date as printed
    start: int
    end: int


@lru_cache(maxsize=65536)
def _parse_date(text: str, style: str) -> dt.date | None:
    try:
        parsed = date_parser.parse(text, dayfirst=style in ("numeric", "dmy"), yearfirst=style == "iso", fuzzy=False)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= parsed.year <= dt.date.today().year + 1:
        return None
    return parsed.date()


def find_date(line: str) -> FoundDate | None:
    """The first date printed in the line (month names or numeric; numeric dates read day-first)."""
    hits = []
    for style, pattern in DATE_PATTERNS:
        for m in pattern.finditer(line):
            value = _parse_date(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", m.group(0), flags=re.I), style)
            if value is not None:
                hits.append(FoundDate(value, m.group(0), m.start(), m.end()))
                break
    return min(hits, key=lambda h: h.start) if hits else None


def strip_date(line: str, found: FoundDate) -> str:
    """The line without the date, a time of day and separators: what labels the date."""
    rest = line[: found.start] + " " + line[found.end :]
    rest = TIME.sub(" ", rest)
    return SEPARATORS.sub(" ", rest).strip(" ,;:|–—-•·\u00a0")


# ------------------------------------------------------------------------------------------------
# names and bylines


def looks_like_person(text: str, organisation_words: frozenset[str]) -> bool:
    """Two to five capitalised words or initials, no organisation word: 'M. K. BHADRAKUMAR', 'Eric Schmitt'."""
    tokens = text.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or tokens[0].casefold() == "the":
        return False
    name_tokens = 0
    for token in tokens:
        folded = token.casefold().strip(".")
        if folded in organisation_words or folded in NON_NAME_WORDS or any(ch.isdigit() for ch in token) or token.endswith(("'s", "’s", "’S", "'S")):
            return False
        if folded in NAME_PARTICLES or token.casefold() in NAME_PARTICLES:
            continue
        if INITIALS.match(token) or NAME_WORD.match(token):
            name_tokens += 1
            continue
        return False
    return name_tokens >= 2


def normalise_person(name: str) -> str:
    """Capitalisation normalised ('Patrick COCKBURN' -> 'Patrick Cockburn'); initials and particles kept."""
    out = []
    for token in normalise_space(name).strip(" ,;").split():
        if INITIALS.match(token) or not token.isupper() or len(token) <= 2:
            out.append(token)
        else:
            out.append(re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: m.group(0).capitalize(), token.lower()))
    return " ".join(out)


def normalise_outlet_case(name: str) -> str:
    name = normalise_space(name).strip(" ,;:")
    if name.isupper() and len(name) > 4:
        return " ".join(w if len(w) <= 3 else w.capitalize() for w in name.lower().split()).replace(" Tv", " TV")
    return name


def split_person_list(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|&|\band\b|\bAND\b)\s*", text)
    return [p for p in (normalise_space(p) for p in parts) if p]


@dataclass
class Byline:
    text: str
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: FoundDate | None = None


def parse_byline(line: str, organisation_words: frozenset[str], known_outlets: frozenset[str],
                 outlet_key) -> Byline | None:
    """Read 'By X | Outlet | Date', 'X – Outlet – dd.mm.yyyy', 'X — Outlet Date', 'Outlet | Date'.

    Returns None unless the line is a byline: a 'By' line naming persons, or a person/outlet
    together with a date or another of the two.
    """
    text = normalise_space(line)
    if not text or len(text.split()) > 16 or URL.search(text):
        return None
    by = re.match(r"^(?:(?:written|words|reported|story|text|report|analysis|opinion)\s+)?by\s+", text, re.I)
    has_by = by is not None
    body = text[by.end():].rstrip(" ,;") if by else text
    parts = [p for p in SEPARATORS.split(body) if p and p.strip(" ,;")]
    authors: list[str] = []
    outlet = None
    date = None
    for index, part in enumerate(parts):
        part = part.strip(" ,;")
        found = find_date(part)
        if found is not None:
            if date is not None:
                return None
            date = FoundDate(found.value, found.text, found.start, found.end)
            part = strip_date(part, found)
            if not part:
                continue
        part = TIME.sub("", part).strip(" ,;")
        if not part:
            continue
        located = re.fullmatch(r"(.+?)\s+in\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})", part)
        if located and index == 0 and looks_like_person(located.group(1), organisation_words):
            part = located.group(1)  # 'Maria Okafor in Lagos': the dateline place is not a name
            has_by = True
        people = split_person_list(part)
        if has_by and index == 0 and len(people) > 1 and not authors:
            # 'By Jane Smith, Reuters': persons first, then perhaps the outlet
            persons = [p for p in people if looks_like_person(p, organisation_words)]
            rest = [p for p in people if p not in persons]
            if persons and people[: len(persons)] == persons and len(rest) <= 1:
                authors = [normalise_person(p) for p in persons]
                if rest and (outlet_key(rest[0]) in known_outlets or looks_like_organisation(rest[0], organisation_words)):
                    outlet = normalise_outlet_case(rest[0])
                elif rest:
                    return None
                continue
        is_known_outlet = outlet_key(part) in known_outlets
        if not is_known_outlet and people and all(looks_like_person(p, organisation_words) for p in people) \
                and not authors and outlet is None and (has_by or index == 0):
            authors = [normalise_person(p) for p in people]
        elif outlet is None and (is_known_outlet or looks_like_organisation(part, organisation_words)):
            outlet = normalise_outlet_case(part)
        elif has_by and index == 0 and people:
            return None  # 'By the way ...' and other prose
        else:
            return None
    signals = bool(authors) + bool(outlet) + bool(date)
    if (has_by and authors) or signals >= 2:
        return Byline(text=text, authors=authors, outlet=outlet, date=date)
    return None


def looks_like_organisation(text: str, organisation_words: frozenset[str]) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or any(t.endswith(("'s", "’s", "’S", "'S")) for t in tokens):
        return False
    if not all(t[0].isupper() or t[0].isdigit() or t.casefold() in NAME_PARTICLES | {"of", "and", "for", "the"}
               for t in tokens):
        return False
    folded = [t.casefold().strip(".,") for t in tokens]
    if folded[0] == "the" and len(tokens) >= 2:
        return True
    if any(f in organisation_words for f in folded):
        return True
    # one capitalised token is a brand ('Sputnik', 'SouthFront', 'RT'); labels such as 'Introduction'
    # never reach here (the classifier reads them as date-line labels first)
    return len(tokens) == 1 and bool(re.fullmatch(r"[A-Z][\w&.-]*[A-Za-z]", text))


# ------------------------------------------------------------------------------------------------
# line shapes


def ends_sentence(text: str) -> bool:
    """Ends like a sentence ('.', '!', '?', '…' with closing quotes), not like 'U.S.' or 'Mr.'."""
    return bool(SENTENCE_END.search(text)) and not ABBREVIATION_END.search(text)


def is_heading_like(text: str) -> bool:
    """Short, capitalised, and not ending like a sentence: a headline, sub-heading, name or label."""
    n = len(text.split())
    if n == 0 or n > 20 or len(text) > 200 or (n >= 6 and text.endswith(":")):
        return False
    first = text.lstrip("\"'“‘«([")[:1]
    if first and not (first.isupper() or first.isdigit()):
        return False
    if text.endswith(("?", "!", "?”", "!”", "?\"", "!\"")):
        return n <= 15 and not re.search(r"[.!?]\s+[A-Z]", text[:-2])
    if text.endswith((",", ";")):
        return False
    return not ends_sentence(text) or n <= 2 and not text.endswith("…")


def is_prose(text: str) -> bool:
    """Running text: a sentence or more."""
    n = len(text.split())
    return n > 20 or (n >= 4 and not is_heading_like(text))


def find_urls(text: str) -> list[str]:
    return [u.rstrip(".,;:") for u in URL.findall(text)]


def bare_domain(text: str) -> str | None:
    """The domain when the whole line is a bare domain ('counterpunch.org')."""
    m = DOMAIN.fullmatch(text.strip().rstrip("/."))
    return m.group(0).lower() if m else None


def url_domain(url: str) -> str:
    return re.sub(r"^https?://", "", url, flags=re.I).split("/")[0].lower().removeprefix("www.")


def bio_name(text: str, organisation_words: frozenset[str]) -> str | None:
    """'Patrick Cockburn is the author of ...' -> 'Patrick Cockburn' (an author bio line)."""
    if len(text.split()) > 70:
        return None
    m = BIO.match(normalise_space(text))
    if m and looks_like_person(m.group("name"), organisation_words):
        return normalise_person(m.group("name"))
    return None
