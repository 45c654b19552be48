"""The card of anyone's corpus: the builder states, the data proves.

Builds of pages written here (two English business articles, one of them Windows-1252; three Norwegian
ones), with and without a card file: the card, its YAML and croissant.json say nothing the data and the
builder's card file do not support; `validate` warns about each unstated item and fails on a contradiction.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from corpus_pkg import build
from corpus_pkg.config import SPLITS
from corpus_pkg.card.figures import blocks_in
from corpus_pkg.card.statement import BUILDER_CARD, NOT_STATED, BuilderCard, card_template, unstated
from corpus_pkg.validate import check, validate

BUSINESS = {
    "001.txt": ("Harbour firm lifts yearly profit\n\nProfits at the shipping group Eastquay rose by a third to "
                "\u00a3180m in the year to March, the company said on Tuesday. Higher volumes at its two "
                "container terminals and lower fuel costs helped.\n\nIts chief executive said the results were "
                "better than planned. Analysts had expected about \u00a3160m.\n").encode("cp1252"),
    "002.txt": ("Bus drivers vote to accept pay offer\n\nBus drivers in the city have voted to accept a pay offer "
                "of 5% this year and 4% next year, ending a dispute that led to three days of strikes. The union "
                "said turnout was high.\n\nThe operator said services would run normally from Monday.\n").encode(),
}
NORWEGIAN = {
    "skole.txt": "Kommunen vil bygge ny skole ved fjorden\n\nBystyret vedtok tirsdag kveld å bygge en ny barneskole "
                 "ved fjorden. Skolen skal ha plass til fire hundre elever og stå ferdig om tre år.\n\nOrdføreren "
                 "sa at vedtaket var viktig for familiene i bydelen, som lenge har ventet på en skole i nærheten. "
                 "Opposisjonen mente prisen var for høy.\n",
    "ferje.txt": "Fergen innstilt på grunn av storm\n\nAlle avganger med fergen mellom øyene ble innstilt onsdag, "
                 "etter at vinden økte til full storm i løpet av natten. Rederiet opplyser at de vil sette inn "
                 "ekstra avganger så snart været tillater det.\n\nMange reisende ble stående på kaia i flere timer. "
                 "Meteorologene venter at vinden vil løye utover torsdagen.\n",
    "bibliotek.txt": "Biblioteket får lengre åpningstider\n\nFra neste måned holder hovedbiblioteket åpent til "
                     "klokken ti om kvelden på hverdager. Kommunen har bevilget penger til to nye stillinger.\n\n"
                     "Biblioteksjefen sier at mange studenter har bedt om et sted å lese om kveldene, og at "
                     "besøkstallene har økt hvert år.\n",
}
NORWEGIAN_CARD = """
title = "Lokalnytt: Norwegian local news"
summary = "Three Norwegian local news articles, written for a test of corpus_pkg."
version = "1.2.0"
date = 2025-03-01
topics = ["local government", "transport"]
tags = ["news", "norwegian"]

[collection]
method = "Typed by hand for this test."
start = 2025-02-01
end = 2025-02-14

[contact]
url = "https://example.org/lokalnytt"
"""
#: What the seeds' template used to print whatever the corpus: none of it may appear in a card of other pages.
SEED_CLAIMS = re.compile(r"ISIS|Syria|Iraq|Russia|propaganda|state-media|state-affiliated|Press TV|MBFC|"
                         r"antisemitic|Sputnik|English written by", re.I)


def front_matter(out: Path) -> dict:
    return yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])


def write_pages(folder: Path, pages: dict) -> Path:
    folder.mkdir(parents=True)
    for name, text in pages.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


@pytest.fixture(scope="module")
def business_build(tmp_path_factory) -> Path:
    """Two English business articles, no card file: nothing stated by the builder."""
    root = tmp_path_factory.mktemp("business")
    out = root / "out"
    build(input_dir=write_pages(root / "input", BUSINESS), output_dir=out)
    return out


@pytest.fixture(scope="module")
def norwegian_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("norwegian")
    card = root / "card.toml"
    card.write_text(NORWEGIAN_CARD, encoding="utf-8")
    out = root / "out"
    build(input_dir=write_pages(root / "input", NORWEGIAN), output_dir=out, card={"file": card})
    return out


def prose(card: str) -> str:
    """The card without its field tables (whose descriptions give general examples, e.g. of raters)."""
    for name, block in blocks_in(card).items():
        if name.startswith("fields_"):
            card = card.replace(block, "")
    return card


def test_a_card_of_other_pages_says_nothing_about_the_seeds(business_build):
    card = prose((business_build / "README.md").read_text(encoding="utf-8"))
    document = json.loads((business_build / "croissant.json").read_text(encoding="utf-8"))
    croissant = json.dumps({k: v for k, v in document.items() if k != "recordSet"})  # fields' descriptions
    assert not SEED_CLAIMS.search(card), SEED_CLAIMS.search(card)
    assert not SEED_CLAIMS.search(croissant), SEED_CLAIMS.search(croissant)
    meta = front_matter(business_build)
    assert "tags" not in meta and meta["pretty_name"].endswith(f"(title {NOT_STATED})")
    assert meta["language"] == ["en"] and meta["multilinguality"] == ["monolingual"]
    # no task that implies labels the dataset lacks
    assert meta["task_categories"] == ["text-generation", "feature-extraction"]
    assert meta["task_ids"] == ["language-modeling"]
    assert "keywords" not in document and "rai:dataCollectionTimeframe" not in document
    assert "rai:dataBiases" not in document and document["inLanguage"] == "en"


def test_what_the_builder_did_not_state_is_printed_as_such(business_build):
    card = (business_build / "README.md").read_text(encoding="utf-8")
    for heading in ("Curation Rationale", "Offensive and contested content", "Social impact and harms",
                    "Who are the source data producers?", "Dataset Card Contact"):
        section = card.split(f"## {heading}\n", 1)[1].lstrip("\n")
        assert section.startswith(f"*{NOT_STATED}*"), heading
    assert f"**Selection.** *{NOT_STATED}*" in card and f"- *{NOT_STATED}*" in card.split("### Direct Use")[1]


def test_validate_warns_about_each_unstated_item_and_passes(business_build):
    result = check(business_build)
    assert result.problems == []
    keys = unstated(BuilderCard())
    assert len(result.warnings) == len(keys) and len(keys) > 20
    for key in keys:
        assert any(w.startswith(f"{key}: {NOT_STATED}") for w in result.warnings), key
    command = subprocess.run([sys.executable, "-m", "corpus_pkg.cli", "validate", str(business_build)],
                             capture_output=True, text=True)
    assert command.returncode == 0 and "warning: curation.rationale: not stated" in command.stderr


def test_the_outlets_config_holds_only_outlets_the_data_names(business_build, seed_build):
    # the texts name no outlet: no outlets table, and no config declared for it
    assert not list(business_build.glob("outlets/*.parquet"))
    assert [c["config_name"] for c in front_matter(business_build)["configs"]] == ["default", "pages"]
    rows = pq.read_table(seed_build / "outlets").to_pylist()
    assert rows and all(r["n_articles"] or r["n_hosted_copies"] for r in rows)
    articles = pq.read_table(seed_build / "data").to_pylist()
    named = {a["outlet"] for a in articles if a["outlet"]} | {p["host_site"] for a in articles
                                                              for p in a["provenance"] if p["host_site"]}
    assert {r["name"] for r in rows} == named


def test_norwegian_is_no_for_a_yaml_1_1_reader_and_the_hubs_parsers(norwegian_build):
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard, DatasetCardData

    text = (norwegian_build / "README.md").read_text(encoding="utf-8")
    assert "language:\n- 'no'\n" in text               # quoted, so YAML 1.1 (PyYAML) keeps it a string
    meta = front_matter(norwegian_build)
    assert meta["language"] == ["no"] and meta["tags"] == ["news", "norwegian"]
    assert meta["pretty_name"] == "Lokalnytt: Norwegian local news"
    assert DatasetCard.load(norwegian_build / "README.md").data.language == ["no"]
    assert set(MetadataConfigs.from_dataset_card_data(DatasetCardData(**meta))) == {"default", "pages"}
    import datasets

    loaded = datasets.load_dataset(str(norwegian_build), split="train+validation+test")
    assert set(loaded["language"]) == {"no"} and loaded.num_rows == len(NORWEGIAN)
    document = json.loads((norwegian_build / "croissant.json").read_text(encoding="utf-8"))
    assert document["inLanguage"] == "no" and document["keywords"] == ["news", "norwegian", "local government",
                                                                      "transport"]
    assert not SEED_CLAIMS.search(prose(text))
    assert not SEED_CLAIMS.search(json.dumps({k: v for k, v in document.items() if k != "recordSet"}))


def test_collection_timeframe_date_version_and_citation_come_from_the_builder(norwegian_build):
    document = json.loads((norwegian_build / "croissant.json").read_text(encoding="utf-8"))
    assert document["rai:dataCollectionTimeframe"] == ["2025-02-01", "2025-02-14"]
    assert document["version"] == "1.2.0" and document["datePublished"] == "2025-03-01"
    card = (norwegian_build / "README.md").read_text(encoding="utf-8")
    assert "**Card date:** 2025-03-01 (release date stated by the builder)" in card
    assert "Pages were fetched from 2025-02-01\nto 2025-02-14" in card
    citation = re.search(r"```bibtex\n(.*?)```", card, re.S)[1]
    assert "year    = 2025" in citation and "version = {1.2.0}" in citation
    assert "url     = {https://example.org/lokalnytt}" in citation and citation in document["citeAs"] + "\n"
    assert (norwegian_build / BUILDER_CARD).read_text(encoding="utf-8") == NORWEGIAN_CARD


def test_the_card_names_the_tool_versions_installed(norwegian_build):
    card = (norwegian_build / "README.md").read_text(encoding="utf-8")
    environment = card.split("<!-- build-environment -->")[1]
    for tool in ("pyarrow", "datasets", "rensa", "py3langid"):
        assert f"{tool} {metadata.version(tool)}" in environment, tool
    assert f"corpus_pkg {metadata.version('corpus-pkg')}" in environment


def test_validate_passes_and_warns_only_about_what_is_left_out(norwegian_build):
    result = check(norwegian_build)
    assert result.problems == []
    warned = {w.split(":")[0] for w in result.warnings}
    assert "title" not in warned and "collection.start" not in warned and "curation.rationale" in warned


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def norwegian_copy(norwegian_build, tmp_path) -> Path:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(norwegian_build, copy)
    return copy


def test_validate_fails_when_the_yaml_language_disagrees_with_the_data(norwegian_copy):
    edit(norwegian_copy / "README.md", "language:\n- 'no'\n", "language:\n- en\n")
    assert "README.md YAML: language is ['en'], the articles' languages are ['no']" in validate(norwegian_copy)


def test_validate_fails_on_a_yaml_1_1_boolean_for_norwegian(norwegian_copy):
    edit(norwegian_copy / "README.md", "language:\n- 'no'\n", "language:\n- no\n")
    assert any("language is [False]" in p and "quote it" in p for p in validate(norwegian_copy))


def test_validate_fails_on_a_tag_or_keyword_the_builder_did_not_state(norwegian_copy):
    edit(norwegian_copy / "README.md", "tags:\n- news\n", "tags:\n- news\n- propaganda\n")
    croissant = norwegian_copy / "croissant.json"
    document = json.loads(croissant.read_text(encoding="utf-8"))
    document["keywords"].append("isis")
    croissant.write_text(json.dumps(document), encoding="utf-8")
    problems = validate(norwegian_copy)
    assert any(p.startswith("README.md YAML: tag 'propaganda' has no support in the builder's card file")
               for p in problems), problems
    assert any(p.startswith("croissant.json: keyword 'isis' has no support") for p in problems), problems


def test_validate_fails_when_data_files_match_nothing(norwegian_copy):
    edit(norwegian_copy / "README.md", "path: data/train-*", "path: data/training-*")
    assert "README.md YAML: configs[default].data_files 'data/training-*' matches no file of the folder" \
        in validate(norwegian_copy)


def test_validate_fails_on_a_labelled_task_and_a_publication_date_timeframe(norwegian_copy):
    edit(norwegian_copy / "README.md", "- text-generation\n", "- text-classification\n")
    croissant = norwegian_copy / "croissant.json"
    document = json.loads(croissant.read_text(encoding="utf-8"))
    document["rai:dataCollectionTimeframe"] = ["2017-01-01", "2024-12-31"]
    croissant.write_text(json.dumps(document), encoding="utf-8")
    problems = validate(norwegian_copy)
    assert any("task_categories 'text-classification' is neither stated" in p for p in problems), problems
    assert any(p.startswith("croissant.json: rai:dataCollectionTimeframe is ['2017-01-01'") for p in problems)


def test_init_writes_the_documented_template_with_every_key(tmp_path):
    target = tmp_path / "card.toml"
    run = [sys.executable, "-m", "corpus_pkg.cli", "init", str(target)]
    first = subprocess.run(run, capture_output=True, text=True)
    assert first.returncode == 0 and target.read_text(encoding="utf-8") == card_template()
    again = subprocess.run(run, capture_output=True, text=True)
    assert again.returncode == 1 and "exists" in again.stderr

    import tomllib

    data = tomllib.loads(card_template())
    for name, field in BuilderCard.model_fields.items():     # every key is in the template, with a comment
        assert name in data, name
        value = getattr(BuilderCard(), name)
        if hasattr(value, "model_fields"):
            assert set(data[name]) == set(type(value).model_fields), name
    assert unstated(BuilderCard.model_validate(data)) == unstated(BuilderCard())


def test_a_bad_card_file_is_one_line_before_anything_is_read(tmp_path):
    pages = write_pages(tmp_path / "input", BUSINESS)
    card = tmp_path / "card.toml"
    card.write_text('title = "x"\n[curation]\nrationle = "typo"\n', encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "corpus_pkg.cli", "build", "--input", str(pages), "--output",
                           str(out), "--card", str(card), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{card}: unknown key 'curation.rationle'" in done.stderr and not out.exists()
    missing = subprocess.run([sys.executable, "-m", "corpus_pkg.cli", "build", "--input", str(pages), "--output",
                              str(out), "--card", str(tmp_path / "none.toml")], capture_output=True, text=True)
    assert missing.returncode == 1 and "none.toml: cannot read the card file" in missing.stderr


# ------------------------------------------------------------------------------------------------
# The seeds build: what the card reports agrees with the pages audit and build-report.json


def test_every_page_placed_against_the_majority_rule_is_reported(seed_build):
    pages = pq.read_table(seed_build / "pages").to_pylist()
    split_of = {}
    for path in (seed_build / "data").glob("*.parquet"):
        split = path.name.split("-")[0]
        split_of.update({i: split for i in pq.read_table(path, columns=["id"]).column("id").to_pylist()})
    moved = []
    for path in (seed_build / "pages").glob("*.parquet"):
        for page in pq.read_table(path).to_pylist():
            weight = {}
            for span in page["spans"]:
                if span["article_id"] in split_of:
                    s = split_of[span["article_id"]]
                    weight[s] = weight.get(s, 0) + span["line_end"] - span["line_start"] + 1
            majority = max(SPLITS, key=lambda s: (weight.get(s, 0), -SPLITS.index(s)))  # ties: the earlier split
            if weight and majority != path.name.split("-")[0]:
                moved.append(page["source_file"])
    assert moved, "the seeds build moves pages to fill empty splits"
    figure = blocks_in((seed_build / "README.md").read_text(encoding="utf-8"))["page_splits"]
    report = json.loads((seed_build / "build-report.json").read_text(encoding="utf-8"))
    for name in moved:
        assert f"`{name}`" in figure and any(note.startswith(f"page {name} moved") for note in report["notes"])
    assert f"{len(pages) - len(moved)} pages of {len(pages)} sit in the split" in figure


def test_missing_bylines_agree_with_the_pages_audit(seed_build):
    articles = pq.read_table(seed_build / "data").to_pylist()
    bylined = {s["article_id"] for p in pq.read_table(seed_build / "pages").to_pylist() for s in p["spans"]
               if s["role"] == "byline"}
    without = sum(1 for a in articles if a["id"] not in bylined)
    figure = blocks_in((seed_build / "README.md").read_text(encoding="utf-8"))["missing"]
    assert f"| no byline printed (no line of the `pages` audit marked `byline`) | {without} |" in figure
    null_but_printed = sum(1 for a in articles if a["id"] in bylined and a["byline"] is None)
    assert f"| a byline line printed, but `byline` null (the name is in `authors` only) | {null_but_printed} |" in figure


def test_build_report_and_card_count_duplicates_alike(seed_build):
    report = json.loads((seed_build / "build-report.json").read_text(encoding="utf-8"))
    articles = pq.read_table(seed_build / "data").to_pylist()
    assert report["n_duplicate_groups"] == len({a["duplicate_group"] for a in articles})
    assert report["n_articles_with_copies"] == sum(1 for a in articles if a["n_copies"] > 1)
    figure = blocks_in((seed_build / "README.md").read_text(encoding="utf-8"))["duplicates"]
    assert f"(`n_duplicate_groups`) | {report['n_duplicate_groups']} |" in figure
    assert f"(`n_articles_with_copies`) | {report['n_articles_with_copies']} |" in figure


def test_small_evaluation_splits_carry_a_plain_warning(seed_build):
    figure = blocks_in((seed_build / "README.md").read_text(encoding="utf-8"))["splits"]
    for split in ("validation", "test"):
        n = sum(pq.read_metadata(p).num_rows for p in (seed_build / "data").glob(f"{split}-*.parquet"))
        assert n < 100 and f"**Warning: `{split}` holds {n} article" in figure


def test_the_seeds_card_keeps_its_narrative_from_the_card_file(seed_build):
    card = (seed_build / "README.md").read_text(encoding="utf-8")
    for words in ("English news and opinion articles about ISIS", "purposive sample", "antisemitic",
                  "Studying narratives, framing", "graphic war and terror violence", "OFAC SDN"):
        assert words in card, words
    assert check(seed_build).problems == []
    assert {w.split(":")[0] for w in check(seed_build).warnings} == {"collection.start", "collection.end", "contact.url"}


def test_mlcroissant_validates_a_card_with_nothing_stated(business_build):
    mlc = pytest.importorskip("mlcroissant")
    command = ("import sys; from mlcroissant.scripts.cli import main; "
               "sys.argv = ['mlcroissant', 'validate', '--jsonld', sys.argv[1]]; sys.exit(main())")
    result = subprocess.run([sys.executable, "-c", command, str(business_build / "croissant.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "Done." in result.stderr, result.stderr
    records = list(mlc.Dataset(jsonld=str(business_build / "croissant.json")).records(record_set="default"))
    assert len(records) == len(BUSINESS)


CASE = Path(__file__).resolve().parent.parent.parent / "shared" / "cases" / "card-describes-seed-corpus" / "input"


@pytest.mark.skipif(not CASE.is_dir(), reason="the shared cases are not beside the repository")
def test_the_shared_case_of_two_business_articles(tmp_path):
    """../shared/cases/card-describes-seed-corpus, built as its README builds it (no card file)."""
    out = tmp_path / "out"
    build(input_dir=CASE, output_dir=out)
    card = prose((out / "README.md").read_text(encoding="utf-8"))
    document = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert not SEED_CLAIMS.search(card)
    assert not SEED_CLAIMS.search(json.dumps({k: v for k, v in document.items() if k != "recordSet"}))
    assert "tags" not in front_matter(out) and not list(out.glob("outlets/*.parquet"))
    result = check(out)
    assert result.problems == [] and len(result.warnings) == len(unstated(BuilderCard()))


def test_validate_fails_when_an_article_is_dated_after_the_stated_end_of_collection(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pier.txt").write_text("Harbour board to rebuild the ferry pier\n\nBy Jane Roe\n\nMarch 5, 2024\n\n"
                                     + "The harbour board voted on Tuesday to rebuild the old ferry pier in stone. " * 6
                                     + "\n", encoding="utf-8")
    card = tmp_path / "card.toml"
    card.write_text(card_template().replace('start = ""', "start = 2023-01-01").replace('end = ""', "end = 2023-06-30"))
    out = tmp_path / "out"
    build(input_dir=folder, output_dir=out, card={"file": card})
    problems = validate(out)
    assert any("collection.end is 2023-06-30, but an article of the data was published on 2024-03-05" in p
               for p in problems), problems


def test_a_card_file_whose_collection_ends_before_it_starts_is_refused(tmp_path):
    card = tmp_path / "card.toml"
    card.write_text(card_template().replace('start = ""', "start = 2024-01-01").replace('end = ""', "end = 2023-01-01"))
    from corpus_pkg.card.statement import load_card_file
    from corpus_pkg.config import ConfigError

    with pytest.raises(ConfigError, match="start 2024-01-01 is after end 2023-01-01"):
        load_card_file(card)
