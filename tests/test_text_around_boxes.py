"""Text that a page's layout interrupts or frames stays the article's: paragraphs after a related-links box printed
inside the text ('À lire aussi' / a headline / the text goes on), a short heading-shaped lede under the header's date
line, and a bare question closing the text over the page's footer. And what only looks so stays out: a box at the
text's end still closes it, and so does one over the next article's header; teaser cards under a box are no text; a
list of question headlines is no last paragraph. Every page here was written for these tests, with invented names."""

from __future__ import annotations

import pytest
from test_extraction import analyse, page_of


def record_of(text: str):
    _, records = analyse(text)
    assert len(records) == 1, [r.title for r in records]
    return records[0]


def paragraphs_of(record) -> list[str]:
    return record.text.split("\n\n")


FOOTER = ("Share this article", "© 2024 The Valley Courier. All rights reserved.")

# ------------------------------------------------------------------------------------------------
# a related-links box inside the text: heading, one to three headlines, then the same text goes on

BOXED = {
    "en": ("Wind farm plan approved despite protests", "By Ellen Marsh", "3 March 2024",
           ["The county council approved plans on Tuesday for a wind farm of twelve turbines on the moor above the "
            "village, despite months of protests from residents.",
            "Campaigners said they would consider a legal challenge to the decision, which they called a betrayal of "
            "the people who live here."],
           "Read more", ["Villagers vow to fight turbine plan", "Council delays wind farm vote"],
           ["The developer said construction would begin next spring and that the turbines would power twenty "
            "thousand homes."]),
    "en-most-read": ("Bakery closes after ninety years", "By Tom Price", "4 March 2024",
           ["The oldest bakery in town will close its doors on Saturday after ninety years, its owners said on "
            "Monday, blaming rising energy bills.",
            "Regulars queued around the block on Monday morning to buy a last loaf from the family that has run it "
            "for three generations."],
           "Most read", ["Bypass to open in June", "School wins national choir prize", "Ferry fares to rise again"],
           ["The owners said they hoped another baker would take over the building and keep the ovens going.",
            "A farewell party is planned for Saturday afternoon."]),
    "fr": ("Le parc éolien approuvé malgré les protestations", "Par Claire Fabre", "3 mars 2024",
           ["Le conseil départemental a approuvé mardi le projet de parc éolien de douze turbines sur le plateau, "
            "malgré des mois de protestations des habitants.",
            "Les opposants ont annoncé qu'ils envisageaient un recours contre cette décision, qu'ils jugent injuste "
            "pour les habitants."],
           "À lire aussi", ["Les habitants promettent de se battre contre les éoliennes"],
           ["Le promoteur a indiqué que les travaux commenceraient au printemps prochain et que les turbines "
            "alimenteraient vingt mille foyers."]),
    "de": ("Windpark trotz Protesten genehmigt", "Von Jonas Keller", "3. März 2024",
           ["Der Kreistag hat am Dienstag den Bau eines Windparks mit zwölf Anlagen auf der Anhöhe über dem Dorf "
            "genehmigt, trotz monatelanger Proteste der Anwohner.",
            "Die Gegner kündigten an, eine Klage gegen die Entscheidung zu prüfen, die sie als Verrat an den "
            "Menschen im Ort bezeichneten."],
           "Lesen Sie auch", ["Dorf wehrt sich gegen Windräder", "Kreistag vertagt Entscheidung"],
           ["Der Betreiber teilte mit, der Bau solle im kommenden Frühjahr beginnen und die Anlagen sollten "
            "zwanzigtausend Haushalte versorgen."]),
    "es": ("Aprobado el parque eólico pese a las protestas", "Por Lucía Ferrer", "3 de marzo de 2024",
           ["El consejo provincial aprobó el martes el proyecto de un parque eólico de doce aerogeneradores en la "
            "meseta, pese a meses de protestas de los vecinos.",
            "Los opositores anunciaron que estudian recurrir la decisión, que consideran injusta para los que viven "
            "en el pueblo."],
           "Leer más", ["Los vecinos prometen luchar contra los molinos"],
           ["La empresa dijo que las obras empezarán la próxima primavera y que los aerogeneradores abastecerán a "
            "veinte mil hogares.",
            "Los vecinos se reunirán el jueves para decidir sus próximos pasos."]),
}


@pytest.mark.parametrize("language", sorted(BOXED))
def test_the_text_goes_on_after_a_related_links_box_inside_it(language):
    headline, byline, date, before, heading, links, after = BOXED[language]
    r = record_of(page_of(headline, byline, date, *before, heading, *links, *after, *FOOTER))
    assert paragraphs_of(r) == [*before, *after]
    assert r.title == headline


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_a_related_links_box_at_the_texts_end_still_closes_it(language):
    headline, byline, date, before, heading, links, _ = BOXED[language]
    r = record_of(page_of(headline, byline, date, *before, heading, *links, *FOOTER))
    assert paragraphs_of(r) == before


def test_a_related_links_box_over_another_articles_header_closes_the_text():
    headline, byline, date, before, heading, links, after = BOXED["en"]
    other = ["Ferry fares to rise again this summer", "By Ellen Marsh", "2 March 2024",
             "The ferry operator has warned that fuel costs could push ticket prices up by a tenth before the holiday "
             "season starts, its chief executive said."]
    _, records = analyse(page_of(headline, byline, date, *before, heading, *links[:1], *other, *FOOTER))
    assert paragraphs_of(records[0]) == before
    assert all(other[-1] not in r.text for r in records if r.title == headline)


def test_teaser_cards_under_a_related_heading_are_no_text():
    """'Read more', then headline over blurb, headline over blurb: a list of teasers, not the text going on."""
    headline, byline, date, before, heading, _, _ = BOXED["en"]
    cards = ["Villagers vow to fight turbine plan",
             "Residents of three villages met on Friday to plan their campaign against the turbines on the moor.",
             "Council delays wind farm vote",
             "The vote on the wind farm was put off for a month after councillors asked for more time to study it."]
    r = record_of(page_of(headline, byline, date, *before, heading, *cards, *FOOTER))
    assert paragraphs_of(r) == before


# ------------------------------------------------------------------------------------------------
# a short, heading-shaped lede under the header's date line

LEDES = {
    "en": ("Fire destroys warehouse in Leeds", "By Tom Price", "3 March 2024", "Fire crews were called at 3am",
           ["Six engines attended the blaze at the warehouse on Kirkstall Road, which sent thick smoke across the "
            "city for most of the morning.",
            "Nobody was injured, a spokesman for the fire service said, but the building was destroyed."]),
    "fr": ("Un entrepôt détruit par le feu à Lyon", "Par Claire Fabre", "3 mars 2024",
           "Les pompiers ont été appelés vers 3 heures du matin",
           ["Six camions ont été engagés contre l'incendie de l'entrepôt, qui a envoyé une épaisse fumée sur la "
            "ville pendant toute la matinée.",
            "Personne n'a été blessé, selon les pompiers, mais le bâtiment est entièrement détruit."]),
    "de": ("Lagerhalle in Köln abgebrannt", "Von Jonas Keller", "3. März 2024",
           "Die Feuerwehr wurde gegen drei Uhr morgens alarmiert",
           ["Sechs Löschzüge waren im Einsatz, der dichte Rauch zog den ganzen Vormittag über die Stadt, wie die "
            "Feuerwehr mitteilte.",
            "Verletzt wurde niemand, doch die Halle brannte vollständig aus."]),
}


@pytest.mark.parametrize("language", sorted(LEDES))
def test_a_heading_shaped_lede_under_the_date_line_is_the_first_paragraph(language):
    headline, byline, date, lede, paragraphs = LEDES[language]
    r = record_of(page_of(headline, byline, date, lede, *paragraphs, *FOOTER))
    assert paragraphs_of(r) == [lede, *paragraphs]
    assert r.title == headline


def test_a_credited_caption_under_the_date_line_stays_out():
    headline, byline, date, _, paragraphs = LEDES["en"]
    caption = "Smoke rises over the warehouse on Kirkstall Road. Photo: Jane Roe/Getty Images"
    r = record_of(page_of(headline, byline, date, caption, *paragraphs, *FOOTER))
    assert paragraphs_of(r) == paragraphs


# ------------------------------------------------------------------------------------------------
# a bare question closing the text over the page's footer

QUESTIONS = {
    "en": "What happens next?",
    "fr": "Et maintenant ?",
    "de": "Wie geht es weiter?",
    "it": "E adesso cosa succede?",
}


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_a_question_over_the_footer_is_the_texts_last_paragraph(language):
    key = language if language in BOXED else "en"
    headline, byline, date, before, _, _, _ = BOXED[key]
    r = record_of(page_of(headline, byline, date, *before, QUESTIONS[language], *FOOTER))
    assert paragraphs_of(r) == [*before, QUESTIONS[language]]


def test_question_headlines_listed_under_the_text_stay_out():
    headline, byline, date, before, _, _, _ = BOXED["en"]
    r = record_of(page_of(headline, byline, date, *before, "What happens next?", "Will the turbines be built?",
                          "Who pays for the new road?", *FOOTER))
    assert paragraphs_of(r) == before


def test_a_post_title_under_a_blogs_date_line_stays_its_title():
    """'Site name / date / post title / text': the line under a date line alone is no lede (no byline over it)."""
    _, _, date, _, paragraphs = LEDES["en"]
    r = record_of(page_of("The Valley Courier", date, "Fire destroys warehouse on the edge of town", *paragraphs,
                          *FOOTER))
    assert r.title == "Fire destroys warehouse on the edge of town"
    assert paragraphs_of(r) == paragraphs


def test_a_numbered_sub_heading_under_read_more_stays_in_the_text():
    """A listicle's 'Read more' widget over '3. ...', its numbered sub-heading: no box's link."""
    headline, byline, date, before, _, _, after = BOXED["en"]
    sections = ["3. Construction starts next spring", *after,
                "The turbines will stand on land rented from two farms, whose owners will be paid for every turbine.",
                "4. The road will be widened", "Lorries carrying the blades will need a wider road through the village, "
                "and the council has set aside money for the work."]
    r = record_of(page_of(headline, byline, date, *before, "Read more", *sections, *FOOTER))
    assert paragraphs_of(r) == [*before, *sections]
