"""A text page's header with a reading time, a subscriber-only label, a byline with the reporter's place and role
in brackets, and a menu of section names printed apart (pages written for these tests, several languages): the
headline stays the title and the byline names the reporter."""

from __future__ import annotations

import pytest

from test_extraction import PARA, PARA2, PARA3
from test_markdown_headings_marks import DE, ES, one, page

FR = ["Le conseil municipal a voté mardi, à une large majorité, la construction d'un nouveau pont sur le fleuve, "
      "long d'environ trois cents mètres et doté de deux voies de circulation.",
      "Le coût est estimé à quatre-vingts millions d'euros, financés pour l'essentiel par la région, selon l'adjointe "
      "chargée de l'urbanisme, qui s'exprimait à l'issue de la séance.",
      "Les riverains redoutent le bruit, la poussière et les déviations pendant les trois années de travaux."]


@pytest.mark.parametrize("lines, paragraphs, author", [
    (["La Gazette du Fleuve", "Actualités  Économie  Culture  Idées  Sport", "", "Régions",
      "Un nouveau pont divise les riverains", "", "Par Claire Martin (Orléans, envoyée spéciale)",
      "Publié le 12 avril 2024 à 10h30", "Temps de lecture 4 min.", "", "Article réservé aux abonnés", ""], FR,
     "Claire Martin"),
    (["El Diario del Río", "Portada  Nacional  Internacional  Opinión", "",
      "Un nuevo puente divide a los vecinos", "", "Por Lucía Gómez (Sevilla, enviada especial)",
      "12/04/2024 14:30", "Tiempo de lectura: 5 min", "", "Exclusivo para suscriptores", ""], ES, "Lucía Gómez"),
    (["Flussblatt", "Politik  Wirtschaft  Kultur  Sport", "", "Neue Brücke spaltet die Anwohner", "",
      "Von Anna Schmidt (Köln)", "12.04.2024, 14:30 Uhr", "Lesezeit: 4 Min.", "", "Abo", ""], DE, "Anna Schmidt"),
    (["The River Gazette", "News  Politics  Business  Culture", "", "New bridge splits the riverside", "",
      "By Jane Roe (Leeds, correspondent)", "April 12, 2024", "5 min read", "", "Subscriber only", ""],
     [PARA, PARA2, PARA3], "Jane Roe"),
])
def test_header_labels_and_a_bracketed_place_leave_the_headline_and_the_byline(lines, paragraphs, author):
    r = one(page(lines, paragraphs))
    headline = next(line for line in lines if line.startswith(("Un ", "Neue ", "New ")))
    assert r.title == headline
    assert r.authors == [author]
    assert r.outlet is None     # a section's name ('Régions') or the menu is no outlet
    reading_time, subscriber_label = lines[-5], lines[-2]
    assert reading_time not in r.text and subscriber_label not in r.text.split("\n\n")
