"""Who owns what in anyone's build: LICENSE, YAML and croissant.json say what the builder's card file states.

A small crawl written here (a WARC of two HTML articles fetched on 2024-03-05 and 2024-03-06, no outlet with
documented terms), built with a card file that names its curator and licence and states a collection period
the fetch dates contradict; and two plain-text pages built without a card file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from corpus_pkg import build
from corpus_pkg.card.figures import blocks_in
from corpus_pkg.card.statement import NOT_STATED, BuilderCard, CardFileError, load_card_file
from corpus_pkg.validate import check, validate
from corpus_pkg.validate.statements import check_collection_dates
from inputs_pages import article_html, write_warc

FERRY = ["The island ferry will run twice an hour from May, the harbour board decided on Monday evening.",
         "Board members said the extra crossings would be paid for by a small rise in the car fare, and that "
         "foot passengers would pay the same as now."]
MARKET = ["The covered market reopens on Saturday after a year of repairs to its roof and its old iron columns.",
          "Twelve of the fourteen stallholders have signed new leases, and the council hopes to fill the last "
          "two places before the summer."]
CARD = """
title = "Harbour town news"
licence = "CC-BY-4.0"

[curation]
curators = "Jane Roe, Example University"

[collection]
method = "Typed by hand"
start = 2026-12-01
end = 2026-12-01
"""


def front_matter(out: Path) -> dict:
    return yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def crawl_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("harbour")
    (root / "input").mkdir()
    write_warc(root / "input" / "crawl.warc.gz", [
        {"kind": "response", "url": "https://harbour.example/ferry", "content_type": "text/html; charset=utf-8",
         "body": article_html("Ferry to run twice an hour", FERRY).encode(), "date": "2024-03-05T10:00:00Z"},
        {"kind": "response", "url": "https://harbour.example/market", "content_type": "text/html; charset=utf-8",
         "body": article_html("Covered market reopens", MARKET).encode(), "date": "2024-03-06T11:30:00Z"}])
    (root / "card.toml").write_text(CARD, encoding="utf-8")
    build(input_dir=root / "input", output_dir=root / "out", card={"file": root / "card.toml"})
    return root / "out"


@pytest.fixture(scope="module")
def unstated_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("plain")
    (root / "input").mkdir()
    (root / "input" / "ferry.txt").write_text("Ferry to run twice an hour\n\n" + "\n\n".join(FERRY) + "\n")
    (root / "input" / "market.txt").write_text("Covered market reopens\n\n" + "\n\n".join(MARKET) + "\n")
    build(input_dir=root / "input", output_dir=root / "out")
    return root / "out"


def test_the_compilation_is_the_builders_under_the_licence_they_state(crawl_build):
    licence = (crawl_build / "LICENSE").read_text(encoding="utf-8")
    assert "Jane Roe, Example University" in licence and "**Licence: `CC-BY-4.0`**, as stated by the builder" in licence
    # corpus_pkg's maintainers wrote the software, not this compilation
    assert "Copyright (c) 2026 the corpus_pkg maintainers" not in licence
    assert "its licence does not cover this compilation" in licence
    assert front_matter(crawl_build)["license_name"] == "mixed-third-party-copyright-compilation-cc-by-4.0"
    document = json.loads((crawl_build / "croissant.json").read_text(encoding="utf-8"))
    assert "made by Jane Roe, Example University, licence: CC-BY-4.0" in document["license"]
    card = (crawl_build / "README.md").read_text(encoding="utf-8")
    assert "made by Jane Roe, Example University; licence (stated by the builder): CC-BY-4.0" in card


def test_publisher_terms_appear_only_for_outlets_the_data_contains(crawl_build, seed_build):
    assert "New York Times" not in (crawl_build / "LICENSE").read_text(encoding="utf-8")
    seeds = (seed_build / "LICENSE").read_text(encoding="utf-8")
    # the seeds hold a New York Times article: the registry's terms fact, with its date and source link
    assert "- **The New York Times** (2023-08): Its Terms of Service" in seeds and "(https://hypebeast.com/" in seeds


def test_a_licence_not_stated_is_said_so_everywhere_and_warned_about(unstated_build):
    licence = (unstated_build / "LICENSE").read_text(encoding="utf-8")
    assert f"**Licence: {NOT_STATED}.**" in licence and "no licence is granted" in licence
    assert "MIT licence:" not in licence and "Copyright (c)" not in licence
    assert front_matter(unstated_build)["license_name"] == "mixed-third-party-copyright-compilation-licence-not-stated"
    document = json.loads((unstated_build / "croissant.json").read_text(encoding="utf-8"))
    assert f"licence: {NOT_STATED}" in document["license"] and "rai:dataCollectionType" not in document
    result = check(unstated_build)
    assert result.problems == []
    assert any(w.startswith(f"licence: {NOT_STATED}") for w in result.warnings)


def test_the_licence_key_takes_a_hub_id_or_other_with_its_terms(tmp_path):
    from corpus_pkg.card.licence import croissant_licence, yaml_licence

    card = tmp_path / "card.toml"
    card.write_text('licence = "other: research use only, no redistribution"\n', encoding="utf-8")
    statement = load_card_file(card)
    assert yaml_licence(statement)["license_name"] == "mixed-third-party-copyright-compilation-other"
    assert "other: research use only, no redistribution" in croissant_licence(statement)
    for wrong in ('licence = "my own licence"', 'licence = "other:"'):
        card.write_text(wrong + "\n", encoding="utf-8")
        with pytest.raises(CardFileError, match="licence"):
            load_card_file(card)


def test_the_collection_type_is_the_builders_never_assumed(crawl_build, tmp_path):
    document = json.loads((crawl_build / "croissant.json").read_text(encoding="utf-8"))
    # the card file says "Typed by hand" and names no type: no "Web Scraping" on its behalf
    assert document["rai:dataCollection"].startswith("Typed by hand") and "rai:dataCollectionType" not in document
    card = tmp_path / "card.toml"
    card.write_text('[collection]\ntypes = ["Manual Human Curator"]\n', encoding="utf-8")
    assert load_card_file(card).collection.types == ["Manual Human Curator"]
    card.write_text('[collection]\ntypes = ["Typed by hand"]\n', encoding="utf-8")
    with pytest.raises(CardFileError, match="collection.types"):
        load_card_file(card)


def test_the_fetch_dates_are_one_figure_in_the_period_and_the_date_table(crawl_build):
    figures = blocks_in((crawl_build / "README.md").read_text(encoding="utf-8"))
    span = "2024-03-05 10:00 to 2024-03-06 11:30 UTC; 2 of the 2 article copies (100.0%) carry a fetch date"
    assert span in figures["collection_period"]
    assert f"| fetch (collection) dates recorded | {span} |" in figures["dates"]


def test_validate_fails_on_a_stated_collection_period_the_fetch_dates_fall_outside(crawl_build):
    assert ("builder-card.toml: collection.start is 2026-12-01, but the data records a copy fetched on "
            "2024-03-05 10:00 UTC, before it") in validate(crawl_build)
    inside = BuilderCard.model_validate({"collection": {"start": "2024-03-01", "end": "2024-03-31"}})
    assert check_collection_dates(crawl_build, inside) == []
    early_end = BuilderCard.model_validate({"collection": {"end": "2024-03-05"}})
    assert check_collection_dates(crawl_build, early_end) == [
        "builder-card.toml: collection.end is 2024-03-05, but the data records a copy fetched on 2024-03-06 11:30 "
        "UTC, after it"]


def test_validate_fails_when_the_yaml_or_croissant_licence_differs_from_the_card_file(crawl_build, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(crawl_build, copy)
    card = copy / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("compilation-cc-by-4.0", "compilation-mit", 1),
                    encoding="utf-8")
    croissant = copy / "croissant.json"
    document = json.loads(croissant.read_text(encoding="utf-8"))
    document["license"] = "mit"
    croissant.write_text(json.dumps(document), encoding="utf-8")
    problems = validate(copy)
    assert any(p.startswith("README.md YAML: license_name is 'mixed-third-party-copyright-compilation-mit'")
               for p in problems), problems
    assert any(p.startswith("croissant.json: license 'mit' is not the licence") for p in problems), problems
