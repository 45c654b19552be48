"""The card's YAML and sections: required keys, values the Hub accepts, the Hub's and `datasets`' own
parsers, the required sections."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq

from ..card import figures
from ..card.hub_terms import LICENSE_IDS, TASK_IDS
from ..card.layout import CONFIG, shards


#: `language` (from the data), `tags` and `task_ids` (from the builder) are checked on their own: a build
#: with no identified language or no stated tag rightly has none.
REQUIRED_KEYS = ("pretty_name", "license", "license_name", "license_link", "size_categories",
                 "task_categories", "annotations_creators", "language_creators",
                 "multilinguality", "source_datasets", "configs", "dataset_info")
# Values the Hub's dataset tagging accepts for the creator and multilinguality tags.
CREATOR_VALUES = {
    "annotations_creators": {"crowdsourced", "expert-generated", "found", "machine-generated", "no-annotation", "other"},
    "language_creators": {"crowdsourced", "expert-generated", "found", "machine-generated", "other"},
    "multilinguality": {"monolingual", "multilingual", "translation", "other"},
}
REQUIRED_SECTIONS = (
    "Dataset Details", "Dataset Description", "Uses", "Direct Use", "Out-of-Scope Use", "Dataset Structure",
    "What one row is", "Data Splits", "Data Fields", "Example records", "Relationships between records",
    "Missing information", "Dataset Creation", "Curation Rationale", "Source Data", "Data Collection and Processing",
    "Source files", "Who are the source data producers?", "Annotations", "Personal and Sensitive Information",
    "Bias, Risks, and Limitations", "Documented outlet facts", "Legal and regulatory restrictions",
    "Known limitations", "Recommendations", "Licensing and rights", "Citation", "Glossary",
    "Maintenance and takedown", "Dataset Card Authors", "Dataset Card Contact",
)

def check_yaml(meta: dict, out_dir: Path) -> list[str]:
    problems = [f"README.md YAML: required key '{key}' is missing" for key in REQUIRED_KEYS if key not in meta]
    license_id = meta.get("license")
    for value in license_id if isinstance(license_id, list) else [license_id]:
        if value is not None and value not in LICENSE_IDS:
            problems.append(f"README.md YAML: license '{value}' is not a Hub licence id")
    if license_id == "other":
        link = meta.get("license_link")
        if not meta.get("license_name"):
            problems.append("README.md YAML: license 'other' needs a license_name")
        if not link or not (out_dir / str(link)).is_file():
            problems.append(f"README.md YAML: license_link '{link}' does not name a file of the folder")
    categories = meta.get("task_categories") or []
    for category in categories:
        if category not in TASK_IDS:
            problems.append(f"README.md YAML: task category '{category}' is not a Hub task category")
    for task_id in meta.get("task_ids") or []:
        if not any(task_id in TASK_IDS.get(c, ()) for c in categories):
            problems.append(f"README.md YAML: task id '{task_id}' belongs to none of the task categories {categories}")
    for key, allowed in CREATOR_VALUES.items():
        for value in meta.get(key) or []:
            if value not in allowed:
                problems.append(f"README.md YAML: {key} value '{value}' is not one of {sorted(allowed)}")
    rows = sum(pq.read_metadata(p).num_rows for paths in shards(out_dir, CONFIG["default"].folder).values() for p in paths)
    expected = [figures.size_category(rows)]
    if meta.get("size_categories") != expected:
        problems.append(f"README.md YAML: size_categories is {meta.get('size_categories')}, but the default config "
                        f"has {rows} rows ({expected[0]})")
    return problems


def check_parsers(meta: dict) -> list[str]:
    """What the Hub's own libraries make of the YAML (offline)."""
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    problems = []
    card_data = DatasetCardData(**meta)
    for parser in (MetadataConfigs.from_dataset_card_data, DatasetInfosDict.from_dataset_card_data):
        try:
            parser(card_data)
        except Exception as error:
            problems.append(f"README.md YAML: datasets' {parser.__qualname__} rejects it: {error}")
    return problems


def check_sections(body: str) -> list[str]:
    headings = set(re.findall(r"^#{1,6} (.+?)\s*$", body, flags=re.M))
    problems = [f"README.md: required section '{title}' is missing" for title in REQUIRED_SECTIONS if title not in headings]
    if not any(h.startswith("Dataset Card for ") for h in headings):
        problems.append("README.md: the title 'Dataset Card for …' is missing")
    return problems
