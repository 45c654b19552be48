"""A byline printed without 'By' under a headline (pages written for these tests): names alone, joined by the
page's joiners, or a name over its job title; never the standfirst."""

from __future__ import annotations

import pytest

from test_extraction import PARA, PARA2, PARA3
from test_markdown_headings_marks import DE, ES, one, page


@pytest.mark.parametrize("lines, paragraphs, authors", [
    (["Council Approves New Bridge Over the River", "", "Jane Roe", "Staff Writer", "April 12, 2024"],
     [PARA, PARA2, PARA3], ["Jane Roe"]),
    (["Council Approves New Bridge Over the River", "", "Jane Roe", "Senior Correspondent"],
     [PARA, PARA2, PARA3], ["Jane Roe"]),
    (["Council Approves New Bridge Over the River", "", "Jane Roe and John Doe", "Apr. 12, 2024 2:30 p.m. PT"],
     [PARA, PARA2, PARA3], ["Jane Roe", "John Doe"]),
    (["Gemeinderat beschließt neue Brücke", "", "Anna Schmidt und Max Muster", "12.04.2024, 14:30 Uhr"], DE,
     ["Anna Schmidt", "Max Muster"]),
    (["Ayuntamiento aprueba un nuevo puente", "", "María López y Pedro Gómez Ruiz", "12/04/2024 14:30"], ES,
     ["María López", "Pedro Gómez Ruiz"]),
    (["Ayuntamiento aprueba un nuevo puente", "", "María López", "Corresponsal"], ES, ["María López"]),
])
def test_names_under_a_headline_without_by_are_the_byline_not_the_standfirst(lines, paragraphs, authors):
    r = one(page(lines, paragraphs))
    assert (r.authors, r.subtitle) == (authors, None)
    assert r.byline == lines[2]


def test_two_one_word_names_are_no_list_of_persons():
    r = one(page(["Harbour Talks Stall", "", "Biden and Trump", "April 12, 2024"], [PARA, PARA2, PARA3]))
    assert r.authors == []


@pytest.mark.parametrize("lines, paragraphs, authors", [
    (["Council Approves New Bridge Over the River", "Engineers expect the work to take three years", "",
      "Jane Roe in Glasgow and John Doe in Leeds", "Tue 5 Mar 2024 14.32 GMT"], [PARA, PARA2, PARA3],
     ["Jane Roe", "John Doe"]),
    (["Council Approves New Bridge Over the River", "", "Jane Roe, John Doe", "April 12, 2024"],
     [PARA, PARA2, PARA3], ["Jane Roe", "John Doe"]),
    (["Gemeinderat beschließt neue Brücke", "", "Anna Schmidt, Max Muster", "12.04.2024, 14:30 Uhr"], DE,
     ["Anna Schmidt", "Max Muster"]),
    (["Ayuntamiento aprueba un nuevo puente", "", "María López, Pedro Gómez Ruiz", "12/04/2024 14:30"], ES,
     ["María López", "Pedro Gómez Ruiz"]),
])
def test_two_names_with_their_places_or_a_comma_are_two_authors(lines, paragraphs, authors):
    r = one(page(lines, paragraphs))
    assert r.authors == authors
    assert r.byline == lines[-2]
