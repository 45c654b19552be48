"""Issue 15w: the header of a text page read as what it is: a site's masthead or menu above a title-case
headline, a staff credit where the byline goes, a page of short signed and dated briefs, and a re-poster's
note ('Editor's note: ...') with the stamp and masthead above it.

The pages in this file were written for these tests (no third-party pages are stored here).
"""

from __future__ import annotations

from test_extraction import analyse, page_of

from corpus_pkg import build
from corpus_pkg.explain import explain_file

BRIDGE = [
    "Inspectors from the state transport office found rust on four of the cables that hold up the old mill "
    "bridge during a check last month, and the office said on Friday that it would order repairs at once.",
    "The bridge stays open to cars, but lorries heavier than ten tonnes will be sent round by the ring road "
    "until the work is finished, which the office thinks could take until the end of the year.",
    "Shop owners on both banks said they feared a long winter of detours, and the mayor promised to ask the "
    "state for money to keep the work going through the cold months without a pause.",
]
BRIEF_A = [
    "The town will paint three new bike lanes through the centre by the summer, at a cost the state will mostly pay.",
    "People living on the high street had asked for safer crossings for years. The painting begins in April.",
]
BRIEF_B = [
    "The open-air pool in the park will open in the middle of May this year, weeks earlier than usual, the parks office said.",
    "Ticket prices stay the same, and families can buy a cheaper season ticket for the first time.",
]
KURZ_A = [
    "Die Stadt baut bis zum Sommer drei neue Radwege in der Innenstadt, die Kosten trägt zum größten Teil das Land.",
    "Anwohner hatten sich seit Jahren über die gefährlichen Kreuzungen beschwert. Die Arbeiten beginnen im April.",
]
KURZ_B = [
    "Das Freibad am Stadtpark öffnet in diesem Jahr schon Mitte Mai, weil die Becken schneller fertig wurden als gedacht.",
    "Die Preise bleiben gleich, und für Familien gibt es zum ersten Mal eine günstigere Saisonkarte für den Sommer.",
]
DELTA = [
    "El Consejo de Ministros aprobó este martes un plan para recuperar los humedales del delta, amenazados por la "
    "subida del nivel del mar y por la falta de sedimentos que antes arrastraba el río hasta la costa.",
    "El plan prevé reforzar la línea de costa con arena de los dragados del puerto y comprar tierras de cultivo "
    "en las zonas más bajas para devolverlas a su estado natural en los próximos diez años.",
    "Las organizaciones agrarias han pedido garantías de que las compras serán voluntarias, y los ecologistas "
    "celebraron el anuncio, aunque advirtieron de que llega tarde para buena parte de la costa.",
]


# -- 1. a masthead or menu above a title-case headline ------------------------------------------------------


HEADLINE = "Bridge Inspection Finds Rusted Cables"


def test_a_masthead_above_a_title_case_headline_is_not_the_title_and_the_headline_no_author():
    """The headline's capitalised words are shaped like a name; over a printed byline naming someone else it
    is the headline, and the site's name above it is not the title."""
    layouts = [
        page_of("Weekly Ledger", HEADLINE, "By Alan Pierce", "March 2, 2025", *BRIDGE),
        "\n".join(["Weekly Ledger", HEADLINE, "By Alan Pierce", "March 2, 2025", "", *BRIDGE]) + "\n",
        page_of("Weekly Ledger", "Home | News | Sports", HEADLINE, "By Alan Pierce", "March 2, 2025", *BRIDGE),
        page_of(HEADLINE, "By Alan Pierce", "March 2, 2025", *BRIDGE),
    ]
    for text in layouts:
        page, records = analyse(text)
        assert len(records) == 1
        assert records[0].title == HEADLINE
        assert records[0].authors == ["Alan Pierce"]
        assert records[0].published_date.isoformat() == "2025-03-02"
        assert records[0].text == "\n\n".join(BRIDGE)


def test_a_menu_of_capitalised_words_is_not_a_name_line():
    """'Portada Política Economía Opinión' (a menu printed as words) is shaped like a name; with the byline
    'Por Marta Iglesias' under the headline it is no author, and the headline is the title, not a subtitle."""
    headline = "Bruselas propone endurecer las normas sobre los plásticos de un solo uso"
    text = page_of("La Voz del Norte", "Portada Política Economía Opinión", headline,
                   "Por Marta Iglesias, corresponsal en Bruselas", "Publicado el 21 de enero de 2025", *DELTA)
    page, records = analyse(text)
    assert [r.title for r in records] == [headline]
    assert records[0].authors == ["Marta Iglesias"]
    assert records[0].subtitle is None


def test_a_name_line_is_still_the_byline_when_no_printed_byline_follows():
    """'Jane Roe' under the headline and over the date line is the byline (no 'By' line follows), and a name
    line over a 'By' line naming the same person is that person's."""
    text = page_of("Weekly Ledger", HEADLINE, "Alan Pierce", "March 2, 2025", *BRIDGE)
    page, records = analyse(text)
    assert records[0].title == HEADLINE and records[0].authors == ["Alan Pierce"]
    text = page_of(HEADLINE, "Alan Pierce", "By Alan Pierce", "March 2, 2025", *BRIDGE)
    page, records = analyse(text)
    assert records[0].title == HEADLINE and records[0].authors == ["Alan Pierce"]


# -- 13. a staff credit where the byline goes ----------------------------------------------------------------


def test_a_staff_credit_is_a_byline_naming_no_author_not_a_standfirst():
    headline = "El Gobierno aprueba un plan para recuperar los humedales del delta"
    for credit in ("Redacción / Agencias", "Redacción y agencias"):
        text = page_of("El Faro Digital", "Inicio | España | Mundo | Opinión", headline, credit,
                       "6 de marzo de 2025", *DELTA)
        page, records = analyse(text)
        assert [r.title for r in records] == [headline]
        assert records[0].subtitle is None
        assert records[0].authors == [] and records[0].byline == credit
        assert records[0].published_date.isoformat() == "2025-03-06"
    for credit in ("Staff and agencies", "Staff Reports", "News Desk"):
        page, records = analyse(page_of("Weekly Ledger", HEADLINE, credit, "March 2, 2025", *BRIDGE))
        assert records[0].title == HEADLINE and records[0].subtitle is None
        assert records[0].authors == [] and records[0].byline == credit


# -- 2. a page of short briefs ------------------------------------------------------------------------------


def test_a_page_of_two_signed_and_dated_briefs_gives_both():
    """Two briefs ('headline / By X / date / two short paragraphs', under 50 words each): both are articles;
    none is left in the audit as a standfirst of the other."""
    cases = [
        (["Harbour Town Weekly - News in Brief", "New Bike Lanes Coming to the Centre", "By Petra Lang", "March 3, 2025",
          *BRIEF_A, "Park Pool Opens Early This Year", "By Toby Wendt", "March 10, 2025", *BRIEF_B],
         ["New Bike Lanes Coming to the Centre", "Park Pool Opens Early This Year"], [["Petra Lang"], ["Toby Wendt"]],
         ["2025-03-03", "2025-03-10"], [BRIEF_A, BRIEF_B]),
        (["Stadtanzeiger Lüneburg – Archiv März 2025", "Neue Radwege in der Innenstadt", "Von Petra Lange", "03.03.2025",
          *KURZ_A, "Freibad öffnet früher als geplant", "Von Tobias Wendt", "10.03.2025", *KURZ_B],
         ["Neue Radwege in der Innenstadt", "Freibad öffnet früher als geplant"], [["Petra Lange"], ["Tobias Wendt"]],
         ["2025-03-03", "2025-03-10"], [KURZ_A, KURZ_B]),
    ]
    for lines, titles, authors, dates, bodies in cases:
        page, records = analyse(page_of(*lines))
        assert page.decision.kind == "several", page.decision.reason
        assert [r.title for r in records] == titles
        assert [r.authors for r in records] == authors
        assert [r.published_date.isoformat() for r in records] == dates
        assert [r.text for r in records] == ["\n\n".join(b) for b in bodies]
        assert page.warnings == []


def test_a_brief_left_out_of_a_one_article_page_is_named_in_a_warning(tmp_path):
    """A page the decision reads as one article (a paragraph outside any header, so the briefs do not hold
    all its text) that leaves a signed and dated brief out: a warning names the brief's lines, in the build
    report and in `explain`."""
    intro = ("Welcome to the weekly round-up of news from the harbour town, written by our volunteers and "
             "printed every Friday for the readers of the valley and the coast.")
    lines = ["Harbour Town Weekly", intro, "New Bike Lanes Coming to the Centre", "By Petra Lang", "March 3, 2025",
             *BRIEF_A, "Bridge Inspection Finds Rusted Cables on the Old Mill Bridge", "By Alan Pierce",
             "March 2, 2025", *BRIDGE, BRIDGE[0].replace("Friday", "Monday"), BRIDGE[1].replace("cars", "vans")]
    text = page_of(*lines)
    page, records = analyse(text)
    assert page.decision.kind == "one"
    assert BRIEF_A[0] not in "\n\n".join(r.text for r in records)
    first = text.split("\n").index("New Bike Lanes Coming to the Centre") + 1
    assert any(w.startswith(f"lines {first}-") and "New Bike Lanes" in w for w in page.warnings), page.warnings
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "round-up.txt").write_text(text)
    report = build(input_dir=folder, output_dir=tmp_path / "out")
    assert any("round-up.txt" in w and "New Bike Lanes" in w for w in report.all_warnings())
    assert f"# warning: lines {first}-" in explain_file(folder / "round-up.txt")


def test_the_decision_reason_says_why_short_headed_units_are_not_articles():
    """Two short signed and dated units that do not hold all the page's paragraphs: the reason says they are
    short, not that the page has no unit with a header and body."""
    intro = ("Welcome to the weekly round-up of news from the harbour town, written by our volunteers and "
             "printed every Friday for the readers of the valley and the coast.")
    text = page_of("Harbour Town Weekly", intro, "New Bike Lanes Coming to the Centre", "By Petra Lang",
                   "March 3, 2025", *BRIEF_A, "Park Pool Opens Early This Year", "By Toby Wendt", "March 10, 2025",
                   *BRIEF_B)
    page, records = analyse(text)
    assert page.decision.kind == "one"
    assert "no unit with its own header and body" not in page.decision.reason
    assert "2 unit(s) with their own header over a body of" in page.decision.reason


# -- 8. a re-poster's note, stamp and masthead ---------------------------------------------------------------


NOTE = ("Editor's note: We are republishing this report because several readers in the valley asked us to "
        "follow the bridge story.")
SOURCE = "Source: The Mill Town Courier"


def test_a_reposters_note_opening_a_paragraph_is_a_preface_with_the_stamp_and_masthead(tmp_path):
    text = page_of("Valley News Digest", "EDITOR'S CHOICE | 06.03.2025", NOTE,
                   HEADLINE + " on the Old Mill Bridge", "By Alan Pierce and Ruth Lee", "March 4, 2025", *BRIDGE,
                   SOURCE)
    page, records = analyse(text)
    assert [r.kind for r in records] == ["preface", "article"]
    preface, article = records
    assert preface.title == "Editor's note" and preface.text == NOTE and preface.authors == []
    assert article.title == HEADLINE + " on the Old Mill Bridge"
    assert article.authors == ["Alan Pierce", "Ruth Lee"] and article.outlet == "The Mill Town Courier"
    assert article.published_date.isoformat() == "2025-03-04"
    assert article.provenance.repost_date.isoformat() == "2025-03-06"
    assert article.host_site == "Valley News Digest" and preface.host_site == "Valley News Digest"
    assert NOTE not in article.text
    # the same in a build: both units, the re-poster named
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "digest.txt").write_text(text)
    build(input_dir=folder, output_dir=tmp_path / "out")
    import pyarrow.parquet as pq

    rows = [r for f in sorted((tmp_path / "out" / "data").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    assert sorted(r["kind"] for r in rows) == ["article", "preface"]
    assert {r["provenance"][0]["host_site"] for r in rows} == {"Valley News Digest"}


def test_a_note_without_a_stamp_or_masthead_is_still_a_preface_and_names_no_host():
    text = page_of(NOTE, HEADLINE + " on the Old Mill Bridge", "By Alan Pierce", "March 4, 2025", *BRIDGE)
    page, records = analyse(text)
    assert [r.kind for r in records] == ["preface", "article"]
    assert records[1].host_site is None and records[1].provenance.repost_date is None


def test_an_editors_note_under_the_text_or_a_long_commentary_is_not_a_preface():
    """A correction note after the text belongs to the article; a page's own long commentary opening with
    'Editor's note:' under the page's headline is not a re-poster's note."""
    correction = "Editor's note: An earlier version of this report gave the wrong number of rusted cables."
    page, records = analyse(page_of(HEADLINE, "By Alan Pierce", "March 4, 2025", *BRIDGE, correction))
    assert [r.kind for r in records] == ["article"]
    assert records[0].text.endswith(correction)
    commentary = [NOTE, *BRIDGE, BRIDGE[0].replace("Friday", "Monday")]
    text = page_of("Readers Asked Us Again About the Old Mill Bridge and Its Rusted Cables", *commentary,
                   HEADLINE, "March 4, 2025", *BRIDGE)
    page, records = analyse(text)
    assert [r.kind for r in records] == ["article"]
    assert records[0].text.startswith(NOTE)


def test_a_reposters_note_in_another_language_is_a_preface():
    """The preface labels are profile data in several languages ('Nota de la redacción: ...')."""
    note = ("Nota de la redacción: publicamos de nuevo esta información porque muchos lectores de la comarca nos "
            "pidieron seguir el plan del delta.")
    text = page_of("Diario Comarcal", "DESTACADO | 08.03.2025", note,
                   "El Gobierno aprueba un plan para recuperar los humedales del delta", "Por Marta Iglesias",
                   "6 de marzo de 2025", *DELTA, "Fuente: El Faro del Delta")
    page, records = analyse(text)
    assert [r.kind for r in records] == ["preface", "article"]
    assert records[0].title == "Nota de la redacción" and records[0].text == note
    assert records[1].authors == ["Marta Iglesias"] and records[1].outlet == "El Faro del Delta"
    assert records[1].provenance.repost_date.isoformat() == "2025-03-08"
    assert records[1].host_site == "Diario Comarcal"
