"""Boilerplate printed inside an article's text on a rendered page: links to other articles (a list of headlines,
kickers over headlines, teaser cards), image captions told by their label or their photo credit, and calls to action
(newsletter, app, membership, tip line, comment form) in the languages of the profiles. Pages written for these tests."""

from __future__ import annotations

import pytest

from test_extraction import analyse, page_of


def role_of(page, text: str) -> tuple[str, str | None]:
    """The role and detail the page gives the block whose text is `text`."""
    for block, (role, detail, _) in zip(page.blocks, page.roles):
        if block.text == text:
            return role, detail
    raise AssertionError(f"no block {text!r}")


def one_article(*lines: str):
    page, records = analyse(page_of(*lines))
    assert len(records) == 1, [r.title for r in records]
    return page, records[0]


EN = [
    "The harbour authority approved a plan on Tuesday to dredge the eastern channel before the winter storms arrive, "
    "ending months of argument between the port's operators and the fishing cooperatives that use it.",
    "Under the plan, contractors will remove about 40,000 cubic metres of silt from the channel, which has grown so "
    "shallow that larger trawlers can only enter it at high tide, the authority said in a statement.",
    "Fishermen had warned that the silt was costing them two or three days of work a week during the autumn, when "
    "the catch is at its best and the weather leaves them few good days at sea.",
    "The cooperative's chairman said the members were relieved that the work would finally begin, although they "
    "still disagreed with the authority about who should pay for the dredging in future years.",
    "Work is expected to start next month and to last about six weeks, and the channel will stay open to smaller "
    "boats throughout, according to the timetable published with the plan on Tuesday evening.",
]
HEADER = ["Harbour Authority Approves Plan to Dredge Eastern Channel", "By Ellen Marsh", "Published 12 March 2024"]


def test_a_list_of_headlines_inside_the_text_is_related_links_not_body():
    page, record = one_article(
        *HEADER, EN[0], EN[1], "DON'T MISS", "Council votes to close the old ferry terminal [VIDEO]",
        "Storm damage bill reaches record high [INSIGHT]", "Lifeboat crew honoured for winter rescue [PICS]",
        EN[2], "More in Business", "RISING WATERS", "Flood barrier tested as spring tides return",
        "TOP CATCH", "Trawler lands the biggest haul of cod in a decade", EN[3], EN[4])
    assert record.text == "\n\n".join(EN)
    assert role_of(page, "Council votes to close the old ferry terminal [VIDEO]") == ("boilerplate", "related_links")
    assert role_of(page, "TOP CATCH") == ("boilerplate", "related_links")


def test_headlines_in_capitals_printed_alone_between_paragraphs_are_related_links_and_a_short_one_stays():
    links = ["LIFEBOAT CREW HONOURED FOR DARING WINTER RESCUE OFF THE POINT",
             "STORM DAMAGE BILL FOR THE COAST REACHES A RECORD HIGH"]
    page, record = one_article(*HEADER, EN[0], EN[1], links[0], EN[2], "SILT PILES UP", EN[3], links[1], EN[4],
                               "SEE MORE: Ferry terminal to close after fifty years")
    assert record.text == "\n\n".join([EN[0], EN[1], EN[2], "SILT PILES UP", EN[3], EN[4]])
    assert role_of(page, links[1]) == ("boilerplate", "related_links")


def test_a_headline_with_a_tag_in_brackets_alone_between_paragraphs_is_a_related_link():
    link = "Storm damage bill for the coast reaches a record high [INSIGHT]"
    page, record = one_article(*HEADER, EN[0], EN[1], EN[2], link, EN[3], EN[4])
    assert record.text == "\n\n".join(EN)
    assert role_of(page, link) == ("boilerplate", "related_links")


def test_a_sub_heading_over_a_paragraph_and_a_quoted_exchange_stay_text():
    exchange = ["Did the authority consult the fishermen?", "Yes, it did.", "Will the work finish before winter?",
                "Yes, it will."]
    page, record = one_article(*HEADER, EN[0], EN[1], "Who pays for the work", EN[2], *exchange, EN[3], EN[4])
    assert record.text == "\n\n".join([EN[0], EN[1], "Who pays for the work", EN[2], *exchange, EN[3], EN[4]])


def test_a_list_the_text_introduces_stays_text():
    intro = "The authority listed the works planned for the next three years:"
    items = ["Dredging of the eastern channel", "A new breakwater at the northern pier", "Repairs to the fish market"]
    page, record = one_article(*HEADER, EN[0], EN[1], intro, *items, EN[2], EN[3])
    assert all(item in record.text for item in items)


def test_teaser_cards_with_their_headline_printed_twice_are_related_links():
    cards = ["Column: Why small ports matter more than ever", "Column: Why small ports matter more than ever",
             "The case for public money in the fishing towns that the big shipping lines have left behind.",
             "Opinion: The harbour plan is a start, not a solution", "Opinion: The harbour plan is a start, not a solution",
             "Dredging buys time, but the silt will return unless the river upstream is managed differently."]
    page, record = one_article(*HEADER, EN[0], EN[1], EN[2], *cards, EN[3], EN[4])
    assert record.text == "\n\n".join(EN)
    assert role_of(page, cards[2]) == ("boilerplate", "related_links")


@pytest.mark.parametrize("caption", [
    "Trawlers wait for the tide at the eastern channel in Port Ellen, March 11, 2024. REUTERS/Jane Roe",
    "A fisherman unloads his catch at the harbour on Monday. Jane Roe, AP",
    "Silt has built up at the mouth of the channel over the past two winters. Getty",
    "Share of landings by port, 2015 to 2023. Statista",
    "The cooperative's boats in the harbour last autumn. Source: Supplied",
    "Image caption The eastern channel at low tide, when only small boats can use it",
    "FILE PHOTO: The harbour office in Port Ellen, where the plan was approved",
    "Media captionThe chairman of the cooperative speaks to reporters",
    "Detour signs went up along the harbour road on Monday. Photo by Alex Kim",
    "The eastern quay at dawn, before the first boats left. Photograph: Mary-Ann O'Neil",
])
def test_a_paragraph_with_a_caption_label_or_ending_with_a_photo_credit_is_a_caption(caption):
    page, record = one_article(*HEADER, EN[0], EN[1], caption, EN[2], EN[3])
    assert record.text == "\n\n".join(EN[:4])
    assert role_of(page, caption) == ("boilerplate", "caption")


def test_a_credit_printed_alone_under_a_caption_is_a_caption_line():
    caption = "Fishermen gather outside the harbour office before the vote on Tuesday, March 12, 2024."
    page, record = one_article(*HEADER, EN[0], EN[1], caption, "Jane Roe, AP", EN[2], EN[3])
    assert role_of(page, "Jane Roe, AP") == ("boilerplate", "caption")
    assert role_of(page, caption) == ("boilerplate", "caption")
    assert record.text == "\n\n".join(EN[:4])


@pytest.mark.parametrize("headline", ["Council Approves Cash Handout for Harbour Firms", "Senate Blocks Keystone",
                                      "Harbour Data Now Supplied"])
def test_a_title_case_headline_ending_with_a_credits_word_is_still_the_headline(headline):
    page, record = one_article(headline, "By Ellen Marsh", "Published 12 March 2024", *EN)
    assert record.title == headline and record.text == "\n\n".join(EN)


def test_names_printed_with_a_photo_only_credit_are_captions_and_a_sentence_naming_an_agency_is_text():
    told = "The harbour master later repeated the figures in an interview with Reuters on Wednesday."
    page, record = one_article(*HEADER, EN[0], "Ellen Marsh Submitted photo", "Tom Baird Submitted photo", EN[1], told,
                               EN[2])
    assert record.text == "\n\n".join([EN[0], EN[1], told, EN[2]])


@pytest.mark.parametrize("call", [
    "Get the latest updates right in your inbox. Subscribe to the Coast Gazette's newsletters.",
    "CLICK HERE TO GET THE COAST GAZETTE APP",
    "If you enjoyed this article, we have a proposition for you: Join our members and read without limits.",
    "Support our journalism. Become a member today.",
    "Have a tip? Ellen Marsh may be reached at emarsh@example.com.",
    "Media playback is unsupported on your device",
])
def test_a_call_to_action_between_paragraphs_is_boilerplate_and_the_text_goes_on(call):
    page, record = one_article(*HEADER, EN[0], EN[1], call, EN[2], EN[3])
    assert record.text == "\n\n".join(EN[:4])
    assert role_of(page, call) == ("boilerplate", "call_to_action")


def test_a_comment_form_under_the_text_ends_it():
    comment = ("I have fished out of this harbour for thirty years and the channel has never been this bad, so the "
               "plan is welcome, but the authority should have acted three winters ago when we first asked it to.")
    page, record = one_article(*HEADER, *EN, "Leave a Reply", "Your name *", "Comment *",
                               "Allowed HTML tags: <em> <strong> <p>", comment, "Post Comment")
    assert record.text == "\n\n".join(EN)
    assert role_of(page, "Your name *") == ("boilerplate", "comment_form")


FR = [
    "Le conseil municipal a adopté mardi soir le projet de rénovation du marché couvert, après plus d'un an de débats "
    "entre les commerçants et la mairie sur le calendrier des travaux et le coût de la location des étals.",
    "Les travaux commenceront au mois de septembre et devraient durer huit mois, pendant lesquels les commerçants "
    "seront installés sur la place de la gare, a précisé l'adjoint chargé du commerce.",
    "Les commerçants, qui craignaient de perdre une partie de leur clientèle pendant le chantier, ont obtenu une "
    "réduction de leurs loyers pour toute la durée des travaux et une aide pour le déménagement.",
    "La mairie espère que le nouveau marché attirera aussi des producteurs de la région, qui n'ont pas de place "
    "aujourd'hui dans le bâtiment actuel, trop petit et mal isolé pour les mois d'hiver.",
    "Le projet prévoit aussi une nouvelle toiture, des panneaux solaires et un parking pour les vélos, que les "
    "associations de quartier réclamaient depuis longtemps pour désengorger les rues autour du marché.",
]


DE = [
    "Der Stadtrat hat am Dienstagabend den Umbau des alten Hallenbads beschlossen, nachdem die Fraktionen mehr als ein "
    "Jahr lang über die Kosten und die Dauer der Bauarbeiten gestritten hatten.",
    "Die Arbeiten sollen im Herbst beginnen und etwa zwei Jahre dauern, in dieser Zeit können die Schwimmvereine das "
    "Bad im Nachbarort nutzen, teilte die Verwaltung am Mittwoch mit.",
    "Die Vereine hatten befürchtet, dass sie ihre Trainingszeiten während des Umbaus verlieren würden, und begrüßten "
    "deshalb die Einigung mit der Nachbargemeinde über die gemeinsame Nutzung des Bades.",
    "Nach dem Umbau soll das Hallenbad auch ein Lehrschwimmbecken für die Grundschulen der Stadt erhalten, die bisher "
    "für den Schwimmunterricht in andere Orte fahren müssen.",
    "Die Kosten für den Umbau werden auf rund zwölf Millionen Euro geschätzt, von denen das Land etwa die Hälfte "
    "übernehmen will, sofern der Antrag der Stadt noch in diesem Jahr bewilligt wird.",
]


ES = [
    "El ayuntamiento aprobó el martes el proyecto para renovar la biblioteca municipal, después de más de un año de "
    "discusiones entre los grupos políticos sobre el coste de las obras y el calendario.",
    "Las obras comenzarán en septiembre y durarán unos diez meses, durante los cuales la biblioteca funcionará en el "
    "antiguo edificio de correos, según informó la concejala de cultura.",
    "Los usuarios habían pedido desde hace años más espacio para el estudio y una sala infantil, que el nuevo proyecto "
    "incluye en la planta baja junto a la entrada principal del edificio.",
    "El presupuesto de la obra asciende a dos millones de euros, de los que la mitad procede de una subvención "
    "regional concedida el año pasado para equipamientos culturales.",
    "La concejala añadió que el nuevo edificio tendrá horario ampliado durante los exámenes y un espacio para "
    "exposiciones de artistas locales, que hasta ahora no tenían dónde mostrar su obra en la ciudad.",
]


@pytest.mark.parametrize("header, paragraphs, caption, links, call", [
    (["Le conseil municipal adopte la rénovation du marché couvert", "Par Claire Dubois", "Publié le 12 mars 2024"], FR,
     "Légende : le marché couvert, construit en 1905, sera fermé pendant huit mois",
     ["La gare routière fermera pendant l'été", "Les cantines scolaires passent au bio"],
     "Soutenez notre journalisme : abonnez-vous pour lire tous nos articles sans limite."),
    (["Stadtrat beschließt den Umbau des alten Hallenbads", "Von Anna Becker", "Veröffentlicht am 12.03.2024"], DE,
     "Bildunterschrift: Das alte Hallenbad wurde im Jahr 1968 eröffnet und seitdem kaum renoviert",
     ["Neue Buslinie verbindet die Ortsteile", "Bibliothek verlängert die Öffnungszeiten"],
     "Unterstützen Sie unseren Journalismus: Mit einem Abonnement lesen Sie alle Artikel ohne Einschränkung."),
    (["El ayuntamiento aprueba la renovación de la biblioteca municipal", "Por Lucía Martín",
      "Publicado el 12 de marzo de 2024"], ES,
     "Pie de foto: la biblioteca municipal, en una imagen del pasado invierno",
     ["Cierra por obras la piscina del barrio norte", "El mercado amplía su horario en verano"],
     "Apoya nuestro periodismo: hazte socio y lee todas nuestras noticias sin límites."),
], ids=["fr", "de", "es"])
def test_a_caption_links_and_a_call_to_action_in_french_german_and_spanish(header, paragraphs, caption, links, call):
    first, second, third, fourth, last = paragraphs
    page, record = one_article(*header, first, caption, second, *links, third, fourth, call, last)
    assert record.text == "\n\n".join(paragraphs)
    assert role_of(page, caption) == ("boilerplate", "caption")
    assert role_of(page, links[0]) == ("boilerplate", "related_links")
    assert role_of(page, call) == ("boilerplate", "call_to_action")


def test_a_user_profile_adds_calls_to_action_of_its_own(tmp_path):
    call = "Tell us what you think about the harbour plan in our reader survey."
    extra = tmp_path / "calls.toml"
    extra.write_text('[language.en]\ncall_to_action = ["tell us what you think"]\n', encoding="utf-8")
    page, records = analyse(page_of(*HEADER, EN[0], EN[1], call, EN[2]), extra_profiles=(extra,))
    assert records[0].text == "\n\n".join(EN[:3])
    assert role_of(page, call) == ("boilerplate", "call_to_action")


def test_calls_to_action_and_captions_in_an_html_pages_main_text_leave_its_body(tmp_path):
    from inputs_pages import article_html, build

    call = "Get the latest updates right in your inbox. Subscribe to the Coast Gazette's newsletters."
    caption = "Trawlers wait for the tide at the eastern channel in Port Ellen, March 11, 2024. REUTERS/Jane Roe"
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "harbour.html").write_text(article_html(HEADER[0], [EN[0], caption, EN[1], EN[2], call, EN[3]]),
                                         encoding="utf-8")
    _, (article,), (page,) = build(folder, tmp_path / "out")
    assert article["text"] == "\n\n".join(EN[:4])
    details = {s["detail"] for s in page["spans"] if s["role"] == "boilerplate"}
    assert {"call_to_action", "caption"} <= details


@pytest.mark.parametrize("quote", ["“Larger trawlers can only enter it at high tide.”",
                                   "Contractors will remove about 40,000 cubic metres of silt from the channel."])
def test_a_pull_quote_repeating_a_sentence_of_the_text_is_boilerplate(quote):
    """A short sentence whose words a paragraph of the same text prints in order (quotes, case and punctuation aside)
    is a pull quote: the sentence stays once, in its paragraph."""
    page, record = one_article(*HEADER, EN[0], EN[1], EN[2], quote, EN[3])
    assert record.text == "\n\n".join(EN[:4])
    assert role_of(page, quote) == ("boilerplate", "pull_quote")


def test_a_short_paragraph_not_printed_elsewhere_in_the_text_stays_text():
    line = "Larger trawlers have waited outside the channel for hours this winter."
    _, record = one_article(*HEADER, EN[0], EN[1], EN[2], line, EN[3])
    assert record.text == "\n\n".join([*EN[:3], line, EN[3]])
