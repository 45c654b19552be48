"""Issue 15u: authors and dates of rendered web pages read as text (pages written for these tests).

A date line printed over the headline, a byline carrying a social handle or a job title, a heading that merely
looks like a name (a tag under a 'Tags' label, a section label) away from the headline."""

from __future__ import annotations

from test_extraction import PARA, PARA2, PARA3, analyse

NAV = ["Skip to content", "Home", "World", "Business", "Sign in", ""]
BODY = ["", PARA, "", PARA2, "", PARA3, ""]


def one(lines: list[str]):
    _, records = analyse("\n".join(lines))
    assert len(records) == 1
    return records[0]


def test_a_date_line_printed_over_the_headline_is_the_articles_date():
    r = one(NAV + ["Mar. 14, 2023 6:02 AM EST", "Villagers Still Waiting for the Water Pipeline", "By Maria Okafor"] + BODY)
    assert r.title == "Villagers Still Waiting for the Water Pipeline"
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_a_date_under_the_headline_comes_before_one_over_it():
    r = one(NAV + ["Mar. 13, 2023", "Villagers Still Waiting for the Water Pipeline", "By Maria Okafor",
                   "Published 14 March 2023"] + BODY)
    assert r.published_date.isoformat() == "2023-03-14"
