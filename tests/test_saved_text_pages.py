"""Pages saved from a browser as text: the outlet they name outside the article, and the furniture around it.

A page saved with the browser's "save as text" keeps the site's menus, ad slugs, share widgets, the photo caption
with its credit glued to it, the author's bio, the print-edition notice and the copyright footer; the browser names
the file after the page's <title> ('<headline> - <site>.txt'). The outlet is then printed only in the copyright
line, the masthead or the file name: read there, it decides the rights policy as a byline's outlet does (a
restricted outlet's text is withheld). Every page here is made up for the test.
"""

from __future__ import annotations

import pytest

from corpus_pkg.cues.outlet_evidence import copyright_holder, saved_page_title_tail
from corpus_pkg.extract import Extractor
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import SourcePage, split_lines
from corpus_pkg.registry import load_registry, outlet_key
from corpus_pkg.segment import Classifier, Segmenter

from inputs_pages import build

HEADLINE = "Ferry Crews Walk Out Over Winter Timetable, Leaving the Northern Islands Cut Off"
STANDFIRST = "The strike is the third this year and leaves the islands with one boat a day until the winter ends."
CAPTION = "Passengers waiting on the quay at Holbeck on Tuesday.Credit...Example Photo Agency"
PARAGRAPHS = [
    "Striking ferry crews halted Northland's main island route early Tuesday, stranding hundreds of passengers, "
    "hospital staff and school pupils across the water from Holbeck, regional operator and union officials said.",
    "The strike is the third this year and leaves the islands with one boat a day: the union said its members had been "
    "asked to work split shifts for the whole season, and that the operator had refused to discuss a second crew.",
    "The operator said the timetable followed the council's budget and that it hoped to meet the union before the "
    "weekend, while islanders complained that the single boat left them without a way to reach the hospital.",
    "The council said it would ask the ministry for an emergency grant to pay for a second crew, but warned that "
    "the money could not arrive before the spring, when the summer timetable begins.",
    "Passenger groups said they would join the crews at a meeting on the quay on Thursday evening.",
]
BIO = "Nora Pell is the northern correspondent, covering transport and the islands. More about Nora Pell"
PRINT_NOTICE = ("A version of this article appears in print on March 5, 2024, Section A, Page 12 of the City edition "
                "with the headline: Ferry Crews Strike. Order Reprints | Today’s Paper | Subscribe")


def saved_page(footer: str | None, masthead: str | None = None) -> str:
    """A news page saved as text: menus, an ad slug, the header with share widgets and a captioned photo, the
    byline, the text with an ad slug inside, the bio, the print notice, related links, then the footer."""
    lines = ([masthead] if masthead else []) + [
        "Skip to content", "Skip to site index", "World", "Today’s Paper", "Subscribe for $1/week", "Log in",
        "Island Transport", "Advertisement", "SKIP ADVERTISEMENT", HEADLINE, STANDFIRST, "Give this article",
        "Share full article", "42", CAPTION, "By Nora Pell", "Reporting from Holbeck, Northland", "March 5, 2024",
        "Updated 9:46 a.m. ET", *PARAGRAPHS[:3], "Advertisement", "SKIP ADVERTISEMENT", *PARAGRAPHS[3:], BIO,
        PRINT_NOTICE, "Give this article", "Share full article", "42", "Related Content",
        "Islanders Ask for a Second Boat"]
    return "\n".join(lines + ([footer] if footer else []) + ["Contact Us", "Privacy Policy", "Terms of Service"]) + "\n"


def extract(text: str, source_file: str = "in/page.txt"):
    """The records of one page read as a build reads a text page."""
    profile = load_profile()
    extractor = Extractor(profile, load_registry())
    page = Segmenter(Classifier(profile, extractor.known_outlets, outlet_key)).analyse(split_lines(text))
    source = SourcePage(source_file=source_file, sha256="0" * 64, n_bytes=len(text), encoding="utf-8", text=text)
    return extractor.extract(page, source)


def test_a_restricted_outlets_copyright_footer_names_the_outlet_and_its_text_is_withheld(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_text(saved_page("© 2024 The New York Times Company"), encoding="utf-8")
    _, [article], pages = build(folder, tmp_path / "out")
    assert article["outlet"] == "The New York Times" and article["outlet_evidence"] == "copyright_line"
    assert article["rights_holder"] == "The New York Times" and article["rights_status"] == "withheld"
    assert article["text"] == "" and not any(PARAGRAPHS[0] in page["text"] for page in pages)


def test_the_header_and_the_furniture_around_a_saved_page_are_not_its_title_or_text():
    [record] = extract(saved_page("© 2024 The New York Times Company"))
    assert record.title == HEADLINE and record.authors == ["Nora Pell"]
    assert record.subtitle in (None, STANDFIRST)        # not the share count ('42') nor the caption
    assert record.text == "\n\n".join(PARAGRAPHS)      # no ad slug, caption, bio or print notice


def test_the_browsers_file_name_names_the_outlet_when_the_page_prints_it_nowhere_else():
    [record] = extract(saved_page(None), f"saved/{HEADLINE} - The New York Times.txt")
    assert (record.outlet, record.outlet_evidence) == ("The New York Times", "file_name")
    [record] = extract(saved_page(None), f"saved/{HEADLINE} | Reuters.txt")    # a profile's outlet_names
    assert (record.outlet, record.outlet_evidence) == ("Reuters", "file_name")


@pytest.mark.parametrize("footer", ["© 2024 Nora Pell", "© 2024", "Copyright 2024. All rights reserved.",
                                    "© 2024 Harbour Ledger Media Ltd"])
def test_a_copyright_line_of_a_person_a_year_or_an_unknown_company_alone_names_no_outlet(footer):
    [record] = extract(saved_page(footer))
    assert record.outlet is None and record.outlet_evidence is None


def test_a_wire_services_copyright_notice_names_it_as_the_profiles_spell_it():
    [record] = extract(saved_page("© 2024 The Associated Press. All rights reserved. This material may not be published."))
    assert (record.outlet, record.outlet_evidence) == ("Associated Press", "copyright_line")


def test_a_person_in_the_file_name_and_the_footer_is_no_outlet():
    [record] = extract(saved_page("© 2024 Nora Pell"), f"saved/{HEADLINE} - Nora Pell.txt")
    assert record.outlet is None


def test_an_unknown_outlet_counts_when_its_copyright_line_and_another_place_print_its_name():
    footer = "© Harbour Ledger GmbH & Co. KG 2024"
    [record] = extract(saved_page(footer, masthead="Harbour Ledger"))
    assert (record.outlet, record.outlet_evidence) == ("Harbour Ledger", "copyright_line")
    [record] = extract(saved_page("© 2024 The Harbour Ledger"), f"saved/{HEADLINE} – The Harbour Ledger.txt")
    assert (record.outlet, record.outlet_evidence) == ("The Harbour Ledger", "copyright_line")
    # a masthead and a file name alone: both may print the site's section ('Politics' over the headline)
    [record] = extract(saved_page(None, masthead="The Harbour Ledger"), f"saved/{HEADLINE} – The Harbour Ledger.txt")
    assert record.outlet is None
    [record] = extract(saved_page(None, masthead="The Harbour Ledger"))      # one place only
    assert record.outlet is None
    [record] = extract(saved_page("© 2024 Nora Pell", masthead="Nora Pell"), f"saved/{HEADLINE} - Nora Pell.txt")
    assert record.outlet is None        # a person's name, wherever it is printed


def test_the_outlet_the_text_names_comes_before_the_footer():
    text = saved_page("© 2024 The New York Times Company").replace("By Nora Pell", "By Nora Pell, Reuters")
    [record] = extract(text)
    assert (record.outlet, record.outlet_evidence) == ("Reuters", "byline")


def test_copyright_holders_and_file_name_tails_as_read():
    assert copyright_holder("© 2023 The New York Times Company") == "The New York Times Company"
    assert copyright_holder("Copyright © 2019, Example Times | Terms of Service | Privacy Policy") == "Example Times"
    assert copyright_holder("© 1995 - 2019 by Example Media Group Inc.") == "Example Media Group Inc"
    assert copyright_holder("© 2018 Copyright Example Post Pvt. Ltd.. All Rights reserved.") == "Example Post Pvt"
    assert copyright_holder("© Donau-Beispiel GmbH & Co. KG 2023") == "Donau-Beispiel GmbH & Co"
    assert copyright_holder("© 2024") is None and copyright_holder("Example Times 2024") is None
    caption = "© Jane Roe Passengers waiting on the quay at Holbeck on Tuesday as the strike began"
    assert copyright_holder(caption) is None
    assert saved_page_title_tail("in/Headline - The Example Times.txt") == "The Example Times"
    assert saved_page_title_tail("in/Headline – Beispiel-Rundschau.html") == "Beispiel-Rundschau"
    assert saved_page_title_tail("in/crawl - Reuters.warc.gz") is None     # a container of many pages
    assert saved_page_title_tail("in/aeb-example-com-1234.txt") is None


@pytest.mark.parametrize("caption", [
    "Passengers waiting on the quay at Holbeck on Tuesday.Credit...Example Photo Agency",
    "Passengers waiting on the quay at Holbeck on Tuesday.Credit…Example Photo Agency",
    "Fahrgäste warten am Kai in Holbeck auf die Fähre. Foto: Max Muster",
    "Passengers waiting on the quay at Holbeck on Tuesday. Photo: Jane Roe/Example Agency",
])
def test_a_caption_with_its_photo_credit_glued_on_is_not_the_headline(caption):
    text = saved_page(None).replace(CAPTION, caption)
    [record] = extract(text)
    assert record.title == HEADLINE and caption not in record.text


def test_a_sentence_about_credit_is_no_caption():
    sentence = ("The bank offered the islanders credit... at a rate that the council called unfair, "
                "and the union asked why the operator had been paid first.")
    text = saved_page(None).replace(PARAGRAPHS[1], sentence)
    [record] = extract(text)
    assert sentence in record.text


@pytest.mark.parametrize("skip_link, masthead, footer, outlet", [
    ("Zum Inhalt springen", "Kieler Anzeiger", "© Kieler Anzeiger 2024", "Kieler Anzeiger"),
    ("Skip to main content", "Harbour Rundschau", "© Harbour Rundschau 2024", "Harbour Rundschau"),
    ("Перейти к основному содержанию", "ВЕСТНИК ЮГА", "© 2024 «Вестник юга». Все права защищены.", "Вестник юга"),
    ("Aller au contenu principal", "The Harbour Ledger", "© 2024 The Harbour Ledger Media Ltd. All rights reserved.",
     "The Harbour Ledger"),
    ("Ir al contenido", "Diario del Puerto", "© 2024 „Diario del Puerto“ Ediciones", "Diario del Puerto"),
])
def test_a_masthead_under_a_skip_link_and_its_copyright_line_name_the_outlet(skip_link, masthead, footer, outlet):
    [record] = extract(f"{skip_link}\n{saved_page(footer, masthead=masthead)}")
    assert (record.outlet, record.outlet_evidence) == (outlet, "copyright_line")
