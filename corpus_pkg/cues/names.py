"""Outlets and bylines: 'By X | Outlet | Date', 'Par Marie Dupont', 'Автор: Иван Петров', '记者 张三、李四'; the persons'
names they print are read by `persons`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import SEPARATORS, DateReading, FoundDate, read_dates
from .lexicon import LineCues
from .persons import (DIGIT, ITEM_EDGES, NAME_PARTICLES, NON_NAME_WORDS, looks_like_caseless_name, looks_like_person,
                      normalise_person, split_person_list, without_emails, without_handles,
                      without_relative_time)
from .text import URL, content_words, normalise_space

#: A news agency's short name after the author in a byline ('Von Anna Schmidt, dpa', 'By Jo Li, AFP').
AGENCY_TOKEN = re.compile(r"[A-Z]{2,6}|[a-z]{2,5}")
#: One capitalised word: a brand ('Reuters', 'SouthFront') or a place ('Sacramento'), which only a list can tell apart.
CAPITALISED_WORD = re.compile(r"[A-Z][\w&.-]*[A-Za-z]")
OUTLET_FUNCTION_WORDS = {"of", "and", "for", "the"}     # 'The Example Times', 'Voice of the People'
LOCATED = re.compile(r"(.+?)\s+in\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")
#: A bracketed tag closing a byline, printed after the names: 'Von Anna Schmidt (dpa)', 'By Jane Roe (Reuters)':
#: a part of its own (an agency, a place or a job title, read as any part is).
CLOSING_TAG = re.compile(r"\s*[(（](?P<tag>[^()（）]{2,40})[)）]$")


def normalise_outlet_case(name: str) -> str:
    name = normalise_space(name).strip(" ,;:")
    if name.isupper() and len(name) > 4:
        return " ".join(w if len(w) <= 3 else w.capitalize() for w in name.lower().split()).replace(" Tv", " TV")
    return name


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
    rest = without_emails(rest)      # (a reporter's address names no one: '홍길동 기자 hong@example.co.kr')
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
    parts = [p.strip(ITEM_EDGES) for p in _separated(body, cues)]
    if DIGIT.search(body):      # 'Jane Roe 1 day ago', 'Jane Roe • 8h': a relative time names no one either
        parts = [without_relative_time(p, cues) for p in parts]
    return has_by, [p for p in parts if p and not cues.reading_time.fullmatch(p)]    # '5 min read' names no one


def _separated(body: str, cues: LineCues) -> list[str]:
    """The parts of a byline between its separators; a separator that is one of the language's joiners joins names
    instead ('·' in Korean: '홍길동·김영희 기자')."""
    pieces, start = [], 0
    for m in SEPARATORS.finditer(body):
        if not cues.joiners.fullmatch(m.group(0)):
            pieces.append(body[start:m.start()])
            start = m.end()
    return [*pieces, body[start:]]


def one_signal_at_most(parts: list[str], has_by: bool, reading: DateReading | None) -> bool:
    """Whether `byline_of_parts` must answer None without reading a name: one part, no prefix or suffix, no date,
    and no 'X in Place' (the only thing that could set `has_by` there). Exact: its loop then finds authors or an
    outlet, never both (if/elif), which without a date is one signal and no prefix, so no byline. Most short
    lines (headlines, labels, short sentences) end here (tests/test_speed_cues.py checks it)."""
    return len(parts) == 1 and not has_by and reading is None and not LOCATED.fullmatch(parts[0])


def names_with_job_title(text: str, cues: LineCues, organisation_words: frozenset[str]) -> list[str]:
    """'Jane Roe, National Security Writer', 'Jane Roe and John Doe | Staff Writers', 'Jane RoeBusiness Columnist' ->
    the persons named before a job title (the language's role words), normalised; [] for any other line. Such a
    line is a name line, not a byline: nothing but its place under a headline says it signs the article (a boxed
    analysis inside a text carries one too)."""
    items = [item for part in SEPARATORS.split(text) for item in split_person_list(part, cues)]
    if items and (joined := job_title_join(items[-1], cues.role_word, organisation_words)):
        items[-1:] = joined     # 'Jane RoeBusiness Columnist'
    roles = [k for k, item in enumerate(items) if cues.role_word.search(item)]
    if not roles or roles[0] == 0 or roles != list(range(roles[0], len(items))):
        return []       # names first, then only the job title
    people = items[: roles[0]]
    if not all(looks_like_person(p, organisation_words) for p in people):
        return []
    return [normalise_person(p) for p in people]


MAX_LISTED_PERSONS = 4      # names on one line of names at most


def listed_persons(text: str, cues: LineCues, organisation_words: frozenset[str]) -> list[str]:
    """'Jane Roe and John Doe', 'Anna Schmidt und Max Muster', 'Jane Roe, John Doe & Mary Major', 'Jane Roe in Kyiv
    and Mark Doe in Lviv' -> the persons, normalised:
    a line that is a list of two to MAX_LISTED_PERSONS names joined by the page's joiners, each name of two words or more
    (`looks_like_person`: 'Biden and Trump' is no such list); [] for any other line. A name line, as one name alone
    is (nothing but its place under a headline says it signs the article)."""
    # 'Jane Roe in Kyiv and Mark Doe in Lviv': each name with the place it reports from, which names no one
    people = [located.group(1) if (located := LOCATED.fullmatch(p)) else p for p in split_person_list(text, cues)]
    if not 2 <= len(people) <= MAX_LISTED_PERSONS or cues.role_word.search(text) \
            or not all(looks_like_person(p, organisation_words) for p in people):
        return []
    return [normalise_person(p) for p in people]


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
        # 'Erik Lindqvist/TT', 'JILL ROE Associated Press': a name, then what is glued to it (its outlet, or a
        # date's month, a job title's first word: left out)
        split = [(p, glued_tail(p, organisation_words, known_outlets, outlet_key, cues.role_word))
                 for p in split_person_list(part, cues)]
        listed = [tail[0] if tail else p for p, tail in split]
        # (alone, without a prefix or a date, 'Jane Roe/AP' is a photo credit's shape: no byline, see `one_signal_at_most`)
        glued = next((tail[1] for _, tail in split if tail and is_agency(tail[1], organisation_words, known_outlets,
                                                                         outlet_key)), None) \
            if has_by or reading is not None or len(parts) > 1 else None
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
            return looks_like_person(p, organisation_words, cues.name_words) \
                or (has_by and index == 0 and looks_like_caseless_name(p))

        if has_by and index == 0 and len(people) > 1 and not authors:
            # 'By Jane Smith, Reuters': persons first, then perhaps the outlet
            persons = [p for p in people if is_person(p)]
            others = [p for p in people if p not in persons]
            if persons and people[: len(persons)] == persons and len(others) <= 1:
                authors = [normalise_person(p) for p in persons]
                if others and is_agency(others[0], organisation_words, known_outlets, outlet_key):
                    outlet = normalise_outlet_case(others[0])
                elif others and not CAPITALISED_WORD.fullmatch(others[0]):
                    return None
                # else one capitalised word after the names: the outlet ('Jane Roe, Bloomberg') or the
                # dateline's place ('Karen Doyle, Sacramento'); unless the registry knows it, the outlet stays unknown
                outlet = outlet or (normalise_outlet_case(glued) if glued else None)
                continue
        is_known_outlet = outlet_key(part) in known_outlets
        if not is_known_outlet and people and all(is_person(p) for p in people) \
                and not authors and outlet is None and (has_by or index == 0):
            authors = [normalise_person(p) for p in people]
            outlet = normalise_outlet_case(glued) if glued else None
        elif outlet is None and (is_known_outlet or looks_like_organisation(part, organisation_words)):
            outlet = normalise_outlet_case(part)
        elif has_by and authors and reading is not None and looks_like_person(part, organisation_words):
            continue    # 'By Jane Roe <date> Example Programme': a programme or section named after the date
        elif has_by and authors and (CAPITALISED_WORD.fullmatch(part) or len(people) < len(listed)
                                     and all(CAPITALISED_WORD.fullmatch(p) for p in people)):
            # 'Por Lucía Gómez | Madrid | <date>': the dateline's place (an outlet the registry knows is read above);
            # 'Par Claire Dubois (Bamako, envoyée spéciale)': the place with the reporter's job title
            continue
        else:
            return None  # 'By the way ...' and other prose
    date = reading.first if reading else None
    modified = reading.modified if reading else None
    signals = bool(authors) + bool(outlet) + bool(date)
    if (has_by and (authors or outlet)) or signals >= 2:     # 'By Reuters', 'By The Associated Press': an agency's byline
        return Byline(text=text, authors=authors, outlet=outlet, date=reading.published if reading else None,
                      modified=modified)
    return None


#: Where a word's lower case meets a capital: a name joined to the next word when a page was rendered to text
#: ('HiltzikBusiness', 'RoeStaff'); the capitalised run before it (`LAST_RUN`) may be a name's particle ('MacDonald').
CASE_JOIN = re.compile(r"(?<=[a-zß-öø-ÿ]{2})(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
LAST_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*$")


def job_title_join(item: str, role_word: re.Pattern, organisation_words: frozenset[str]) -> tuple[str, str] | None:
    """'Jane RoeBusiness Columnist' -> ('Jane Roe', 'Business Columnist'): a name joined without a space to the job
    title printed after it (the language's role words), as a rendered page's byline and title elements run
    together; None for any other item."""
    for join in CASE_JOIN.finditer(item):
        head, tail = item[: join.start()], item[join.start():]
        run = LAST_RUN.search(head)
        if run is not None and run.group(0).casefold() in NAME_PARTICLES:
            continue    # 'MacDonald'
        if role_word.search(tail) and not role_word.search(head) and looks_like_person(head, organisation_words):
            return head, tail
    return None


def glued_tail(item: str, organisation_words: frozenset[str], known_outlets: frozenset[str],
               outlet_key, role_word: re.Pattern | None = None) -> tuple[str, str] | None:
    """A person's name and what a byline prints after it without a separator: (name, tail), or None when `item` is
    no name followed by such a tail. The tail is
    - a job title joined to the name without a space ('Jane RoeBusiness Columnist': `job_title_join`, with the
      language's `role_word`);
    - an agency after a slash: 'Erik Lindqvist/TT', 'Jane Roe/AP' (a known outlet, a short agency token, an
      organisation's name);
    - what follows an ALL-CAPS name where the case changes: 'JILL ROE Associated Press', 'JANE ROE March';
    - from the first word that starts an outlet on: a known outlet, an organisation word ('Tom Roe News reporter'),
      or an outlet's name (`glued_outlet`: 'Jane Roe Associated Press', 'John Doe USA TODAY'). A job title's first
      word cannot be told from a name's last, so a role word is no cut.
    The name is two words at least and `looks_like_person`; an organisation's name ('NJ Advance Media', a known
    outlet) is cut only before an outlet's name."""
    joined = job_title_join(item, role_word, organisation_words) if role_word is not None else None
    if joined is not None:
        return joined
    head, slash, tail = item.rpartition("/")
    if slash and looks_like_person(head.strip(), organisation_words) and tail.strip() \
            and is_agency(tail.strip(), organisation_words, known_outlets, outlet_key):
        return head.strip(), tail.strip()
    tokens = item.split()
    if len(tokens) <= 2:
        return None
    caps = next((i for i, t in enumerate(tokens) if not (t.isupper() and len(t) > 1)), len(tokens))
    if 2 <= caps < len(tokens) and looks_like_person(" ".join(tokens[:caps]), organisation_words):
        return " ".join(tokens[:caps]), " ".join(tokens[caps:])
    # an organisation's own name ('NJ Advance Media') is cut only before an outlet's name ('Jane Roe Associated Press')
    organisation = outlet_key(item) in known_outlets or looks_like_organisation(item, organisation_words)
    for k in range(2, len(tokens)):
        tail_words = tokens[k:]
        if glued_outlet(tail_words, organisation_words) or not organisation and (
                tail_words[0].casefold().strip(".,") in organisation_words
                or outlet_key(" ".join(tail_words)) in known_outlets):
            head = " ".join(tokens[:k])
            return (head, " ".join(tail_words)) if looks_like_person(head, organisation_words) else None
    return None


def glued_outlet(words: list[str], organisation_words: frozenset[str]) -> bool:
    """Whether `words`, printed after a name without a separator, name an outlet: two words at least, capitalised,
    one of them an organisation word or all in capitals ('Associated Press', 'USA TODAY', 'WebMD Health News')."""
    if len(words) < 2 or not words[0][:1].isupper() \
            or any(w.casefold() in NON_NAME_WORDS - OUTLET_FUNCTION_WORDS for w in words):
        return False
    capitals = {w.casefold() for w in words if w.isupper() and len(w) > 1}
    return (len(capitals) == len(words) or any(w.casefold() in organisation_words for w in words)) \
        and looks_like_organisation(" ".join(words), organisation_words | capitals)


def is_agency(text: str, organisation_words: frozenset[str], known_outlets: frozenset[str], outlet_key) -> bool:
    """An outlet printed after a name and a slash or comma: known by name, an agency's short name ('TT', 'dpa',
    `AGENCY_TOKEN`) or an organisation's name ('Example Press')."""
    return outlet_key(text) in known_outlets or bool(AGENCY_TOKEN.fullmatch(text)) \
        or looks_like_organisation(text, organisation_words)


def named_outlet(text: str, organisation_words: frozenset[str], known_outlets: frozenset[str], outlet_key) -> bool:
    """An outlet the registry knows, or one that names itself with an organisation word ('Example Press'): what
    may follow the names of a byline printed without a prefix (a brand alone, 'NATO', may be a tag)."""
    return outlet_key(text) in known_outlets or looks_like_organisation(text, organisation_words) and any(
        w.casefold().strip(".,") in organisation_words for w in text.split())


def credit_line(text: str, cues: LineCues, organisation_words: frozenset[str], known_outlets: frozenset[str],
                outlet_key) -> Byline | None:
    """'Jane Roe and John Doe, Example Press', 'Jane Roe Associated Press', 'Jane Roe and John Doe USA TODAY':
    persons, then their outlet (`named_outlet`, or one glued to the last name: `glued_tail`), without a
    byline prefix; None for any other line. A headline can have this shape ('Biden Slams Fox News'): read it
    only where a byline is printed (`segment.runs.header_block`, under the headline)."""
    items = split_person_list(text, cues)
    if not items:
        return None
    glued = glued_tail(items[-1], organisation_words, known_outlets, outlet_key)
    if glued is not None and glued_outlet(glued[1].split(), organisation_words):
        items[-1:] = glued
    elif len(items) < 2 or not named_outlet(items[-1], organisation_words, known_outlets, outlet_key):
        return None
    if not all(looks_like_person(p, organisation_words) for p in items[:-1]):
        return None
    return Byline(text=text, authors=[normalise_person(p) for p in items[:-1]], outlet=normalise_outlet_case(items[-1]))
