"""`configs` and `dataset_info` against the shards: loadable configs, counts, sizes, features and schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from ..card.layout import CONFIGS, shards
from ..card.render import data_metadata
from ..schema import arrow_schema
from ..write import WrittenSplit


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
