"""Issue 15u: authors and dates of rendered web pages read as text (pages written for these tests).

A date line printed over the headline, a byline carrying a social handle or a job title, a heading that merely
looks like a name (a tag under a 'Tags' label, a section label) away from the headline."""

from __future__ import annotations

from test_extraction import PARA, PARA2, PARA3, analyse

NAV = ["Skip to content", "Home", "World", "Business", "Sign in", ""]
BODY = ["", PARA, "", PARA2, "", PARA3, ""]


def one(lines: list[str]):
    _, records = analyse("\n".join(lines))
    assert len(records) == 1
    return records[0]


def test_a_date_line_printed_over_the_headline_is_the_articles_date():
    r = one(NAV + ["Mar. 14, 2023 6:02 AM EST", "Villagers Still Waiting for the Water Pipeline", "By Maria Okafor"] + BODY)
    assert r.title == "Villagers Still Waiting for the Water Pipeline"
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_a_date_under_the_headline_comes_before_one_over_it():
    r = one(NAV + ["Mar. 13, 2023", "Villagers Still Waiting for the Water Pipeline", "By Maria Okafor",
                   "Published 14 March 2023"] + BODY)
    assert r.published_date.isoformat() == "2023-03-14"


def test_a_name_line_with_a_social_handle_is_the_byline():
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "Maria Okafor@MariaOkafor"] + BODY)
    assert r.authors == ["Maria Okafor"]
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "by Maria Okafor @maria_okafor March 14, 2023: 9:41 AM ET"]
            + BODY)
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_an_embedded_posts_attribution_names_no_author():
    quote = "— Tom Lindqvist (@tomlindqvist) March 3, 2023"
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "By Maria Okafor", "Published 14 March 2023", "",
                   PARA, "", "The pipeline is late again.", quote, "", PARA2, "", PARA3, ""])
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_a_tag_under_a_tags_label_is_no_author():
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "March 14, 2023 | 6:00 PM", "Tags", "Water Supply",
                   "Rural Affairs"] + BODY)
    assert r.authors == [] and r.published_date.isoformat() == "2023-03-14"


def test_a_name_shaped_label_below_an_unread_byline_is_no_author():
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "Maria Okafor (M.O.) reporting", "Share", "0",
                   "All Share Services"] + BODY)
    assert r.authors == []


def test_a_name_line_right_under_the_headline_or_a_lone_by_is_still_the_byline():
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "Maria Okafor", "5 Min Read"] + BODY)
    assert r.authors == ["Maria Okafor"]
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "March 14, 2023 at 6:01 am", "By", "Maria Okafor",
                   "Example Gazette business reporter"] + BODY)
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_date_shapes_of_rendered_pages():
    """A month-first numeric date, a two-digit year followed by a time, a time glued to the year."""
    for line, day in [("By Jo Park - 11/19/19 06:56 AM EST", "2019-11-19"), ("By Jo Park On 11/13/19 at 4:00 PM EST", "2019-11-13"),
                      ("2/26/2015 7:11 AM PST", "2015-02-26"), ("Published Wed, Nov 20 20194:29 AM EST", "2019-11-20")]:
        r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", line] + BODY)
        assert r.published_date is not None and r.published_date.isoformat() == day, line
    assert cues_find("He scored 3/4/20 points.") == [] and cues_find("Chapter 1/2/19") == []


def cues_find(line: str) -> list:
    from corpus_pkg import cues

    return cues.find_dates(line)


def test_a_byline_without_by_marked_by_a_job_title_or_an_outlet():
    headline = "Villagers Still Waiting for the Water Pipeline"
    for byline, authors, outlet in [
            ("Maria Okafor, Example National Security Writer", ["Maria Okafor"], None),
            ("Maria Okafor | Senior Correspondent", ["Maria Okafor"], None),
            ("Maria Okafor and Tom Lindqvist, Example Press", ["Maria Okafor", "Tom Lindqvist"], "Example Press"),
            ("Maria Okafor Example Press", ["Maria Okafor"], "Example Press"),
            ("Maria Okafor and Tom Lindqvist EXAMPLE TODAY", ["Maria Okafor", "Tom Lindqvist"], "Example Today")]:
        r = one(NAV + [headline, byline, "Published 7:07 PM EST Mar 14, 2023"] + BODY)
        assert (r.authors, r.outlet, r.published_date.isoformat()) == (authors, outlet, "2023-03-14"), byline


def test_names_and_a_brand_or_a_call_to_action_are_no_byline():
    from corpus_pkg import cues
    from corpus_pkg.profiles import load_profile

    profile = load_profile()
    words = frozenset(w.casefold() for w in profile.lexicon.organisation_words)
    cue = cues.compile_cues(profile.cues_for("en"), "en")
    for line in ["Maria Okafor, Tom Lindqvist, NATO", "CLICK HERE TO GET THE EXAMPLE NEWS APP", "Example Health News",
                 "Maria Okafor and Tom Lindqvist"]:
        assert cues.parse_byline(line, words, frozenset(), str.casefold, cue) is None, line


def test_a_boxed_analysis_signed_with_a_job_title_stays_inside_the_article():
    box = ["One chapter over, another barely begun", "Tom Lindqvist, Example diplomatic correspondent", "",
           PARA3.replace("Officials", "Diplomats"), "", PARA2.replace("Residents", "Farmers"), "",
           PARA.replace("regional", "national"), ""]
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "By Maria Okafor", "Published 14 March 2023"] + BODY
            + box + [PARA.replace("council", "committee"), ""])
    assert r.authors == ["Maria Okafor"] and "Diplomats" in r.text


def test_an_embedded_posts_date_is_not_the_articles_date():
    quote = ["The pipeline is late again, and we are still waiting.", "— Tom Lindqvist (@tomlindqvist) March 1, 2023"]
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "By Maria Okafor Updated Mar 14, 2023, 10:28am EST",
                   "", PARA, ""] + quote + ["", PARA2, "", PARA3, ""])
    assert r.authors == ["Maria Okafor"] and r.modified_date.isoformat() == "2023-03-14"
    assert r.published_date is None     # (an update date only: the page does not say when it was published)


def test_a_programme_named_after_the_date_of_a_byline_is_no_name():
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline",
                   "By MARIA OKAFOR March 14, 2023 3:46 PM Good Morning Example"] + BODY)
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_a_name_the_headline_prints_is_its_subject_not_its_author():
    r = one(NAV + ["Maria Okafor's Water Pipeline Plan Stalls Again", "Maria Okafor", "Published 14 March 2023"] + BODY)
    assert r.authors == [] and r.published_date.isoformat() == "2023-03-14"


def test_a_byline_with_a_job_title_and_its_employer_or_a_counter():
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline",
                   "By Maria Okafor, Senior Staff Technologist, Example Speech, Water, and Land Project",
                   "March 14, 2023 | 6:00 PM"] + BODY)
    assert r.authors == ["Maria Okafor"] and r.outlet is None
    r = one(NAV + ["Villagers Still Waiting for the Water Pipeline", "Maria Okafor March 14, 2023 13"] + BODY)
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"


def test_a_headline_shaped_like_names_and_an_outlet_names_no_author():
    """(Names then an outlet are read as a byline only under the headline, never on the classifier's word.)"""
    r = one(NAV + ["Mayor Rejects Example Press Claims", "By Maria Okafor", "Published 14 March 2023"] + BODY)
    assert (r.authors, r.outlet) == (["Maria Okafor"], None)
    r = one(NAV + ["Harbour Council Attacks Example News", "Published 14 March 2023"] + BODY)
    assert (r.title, r.authors, r.outlet) == ("Harbour Council Attacks Example News", [], None)


def test_a_share_button_between_the_date_and_the_headline():
    r = one(NAV + ["October 9, 2018 at 9:40 am", "Tweet", "Villagers Still Waiting for the Water Pipeline"] + BODY)
    assert r.published_date.isoformat() == "2018-10-09"
