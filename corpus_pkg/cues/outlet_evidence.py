"""The outlet a page names outside its article: its copyright line ('© 2023 The New York Times Company'), its
masthead (a short first line, 'Donau-Rundschau') and the name a browser gave the saved page ('<headline> - The New
York Times.txt': browsers name a saved page after its <title>, which ends with the site's name).

A page saved from a browser as text often names its outlet nowhere else, and the outlet decides the rights policy
(rights.py withholds the texts of restricted outlets). None of these places is proof alone: a copyright line may
name a person or a parent company, a first line may be a menu item, a file name may be anything its saver typed.
So a name read there counts as the outlet only when the registry or the profiles' `outlet_names` know it, or when
two of the three places print the same name (its company form, 'GmbH & Co. KG', 'Company', left out: the
profiles' `company_forms`) and it is not a person's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from .names import looks_like_person, normalise_outlet_case
from .text import normalise_space, site_name_readings

#: The evidence labels (`schema.Article.outlet_evidence`), in the order they are preferred.
COPYRIGHT_LINE, MASTHEAD, FILE_NAME = "copyright_line", "masthead", "file_name"
#: The opening of a copyright notice: '©', '(c)', 'Copyright', 'Copyright ©', '© Copyright'.
COPYRIGHT_MARK = re.compile(r"^(?:\s*(?:©|\(c\)|copyright\b))+\s*", re.I)
#: A year or a span of years in a copyright notice ('2023', '1995 - 2019', '2000—2019').
YEARS = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?:\s*[-–—/]\s*(?:(?:1[89]|20)\d\d|\d\d))?(?!\d)")
#: Where the holder's name ends: a separator, a comma, the rights reserved.
NAME_END = re.compile(r"\s*(?:[|•·,;]|\ball rights\b|\. |$)", re.I)
QUOTES = "«»„“”‚‘’‹›\"'"       # around a name: no part of it
MAX_NAME_WORDS = 8          # an outlet's or a company's name is this short; a longer 'holder' is a caption or prose
MASTHEAD_WORDS = 6          # a site's name printed as its masthead is this short (a longer heading is a headline)
#: File names of one saved page: a container's name (a WARC, a JSON Lines file) says nothing about its pages.
SAVED_PAGE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".htm", ".html", ".xhtml", ".mhtml"})


@dataclass(frozen=True)
class PageOutletNames:
    """The names a page prints where its outlet's name goes, read but not yet judged (`page_outlet` judges)."""

    copyright_line: list[str]
    masthead: str | None
    file_name: str | None

    def candidates(self) -> list[tuple[str, str]]:
        """(name, evidence label), in the order of preference."""
        found = [(name, COPYRIGHT_LINE) for name in self.copyright_line]
        found += [(self.masthead, MASTHEAD)] if self.masthead else []
        return found + ([(self.file_name, FILE_NAME)] if self.file_name else [])


def copyright_holder(line: str) -> str | None:
    """The holder a copyright notice names, without the mark, the years and the rights reserved: '© 2023 The New
    York Times Company' -> 'The New York Times Company', 'Copyright © 2019, Los Angeles Times | Terms of Service'
    -> 'Los Angeles Times', '© Donau-Rundschau GmbH & Co. KG 2023' -> 'Donau-Rundschau GmbH & Co' (a name ends at
    a full stop). None when the line is no copyright notice, names no one (a year only) or is too long to be a
    name (a photo's caption)."""
    text = normalise_space(line)
    mark = COPYRIGHT_MARK.match(text)
    if mark is None:
        return None
    rest = COPYRIGHT_MARK.sub("", normalise_space(YEARS.sub(" ", text[mark.end():])))   # ('© 2018 Copyright X')
    rest = re.sub(r"^\W*(?:by\s+)?", "", rest, flags=re.I)
    name = rest[: NAME_END.search(rest).start()].strip(" .-–—" + QUOTES)     # ('© 2024 «Вестник дня».')
    if not name or not any(c.isalpha() for c in name) or len(name.split()) > MAX_NAME_WORDS:
        return None
    return name


def saved_page_title_tail(source_file: str) -> str | None:
    """The site's name ending the name of a saved page's file ('Headline - The New York Times.txt' -> 'The New York
    Times'), or None: no such tail, or a file that holds many pages."""
    path = PurePosixPath(source_file.replace("\\", "/"))
    if path.suffix.casefold() not in SAVED_PAGE_SUFFIXES:
        return None
    readings = site_name_readings(path.stem.strip())
    return readings[0][0].strip() or None if readings else None


def without_company_form(name: str, company_forms: frozenset[str]) -> str:
    """`name` without the legal form closing it: 'The New York Times Company' -> 'The New York Times',
    'Donau-Rundschau GmbH & Co. KG' -> 'Donau-Rundschau' (`company_forms`: casefolded words, the profiles'
    `company_forms`, a form of one word or several: 'The Northern Ledger Media Ltd.' -> 'The Northern Ledger' with
    'media ltd'). The name itself when it is nothing but such words."""
    forms = company_forms | {"&", "and", "und"}
    tokens = name.split()
    while len(tokens) > 1:
        n = next((n for n in (3, 2, 1) if len(tokens) > n
                  and " ".join(t.casefold().strip(",.") for t in tokens[-n:]) in forms), 0)
        if not n:
            break
        del tokens[-n:]
    return " ".join(tokens).strip(" ," + QUOTES) if tokens else name     # ('„Diario del Puerto“ Ediciones')


def page_outlet(names: PageOutletNames, known: Callable[[str], str | None], company_forms: frozenset[str],
                organisation_words: frozenset[str], outlet_key: Callable[[str], str]) -> tuple[str, str] | None:
    """(outlet, evidence label) of the names a page prints outside its article, or None.

    `known(name)`: the name the registry or the profiles know an outlet by (`name` as printed or without its
    company form), else None. A known name wins, in the order copyright line, masthead, file name; else a name
    printed in the copyright line and one other place (compared by `outlet_key` without company forms) is the
    outlet, as printed in the first of them, unless it looks like a person's name ('© 2023 Jane Roe' under a
    masthead 'Jane Roe') and no place prints it with a company form ('© Jane Roe Media Ltd'). A masthead and a
    file name alone do not make an unknown outlet: a saved page's first line and its title's tail can both be the
    site's section ('Politics' over the headline, '<headline> - Politics.txt')."""
    candidates = names.candidates()
    for name, label in candidates:
        for form in (name, without_company_form(name, company_forms)):
            found = known(form)
            if found is not None:
                return found, label
    places: dict[str, set[str]] = {}
    company: set[str] = set()       # the keys of names printed with a company form: no person's
    for name, label in candidates:
        short = without_company_form(name, company_forms)
        places.setdefault(outlet_key(short), set()).add(label)
        company |= {outlet_key(short)} if short != name else set()
    for name, label in candidates:
        short = without_company_form(name, company_forms)
        key = outlet_key(short)
        if key and COPYRIGHT_LINE in places[key] and len(places[key]) >= 2 \
                and (key in company or not looks_like_person(short, organisation_words)):
            return normalise_outlet_case(short), label
    return None
