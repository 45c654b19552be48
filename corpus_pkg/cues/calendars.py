"""Dates printed in forms the date parsers do not read, read as Gregorian dates: in another calendar or era, or with
a language's own names of the Gregorian months.

Each kind is a key of the language's table in `profiles/languages.toml`:
- `shifted_years`: years of a calendar whose months and days are the Gregorian ones, printed where a Gregorian year
  goes, told apart by their range (Thai `{ "2400-2699" = -543 }`, the Buddhist era: `12 เมษายน 2567` is 2024-04-12):
  each such year is read as the year plus the offset, by the Gregorian patterns of `dates` and after `month_names`;
- `era_years`: an era's name printed before its year, whose years are the Gregorian ones shifted by a number
  (`令和6年4月12日`, Reiwa 6 = 2024: `"令和" = 2018`; `民國113年4月12日`, the Republic of China's years: `"民國" =
  1911`); months and days are the Gregorian ones. A year 1 printed as `元` ('first') is year 1.
- `calendars`: calendars with months of their own, read by dateparser's calendar classes (its `calendars` extra:
  convertdate and hijridate): `jalali`, the Solar Hijri calendar of Iran and Afghanistan (`۲۴ فروردین ۱۴۰۳`), and
  `hijri`, the Islamic lunar calendar (`3 شوال 1445`), each a day, a month's name and a year between 1200 and 1499;
- `year_words`: words printed before a year (the Buddhist era's `พ.ศ.`, Vietnamese `năm`), left out when a date is
  read (`5 มีนาคม พ.ศ. 2567`, `ngày 5 tháng 3 năm 2024`);
- `month_names`: names of the Gregorian months that the date parsers' locale data lacks, each with its number (the
  Levantine and Iraqi `آذار`, Thai abbreviations `มี.ค.`, Vietnamese `tháng 3`), read between a day and a year of
  four digits or two: after a month's name two digits are a year, unless they are a time's hour (`5 มี.ค. 67`, a
  year of `shifted_years` when the language has them: 2567 of the Buddhist era, 2024).
A page printing a Gregorian date beside one of another calendar (`3 شوال 1445 هـ - 12 أبريل 2024 م`) is dated by the
Gregorian one (`dates.read_dates`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .text import word_pattern

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
# a year after a month's name: four digits, or two that are no time's hour ('5 มี.ค. 67', not '5 มี.ค. 10:15')
YEAR_AFTER_MONTH = r"(?P<y>\d{4}(?!\d)|\d\d(?![\d:.]))"
FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
YEAR_RANGE = re.compile(r"\d{4}-\d{4}")


def check_calendar_data(calendars: list[str], shifted_years: dict[str, int] | None,
                        month_names: dict[str, int] | None) -> None:
    """ValueError for a calendar dateparser lacks, a range of `shifted_years` not written 'first-last', or a month
    number outside 1-12 (profiles check a language table so when they load it: `profiles.LanguageCues`)."""
    unknown = [name for name in calendars if name not in CALENDAR_CLASSES]
    if unknown:
        raise ValueError(f"unknown calendar(s) {unknown}: known are {sorted(CALENDAR_CLASSES)}")
    for years in shifted_years or {}:
        if not YEAR_RANGE.fullmatch(years):
            raise ValueError(f"shifted_years: {years!r} is no range of four-digit years such as '2400-2699'")
    wrong = {name: number for name, number in (month_names or {}).items() if not 1 <= number <= 12}
    if wrong:
        raise ValueError(f"month_names: {wrong} is no month number (1-12)")


@dataclass(frozen=True)
class CalendarCues:
    """The other calendars, eras, year words and month names a page's language prints dates with (see the module)."""

    era_years: dict[str, int] = field(default_factory=dict)     # era name -> Gregorian year of its year 0
    calendars: tuple[str, ...] = ()                              # names of CALENDAR_CLASSES
    era_date: re.Pattern | None = None
    shifted_years: tuple[tuple[int, int, int], ...] = ()          # (first printed year, last, offset)
    year_words: re.Pattern | None = None                          # any of them, before a year
    month_numbers: dict[str, int] = field(default_factory=dict)   # own month name, casefolded, spaces single -> 1..12
    month_date: re.Pattern | None = None                          # a day, an own month name, a year

    @classmethod
    def of(cls, era_years: dict[str, int], calendars: list[str], shifted_years: dict[str, int] | None = None,
           year_words: list[str] | None = None, month_names: dict[str, int] | None = None) -> "CalendarCues":
        """The cues of a language's `era_years`, `calendars`, `shifted_years`, `year_words` and `month_names`
        (ValueError: `check_calendar_data`)."""
        check_calendar_data(calendars, shifted_years, month_names)
        months = {" ".join(name.casefold().split()): number for name, number in (month_names or {}).items()}
        ranges = [(int(years[:4]), int(years[-4:]), offset) for years, offset in (shifted_years or {}).items()]
        era_date = None
        if era_years:
            eras = "|".join(re.escape(e) for e in sorted(era_years, key=len, reverse=True))
            era_date = re.compile(rf"(?P<era>{eras})\s*(?P<y>\d{{1,3}}|{FIRST_YEAR})\s*(?:年|/|\.|-|\s)\s*"
                                  r"(?P<m>[01]?\d)\s*(?:月|/|\.|-)\s*(?P<d>[0-3]?\d)(?:\s*日)?(?!\d)")
        # (a year word only before a year: Vietnamese 'năm' is also 'five')
        words = re.compile(rf"{word_pattern(year_words)}(?=\s*\d)", re.I) if year_words else None
        month_date = re.compile(rf"(?<![\w.])(?P<d>[0-3]?\d)\.?\s*(?P<m>{word_pattern(list(months))})\s*,?\s*"
                                rf"{YEAR_AFTER_MONTH}", re.I) if months else None
        return cls(dict(era_years), tuple(dict.fromkeys(calendars)), era_date, tuple(ranges), words, months, month_date)

    def without_year_words(self, text: str) -> str:
        """`text` with its year words blanked, one character for one (offsets into the text hold): '5 มีนาคม พ.ศ. 2567'
        -> '5 มีนาคม      2567', '5 tháng 3 năm 2024' -> '5 tháng 3     2024'."""
        return self.year_words.sub(lambda m: " " * len(m[0]), text) if self.year_words is not None else text

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

    def dates(self, text: str) -> list[tuple[int, int, dt.date, str]]:
        """(start, end, Gregorian date, calendar) of each date of these eras, calendars and month names in `text` (its
        digits ASCII, `unshifted`, `without_year_words`), in order of the patterns, each screened cheaply first; `calendar` is the era's
        name or the calendar's, 'shifted' for a two-digit year of `shifted_years`, '' for a Gregorian year."""
        found = []
        if self.era_date is not None and any(era in text for era in self.era_years):
            for m in self.era_date.finditer(text):
                year = 1 if m["y"] == FIRST_YEAR else int(m["y"])
                try:
                    found.append((m.start(), m.end(), dt.date(self.era_years[m["era"]] + year, int(m["m"]), int(m["d"])),
                                  m["era"]))
                except ValueError:
                    continue
        if self.calendars and not text.isascii() and CALENDAR_YEAR.search(text):
            for m in MONTH_NAME_DATE.finditer(text):
                for name in self.calendars:
                    value = _calendar_date(name, m["d"], m["m"], m["y"])
                    if value is not None:
                        found.append((m.start(), m.end(), value, name))
                        break
        for m in self.month_date.finditer(text) if self.month_date is not None else ():
            year, offset = self._year(m["y"])
            try:
                value = dt.date(year, self.month_numbers[" ".join(m["m"].casefold().split())], int(m["d"]))
            except (KeyError, ValueError):
                continue
            found.append((m.start(), m.end(), value, "shifted" if offset else ""))
        return found

    def _year(self, printed: str) -> tuple[int, int]:
        """(Gregorian year, offset) of a year printed after an own month name: four digits as they are (`unshifted`
        wrote a shifted one as Gregorian); two digits a year of the first range of `shifted_years` holding it, else a
        Gregorian year, of the latest century that does not put it after next year ('5 มี.ค. 67': 2567 of the
        Buddhist era, 2024)."""
        if len(printed) != 2:
            return int(printed), 0
        for first, last, offset in self.shifted_years:
            if first <= (year := _latest_century(printed, offset)) <= last:
                return year + offset, offset
        return _latest_century(printed, 0), 0


def _latest_century(two_digits: str, offset: int) -> int:
    """The year ending in `two_digits`, of a calendar `offset` years from the Gregorian, that falls no later than
    next year: '67' -> 2567 in the Buddhist era (offset -543), 1967 in the Gregorian calendar."""
    latest = dt.date.today().year + 1 - offset
    year = latest // 100 * 100 + int(two_digits)
    return year if year <= latest else year - 100


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
