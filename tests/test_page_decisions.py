"""Issue 11: the page decision (one / several / none), the article's extent and its headline, on pages
written for these tests: one test per kind of failure listed in the issue, plus the config options.

Each test asserts the number of articles, the title, and where the body starts and ends.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from corpus_pkg import build
from corpus_pkg.explain import explain_file
from corpus_pkg.extract import Extractor
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import SourcePage, split_lines
from corpus_pkg.registry import load_registry, outlet_key
from corpus_pkg.segment import Classifier, Segmenter

P = [
    "The regional council said on Monday that the new water pipeline would reach the eastern villages before the "
    "summer, after two years of delays blamed on funding and on disputes over the route of the main trench.",
    "Residents interviewed in three villages said they had heard such promises before, and several asked why the "
    "contractor had been paid in full while the trenches stood empty for months on end this year.",
    "Officials did not answer questions about the contract, but a spokesman promised that an independent audit of "
    "the pipeline would be published once the first section of it is working in the spring.",
    "The council's engineers now expect the pumping station to be connected in April, and they say that the "
    "villages furthest from the river will be the first to receive water from the new pipeline.",
    "Farmers in the valley, who have carried water in tanks from the river for three summers, said they would "
    "believe in the pipeline when water came out of the taps and not a day before that.",
]
OTHER = [
    "A fire that started in a warehouse near the harbour on Sunday night was brought under control by morning, "
    "the fire service said, after crews from four towns spent the night fighting the flames.",
    "Nobody was hurt in the fire, but the owners of the warehouse said that most of the grain stored there for the "
    "winter had been lost, and that the building itself would have to be pulled down.",
    "The cause of the fire is not yet known, and the police said that they had opened an inquiry and would "
    "question the night watchman and the workers who had locked the warehouse on Saturday.",
    "The harbour master said that ships due to unload grain this week would be sent to the northern quay, and "
    "that the harbour would stay open while the ruins of the warehouse were made safe.",
    "Traders in the town said that the price of flour had already risen by a tenth since Monday, and the mayor "
    "asked the millers not to raise their prices any further before the next shipment arrived.",
]


def analyse(text: str, layout: str = "auto", title: str = "auto"):
    profile = load_profile(())
    registry = load_registry()
    page = Segmenter(Classifier(profile, registry.known_keys(), outlet_key)).analyse(split_lines(text), layout, title)
    source = SourcePage(source_file="t/page.txt", sha256="0" * 64, n_bytes=len(text), encoding="utf-8", text=text)
    return page, Extractor(profile, registry).extract(page, source)


def page_of(*lines: str) -> str:
    """Lines separated by blank lines, as pages rendered from HTML are."""
    return "\n\n".join(lines) + "\n"


def body_bounds(record) -> tuple[str, str]:
    return record.paragraphs[0], record.paragraphs[-1]


MENU = ["Home", "World", "Politics", "Business", "Science & Technology", "Subscribe Now Log In 0 Settings"]
FOOTER = ["About Us", "Contact", "© 2024 The Valley Courier. All rights reserved."]


def test_questions_in_the_text_and_poll_widgets_open_no_article():
    """Kind 1: an interviewer's question and a reader-poll line are not headers."""
    text = page_of(*MENU, "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe", "March 3, 2024",
                   P[0], "What can we expect from the council this spring?", P[1],
                   "Will the pipeline be finished before the summer?", "Yes", "No", P[2], P[3], *FOOTER)
    page, records = analyse(text)
    assert page.decision.kind == "one"
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[3])
    assert "What can we expect from the council this spring?" in records[0].text


def test_read_more_lines_open_no_article():
    """Kind 2: 'READ MORE: <another headline>' inside the text."""
    text = page_of(*MENU, "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe | March 3, 2024",
                   P[0], P[1], "READ MORE: Harbour Warehouse Fire Destroys Winter Grain", P[2], P[3], *FOOTER)
    page, records = analyse(text)
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[3])


def test_line_printed_in_many_files_is_neither_an_article_nor_a_title(tmp_path):
    """Kind 3: a promo line on every page of the folder."""
    promo = "Support Independent Local News Today"
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"page{n}.txt").write_text(page_of(promo, f"Valley Report Number {n} on the Pipeline Works",
                                                     P[n % 5], promo, P[(n + 1) % 5], P[(n + 2) % 5], promo))
    build(input_dir=folder, output_dir=tmp_path / "out")
    rows = pq.read_table(tmp_path / "out" / "data").to_pylist()
    assert len(rows) == 5
    for row in rows:
        number = row["provenance"][0]["source_file"].rsplit("page", 1)[1].split(".")[0]
        assert row["title"] == f"Valley Report Number {number} on the Pipeline Works"
        assert promo not in row["text"]
        assert row["text"].startswith(P[int(number) % 5][:40])


def test_headline_printed_over_two_lines_is_joined():
    """Kind 4: the headline broken mid-phrase; both lines kept in alt_titles."""
    text = page_of(*MENU, "Council Promises Water for the", "Eastern Villages Before Summer", "By Jane Roe",
                   "March 3, 2024", P[0], P[1], P[2], *FOOTER)
    page, records = analyse(text)
    assert len(records) == 1
    assert records[0].title == "Council Promises Water for the Eastern Villages Before Summer"
    assert set(records[0].alt_titles) == {"Council Promises Water for the", "Eastern Villages Before Summer"}
    assert body_bounds(records[0]) == (P[0], P[2])


def test_site_tagline_on_the_first_line_and_a_question_half_way_down():
    """Kind 5: the title is the file's headline, not a question inside the text; nothing above is lost."""
    text = page_of("Daily News You Can Trust Since 1921", "Pipeline Work Resumes in the Eastern Villages",
                   P[0], P[1], "So why did the contractor stop?", P[2], P[3])
    page, records = analyse(text)
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[3])


@pytest.mark.parametrize("header", [
    [],                                                    # headline directly followed by prose
    ["Jane Roe", "5 Min Read"],                             # an author line and a reading time
    ["Share on Facebook Share on Twitter Email", "March 3, 2024", "Staff reports"],
])
def test_headline_followed_by_prose_author_line_or_share_bar_gives_an_article(header):
    """Kind 6: a headline followed directly by prose, by an author and '5 Min Read', or by a share bar, a
    date and 'Staff reports': never 'no article'."""
    text = page_of("Pipeline Work Resumes in the Eastern Villages", *header, P[0], P[1], P[2])
    page, records = analyse(text)
    assert page.decision.kind == "one"
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[2])


def test_menus_form_labels_sections_captions_and_bios_are_never_titles():
    """Kind 7: menu runs, form labels, section names, gallery labels, 'How to Advertise', an author bio."""
    text = page_of("Subscribe Now Log In 0 Settings", "Science & Technology", "How to Advertise",
                   "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe", "March 3, 2024",
                   "Caption", "1 of 12", P[0], P[1], P[2], P[3], "YesNo", "About Jane Roe",
                   "Jane Roe is a reporter who covers the valley's towns for the Courier.", *FOOTER)
    page, records = analyse(text)
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert records[0].authors == ["Jane Roe"]
    assert body_bounds(records[0])[0] == P[0]
    assert "YesNo" not in records[0].text and "About Jane Roe" not in records[0].text


def test_teasers_with_bylines_and_dates_are_one_article_not_sixteen():
    """Kind 8: a block of teasers, each with a byline and a date, under the article."""
    teasers = []
    for n in range(8):
        teasers += [f"Another Story About Valley Life Number {n}", f"By John Doe {chr(65 + n)}", "March 2, 2024",
                    "A short summary of the other story that links to it from this page."]
    text = page_of(*MENU, "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe", "March 3, 2024",
                   P[0], P[1], P[2], P[3], "More Stories", *teasers, *FOOTER)
    page, records = analyse(text)
    assert page.decision.kind == "one"
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[3])


def test_several_articles_each_with_its_own_header_are_kept_apart():
    """The 'several' decision: two units, each with a headline, a byline and a body of its own."""
    text = page_of("Pipeline Work Resumes in the Eastern Villages", "By Jane Roe | March 3, 2024", *P,
                   "Harbour Warehouse Fire Destroys Winter Grain", "By John Doe | March 4, 2024", *OTHER)
    page, records = analyse(text)
    assert page.decision.kind == "several"
    assert [r.title for r in records] == ["Pipeline Work Resumes in the Eastern Villages",
                                          "Harbour Warehouse Fire Destroys Winter Grain"]
    assert body_bounds(records[0]) == (P[0], P[4])
    assert body_bounds(records[1]) == (OTHER[0], OTHER[4])
    # the user can say the page holds one article
    page, records = analyse(text, layout="single")
    assert page.decision.kind == "one" and len(records) == 1


def test_page_without_prose_is_no_article_with_its_reason():
    page, records = analyse(page_of(*MENU, *FOOTER))
    assert page.decision.kind == "none" and "no paragraph" in page.decision.reason
    assert records == []


def test_file_without_a_headline_gives_a_null_title():
    page, records = analyse(page_of(P[0], P[1], P[2]))
    assert len(records) == 1 and records[0].title is None
    assert body_bounds(records[0]) == (P[0], P[2])


def test_a_story_file_opening_with_a_one_sentence_paragraph_has_no_title():
    """News-story dumps start with the text: a first line that is a full sentence is the first paragraph."""
    lead = ("HARBOURTOWN (Wire) -- The harbour board will rebuild the old ferry pier in stone before next winter, "
            "its chair said on Tuesday.")
    _, records = analyse(page_of(lead, P[1], P[2], "@highlight", "The pier will be rebuilt in stone"))
    assert len(records) == 1 and records[0].title is None
    assert body_bounds(records[0]) == (lead, P[2])


def test_title_first_line_option():
    text = page_of("The Valley Courier", P[0], P[1])
    _, records = analyse(text, title="first_line")
    assert records[0].title == "The Valley Courier" and body_bounds(records[0]) == (P[0], P[1])


def test_layout_per_path_glob_in_the_build_config_and_decision_recorded(tmp_path):
    folder = tmp_path / "in"
    (folder / "digests").mkdir(parents=True)
    two = page_of("Pipeline Work Resumes in the Eastern Villages", "By Jane Roe | March 3, 2024", *P,
                  "Harbour Warehouse Fire Destroys Winter Grain", "By John Doe | March 4, 2024", *OTHER)
    (folder / "digests" / "a.txt").write_text(two)
    (folder / "b.txt").write_text(two)
    config = tmp_path / "build.toml"
    config.write_text('[layout]\n"digests/*" = "multi"\n"*" = "single"\n')
    from corpus_pkg.config import BuildConfig

    report = build(BuildConfig.load(config, input_dir=folder, output_dir=tmp_path / "out"))
    by_file = {f.source_file.rsplit("/", 1)[1]: f for f in report.files}
    assert by_file["a.txt"].n_articles == 2 and by_file["a.txt"].page_decision.startswith("several: layout = multi")
    assert by_file["b.txt"].n_articles == 1 and by_file["b.txt"].page_decision.startswith("one: layout = single")
    pages = pq.read_table(tmp_path / "out" / "pages").to_pylist()
    assert sorted(p["page_decision"] for p in pages) == ["one", "several"]
    assert all(p["page_decision_reason"] for p in pages)
    saved = json.loads((tmp_path / "out" / "build-report.json").read_text())
    assert any("layout = single" in (f.get("page_decision") or "") for f in saved["files"])


def test_explain_shows_the_decision_article_ids_and_line_scores(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(page_of(*MENU, "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe", P[0], P[1]))
    out = explain_file(path)
    assert "# page decision: one" in out
    _, records = analyse(path.read_text())
    assert f"id {records[0].unit_id}" in out
    body_line = next(line for line in out.splitlines() if P[0][:60] in line)
    assert " body " in body_line and "words" in body_line


def test_comment_thread_under_the_article_is_not_its_text():
    """Comments (a name, a date, a paragraph each) after the article end its run, however long they are."""
    comments = []
    for n, paragraph in enumerate(OTHER):
        comments += [f"Reader {chr(65 + n)}", f"March {4 + n}, 2024", paragraph, "Reply"]
    text = page_of(*MENU, "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe", "March 3, 2024",
                   P[0], P[1], P[2], *comments, *FOOTER)
    page, records = analyse(text)
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[2])


def test_headline_after_a_notice_that_reads_as_text():
    """The article's own header (headline, byline, date) inside the head of the best run starts the text."""
    notice = ["Thank you for reading the Courier, where our reporters have covered the towns of the valley for "
              "more than a hundred years.",
              "Every story we publish is free to read for everyone who lives here, and it will stay that way as "
              "long as our readers support us."]
    text = page_of(*MENU, *notice, "Pipeline Work Resumes in the Eastern Villages", "By Jane Roe",
                   "March 3, 2024", *P, *FOOTER)
    page, records = analyse(text)
    assert len(records) == 1
    assert records[0].title == "Pipeline Work Resumes in the Eastern Villages"
    assert body_bounds(records[0]) == (P[0], P[4])
