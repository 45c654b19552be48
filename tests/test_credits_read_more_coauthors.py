"""Round 11a: photo credits inside an article, a 'read more' link ending a short paragraph, co-authors printed one a
line, and a person with an agency under the headline.

- A photo's credit ('Photo: Jane Roe / Reuters', 'Foto: dpa', '© Reuters', 'Crédit photo : AFP') under the headline or
  between paragraphs is the article's furniture (`photo_credit`): never an end or a start of an article, and the
  paragraph under it stays text; the line over it is its caption only when it reads as one.
- 'Les habitants restent sceptiques. Lire la suite': a paragraph, not a heading; the marker is cut, the text truncated.
- 'By Jane Roe' / 'and John Doe' / 'Reuters', 'Jane Roe' / 'John Doe' / 'Reuters': every name an author.
- 'Jane Roe/AP' directly under the headline is the byline; under a photo or between paragraphs, a credit.
Pages here are written for these tests.
"""

from __future__ import annotations

import pytest
from test_extraction import analyse, page_of

EN = ["The regional council said on Monday that the new water pipeline would reach the eastern villages before the "
      "summer, after two years of delays blamed on funding and on disputes over the route.",
      "Residents interviewed in three villages said they had heard such promises before, and several asked why the "
      "contractor had been paid in full while the trenches stood empty for months.",
      "Officials did not answer questions about the contract, but a spokesman promised that an independent audit "
      "would be published once the first section of the pipeline is working.",
      "The audit is expected in the autumn, and the council said it would publish the contract too if the "
      "contractor agreed to it."]
DE = ["Die Stadtverwaltung will bis zum Herbst drei neue Radwege am Ufer bauen lassen, wie der Bürgermeister am "
      "Dienstag im Rat ankündigte, und die Anwohner sollen dabei mitreden dürfen.",
      "Die Kosten von rund zwei Millionen Euro trägt zum größten Teil das Land, teilte die Verwaltung mit, den Rest "
      "zahlt die Stadt aus ihrem Haushalt für den Verkehr der nächsten Jahre.",
      "Kritiker im Stadtrat bemängeln, dass die Pläne erst nach der Sommerpause öffentlich ausgelegt werden sollen, "
      "obwohl die Bauarbeiten schon im Frühjahr beginnen könnten."]
FR = ["Le conseil régional a annoncé lundi que le nouveau pipeline atteindrait les villages de l'est avant l'été, "
      "après deux ans de retard dus au financement et à des conflits sur le tracé.",
      "Les habitants interrogés dans trois villages disent avoir déjà entendu de telles promesses, et plusieurs "
      "demandent pourquoi l'entreprise a été payée alors que les tranchées restaient vides.",
      "Les responsables n'ont pas répondu aux questions sur le contrat, mais un porte-parole a promis la publication "
      "d'un audit indépendant dès que le premier tronçon fonctionnera."]
ES = ["El ayuntamiento aprobó el martes el proyecto de la nueva biblioteca del barrio, que abrirá sus puertas antes "
      "de que termine el próximo año según explicó la alcaldesa en el pleno.",
      "Las obras costarán unos doce millones de euros y se financiarán en parte con fondos de la comunidad autónoma, "
      "mientras que el resto saldrá del presupuesto municipal.",
      "Los vecinos llevaban años pidiendo un espacio de estudio con horario ampliado, y la asociación del barrio ha "
      "celebrado la decisión aunque pide que se respeten los plazos."]
PAGES = {  # language: (headline, byline, date, paragraphs, a short lead)
    "en": ("Pipeline Work Resumes in the Eastern Villages", "By John Doe", "March 3, 2024", EN,
           "Work on the pipeline resumed on Monday."),
    "de": ("Neue Radwege entlang des Flusses geplant", "Von Anna Becker", "12. März 2024", DE,
           "Die Stadt plant neue Radwege."),
    "fr": ("Le chantier du pipeline reprend dans les villages", "Par Marie Dupont", "3 mars 2024", FR,
           "Le chantier a repris lundi matin."),
    "es": ("El barrio tendrá una nueva biblioteca", "Por Lucía Gómez", "5 de marzo de 2024", ES,
           "La biblioteca abrirá el año próximo."),
}


def roles_of(page) -> dict[str, tuple[str, str | None]]:
    return {b.text: role[:2] for b, role in zip(page.blocks, page.roles) if b.text}


# -- 1. photo credits inside the article ----------------------------------------------------------------------------

CREDITS = [("en", "Photo: Jane Roe / Reuters"), ("en", "© Reuters"), ("en", "Image: AFP via Getty Images"),
           ("en", "Photo by Jane Roe"), ("de", "Foto: dpa"), ("de", "© picture alliance/dpa"),
           ("fr", "Crédit photo : AFP"), ("fr", "© AFP"), ("es", "Foto: EFE"), ("es", "© EFE")]


@pytest.mark.parametrize("language, credit", CREDITS)
def test_a_credit_under_the_header_keeps_the_short_lead_under_it(language, credit):
    headline, byline, date, paragraphs, lead = PAGES[language]
    page, records = analyse(page_of(headline, byline, date, credit, lead, *paragraphs))
    assert len(records) == 1
    assert records[0].title == headline
    assert records[0].paragraphs == [lead, *paragraphs]
    assert roles_of(page)[credit] == ("boilerplate", "photo_credit")


@pytest.mark.parametrize("language, credit", CREDITS)
def test_a_credit_between_paragraphs_ends_nothing(language, credit):
    headline, byline, date, paragraphs, _ = PAGES[language]
    page, records = analyse(page_of(headline, byline, date, paragraphs[0], credit, *paragraphs[1:]))
    assert len(records) == 1
    assert records[0].paragraphs == paragraphs and not records[0].truncated
    assert roles_of(page)[credit] == ("boilerplate", "photo_credit")


@pytest.mark.parametrize("language, credit", CREDITS)
def test_a_caption_over_its_credit_is_no_text_nor_a_new_article(language, credit):
    """A heading-shaped caption over its credit, late in the text: the caption is boilerplate, the text goes on; on a
    page of two articles, the pair opens no third one."""
    headline, byline, date, paragraphs, _ = PAGES[language]
    caption = "Workers Lay Pipes Near Eastvale" if language == "en" else "Arbeiter am Ufer" if language == "de" \
        else "Les ouvriers au travail" if language == "fr" else "Obras en el barrio"
    page, records = analyse(page_of(headline, byline, date, *paragraphs[:2], caption, credit, *paragraphs[2:]))
    assert len(records) == 1 and records[0].paragraphs == paragraphs
    assert roles_of(page)[caption] == ("boilerplate", "caption")
    other = f"{headline} (2)"
    page, records = analyse(page_of(headline, byline, date, *paragraphs[:2], caption, credit, *paragraphs[2:],
                                    other, byline, date, *reversed(paragraphs)), layout="multi")
    assert [r.title for r in records] == [headline, other]
    assert records[0].paragraphs == paragraphs


def test_a_short_caption_over_its_credit_is_left_out_a_paragraph_in_the_text_is_not():
    """The line over a credit is its caption when it is out of the text's flow (under the header); a paragraph
    under a paragraph or its sub-heading stays text (a photo without caption, a credit printed before its
    caption)."""
    headline, byline, date, paragraphs, _ = PAGES["en"]
    caption = "Villagers queue at a water tanker in Eastvale on Monday."
    page, records = analyse(page_of(headline, byline, date, caption, "Photo: Jane Roe / Reuters", *paragraphs))
    assert records[0].paragraphs == paragraphs
    assert roles_of(page)[caption] == ("boilerplate", "caption")
    short = "The council has not said when the work will end."
    page, records = analyse(page_of(headline, byline, date, *paragraphs[:2], "What Happens Next", short,
                                    "© Reuters", *paragraphs[2:]))
    assert records[0].paragraphs == [*paragraphs[:2], "What Happens Next", short, *paragraphs[2:]]


@pytest.mark.parametrize("footer", ["© 2024 Example Media Ltd", "© Example News 2024. All rights reserved.",
                                    "© The Example Gazette, a Example Media newspaper",
                                    "© Example News | Privacy Policy | Terms of Use"])
def test_a_sites_copyright_line_is_still_its_footer(footer):
    headline, byline, date, paragraphs, _ = PAGES["en"]
    page, records = analyse(page_of(headline, byline, date, *paragraphs, footer))
    assert roles_of(page)[footer] == ("boilerplate", "site_footer")


# -- 2. a short paragraph ending with a 'read more' link ------------------------------------------------------------

@pytest.mark.parametrize("language, ending, marker", [
    ("en", "The contractor has not commented.", "Read more"),
    ("en", "The contractor has not commented.", "Continue reading »"),
    ("fr", "Les habitants restent sceptiques.", "Lire la suite"),
    ("de", "Die Anwohner sind skeptisch.", "Weiterlesen"),
    ("es", "Los vecinos siguen esperando.", "Leer más »"),
])
def test_a_short_paragraph_ending_with_read_more_is_the_last_paragraph(language, ending, marker):
    headline, byline, date, paragraphs, _ = PAGES[language]
    line = f"{ending} {marker}"
    page, records = analyse(page_of(headline, byline, date, *paragraphs, line))
    assert len(records) == 1 and records[0].title == headline
    assert records[0].paragraphs == [*paragraphs, ending]
    assert records[0].truncated
    assert roles_of(page)[line] == ("body", None)


@pytest.mark.parametrize("language, teaser", [("en", "Dockers return to work. Read more"),
                                              ("de", "Die Hafenarbeiter kehren zurück. Weiterlesen"),
                                              ("fr", "Les dockers reprennent le travail. Lire la suite")])
def test_a_teaser_ending_with_read_more_is_no_headline(language, teaser):
    """A teaser over the article's header, its text ending with the marker: never the title nor its header."""
    headline, byline, date, paragraphs, _ = PAGES[language]
    page, records = analyse(page_of("Harbour Strike Ends", teaser, headline, byline, date, *paragraphs))
    assert len(records) == 1 and records[0].title == headline
    assert page.blocks[[b.text for b in page.blocks].index(teaser)].cls == "prose"


# -- 3. co-authors printed one a line -------------------------------------------------------------------------------

@pytest.mark.parametrize("language, header, authors, outlet", [
    ("en", ["By Jane Roe", "and John Doe", "Reuters"], ["Jane Roe", "John Doe"], "Reuters"),
    ("en", ["Jane Roe", "John Doe", "Reuters"], ["Jane Roe", "John Doe"], "Reuters"),
    ("en", ["Jane Roe", "John Doe", "Mary Major", "March 3, 2024"], ["Jane Roe", "John Doe", "Mary Major"], None),
    ("en", ["Jane Roe", "John Doe", "Associated Press", "March 3, 2024"], ["Jane Roe", "John Doe"],
     "Associated Press"),
    ("fr", ["Marie Dupont", "Jean Martin", "AFP"], ["Marie Dupont", "Jean Martin"], "Agence France-Presse"),
    ("de", ["Von Anna Becker", "und Tobias Weber", "dpa"], ["Anna Becker", "Tobias Weber"], "Deutsche Presse-Agentur"),
])
def test_every_coauthor_printed_one_a_line_is_an_author(language, header, authors, outlet):
    headline, _, _, paragraphs, _ = PAGES[language]
    page, records = analyse(page_of(headline, *header, *paragraphs))
    assert len(records) == 1 and records[0].title == headline
    assert (records[0].authors, records[0].outlet) == (authors, outlet)
    assert all(roles_of(page)[line][0] in ("byline", "metadata") for line in header)


def test_a_name_shaped_label_over_the_text_is_still_no_coauthor():
    headline, _, _, paragraphs, _ = PAGES["en"]
    _, records = analyse(page_of(headline, "Jane Roe", "Key Points", *paragraphs))
    assert records[0].authors == ["Jane Roe"]


# -- 4. a person and an agency under the headline -------------------------------------------------------------------

@pytest.mark.parametrize("language, line, author, outlet", [
    ("en", "Jane Roe/AP", "Jane Roe", "Associated Press"),
    ("en", "Jane Roe | AFP", "Jane Roe", "Agence France-Presse"),
    ("fr", "Marie Dupont/AFP", "Marie Dupont", "Agence France-Presse"),
    ("de", "Max Muster/dpa", "Max Muster", "Deutsche Presse-Agentur"),
    ("es", "Lucía Gómez | EFE", "Lucía Gómez", "EFE"),
])
def test_a_person_and_agency_under_the_headline_are_its_byline(language, line, author, outlet):
    headline, _, date, paragraphs, _ = PAGES[language]
    for header in ([line], [line, date]):
        page, records = analyse(page_of(headline, *header, *paragraphs))
        assert len(records) == 1 and records[0].title == headline
        assert (records[0].authors, records[0].outlet, records[0].byline) == ([author], outlet, line)
        assert roles_of(page)[line][0] == "byline"
    # the same line under a photo, or under a caption between paragraphs, is the photo's credit
    page, records = analyse(page_of(headline, "![The pier](https://example.org/pier.jpg)", line, *paragraphs))
    assert records[0].authors == [] and roles_of(page)[line] == ("boilerplate", "photo_credit")
    page, records = analyse(page_of(headline, "By Tom Lee", paragraphs[0], "The Old Pier", line, *paragraphs[1:]))
    assert records[0].authors == ["Tom Lee"] and roles_of(page)[line] == ("boilerplate", "photo_credit")
    # ... and so is it under a caption printed under the article's byline and date
    page, records = analyse(page_of(headline, "By Tom Lee", date, "The Old Pier", line, *paragraphs))
    assert records[0].authors == ["Tom Lee"] and roles_of(page)[line] == ("boilerplate", "photo_credit")
