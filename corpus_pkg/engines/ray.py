"""The Ray engine: the same build, its work spread over a Ray cluster (https://docs.ray.io), the same bytes out.

Every node must see the input folder and the output folder's parent at the same path (a shared filesystem:
NFS, Lustre, CephFS, a Kubernetes ReadWriteMany volume); the work folder lives inside the staging folder, so
every task reads and writes there. The driver (the process that runs `build`) holds only compact per-unit
arrays and the build report, never texts or signatures:

1. **Pass 1**: one task per batch of input files (`engine.files_per_task`, fewer when the input is small) reads
   them as the local engine does (`stream.read_serially`: text and HTML pages, and the records of WARC and
   JSON Lines/JSON/Parquet containers, accounted in the container's report) and writes the batch's part folder:
   its spooled units and pages (Arrow IPC), its MinHash signatures, and its LSH band hashes, already
   partitioned into `buckets` hash buckets (the map side of the shuffle). It returns the files' reports, the
   units' content keys, copy ranks and rights actions, and the author names it met; the driver adds the
   reports and the names in input order, whatever order the tasks finish in.
2. **Deduplication**: exact copies from the content keys (a sort on the driver, 8 bytes a unit); candidate
   pairs from the band hashes by a group-by over the cluster: one task per bucket reads that bucket of every
   part, keeps the first copies, groups equal (band, hash) values, tests each candidate pair on its signatures
   (read from the parts' signature files) and returns the pairs that are related or the same article. The
   driver links them (`dedup.link_units`, the local engine's: union-find over unit indices, each article kept
   in its kept copy): the same links as the local engine's, and since each set is named by its earliest
   unit, the order they arrive in does not matter.
3. **The plan** (which copy is kept, each article's split): `plan.plan_articles`, on the driver.
4. **Pass 2**: one task per part weighs its pages' splits and spools the provenance of its extra copies; then
   one task per part completes its articles and pages (`pass2.article_tables` and `pass2.page_tables`) and
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

import ipaddress
import logging
import os
import shutil
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from .. import pass2, pipeline
from ..plan import Plan, Staged, plan_articles
from ..config import SPLITS, BuildConfig
from ..dedup import first_copies, link_units, opening_links
from ..output import BuildError
from ..people import Spellings
from ..progress import BuildProgress
from ..read import discover
from ..storage import fetch
from ..stream import site_lines
from ..write import WrittenSplit, ipc_batches, release_memory, shard_layout
from .ray_tasks import (FOLDERS, PartRead, gather_split, near_links, read_part, weigh_part, write_card, write_part,
                        write_split_shard)

try:
    import ray
except ImportError:     # the optional extra is not installed; RayEngine() says how to install it
    ray = None

LOOPBACK = "127.0.0.1"
CLUSTERS_SWITCH = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
INSTALL = "the Ray engine needs Ray, which is not installed here: pip install 'corpus-pkg[ray]'"
RETRIES = 3             # Ray re-runs a task whose worker process or node died, this many times
IN_FLIGHT_PER_CPU = 3   # pass-1 tasks submitted ahead per CPU of the cluster: enough to keep it busy, few results waiting


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
            # no address: a new Ray instance here ('local'; None would join whatever /tmp/ray names as the last one)
            options = {"address": address} if address else {"address": "local", "num_cpus": self.config.workers,
                                                            "include_dashboard": False}
            _check_reachable(address)
            try:
                if _is_loopback(address):
                    with _on_loopback():
                        ray.init(**options, _node_ip_address=LOOPBACK, logging_level=logging.ERROR,
                                 log_to_driver=False)
                else:
                    ray.init(**options, logging_level=logging.ERROR, log_to_driver=False)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                raise BuildError(f"cannot join the Ray cluster at {address or 'this machine'}: {exc}") from None
            self._started = True
        return self

    def __exit__(self, *exc) -> None:
        if self._started:
            ray.shutdown()

    def fetch_input(self, uri: str, options: dict, names: list[str], dest: Path) -> None:
        """A URI input's files copied to `dest` (in the staging folder every node sees) by parallel tasks, one per
        `engine.files_per_task` files (`storage.fetch`)."""
        if uri.lower().startswith("memory://"):
            raise BuildError(f"{uri}: memory:// is this process's memory, which Ray's workers cannot read; "
                             "use --engine local, or a store every node reaches (s3://, gs://, a shared folder)")
        per_task = self.config.engine.files_per_task
        batches = [names[i : i + per_task] for i in range(0, len(names), per_task)]
        try:
            ray.get([_remote(fetch).remote(uri, options, batch, Path(dest).resolve()) for batch in batches])
        except ray.exceptions.RayError as exc:
            cause = getattr(exc, "cause", None)     # a RayTaskError carries the task's own exception
            raise BuildError(str(cause) if isinstance(cause, BuildError) else
                             f"{uri}: a task copying the input failed: {str(exc).strip().splitlines()[0]}") from None

    def write_splits(self, config: BuildConfig, input_dir: Path, staging: Path, report, progress) -> dict:
        try:
            return _write_splits(config, input_dir, staging, report, progress)
        except ray.exceptions.RayError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BuildError(f"a Ray task failed ({type(exc).__name__}): {first_line}") from exc

    def write_card(self, staging: Path, config: BuildConfig, report, written: dict, statement) -> None:
        """The card task reads the report from the staging folder's build-report.json, which the pipeline wrote
        just before: the driver does not pickle an entry per input file for it."""
        ray.get(_remote(write_card).remote(Path(staging).resolve(), config, written, statement))


def _is_loopback(address: str | None) -> bool:
    """True for no address (Ray started here) and for a loopback HOST:PORT (a cluster on this machine only)."""
    if not address:
        return True
    host = address.rpartition(":")[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def _on_loopback():
    """Ray on this machine only stays on 127.0.0.1. Ray (2.x, `ray._private.services.resolve_ip_for_localhost`)
    replaces a loopback node or cluster address by the address this machine's route to the internet leaves from,
    except where Ray clusters are switched off (`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`, its Windows and macOS
    default): so they are, while `ray.init` runs, in this process (read once, at import, into `ray_constants`)
    and for the processes it starts (the environment). Once joined, Ray asks the node it joined for the address."""
    from ray._private import ray_constants

    saved = ray_constants.ENABLE_RAY_CLUSTER, os.environ.get(CLUSTERS_SWITCH)
    ray_constants.ENABLE_RAY_CLUSTER, os.environ[CLUSTERS_SWITCH] = False, "0"
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = saved[0]
        if saved[1] is None:
            os.environ.pop(CLUSTERS_SWITCH, None)
        else:
            os.environ[CLUSTERS_SWITCH] = saved[1]


def _check_reachable(address: str | None, timeout: float = 10) -> None:
    """A HOST:PORT address must accept a connection: Ray itself would retry an unreachable one for minutes."""
    host, _, port = (address or "").rpartition(":")
    if not host or not port.isdigit() or "://" in address:
        return      # none (Ray on this machine), 'auto', or a scheme Ray resolves itself
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise BuildError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


def _remote(function):
    return ray.remote(num_cpus=1, max_retries=RETRIES)(function)


# ------------------------------------------------------------------------------------------------
# the driver


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
    work = staging / pipeline.WORK
    work.mkdir()
    report.keep_files_on_disk(work)     # as the local engine does: not a list of every file's report in memory
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    buckets = min(1024, 2 * cpus)
    read = _pass_1(config, input_dir, work, cpus, buckets, report, progress)
    say(f"deduplicating {len(read.keys)} units")
    result = _deduplicate(config, read, buckets)
    plan = plan_articles(config, read.staged, result, report)
    say("writing the articles and pages")
    written = _pass_2(config, read, plan, work, staging, report)
    shutil.rmtree(work)
    release_memory()
    return written


@dataclass
class Read:
    """What the driver keeps of pass 1: where each part is, and compact per-unit and per-page arrays."""

    parts: list[Path]
    keys: np.ndarray            # uint64, per unit
    copy_ranks: np.ndarray      # int32, per unit: dedup.copy_rank (an article's lowest-ranked copy is kept)
    openings: np.ndarray        # uint64, per unit: its text's opening key (dedup.opening_key)
    unit_offsets: np.ndarray    # int64, per part and one more: the index of its first unit
    page_offsets: np.ndarray    # int64, per part and one more: the index of its first page
    bucket_starts: np.ndarray   # int64 (parts, buckets + 1): where each bucket starts in each part's band files
    staged: Staged     # first_unit, rights actions and author spellings; the parts' spools as one


def _pass_1(config: BuildConfig, input_dir: Path, work: Path, cpus: int, buckets: int, report, progress) -> Read:
    """`read_part` over batches of files, a few per CPU in flight; the reports added in input order."""
    task_config = config.model_copy(update={"profiles": [Path(p).resolve() for p in config.profiles]})
    paths = list(discover(input_dir))
    per_task = max(1, min(config.engine.files_per_task, len(paths) // (cpus * IN_FLIGHT_PER_CPU) or 1))
    batches = [paths[i : i + per_task] for i in range(0, len(paths), per_task)]
    parts = [work / f"part-{i:06d}" for i in range(len(batches))]
    bar = BuildProgress.for_files(lambda: [pipeline._size(p) for p in paths], progress=progress, n_files=len(paths))
    bar.message(f"reading {len(paths)} files with Ray ({cpus} CPUs, {len(batches)} tasks)")
    lines = ray.put(site_lines(input_dir, paths))
    read = _remote(read_part)
    done_parts: list[PartRead] = []
    finished: dict[int, PartRead] = {}
    spellings = Spellings()
    pending: dict = {}
    submitted = 0
    try:
        while len(done_parts) < len(batches):
            while submitted < len(batches) and len(pending) < cpus * IN_FLIGHT_PER_CPU:
                ref = read.remote(task_config, input_dir, batches[submitted], lines, parts[submitted], buckets)
                pending[ref] = submitted
                submitted += 1
            done, _ = ray.wait(list(pending), num_returns=1)
            part = finished[pending.pop(done[0])] = ray.get(done[0])
            for file in part.reports:
                bar.file_done(file.n_bytes, file.n_articles)
            while len(done_parts) in finished:       # the report and the spellings take files in input order
                part = finished.pop(len(done_parts))
                for file in part.reports:
                    report.add_file(file)
                spellings.update(part.spellings)
                part.reports, part.spellings = [], None
                done_parts.append(part)
    finally:
        bar.close()
    units_per_page = np.concatenate([p.units_per_page for p in done_parts] or [np.empty(0, np.int64)])
    staged = Staged(PartSpools([p / "units.arrow" for p in parts]), PartSpools([p / "pages.arrow" for p in parts]),
                             np.r_[0, np.cumsum(units_per_page)].astype(np.int64),
                             np.concatenate([p.actions for p in done_parts] or [np.empty(0, np.int8)]),
                             spellings.canonical())
    return Read(parts, np.concatenate([p.keys for p in done_parts] or [np.empty(0, np.uint64)]),
                np.concatenate([p.copy_ranks for p in done_parts] or [np.empty(0, np.int32)]),
                np.concatenate([p.openings for p in done_parts] or [np.empty(0, np.uint64)]),
                np.r_[0, np.cumsum([len(p.keys) for p in done_parts])].astype(np.int64),
                np.r_[0, np.cumsum([len(p.units_per_page) for p in done_parts])].astype(np.int64),
                np.stack([p.bucket_starts for p in done_parts] or [np.zeros(buckets + 1, np.int64)]), staged)


def _deduplicate(config: BuildConfig, read: Read, buckets: int):
    """Exact copies by a sort of the content keys here; near copies by `near_links`, one task per bucket of the
    band hashes (the shuffle's reduce side); the links joined here (`dedup.link_units`)."""
    first_of = first_copies(read.keys)
    shared = [ray.put(a) for a in (read.parts, read.unit_offsets, read.bucket_starts, first_of == np.arange(len(read.keys)))]
    linked = [_remote(near_links).remote(config.dedup, bucket, *shared) for bucket in range(buckets)]
    links = chain(_links(linked), [opening_links(read.openings, first_of, config.dedup, read.copy_ranks)])
    return link_units(read.keys, first_of, links, read.copy_ranks, config.dedup)


def _pass_2(config: BuildConfig, read: Read, plan: Plan, work: Path, staging: Path, report) -> dict:
    """`weigh_part`, then `write_part` per part; `gather_split` per split of each config, then `write_split_shard`
    per shard. Returns the written splits of each config; pages moved to fill an empty split are noted in
    `report.notes`, as locally."""
    plan_ref = ray.put(plan)
    extra = np.flatnonzero(~plan.dedup.is_kept())
    by_article = np.argsort(plan.dedup.article_of[extra], kind="stable")
    copies_ref = ray.put((plan.dedup.article_of[extra][by_article], extra[by_article]))
    del extra, by_article
    first_unit, parts = read.staged.first_unit, read.parts
    ranges = [(int(read.unit_offsets[i]), int(read.unit_offsets[i + 1]), int(read.page_offsets[i]),
               int(read.page_offsets[i + 1])) for i in range(len(parts))]
    weights = ray.get([_remote(weigh_part).remote(config, part, (u0, u1), first_unit[p0:p1], plan_ref)
                       for part, (u0, u1, p0, p1) in zip(parts, ranges)])
    split = np.concatenate([w[0] for w in weights] or [np.empty(0, np.int8)])
    position = np.concatenate([w[1] for w in weights] or [np.empty(0)])
    page_split = ray.put(pass2.settle_page_splits(config, split, position, read.staged.pages, report.notes))
    spellings = ray.put(read.staged.spellings)
    del weights, split, position
    ray.get([_remote(write_part).remote(config, part, parts, read.unit_offsets, (u0, u1), first_unit[p0:p1],
                                        page_split, (p0, p1), plan_ref, copies_ref, spellings)
             for part, (u0, u1, p0, p1) in zip(parts, ranges)])
    del plan_ref, copies_ref, page_split, spellings
    gathered = {(name, s): _remote(gather_split).remote(config, folder, s, [p / f"{folder}-{s}.arrow" for p in parts],
                                                        work, staging)
                for name, (folder, _) in FOLDERS.items() for s in SPLITS}
    layouts = {key: ray.get(ref) for key, ref in gathered.items()}     # (spool, batch starts, rows, bytes)
    shards = {(name, s): [_remote(write_split_shard).remote(config, FOLDERS[name][0], s, *layout, staging, index)
                          for index in range(shard_layout(*layout[2:], config.parquet)[0] if layout[2] else 0)]
              for (name, s), layout in layouts.items()}
    return {name: [WrittenSplit(split=s, files=ray.get(shards[name, s]), num_examples=layouts[name, s][2],
                                num_bytes=layouts[name, s][3] if layouts[name, s][2] else 0) for s in SPLITS]
            for name in FOLDERS}


def _links(refs):
    """The ((k, 2) unit pairs, (k,) similarity) links of every bucket, one bucket's result in memory at a time."""
    for ref in refs:
        yield ray.get(ref)
