"""Dispatch by input kind: the work items of pass 1, and the reading of HTML files and containers.

`tasks()` turns the sorted input paths into work items, in input order:

* `FileTask(path)`: a text page or an HTML page, read whole by a worker;
* `RecordTask`: one page of a container (a WARC response, a scraper's record), streamed out of the file by
  the main process (`container_tasks`) and extracted by a worker;
* `ContainerDone(report)`: after a container's records, its file report (size, hash, the count of records by
  outcome, and every record that is not a page); workers pass it through, and `stream.read_files` adds the
  outcomes the workers decided (a response with no main text) before the build report gets it.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..read import not_a_page, relative_name
from ..report import FileReport
from . import CONTAINER_KINDS, kind_of
from .crawlers import mirror_path_url
from .document import GZIP_MAGIC, Document, InputError
from .html import extract_html
from .records import FileLayout, read_records
from .warc import HashingReader, WarcPage, read_warc

if TYPE_CHECKING:
    from ..config import InputsConfig


@dataclass
class FileTask:
    path: Path


@dataclass
class RecordTask:
    container: str               # the container's name, relative to the input folder's parent
    item: Document | WarcPage    # a scraper's record (already a Document) or an HTML response to extract


@dataclass
class ContainerDone:
    report: FileReport


def tasks(paths: list[Path], input_dir: Path, inputs: InputsConfig | None = None
          ) -> Iterator[FileTask | RecordTask | ContainerDone]:
    """The work items of `paths`, in order (see the module docstring). Containers are read lazily, as the
    consumer asks for items, so memory holds a few records of them. `inputs`: the build config's record
    field mapping and layouts (`[inputs]`)."""
    for path in paths:
        kind = kind_of(path)
        if kind in CONTAINER_KINDS:
            yield from container_tasks(path, input_dir, kind, inputs)
        else:
            yield FileTask(path)


def container_tasks(path: Path, input_dir: Path, kind: str, inputs: InputsConfig | None = None
                    ) -> Iterator[RecordTask | ContainerDone]:
    """A RecordTask for each page of the container at `path`, then its ContainerDone (whose report names the
    record layout a file of records was read with, and warns about keys no field read)."""
    name = relative_name(path, input_dir)
    report = FileReport(source_file=name, status="read", input_kind=kind)
    reason = not_a_page(path, input_dir)
    if reason is None:
        try:
            with open(path, "rb") as raw:
                reason = not_gzip(path, raw.read(16))
        except OSError as exc:
            reason = f"cannot read: {exc.strerror or exc}"
        if reason is not None:
            report.n_bytes, report.sha256 = _size_and_hash(path)
    if reason is not None:
        report.status, report.reason = "skipped", reason
        yield ContainerDone(report)
        return
    counts: Counter = Counter()
    notes: list[str] = []
    found = FileLayout()
    reading = {"fields": dict(inputs.fields) if inputs else None, "extra_layouts": inputs.layouts if inputs else None,
               "counts": counts, "notes": notes, "found": found}
    try:
        with open(path, "rb") as raw:
            hashing = HashingReader(raw)
            if kind == "warc":
                items = read_warc(hashing, counts, notes)
            elif kind == "parquet":
                items = read_records(raw, kind, source_file=name, **reading)
            else:
                # .gz is inflated as it is read: a JSON Lines file line by line (each line capped), a JSON file
                # no further than its cap, so a gzip bomb costs no more memory than that
                stream = gzip.GzipFile(fileobj=hashing) if path.name.lower().endswith(".gz") else hashing
                items = read_records(stream, kind, source_file=name, **reading)
            for item in items:
                if kind != "warc":      # read_warc counts its pages itself, among its other records
                    counts["page"] += 1
                yield RecordTask(name, item)
        report.n_bytes, report.sha256 = _size_and_hash(path)
    except (InputError, OSError, EOFError, zlib.error) as exc:
        reason = str(exc) if isinstance(exc, InputError) else f"cannot read: {type(exc).__name__}: {exc}"
        if counts.get("page"):      # pages already read stay read: the file's rest is what is lost
            counts["truncated"] += 1
            notes.append(f"reading stopped: {reason}; the rest is not read")
        else:
            report.status, report.reason = "skipped", reason
        report.n_bytes, report.sha256 = _size_and_hash(path)
    report.records, report.record_notes = dict(counts), notes
    report.record_layout, report.warnings = found.layout, report.warnings + found.warning()
    if report.status != "skipped" and not counts:
        report.status, report.reason = "skipped", f"no records in the file (empty, or not {kind} data)"
    yield ContainerDone(report)


def not_gzip(path: Path, head: bytes) -> str | None:
    """Why a file named `.gz` is not read: its first bytes (`head`, at least two) are not gzip's magic number,
    so the name does not say what it holds (a page saved under a wrong name, an error page, a placeholder).
    None for a file not named `.gz`, or one that starts as gzip data (a damaged stream is reported later)."""
    if not path.name.lower().endswith(".gz") or head.startswith(GZIP_MAGIC):
        return None
    what = f"it starts with {head[:16]!r}" if head else "it is empty"
    return f"named .gz but not gzip data ({what}); not read (rename it without .gz if it is an uncompressed file)"


def _size_and_hash(path: Path) -> tuple[int, str | None]:
    digest, size = hashlib.sha256(), 0
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return size, None
    return size, digest.hexdigest()


def read_html_file(path: Path, input_dir: Path) -> tuple[Document | None, FileReport]:
    """Read one HTML page (`.html`, `.htm`, gzip-compressed or not). Never raises for bad content."""
    name = relative_name(path, input_dir)
    reason = not_a_page(path, input_dir)
    if reason is not None:
        return None, FileReport(source_file=name, status="skipped", reason=reason, input_kind="html")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, FileReport(source_file=name, status="skipped", reason=f"cannot read: {exc.strerror or exc}",
                                input_kind="html")
    report = FileReport(source_file=name, status="read", n_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
                        input_kind="html")
    reason = not_gzip(path, data)
    if reason is not None:
        report.status, report.reason = "skipped", reason
        return None, report
    try:
        document = extract_html(data, source_file=name, path_url=mirror_path_url(name))
    except InputError as exc:
        report.status, report.reason = "skipped", str(exc)
        return None, report
    report.encoding, report.repairs, report.warnings = document.encoding, document.repairs, document.warnings
    report.status = "repaired" if document.repairs else "read"
    return document, report


def warc_document(container: str, page: WarcPage) -> Document:
    """The Document of an HTML response of a WARC; raises InputError when it holds no main text."""
    document = extract_html(page.body, source_file=container, kind="warc", http_charset=page.http_charset,
                            fetch_url=page.url, what=f"{container} record at offset {page.offset}")
    document.fetch_date, document.warc_record_id = page.fetch_date, page.record_id
    document.record = f"offset {page.offset}"
    return document


def describe(page: WarcPage) -> str:
    """How a report names a WARC record."""
    url = f", {page.url}" if page.url else ""
    return f"record at offset {page.offset} ({page.record_id or 'no WARC-Record-ID'}{url})"
