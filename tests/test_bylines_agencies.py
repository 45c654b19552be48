"""Bylines that name a news agency, and the agency an opening dateline names (round 10b).

- 'Av Karin Berg/TT', 'By Jane Roe/AP': an agency glued to the name by a slash is the byline's outlet, the name its
  author; the same line alone, without a prefix or a date, under a photo stays a photo credit.
- 'Reuters | 6 March 2024' under a headline: a byline naming no author (outlet Reuters) with its date, not a photo
  credit.
- 'WARSZAWA (PAP) - ...', '(AP) — ...': the agency of the opening dateline is the outlet when no byline or source line
  names one; the paragraph keeps its text as printed.
- Markdown emphasis ('By **Jane Roe**', '*By Jane Roe*') leaves the authors and the byline field.
- `glued_tail` is the one split of a name from what is glued to it (an outlet, a month, a job title's first word).
Pages here are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_languages import EN, one_record, page_of, role_of

from corpus_pkg import cues
from corpus_pkg.cues.names import glued_tail
from corpus_pkg.extract import Extractor
from corpus_pkg.profiles import load_profile
from corpus_pkg.registry import load_registry, outlet_key

SV = ["Regeringen vill bygga ut järnvägen mellan de två största städerna i landet, och arbetet ska börja redan nästa "
      "år enligt ett förslag som presenterades på tisdagen.",
      "Kritiker menar att pengarna borde gå till underhåll av de banor som redan finns, eftersom många tåg är "
      "försenade varje vinter."]
DE = ["Die Stadt will die alte Brücke über den Fluss bis zum nächsten Sommer abreißen und durch einen Neubau aus "
      "Stahl ersetzen, teilte der Bürgermeister am Dienstag mit.",
      "Anwohner hatten sich seit Jahren über Lärm und Staus beschwert, die Bauarbeiten sollen im Frühjahr beginnen."]
PL = ["Rada miasta zdecydowała w czwartek o budowie nowej linii tramwajowej, która połączy dworzec z osiedlami na "
      "północy miasta do końca przyszłego roku.",
      "Mieszkańcy od dawna skarżyli się na korki i przepełnione autobusy w godzinach szczytu."]
IT = ["Il consiglio comunale ha approvato ieri il progetto per la nuova biblioteca del quartiere, che aprirà le "
      "porte entro la fine del prossimo anno secondo il sindaco.",
      "I lavori costeranno circa dodici milioni di euro e saranno finanziati in parte dalla regione."]


@pytest.mark.parametrize("headline, byline, paragraphs, authors, outlet", [
    ("Regeringen vill bygga ut järnvägen", "Av Karin Berg/TT", SV, ["Karin Berg"], "Tidningarnas Telegrambyrå"),
    ("Stadt will die alte Brücke abreißen", "Von Max Muster/dpa", DE, ["Max Muster"], "Deutsche Presse-Agentur"),
    ("Rada miasta zdecydowała o nowej linii", "Autor: Jan Kowalski/PAP", PL, ["Jan Kowalski"],
     "Polska Agencja Prasowa"),
    ("Harbour board to rebuild the ferry pier", "By Jane Roe/AP", EN, ["Jane Roe"], "Associated Press"),
    ("Harbour board to rebuild the ferry pier", "By Jane Roe/Reuters", EN, ["Jane Roe"], "Reuters"),
])
def test_an_agency_after_a_slash_is_the_bylines_outlet(headline, byline, paragraphs, authors, outlet):
    page, r = one_record(page_of(headline, [byline], paragraphs))
    assert (r.authors, r.outlet, r.outlet_evidence, r.byline) == (authors, outlet, "byline", byline)
    assert r.subtitle is None and role_of(page, byline)[0] == "byline"


def test_a_name_and_agency_under_a_photo_stay_a_photo_credit():
    caption = "The old pier seen from the harbour wall on Tuesday, a week before the works begin."
    page, r = one_record(page_of("Harbour board to rebuild the ferry pier", ["By Tom Lee"],
                                 [EN[0], caption, "Jane Roe/AP", *EN[1:]]))
    assert r.authors == ["Tom Lee"] and r.outlet is None
    assert role_of(page, "Jane Roe/AP") == ("boilerplate", "photo_credit")


def test_an_agency_and_a_date_under_the_headline_are_a_byline():
    page, r = one_record(page_of("Harbour board to rebuild the ferry pier", ["Reuters | 6 March 2024"], EN))
    assert (r.authors, r.outlet, r.outlet_evidence) == ([], "Reuters", "byline")
    assert (r.published_date, r.byline) == (dt.date(2024, 3, 6), "Reuters | 6 March 2024")
    assert role_of(page, "Reuters | 6 March 2024")[0] == "byline"


@pytest.mark.parametrize("headline, header, paragraphs, opening, outlet", [
    ("Rada miasta zdecydowała o nowej linii", ["Autor: Anna Nowak"], PL, "WARSZAWA (PAP) - ", "Polska Agencja Prasowa"),
    ("Il consiglio approva la nuova biblioteca", ["di Marco Neri"], IT, "ROMA (ANSA) - ", "ANSA"),
    ("Harbour board to rebuild the ferry pier", ["By Jane Roe"], EN, "PORTSMOUTH, England (Reuters) - ", "Reuters"),
    ("Harbour board to rebuild the ferry pier", ["By Jane Roe"], EN, "(AP) — ", "Associated Press"),
    ("Harbour board to rebuild the ferry pier", [], EN, "DOVER, March 3 (AFP/Reuters) - ", "Agence France-Presse"),
])
def test_the_agency_of_the_opening_dateline_is_the_outlet(headline, header, paragraphs, opening, outlet):
    first = opening + paragraphs[0]
    _, r = one_record(page_of(headline, header, [first, *paragraphs[1:]]))
    assert (r.outlet, r.outlet_evidence) == (outlet, "dateline")
    assert r.text.split("\n\n")[0] == first       # the paragraph as printed


@pytest.mark.parametrize("header, opening, outlet, evidence", [
    (["By Jane Roe, Reuters"], "LONDON (AP) — ", "Reuters", "byline"),      # the byline names the outlet first
    (["By Jane Roe"], "United Kingdom (English) - ", None, None),          # no agency in the brackets
    (["By Jane Roe"], "The board (AP) said ", None, None),                 # no dash: not a dateline
])
def test_a_dateline_agency_comes_after_the_byline_and_must_be_known(header, opening, outlet, evidence):
    _, r = one_record(page_of("Harbour board to rebuild the ferry pier", header, [opening + EN[0], *EN[1:]]))
    assert (r.outlet, r.outlet_evidence) == (outlet, evidence)


@pytest.mark.parametrize("byline, printed", [
    ("By **Jane Roe**", "By Jane Roe"),
    ("*By Jane Roe*", "By Jane Roe"),
    ("By _Jane Roe_ | March 3, 2024", "By Jane Roe | March 3, 2024"),
    ("By *[Jane Roe](https://example.org/staff/jane-roe)*", "By Jane Roe"),
])
def test_markdown_emphasis_leaves_the_byline(byline, printed):
    _, r = one_record(page_of("Harbour board to rebuild the ferry pier", [byline], EN))
    assert (r.authors, r.byline) == (["Jane Roe"], printed)


@pytest.fixture(scope="module")
def known():
    extractor = Extractor(load_profile(), load_registry())
    return extractor.organisation_words, extractor.known_outlets


@pytest.mark.parametrize("item, split", [
    ("Erik Lindqvist/TT", ("Erik Lindqvist", "TT")),
    ("Jane Roe/Example Press", ("Jane Roe", "Example Press")),
    ("JILL ROE Associated Press", ("JILL ROE", "Associated Press")),
    ("JANE ROE March", ("JANE ROE", "March")),
    ("Tom Roe News reporter", ("Tom Roe", "News reporter")),
    ("Jane Roe Associated Press", ("Jane Roe", "Associated Press")),
    ("John Doe USA TODAY", ("John Doe", "USA TODAY")),
    ("NJ Advance Media", None),          # an organisation's own name
    ("Jane Roe", None),
    ("Jane Roe Smith", None),
    ("Harbour board/AP", None),          # no name before the slash
])
def test_glued_tail_splits_a_name_from_what_is_glued_to_it(known, item, split):
    organisation_words, outlets = known
    assert glued_tail(item, organisation_words, outlets, outlet_key) == split


def test_bylines_and_credit_lines_read_the_same_glued_outlet(known):
    organisation_words, outlets = known
    line_cues = Extractor(load_profile(), load_registry()).line_cues("en")
    prefixed = cues.parse_byline("By Jane Roe Associated Press", organisation_words, outlets, outlet_key, line_cues)
    credit = cues.credit_line("Jane Roe Associated Press", line_cues, organisation_words, outlets, outlet_key)
    assert (prefixed.authors, prefixed.outlet) == (credit.authors, credit.outlet) == (["Jane Roe"], "Associated Press")
    # a month after an ALL-CAPS name is left out, never an outlet
    dated = cues.parse_byline("By JANE ROE March 3, 2024", organisation_words, outlets, outlet_key, line_cues)
    assert (dated.authors, dated.outlet) == (["Jane Roe"], None)
    # alone, without a prefix or a date, a name and an agency are a photo credit's shape: no byline
    assert cues.parse_byline("Jane Roe/AP", organisation_words, outlets, outlet_key, line_cues) is None


# ------------------------------------------------------------------------------------------------
# authors a rendered page prints with something glued to them


@pytest.mark.parametrize("line, authors", [
    ("By Jane RoeBusiness Columnist", ["Jane Roe"]),          # a job title joined without a space
    ("Jane RoeStaff Writer", ["Jane Roe"]),                   # the same on a name line
    ("By Jane MacDonaldStaff Writer", ["Jane MacDonald"]),    # a name's own capital stays ('MacDonald')
    ("Jane Roe 1 day ago", ["Jane Roe"]),                     # a time relative to now
    ("Jane Roe • 8h", ["Jane Roe"]),
    ("By Jane Roe | 3 hours ago", ["Jane Roe"]),
    ("Richard (R.J.) Roe", ["Richard Roe"]),                  # a nickname between the names
    ("Jane “JJ” Roe", ["Jane Roe"]),
    ("Jane Roe, Staff Writer", ["Jane Roe"]),                 # a name line with a job title
])
def test_an_author_printed_with_a_job_title_time_or_nickname_glued_to_the_name(line, authors):
    page, r = one_record(page_of("Harbour board to rebuild the ferry pier", [line, "March 5, 2024"], EN))
    assert (r.authors, r.byline, r.subtitle) == (authors, line, None)
    assert role_of(page, line)[0] == "byline" and line not in r.text
    assert r.published_date == dt.date(2024, 3, 5)      # (a relative time is never read as the date)


@pytest.mark.parametrize("line", ["By Jane MacDonald Staff Writer", "Kevin McCoy"])
def test_a_capital_inside_a_name_is_no_join(line):
    extractor = Extractor(load_profile(), load_registry())
    assert cues.names_with_job_title(line, extractor.line_cues("en"), extractor.organisation_words) == []


@pytest.mark.parametrize("line, name", [
    ("Max Muster vor 2 Stunden", "Max Muster"),
    ("Marie Dupont il y a 3 heures", "Marie Dupont"),
    ("Jane Roe@janeroe", "Jane Roe"),
    ("Prison for 10 years", "Prison for"),      # (only ever asked of a line that may be a name line)
])
def test_a_name_line_reads_without_its_handle_or_relative_time(line, name):
    extractor = Extractor(load_profile(), load_registry())
    language = {"Max": "de", "Marie": "fr"}.get(line.split()[0], "en")
    assert cues.name_of_line(line, extractor.line_cues(language)) == name


def test_a_heading_under_a_name_line_byline_is_no_standfirst():
    related = "Council to vote on new bus lanes next month"
    page, r = one_record(page_of("Harbour board to rebuild the ferry pier", ["Jane Roe 2 days ago", "SHARE", related],
                                 EN))
    assert r.authors == ["Jane Roe"] and r.subtitle is None
    assert role_of(page, related)[0] == "boilerplate"


def test_a_korean_agency_dateline_with_the_place_in_its_brackets():
    """Korean wire copy opens '(부산=연합뉴스) 박영희 기자 = ...': the place inside the brackets, the reporter before
    an '=' instead of a dash."""
    paragraphs = ["시의회는 5일 노면전차 노선을 도시 북부로 연장하는 계획을 승인했다. 공사는 올여름에 시작된다.",
                  "시장은 이번 결정이 외곽 지역 주민들에게 중요한 한 걸음이라고 말했다."]
    first = "(부산=연합뉴스) 박영희 기자 = " + paragraphs[0]
    _, r = one_record(page_of("부산시, 노면전차 북부 연장 승인", [], [first, paragraphs[1]]))
    assert r.outlet_evidence == "dateline" and r.outlet in ("연합뉴스", "Yonhap News Agency")


def test_a_spanish_agency_dateline_closed_with_a_full_stop_and_dash():
    from corpus_pkg.registry import outlet_key

    known = frozenset({outlet_key("EFE"), outlet_key("Reuters")})
    es = cues.compile_cues(load_profile().cues_for("es"), "es")

    def agency(paragraph):
        dateline = cues.read_dateline(paragraph, es, frozenset(), known, outlet_key)
        return dateline.agency if dateline else None

    assert agency("SEVILLA, 5 mar (EFE).- El ayuntamiento aprobó el plan.") == "EFE"
    assert agency("El pleno (PSOE).- votó en contra.") is None     # not an agency
