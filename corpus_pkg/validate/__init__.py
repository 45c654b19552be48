"""`corpus-pkg validate DIR`: do a built folder's card, YAML, files and data agree?

Each check recomputes what the build wrote, from the files on disk, with the build's own code, and
names every disagreement in a sentence a person can act on:

- the card's YAML: it parses (huggingface_hub's DatasetCardData, datasets' own MetadataConfigs and
  DatasetInfosDict parsers); licence id, task categories/ids and creator tags are valid Hub values;
  `size_categories` fits the row count; every required key and every required section is present;
- `configs` and `dataset_info` against the shards: data files, `num_examples` (from Parquet metadata),
  `download_size`, `dataset_size`, features (YAML vs `corpus_pkg.schema` vs every shard's schema);
- every figure block of the card, recomputed from the Parquet by `card.figures` (the same code that
  rendered it); the source-file table also against `build-report.json` and the `pages` config;
- the `outlets` table's counts against the articles;
- `manifest.json` (size and SHA-256 of every file, nothing unlisted) and `croissant.json` (file hashes,
  sizes and record sets).

Only the columns a figure needs are read; `num_bytes` is not recomputed (it needs every row in memory,
and `datasets` does not check it either).

Modules, one per group of checks: `card_yaml`, `statements`, `shards`, `card_figures`, `files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..card.statement import BUILDER_CARD, NOT_STATED, CardFileError, unstated
from .card_figures import check_figures, check_outlets
from .card_yaml import REQUIRED_SECTIONS, check_parsers, check_sections, check_yaml
from .files import check_croissant, check_manifest
from .shards import check_data_metadata, check_loadable, check_schemas
from .statements import builder_statement, check_data_files_match, check_languages, check_statements

__all__ = ["REQUIRED_SECTIONS", "Validation", "check", "validate"]

FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n(?P<body>.*)\Z", re.S)


@dataclass
class Validation:
    """What `check` found: problems (the folder must not be published as it is) and warnings (statements
    only the builder can make that the card leaves "not stated")."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def validate(out_dir: Path) -> list[str]:
    """Every disagreement between a built folder's card, metadata, files and data (empty: all agree)."""
    return check(out_dir).problems


def check(out_dir: Path) -> Validation:
    """`validate`'s problems, and a warning for every item the builder's card file leaves unstated."""
    out_dir = Path(out_dir)
    card_path = out_dir / "README.md"
    if not out_dir.is_dir():
        return Validation([f"{out_dir}: {'not a folder' if out_dir.exists() else 'no such folder'}"])
    if not card_path.is_file():
        return Validation([f"{out_dir}: no README.md (is this a corpus_pkg build folder?)"])
    card = card_path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(card)
    if not match:
        return Validation(["README.md: no YAML front matter between '---' lines at the top"])
    try:
        meta = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as error:
        return Validation([f"README.md: the YAML front matter does not parse: {error}"])
    if not isinstance(meta, dict):
        return Validation(["README.md: the YAML front matter is not a mapping"])

    problems: list[str] = []
    warnings: list[str] = []
    try:
        statement = builder_statement(out_dir)
        warnings += [f"{key}: {NOT_STATED} (a key of the builder's card file; `corpus-pkg init` writes them all)"
                     for key in unstated(statement)]
    except CardFileError as error:
        statement = None
        problems.append(f"{BUILDER_CARD}: {error}")
    checks = [
        ("YAML metadata", lambda: check_yaml(meta, out_dir)),
        ("languages", lambda: check_languages(meta, out_dir)),
        ("builder's statements", lambda: check_statements(meta, out_dir, statement) if statement else []),
        ("data_files", lambda: check_data_files_match(meta, out_dir)),
        ("Hub parsers", lambda: check_parsers(meta)),
        ("sections", lambda: check_sections(match["body"])),
        ("loadable configs", lambda: check_loadable(meta, out_dir)),
        ("configs and dataset_info", lambda: check_data_metadata(meta, out_dir)),
        ("Parquet schemas", lambda: check_schemas(out_dir)),
        ("figures", lambda: check_figures(card, out_dir)),
        ("outlets table", lambda: check_outlets(out_dir)),
        ("manifest", lambda: check_manifest(out_dir)),
        ("croissant.json", lambda: check_croissant(out_dir)),
    ]
    for name, check in checks:
        try:
            problems += check()
        except Exception as error:  # a damaged file must become a readable problem, not a traceback
            problems.append(f"{name}: could not be checked ({type(error).__name__}: {error})")
    return Validation(problems, warnings)
