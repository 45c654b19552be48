"""Persons, outlets and bylines: 'By X | Outlet | Date', 'Par Marie Dupont', 'Автор: Иван Петров', '记者 张三、李四'."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .dates import SEPARATORS, DateReading, FoundDate, read_dates
from .lexicon import LineCues
from .text import URL, content_words, normalise_space, word_count

# Function words that do not occur in personal names: 'First Story About The Pipeline' is a title.
#: A news agency's short name after the author in a byline ('Von Anna Schmidt, dpa', 'By Jo Li, AFP').
AGENCY_TOKEN = re.compile(r"[A-Z]{2,6}|[a-z]{2,5}")
#: One capitalised word: a brand ('Reuters', 'SouthFront') or a place ('Sacramento'), which only a list can tell apart.
CAPITALISED_WORD = re.compile(r"[A-Z][\w&.-]*[A-Za-z]")
#: One word of a person's name in a Latin script: a capital, then letters, apostrophes, dots or hyphens.
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
NON_NAME_WORDS = {"a", "an", "the", "of", "and", "or", "about", "in", "on", "at", "to", "for", "from", "with", "by",
                  "after", "before", "over", "under", "is", "are", "was", "were", "be", "has", "have", "not", "no",
                  "new", "how", "why", "what", "who", "when", "where", "this", "that", "its", "it", "as", "into",
                  "against", "amid", "says", "said", "will", "can", "more", "us", "we", "our", "your", "my"}
OUTLET_FUNCTION_WORDS = {"of", "and", "for", "the"}     # 'The Example Times', 'Voice of the People'
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "st.", "ó", "o'", "mac", "y", "abu", "ben"}
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]{1,2}\.?$|^(?:[A-Z]\.)+[A-Z]\.?$")
NAME_MARKS = "'’.-"
BIO = re.compile(r"^(?P<name>[^,;:()]{3,60}?) (?:is|was|has been|writes|served) (?:a|an|the|for|as|from|on|in|based|currently|formerly|previously|co-?founder|editor|author)\b")
LOCATED = re.compile(r"(.+?)\s+in\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")
ITEM_EDGES = " ,;.:·•|"
#: A social-media handle printed with a name in a byline ('Jane Roe@janeroe', 'By Jane Roe @janeroe'); an e-mail
#: address is none, and a handle in brackets is an embedded post's attribution ('— Jane Roe (@janeroe) 3 May 2024').
#: A bracketed tag closing a byline, printed after the names: 'Von Anna Schmidt (dpa)', 'By Jane Roe (Reuters)':
#: a part of its own (an agency, a place or a job title, read as any part is).
CLOSING_TAG = re.compile(r"\s*[(（](?P<tag>[^()（）]{2,40})[)）]$")
HANDLE = re.compile(r"\s*(?<!\()@[A-Za-z0-9_]{2,30}(?![\w@.])")


def _name_word(token: str) -> bool:
    """A capitalised word of letters ('Dupont', 'Петров', "O'Brien", 'Jean-Luc'), in any cased script."""
    return token[:1].isupper() and all(c.isalpha() or c in NAME_MARKS for c in token)


def _caseless(token: str) -> bool:
    """Letters of a script without letter case only (Arabic, Persian, Chinese, Hebrew...), with the vowel signs
    and viramas of the scripts that write them as combining marks (Devanagari 'राहुल शर्मा', Thai 'สมชาย ใจดี')."""
    return token[:1].isalpha() and all(c.isalpha() and not c.isupper() and not c.islower()
                                       or unicodedata.category(c)[0] == "M" for c in token)


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
        if INITIALS.match(token) or _name_word(token):
            name_tokens += 1
            continue
        return False
    return name_tokens >= 2


def without_handles(text: str) -> str:
    """The line without the social-media handles printed beside a name: 'Jane Roe@janeroe' -> 'Jane Roe',
    'By Jane Roe @janeroe' -> 'By Jane Roe'; bracketed handles and e-mail addresses stay (`HANDLE`)."""
    return HANDLE.sub("", text) if "@" in text else text


def looks_like_caseless_name(text: str) -> bool:
    """After a byline prefix, a name in a script without letter case: one to four words of letters
    ('محمد أحمد'), or one unspaced word of two to six characters ('张三')."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or not all(_caseless(t) for t in tokens):
        return False
    return len(tokens) > 1 or 2 <= len(tokens[0]) <= (6 if word_count(tokens[0]) > 1 else 20)


def normalise_person(name: str) -> str:
    """Capitalisation normalised ('Patrick COCKBURN' -> 'Patrick Cockburn'); initials and particles kept."""
    out = []
    for token in normalise_space(name).strip(" ,;").split():
        if INITIALS.match(token) or not token.isupper() or len(token) <= 2:
            out.append(token)
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), token.lower()))
    return " ".join(out)


def normalise_outlet_case(name: str) -> str:
    name = normalise_space(name).strip(" ,;:")
    if name.isupper() and len(name) > 4:
        return " ".join(w if len(w) <= 3 else w.capitalize() for w in name.lower().split()).replace(" Tv", " TV")
    return name


def split_person_list(text: str, cues: LineCues | None = None) -> list[str]:
    """'Jane Roe and John Doe' -> ['Jane Roe', 'John Doe'], with the joiners of the page's languages."""
    parts = cues.joiners.split(text) if cues is not None else re.split(r"\s*(?:,|&|\band\b|\bAND\b)\s*", text)
    return [p for p in (normalise_space(p).strip(ITEM_EDGES) for p in parts) if p]


def looks_like_organisation(text: str, organisation_words: frozenset[str]) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or any(t.endswith(("'s", "’s", "’S", "'S")) for t in tokens):
        return False
    if not all(t[0].isupper() or t[0].isdigit() or t.casefold() in NAME_PARTICLES | OUTLET_FUNCTION_WORDS
               for t in tokens):
        return False
    folded = [t.casefold().strip(".,") for t in tokens]
    if folded[0] == "the" and len(tokens) >= 2:
        return True
    # one capitalised word ('Sputnik', 'Madrid') may be a brand or a place: an outlet only when known by name
    # (the registry, the profiles' `outlet_names`), which the callers ask first
    return any(f in organisation_words for f in folded)


@dataclass
class Byline:
    text: str
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: FoundDate | None = None       # the publication date printed in it (else its only date)
    modified: FoundDate | None = None   # an update date printed in it


UNREAD = object()
MAX_BYLINE_WORDS = 16       # content words of a byline, its dates and their labels left out


def parse_byline(line: str, organisation_words: frozenset[str], known_outlets: frozenset[str],
                 outlet_key, cues: LineCues, dates: DateReading | None | object = UNREAD,
                 declared: bool = False) -> Byline | None:
    """Read 'By X | Outlet | Date', 'X – Outlet – dd.mm.yyyy', 'X — Outlet Date', 'Outlet | Date',
    'By . X . PUBLISHED: . time, date . | . UPDATED: . time, date', 'Par X et Y', '记者 张三、李四',
    '记者 张三 北京报道', '김철수 기자' (the profile's byline suffixes).

    Returns None unless the line is a byline: a prefixed line naming persons, or a person/outlet
    together with a date or another of the two. The dates, times, time zones and date labels are read
    first and leave the line: what remains must name persons or an outlet, so a date line never gives one.
    `dates`: the line's `read_dates`, when the caller has it already. `declared`: the line is an input's author
    field (HTML metadata, a scraper's `authors`), which says what a byline prefix says: it is read as prefixed.
    """
    text = normalise_space(line)
    if not text or ("://" in text and URL.search(text)):   # (every URL holds '://')
        return None
    if content_words(text) > MAX_BYLINE_WORDS and (dates is UNREAD or dates is None
                                                   or content_words(dates.rest) > MAX_BYLINE_WORDS):
        return None     # (a byline is short once its dates and their labels are out)
    reading = read_dates(text, cues) if dates is UNREAD else dates
    if reading is not None and reading.label is None:
        return None     # only dates, times and their labels
    rest = reading.rest if reading else text
    has_by, parts = byline_parts(rest, cues)
    has_by = has_by or declared
    if not parts or one_signal_at_most(parts, has_by, reading):
        return None
    return byline_of_parts(text, parts, has_by, reading, organisation_words, known_outlets, outlet_key, cues)


def byline_parts(rest: str, cues: LineCues) -> tuple[bool, list[str]]:
    """A line without its dates (`DateReading.rest`) as `parse_byline` reads it: whether a byline prefix or suffix
    marks it ('By', 'Par', '记者', '기자'), and its parts between separators, without the prefix and suffix."""
    by = cues.byline_prefix.match(rest)
    has_by = by is not None
    body = without_handles(rest[by.end():]) if by else rest
    closing = cues.byline_suffix.search(body)
    if closing and closing.start() > 0 or closing and closing.group("token"):
        # '张三 北京报道', '王小明／台北報導': the dateline's place and the suffix leave; '김철수 기자': the
        # suffix; '山田太郎記者': the names are the token the suffix closes
        before = body[: closing.start()].rstrip(" ／/|")
        body, has_by = before or closing.group("token"), True
    body = CLOSING_TAG.sub(r" | \g<tag>", body)
    parts = [p.strip(ITEM_EDGES) for p in SEPARATORS.split(body)]
    return has_by, [p for p in parts if p and not cues.reading_time.fullmatch(p)]    # '5 min read' names no one


def one_signal_at_most(parts: list[str], has_by: bool, reading: DateReading | None) -> bool:
    """Whether `byline_of_parts` must answer None without reading a name: one part, no prefix or suffix, no date,
    and no 'X in Place' (the only thing that could set `has_by` there). Exact: its loop then finds authors or an
    outlet, never both (if/elif), which without a date is one signal and no prefix, so no byline. Most short
    lines (headlines, labels, short sentences) end here (tests/test_speed_cues.py checks it)."""
    return len(parts) == 1 and not has_by and reading is None and not LOCATED.fullmatch(parts[0])


def names_with_job_title(text: str, cues: LineCues, organisation_words: frozenset[str]) -> list[str]:
    """'Jane Roe, National Security Writer', 'Jane Roe and John Doe | Staff Writers' -> the persons named before a
    job title (the language's role words), normalised; [] for any other line. Such a line is a name line, not a
    byline: nothing but its place under a headline says it signs the article (a boxed analysis inside a text
    carries one too)."""
    items = [item for part in SEPARATORS.split(text) for item in split_person_list(part, cues)]
    roles = [k for k, item in enumerate(items) if cues.role_word.search(item)]
    if not roles or roles[0] == 0 or roles != list(range(roles[0], len(items))):
        return []       # names first, then only the job title
    people = items[: roles[0]]
    if not all(looks_like_person(p, organisation_words) for p in people):
        return []
    return [normalise_person(p) for p in people]


def person_then_outlet(item: str, organisation_words: frozenset[str]) -> tuple[str, str] | None:
    """'Jane Roe Associated Press' -> ('Jane Roe', 'Associated Press'), 'John Doe USA TODAY' -> ('John Doe',
    'USA TODAY'): a person's name of two to four words, then an outlet printed without a separator (two words at
    least, one of them an organisation word, or all in capitals), or None. A name alone ('Jane Roe Smith') is none."""
    tokens = item.split()
    if len(tokens) < 4:
        return None
    for k in range(2, min(len(tokens) - 2, 4) + 1):
        tail = tokens[k:]     # two words at least: 'WebMD Health News' is an outlet's name
        capitals = {t.casefold() for t in tail if t.isupper() and len(t) > 1}
        if not tail[0][:1].isupper() or not (len(capitals) == len(tail) or any(t.casefold() in organisation_words
                                                                               for t in tail)) \
                or any(t.casefold() in NON_NAME_WORDS - OUTLET_FUNCTION_WORDS for t in tail):
            continue
        head, outlet = " ".join(tokens[:k]), " ".join(tail)
        if looks_like_person(head, organisation_words) and looks_like_organisation(outlet, organisation_words | capitals):
            return head, outlet
    return None


def byline_of_parts(text: str, parts: list[str], has_by: bool, reading: DateReading | None,
                    organisation_words: frozenset[str], known_outlets: frozenset[str], outlet_key,
                    cues: LineCues) -> Byline | None:
    """The byline `text` prints, from its parts (`byline_parts`) and dates, or None (see `parse_byline`)."""
    authors: list[str] = []
    outlet = None
    for index, part in enumerate(parts):
        located = LOCATED.fullmatch(part)
        if located and index == 0 and looks_like_person(located.group(1), organisation_words):
            part = located.group(1)  # 'Maria Okafor in Lagos': the dateline place is not a name
            has_by = True
        listed = [name_before_tail(p, organisation_words, known_outlets, outlet_key)
                  for p in split_person_list(part, cues)]
        # 'By Jane Roe, Staff Writer', 'Jane Roe | Senior Correspondent': a job title is no author
        people = [p for p in listed if not cues.role_word.search(p)]
        if listed and not people or part.isdigit():
            continue    # (a number after a byline's date counts its comments or shares: 'Jane Roe | <date> | 13')
        if has_by and len(people) > 2 and len(people) < len(listed):
            # 'By Jane Roe, Senior Technologist, Example Speech, Privacy, and Technology Project': after the job
            # title, whom it works for (an outlet only when that is one name)
            first_role = next(k for k, p in enumerate(listed) if cues.role_word.search(p))
            if len(listed) - first_role - 1 > 1:
                people = listed[:first_role]

        def is_person(p: str) -> bool:
            return looks_like_person(p, organisation_words) or (has_by and index == 0 and looks_like_caseless_name(p))

        if has_by and index == 0 and len(people) > 1 and not authors:
            # 'By Jane Smith, Reuters': persons first, then perhaps the outlet
            persons = [p for p in people if is_person(p)]
            others = [p for p in people if p not in persons]
            if persons and people[: len(persons)] == persons and len(others) <= 1:
                authors = [normalise_person(p) for p in persons]
                if others and (outlet_key(others[0]) in known_outlets or AGENCY_TOKEN.fullmatch(others[0])
                               or looks_like_organisation(others[0], organisation_words)):
                    outlet = normalise_outlet_case(others[0])
                elif others and not CAPITALISED_WORD.fullmatch(others[0]):
                    return None
                # else one capitalised word after the names: the outlet ('Jane Roe, Bloomberg') or the
                # dateline's place ('Karen Doyle, Sacramento'); unless the registry knows it, the outlet stays unknown
                continue
        is_known_outlet = outlet_key(part) in known_outlets
        if not is_known_outlet and people and all(is_person(p) for p in people) \
                and not authors and outlet is None and (has_by or index == 0):
            authors = [normalise_person(p) for p in people]
        elif outlet is None and (is_known_outlet or looks_like_organisation(part, organisation_words)):
            outlet = normalise_outlet_case(part)
        elif has_by and authors and reading is not None and looks_like_person(part, organisation_words):
            continue    # 'By Jane Roe <date> Example Programme': a programme or section named after the date
        elif has_by and authors and CAPITALISED_WORD.fullmatch(part):
            continue    # 'Por Lucía Gómez | Madrid | <date>': the dateline's place (an outlet the registry knows is read above)
        else:
            return None  # 'By the way ...' and other prose
    date = reading.first if reading else None
    modified = reading.modified if reading else None
    signals = bool(authors) + bool(outlet) + bool(date)
    if (has_by and (authors or outlet)) or signals >= 2:     # 'By Reuters', 'By The Associated Press': an agency's byline
        return Byline(text=text, authors=authors, outlet=outlet, date=reading.published if reading else None,
                      modified=modified)
    return None


def name_before_tail(item: str, organisation_words: frozenset[str], known_outlets: frozenset[str],
                     outlet_key) -> str:
    """A person's name with what a byline prints after it without a separator left out: 'JILL ROE Associated
    Press', 'JANE ROE March' (the ALL-CAPS name ends where the case changes), 'Tom Roe News reporter' (an
    organisation word or a known outlet after a name; a job title's first word cannot be told from a name's
    last, so a role word is no cut). `item` itself when it names an organisation or nothing of the kind follows
    a name."""
    tokens = item.split()
    if len(tokens) <= 2:
        return item
    caps = next((i for i, t in enumerate(tokens) if not (t.isupper() and len(t) > 1)), len(tokens))
    if 2 <= caps < len(tokens) and looks_like_person(" ".join(tokens[:caps]), organisation_words):
        return " ".join(tokens[:caps])
    if outlet_key(item) in known_outlets or looks_like_organisation(item, organisation_words):
        return item
    for i in range(2, len(tokens)):
        if tokens[i].casefold().strip(".,") in organisation_words or outlet_key(" ".join(tokens[i:])) in known_outlets:
            head = " ".join(tokens[:i])
            return head if looks_like_person(head, organisation_words) else item
    return item


def named_outlet(text: str, organisation_words: frozenset[str], known_outlets: frozenset[str], outlet_key) -> bool:
    """An outlet the registry knows, or one that names itself with an organisation word ('Example Press'): what
    may follow the names of a byline printed without a prefix (a brand alone, 'NATO', may be a tag)."""
    return outlet_key(text) in known_outlets or looks_like_organisation(text, organisation_words) and any(
        w.casefold().strip(".,") in organisation_words for w in text.split())


def credit_line(text: str, cues: LineCues, organisation_words: frozenset[str], known_outlets: frozenset[str],
                outlet_key) -> Byline | None:
    """'Jane Roe and John Doe, Example Press', 'Jane Roe Associated Press', 'Jane Roe and John Doe USA TODAY':
    persons, then their outlet (`named_outlet`, or one glued to the last name: `person_then_outlet`), without a
    byline prefix; None for any other line. A headline can have this shape ('Biden Slams Fox News'): read it
    only where a byline is printed (`segment.runs.header_block`, under the headline)."""
    items = split_person_list(text, cues)
    if not items:
        return None
    glued = person_then_outlet(items[-1], organisation_words)
    if glued is not None:
        items[-1:] = glued
    elif len(items) < 2 or not named_outlet(items[-1], organisation_words, known_outlets, outlet_key):
        return None
    if not all(looks_like_person(p, organisation_words) for p in items[:-1]):
        return None
    return Byline(text=text, authors=[normalise_person(p) for p in items[:-1]], outlet=normalise_outlet_case(items[-1]))


def bio_name(text: str, organisation_words: frozenset[str]) -> str | None:
    """'Patrick Cockburn is the author of ...' -> 'Patrick Cockburn' (an author bio line)."""
    if len(text.split()) > 70:
        return None
    m = BIO.match(normalise_space(text))
    if m and looks_like_person(m.group("name"), organisation_words):
        return normalise_person(m.group("name"))
    return None
