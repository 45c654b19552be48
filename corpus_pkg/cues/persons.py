"""Persons' names as bylines and name lines print them: what looks like a name ('M. K. BHADRAKUMAR', 'Richard
(R.J.) Roe'), its normal form, a list of names ('Jane Roe and John Doe'), what is printed beside a name (a handle,
a relative time) and an author bio's name."""

from __future__ import annotations

import re
import unicodedata

from .lexicon import LineCues
from .text import normalise_space, word_count

#: One word of a person's name in a Latin script: a capital, then letters, apostrophes, dots or hyphens.
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
# Function words that do not occur in personal names: 'First Story About The Pipeline' is a title.
NON_NAME_WORDS = {"a", "an", "the", "of", "and", "or", "about", "in", "on", "at", "to", "for", "from", "with", "by",
                  "after", "before", "over", "under", "is", "are", "was", "were", "be", "has", "have", "not", "no",
                  "new", "how", "why", "what", "who", "when", "where", "this", "that", "its", "it", "as", "into",
                  "against", "amid", "says", "said", "will", "can", "more", "us", "we", "our", "your", "my"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "st.", "ó", "o'", "mac", "y", "abu", "ben"}
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]{1,2}\.?$|^(?:[A-Z]\.)+[A-Z]\.?$")
NAME_MARKS = "'’.-"
#: A nickname printed between a person's names, in brackets or quotes: 'Richard (R.J.) Roe', 'Jane “JJ” Roe'.
NICKNAME = re.compile(r"[(\[][^()\[\]]{1,20}[)\]]|[\"“„'‘«][^\"“”„'‘’«»]{1,20}[\"”“'’»]")
BIO = re.compile(r"^(?P<name>[^,;:()]{3,60}?) (?:is|was|has been|writes|served) (?:a|an|the|for|as|from|on|in|based|currently|formerly|previously|co-?founder|editor|author)\b")
ITEM_EDGES = " ,;.:·•|"
DIGIT = re.compile(r"\d")
#: A social-media handle printed with a name in a byline ('Jane Roe@janeroe', 'By Jane Roe @janeroe'); an e-mail
#: address is none, and a handle in brackets is an embedded post's attribution ('— Jane Roe (@janeroe) 3 May 2024').
HANDLE = re.compile(r"\s*(?<!\()@[A-Za-z0-9_]{2,30}(?![\w@.])")
#: A reporter's e-mail address printed beside the name ('홍길동 기자 hong@example.co.kr', 'By Jane Roe jroe@example.com').
EMAIL = re.compile(r"\s*(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _name_word(token: str) -> bool:
    """A capitalised word of letters ('Dupont', 'Петров', "O'Brien", 'Jean-Luc'), in any cased script."""
    return token[:1].isupper() and all(c.isalpha() or c in NAME_MARKS for c in token)


def _caseless(token: str) -> bool:
    """Letters of a script without letter case only (Arabic, Persian, Chinese, Hebrew...), with the vowel signs
    and viramas of the scripts that write them as combining marks (Devanagari 'राहुल शर्मा', Thai 'สมชาย ใจดี')."""
    return token[:1].isalpha() and all(c.isalpha() and not c.isupper() and not c.islower()
                                       or unicodedata.category(c)[0] == "M" for c in token)


def looks_like_person(text: str, organisation_words: frozenset[str], name_words: frozenset[str] = frozenset()) -> bool:
    """Two to five capitalised words or initials, no organisation word and no English function word
    (`NON_NAME_WORDS`: 'First Story About The Pipeline' is a title): 'M. K. BHADRAKUMAR', 'Eric Schmitt'; a
    nickname in brackets or quotes between them is no name word ('Richard (R.J.) Roe'). `name_words`: the page's
    language's names that English writes as function words (`LineCues.name_words`: Vietnamese 'An' in 'Nguyễn Văn
    An'), casefolded."""
    tokens = text.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or tokens[0].casefold() == "the":
        return False
    name_tokens = 0
    for index, token in enumerate(tokens):
        if 0 < index < len(tokens) - 1 and NICKNAME.fullmatch(token):
            continue    # 'Richard (R.J.) Roe'
        folded = token.casefold().strip(".")
        if folded in organisation_words or folded in NON_NAME_WORDS and folded not in name_words \
                or any(ch.isdigit() for ch in token) or token.endswith(("'s", "’s", "’S", "'S")):
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


def without_relative_time(text: str, cues: LineCues) -> str:
    """`text` without the time relative to now printed at its end ('Jane Roe 1 day ago', 'Jane Roe • 8h' ->
    'Jane Roe'; the language's `time_units` and `time_ago_words`); such a time is not read as a date."""
    m = cues.relative_time.search(text)
    return text[: m.start()].rstrip(ITEM_EDGES) if m else text


def without_emails(text: str) -> str:
    """The line without the e-mail addresses printed beside a name ('홍길동 기자 hong@example.co.kr' -> '홍길동 기자')."""
    return EMAIL.sub("", text) if "@" in text else text


def name_of_line(text: str, cues: LineCues) -> str:
    """What a name line names, without the handle, the e-mail address and the relative time printed beside the name:
    'Jane Roe@janeroe', 'Jane Roe jroe@example.com', 'Jane Roe 1 day ago', 'Jane Roe • 8h' -> 'Jane Roe'
    (`without_handles`, `without_emails`, `without_relative_time`)."""
    text = without_handles(without_emails(text))
    return without_relative_time(text, cues) if DIGIT.search(text) else text


def looks_like_caseless_name(text: str) -> bool:
    """After a byline prefix, a name in a script without letter case: one to four words of letters
    ('محمد أحمد'), or one unspaced word of two to six characters ('张三')."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or not all(_caseless(t) for t in tokens):
        return False
    return len(tokens) > 1 or 2 <= len(tokens[0]) <= (6 if word_count(tokens[0]) > 1 else 20)


def normalise_person(name: str) -> str:
    """Capitalisation normalised ('Patrick COCKBURN' -> 'Patrick Cockburn'); initials and particles kept; a nickname
    printed between the names left out ('Richard (R.J.) Roe' -> 'Richard Roe': `byline` keeps it)."""
    out = []
    tokens = normalise_space(name).strip(" ,;").split()
    for index, token in enumerate(tokens):
        if 0 < index < len(tokens) - 1 and NICKNAME.fullmatch(token):
            continue
        if INITIALS.match(token) or not token.isupper() or len(token) <= 2:
            out.append(token)
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), token.lower()))
    return " ".join(out)


def split_person_list(text: str, cues: LineCues | None = None) -> list[str]:
    """'Jane Roe and John Doe' -> ['Jane Roe', 'John Doe'], with the joiners of the page's languages; in a language
    whose names are written without spaces (`names_without_spaces`), words of a script without case are persons
    of their own ('홍길동 김영희' -> ['홍길동', '김영희'])."""
    parts = cues.joiners.split(text) if cues is not None else re.split(r"\s*(?:,|&|\band\b|\bAND\b)\s*", text)
    items = [p for p in (normalise_space(p).strip(ITEM_EDGES) for p in parts) if p]
    if cues is not None and cues.names_without_spaces:
        items = [name for item in items
                 for name in (item.split() if all(map(_caseless, item.split())) else [item])]
    return items


def bio_name(text: str, organisation_words: frozenset[str]) -> str | None:
    """'Patrick Cockburn is the author of ...' -> 'Patrick Cockburn' (an author bio line)."""
    if len(text.split()) > 70:
        return None
    m = BIO.match(normalise_space(text))
    if m and looks_like_person(m.group("name"), organisation_words):
        return normalise_person(m.group("name"))
    return None
