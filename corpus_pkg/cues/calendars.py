"""Dates printed in another calendar than the Gregorian, read as Gregorian dates.

Three kinds, each language's in its table of `profiles/languages.toml`:
- `shifted_years`: years of a calendar whose months and days are the Gregorian ones, printed where a Gregorian year
  goes, told apart by their range (`{ "2400-2699" = -543 }` would read the Buddhist era's `12 เม.ย. 2567` as 2024):
  each such year is read as the year plus the offset, by the Gregorian patterns;
- `era_years`: an era's name printed before its year, whose years are the Gregorian ones shifted by a number
  (`令和6年4月12日`, Reiwa 6 = 2024: `"令和" = 2018`; `民國113年4月12日`, the Republic of China's years: `"民國" =
  1911`); months and days are the Gregorian ones. A year 1 printed as `元` ('first') is year 1.
- `calendars`: calendars with months of their own, read by dateparser's calendar classes (its `calendars` extra:
  convertdate and hijridate): `jalali`, the Solar Hijri calendar of Iran and Afghanistan (`۲۴ فروردین ۱۴۰۳`), and
  `hijri`, the Islamic lunar calendar (`3 شوال 1445`), each a day, a month's name and a year between 1200 and 1499.
A page printing a Gregorian date beside one of these (`3 شوال 1445 هـ - 12 أبريل 2024 م`) is dated by the
Gregorian one (`dates.read_dates`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

# the calendar classes of dateparser, by the name the language table gives them
CALENDAR_CLASSES = {"jalali": "dateparser.calendars.jalali.JalaliCalendar",
                    "hijri": "dateparser.calendars.hijri.HijriCalendar"}
# a letter of a month's name: a letter, or a vowel sign or virama of the Indic scripts or Thai, which are marks, not
# letters, to `re` ('मार्च', 'มีนาคม'); also for the Gregorian months of `dates`
MONTH_LETTER = r"(?:[^\W\d_]|[\u0900-\u0dff\u0e00-\u0e7f])"
CALENDAR_YEAR = re.compile(r"(?<!\d)1[2-4]\d\d(?!\d)")           # Solar Hijri 1279 and Hijri 1318 are 1900
# (a month's name may be two words: 'ربيع الأول', 'ذو القعدة')
MONTH_NAME_DATE = re.compile(rf"(?<![\w.])(?P<d>[0-3]?\d)\s+(?P<m>{MONTH_LETTER}{{2,}}(?:[\s\u200c]{MONTH_LETTER}{{2,}})?)"
                             r"\s+(?P<y>1[2-4]\d\d)(?!\d)")
FIRST_YEAR = "元"
FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
YEAR_RANGE = re.compile(r"\d{4}-\d{4}")


@dataclass(frozen=True)
class CalendarCues:
    """The other calendars a page's language prints dates in (see the module)."""

    era_years: dict[str, int] = field(default_factory=dict)     # era name -> Gregorian year of its year 0
    calendars: tuple[str, ...] = ()                              # names of CALENDAR_CLASSES
    era_date: re.Pattern | None = None
    shifted_years: tuple[tuple[int, int, int], ...] = ()          # (first printed year, last, offset)

    @classmethod
    def of(cls, era_years: dict[str, int], calendars: list[str],
           shifted_years: dict[str, int] | None = None) -> "CalendarCues":
        """The cues of a language's `era_years`, `calendars` and `shifted_years` (ValueError for a calendar
        dateparser lacks, or a range of years not written 'first-last')."""
        unknown = [name for name in calendars if name not in CALENDAR_CLASSES]
        if unknown:
            raise ValueError(f"unknown calendar(s) {unknown}: known are {sorted(CALENDAR_CLASSES)}")
        ranges = []
        for years, offset in (shifted_years or {}).items():
            if not YEAR_RANGE.fullmatch(years):
                raise ValueError(f"shifted_years: {years!r} is no range of four-digit years such as '2400-2699'")
            ranges.append((int(years[:4]), int(years[-4:]), offset))
        era_date = None
        if era_years:
            eras = "|".join(re.escape(e) for e in sorted(era_years, key=len, reverse=True))
            era_date = re.compile(rf"(?P<era>{eras})\s*(?P<y>\d{{1,3}}|{FIRST_YEAR})\s*(?:年|/|\.|-|\s)\s*"
                                  r"(?P<m>[01]?\d)\s*(?:月|/|\.|-)\s*(?P<d>[0-3]?\d)(?:\s*日)?(?!\d)")
        return cls(dict(era_years), tuple(dict.fromkeys(calendars)), era_date, tuple(ranges))

    def unshifted(self, text: str) -> str:
        """`text` (its digits ASCII) with each year of `shifted_years` written as its Gregorian year, when that has
        as many digits (offsets into the text hold)."""
        if not self.shifted_years or not FOUR_DIGITS.search(text):
            return text

        def gregorian(m: re.Match) -> str:
            year = int(m[0])
            for first, last, offset in self.shifted_years:
                if first <= year <= last and 1000 <= year + offset <= 9999:
                    return str(year + offset)
            return m[0]

        return FOUR_DIGITS.sub(gregorian, text)

    def may_print(self, text: str) -> bool:
        """A cheap screen: whether `text` (its digits ASCII) may print a date of these calendars."""
        return (self.era_date is not None and any(era in text for era in self.era_years)) \
            or (bool(self.calendars) and CALENDAR_YEAR.search(text) is not None)

    def dates(self, text: str) -> list[tuple[int, int, dt.date, str]]:
        """(start, end, Gregorian date, calendar) of each date of these calendars in `text` (its digits ASCII),
        in order of the patterns; `calendar` is the era's name or the calendar's."""
        found = []
        if self.era_date is not None:
            for m in self.era_date.finditer(text):
                year = 1 if m["y"] == FIRST_YEAR else int(m["y"])
                try:
                    found.append((m.start(), m.end(), dt.date(self.era_years[m["era"]] + year, int(m["m"]), int(m["d"])),
                                  m["era"]))
                except ValueError:
                    continue
        for m in MONTH_NAME_DATE.finditer(text) if self.calendars else ():
            for name in self.calendars:
                value = _calendar_date(name, m["d"], m["m"], m["y"])
                if value is not None:
                    found.append((m.start(), m.end(), value, name))
                    break
        return found


@lru_cache(maxsize=4096)
def _calendar_date(calendar: str, day: str, month: str, year: str) -> dt.date | None:
    """'24', 'فروردین', '1403' in `calendar` -> its Gregorian date, by dateparser's calendar class; None when the
    class reads no date there (a month name of another calendar)."""
    module, _, name = CALENDAR_CLASSES[calendar].rpartition(".")
    reader = getattr(importlib.import_module(module), name)
    try:
        parsed = reader(f"{day} {month} {year}").get_date()
    except (ValueError, OverflowError, TypeError, KeyError):
        return None
    # (a word that is no month of the calendar is skipped by the class, which then reads a year and a day alone)
    if parsed is None or parsed.date_obj is None or not {"year", "month", "day"} <= set(parsed.parts or ()):
        return None
    return parsed.date_obj.date()
