"""Issue 15: what the extractor remembers gives what it would compute again.

* a footer's date text is read once per process (`extract._date_of`): the same date `cues.find_date` reads,
  for dates in every printed form the date patterns know, repeated, and for texts with no date.
"""

from __future__ import annotations

import datetime as dt
import random

from corpus_pkg import cues, extract


def date_texts() -> list[str]:
    rng = random.Random(15)
    days = [dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(3000)) for _ in range(40)]
    forms = ["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%A, %B %d, %Y", "%d/%m/%Y"]
    texts = [day.strftime(rng.choice(forms)) for day in days]
    texts += ["Posted on " + t + " in News" for t in texts[:10]]
    texts += ["", "no date here", "34 Biden 2055", "31 February 2020", "5 марта 2024", "2024", "March 2024",
              "Tuesday", "12:30 PM", "1 Jan 1850"]
    return texts + rng.sample(texts, len(texts))       # each text twice at least: the second time is remembered


def test_a_remembered_footer_date_is_the_date_read_again():
    read = 0
    for text in date_texts():
        found = cues.find_date(text)
        assert extract._date_of(text) == (found.value if found else None), text
        read += found is not None
    assert read > 80 and extract._date_of.cache_info().hits > 0
