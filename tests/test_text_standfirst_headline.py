"""A text page's headline over its standfirst (pages written for these tests): the standfirst is the subtitle,
whether or not it ends with a full stop, and the headline stays the title."""

from __future__ import annotations

import pytest

from test_extraction import PARA, PARA2, PARA3
from test_markdown_headings_marks import DE, ES, one, page

NAV = ["The Harbour Herald", "News  Sport  Opinion", ""]


@pytest.mark.parametrize("head, paragraphs", [
    (["Pipeline promises wear thin in the east",
      "Villagers say they have heard the council's promises before, and the water has still not arrived.",
      "", "By Jane Roe", "April 12, 2024"], [PARA, PARA2, PARA3]),
    (["Gemeinderat beschließt neue Brücke",
      "Dreihundert Meter, zwei Fahrspuren und ein Radweg: Die Anwohner fürchten dennoch jahrelange Umleitungen.",
      "", "Von Anna Schmidt", "12.04.2024, 14:30 Uhr"], DE),
    (["Ayuntamiento aprueba un nuevo puente",
      "Los vecinos temen que las obras duren más de lo previsto y que el presupuesto se dispare otra vez.",
      "", "Por María López", "12/04/2024 14:30"], ES),
])
def test_a_standfirst_ending_with_a_full_stop_is_the_subtitle(head, paragraphs):
    r = one(page(NAV + head, paragraphs))
    assert (r.title, r.subtitle) == (head[0], head[1])
    assert head[1] not in r.text


SHARE = ["", "Share on Facebook", "Share on X", "Share via Email", "Share on WhatsApp", ""]


@pytest.mark.parametrize("head, paragraphs", [
    (["Eastern villages left waiting as the council's water pledge runs dry",
      "Residents say the promised pipeline has still not reached them after three winters", "",
      "By Jane Roe and John Doe", "Tue 5 Mar 2024 14.32 GMT", "Last modified on Wed 6 Mar 2024 09.10 GMT"] + SHARE,
     [PARA, PARA2, PARA3]),
    (["Bridge row: neighbours vow to fight on",
      "Los vecinos temen que las obras duren más de lo previsto y que el presupuesto se dispare otra vez", "",
      "Por María López", "12/04/2024 14:30"], ES),
    (["Alles auf eine Karte gesetzt",
      "Der Gemeinderat stimmt mit großer Mehrheit für den Neubau über den Fluss trotz der Proteste", "",
      "Von Anna Schmidt", "12.04.2024, 14:30 Uhr"] + SHARE, DE),
])
def test_a_headline_the_text_does_not_echo_stays_the_title_over_its_standfirst(head, paragraphs):
    r = one(page(NAV + head, paragraphs))
    assert (r.title, r.subtitle) == (head[0], head[1])
