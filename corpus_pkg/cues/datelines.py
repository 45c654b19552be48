"""An article's opening dateline: the place, the news agency, the reporters and the date printed at the start of its
first paragraph ('WARSZAWA (PAP) - ', '【ニューヨーク共同】', '【ワシントン＝山田太郎】', '新华社北京3月5日电（记者 张三）',
'(서울=연합뉴스) 홍길동 기자 = ', 'بغداد - أحمد علي: ').

The forms are data: the `datelines` patterns of the page's languages (`profiles/languages.toml`), each with named
groups `agency`, `outlet`, `names`, `month` and `day` (any may be absent); an `outlet` is read as printed (the
pattern puts it where no place can stand: '[아시아경제 홍길동 기자]', 'لندن: «الشرق الأوسط»:'). Reading one is this module's: the agency is a known
outlet (`outlet_names`, the registry), printed alone or with the place glued before or after it ('ニューヨーク共同',
'新华社北京'); the names are read as a byline is (the language's prefixes and suffixes: '记者 张三', '홍길동 기자'), or
as persons' names; a known outlet in their place is the agency ('【北京＝共同】'). The paragraph keeps its text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import FoundDate, find_dates
from .lexicon import LineCues
from .names import parse_byline
from .persons import looks_like_caseless_name, looks_like_person, normalise_person, split_person_list
from .text import UNSPACED

#: What separates the agencies of one dateline: '(AFP/Reuters)', '(dpa, AFP)'.
AGENCY_SEPARATORS = re.compile(r"[/,;]")


@dataclass(frozen=True)
class Dateline:
    """What an opening dateline names (as printed; the outlet's recorded name is the extractor's)."""

    text: str                                    # the dateline as printed
    agency: str | None = None
    authors: list[str] = field(default_factory=list)
    month_day: tuple[int, int] | None = None     # the date it prints, without a year
    date: FoundDate | None = None                # the date with its year printed before the agency ('PARIS, 12 avril
                                                 # 2024 (AFP) -'): the publication date when nothing else dates it

    def date_in(self, reference: dt.date | None) -> dt.date | None:
        """The dateline's date in the year of `reference` (a date printed elsewhere on the page, on or after the
        dateline's: an update date), the year before when the month and day fall after it; None without either."""
        if self.month_day is None or reference is None:
            return None
        for year in (reference.year, reference.year - 1):
            try:
                date = dt.date(year, *self.month_day)
            except ValueError:      # (30 February, or 29 February of a common year)
                continue
            if date <= reference:
                return date
        return None


def read_dateline(paragraph: str, cues: LineCues, organisation_words: frozenset[str], known_outlets: frozenset[str],
                  outlet_key) -> Dateline | None:
    """The opening dateline of `paragraph` (the text of an article's first paragraph), by the first of the
    language's `datelines` patterns that matches its start and names an agency, reporters or a date; None when it
    opens otherwise."""
    for pattern in cues.datelines:
        m = pattern.match(paragraph)
        if m is None:
            continue
        groups = m.groupdict()
        agency = _agency(groups.get("agency") or "", known_outlets, outlet_key) or (groups.get("outlet") or "").strip() \
            or None
        names = (groups.get("names") or "").strip()
        authors: list[str] = []
        if names and agency is None and (named := _agency(names, known_outlets, outlet_key)) is not None:
            agency = named      # '【北京＝共同】': an agency where the reporter goes
        elif names:
            authors = _reporters(names, cues, organisation_words, known_outlets, outlet_key)
        month_day = (int(groups["month"]), int(groups["day"])) if groups.get("month") and groups.get("day") else None
        date = None
        if month_day is None and groups.get("agency"):
            found = find_dates(paragraph[: m.start("agency")], cues.dateparser_languages, cues.calendars)
            date = found[0] if found else None
        if agency or authors or month_day:
            return Dateline(text=m.group(0).strip(), agency=agency, authors=authors, month_day=month_day, date=date)
    return None


def _agency(printed: str, known_outlets: frozenset[str], outlet_key) -> str | None:
    """The first known agency among the printed ones ('AFP/Reuters'), each whole, or at the start or the end of a
    place written without a space in Chinese or Japanese ('ニューヨーク共同', '新华社北京': the longest known name),
    as printed. (In a spaced script a word's start is no name: '(Apple)' does not name AP.)"""
    for name in (n.strip() for n in AGENCY_SEPARATORS.split(printed)):
        if outlet_key(name) in known_outlets:
            return name
        for length in range(len(name) - 1, 1, -1):
            for part, place in ((name[:length], name[length:]), (name[-length:], name[:-length])):
                if UNSPACED.search(place) and outlet_key(part) in known_outlets:
                    return part.strip()
    return None


def _reporters(names: str, cues: LineCues, organisation_words: frozenset[str], known_outlets: frozenset[str],
               outlet_key) -> list[str]:
    """The reporters a dateline names: as a byline reads them ('记者 张三', '홍길동 기자'), else a list of persons'
    names ('山田太郎', 'أحمد علي', none with an organisation word or a job title: 'وكالة الأنباء', 'مراسل الصباح'); []
    when they read as neither."""
    byline = parse_byline(names, organisation_words, known_outlets, outlet_key, cues)
    if byline is not None:
        return byline.authors
    persons = split_person_list(names, cues)
    if persons and all(looks_like_person(p, organisation_words, cues.name_words) or looks_like_caseless_name(p)
                       and not organisation_words.intersection(p.casefold().split()) and not cues.role_word.search(p)
                       for p in persons):
        return [normalise_person(p) for p in persons]
    return []
