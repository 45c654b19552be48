"""Parquet shards in the Hub's layout, with every writer setting in one place, and the manifest.

`<out>/<folder>/<split>-<i:05d>-of-<n:05d>.parquet`, one explicit schema for every shard (the
model's, with `Features` metadata and field descriptions), zstd, page index, page checksums and
content-defined chunking (so a small change re-uploads little to the Hub's Xet storage). Shards
hold at most `max_shard_bytes` and row groups at most `row_group_bytes` of uncompressed data,
within datasets' defaults (500 MB / 100 MB) and the viewer's limit.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .config import ParquetConfig


@dataclass
class WrittenSplit:
    split: str
    files: list[str]          # relative POSIX paths
    num_examples: int
    num_bytes: int            # uncompressed Arrow bytes, as datasets reports them


def writer_options(config: ParquetConfig) -> dict:
    return dict(
        compression="zstd",
        compression_level=config.compression_level,
        write_page_index=True,
        write_page_checksum=True,
        use_content_defined_chunking=True,
        write_statistics=True,
    )


def shard_name(split: str, index: int, count: int) -> str:
    return f"{split}-{index:05d}-of-{count:05d}.parquet"


def write_split(out_dir: Path, folder: str, split: str, rows: Sequence[dict], schema: pa.Schema,
                config: ParquetConfig) -> WrittenSplit:
    """Write one split of one config. An empty split gets no file: `datasets` cannot load an empty
    split, so the card declares only the splits that have rows."""
    table = pa.Table.from_pylist(list(rows), schema=schema)
    num_bytes = table.nbytes
    if table.num_rows == 0:
        return WrittenSplit(split=split, files=[], num_examples=0, num_bytes=0)
    shard_count = max(1, math.ceil(num_bytes / config.max_shard_bytes))
    rows_per_shard = math.ceil(table.num_rows / shard_count)
    bytes_per_row = num_bytes / table.num_rows
    row_group_rows = max(1, int(config.row_group_bytes // max(bytes_per_row, 1)))
    files = []
    (out_dir / folder).mkdir(parents=True, exist_ok=True)
    for index in range(shard_count):
        name = f"{folder}/{shard_name(split, index, shard_count)}"
        part = table.slice(index * rows_per_shard, rows_per_shard)
        with pq.ParquetWriter(out_dir / name, schema, **writer_options(config)) as writer:
            writer.write_table(part, row_group_size=row_group_rows)
        files.append(name)
    return WrittenSplit(split=split, files=files, num_examples=table.num_rows, num_bytes=num_bytes)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


MANIFEST = "manifest.json"
NOT_UPLOADED = (MANIFEST, "build-report.json")


def write_manifest(out_dir: Path) -> dict:
    """List every file meant for publishing, with size and SHA-256 (the report and itself excluded)."""
    files = []
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(out_dir).as_posix()
        if rel in NOT_UPLOADED:
            continue
        files.append({"path": rel, "size": path.stat().st_size, "sha256": sha256_file(path)})
    manifest = {"format": 1, "files": files}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest
