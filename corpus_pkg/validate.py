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
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import yaml

from .card import figures
from .card.hub_terms import LICENSE_IDS, TASK_IDS
from .card.layout import CONFIG, CONFIGS, read, shards
from .card.render import UNLABELLED_TASKS, UNTITLED, data_metadata
from .card.statement import BUILDER_CARD, NOT_STATED, BuilderCard, CardFileError, load_card_file, unstated
from .croissant import CROISSANT, collection_timeframe, distribution, keywords, record_set
from .inputs import CONTAINER_KINDS
from .report import BuildReport
from .schema import arrow_schema
from .write import MANIFEST, NOT_UPLOADED, WrittenSplit, sha256_file

REPORT = "build-report.json"
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


# ------------------------------------------------------------------------------------------------
# What the card says against the data and the builder's card file


def builder_statement(out_dir: Path) -> BuilderCard:
    """The builder's card file as the build copied it (an empty statement when the build had none)."""
    path = out_dir / BUILDER_CARD
    return load_card_file(path if path.is_file() else None)


def check_languages(meta: dict, out_dir: Path) -> list[str]:
    """The YAML `language` and Croissant `inLanguage` name exactly the languages identified in the data."""
    data = figures.languages_of(read(out_dir, "default", ["language"]))
    found = meta.get("language") or []
    found = found if isinstance(found, list) else [found]
    problems = []
    if [str(code) for code in found] != data or any(not isinstance(code, str) for code in found):
        problems.append(f"README.md YAML: language is {found}, the articles' languages are {data}"
                        + (" (a YAML 1.1 reader turned a code into a boolean: quote it)"
                           if any(isinstance(code, bool) for code in found) else ""))
    croissant_path = out_dir / CROISSANT
    if croissant_path.is_file():
        declared = json.loads(croissant_path.read_text(encoding="utf-8")).get("inLanguage", [])
        declared = declared if isinstance(declared, list) else [declared]
        if declared != data:
            problems.append(f"{CROISSANT}: inLanguage is {declared}, the articles' languages are {data}")
    return problems


def check_statements(meta: dict, out_dir: Path, statement: BuilderCard) -> list[str]:
    """Title, tags, topics, tasks and collection dates say what the builder's card file says, nothing more."""
    problems = []
    stated_tags = set(statement.tags)
    problems += [f"README.md YAML: tag '{tag}' has no support in the builder's card file ({BUILDER_CARD} "
                 f"tags: {sorted(stated_tags)})" for tag in meta.get("tags") or [] if tag not in stated_tags]
    if meta.get("pretty_name") != (statement.title or UNTITLED):
        problems.append(f"README.md YAML: pretty_name {meta.get('pretty_name')!r} is not the title of the builder's "
                        f"card file ({statement.title!r})")
    tasks = {"task_categories": statement.task_categories, "task_ids": statement.task_ids} \
        if statement.task_categories else UNLABELLED_TASKS
    for key, allowed in tasks.items():
        problems += [f"README.md YAML: {key} '{value}' is neither stated in the builder's card file nor a "
                     f"label-free default ({allowed})" for value in meta.get(key) or [] if value not in allowed]
    croissant_path = out_dir / CROISSANT
    if croissant_path.is_file():
        document = json.loads(croissant_path.read_text(encoding="utf-8"))
        supported = set(keywords(statement))
        problems += [f"{CROISSANT}: keyword '{word}' has no support in the builder's card file (tags or topics)"
                     for word in document.get("keywords") or [] if word not in supported]
        timeframe = document.get("rai:dataCollectionTimeframe", [])
        if timeframe != collection_timeframe(statement):
            problems.append(f"{CROISSANT}: rai:dataCollectionTimeframe is {timeframe}, the builder's card file "
                            f"states {collection_timeframe(statement) or 'no collection dates'}")
    end = statement.collection.end
    if end is not None:
        # a page cannot print a date later than the day it was fetched
        latest = pc.max(read(out_dir, "default", ["published_date"]).column("published_date")).as_py()
        if latest is not None and latest > end:
            problems.append(f"{BUILDER_CARD}: collection.end is {end}, but an article of the data was published "
                            f"on {latest}, after it")
    return problems


def check_data_files_match(meta: dict, out_dir: Path) -> list[str]:
    """Every `data_files` pattern of every config matches at least one file of the folder."""
    problems = []
    for config in meta.get("configs") or []:
        for entry in config.get("data_files") or []:
            pattern = entry.get("path") if isinstance(entry, dict) else entry
            for one in pattern if isinstance(pattern, list) else [pattern]:
                if not any(p.is_file() for p in out_dir.glob(str(one))):
                    problems.append(f"README.md YAML: configs[{config.get('config_name')}].data_files '{one}' "
                                    f"matches no file of the folder")
    return problems


# ------------------------------------------------------------------------------------------------
# The card's YAML


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


# ------------------------------------------------------------------------------------------------
# configs, dataset_info and the shards


def written_on_disk(meta: dict, out_dir: Path) -> dict[str, list[WrittenSplit]]:
    """What the build wrote, rebuilt from the shards (num_bytes, which needs every row, from the card)."""
    declared = {(info.get("config_name"), s.get("name")): s.get("num_bytes", 0)
                for info in meta.get("dataset_info") or [] for s in info.get("splits") or []}
    return {layout.name: [WrittenSplit(split=split, files=[p.relative_to(out_dir).as_posix() for p in paths],
                                       num_examples=sum(pq.read_metadata(p).num_rows for p in paths),
                                       num_bytes=declared.get((layout.name, split), 0))
                          for split, paths in shards(out_dir, layout.folder).items()]
            for layout in CONFIGS}


def check_loadable(meta: dict, out_dir: Path) -> list[str]:
    """Every config of the card names data files that exist: `load_dataset` raises DataFilesNotFoundError
    on a config without any (a build that found no article), even when another config is asked for."""
    problems = []
    for config in meta.get("configs") or []:
        name = config.get("config_name")
        entries = config.get("data_files") or []
        patterns = [entry.get("path") for entry in entries if isinstance(entry, dict)] or \
                   [entry for entry in entries if isinstance(entry, str)]
        paths = [p for pattern in patterns for p in (pattern if isinstance(pattern, list) else [pattern])]
        if not any(any(out_dir.glob(path)) for path in paths if path):
            problems.append(f"README.md YAML: config '{name}' has no data files on disk (data_files: {entries}); "
                            "load_dataset cannot open this folder")
    return problems


def check_data_metadata(meta: dict, out_dir: Path) -> list[str]:
    expected = data_metadata(written_on_disk(meta, out_dir), out_dir)
    problems = []
    found_configs = {c.get("config_name"): c for c in meta.get("configs") or []}
    for config in expected["configs"]:
        name = config["config_name"]
        if name not in found_configs:
            problems.append(f"README.md YAML: config '{name}' is missing from configs")
        elif found_configs[name].get("data_files") != config["data_files"]:
            problems.append(f"README.md YAML: configs[{name}].data_files is {found_configs[name].get('data_files')}, "
                            f"the shards on disk give {config['data_files']}")
    for name in found_configs.keys() - {c["config_name"] for c in expected["configs"]}:
        problems.append(f"README.md YAML: config '{name}' is not one the build writes")
    found_infos = {i.get("config_name"): i for i in meta.get("dataset_info") or []}
    for info in expected["dataset_info"]:
        name = info["config_name"]
        found = found_infos.get(name)
        if found is None:
            problems.append(f"README.md YAML: dataset_info for config '{name}' is missing")
            continue
        problems += _feature_problems(f"dataset_info[{name}].features", found.get("features"), info["features"])
        found_splits = {s.get("name"): s for s in found.get("splits") or []}
        for split in info["splits"]:
            card_split = found_splits.pop(split["name"], None)
            if card_split is None:
                problems.append(f"README.md YAML: dataset_info[{name}] does not declare split '{split['name']}'")
            elif card_split.get("num_examples") != split["num_examples"]:
                problems.append(f"README.md YAML: dataset_info[{name}] split '{split['name']}' has num_examples "
                                f"{card_split.get('num_examples')}, its Parquet files hold {split['num_examples']} rows")
        problems += [f"README.md YAML: dataset_info[{name}] declares split '{s}', which has no Parquet file"
                     for s in found_splits]
        for key in ("download_size", "dataset_size"):
            if found.get(key) != info[key]:
                problems.append(f"README.md YAML: dataset_info[{name}].{key} is {found.get(key)}, expected {info[key]}"
                                + (" (the size of its Parquet files)" if key == "download_size" else
                                   " (the sum of its splits' num_bytes)"))
    return problems


def _feature_problems(where: str, found: list | None, expected: list) -> list[str]:
    if found == expected:
        return []
    found_by_name = {f.get("name"): f for f in found or []}
    expected_by_name = {f["name"]: f for f in expected}
    problems = [f"README.md YAML: {where}: '{n}' is missing (the schema has it)" for n in expected_by_name if n not in found_by_name]
    problems += [f"README.md YAML: {where}: '{n}' is not in the schema" for n in found_by_name if n not in expected_by_name]
    problems += [f"README.md YAML: {where}: '{n}' is {_short(found_by_name[n])} in the card, {_short(f)} in the schema"
                 for n, f in expected_by_name.items() if n in found_by_name and found_by_name[n] != f]
    if not problems:
        problems.append(f"README.md YAML: {where}: the features are not in the schema's order")
    return problems


def _short(feature: dict) -> str:
    return json.dumps({k: v for k, v in feature.items() if k != "name"}, sort_keys=True)


def check_schemas(out_dir: Path) -> list[str]:
    """Every shard is written with its config's schema (types, and the `huggingface` Features metadata)."""
    problems = []
    for layout in CONFIGS:
        expected = arrow_schema(layout.model)
        for paths in shards(out_dir, layout.folder).values():
            for path in paths:
                schema = pq.read_schema(path)
                rel = path.relative_to(out_dir).as_posix()
                if schema.remove_metadata() == expected.remove_metadata() and \
                        (schema.metadata or {}).get(b"huggingface") == expected.metadata.get(b"huggingface"):
                    continue
                differing = [f.name for f in expected if f.name not in schema.names or schema.field(f.name).type != f.type]
                extra = [n for n in schema.names if n not in expected.names]
                detail = (f"fields differing: {', '.join(differing)}" if differing else "") + \
                         (f"; unexpected fields: {', '.join(extra)}" if extra else "")
                problems.append(f"{rel}: schema differs from corpus_pkg.schema.{layout.model.__name__}"
                                f" ({detail or 'its Features metadata or field descriptions differ'})")
    return problems


# ------------------------------------------------------------------------------------------------
# Figures and the outlets table


def check_figures(card: str, out_dir: Path) -> list[str]:
    problems = []
    report_path = out_dir / REPORT
    if report_path.is_file():
        report = BuildReport.model_validate_json(report_path.read_text(encoding="utf-8"))
        problems += _report_against_pages(report, out_dir)
    else:
        report = None
        problems.append(f"{REPORT} is missing: the source-file table cannot be checked")
    data = figures.load(out_dir, report.files if report else [])
    if report is not None:
        problems += _report_counts(report, data)
    expected = figures.blocks(data)
    found = figures.blocks_in(card)
    for name, block in expected.items():
        if name not in found:
            problems.append(f"README.md: figure '{name}' is missing")
        elif found[name] != block and not (name == "source_files" and report is None):
            problems.append(f"README.md: figure '{name}' disagrees with the data: {_first_difference(found[name], block)}")
    problems += [f"README.md: figure '{name}' is not one the build computes" for name in found.keys() - expected.keys()]
    return problems


def _first_difference(card_block: str, data_block: str) -> str:
    card_lines, data_lines = card_block.splitlines(), data_block.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=card_lines, b=data_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            card_text = " / ".join(card_lines[i1:i2]) or "(nothing)"
            data_text = " / ".join(data_lines[j1:j2]) or "(nothing)"
            return f"the card has {card_text!r} where the data gives {data_text!r}"
    return "they differ"


def _report_counts(report: BuildReport, data: figures.BuildData) -> list[str]:
    """build-report.json counts articles, copies and duplicate groups as the card does."""
    groups = data.articles.column("duplicate_group")
    expected = {"n_articles": data.articles.num_rows,
                "n_duplicate_copies": data.copies.num_rows - data.articles.num_rows,
                "n_articles_with_copies": sum(1 for n in data.articles.column("n_copies").to_pylist() if n > 1),
                "n_duplicate_groups": len(set(groups.to_pylist()))}
    return [f"{REPORT}: {key} is {getattr(report, key)}, the data gives {value} (as the card counts it)"
            for key, value in expected.items() if getattr(report, key) != value]


def _report_against_pages(report: BuildReport, out_dir: Path) -> list[str]:
    """The build report's file list (shown in the card) must describe the pages actually in the `pages` config."""
    pages: dict[str, list[dict]] = {}
    for r in read(out_dir, "pages", figures.PAGE_COLUMNS).to_pylist():
        pages.setdefault(r["source_file"], []).append(r)
    problems = []
    for f in report.files:
        if f.status == "skipped":
            continue
        rows = pages.pop(f.source_file, None)
        page = rows[0] if rows else None
        if rows and f.input_kind in CONTAINER_KINDS:   # a WARC or records file: one page per record read
            if (len(rows), sum(r["n_articles"] for r in rows)) != (f.records.get("page", 0), f.n_articles):
                problems.append(f"{REPORT}: {f.source_file} disagrees with the pages config (pages or articles)")
        elif page is None:
            problems.append(f"{REPORT}: {f.source_file} is not in the pages config")
        elif len(rows) > 1 or (page["sha256"], page["n_bytes"], page["n_articles"]) != (f.sha256, f.n_bytes, f.n_articles):
            problems.append(f"{REPORT}: {f.source_file} disagrees with the pages config (sha256, bytes or articles)")
    problems += [f"{REPORT}: the pages config holds {name}, which the report does not list" for name in pages]
    return problems


def check_outlets(out_dir: Path) -> list[str]:
    """The outlets table has one row per outlet or re-posting site the data names, none other, and the rows'
    counts are the articles' counts."""
    from .registry import OutletEntry, Registry

    data = figures.load(out_dir, [])
    rows = read(out_dir, "outlets").drop_columns(["split"]).to_pylist()
    entries = [OutletEntry(**{k: r[k] for k in ("name", "aliases", "domains", "rights_status")})  # counts need names only
               for r in rows if r["in_registry"]]
    expected = {r.name: (r.n_articles, r.n_hosted_copies)
                for r in Registry(entries).outlet_rows(*figures.outlet_counts(data)) if r.n_articles or r.n_hosted_copies}
    found = {r["name"]: (r["n_articles"], r["n_hosted_copies"]) for r in rows}
    problems = [f"outlets config: '{name}' occurs in the data but has no row" for name in expected if name not in found]
    problems += [f"outlets config: '{name}' is not named by any article or page of the data; only outlets the data "
                 f"names are published" for name in found if name not in expected]
    problems += [f"outlets config: '{name}' counts {found[name][0]} articles and {found[name][1]} hosted copies, "
                 f"the articles give {counts[0]} and {counts[1]}"
                 for name, counts in expected.items() if name in found and found[name] != counts]
    return problems


# ------------------------------------------------------------------------------------------------
# Files: manifest.json and croissant.json


def check_manifest(out_dir: Path) -> list[str]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return [f"{MANIFEST} is missing: file sizes and hashes cannot be checked"]
    listed = {f["path"]: f for f in json.loads(path.read_text(encoding="utf-8"))["files"]}
    problems = []
    for rel, entry in listed.items():
        file = out_dir / rel
        if not file.is_file():
            problems.append(f"{rel}: listed in {MANIFEST} but missing")
        elif file.stat().st_size != entry["size"]:
            problems.append(f"{rel}: {file.stat().st_size} bytes, {MANIFEST} says {entry['size']}")
        elif sha256_file(file) != entry["sha256"]:
            problems.append(f"{rel}: SHA-256 differs from {MANIFEST} (the file changed after the build)")
    on_disk = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    problems += [f"{rel}: in the folder but not in {MANIFEST}" for rel in sorted(on_disk - set(listed) - set(NOT_UPLOADED))]
    return problems


def check_croissant(out_dir: Path) -> list[str]:
    path = out_dir / CROISSANT
    if not path.is_file():
        return [f"{CROISSANT} is missing"]
    document = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    found = {d.get("@id"): d for d in document.get("distribution") or []}
    for expected in distribution(out_dir):
        name = expected["@id"]
        entry = found.pop(name, None)
        if entry is None:
            problems.append(f"{CROISSANT}: no entry for {name}")
            continue
        for key in ("sha256", "contentSize", "includes", "contentUrl", "encodingFormat"):
            if entry.get(key) != expected.get(key):
                problems.append(f"{CROISSANT}: {name} has {key} {entry.get(key)!r}, the folder gives {expected.get(key)!r}")
    problems += [f"{CROISSANT}: {name} names no file of the folder" for name in found]
    record_sets = {r.get("@id"): r for r in document.get("recordSet") or []}
    for layout in CONFIGS:
        if record_sets.get(layout.name) != record_set(layout):
            problems.append(f"{CROISSANT}: record set '{layout.name}' does not match corpus_pkg.schema."
                            f"{layout.model.__name__} (fields or their sources differ)")
    return problems
