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
them (`SpooledParts` reads them back in input order). Workers build their own segmenter and
extractor once. They are forked where the platform can (they use nothing but Python, regular expressions
and numpy, so no lock of another thread of the parent matters to them, and a caller's script needs no
`if __name__ == "__main__"` guard); elsewhere they are spawned.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, islice
from pathlib import Path

import numpy as np
import pyarrow as pa

from . import language
from .config import RIGHTS_ACTIONS, BuildConfig
from .dedup import MinHasher, content_key, text_defects
from .extract import Extractor, UnitRecord, identify_languages
from .furniture import common_short_lines
from .inputs import CONTAINER_KINDS, kind_of
from .inputs.document import Document, InputError
from .inputs.tasks import ContainerDone, FileTask, RecordTask, describe, read_html_file, tasks, warc_document
from .inputs.units import document_page, document_units
from .inputs.warc import WarcPage
from .profiles import load_profile
from .read import read_page
from .registry import load_registry, outlet_key
from .report import FileReport
from .rights import RightsDecision, decide
from .schema import Article, Page, described_schema
from .segment import Classifier, PageAnalysis, Segmenter

#: Text of the pages `site_lines` keeps decoded for pass 1 (characters; a bound on the memory it costs).
KEEP_DECODED_CHARS = 32_000_000
#: The cyclic garbage collector's thresholds during a build (Python's defaults: 700, 10, 10); see `collector_tuned`.
GC_THRESHOLDS = (10_000, 10, 10)
#: Distinct (outlet, host, authors, kind) whose rights decision a PageReader remembers.
RIGHTS_REMEMBERED = 4096
#: Pages read in one go by a one-process build (`read_serially`): their units' MinHash signatures and languages are
#: computed in one call each, as a worker's are for its batch (`WORKER_BATCH`); with 32 pages instead of 8, the
#: language and MinHash stages of a generated 3,000-article build took 15-25% less CPU.
SERIAL_BATCH = 32
#: Characters of text signed in one `MinHasher.signatures` call at most: its cost is mostly per call, but past a few
#: hundred thousand characters its numpy arrays (several bytes a character) no longer stay in the cache; 32 pages of
#: a seed-like corpus (800,000 characters) cost a quarter more than 8.
SIGNED_CHARS = 250_000
#: Pages in one task of a worker process (fewer when there are too few files to keep every worker busy). Each
#: task costs a round trip and one Arrow record batch per spool, built from a few Python rows: with 8 pages a task,
#: two workers spent about a quarter more CPU than one process on 100k generated articles; with 32, 8% more.
WORKER_BATCH = 32
#: Fields of an Article that deduplication decides; everything else comes from the kept copy's unit row.
DECIDED = ("n_copies", "duplicate_group", "provenance")


@cache
def unit_schema() -> pa.Schema:
    """A unit as extracted from one page: the Article fields of its own copy, its single provenance
    entry and the rights action for its outlet (a work file's schema: `schema.described_schema`)."""
    article = described_schema(Article)
    fields = [article.field(name) for name in article.names if name not in DECIDED]
    provenance = article.field("provenance").type.value_type
    return pa.schema(fields + [pa.field("provenance", provenance), pa.field("rights_action", pa.string())])


@cache
def page_schema() -> pa.Schema:
    """A page as read: the Page fields, its spans naming a unit index on the page instead of an article id."""
    page = described_schema(Page)
    span = page.field("spans").type.value_type
    span_fields = [pa.field("unit", pa.int32()) if f.name == "article_id" else f for f in span]
    return page.set(page.get_field_index("spans"), pa.field("spans", pa.list_(pa.struct(span_fields))))


@dataclass
class SpooledRows:
    """Rows a worker spooled: one Arrow IPC record batch (`RecordBatch.serialize()`) of `rows` rows, `size` bytes
    at `offset` in the file `path`."""

    path: str
    offset: int
    size: int
    rows: int


@dataclass
class FileResult:
    report: FileReport | None                      # None for a page of a container (its report comes after)
    page: dict | None = None                       # a row of page_schema(); None for a skipped file or once spooled
    units: list[dict] = field(default_factory=list)  # rows of unit_schema() (none once spooled)
    keys: list[int] = field(default_factory=list)  # 64-bit content keys of the units
    signatures: np.ndarray | None = None           # (units, num_perm) uint32
    record_notes: list[str] = field(default_factory=list)   # a container's record that is not a page, and why
    record_repairs: list[str] = field(default_factory=list)  # changes made decoding a container's record
    record_warnings: list[str] = field(default_factory=list)  # what a container's record holds that a user should know
    defects: list[int] = field(default_factory=list)  # scrape defects of each unit's text (dedup.text_defects)
    has_page: bool = False                         # the file (or record) gave a page row, spooled or in `page`
    actions: list[int] = field(default_factory=list)  # per unit: its rights action, as a code into RIGHTS_ACTIONS
    authors: list[list[str]] = field(default_factory=list)  # per unit: its printed author names
    # set on the first result of a batch a worker spooled: where its (units, pages) rows are
    spooled: tuple[SpooledRows | None, SpooledRows | None] | None = None

    @property
    def n_units(self) -> int:
        return len(self.keys)


def page_type(analysis: PageAnalysis, units: list[UnitRecord]) -> str:
    hosted = any(u.provenance.host_site for u in units)
    if not units:
        return "no-article"
    kinds = Counter(u.kind for u in units)
    if len(units) == 1:
        return "single-article"
    if kinds.get("preface"):
        return "repost-with-preface"
    return "aggregator" if hosted else "multi-article"


def unit_spans(analysis: PageAnalysis) -> list[dict]:
    """Consecutive lines with the same role, detail and unit merged into spans (every line in one)."""
    spans: list[dict] = []
    for block, (role, detail, unit) in zip(analysis.blocks, analysis.roles):
        last = spans[-1] if spans else None
        if last and (last["role"], last["detail"], last["unit"]) == (role, detail, unit) \
                and last["line_end"] == block.line_start - 1:
            last["line_end"] = block.line_end
        else:
            spans.append({"line_start": block.line_start, "line_end": block.line_end, "role": role,
                          "detail": detail, "unit": unit})
    return spans


class PageReader:
    """Reads, segments and extracts one file at a time (one per worker process)."""

    def __init__(self, config: BuildConfig, input_dir: Path, site_lines: frozenset[str] = frozenset(),
                 decoded: dict | None = None):
        self.input_dir = input_dir
        self.decoded = decoded if decoded is not None else {}   # pages `site_lines` decoded already, by path
        self.config = config
        self.rights = config.rights
        self.registry = load_registry()
        profile = load_profile(tuple(config.profiles), config.use_builtin_profiles)
        self.segmenter = Segmenter(Classifier(profile, self.registry.known_keys(), outlet_key), site_lines)
        self.extractor = Extractor(profile, self.registry)
        self.hasher = MinHasher(config.dedup)
        # the unit row's fields a UnitRecord holds, in the schema's order (the others are set by `_unit_row`)
        self.unit_names = [name for name in unit_schema().names if name in UnitRecord.__dataclass_fields__
                           and name != "provenance"]
        self.decisions: dict[tuple, RightsDecision] = {}   # see `_rights`
        self._unsigned: list[tuple[FileResult, list[str]]] = []    # see `batch`
        self._unidentified: list[dict] = []         # unit rows whose language `batch` identifies

    def __call__(self, task: FileTask | RecordTask | ContainerDone | Path) -> FileResult:
        """One work item of `inputs.tasks` (a bare path is a FileTask)."""
        return self.batch([task])[0]

    def _read(self, task: FileTask | RecordTask | ContainerDone | Path) -> FileResult:
        if isinstance(task, ContainerDone):
            return FileResult(task.report)
        if isinstance(task, RecordTask):
            return self._record(task)
        path = task.path if isinstance(task, FileTask) else task
        if kind_of(path) == "html":
            document, file_report = read_html_file(path, self.input_dir)
            return self._document(document, file_report) if document is not None else FileResult(file_report)
        ahead = self.decoded.pop(path, None)
        source, file_report = ahead if ahead is not None else read_page(path, self.input_dir)
        if source is None:
            return FileResult(file_report)
        lines = source.lines
        layout, title = self.config.page_options(path.relative_to(self.input_dir).as_posix()
                                                 if path.is_relative_to(self.input_dir) else path.name)
        analysis = self.segmenter.analyse(lines, layout, title)
        units = self.extractor.extract(analysis, source, identify=False)      # identified by `batch`
        decision = analysis.decision
        file_report.n_articles = len(units)
        file_report.page_type = page_type(analysis, units)
        file_report.page_decision = f"{decision.kind}: {decision.reason}"
        if not units:
            file_report.warnings.append(f"no article found on the page ({decision.reason}); all its lines are kept "
                                        "in the pages audit")
        page = {"source_file": source.source_file, "sha256": source.sha256, "n_bytes": source.n_bytes,
                "encoding": source.encoding, "n_lines": len(lines), "n_articles": len(units), "text": source.text,
                "page_decision": decision.kind, "page_decision_reason": decision.reason,
                "spans": unit_spans(analysis), "input_kind": "text"}
        return self._result(file_report, page, units)

    def _record(self, task: RecordTask) -> FileResult:
        """A page of a container: a WARC response to extract, or a scraper's record."""
        document = task.item
        if isinstance(document, WarcPage):
            try:
                document = warc_document(task.container, task.item)
            except InputError as exc:
                return FileResult(None, record_notes=[f"{describe(task.item)}: {exc}"])
        result = self._document(document, None)
        where = describe(task.item) if isinstance(task.item, WarcPage) else document.record
        result.record_repairs = [f"{where}: {r}" for r in document.repairs]
        result.record_warnings = [f"{where}: {w}" for w in document.warnings]
        return result

    def _document(self, document: Document, file_report: FileReport | None) -> FileResult:
        """A Document as the text path's page and units (see `inputs.units`)."""
        source = document_page(document)
        lines = source.lines
        analysis = self.segmenter.analyse(lines)
        units, spans = document_units(document, source, analysis, self.extractor.extract(analysis, source),
                                      self.extractor)
        if file_report is not None:
            file_report.n_articles = len(units)
            file_report.page_type = "single-article" if len(units) == 1 else "repost-with-preface"
        page = {"source_file": source.source_file, "sha256": source.sha256, "n_bytes": source.n_bytes,
                "encoding": source.encoding, "n_lines": len(lines), "n_articles": len(units), "text": source.text,
                "page_decision": analysis.decision.kind, "page_decision_reason": analysis.decision.reason,
                "spans": spans, "input_kind": document.kind, "url": document.fetch_url or document.url,
                "fetch_date": document.fetch_date, "warc_record_id": document.warc_record_id,
                "record": document.record, "extraction": document.extraction}
        return self._result(file_report, page, units)

    def _result(self, file_report: FileReport | None, page: dict, units: list[UnitRecord]) -> FileResult:
        """A page's FileResult: its units' rows, content keys, MinHash signatures and scrape defects."""
        rows = [self._unit_row(u) for u in units]
        result = FileResult(file_report, page, rows, [content_key(u.unit_id) for u in units],
                            defects=[text_defects(u.text) for u in units], has_page=True,
                            actions=[RIGHTS_ACTIONS.index(row["rights_action"]) for row in rows],
                            authors=[row["authors"] for row in rows])
        self._unsigned.append((result, [u.text for u in units]))    # signed by `batch`
        self._unidentified += [row for row in rows if row["language"] is None]
        return result

    def _unit_row(self, unit: UnitRecord) -> dict:
        rights = self._rights(unit)
        row = {name: getattr(unit, name) for name in self.unit_names}
        row.update(id=unit.unit_id, provenance=unit.provenance.model_dump(), rights_holder=rights.holder,
                   rights_status=rights.status, rights_action=rights.action)
        return row

    def _rights(self, unit: UnitRecord) -> RightsDecision:
        """`rights.decide` for the unit, remembered: it depends only on the arguments it is given (the policy and
        the registry are the build's), and most units repeat an outlet, host and kind seen before (at most
        `RIGHTS_REMEMBERED` are kept, so the memory does not grow with the corpus)."""
        key = (unit.outlet, unit.host_site, tuple(unit.authors), unit.kind)
        decision = self.decisions.get(key)
        if decision is None:
            decision = decide(unit.outlet, unit.host_site, self.rights, self.registry, authors=unit.authors,
                              kind=unit.kind)
            if len(self.decisions) < RIGHTS_REMEMBERED:
                self.decisions[key] = decision
        return decision

    def batch(self, items: list) -> list[FileResult]:
        """The items' results in order, with the MinHash signatures of all their units from as few
        `MinHasher.signatures` calls as SIGNED_CHARS allows (whose cost is mostly per call, not per text: see
        `dedup.shingling`) and the languages of their text pages' units from one `identify_languages` call (one
        walk of the language automaton)."""
        self._unsigned, self._unidentified = [], []
        results = [self._read(item) for item in items]
        rows = self._unidentified
        for row, code in zip(rows, identify_languages([r["text"] for r in rows], [r["word_count"] for r in rows])):
            row["language"] = code
        signatures = self._signatures([text for _, texts in self._unsigned for text in texts])
        start = 0
        for result, texts in self._unsigned:
            result.signatures, start = signatures[start : start + len(texts)], start + len(texts)
        self._unsigned, self._unidentified = [], []
        return results

    def _signatures(self, texts: list[str]) -> np.ndarray:
        """`self.hasher.signatures(texts)`, in calls of at most SIGNED_CHARS characters (one text may be longer)."""
        if not texts:
            return self.hasher.signatures([])
        parts, start, chars = [], 0, 0
        for end, text in enumerate(texts, 1):
            chars += len(text)
            if chars >= SIGNED_CHARS or end == len(texts):
                parts.append(self.hasher.signatures(texts[start:end]))
                start, chars = end, 0
        return parts[0] if len(parts) == 1 else np.concatenate(parts)


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
    items = tasks(paths, input_dir, dict(config.inputs.fields) or None)
    return _account_records(_pooled(config, input_dir, items, site_lines, batch_size, in_flight_per_worker, decoded,
                                    spool_dir))


def read_serially(reader: PageReader, paths: list[Path]) -> Iterator[FileResult]:
    """`read_files` in this process, with `reader`: the same results in the same order (the one-worker build's
    pass 1, and each pass-1 task of the Ray engine over its batch of files)."""
    items = tasks(paths, reader.input_dir, dict(reader.config.inputs.fields) or None)
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
            notes, repairs, warnings, units = [], [], [], 0
        yield result


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
