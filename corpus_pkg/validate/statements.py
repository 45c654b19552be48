"""What the card says against the data and the builder's card file: languages, tags, title, dates, data files."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.compute as pc

from ..card import figures
from ..card.layout import read
from ..card.render import UNLABELLED_TASKS, UNTITLED
from ..card.statement import BUILDER_CARD, BuilderCard, load_card_file
from ..card.licence import croissant_licence, yaml_licence
from ..croissant import CROISSANT, collection_timeframe, keywords


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
    """Title, tags, topics, tasks, licence, collection type and dates say what the builder's card file says,
    nothing more; the data's dates fall in the stated collection period."""
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
        problems += _licence_and_type(document, statement)
    for key, value in yaml_licence(statement).items():
        if meta.get(key) != value:
            problems.append(f"README.md YAML: {key} is {meta.get(key)!r}, the builder's card file's licence gives "
                            f"{value!r}")
    return problems + check_collection_dates(out_dir, statement)


def _licence_and_type(document: dict, statement: BuilderCard) -> list[str]:
    """croissant.json's licence and collection type say what the builder's card file says."""
    problems = []
    if document.get("license") != croissant_licence(statement):
        problems.append(f"{CROISSANT}: license {document.get('license')!r} is not the licence the builder's card "
                        f"file states ({croissant_licence(statement)!r})")
    if document.get("rai:dataCollectionType", []) != statement.collection.types:
        problems.append(f"{CROISSANT}: rai:dataCollectionType is {document.get('rai:dataCollectionType')}, the "
                        f"builder's card file states collection.types {statement.collection.types}")
    return problems


def check_collection_dates(out_dir: Path, statement: BuilderCard) -> list[str]:
    """The collection period the card file states holds every fetch date the data records, and no article
    was published after its end."""
    problems = []
    start, end = statement.collection.start, statement.collection.end
    if start or end:
        # a copy's recorded fetch time (WARC-Date, a scraper's download time) must fall in the stated period
        provenance = read(out_dir, "default", ["provenance"]).column("provenance")
        fetched = pc.list_flatten(provenance).combine_chunks().field("fetch_date") if len(provenance) else None
        bounds = pc.min_max(fetched).as_py() if fetched is not None and fetched.null_count < len(fetched) else None
        if bounds and start and bounds["min"].date() < start:
            problems.append(f"{BUILDER_CARD}: collection.start is {start}, but the data records a copy fetched on "
                            f"{bounds['min']:%Y-%m-%d %H:%M} UTC, before it")
        if bounds and end and bounds["max"].date() > end:
            problems.append(f"{BUILDER_CARD}: collection.end is {end}, but the data records a copy fetched on "
                            f"{bounds['max']:%Y-%m-%d %H:%M} UTC, after it")
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
