"""The tasks of the Ray engine (`engines.ray`): plain functions, each run with `ray.remote` on a node of the cluster.

Every file a task writes goes under a temporary name first and is renamed into place, so a task that Ray re-runs
after its worker died leaves exactly what one clean run leaves. Paths are on storage every node sees.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from .. import pass2, pipeline
from ..config import SPLITS, BuildConfig, DedupConfig
from ..dedup import band_hashes, band_runs, lsh_layout, near_links as links_of_candidates
from ..dedup.links import repeated
from ..report import FileReport
from ..schema import Article, Page, arrow_schema
from ..people import Spellings
from ..stream import read_serially
from ..reader import PageReader, page_schema, unit_schema
from ..write import Spool, SplitStager, ipc_batches, ipc_rows, write_shard

FOLDERS = {"default": ("data", Article), "pages": ("pages", Page)}     # config name -> (folder, record model)


@dataclass
class PartRead:
    """What a pass-1 task returns for its batch of files (the rest is in its part folder)."""

    reports: list[FileReport]   # one per input file (a container's after all its pages), in input order
    keys: np.ndarray            # uint64, per unit: content key
    copy_ranks: np.ndarray      # int32, per unit: its rank among its article's copies (dedup.copy_rank)
    openings: np.ndarray        # uint64, per unit: its text's opening key (dedup.opening_key)
    actions: np.ndarray         # int8, per unit: rights action code
    units_per_page: np.ndarray  # int64, per page read
    bucket_starts: np.ndarray   # int64 (buckets + 1): where each bucket's band hashes start in the part's files
    spellings: Spellings        # the author names of the part's units (people.Spellings)


_reader: tuple[tuple, PageReader] | None = None


def _page_reader(config: BuildConfig, input_dir: Path, lines: frozenset[str]) -> PageReader:
    """One PageReader per worker process and build (building one loads the profiles and the language model)."""
    global _reader
    key = (config.model_dump_json(), str(input_dir), lines)
    if _reader is None or _reader[0] != key:
        _reader = (key, PageReader(config, input_dir, lines))
    return _reader[1]


def read_part(config: BuildConfig, input_dir: Path, paths: list[Path], lines: frozenset[str], part: Path,
              buckets: int) -> PartRead:
    """Pass 1 over a batch of files (`stream.read_serially`, the local engine's reading, containers included):
    `part/` gets units.arrow, pages.arrow (the spools), signatures.u32 ((units, num_perm) uint32) and
    band_keys.npy / band_units.npy: each unit's (band << 32 | band hash) and its index in the part, ordered by
    bucket (`bucket_starts` in the result says where each bucket starts)."""
    reader = _page_reader(config, input_dir, lines)
    scratch = _scratch(part)
    units, pages = Spool(scratch / "units.arrow", unit_schema()), Spool(scratch / "pages.arrow", page_schema())
    reports, keys, ranks, openings, actions, units_per_page, signatures = [], [], [], [], [], [], []
    spellings = Spellings()
    for result in read_serially(reader, paths):
        if result.report is not None:       # None: a page of a container, whose report follows its pages
            reports.append(result.report)
        if not pipeline.spool_result(result, units, pages, actions, spellings):
            continue
        keys.extend(result.keys)
        ranks.extend(result.copy_ranks)
        openings.extend(result.openings)
        signatures.append(result.signatures)
        units_per_page.append(len(result.units))
    units.close()
    pages.close()
    signatures = np.concatenate(signatures) if signatures else np.empty((0, config.dedup.num_perm), np.uint32)
    starts = spool_signatures(config.dedup, signatures, buckets, scratch)
    _move_into_place(scratch, part)
    return PartRead(reports, np.array(keys, dtype=np.uint64), np.array(ranks, dtype=np.int32),
                    np.array(openings, dtype=np.uint64), np.array(actions, dtype=np.int8), np.array(units_per_page, dtype=np.int64), starts, spellings)


def spool_signatures(dedup: DedupConfig, signatures: np.ndarray, buckets: int, folder: Path) -> np.ndarray:
    """A part's signatures ((units, num_perm) uint32) to `folder`/signatures.u32, and band_keys.npy /
    band_units.npy: each unit's (band << 32 | band hash) and its index in the part, ordered by bucket. Returns
    (buckets + 1) int64: where each bucket starts in those two files."""
    signatures.astype(np.uint32).tofile(folder / "signatures.u32")
    bands, rows = lsh_layout(dedup)
    values = (np.arange(bands, dtype=np.uint64)[None, :] << np.uint64(32)) | band_hashes(signatures, bands, rows).astype(np.uint64)
    values = values.ravel()
    owners = np.repeat(np.arange(len(signatures), dtype=np.uint32), bands)
    bucket = _bucket(values, buckets)
    order = np.argsort(bucket, kind="stable")
    np.save(folder / "band_keys.npy", values[order])
    np.save(folder / "band_units.npy", owners[order])
    return np.searchsorted(bucket[order], np.arange(buckets + 1)).astype(np.int64)


def _bucket(values: np.ndarray, buckets: int) -> np.ndarray:
    """The shuffle bucket of each (band, hash) value (a multiplicative hash, so buckets get even shares)."""
    return ((values * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) % np.uint64(buckets)


def near_links(dedup: DedupConfig, bucket: int, parts: list[Path], unit_offsets: np.ndarray,
               bucket_starts: np.ndarray, is_first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reduce side of the shuffle for one bucket: the first copies that share a band hash of the bucket,
    linked by `dedup.links.near_links` (the local build's code) over the runs of the bands they share here
    (`band_runs`, exact band values). Returns ((k, 2) int64 unit pairs, (k,) float64 estimated Jaccard), at
    or above the related threshold; joined with every other bucket's links they give the local build's sets
    (every candidate pair agrees on some band whose (band, hash) lies in one bucket, whose links join it)."""
    values, units = [], []
    for index, part in enumerate(parts):
        low, high = bucket_starts[index, bucket], bucket_starts[index, bucket + 1]
        if high == low:
            continue
        owners = np.load(part / "band_units.npy", mmap_mode="r")[low:high].astype(np.int64) + unit_offsets[index]
        first = is_first[owners]
        values.append(np.load(part / "band_keys.npy", mmap_mode="r")[low:high][first])
        units.append(owners[first])
    nothing = np.empty((0, 2), np.int64), np.empty(0)
    if not values:
        return nothing
    values, units = np.concatenate(values), np.concatenate(units)
    # units sharing a (band, hash) value of the bucket with another: the only ones that can be in a pair here
    shared = repeated(values)
    values, units = values[shared], units[shared]
    if not len(units):
        return nothing
    involved, position = np.unique(units, return_inverse=True)
    bands, rows = lsh_layout(dedup)
    taking_part = np.zeros((len(involved), bands), dtype=bool)
    taking_part[position.ravel(), (values >> np.uint64(32)).astype(np.int64)] = True
    signatures = _signatures(involved, parts, unit_offsets, dedup.num_perm)
    runs = band_runs(signatures, bands, rows, taking_part)
    found = list(links_of_candidates(involved, signatures, bands, rows, dedup, runs))
    if not found:
        return nothing
    return np.concatenate([pairs for pairs, _ in found]), np.concatenate([similarity for _, similarity in found])


def _signatures(units: np.ndarray, parts: list[Path], unit_offsets: np.ndarray, num_perm: int) -> np.ndarray:
    """The signatures of the given (sorted) units, read from their parts' signature files."""
    out = np.empty((len(units), num_perm), dtype=np.uint32)
    owner = np.searchsorted(unit_offsets, units, side="right") - 1
    for index in np.unique(owner).tolist():
        chosen = owner == index
        n = int(unit_offsets[index + 1] - unit_offsets[index])
        stored = np.memmap(parts[index] / "signatures.u32", dtype=np.uint32, mode="r", shape=(n, num_perm))
        out[chosen] = stored[units[chosen] - unit_offsets[index]]
    return out


def weigh_part(config: BuildConfig, part: Path, units: tuple[int, int], first_unit: np.ndarray,
               plan) -> tuple[np.ndarray, np.ndarray]:
    """For the part's pages: `pass2.page_split_weights`. Also spools, to `part/copies.arrow`, the provenance
    and rights decisions (`pass2.COPY_COLUMNS`) of the part's units that are extra copies of an article (pass 2
    adds them to the kept copy's record)."""
    low, high = units
    extra = np.flatnonzero(plan.dedup.article_of[low:high] != np.arange(low, high))
    found = []
    start = 0
    for batch in ipc_batches(part / "units.arrow", pass2.COPY_COLUMNS):
        chosen = extra[(extra >= start) & (extra < start + batch.num_rows)] - start
        found.append(batch.select(pass2.COPY_COLUMNS).take(pa.array(chosen, pa.int64())))
        start += batch.num_rows
    columns = pa.Table.from_batches(found, pass2.copy_schema())
    table = pa.table({"unit": pa.array(extra + low, pa.int64()),
                      **{name: columns.column(name) for name in pass2.COPY_COLUMNS}})
    scratch = _scratch(part / "copies")
    with pa.OSFile(str(scratch / "copies.arrow"), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(scratch / "copies.arrow", part / "copies.arrow")
    shutil.rmtree(scratch)
    return pass2.page_split_weights(config, ipc_batches(part / "pages.arrow", ["sha256", "spans"]), first_unit, plan)


def write_part(config: BuildConfig, part: Path, parts: list[Path], unit_offsets: np.ndarray, units: tuple[int, int],
               first_unit: np.ndarray, page_split: np.ndarray, pages: tuple[int, int], plan, copy_index,
               spellings: dict[str, str]) -> None:
    """Pass 2 over a part: its articles (`pass2.article_tables`, authors in the dataset's one spelling of
    each, `spellings`) and pages (`pass2.page_tables`), spooled by split to `part/data-<split>.arrow` and
    `part/pages-<split>.arrow`."""
    low, high = units
    articles, copy_units = copy_index
    first, last = np.searchsorted(articles, [low, high])
    copies = _copy_provenance(copy_units[first:last], parts, unit_offsets, plan.dedup)
    scratch = _scratch(part / "split")
    spools = {}
    for config_name, (folder, model) in FOLDERS.items():
        spools[config_name] = [Spool(scratch / f"{folder}-{s}.arrow", arrow_schema(model)) for s in SPLITS]
    for table, codes in pass2.article_tables(ipc_batches(part / "units.arrow"), low, plan, copies, spellings):
        pass2.route(table, codes, spools["default"])
    for table, codes in pass2.page_tables(ipc_batches(part / "pages.arrow"), first_unit, plan,
                                             page_split[pages[0] : pages[1]]):
        pass2.route(table, codes, spools["pages"])
    for spool in (s for group in spools.values() for s in group):
        spool.close()
        os.replace(spool.path, part / spool.path.name)
    shutil.rmtree(scratch)


def _copy_provenance(units: np.ndarray, parts: list[Path], unit_offsets: np.ndarray, dedup) -> pass2.Copies:
    """`pass2.Copies` of the given extra copies (unit indices), from the copies.arrow of their parts."""
    wanted = np.unique(units)
    found_units, found = [], []
    for index in np.unique(np.searchsorted(unit_offsets, wanted, side="right") - 1).tolist():
        table = pa.ipc.open_file(pa.memory_map(str(parts[index] / "copies.arrow"))).read_all()
        rows = np.flatnonzero(np.isin(table.column("unit").to_numpy(), wanted))
        found_units.append(table.column("unit").to_numpy()[rows])
        found.append(table.select(pass2.COPY_COLUMNS).take(pa.array(rows, pa.int64())))
    columns = pa.concat_tables(found) if found else pass2.copy_schema().empty_table()
    return pass2.copies_of(np.concatenate(found_units) if found_units else np.zeros(0, np.int64), columns, dedup)


def gather_split(config: BuildConfig, folder: str, split: str, spools: list[Path], work: Path,
                 staging: Path) -> tuple[Path, list[int], int, int]:
    """One split of one config: the parts' spools concatenated in input order into a `write.SplitStager`'s spool
    (the same batches, row count and Arrow bytes as the local engine's stager). Returns (its path, the first row
    of each of its batches, rows, bytes): what `write_split_shard` needs to lay out and write each shard."""
    model = Article if folder == "data" else Page
    stager = SplitStager(work, staging, folder, split, arrow_schema(model), config.parquet)
    for path in spools:
        for batch in ipc_batches(path):
            stager.append_table(pa.Table.from_batches([batch]))
    stager.close()
    return stager.path, stager.batch_starts, stager.num_rows, stager.num_bytes


def write_split_shard(config: BuildConfig, folder: str, split: str, spool: Path, starts: list[int], num_rows: int,
                      num_bytes: int, staging: Path, index: int) -> str:
    """Shard `index` of a split gathered by `gather_split` (`write.write_shard`, the local engine's layout)."""
    schema = arrow_schema(Article if folder == "data" else Page)
    return write_shard(staging, folder, split, schema, config.parquet, num_rows, num_bytes,
                       lambda start, count: ipc_rows(spool, starts, schema, start, count), index)


def write_card(staging: Path, config: BuildConfig, written: dict, statement) -> None:
    """The card and the manifest (`pipeline.write_card`, with the builder's `statement`), in a task: the card
    reads columns of every article. The build report is read from `staging`'s build-report.json."""
    pipeline.write_card(staging, config, pipeline.load_report(staging), written, statement)


def _scratch(target: Path) -> Path:
    """A new empty folder beside `target` for a task to write into before renaming its files into place."""
    scratch = target.with_name(f"{target.name}.tmp-{secrets.token_hex(4)}")
    scratch.mkdir(parents=True)
    return scratch


def _move_into_place(scratch: Path, target: Path) -> None:
    """`scratch` becomes `target`; what an earlier attempt of the same task left there is replaced."""
    if target.exists():
        shutil.rmtree(target)
    os.replace(scratch, target)
