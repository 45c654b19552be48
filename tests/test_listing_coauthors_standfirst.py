"""Round 10a: listing pages of teasers (continuation markers in the languages' data, an ellipsis), co-authors
printed one per line under the headline, and a standfirst printed under its headline. Pages written for these
tests."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from test_extraction import analyse, page_of
from test_page_decisions import P

from corpus_pkg import build

IT_TEASERS = [
    ("Il consiglio comunale approva il nuovo piano per il porto", "di Marco Bianchi", "4 marzo 2024",
     "Il consiglio comunale ha approvato ieri sera il piano per il porto turistico, che prevede nuovi ormeggi e "
     "una passeggiata lungo il molo entro la fine del prossimo anno."),
    ("Scuole, aumentano gli iscritti al primo anno", "di Laura Neri", "3 marzo 2024",
     "Gli istituti della provincia hanno registrato quest'anno il numero più alto di nuovi iscritti da quando "
     "esistono i dati, secondo l'ufficio scolastico."),
    # a blurb under MIN_BODY_WORDS words: too thin for an article, still a teaser of the listing
    ("Ponte chiuso per lavori fino ad aprile", "di Carlo Verdi", "2 marzo 2024",
     "Il ponte sul fiume resterà chiuso per sei settimane per sostituire i cavi."),
    ("Agricoltori preoccupati per l'inverno piovoso", "di Anna Riva", "1 marzo 2024",
     "Molti campi della valle sono ancora sotto l'acqua e la semina dovrà essere rinviata di alcune settimane, "
     "dicono gli agricoltori della zona."),
]


def italian_listing(marker: str = "Leggi tutto") -> str:
    lines = ["Archivio - Cronaca locale - Pagina 3", ""]
    for headline, byline, date, blurb in IT_TEASERS:
        lines += [headline, byline, date, blurb, marker, ""]
    lines.append("Pagina precedente | 1 2 3 4 | Pagina successiva")
    return "\n".join(lines) + "\n"


def roles_of(page) -> dict[str, tuple[str, str | None, int | None]]:
    return {b.text: role for b, role in zip(page.blocks, page.roles) if b.text}


def test_a_page_of_teasers_is_a_listing_page_with_no_article():
    """Every unit ends in the language's continuation marker: no article, each teaser line in the audit as a
    teaser (the thin one too), the markers as continuation furniture, the decision says why."""
    page, records = analyse(italian_listing())
    assert records == []
    assert page.decision.kind == "none"
    assert page.decision.reason.startswith(f"listing page: {len(IT_TEASERS)} teasers, no full article")
    roles = roles_of(page)
    for headline, byline, date, blurb in IT_TEASERS:
        for line in (headline, byline, date, blurb):
            assert roles[line] == ("boilerplate", "teaser", None), line
    assert roles["Leggi tutto"] == ("boilerplate", "continuation", None)


@pytest.mark.parametrize("marker", ["Leggi tutto »", "Continua a leggere", "LEGGI TUTTO"])
def test_the_language_continuation_markers_are_furniture(marker):
    page, _ = analyse(italian_listing(marker))
    marks = [b for b in page.blocks if b.text == marker]
    assert marks and all(b.cls == "furniture" and b.furniture.kind == "continuation" and b.furniture.truncates
                         for b in marks)
    assert page.decision.reason.startswith("listing page")


def test_a_listing_page_is_one_warning_naming_the_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "archivio.txt").write_text(italian_listing())
    (folder / "article.txt").write_text(page_of("Pipeline Work Resumes in the Eastern Villages", "By Jane Roe",
                                                "March 3, 2024", P[0], P[1], P[2]))
    report = build(input_dir=folder, output_dir=tmp_path / "out")
    listing = [w for w in report.all_warnings() if "archivio.txt" in w]
    assert len(listing) == 1 and "listing page: 4 teasers" in listing[0]
    assert next(f for f in report.files if f.source_file.endswith("archivio.txt")).page_type == "listing"
    rows = pq.read_table(tmp_path / "out" / "data").to_pylist()
    assert [r["title"] for r in rows] == ["Pipeline Work Resumes in the Eastern Villages"]
    page = next(p for p in pq.read_table(tmp_path / "out" / "pages").to_pylist() if p["source_file"].endswith("archivio.txt"))
    assert page["n_articles"] == 0 and page["page_decision"] == "none"
    assert sum(1 for s in page["spans"] if s["detail"] == "teaser" and s["role"] == "boilerplate") >= len(IT_TEASERS)


def test_a_listing_page_may_open_with_a_short_introduction():
    intro = ("Tutte le notizie di cronaca locale della settimana, aggiornate ogni giorno dalla nostra redazione con "
             "le storie dei comuni della provincia.")
    page, records = analyse(italian_listing().replace("Pagina 3\n", f"Pagina 3\n\n{intro}\n", 1))
    assert records == [] and page.decision.reason.startswith(f"listing page: {len(IT_TEASERS)} teasers")


@pytest.mark.parametrize("ending", ["… Leggi tutto »", "... [Leggi tutto]", " (continua a leggere)"])
def test_a_marker_ending_the_blurb_after_an_ellipsis_or_in_brackets_cuts_it(ending):
    lines = []
    for headline, byline, date, blurb in IT_TEASERS:
        lines += [headline, byline, date, blurb.rstrip(".") + ending, ""]
    page, records = analyse("\n".join(lines))
    assert records == [] and page.decision.reason.startswith("listing page")
    # on an article page the marker is cut from the text, which is marked truncated
    headline, byline, date, blurb = IT_TEASERS[0]
    _, records = analyse(page_of(headline, byline, date, IT_TEASERS[1][3], IT_TEASERS[3][3], blurb.rstrip(".") + ending))
    assert records[0].truncated and records[0].paragraphs[-1] == blurb.rstrip(".")


def test_teasers_ending_in_an_ellipsis_make_a_listing_page():
    blurbs = [p[:120].rsplit(" ", 1)[0] + "…" for p in P[:3]]
    page, records = analyse(page_of("Latest news", "Harbour Bridge to Close for Repairs Next Month", "By Jane Roe",
                                    "March 3, 2024", blurbs[0], "Schools Report Record Number of New Pupils",
                                    "By John Doe", "March 2, 2024", blurbs[1],
                                    "Farmers Count the Cost of the Long Wet Winter", "By Mary Major", "March 1, 2024",
                                    blurbs[2]))
    assert records == [] and page.decision.reason.startswith("listing page: 3 teasers")


def test_teasers_without_bylines_ending_in_continue_reading_make_a_listing_page():
    page, records = analyse(page_of("Latest news", "Harbour Bridge to Close for Repairs Next Month", P[0],
                                    "Continue reading", "Schools Report Record Number of New Pupils", P[1],
                                    "Continue reading", "Farmers Count the Cost of the Long Wet Winter", P[2],
                                    "Continue reading"))
    assert records == [] and page.decision.reason.startswith("listing page: 3 teasers")


def test_a_full_article_followed_by_teasers_stays_an_article():
    """A full article, then 'Read more:' and other articles' teasers: the article is kept, its related list is
    furniture, the teasers stay outside it."""
    teasers = []
    for n, headline in enumerate(["Harbour Bridge to Close for Repairs Next Month",
                                  "Schools Report Record Number of New Pupils",
                                  "Farmers Count the Cost of the Long Wet Winter"]):
        teasers += [headline, "By John Doe", f"March {n + 1}, 2024", P[n][:150].rsplit(" ", 1)[0] + "…"]
    page, records = analyse(page_of("Pipeline Work Resumes in the Eastern Villages", "By Jane Roe", "March 3, 2024",
                                    *P, "Read more:", *teasers))
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert records[0].paragraphs == P


def test_two_teasers_each_a_headline_over_one_blurb_are_a_listing_page():
    """Round 11c: a section page with two stories is a listing (a cut article beside one teaser is not:
    test_teasers_amp_deks)."""
    page, records = analyse(page_of("Harbour Bridge to Close for Repairs Next Month", "By Jane Roe", "March 3, 2024",
                                    P[0], "Continue reading", "Schools Report Record Number of New Pupils",
                                    "By John Doe", "March 2, 2024", P[1], "Continue reading"))
    assert page.decision.reason.startswith("listing page: 2 teasers") and not records


HEADLINE = "Pipeline Work Resumes in the Eastern Villages"


@pytest.mark.parametrize("header, authors", [
    (["By Jane Roe", "and John Doe"], ["Jane Roe", "John Doe"]),
    (["Jane Roe", "John Doe"], ["Jane Roe", "John Doe"]),
    (["By Jane Roe", "John Doe"], ["Jane Roe", "John Doe"]),
    (["By Jane Roe,", "John Doe and Mary Major"], ["Jane Roe", "John Doe", "Mary Major"]),
    (["By Jane Roe", "&", "John Doe"], ["Jane Roe", "John Doe"]),
])
@pytest.mark.parametrize("blank", [False, True])
def test_co_authors_printed_one_per_line(header, authors, blank):
    lines = [HEADLINE, "", *header, "March 3, 2024", ""]
    if blank:   # a page rendered from HTML: a blank line between all lines
        lines = [line for line in lines if line]
        text = page_of(*lines, *P[:3])
    else:
        text = "\n".join(lines + ["\n\n".join(P[:3])]) + "\n"
    _, records = analyse(text)
    assert len(records) == 1 and records[0].authors == authors
    assert records[0].title == HEADLINE


def test_co_authors_in_german():
    text = page_of("Neue Radwege entlang des Flusses geplant", "Von Anna Becker", "und Tobias Weber", "12. März 2024",
                   "Die Stadtverwaltung will bis zum Herbst drei neue Radwege am Ufer bauen lassen, wie der "
                   "Bürgermeister am Dienstag im Rat ankündigte, und die Anwohner sollen dabei mitreden dürfen.",
                   "Die Kosten von rund zwei Millionen Euro trägt zum größten Teil das Land, teilte die Verwaltung "
                   "mit, den Rest zahlt die Stadt aus ihrem Haushalt für den Verkehr der nächsten Jahre.")
    _, records = analyse(text)
    assert records[0].authors == ["Anna Becker", "Tobias Weber"]


@pytest.mark.parametrize("under", [
    ["By Jane Roe | March 3, 2024", "Key Points"],      # a dated byline is complete: a label under it
    ["Jane Roe@janeroe", "Key Points"],                 # a social card's name, then a label
    ["By Jane Roe", "Key Points", "Share"],             # a name-shaped line not over a date line
    ["By Jane Roe", "Senior Correspondent", "March 3, 2024"],   # a job title
])
def test_a_name_shaped_label_under_a_byline_is_no_co_author(under):
    _, records = analyse(page_of(HEADLINE, *under, *P[:3]))
    assert records[0].authors == ["Jane Roe"]


@pytest.mark.parametrize("headline, standfirst", [
    ("Pipeline work resumes", "After two years of delays, the council says the first villages will have water by "
                              "the summer"),
    ("Water pipeline: work resumes in the east", "The council promises water by summer; residents doubt the "
                                                 "contractor"),
])
def test_a_standfirst_under_its_headline_is_not_the_title(headline, standfirst):
    _, records = analyse(page_of("Menu", "News", headline, standfirst, "By Jane Roe", "March 3, 2024", *P[:3]))
    assert records[0].title == headline
    assert records[0].subtitle == standfirst


def test_a_sentence_case_headline_under_a_label_is_still_the_title():
    """A sentence-case headline under a sponsor's label or another headline is no standfirst of it."""
    headline = "Council admits the pipeline delays are its biggest failure"
    for above in ("Local news is sponsored today", "Why you should always close the door before you go to bed"):
        _, records = analyse(page_of("Menu", above, headline, "March 3, 2024", *P[:3]))
        assert records[0].title == headline, above


def test_every_language_continuation_marker_is_read_as_one():
    """Each language's `continuation` markers, alone on a line (with a trailing mark), on a page of that language:
    continuation furniture that cuts the text above, not shadowed by another profile rule."""
    from corpus_pkg.profiles import load_profile
    from corpus_pkg.registry import outlet_key
    from corpus_pkg.segment import Block, Classifier

    profile = load_profile(())
    classifier = Classifier(profile, frozenset(), outlet_key)
    checked = 0
    for language, words in profile.languages.items():
        classifier.language, classifier.cues = language, classifier._cues_for(language)
        for marker in words.continuation:
            # (in capitals too, where case-folding the capitals gives the marker back: not Turkish 'ı')
            shouted = marker.upper() if marker.upper().casefold() == marker.casefold() else marker
            for printed in (marker, shouted, f"{marker} »"):
                block = Block(1, 1, printed)
                classifier.classify(block)
                assert block.cls == "furniture" and block.furniture.kind == "continuation", (language, printed)
                assert block.furniture.truncates and block.furniture.closes
                checked += 1
    assert checked >= 3 * 20
