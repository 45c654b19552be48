"""Issue 3: segmentation, metadata, furniture and duplicates, on the seeds and on pages never seen.

The pages in this file were written for these tests (no third-party pages are stored here).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_pkg import build
from corpus_pkg.explain import explain_file
from corpus_pkg.extract import Extractor
from corpus_pkg.profiles import load_profile
from corpus_pkg.read import split_lines
from corpus_pkg.registry import load_registry, outlet_key
from corpus_pkg.segment import Classifier, Segmenter

from conftest import seed_scores

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_extraction.py"

PARA = ("The regional council said on Monday that the new water pipeline would reach the eastern villages "
        "before the summer, after two years of delays blamed on funding and on disputes over the route.")
PARA2 = ("Residents interviewed in three villages said they had heard such promises before, and several "
         "asked why the contractor had been paid in full while the trenches stood empty for months.")
PARA3 = ("Officials did not answer questions about the contract, but a spokesman promised that an "
         "independent audit would be published once the first section of the pipeline is working.")


def page_of(*lines: str) -> str:
    """Lines separated by blank lines, as pages rendered from HTML are."""
    return "\n\n".join(lines) + "\n"


def analyse(text: str, extra_profiles: tuple[Path, ...] = (), layout: str = "auto", title: str = "auto"):
    """A page's analysis and records, as a build reads a text page (the classifier knows the extractor's outlets)."""
    from corpus_pkg.read import SourcePage

    profile = load_profile(tuple(extra_profiles))
    extractor = Extractor(profile, load_registry())
    page = Segmenter(Classifier(profile, extractor.known_outlets, outlet_key)).analyse(split_lines(text), layout, title)
    source = SourcePage(source_file="t/page.txt", sha256="0" * 64, n_bytes=len(text), encoding="utf-8", text=text)
    return page, extractor.extract(page, source)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared gold scorer is not beside the repository")
def test_seed_extraction_meets_the_gold_thresholds(seed_build):
    mins = {"recall": 1, "precision": 1, "body_f1": 0.98, "bounds": 0.95, "title": 1, "authors": 0.95, "outlet": 0.95,
            "date": 1, "dup": 1}
    figures = seed_scores(seed_build, SCORER)     # with the records issue 12 corrects (see conftest)
    assert all(round(figures[k], 2) >= v for k, v in mins.items()), figures
    assert figures["leaks"] == 0, figures


def test_one_article_page_whose_first_line_is_the_headline():
    text = f"Water Pipeline Promised Before Summer\n\n{PARA}\n\n{PARA2}\n\n{PARA3}\n"
    page, records = analyse(text)
    assert len(records) == 1
    r = records[0]
    assert r.title == "Water Pipeline Promised Before Summer"
    assert r.text == "\n\n".join([PARA, PARA2, PARA3])
    assert r.outlet is None and r.authors == [] and r.published_date is None


def test_web_page_with_menu_cookie_banner_and_footer():
    text = "\n".join([
        "Skip to main content", "Home | World | Politics | Business | Sport | Culture", "Menu", "Search",
        "We use cookies to improve your experience on our site. By continuing you accept our cookie policy.",
        "Accept all", "Reject all", "",
        "Villagers Still Waiting for the Water Pipeline",
        "By Maria Okafor and Tom Lindqvist", "Published 14 March 2023", "",
        PARA, "", "Advertisement", "", PARA2, "", "Share this article", "Facebook Twitter Email", "",
        PARA3, "", "Related stories", "Drought hits farmers in the north", "New school opens after long wait",
        "Most read", "Election results in full", "", "© 2023 Example Daily News. All rights reserved.",
        "Privacy Policy | Terms of Use | Contact us", ""])
    page, records = analyse(text)
    assert len(records) == 1
    r = records[0]
    assert r.title == "Villagers Still Waiting for the Water Pipeline"
    assert r.authors == ["Maria Okafor", "Tom Lindqvist"]
    assert r.published_date.isoformat() == "2023-03-14"
    assert r.text == "\n\n".join([PARA, PARA2, PARA3])
    for furniture in ("cookie", "Advertisement", "Share this", "Related", "©", "Privacy", "Drought hits"):
        assert furniture not in r.text


def test_rendered_page_with_a_long_menu_and_a_name_line_byline():
    text = "\n".join([
        "Example Homepage", "Skip to content", "Accessibility Help", "Sign in", "Home", "News", "Sport", "Weather",
        "Drone attack hits the capital for the third night", "15 minutes ago", "Share", "Save", "Jane Smith",
        "Example News", "", PARA, "", PARA2, "", PARA3, "", "Related topics", "Ukraine", "Russia", "",
        "Top Stories", "Something else happened today", ""])
    _, records = analyse(text)
    assert len(records) == 1
    r = records[0]
    assert (r.title, r.authors, r.outlet) == ("Drone attack hits the capital for the third night", ["Jane Smith"], "Example News")
    assert r.text == "\n\n".join([PARA, PARA2, PARA3])


def test_rendered_page_with_navigation_standfirst_and_located_byline():
    nav = ["Skip to main content", "Sign in", "Search", "Europe edition", "The Example", "News", "Opinion", "Sport",
           "World", "Europe", "US", "Americas", "Asia", "Middle East", "Africa", "Global development"]
    text = "\n".join(nav + [
        "Residents protest over water pipeline delays",
        "Villagers say the promised supply has still not arrived after two years",
        "Maria Okafor in Lagos", "Tue 14 Mar 2023 12.01 GMT", "Share", "", PARA, "", PARA2, "", PARA3, "",
        "Explore more on these topics", "Nigeria", "Water", "Reuse this content", "Most viewed", "A story about a thing", ""])
    _, records = analyse(text)
    assert len(records) == 1
    r = records[0]
    assert r.title == "Residents protest over water pipeline delays"
    assert r.subtitle == "Villagers say the promised supply has still not arrived after two years"
    assert r.authors == ["Maria Okafor"] and r.published_date.isoformat() == "2023-03-14"
    assert r.text == "\n\n".join([PARA, PARA2, PARA3])


def test_markdown_rendering_keeps_headings_out_of_the_title_markup():
    text = "\n".join(["# Water Pipeline Promised Before Summer", "", "*By Jo Park, 3 May 2021*", "", PARA, "",
                      "## What happens next", "", PARA2, "", PARA3])
    _, records = analyse(text)
    assert len(records) == 1
    r = records[0]
    assert (r.title, r.authors, r.published_date.isoformat()) == ("Water Pipeline Promised Before Summer", ["Jo Park"], "2021-05-03")
    assert r.text.startswith(PARA) and r.text.endswith(PARA3)


def test_multi_article_page_with_bylines_in_every_printed_form():
    blocks = [
        ("First Story About The Pipeline", "By ANNA SMITH | EXAMPLE TIMES | JANUARY 5, 2022"),
        ("Second Story About The Council", "Lars Berg – Nordic Daily News – 06.01.2022"),
        ("Third Story About The Audit", "Example Wire | January 7, 2022"),
        ("Fourth Story About The Villages", "Pia Moreno — Southern Herald Jan 8, 2022"),
    ]
    lines = ["Example Aggregator", ""]
    for title, byline in blocks:
        lines += [title, byline, PARA, PARA2, ""]
    page, records = analyse("\n".join(lines))
    assert [r.title for r in records] == [t for t, _ in blocks]
    assert records[0].authors == ["Anna Smith"] and records[0].outlet == "Example Times"
    assert records[1].authors == ["Lars Berg"] and records[1].published_date.isoformat() == "2022-01-06"
    assert records[2].authors == [] and records[2].outlet == "Example Wire"
    assert records[3].outlet == "Southern Herald" and records[3].published_date.isoformat() == "2022-01-08"
    assert all(r.text == f"{PARA}\n\n{PARA2}" for r in records)


def test_hard_wrapped_page_is_read_paragraph_by_paragraph():
    import textwrap

    body = "\n\n".join(textwrap.fill(p, 72) for p in (PARA, PARA2, PARA3))
    text = f"Pipeline Audit Still Not Published\n\nBy Jo Park\n\n{body}\n"
    page, records = analyse(text)
    assert page.wrapped
    assert len(records) == 1
    assert records[0].text == "\n\n".join([PARA, PARA2, PARA3])
    assert records[0].authors == ["Jo Park"]


def test_reposter_preface_is_its_own_unit_and_not_the_authors():
    text = "\n".join([
        "Editor's note — 3 May 2021", "",
        "We republish the following report because it shows how the pipeline story was covered. " + PARA2, "",
        "Villagers Still Waiting for the Water Pipeline", "", "Maria Okafor — Example Daily News May 1, 2021", "",
        PARA, "", PARA3, "", "Continue reading", ""])
    page, records = analyse(text)
    assert [r.kind for r in records] == ["preface", "article"]
    preface, article = records
    assert preface.authors == [] and "We republish" in preface.text and "We republish" not in article.text
    assert article.authors == ["Maria Okafor"] and article.outlet == "Example Daily News"
    assert article.truncated
    assert article.provenance.repost_date.isoformat() == "2021-05-03"


def test_sidebar_of_other_headlines_is_not_an_article():
    sidebar = [f"Author Number{n} Person\nSome Other Headline Number {n}" for n in range(12)]
    text = f"Our Main Headline Today\n\n{PARA}\n\n{PARA2}\n\nMore articles by:\n\n" + "\n".join(sidebar) + "\n"
    page, records = analyse(text)
    assert len(records) == 1
    assert "Other Headline" not in records[0].text


def test_a_user_profile_removes_a_site_specific_line(tmp_path):
    # (an appeal in words no built-in profile knows: 'Support our journalism' is a built-in call to action)
    appeal = "Chip in for the Gazette: a small gift each month helps us keep reporting from the villages."
    text = f"Our Main Headline Today\n\n{PARA}\n\n{PARA2}\n\n{appeal}\n\n{PARA3}\n"
    _, records = analyse(text)
    assert "Chip in for the Gazette" in records[0].text
    profile = tmp_path / "mysite.toml"
    profile.write_text('name = "mysite"\n[[furniture]]\nkind = "donation_appeal"\npattern = \'chip in for the gazette:.*\'\n')
    _, records = analyse(text, (profile,))
    assert "Chip in for the Gazette" not in records[0].text
    assert records[0].text == f"{PARA}\n\n{PARA2}\n\n{PARA3}"


def test_near_duplicates_across_files_become_one_record(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    article = f"Pipeline Promise Repeated\n\nBy Jo Park | Example Wire | June 2, 2022\n\n{PARA}\n\n{PARA2}\n\n{PARA3}\n"
    (folder / "a.txt").write_text(article)
    # the copy: different spacing, a missing full stop and a footer
    copy = article.replace("summer, after", "summer,  after").replace("working.", "working") + "\nShare this\n"
    (folder / "b.txt").write_text("Some Blog\n\n" + copy)
    out = tmp_path / "out"
    build(input_dir=folder, output_dir=out)
    rows = [r for p in (out / "data").glob("*.parquet") for r in pq.read_table(p).to_pylist()]
    assert len(rows) == 1
    assert [p["source_file"] for p in rows[0]["provenance"]] == ["in/a.txt", "in/b.txt"]
    assert rows[0]["n_copies"] == 2


def test_explain_shows_a_role_for_every_line(seeds_dir):
    path = next(seeds_dir.glob("001_*.txt"))
    report = explain_file(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    numbered = [l for l in report.splitlines() if re.match(r"^\s*\d+\s", l)]
    assert len(numbered) == len(lines)
    assert "host_footer" in report and "title" in report and "byline" in report


def test_no_extraction_rule_names_a_seed_file():
    """The code and the site profiles never mention a seed (the outlet registry may cite one as a source)."""
    names = [p.stem for p in (ROOT / "seeds").glob("*.txt")]
    hashes = [n.split("_")[1] for n in names]
    for path in (ROOT / "corpus_pkg").rglob("*"):
        if path.is_file() and (path.suffix == ".py" or path.parent.name == "profiles"):
            text = path.read_text(encoding="utf-8")
            assert not any(h in text for h in hashes), path


def test_the_pages_audit_accounts_for_every_line_of_the_seeds(seed_build):
    from corpus_pkg.cues import normalise_space

    pages = [r for p in sorted((seed_build / "pages").glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
    articles = {r["id"]: r for p in (seed_build / "data").glob("*.parquet") for r in pq.read_table(p).to_pylist()}
    assert len(pages) == len(list((ROOT / "seeds").glob("*.txt")))
    for page in pages:
        lines = page["text"].split("\n")
        if page["text"].endswith("\n"):
            lines.pop()
        assert page["n_lines"] == len(lines)
        expected = 1
        for span in page["spans"]:
            assert span["line_start"] == expected and span["line_end"] >= span["line_start"]
            expected = span["line_end"] + 1
            assert span["role"] in {"title", "byline", "body", "metadata", "boilerplate", "blank"}
            assert span["article_id"] is None or span["article_id"] in articles
        assert expected == len(lines) + 1
        # every body paragraph of an article kept from this page is one of the page's lines
        printed = {normalise_space(line) for line in lines}
        for article in articles.values():
            if article["provenance"][0]["source_file"] == page["source_file"]:
                for paragraph in article["text"].split("\n\n"):
                    assert paragraph in printed or any(paragraph and line.startswith(paragraph) for line in printed)


def test_a_template_line_printed_on_many_pages_is_furniture(tmp_path):
    import random

    vocabulary = (PARA + " " + PARA2 + " " + PARA3).replace(",", "").replace(".", "").split()
    folder = tmp_path / "site"
    folder.mkdir()
    bodies = []
    for n in range(6):
        rng = random.Random(n)
        paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(40)).capitalize() + "." for _ in range(3)]
        bodies.append("\n\n".join(paragraphs))
        (folder / f"page{n}.txt").write_text("\n\n".join(
            [f"Town Story Number {n} About The Pipeline", *paragraphs[:2], "Support Our Local Reporting", paragraphs[2]]) + "\n")
    out = tmp_path / "out"
    build(input_dir=folder, output_dir=out)
    rows = [r for p in (out / "data").glob("*.parquet") for r in pq.read_table(p).to_pylist()]
    assert len(rows) == 6
    assert sorted(r["text"] for r in rows) == sorted(bodies)
