"""The build report: what happened to every input file, and what each stage counted."""

from __future__ import annotations

import json
import os
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr, field_serializer

from .output import BuildError

FileStatus = Literal["read", "repaired", "skipped"]
SUMMARY_FILE_LINES = 20     # files listed by name on screen; build-report.json has them all
READ_BLOCK = 1 << 20        # characters of build-report.json read at a time by `read_report`


class FileReport(BaseModel):
    """The outcome for one input file: read as it is, read with the repairs listed, or skipped for a reason."""

    source_file: str
    status: FileStatus
    reason: str | None = Field(None, description="Why the file was skipped.")
    n_bytes: int = 0
    sha256: str | None = Field(None, description="Of the file's bytes; null when they were not read.")
    encoding: str | None = Field(None, description="Python codec the text was decoded with, e.g. 'utf-8-sig'.")
    encoding_confidence: float | None = Field(None, description="For a code page found by detection: chardet's "
                                              "confidence (0..1; comparable only between answers for one file).")
    line_endings: str | None = Field(None, description="'LF', 'CRLF', 'CR' or a mix such as 'CRLF+LF'; every one "
                                                       "ends a line, and the page's text holds LF.")
    repairs: list[str] = Field(default_factory=list, description="Every change made to the text beyond decoding.")
    duplicate_of: str | None = Field(None, description="An earlier input file with the same bytes.")
    page_type: str | None = None
    page_decision: str | None = Field(None, description="one, several or none, with its evidence (see `segment.decide`).")
    n_articles: int = 0
    warnings: list[str] = Field(default_factory=list)
    input_kind: str | None = Field(None, description="text, html, warc, json-lines, json or parquet.")
    records: dict[str, int] = Field(default_factory=dict, description="Containers (WARC, JSON Lines, JSON, "
                                    "Parquet): how many records had each outcome ('page', 'revisit', ...).")
    record_notes: list[str] = Field(default_factory=list, description="Every record of a container that could "
                                    "have been a page and is not, with where it is and why.")
    record_layout: str | None = Field(None, description="Scrapers' records (JSON Lines, JSON, Parquet): the record "
                                      "layout its fields were read with (the tool recognised, or the build "
                                      "config's [inputs.fields]).")

    def outcome(self) -> str:
        """The status with its reason or repairs: 'skipped: empty file (0 bytes)'."""
        detail = self.reason or "; ".join(self.repairs)
        return f"{self.status}: {detail}" if detail else self.status


class FileReports(Sequence):
    """The reports of a build's input files, kept on disk instead of in memory: an unnamed temporary file in
    `folder` holds each report as the text `build-report.json` gives it (`model_dump_json(indent=2)`), and
    memory holds one offset per file (8 bytes). A list of 100,000 FileReport objects costs about 40 MB
    (~0.9 KB per file, the build's largest per-file cost in memory); this list costs 0.8 MB. Reading an entry
    back parses it (~5 µs), so the few passes over every file (the card's, the summary's) stay cheap.
    Appending is done in input order; an entry does not change once appended."""

    def __init__(self, folder: Path | None = None):
        # POSIX unlinks the file at once (nothing is left behind, whatever happens to the build); elsewhere it is
        # deleted when closed, so it is kept out of the build's folders there
        self._file = tempfile.TemporaryFile(dir=folder if os.name == "posix" else None)
        self._ends = array("q", [0])     # entry i is bytes _ends[i] .. _ends[i + 1] of the file
        self._at_end = True              # the file's position is the end (appending needs no seek, which flushes)

    def append(self, file: FileReport) -> None:
        data = file.model_dump_json(indent=2).encode("utf-8")
        if not self._at_end:
            self._file.seek(self._ends[-1])
            self._at_end = True
        self._file.write(data)
        self._ends.append(self._ends[-1] + len(data))

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError("file report index out of range")
        return FileReport.model_validate_json(self.entry(index % len(self)))

    def entry(self, index: int) -> bytes:
        """The report of file `index` as build-report.json writes it (`model_dump_json(indent=2)`)."""
        self._at_end = False
        self._file.seek(self._ends[index])
        return self._file.read(self._ends[index + 1] - self._ends[index])

    def entries(self) -> Iterator[bytes]:
        """Every entry in order (see `entry`), read in blocks of at most 1 MB."""
        start = 0
        while start < len(self):
            end = start + 1
            while end < len(self) and self._ends[end + 1] - self._ends[start] <= 1 << 20:
                end += 1
            self._at_end = False
            self._file.seek(self._ends[start])
            block = self._file.read(self._ends[end] - self._ends[start])
            for i in range(start, end):
                yield block[self._ends[i] - self._ends[start] : self._ends[i + 1] - self._ends[start]]
            start = end

    def __iter__(self) -> Iterator[FileReport]:
        for data in self.entries():
            yield FileReport.model_validate_json(data)

    def close(self) -> None:
        self._file.close()


@dataclass
class FileTally:
    """The files' reports added up (`BuildReport.tally`): how many files have each status, and the lines naming
    the files that are not simply read, the byte-identical copies, the containers with records that are not
    pages, every warning (the build's own first) and every such record's note."""

    statuses: dict[str, int] = field(default_factory=lambda: {"read": 0, "repaired": 0, "skipped": 0})
    outcomes: list[tuple[str, str]] = field(default_factory=list)   # (file, its outcome) for each file not "read"
    copies: list[tuple[str, str]] = field(default_factory=list)     # (file, the earlier file with its bytes)
    records: list[tuple[str, str]] = field(default_factory=list)    # (container, its records' counts in words)
    warnings: list[str] = field(default_factory=list)               # "file: warning"
    record_notes: list[str] = field(default_factory=list)           # "container: note"

    @property
    def read(self) -> int:
        """Files read, repaired or not."""
        return self.statuses["read"] + self.statuses["repaired"]

    def add(self, f: FileReport) -> None:
        self.statuses[f.status] += 1
        if f.status != "read":
            self.outcomes.append((f.source_file, f.outcome()))
        if f.duplicate_of:
            self.copies.append((f.source_file, f.duplicate_of))
        if f.record_notes:
            self.records.append((f.source_file, ", ".join(f"{k} {v}" for k, v in f.records.items())))
        self.warnings += [f"{f.source_file}: {w}" for w in f.warnings]
        self.record_notes += [f"{f.source_file}: {note}" for note in f.record_notes]


class BuildReport(BaseModel):
    """Returned by `corpus_pkg.build` and written as `build-report.json` beside the dataset."""

    input_dir: str
    output_dir: str
    files: list[FileReport] = Field(default_factory=list)
    n_units: int = 0
    n_articles: int = 0
    n_duplicate_copies: int = 0
    n_articles_with_copies: int = Field(0, description="Articles found more than once (their copies merged).")
    n_duplicate_groups: int = Field(0, description="Duplicate groups (split units): an article with its related "
                                                   "versions, or an article alone; as the card counts them.")
    split_counts: dict[str, int] = Field(default_factory=dict)
    stage_counts: dict[str, dict[str, int]] = Field(default_factory=dict)
    # decisions worth knowing that are not problems (e.g. a group moved to fill an empty split)
    notes: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # per-outlet rights rules ([rights.outlets]) that matched no outlet of the build (each is also a warning)
    unmatched_rights_rules: list[str] = Field(default_factory=list)
    # the first file read with given bytes: hash(sha256) -> its index in `files` (the file's name and hash are read
    # back from `files` on a match, so no per-file string is kept); a hash(sha256) shared by two different sha256
    # (never seen in practice) sends the later one to `_first_with_sha256`, sha256 -> source_file
    _first_with_hash: dict[int, int] = PrivateAttr(default_factory=dict)
    _first_with_sha256: dict[str, str] = PrivateAttr(default_factory=dict)

    def keep_files_on_disk(self, folder: Path) -> None:
        """From now on, keep the files' reports in a temporary file in `folder` (`FileReports`) instead of a
        list in memory; `files` stays a sequence of FileReport in input order, and `write_json` writes the same
        bytes. Called before the first file is added."""
        files = FileReports(folder)
        for file in self.files:
            files.append(file)
        self.files = files

    def add_file(self, file: FileReport) -> None:
        """Append a file's report (in input order); a file read with the bytes of an earlier one says which."""
        if file.status != "skipped" and file.sha256 is not None:
            first = self._first_read(file)
            if first != file.source_file:
                file.duplicate_of = first
        self.files.append(file)

    def _first_read(self, file: FileReport) -> str:
        """The name of the first file added that was read with the same bytes as `file` (its own, if none)."""
        index = self._first_with_hash.setdefault(hash(file.sha256), len(self.files))
        if index == len(self.files):
            return file.source_file
        earlier = self.files[index]
        if earlier.sha256 == file.sha256:
            return earlier.source_file
        return self._first_with_sha256.setdefault(file.sha256, file.source_file)

    @field_serializer("files")
    def _files_as_list(self, files: Sequence[FileReport]) -> list[FileReport]:
        return files if isinstance(files, list) else list(files)

    def write_json(self, path) -> None:
        """Write the report to `path` as `model_dump_json(indent=2)` plus a newline writes it, byte for byte, one
        file's entry at a time: the whole text (~1.2 KB per input file, and its copies while it is encoded) is
        never in memory at once."""
        head = self.model_copy(update={"files": []}).model_dump_json(indent=2)
        before, empty, after = head.partition('"files": []')     # the first: a string's quotes are escaped
        with open(path, "w", encoding="utf-8") as out:
            out.write(before)
            if not self.files:
                out.write(empty)
            else:
                out.write('"files": [')
                entries = self.files.entries() if isinstance(self.files, FileReports) else \
                    (file.model_dump_json(indent=2).encode("utf-8") for file in self.files)
                for index, entry in enumerate(entries):
                    out.write(("," if index else "") + "\n    " + entry.decode("utf-8").replace("\n", "\n    "))
                out.write("\n  ]")
            out.write(after + "\n")

    def tally(self) -> "FileTally":
        """What the files' reports add up to, in one pass over `files` (which may be on disk): the figures and
        lines `summary`, `strict_problems`, `files_read` and the others are made of."""
        tally = FileTally(warnings=list(self.warnings))     # the build's own warnings come before the files'
        for f in self.files:
            tally.add(f)
        return tally

    @property
    def files_read(self) -> int:
        return self.tally().read

    @property
    def files_skipped(self) -> int:
        return self.tally().statuses["skipped"]

    @property
    def files_repaired(self) -> int:
        return self.tally().statuses["repaired"]

    def all_warnings(self) -> list[str]:
        return self.tally().warnings

    def strict_problems(self) -> list[str]:
        """What `--strict` refuses: every warning, and every file skipped or repaired (one pass over `files`)."""
        tally = self.tally()
        return [f"{name}: {outcome}" for name, outcome in tally.outcomes] + tally.warnings + tally.record_notes

    def enforce_strict(self) -> None:
        """Raise a BuildError listing every strict problem, if there is one."""
        problems = self.strict_problems()
        if problems:
            listed = "\n".join(f"  - {p}" for p in problems)
            raise BuildError(f"--strict: {len(problems)} problem(s) in {self.input_dir}; the output folder "
                             f"{self.output_dir} was left as it was:\n{listed}")

    def summary(self) -> str:
        """The one-screen summary printed at the end of a build (one pass over `files`, which may be on disk)."""
        tally = self.tally()
        splits = ", ".join(f"{name} {n}" for name, n in self.split_counts.items())
        lines = [
            f"files read      {tally.read} ({tally.statuses['repaired']} repaired, "
            f"{tally.statuses['skipped']} skipped, {len(tally.copies)} byte-identical copies) from {self.input_dir}",
            f"articles        {self.n_articles} unique ({self.n_units} found on pages)",
            f"duplicates      {self.n_duplicate_copies} extra copies merged into {self.n_articles_with_copies} articles; "
            f"{self.n_duplicate_groups} duplicate groups",
            f"splits          {splits}",
            f"output          {self.output_dir}",
            f"warnings        {len(tally.warnings)}",
        ]
        entries = [f"  {name}: {outcome}" for name, outcome in tally.outcomes] + \
            [f"  {name}: same bytes as {first}" for name, first in tally.copies] + \
            [f"  {name}: records: {counts}" for name, counts in tally.records] + \
            [f"  warning: {w}" for w in tally.warnings] + [f"  note: {n}" for n in self.notes]
        lines += entries[:SUMMARY_FILE_LINES]
        if len(entries) > SUMMARY_FILE_LINES:
            lines.append(f"  ... and {len(entries) - SUMMARY_FILE_LINES} more in build-report.json")
        return "\n".join(lines)


def read_report(path: Path, folder: Path | None = None) -> BuildReport:
    """A `build-report.json` (what `BuildReport.write_json` writes, or any JSON object of its fields) read back with
    its file list on disk (`FileReports`, an unnamed temporary file in `folder`; default: the system's temporary
    folder). The entries are parsed one at a time from a buffer of about `READ_BLOCK` characters, so reading the
    report of a large build holds neither its whole text (~1.2 KB per input file) nor a FileReport per file.
    Raises ValueError (`json.JSONDecodeError`, or pydantic's ValidationError) when the file is not such a report."""
    fields: dict = {}
    files = FileReports(folder)
    with open(path, encoding="utf-8") as handle:
        document = _JsonStream(handle)
        document.expect("{")
        while document.peek() != "}":
            key = document.value()
            document.expect(":")
            if key == "files":
                document.expect("[")
                while document.peek() != "]":
                    files.append(FileReport.model_validate(document.value()))
                    document.separator("]")
                document.expect("]")
            else:
                fields[key] = document.value()
            document.separator("}")
        document.expect("}")
    report = BuildReport.model_validate(fields)
    report.files = files
    return report


class _JsonStream:
    """The values of a JSON text file read one at a time: `json.JSONDecoder.raw_decode` on a buffer of the file's
    text refilled `READ_BLOCK` characters at a time (the standard library has no incremental JSON parser)."""

    def __init__(self, handle):
        self.handle, self.text, self.at, self.ended = handle, "", 0, False
        self.decoder = json.JSONDecoder()

    def _more(self) -> None:
        block = self.handle.read(READ_BLOCK)
        self.text, self.at, self.ended = self.text[self.at :] + block, 0, not block

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end of the file), left unread."""
        while True:
            while self.at < len(self.text) and self.text[self.at] in " \t\n\r":
                self.at += 1
            if self.at < len(self.text) or self.ended:
                return self.text[self.at : self.at + 1]
            self._more()

    def expect(self, character: str) -> None:
        if self.peek() != character:
            raise json.JSONDecodeError(f"expected {character!r}", self.text, self.at)
        self.at += 1

    def separator(self, close: str) -> None:
        """After a member of an object or array: its comma, or the `close` bracket (left unread)."""
        if self.peek() == ",":
            self.at += 1
        elif self.peek() != close:
            raise json.JSONDecodeError(f"expected ',' or {close!r}", self.text, self.at)

    def value(self):
        """The next JSON value. One that ends where the buffer ends is taken only at the end of the file: a number
        cut by the buffer ('12' of '123') would parse."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.at)
                if end < len(self.text) or self.ended:
                    self.at = end
                    return value
            except json.JSONDecodeError:
                if self.ended:
                    raise
            self._more()
