"""The files: `manifest.json` (size and SHA-256 of every file, nothing unlisted) and `croissant.json`."""

from __future__ import annotations

import json
from pathlib import Path

from ..card.layout import CONFIGS
from ..croissant import CROISSANT, distribution, record_set
from ..write import MANIFEST, NOT_UPLOADED, sha256_file


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
