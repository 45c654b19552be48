"""The configs of a built folder, where their shards live, and reading only the columns one needs.

One place for the folder layout, so the card, the Croissant file and the validator agree on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import BaseModel

from ..config import SPLITS
from ..registry import Outlet
from ..schema import Article, Page, arrow_schema
from ..write import release_memory

ROW_SEARCH_BUFFER = 1 << 20     # bytes read from a shard at a time when looking for one row
ROW_SEARCH_BATCH = 64           # rows decoded at a time on the way to it
READ_BATCH = 1024               # rows decoded at a time when the card reads whole columns
SHARD = re.compile(r"^(?P<split>[a-z]+)-\d{5}-of-\d{5}\.parquet$")


@dataclass(frozen=True)
class ConfigLayout:
    name: str                 # config_name in the card's YAML
    folder: str               # folder of its shards under the output folder
    model: type[BaseModel]    # the pydantic model of one row
    summary: str              # one line for the card and the Croissant record set


CONFIGS = (
    ConfigLayout("default", "data", Article, "One row per unique article (or re-poster's preface), with the provenance of every copy."),
    ConfigLayout("pages", "pages", Page, "One row per input page: its raw text and the role of every line (an audit of the extraction)."),
    ConfigLayout("outlets", "outlets", Outlet, "One row per outlet: documented outlet-level facts and ratings, each with sources. Outlet-level, never article labels."),
)
CONFIG = {c.name: c for c in CONFIGS}
#: The outlets table is one table, not a sample: it has a single split (the Hub needs at least one).
OUTLETS_SPLIT = "train"


def shards(out_dir: Path, folder: str) -> dict[str, list[Path]]:
    """The shard files of one config folder, per split, in split order then name order."""
    found: dict[str, list[Path]] = {}
    for path in sorted((Path(out_dir) / folder).glob("*.parquet")):
        match = SHARD.match(path.name)
        if match:
            found.setdefault(match["split"], []).append(path)
    order = {s: i for i, s in enumerate(SPLITS)}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def read(out_dir: Path, config: str, columns: list[str] | None = None) -> pa.Table:
    """Some columns (all by default) of every shard of a config, with a `split` column from the file name.

    A column may be a nested leaf, `provenance.list.element.host_site`: only that part of the column is read
    (the list then holds structs of the chosen fields only)."""
    layout = CONFIG[config]
    tables = []
    for split, paths in shards(out_dir, layout.folder).items():
        for path in paths:
            table = read_columns(path, columns)
            release_memory()    # the decoding buffers, many times the size of the columns kept
            tables.append(table.append_column("split", pa.repeat(pa.scalar(split, pa.string()), table.num_rows)))
    if not tables:  # no shard at all: an empty table that still has the model's types
        empty = arrow_schema(layout.model).empty_table()
        table = empty.select(list(dict.fromkeys(c.split(".")[0] for c in columns))) if columns is not None else empty
        return table.append_column("split", pa.array([], pa.string()))
    return pa.concat_tables(tables)


@contextmanager
def system_allocator() -> Iterator[None]:
    """Inside, Arrow allocates from the C library's allocator (`pa.system_memory_pool()`) instead of its default
    pool (mimalloc); the default is restored, and the freed memory handed back (`release_memory`), on leaving.

    Why: the card reads every article's columns in small batches and keeps a compact part of each; mimalloc
    kept the pages those batches were decoded in, partly reused, about 0.5 KB per article more than the
    data kept (measured reading a 30k-article build's columns: 13 MB more at 30k than at 10k, against 3 MB with
    the C allocator, whose freed memory `malloc_trim` returns). The values computed are the same."""
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)
        release_memory()


def streamed(path: Path) -> pq.ParquetFile:
    """A shard opened to be read a few pages at a time (`iter_batches(..., batch_size=READ_BATCH, use_threads=False)`):
    not pre-buffered and not decoded by the thread pool, whose threads' allocators would each keep the freed
    buffers of a whole row group's columns (measured: 20 MB more retained at 12k articles than at 3k when a
    shard's columns were read at once; 0.6 MB more read this way). The values read are the same."""
    return pq.ParquetFile(path, buffer_size=ROW_SEARCH_BUFFER, pre_buffer=False)


def read_columns(path: Path, columns: list[str] | None) -> pa.Table:
    """Some columns (all by default) of one shard, read `READ_BATCH` rows at a time (`streamed`)."""
    with streamed(path) as parquet:
        batches = list(parquet.iter_batches(batch_size=READ_BATCH, columns=columns, use_threads=False))
        return pa.Table.from_batches(batches) if batches else parquet.read(columns=columns)


def find_rows(out_dir: Path, config: str, column: str, values: list) -> list[dict | None]:
    """For each of `values`, the first row (all columns, with its split) whose `column` equals it, or None.

    Only `column` is read while searching, one row group at a time; a row group that holds rows looked for is
    then decoded once, in small batches from a buffered stream, up to the last of them. So finding records
    costs a few pages of memory, not a row group of every column (up to `row_group_bytes`), as a filtered
    `read_table` would; and the card's two example records, often in the same shard, are decoded in one pass
    instead of one pass each (the decoding up to a row is most of the lookup's CPU)."""
    found: dict = {}
    for split, paths in shards(out_dir, CONFIG[config].folder).items():
        for path in paths:
            with streamed(path) as parquet:
                for group in range(parquet.num_row_groups):
                    left = [value for value in dict.fromkeys(values) if value not in found]
                    if not left:
                        return [found.get(value) for value in values]
                    keys = parquet.read_row_group(group, columns=[column], use_threads=False).column(0)
                    at = {index: value for value in left if (index := pc.index(keys, value).as_py()) >= 0}
                    for index, row in zip(sorted(at), _rows_at(parquet, group, sorted(at))):
                        found[at[index]] = {**row, "split": split}
    return [found.get(value) for value in values]


def _rows_at(parquet: pq.ParquetFile, group: int, indices: list[int]) -> list[dict]:
    """The rows at `indices` (ascending) of one row group, decoded ROW_SEARCH_BATCH rows at a time up to the last."""
    rows, start = [], 0
    if not indices:
        return rows
    for batch in parquet.iter_batches(batch_size=ROW_SEARCH_BATCH, row_groups=[group], use_threads=False):
        while len(rows) < len(indices) and indices[len(rows)] < start + batch.num_rows:
            rows.append(batch.slice(indices[len(rows)] - start, 1).to_pylist()[0])
        if len(rows) == len(indices):
            return rows
        start += batch.num_rows
    raise IndexError(f"{parquet.metadata.row_group(group).num_rows} rows in row group {group}, not {indices[-1] + 1}")
