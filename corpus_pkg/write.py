"""Parquet shards in the Hub's layout, with every writer setting in one place, and the manifest.

`<out>/<folder>/<split>-<i:05d>-of-<n:05d>.parquet`, one explicit schema for every shard (the
model's, with `Features` metadata and field descriptions), zstd, page index, page checksums and
content-defined chunking (so a small change re-uploads little to the Hub's Xet storage). Shards
hold at most `max_shard_bytes` and row groups at most `row_group_bytes` of uncompressed data,
within datasets' defaults (500 MB / 100 MB) and the viewer's limit.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import hashlib
import json
import math
from collections.abc import Callable, Iterator, Sequence
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


def shard_layout(num_rows: int, num_bytes: int, config: ParquetConfig) -> tuple[int, int, int]:
    """(shards, rows per shard, rows per row group) for a split of num_rows (> 0) rows and num_bytes Arrow bytes."""
    shard_count = max(1, math.ceil(num_bytes / config.max_shard_bytes))
    rows_per_shard = math.ceil(num_rows / shard_count)
    bytes_per_row = num_bytes / num_rows
    row_group_rows = max(1, int(config.row_group_bytes // max(bytes_per_row, 1)))
    return shard_count, rows_per_shard, row_group_rows


def write_split(out_dir: Path, folder: str, split: str, rows: Sequence[dict], schema: pa.Schema,
                config: ParquetConfig) -> WrittenSplit:
    """Write one split of one config. An empty split gets no file: `datasets` cannot load an empty
    split, so the card declares only the splits that have rows."""
    table = pa.Table.from_pylist(list(rows), schema=schema)
    return _write_shards(out_dir, folder, split, schema, config, table.num_rows, table.nbytes, table.slice)


def _write_shards(out_dir: Path, folder: str, split: str, schema: pa.Schema, config: ParquetConfig,
                  num_rows: int, num_bytes: int, rows: Callable[[int, int], pa.Table]) -> WrittenSplit:
    """The shards of one split, from `rows(start, count)`: rows start..start+count of the split."""
    if num_rows == 0:
        return WrittenSplit(split=split, files=[], num_examples=0, num_bytes=0)
    shard_count = shard_layout(num_rows, num_bytes, config)[0]
    files = [write_shard(out_dir, folder, split, schema, config, num_rows, num_bytes, rows, index)
             for index in range(shard_count)]
    return WrittenSplit(split=split, files=files, num_examples=num_rows, num_bytes=num_bytes)


def write_shard(out_dir: Path, folder: str, split: str, schema: pa.Schema, config: ParquetConfig,
                num_rows: int, num_bytes: int, rows: Callable[[int, int], pa.Table], index: int) -> str:
    """Shard `index` of a split of num_rows (> 0) rows and num_bytes Arrow bytes, laid out by `shard_layout`, from
    `rows(start, count)`; returns its path relative to out_dir. Each shard depends only on its own rows, so the
    shards of a split can be written in any order or in parallel. Rows are written one row group at a time, so
    no more than one row group is ever in memory."""
    shard_count, rows_per_shard, row_group_rows = shard_layout(num_rows, num_bytes, config)
    position = min(index * rows_per_shard, num_rows)

    def take(n: int) -> pa.Table:
        """The next n rows (fewer at the split's end, none after it)."""
        nonlocal position
        count = min(n, num_rows - position)
        part = rows(position, count) if count > 0 else schema.empty_table()
        position += part.num_rows
        return part      # several chunks: the writer's bytes are the same as for one chunk

    (out_dir / folder).mkdir(parents=True, exist_ok=True)
    name = f"{folder}/{shard_name(split, index, shard_count)}"
    with pq.ParquetWriter(out_dir / name, schema, **writer_options(config)) as writer:
        part = take(min(row_group_rows, rows_per_shard))
        writer.write_table(part, row_group_size=row_group_rows)
        remaining = rows_per_shard - part.num_rows
        while remaining > 0 and part.num_rows:
            part = take(min(row_group_rows, remaining))
            if part.num_rows:
                writer.write_table(part, row_group_size=row_group_rows)
            remaining -= part.num_rows
    release_memory()
    return name


def release_memory() -> None:
    """Hand the memory Arrow freed back to the system. Its allocator keeps freed pages for reuse, so without
    this a build's memory would stay at the high-water mark of every stage before it (a row group written,
    a spool read back) and the next stage would add its own on top. The C library's allocator, which holds
    what Python and numpy freed in larger pieces (page texts, arrays), is asked to do the same (glibc's
    `malloc_trim`; elsewhere nothing is done)."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """glibc's `malloc_trim(pad)`, or None where the C library has none (musl, macOS, Windows)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):    # TypeError: Windows, which has no such library handle
        return None


class Spool:
    """Rows appended as Python rows (buffered `batch_rows` at a time) or as Arrow tables, kept on disk as an
    uncompressed Arrow IPC file, read back in order with `batches()` once `close()`d. Memory holds one batch.
    `count_bytes`: keep `num_bytes` (what a split's shard layout needs; counting serialises each batch once
    more, so a spool whose size nobody reads, such as pass 1's, is not counted and says 0)."""

    def __init__(self, path: Path, schema: pa.Schema, batch_rows: int = 512, count_bytes: bool = True):
        self.path, self.schema, self.batch_rows, self.count_bytes = Path(path), schema, batch_rows, count_bytes
        self._sink = pa.OSFile(str(self.path), "wb")
        self._writer = pa.ipc.new_file(self._sink, schema)
        self._rows: list[dict] = []
        self._pending: pa.Table | None = None  # fewer than batch_rows rows handed over as Arrow, not yet written
        self._starts: list[int] = []          # the first row of every record batch in the file
        self.num_rows = self.num_bytes = 0    # num_bytes: Arrow bytes of the batches, as datasets counts them

    def append(self, row: dict) -> None:
        self._rows.append(row)
        if len(self._rows) >= self.batch_rows:
            self._take_rows()

    def append_table(self, table: pa.Table) -> None:
        """Rows already in Arrow form (the spool's schema), after the Python rows appended before them."""
        self._take_rows()
        self._add(table)

    def _take_rows(self) -> None:
        if self._rows:
            rows, self._rows = self._rows, []
            self._add(pa.Table.from_pylist(rows, schema=self.schema))

    def _add(self, table: pa.Table) -> None:
        """Written in batches of exactly `batch_rows` rows, so the shards' bytes do not depend on how the rows
        were handed over (the Parquet writer's pages follow its input's chunks)."""
        if self._pending is not None:
            table = pa.concat_tables([self._pending, table])
        full = table.num_rows - table.num_rows % self.batch_rows
        for start in range(0, full, self.batch_rows):
            self._write(table.slice(start, self.batch_rows).combine_chunks())
        self._pending = table.slice(full) if full < table.num_rows else None

    def _flush(self) -> None:
        self._take_rows()
        if self._pending is not None:
            self._write(self._pending.combine_chunks())
            self._pending = None

    def _write(self, table: pa.Table) -> None:
        for batch in table.to_batches():
            if batch.num_rows:
                self._starts.append(self.num_rows)
                self._writer.write_batch(batch)
                self.num_rows += batch.num_rows
                if self.count_bytes:
                    # counted as the IPC format stores it (no validity bitmap where nothing is null, slices cut),
                    # so num_bytes does not depend on how the rows were assembled (Python rows, take, filter)
                    self.num_bytes += pa.ipc.read_record_batch(batch.serialize(), self.schema).nbytes

    def close(self) -> None:
        if self._writer is not None:
            self._flush()
            self._writer.close()
            self._sink.close()
            self._writer = None

    def batches(self, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        """The batches in order, read one at a time (not memory-mapped: a full scan must not keep the file's
        pages resident)."""
        self.close()
        yield from ipc_batches(self.path, columns)

    def rows(self, start: int, count: int) -> pa.Table:
        """Rows start..start+count, memory-mapped (no copy: a row group of the final shards is only read
        by the Parquet writer, and its pages leave memory when the table is dropped)."""
        self.close()
        return ipc_rows(self.path, self._starts, self.schema, start, count)

    @property
    def batch_starts(self) -> list[int]:
        """The first row of every record batch written so far (what `ipc_rows` reads the file by)."""
        return list(self._starts)

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def ipc_batches(path: Path, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """The record batches of an Arrow IPC file in order, read one at a time (optionally only some columns: only
    their buffers are read from the file, not the pages' texts)."""
    with pa.OSFile(str(path)) as source:
        reader = pa.ipc.open_file(source)
        if columns is not None:
            options = pa.ipc.IpcReadOptions(included_fields=[reader.schema.get_field_index(c) for c in columns])
            reader = pa.ipc.open_file(source, options=options)
        for index in range(reader.num_record_batches):
            batch = reader.get_batch(index)
            yield batch.select(columns) if columns is not None else batch


def ipc_rows(path: Path, starts: list[int], schema: pa.Schema, start: int, count: int) -> pa.Table:
    """Rows start..start+count of an Arrow IPC file whose record batches begin at rows `starts`, memory-mapped."""
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_right(starts, start + count - 1) - 1
    reader = pa.ipc.open_file(pa.memory_map(str(path)))
    batches = [reader.get_batch(i) for i in range(first, last + 1)]
    return pa.Table.from_batches(batches, schema=schema).slice(start - starts[first], count)


class SplitStager(Spool):
    """One split of one config, spooled as its rows come and laid out in shards at `finish()`, exactly
    as `write_split` lays out the same rows (shard count and row-group size from the row and byte
    counts). Memory holds one batch of rows, then one row group (memory-mapped from the spool)."""

    def __init__(self, work_dir: Path, out_dir: Path, folder: str, split: str, schema: pa.Schema,
                 config: ParquetConfig, batch_rows: int = 512):
        super().__init__(Path(work_dir) / f"{folder}-{split}.spool.arrow", schema, batch_rows)
        self.out_dir, self.folder, self.split, self.config = out_dir, folder, split, config

    def finish(self) -> WrittenSplit:
        self.close()
        try:
            return _write_shards(self.out_dir, self.folder, self.split, self.schema, self.config,
                                 self.num_rows, self.num_bytes, self.rows)
        finally:
            self.discard()


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
