"""The Ray engine: the same build, its work spread over a Ray cluster (https://docs.ray.io), the same bytes out.

Every node must see the input folder and the output folder's parent at the same path (a shared filesystem:
NFS, Lustre, CephFS, a Kubernetes ReadWriteMany volume); the work folder lives inside the staging folder, so
every task reads and writes there. The driver (the process that runs `build`) holds only compact per-unit
arrays and the build report, never texts or signatures:

1. **Pass 1**: one task per batch of input files (`engine.files_per_task`, fewer when the input is small) runs
   the local engine's `stream.PageReader` on each file and writes the batch's part folder: its spooled units and
   pages (Arrow IPC), its MinHash signatures, and its LSH band hashes, already partitioned into `buckets` hash
   buckets (the map side of the shuffle). It returns the files' reports, the units' content keys and rights
   actions; the driver adds the reports in input order, whatever order the tasks finish in.
2. **Deduplication**: exact copies from the content keys (a sort on the driver, 8 bytes a unit); candidate
   pairs from the band hashes by a group-by over the cluster: one task per bucket reads that bucket of every
   part, keeps the first copies, groups equal (band, hash) values, tests each candidate pair on its signatures
   (read from the parts' signature files) and returns the pairs that are related or the same article. The
   driver links them (union-find over unit indices): the same links as the local engine's, and since each set
   is named by its earliest unit, the order they arrive in does not matter.
3. **The plan** (which copy is kept, each article's split): the pipeline's own `_plan`, on the driver.
4. **Pass 2**: one task per part weighs its pages' splits and spools the provenance of its extra copies; then
   one task per part completes its articles and pages (the pipeline's `article_tables` and `page_tables`) and
   spools them by split; then one task per split of each config concatenates the parts' spools in input order
   into a `write.SplitStager`'s spool (the local engine's), and one task per shard writes that shard from it
   with the local engine's layout (`write.write_shard`).
5. The card and the manifest, in one task (the card reads columns of every article: it is the local build's
   memory peak, and it stays off the driver).

Every task writes its files under temporary names and renames them into place, so a task that Ray retries
after its worker died (`max_retries`) leaves exactly the files one clean run leaves. Nothing depends on the
number of nodes, tasks, buckets or retries, so the output is byte-identical to the local engine's.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from .. import pipeline
from ..config import RIGHTS_ACTIONS, SPLITS, BuildConfig, DedupConfig
from ..dedup import agreeing_pairs, band_hashes, first_copies, link_units, lsh_layout, pairs_sharing_a_value, unique_pairs
from ..output import BuildError
from ..progress import BuildProgress
from ..read import discover
from ..report import FileReport
from ..schema import Article, Page, arrow_schema
from ..stream import PageReader, compact_report, page_schema, site_lines, unit_schema
from ..write import Spool, SplitStager, WrittenSplit, ipc_batches, ipc_rows, release_memory, shard_layout, write_shard

try:
    import ray
except ImportError:     # the optional extra is not installed; RayEngine() says how to install it
    ray = None

INSTALL = "the Ray engine needs Ray, which is not installed here: pip install 'corpus-pkg[ray]'"
RETRIES = 3             # Ray re-runs a task whose worker process or node died, this many times
IN_FLIGHT_PER_CPU = 3   # pass-1 tasks submitted ahead per CPU of the cluster: enough to keep it busy, few results waiting
FOLDERS = {"default": ("data", Article), "pages": ("pages", Page)}


class RayEngine:
    """The build's stages as Ray tasks. `with RayEngine(config) as engine:` joins `config.engine.address` (or
    starts Ray on this machine with `config.workers` CPUs when no address is given and none is running)."""

    name = "ray"

    def __init__(self, config: BuildConfig):
        if ray is None:
            raise BuildError(INSTALL)
        self.config = config
        self._started = False

    def __enter__(self) -> "RayEngine":
        if not ray.is_initialized():
            address = self.config.engine.address
            options = {"address": address} if address else {"num_cpus": self.config.workers, "include_dashboard": False}
            try:
                ray.init(**options, logging_level=logging.ERROR, log_to_driver=False)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                raise BuildError(f"cannot join the Ray cluster at {address or 'this machine'}: {exc}") from None
            self._started = True
        return self

    def __exit__(self, *exc) -> None:
        if self._started:
            ray.shutdown()

    def write_splits(self, config: BuildConfig, input_dir: Path, staging: Path, report, progress) -> dict:
        try:
            return _write_splits(config, input_dir, staging, report, progress)
        except ray.exceptions.RayError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BuildError(f"a Ray task failed ({type(exc).__name__}): {first_line}") from exc

    def write_card(self, staging: Path, config: BuildConfig, report, written: dict) -> None:
        ray.get(_remote(write_card).remote(Path(staging).resolve(), config, report, written))


def _remote(function):
    return ray.remote(num_cpus=1, max_retries=RETRIES)(function)


# ------------------------------------------------------------------------------------------------
# the driver


@dataclass
class PartRead:
    """What a pass-1 task returns for its batch of files (the rest is in its part folder)."""

    reports: list[FileReport]
    keys: np.ndarray            # uint64, per unit: content key
    actions: np.ndarray         # int8, per unit: rights action code
    units_per_page: np.ndarray  # int64, per page read
    bucket_starts: np.ndarray   # int64 (buckets + 1): where each bucket's band hashes start in the part's files


class PartSpools:
    """The spools of every part read in part order, as one spool (`batches()` only)."""

    def __init__(self, paths: list[Path]):
        self.paths = paths

    def batches(self, columns: list[str] | None = None):
        for path in self.paths:
            yield from ipc_batches(path, columns)


def _write_splits(config: BuildConfig, input_dir: Path, staging: Path, report, progress) -> dict:
    say = progress or (lambda message: None)
    input_dir, staging = Path(input_dir).resolve(), Path(staging).resolve()
    task_config = config.model_copy(update={"profiles": [Path(p).resolve() for p in config.profiles]})
    work = staging / pipeline.WORK
    work.mkdir()
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    buckets = min(1024, 2 * cpus)

    # pass 1
    paths = list(discover(input_dir))
    per_task = max(1, min(config.engine.files_per_task, len(paths) // (cpus * IN_FLIGHT_PER_CPU) or 1))
    batches = [paths[i : i + per_task] for i in range(0, len(paths), per_task)]
    parts = [work / f"part-{i:06d}" for i in range(len(batches))]
    bar = BuildProgress.for_files(lambda: [pipeline._size(p) for p in paths], progress=progress, n_files=len(paths))
    bar.message(f"reading {len(paths)} files with Ray ({cpus} CPUs, {len(batches)} tasks)")
    lines = ray.put(site_lines(input_dir, paths))
    read = _remote(read_part)
    keys, actions, units_per_page, bucket_starts = [], [], [], []
    finished: dict[int, PartRead] = {}
    pending: dict = {}
    submitted = added = 0
    try:
        while added < len(batches):
            while submitted < len(batches) and len(pending) < cpus * IN_FLIGHT_PER_CPU:
                ref = read.remote(task_config, input_dir, batches[submitted], lines, parts[submitted], buckets)
                pending[ref] = submitted
                submitted += 1
            done, _ = ray.wait(list(pending), num_returns=1)
            index = pending.pop(done[0])
            part = finished[index] = ray.get(done[0])
            for file in part.reports:
                bar.file_done(file.n_bytes, file.n_articles)
            while added in finished:       # the report lists files in input order
                part = finished.pop(added)
                for file in part.reports:
                    report.add_file(compact_report(file))
                keys.append(part.keys)
                actions.append(part.actions)
                units_per_page.append(part.units_per_page)
                bucket_starts.append(part.bucket_starts)
                added += 1
    finally:
        bar.close()
    keys = np.concatenate(keys) if keys else np.empty(0, np.uint64)
    unit_offsets = np.r_[0, np.cumsum([len(k) for k in actions])].astype(np.int64)
    first_unit = np.r_[0, np.cumsum(np.concatenate(units_per_page))].astype(np.int64) if units_per_page else np.zeros(1, np.int64)
    page_offsets = np.r_[0, np.cumsum([len(u) for u in units_per_page])].astype(np.int64)
    staged = pipeline.Staged(PartSpools([p / "units.arrow" for p in parts]), PartSpools([p / "pages.arrow" for p in parts]),
                             first_unit, np.concatenate(actions) if actions else np.empty(0, np.int8))

    # deduplication: exact copies here, near copies by a group-by of the band hashes over the cluster
    say(f"deduplicating {len(keys)} units")
    first_of = first_copies(keys)
    shared = [ray.put(a) for a in (parts, unit_offsets, np.stack(bucket_starts) if bucket_starts else None,
                                   first_of == np.arange(len(keys)))]
    linked = [_remote(near_links).remote(config.dedup, bucket, *shared) for bucket in range(buckets)]
    result = link_units(keys, first_of, _links(linked), config.dedup)
    del first_of, shared

    plan = pipeline._plan(config, staged, result, report)
    if config.strict:
        report.enforce_strict()

    # pass 2
    say("writing the articles and pages")
    plan_ref = ray.put(plan)
    kept = result.is_kept()
    extra = np.flatnonzero(~kept)
    by_article = np.argsort(result.article_of[extra], kind="stable")
    copies_ref = ray.put((result.article_of[extra][by_article], extra[by_article]))
    del kept, extra, by_article
    ranges = [(int(unit_offsets[i]), int(unit_offsets[i + 1]), int(page_offsets[i]), int(page_offsets[i + 1]))
              for i in range(len(parts))]
    weights = ray.get([_remote(weigh_part).remote(config, part, (u0, u1), first_unit[p0:p1], plan_ref)
                       for part, (u0, u1, p0, p1) in zip(parts, ranges)])
    split = np.concatenate([w[0] for w in weights]) if weights else np.empty(0, np.int8)
    position = np.concatenate([w[1] for w in weights]) if weights else np.empty(0)
    page_split = ray.put(pipeline.settle_page_splits(config, split, position, staged.pages))
    del weights, split, position
    ray.get([_remote(write_part).remote(config, part, parts, unit_offsets, (u0, u1), first_unit[p0:p1],
                                        page_split, (p0, p1), plan_ref, copies_ref)
             for part, (u0, u1, p0, p1) in zip(parts, ranges)])
    del plan_ref, copies_ref, page_split, plan
    gathered = {(name, s): _remote(gather_split).remote(config, folder, s, [p / f"{folder}-{s}.arrow" for p in parts],
                                                        work, staging)
                for name, (folder, _) in FOLDERS.items() for s in SPLITS}
    layouts = {key: ray.get(ref) for key, ref in gathered.items()}
    shards = {(name, s): [_remote(write_split_shard).remote(config, FOLDERS[name][0], s, *layout, staging, index)
                          for index in range(shard_layout(*layout[2:], config.parquet)[0] if layout[2] else 0)]
              for (name, s), layout in layouts.items()}
    written = {name: [WrittenSplit(split=s, files=ray.get(shards[name, s]), num_examples=layouts[name, s][2],
                                   num_bytes=layouts[name, s][3] if layouts[name, s][2] else 0) for s in SPLITS]
               for name in FOLDERS}
    shutil.rmtree(work)
    release_memory()
    return written


def _links(refs):
    """The (a, b, similarity) links of every bucket, one bucket's result in memory at a time."""
    for ref in refs:
        pairs, similarity = ray.get(ref)
        yield from zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), similarity.tolist())


# ------------------------------------------------------------------------------------------------
# the tasks (plain functions: each is run with ray.remote; every file they write is renamed into place)


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
    """Pass 1 over a batch of files: `part/` gets units.arrow, pages.arrow (the spools), signatures.u32
    ((units, num_perm) uint32) and band_keys.npy / band_units.npy: each unit's (band << 32 | band hash) and its
    index in the part, ordered by bucket (`bucket_starts` in the result says where each bucket starts)."""
    reader = _page_reader(config, input_dir, lines)
    scratch = _scratch(part)
    units, pages = Spool(scratch / "units.arrow", unit_schema()), Spool(scratch / "pages.arrow", page_schema())
    reports, keys, actions, units_per_page, signatures = [], [], [], [], []
    for path in paths:
        result = reader(path)
        reports.append(result.report)
        if result.page is None:
            continue
        pages.append(result.page)
        for row in result.units:
            units.append(row)
            actions.append(RIGHTS_ACTIONS.index(row["rights_action"]))
        keys.extend(result.keys)
        signatures.append(result.signatures)
        units_per_page.append(len(result.units))
    units.close()
    pages.close()
    signatures = np.concatenate(signatures) if signatures else np.empty((0, config.dedup.num_perm), np.uint32)
    signatures.astype(np.uint32).tofile(scratch / "signatures.u32")
    bands, rows = lsh_layout(config.dedup)
    values = (np.arange(bands, dtype=np.uint64)[None, :] << np.uint64(32)) | band_hashes(signatures, bands, rows).astype(np.uint64)
    values = values.ravel()
    owners = np.repeat(np.arange(len(signatures), dtype=np.uint32), bands)
    bucket = _bucket(values, buckets)
    order = np.argsort(bucket, kind="stable")
    np.save(scratch / "band_keys.npy", values[order])
    np.save(scratch / "band_units.npy", owners[order])
    starts = np.searchsorted(bucket[order], np.arange(buckets + 1)).astype(np.int64)
    _move_into_place(scratch, part)
    return PartRead(reports, np.array(keys, dtype=np.uint64), np.array(actions, dtype=np.int8),
                    np.array(units_per_page, dtype=np.int64), starts)


def _bucket(values: np.ndarray, buckets: int) -> np.ndarray:
    """The shuffle bucket of each (band, hash) value (a multiplicative hash, so buckets get even shares)."""
    return ((values * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) % np.uint64(buckets)


def near_links(dedup: DedupConfig, bucket: int, parts: list[Path], unit_offsets: np.ndarray,
               bucket_starts: np.ndarray, is_first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reduce side of the shuffle for one bucket: pairs of first copies that share a band hash, tested on
    their signatures. Returns ((k, 2) int64 unit pairs, (k,) float64 estimated Jaccard), only pairs at or above
    the related threshold (the others link nothing)."""
    values, units = [], []
    for index, part in enumerate(parts):
        low, high = bucket_starts[index, bucket], bucket_starts[index, bucket + 1]
        if high == low:
            continue
        owners = np.load(part / "band_units.npy", mmap_mode="r")[low:high].astype(np.int64) + unit_offsets[index]
        first = is_first[owners]
        values.append(np.load(part / "band_keys.npy", mmap_mode="r")[low:high][first])
        units.append(owners[first])
    if not values:
        return np.empty((0, 2), np.int64), np.empty(0)
    pairs = unique_pairs([pairs_sharing_a_value(np.concatenate(values), np.concatenate(units))])
    del values, units
    bands, rows = lsh_layout(dedup)
    involved = np.unique(pairs)
    signatures = _signatures(involved, parts, unit_offsets, dedup.num_perm)
    left = signatures[np.searchsorted(involved, pairs[:, 0])]
    right = signatures[np.searchsorted(involved, pairs[:, 1])]
    found = [(a, b, s) for a, b, s in agreeing_pairs(pairs, left, right, bands, rows) if s >= dedup.related_threshold]
    return (np.array([(a, b) for a, b, _ in found], dtype=np.int64).reshape(-1, 2),
            np.array([s for _, _, s in found], dtype=np.float64))


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
    """For the part's pages: `pipeline.page_split_weights`. Also spools, to `part/copies.arrow`, the provenance
    of the part's units that are extra copies of an article (pass 2 adds them to the kept copy's record)."""
    low, high = units
    extra = np.flatnonzero(plan.dedup.article_of[low:high] != np.arange(low, high))
    provenance = []
    start = 0
    for batch in ipc_batches(part / "units.arrow", ["provenance"]):
        chosen = extra[(extra >= start) & (extra < start + batch.num_rows)] - start
        provenance.append(batch.column(0).take(pa.array(chosen, pa.int64())))
        start += batch.num_rows
    column = pa.chunked_array(provenance, unit_schema().field("provenance").type)
    table = pa.table({"unit": pa.array(extra + low, pa.int64()), "provenance": column})
    scratch = _scratch(part / "copies")
    with pa.OSFile(str(scratch / "copies.arrow"), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(scratch / "copies.arrow", part / "copies.arrow")
    shutil.rmtree(scratch)
    return pipeline.page_split_weights(config, ipc_batches(part / "pages.arrow", ["sha256", "spans"]), first_unit, plan)


def write_part(config: BuildConfig, part: Path, parts: list[Path], unit_offsets: np.ndarray, units: tuple[int, int],
               first_unit: np.ndarray, page_split: np.ndarray, pages: tuple[int, int], plan, copy_index) -> None:
    """Pass 2 over a part: its articles (`pipeline.article_tables`) and pages (`pipeline.page_tables`), spooled by
    split to `part/data-<split>.arrow` and `part/pages-<split>.arrow`."""
    low, high = units
    articles, copy_units = copy_index
    first, last = np.searchsorted(articles, [low, high])
    copies: dict[int, list[int]] = {}
    for kept, unit in zip(articles[first:last].tolist(), copy_units[first:last].tolist()):
        copies.setdefault(kept, [kept]).append(unit)
    provenance = _copy_provenance(copy_units[first:last], parts, unit_offsets)
    scratch = _scratch(part / "split")
    spools = {}
    for config_name, (folder, model) in FOLDERS.items():
        spools[config_name] = [Spool(scratch / f"{folder}-{s}.arrow", arrow_schema(model)) for s in SPLITS]
    for table, codes in pipeline.article_tables(ipc_batches(part / "units.arrow"), low, plan, copies, provenance):
        pipeline._route(table, codes, spools["default"])
    for table, codes in pipeline.page_tables(ipc_batches(part / "pages.arrow"), first_unit, plan,
                                             page_split[pages[0] : pages[1]]):
        pipeline._route(table, codes, spools["pages"])
    for spool in (s for group in spools.values() for s in group):
        spool.close()
        os.replace(spool.path, part / spool.path.name)
    shutil.rmtree(scratch)


def _copy_provenance(units: np.ndarray, parts: list[Path], unit_offsets: np.ndarray) -> dict[int, dict]:
    """The provenance entry of each of the given units (extra copies), from the copies.arrow of their parts."""
    wanted = np.unique(units)
    found: dict[int, dict] = {}
    for index in np.unique(np.searchsorted(unit_offsets, wanted, side="right") - 1).tolist():
        table = pa.ipc.open_file(pa.memory_map(str(parts[index] / "copies.arrow"))).read_all()
        rows = np.flatnonzero(np.isin(table.column("unit").to_numpy(), wanted))
        chosen = table.take(pa.array(rows, pa.int64()))
        found.update(zip(chosen.column("unit").to_pylist(), chosen.column("provenance").to_pylist()))
    return found


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


def write_card(staging: Path, config: BuildConfig, report, written: dict) -> None:
    """The card and the manifest (`pipeline.write_card`), in a task: the card reads columns of every article."""
    pipeline.write_card(staging, config, report, written)


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
