"""Pass 1 of a build: every input file read, segmented and extracted on its own, in worker processes.

`read_files()` yields one `FileResult` per input file, in input order whatever the number of
workers: files go out to the workers in small batches, and at most a few batches per worker are in
flight, so a slow consumer never lets results pile up in memory. A result carries everything later
passes need from the file, already shaped for the staging tables: the page row (its line spans still
name units by their index on the page, since article ids are known only after deduplication), one row
per unit, and the units' content keys and MinHash signatures. When the build gives a spool folder, each
worker writes its batches' page and unit rows there itself (`WorkerSpool`: one Arrow record batch per batch of
files) and sends back only where they are (`SpooledRows`), the reports, keys, signatures, rights actions and
author names: the texts never cross the process boundary, and the main process neither unpickles nor re-encodes
them (`SpooledParts` reads them back in input order). Each worker reads with its own `reader.PageReader` (its
segmenter and extractor built once). Workers are forked where the platform can (they use nothing but Python, regular expressions
and numpy, so no lock of another thread of the parent matters to them, and a caller's script needs no
`if __name__ == "__main__"` guard); elsewhere they are spawned.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path

import pyarrow as pa

from . import language
from .config import BuildConfig
from .furniture import common_short_lines
from .inputs import CONTAINER_KINDS, kind_of
from .inputs.tasks import tasks
from .read import read_page
from .reader import FileResult, PageReader, SpooledRows, page_schema, unit_schema

#: Text of the pages `site_lines` keeps decoded for pass 1 (characters; a bound on the memory it costs).
KEEP_DECODED_CHARS = 32_000_000
#: The cyclic garbage collector's thresholds during a build (Python's defaults: 700, 10, 10); see `collector_tuned`.
GC_THRESHOLDS = (10_000, 10, 10)
#: Pages read in one go by a one-process build (`read_serially`): their units' MinHash signatures and languages are
#: computed in one call each, as a worker's are for its batch (`WORKER_BATCH`); with 32 pages instead of 8, the
#: language and MinHash stages of a generated 3,000-article build took 15-25% less CPU.
SERIAL_BATCH = 32
#: Pages in one task of a worker process (fewer when there are too few files to keep every worker busy). Each
#: task costs a round trip and one Arrow record batch per spool, built from a few Python rows: with 8 pages a task,
#: two workers spent about a quarter more CPU than one process on 100k generated articles; with 32, 8% more.
WORKER_BATCH = 32


class WorkerSpool:
    """A worker process's own spool files in `folder` (one for units, one for pages, named by its process id):
    each batch's rows appended as one Arrow IPC record batch, flushed before the batch's results go back, so
    the main process can read them once the worker has answered (no footer, nothing to close)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.files: dict[str, object] = {}
        self.schemas = {"units": unit_schema(), "pages": page_schema()}

    def write(self, kind: str, rows: list[dict]) -> SpooledRows | None:
        """`rows` (of `kind` "units" or "pages") appended as one record batch; None when there are none."""
        if not rows:
            return None
        if kind not in self.files:
            self.files[kind] = open(self.folder / f"pass1-{os.getpid()}.{kind}", "ab")
        out = self.files[kind]
        data = pa.RecordBatch.from_pylist(rows, schema=self.schemas[kind]).serialize()
        offset = out.tell()
        out.write(data)
        out.flush()
        return SpooledRows(out.name, offset, data.size, len(rows))

    def spool(self, results: list[FileResult]) -> list[FileResult]:
        """The batch's rows written here; the results without them, the first saying where they are."""
        pages = [r.page for r in results if r.page is not None]
        units = [row for r in results for row in r.units]
        if results:
            results[0].spooled = (self.write("units", units), self.write("pages", pages))
        for result in results:
            result.page, result.units = None, []
        return results


class SpooledParts:
    """The rows workers spooled (`SpooledRows`, added in input order) read back as one spool: `batches()` and
    `num_rows`, like `write.Spool`'s. Small parts are joined into batches of at least `batch_rows` rows (the
    consumers' cost is per batch; their output does not depend on where batches begin)."""

    def __init__(self, schema: pa.Schema, batch_rows: int = 512):
        self.schema, self.batch_rows = schema, batch_rows
        self.parts: list[SpooledRows] = []
        self.num_rows = 0

    def add(self, part: SpooledRows | None) -> None:
        if part is not None:
            self.parts.append(part)
            self.num_rows += part.rows

    def close(self) -> None:
        pass

    def batches(self, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        """The rows in order, in record batches of at least `batch_rows` rows (the last may be shorter)."""
        files: dict[str, object] = {}
        waiting: list[pa.RecordBatch] = []
        rows = 0
        try:
            for part in self.parts:
                if part.path not in files:
                    files[part.path] = open(part.path, "rb")
                source = files[part.path]
                source.seek(part.offset)
                batch = pa.ipc.read_record_batch(pa.py_buffer(source.read(part.size)), self.schema)
                waiting.append(batch.select(columns) if columns is not None else batch)
                rows += batch.num_rows
                if rows >= self.batch_rows:
                    yield _joined(waiting)
                    waiting, rows = [], 0
            if waiting:
                yield _joined(waiting)
        finally:
            for source in files.values():
                source.close()


def _joined(batches: list[pa.RecordBatch]) -> pa.RecordBatch:
    if len(batches) == 1:
        return batches[0]
    return pa.Table.from_batches(batches).combine_chunks().to_batches()[0]


_reader: PageReader | None = None
_spool: WorkerSpool | None = None


def _start_worker(config: BuildConfig | None, input_dir: Path | None, site_lines: frozenset[str] = frozenset(),
                  decoded: dict | None = None) -> None:
    global _reader
    _reader = PageReader(config, input_dir, site_lines, decoded) if config is not None else None


def _ignore_interrupts(*setup) -> None:
    """A worker's start: Ctrl-C is the main process's to handle (it stops the pool and prints one line);
    a worker that took it too would print its own traceback. `setup`: `_start_worker`'s arguments, if any
    (a spawned worker, which also tunes its collector as `collector_tuned` does: a forked one inherits that)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup:
        _start_worker(*setup)
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)


@contextmanager
def collector_tuned() -> Iterator[None]:
    """Python's cyclic garbage collector tuned for a build, and restored after it: the objects that exist at
    the start (modules, profiles; in a forked worker also the language model and the segmenter) are frozen out
    of its full passes (`gc.freeze`), and young collections run every `GC_THRESHOLDS[0]` allocations instead
    of 700. Pass 1 allocates millions of short-lived containers (lines, blocks, rows), and with the defaults
    the collector spent 5-8% of a build's CPU, most of it in a few full passes over every long-lived object.
    Nothing else changes: objects are still freed by reference counting the moment they are dropped, and
    cyclic garbage is still collected, a little later."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _read_batch(items: list, spool_dir: Path | None = None) -> list[FileResult]:
    """A batch read by this worker; its rows spooled here when the build gave a spool folder."""
    global _spool
    results = _reader.batch(items)
    if spool_dir is None:
        return results
    if _spool is None or _spool.folder != Path(spool_dir):
        _spool = WorkerSpool(spool_dir)
    return _spool.spool(results)


def pooled(config: BuildConfig, paths: list[Path]) -> bool:
    """Whether `read_files` reads `paths` in worker processes (else in this one)."""
    return config.workers > 1 and (len(paths) > 1 or any(kind_of(p) in CONTAINER_KINDS for p in paths))


def read_files(config: BuildConfig, input_dir: Path, paths: list[Path], site_lines: frozenset[str] = frozenset(),
               batch_size: int = WORKER_BATCH, in_flight_per_worker: int = 4, decoded: dict | None = None,
               spool_dir: Path | None = None) -> Iterator[FileResult]:
    """In the order of `paths`: one FileResult per text or HTML file, and for a container one per page of it
    then one with its report (`inputs.tasks`), read by `config.workers` processes.
    `site_lines`: the input's template lines (see `furniture.common_short_lines`); `decoded`: pages already
    read by `read_page`, {path: (SourcePage | None, FileReport)} (see `site_lines`), used instead of reading
    them again and removed from the dict as they are used. `spool_dir`: when given and the files are read in
    worker processes (`pooled`), the workers spool the page and unit rows there themselves (`WorkerSpool`) and
    the results carry where they are (`FileResult.spooled`) instead of the rows."""
    decoded = decoded if decoded is not None else {}
    if not pooled(config, paths):
        return read_serially(PageReader(config, input_dir, site_lines, decoded), paths)
    if not any(kind_of(p) in CONTAINER_KINDS for p in paths):  # a container's records are many more items than its path
        batch_size = max(1, min(batch_size, len(paths) // (config.workers * in_flight_per_worker)))
    items = tasks(paths, input_dir, config.inputs)
    return _account_records(_pooled(config, input_dir, items, site_lines, batch_size, in_flight_per_worker, decoded,
                                    spool_dir))


def read_serially(reader: PageReader, paths: list[Path]) -> Iterator[FileResult]:
    """`read_files` in this process, with `reader`: the same results in the same order (the one-worker build's
    pass 1, and each pass-1 task of the Ray engine over its batch of files)."""
    items = tasks(paths, reader.input_dir, reader.config.inputs)
    return _account_records(chain.from_iterable(map(reader.batch, _batched(items, SERIAL_BATCH))))


def _account_records(results: Iterator[FileResult]) -> Iterator[FileResult]:
    """Complete each container's report with what the workers decided about its records."""
    notes: list[str] = []
    repairs: list[str] = []
    warnings: list[str] = []
    units = 0
    for result in results:
        if result.report is None:
            notes += result.record_notes
            repairs += result.record_repairs
            warnings += result.record_warnings
            units += result.n_units
        elif result.report.input_kind in CONTAINER_KINDS:
            report = result.report
            if notes:
                report.records["page"] = report.records.get("page", 0) - len(notes)
                report.records["no main text"] = len(notes)
            report.record_notes += notes
            report.repairs += repairs
            report.warnings += warnings
            if repairs and report.status == "read":
                report.status = "repaired"
            report.n_articles = units
            if report.status != "skipped" and not report.records.get("page"):
                report.status, report.reason = "skipped", no_page_reason(report.records)
            notes, repairs, warnings, units = [], [], [], 0
        yield result


def no_page_reason(records: dict[str, int]) -> str:
    """The reason a container none of whose records is a page is skipped: its records counted by outcome."""
    counted = ", ".join(f"{n} {outcome}" for outcome, n in records.items() if n and outcome != "page")
    return (f"no page among its records ({counted}); each record that could have been a page is named in "
            "record_notes")


def _pooled(config: BuildConfig, input_dir: Path, items: Iterator, site_lines: frozenset[str],
            batch_size: int, in_flight_per_worker: int, decoded: dict,
            spool_dir: Path | None = None) -> Iterator[FileResult]:
    """The results of `items` read by `config.workers` processes, in order."""
    batches = _batched(items, batch_size)
    if "fork" in multiprocessing.get_all_start_methods():
        _start_worker(config, input_dir, site_lines, decoded)   # set up once here; the forked workers inherit it
        language.identifier()
        pool = multiprocessing.get_context("fork").Pool(config.workers, initializer=_ignore_interrupts)
        decoded.clear()     # each worker has its own copy now
    else:       # a spawned worker reads every file itself: the decoded pages would cost more to send than to read
        decoded.clear()
        pool = multiprocessing.get_context("spawn").Pool(config.workers, initializer=_ignore_interrupts,
                                                          initargs=(config, input_dir, site_lines))
    try:
        with pool:     # on leaving early (an error downstream), the pool is terminated
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.apply_async(_read_batch, (batch, spool_dir)))
                if len(pending) >= config.workers * in_flight_per_worker:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
    finally:
        _start_worker(None, None)


def _batched(items: Iterator, size: int) -> Iterator[list]:
    """Lists of `size` items (the last may be shorter), taken from the iterator as they are needed."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def site_lines(input_dir: Path, paths: list[Path], sample: int = 1000, keep: dict | None = None,
               keep_chars: int | None = None) -> frozenset[str]:
    """The template lines of the input: short lines on many of the first `sample` readable pages
    (a bounded first look, so the cost does not grow with the corpus).

    `keep`, when given, receives {path: read_page's (SourcePage | None, FileReport)} for the pages read, up
    to `keep_chars` (default `KEEP_DECODED_CHARS`) characters of text in all, for `read_files(decoded=keep)`:
    those files are then read and decoded once per build instead of twice."""
    kept, limit = 0, KEEP_DECODED_CHARS if keep_chars is None else keep_chars

    def pages():
        nonlocal kept
        for path in islice((p for p in paths if kind_of(p) == "text"), sample):   # not a list of every path
            source, report = read_page(path, input_dir)
            if keep is not None and kept < limit:
                keep[path] = (source, report)
                kept += len(source.text) if source is not None else 0
            if source is not None:
                yield source.lines
    return common_short_lines(pages())
