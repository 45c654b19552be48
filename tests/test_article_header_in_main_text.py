"""An article's header kept in the main text the extractor finds (its section label, headline, standfirst and
date line printed inside the `<article>` it takes), a byline printed in an element of any class between the
headline and the text, a newsroom credit in the author field, and the ad labels and channel promos of the
language data (HTML pages and scrapers' records)."""

from __future__ import annotations

import json

from inputs_pages import build, by_title

PAGES = {
    "es": dict(site="El Correo del Valle", kicker="Sanidad", byline="Por Marta Gil Serrano", byline_class="firma",
               title="La región abrirá tres centros de salud nuevos antes del verano",
               standfirst="Las obras de los tres ambulatorios terminarán en mayo con una inversión de 24 millones",
               date="Valladolid, 12 mar 2024 - 09:15",
               body=["La consejería de Sanidad anunció este martes que los tres centros de salud en construcción en "
                     "la provincia abrirán sus puertas antes del verano, con un horario ampliado de tarde.",
                     "Según el consejero, las plantillas se cubrirán con médicos de familia contratados en la última "
                     "convocatoria y con enfermeras que ya trabajan en los hospitales de la zona."]),
    "it": dict(site="La Gazzetta del Lago", kicker="Trasporti", byline="di Paolo Ferri", byline_class="autore",
               title="Il nuovo traghetto elettrico entra in servizio sul lago a giugno",
               standfirst="La società di navigazione prevede di sostituire due battelli a gasolio entro il 2026",
               date="Como, 4 aprile 2024 ore 11:20",
               body=["Il primo traghetto elettrico della flotta entrerà in servizio a giugno sulla linea tra Como e "
                     "Bellagio, ha annunciato ieri la società di navigazione durante una conferenza stampa.",
                     "Secondo il direttore, la nave potrà compiere sei corse al giorno con una sola ricarica e "
                     "ridurrà il rumore nei porti dei paesi del lago in modo sensibile."]),
    "fr": dict(site="Le Courrier des Alpes", kicker="Environnement", byline="Par Claire Moreau",
               byline_class="auteur signature",
               title="La commune interdit les voitures dans le centre historique le dimanche",
               standfirst="La mesure entrera en vigueur en juin après une consultation des habitants et des commerçants",
               date="Annecy, le 8 mai 2024 à 14h05",
               body=["Le conseil municipal a voté mardi soir l'interdiction de la circulation automobile dans le "
                     "centre historique chaque dimanche, de dix heures à dix-neuf heures, à partir du mois de juin.",
                     "Selon le maire, les commerçants du quartier ont demandé que les livraisons restent possibles le "
                     "matin et que les navettes gratuites desservent les parkings de la périphérie."]),
    "en": dict(site="Harbor Chronicle", kicker="City Hall", byline="By Owen Marsh", byline_class="author-name",
               title="Council approves new bike lanes along the waterfront road",
               standfirst="The two-mile route will link the ferry terminal with the university campus by next spring",
               date="March 7, 2024 4:20 PM EST",
               body=["The city council voted 6-3 on Thursday to build protected bike lanes along the waterfront "
                     "road, ending a two-year debate over parking spaces and delivery zones.",
                     "Supporters said the route would give students a safe way to reach the ferry terminal, while "
                     "several shop owners warned that the loss of parking would hurt their business."]),
}


def header_page(p: dict, lang: str, *, author_meta: str = "") -> str:
    """A page whose `<article>` prints its section label, headline, standfirst (the page's description), byline
    and date line above the body, with no byline class trafilatura knows."""
    head = (f'<meta property="og:site_name" content="{p["site"]}">'
            f'<meta property="og:description" content="{p["standfirst"]}">'
            f'<meta property="og:title" content="{p["title"]}">' +
            (f'<meta name="author" content="{author_meta}">' if author_meta else ""))
    body = "".join(f"<p>{text}</p>" for text in p["body"])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{p["title"]} | {p["site"]}'
            f'</title>{head}</head><body><div class="top"><a href="/">{p["site"]}</a></div><main>'
            f'<article class="nota"><p class="seccion">{p["kicker"]}</p><h1>{p["title"]}</h1>'
            f'<h2 class="bajo-titulo">{p["standfirst"]}</h2><div class="meta"><div class="{p["byline_class"]}">'
            f'{p["byline"]}</div><div class="hora">{p["date"]}</div></div><div class="texto">{body}</div>'
            '</article></main></body></html>')


def built(tmp_path, pages: dict[str, str]) -> tuple[dict[str, dict], list[dict]]:
    folder = tmp_path / "site"
    folder.mkdir()
    for name, html in pages.items():
        (folder / name).write_text(html, encoding="utf-8")
    _, articles, page_rows = build(folder, tmp_path / "out")
    return by_title(articles), page_rows


def test_the_header_kept_in_the_main_text_is_not_body_text(tmp_path):
    articles, _ = built(tmp_path, {f"{lang}.html": header_page(p, lang) for lang, p in PAGES.items()})
    for lang, p in PAGES.items():
        article = articles[p["title"]]
        assert article["text"].split("\n\n") == p["body"], lang     # no label, headline, standfirst, date line
        assert article["subtitle"] == p["standfirst"], lang


def test_a_byline_printed_under_the_headline_is_read_whatever_its_class(tmp_path):
    articles, _ = built(tmp_path, {f"{lang}.html": header_page(p, lang) for lang, p in PAGES.items()})
    for lang, p in PAGES.items():
        name = p["byline"].split(None, 1)[1]
        assert articles[p["title"]]["authors"] == [name], lang


def test_a_newsroom_credit_in_the_author_field_names_no_person_and_keeps_the_outlet(tmp_path):
    pages = {"es.html": ("es", PAGES["es"], f"Redacción {PAGES['es']['site']}"),
             "it.html": ("it", PAGES["it"], "Redazione"),
             "en.html": ("en", PAGES["en"], "Newsroom")}
    html = {}
    for name, (lang, p, credit) in pages.items():
        without_byline = dict(p, byline="", byline_class="vuoto")
        html[name] = header_page(without_byline, lang, author_meta=credit)
    articles, _ = built(tmp_path, html)
    for name, (lang, p, credit) in pages.items():
        article = articles[p["title"]]
        assert article["authors"] == [], credit
        assert article["outlet"] == p["site"] and article["outlet_evidence"] == "site_name", credit


def test_ad_labels_and_channel_promos_of_other_languages_are_boilerplate(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    records = [
        {"url": "https://www.jornaldoporto.example/2024/03/15/ponte", "title": ["Obras na ponte começam em maio"],
         "author": ["Por Rita Sousa"], "date": ["15 de março de 2024"],
         "text": ["A câmara municipal anunciou esta sexta-feira que as obras de reparação da ponte velha vão "
                  "começar em maio e durar cerca de um ano.", "PUB",
                  "Durante as obras, o trânsito será desviado pela avenida marginal e os autocarros mudam de "
                  "paragem.", "Siga-nos no Telegram"]},
        {"url": "https://www.diariodelnorte.example/2024/03/15/puerto", "title": ["El puerto amplía su muelle sur"],
         "author": ["Por Juan Ruiz"], "date": ["15 de marzo de 2024"],
         "text": ["La autoridad portuaria aprobó este viernes la ampliación del muelle sur, que permitirá recibir "
                  "a los cruceros más grandes a partir del año que viene.",
                  "Síguenos en WhatsApp para recibir las últimas noticias",
                  "Las obras costarán 40 millones de euros y se financiarán con fondos europeos y del propio "
                  "puerto, según explicó su presidente."]},
        {"url": "https://www.volksblatt.example/2024/03/15/bahn", "title": ["Neue Bahnlinie ins Umland geplant"],
         "author": ["Von Jana Weber"], "date": ["15. März 2024"],
         "text": ["Der Stadtrat hat am Freitag den Bau einer neuen Bahnlinie ins Umland beschlossen, die ab 2028 "
                  "im Halbstundentakt fahren soll.", "Folgen Sie uns auf Telegram",
                  "Die Kosten von rund 300 Millionen Euro sollen zum größten Teil vom Bund getragen werden, "
                  "sagte der Bürgermeister nach der Sitzung."]},
    ]
    (folder / "items.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                        encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out")
    assert len(articles) == 3
    for article in articles:
        paragraphs = article["text"].split("\n\n")
        assert len(paragraphs) == 2, paragraphs
        assert not any(word in article["text"] for word in ("PUB", "Telegram", "WhatsApp")), article["text"]
