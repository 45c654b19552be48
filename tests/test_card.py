"""The dataset card: Hub-valid YAML, every checklist section, figures from the data, sources on every fact."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from corpus_pkg import BuildConfig, build
from corpus_pkg.card.figures import blocks_in
from corpus_pkg.card.hub_terms import LICENSE_IDS, TASK_IDS
from corpus_pkg.card.render import ENVIRONMENT
from corpus_pkg.registry import load_registry
from corpus_pkg.validate import REQUIRED_SECTIONS, validate

ROOT = Path(__file__).resolve().parent.parent


def front_matter(out: Path) -> dict:
    text = (out / "README.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_the_repository_card_is_the_card_the_build_writes(seed_build):
    """Byte for byte, except the build-environment line: it records the installed tool versions and the
    commit of the machine that built it, which a fresh machine's build differs in."""
    built = (seed_build / "README.md").read_text(encoding="utf-8")
    repository = (ROOT / "dataset_card.md").read_text(encoding="utf-8")
    assert len(ENVIRONMENT.findall(built)) == 1
    assert ENVIRONMENT.sub("", repository) == ENVIRONMENT.sub("", built), (
        "dataset_card.md is stale: rebuild as the README's quick start does and copy build/dataset/README.md "
        "to dataset_card.md")


def test_yaml_parses_with_the_hubs_own_parsers(seed_build):
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard, DatasetCardData

    meta = front_matter(seed_build)
    card_data = DatasetCardData(**meta)
    configs = MetadataConfigs.from_dataset_card_data(card_data)
    infos = DatasetInfosDict.from_dataset_card_data(card_data)
    assert set(configs) == set(infos) == {"default", "pages", "outlets"}
    assert infos["default"].splits["train"].num_examples == sum(
        pq.read_metadata(p).num_rows for p in (seed_build / "data").glob("train-*.parquet"))
    card = DatasetCard.load(seed_build / "README.md")
    assert card.data.pretty_name == meta["pretty_name"] and card.data.license == "other"


def test_yaml_holds_every_required_key_with_valid_hub_values(seed_build):
    meta = front_matter(seed_build)
    for key in ("pretty_name", "language", "license", "license_name", "license_link", "size_categories",
                "task_categories", "tags", "annotations_creators", "language_creators",
                "multilinguality", "source_datasets", "configs", "dataset_info"):
        assert meta.get(key), key
    assert meta["license"] == "other" and meta["license"] in LICENSE_IDS
    assert meta["license_link"] == "LICENSE" and (seed_build / "LICENSE").is_file()
    assert all(c in TASK_IDS for c in meta["task_categories"])
    assert all(any(t in TASK_IDS[c] for c in meta["task_categories"]) for t in meta.get("task_ids", []))
    # no task that needs labels the dataset lacks
    assert "text-classification" not in meta["task_categories"] and "topic-classification" not in meta.get("task_ids", [])
    assert meta["language"] == ["en"] and meta["multilinguality"] == ["monolingual"]
    assert meta["size_categories"] == ["n<1K"]
    assert "extra_gated_prompt" not in meta  # the default build is not gated
    for info in meta["dataset_info"]:
        assert info["download_size"] > 0


def test_the_seeds_licence_is_the_maintainers_stated_mit_and_separates_the_kinds_of_rights(seed_build):
    """The seeds' card file states `licence = "MIT"` and names the maintainers as curators; the repository's
    LICENSE is corpus_pkg's own (the software's), not the built folder's."""
    licence = (seed_build / "LICENSE").read_text(encoding="utf-8")
    assert (ROOT / "LICENSE").resolve() == (ROOT / "corpus_pkg" / "card" / "LICENSE.md").resolve()
    assert "**Licence: MIT**, as stated by the builder" in licence
    assert "> Copyright (c) 2026 the corpus_pkg maintainers" in licence
    assert "remain\nthe property of their publishers" in licence
    assert front_matter(seed_build)["license_name"] == "mixed-third-party-copyright-compilation-mit"


def test_every_required_section_is_present(seed_build):
    body = (seed_build / "README.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{1,6} (.+?)\s*$", body, flags=re.M))
    assert set(REQUIRED_SECTIONS) <= headings


def test_card_states_method_choices_that_cannot_be_computed(seed_build):
    body = (seed_build / "README.md").read_text(encoding="utf-8")
    config = BuildConfig()
    assert "fewest\n   scrape defects is kept" in body and "first copy in input order" in body
    assert f"least {config.dedup.same_article_threshold} makes two copies one article" in body
    assert f"salt `{config.split.salt}`" in body
    assert "py3langid" in body and "no-break spaces become" in body
    assert "no URL\nand no fetch date" in body or "no URL and no fetch date" in body
    assert f"get `{config.rights.restricted}` (the\ndefault" in body and "--allow-restricted-public" in body
    assert f"Every other text gets\n`{config.rights.default}`" in body


def test_figures_are_blocks_computed_from_the_data(seed_build):
    card = (seed_build / "README.md").read_text(encoding="utf-8")
    found = blocks_in(card)
    rows = sum(pq.read_metadata(p).num_rows for p in (seed_build / "data").glob("*.parquet"))
    assert f"**{rows} unique articles**" in found["summary"]
    for name in ("splits", "outlets", "host_sites", "years", "lengths", "dates", "duplicates", "republication",
                 "missing", "examples", "source_files", "outlet_facts", "fields_default", "fields_outlets"):
        assert name in found, name
    report_files = [p.name for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert all(name in found["source_files"] for name in report_files)
    assert "| The Cradle | Aletho News |" in found["republication"]  # original outlet → re-poster


def test_a_large_build_summarises_its_source_files_and_lists_the_unusual_ones():
    """Listing 100,000 files would make a card nobody reads: above FILES_LISTED the card gives totals by
    status and page type, and names only the files skipped or repaired (they are not in the `pages` config)."""
    from corpus_pkg.card import figures
    from corpus_pkg.report import FileReport

    files = [FileReport(source_file=f"p{i:04d}.txt", status="read", n_bytes=10, sha256="a" * 64,
                        page_type="single-article", n_articles=1) for i in range(figures.FILES_LISTED + 50)]
    files[7] = FileReport(source_file="empty one.txt", status="skipped", reason="empty file (0 bytes)")
    files[9] = files[9].model_copy(update={"status": "repaired", "repairs": ["CRLF line endings -> LF"]})
    text = figures.source_files(figures.BuildData(out_dir=Path("."), articles=None, copies=None, pages=None,
                                                  outlets=[], files=files))
    assert f"{len(files)} input files" in text and "`pages` config" in text
    assert f"| read | single-article | {len(files) - 2} | {10 * (len(files) - 2)} | {len(files) - 2} |" in text
    assert "| skipped | – | 1 | 0 | 0 |" in text
    assert "`empty one.txt`" in text and "repaired: CRLF line endings -> LF" in text
    assert "p0000.txt" not in text
    small = figures.source_files(figures.BuildData(out_dir=Path("."), articles=None, copies=None, pages=None,
                                                   outlets=[], files=files[:3]))
    assert all(f"`{f.source_file}`" in small for f in files[:3])


def test_examples_are_json_records_with_shortened_text(seed_build):
    import json

    examples = blocks_in((seed_build / "README.md").read_text(encoding="utf-8"))["examples"]
    records = [json.loads(m) for m in re.findall(r"```json\n(.*?)\n```", examples, flags=re.S)]
    assert len(records) == 2
    typical, atypical = records
    assert typical["n_copies"] == 1 and atypical["n_copies"] > 1
    assert all(len(r["text"].split()) <= 61 for r in records)


def test_every_fact_in_the_card_carries_its_source(seed_build):
    card = (seed_build / "README.md").read_text(encoding="utf-8")
    facts = blocks_in(card)["outlet_facts"]
    fact_lines = [line for line in facts.splitlines() if line.startswith("- **")]
    assert fact_lines and all(" Sources: [" in line for line in fact_lines)
    assert "High-risk" not in card      # no label of our own without a published rule
    registry = load_registry()
    for entry in registry.entries:
        if f"#### {entry.name}\n" not in facts:
            continue
        for item in [*entry.facts, *entry.ratings]:
            text = getattr(item, "statement", None) or item.label
            line = next(line for line in fact_lines if text in line)
            assert all(f"]({source.url}) (" in line and f"retrieved {source.retrieved}" in line
                       for source in item.sources), line
            assert (item.uncertain is None) or f"[uncertain: {item.uncertain}]" in line
    raters = card.split("### About the raters")[1].split("\n### ")[0]
    assert all(" Sources: [" in line for line in raters.splitlines() if line.startswith("- **"))
    # the builder's prose points to the registry's facts instead of quoting them
    assert "Alice Donovan" in card and "see the documented facts" in card


def test_outlet_facts_are_labelled_outlet_level(seed_build):
    card = (seed_build / "README.md").read_text(encoding="utf-8")
    facts = blocks_in(card)["outlet_facts"]
    assert facts.count("Outlet-level facts.") == facts.count("#### ")
    assert "never an article" in card and "not any article" in card


def test_the_outlets_config_loads_and_covers_every_outlet_of_the_data(seed_build):
    import datasets

    outlets = datasets.load_dataset(str(seed_build), "outlets", split="train")
    articles = datasets.load_dataset(str(seed_build), split="train+validation+test")
    names = set(outlets["name"])
    assert {a for a in articles["outlet"] if a} <= names
    assert {p["host_site"] for row in articles["provenance"] for p in row if p["host_site"]} <= names
    nyt = outlets.filter(lambda o: o["name"] == "The New York Times")[0]
    assert nyt["rights_status"] == "restricted" and all(f["sources"] for f in nyt["facts"])


def test_rebuilding_gives_a_byte_identical_card(seed_build, tmp_path):
    again = tmp_path / "again"
    build(input_dir=ROOT / "seeds", output_dir=again, card={"file": ROOT / "examples" / "seeds-card.toml"})
    for name in ("README.md", "croissant.json", "LICENSE", "outlets/train-00000-of-00001.parquet"):
        assert (again / name).read_bytes() == (seed_build / name).read_bytes(), name


@pytest.fixture(scope="module")
def gated_withholding_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gated") / "dataset"
    config = BuildConfig.model_validate({"input_dir": str(ROOT / "seeds"), "output_dir": str(out),
                                         "card": {"gated": True},
                                         "rights": {"outlets": {"The New York Times": "withhold_text",
                                                                "Sputnik": "exclude"}}})
    build(config)
    return out


def test_gated_build_carries_gate_metadata_and_the_rights_policy(gated_withholding_build):
    meta = front_matter(gated_withholding_build)
    assert meta["extra_gated_prompt"] and "checkbox" in meta["extra_gated_fields"].values()
    body = (gated_withholding_build / "README.md").read_text(encoding="utf-8")
    assert "This dataset is **gated**" in body
    assert "| The New York Times | `withhold_text` |" in body and "| Sputnik | `exclude` |" in body
    missing = blocks_in(body)["missing"]
    assert "| text withheld by the rights policy | 1 |" in missing
    assert validate(gated_withholding_build) == []


def test_the_card_names_a_public_remote_without_credentials_and_no_local_path():
    """The build environment's source line never prints a token from the remote URL, nor the builder's own
    folders when the checkout is a clone of a local path."""
    from corpus_pkg.card.render import public_remote

    assert public_remote("https://alice:ghp_secret@github.com/org/news-corpus.git") == \
        "https://github.com/org/news-corpus.git"
    assert public_remote("https://github.com/org/news-corpus") == "https://github.com/org/news-corpus"
    assert public_remote("ssh://git@example.org:2222/org/repo.git") == "ssh://example.org:2222/org/repo.git"
    assert public_remote("git@github.com:org/news-corpus.git") == "github.com:org/news-corpus.git"
    for local in ("/work/main", "../corpus", "file:///home/me/corpus", "C:/Users/me/corpus", "~/corpus"):
        assert public_remote(local) is None, local
