"""Find the input files, decode them, hash them, and say what happened to each one.

The only stage besides the writers that touches the file system. Every file under the input
folder gets a `FileReport`: read, read with a recorded repair, or skipped with a reason.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .report import FileReport

TEXT_SUFFIXES = (".txt",)


@dataclass
class SourcePage:
    """A decoded input page: its text split into lines (1-based numbering in every report)."""

    source_file: str
    sha256: str
    n_bytes: int
    encoding: str
    text: str
    repairs: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return split_lines(self.text)


def split_lines(text: str) -> list[str]:
    """Lines as `sed -n Np` numbers them: a final newline does not start another line."""
    if not text:
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def relative_name(path: Path, input_dir: Path) -> str:
    """The file's name relative to the input folder's parent, e.g. `seeds/001.txt`."""
    return path.relative_to(input_dir.parent).as_posix()


def discover(input_dir: Path) -> Iterator[Path]:
    """Every file below the input folder, in a stable order (sorted POSIX paths)."""
    found = []
    for root, dirs, files in os.walk(input_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / name for name in files]
    yield from sorted(found, key=lambda p: p.relative_to(input_dir).as_posix())


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes; return (text, encoding, repairs). Raises UnicodeDecodeError when hopeless."""
    repairs: list[str] = []
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode("utf-16" if encoding == "utf-16" else "utf-8-sig")
            repairs.append(f"removed {encoding} byte-order mark")
            break
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="strict"), "cp1252"
            repairs.append("not valid UTF-8: decoded as Windows-1252")
    if "\r" in text:
        kind = "CRLF" if "\r\n" in text else "CR"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append(f"normalised {kind} line endings to LF")
    return text, encoding, repairs


def read_page(path: Path, input_dir: Path) -> tuple[SourcePage | None, FileReport]:
    """Read one file. Never raises for bad content: the report says what was done and why."""
    name = relative_name(path, input_dir)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(input_dir.resolve()):
            return None, FileReport(source_file=name, status="skipped", reason=f"symlink pointing outside the input folder ({target})")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return None, FileReport(source_file=name, status="skipped", reason=f"not a text page (suffix {path.suffix or 'none'}; reads {', '.join(TEXT_SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, FileReport(source_file=name, status="skipped", reason=f"cannot read: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    report = FileReport(source_file=name, status="read", n_bytes=len(data), sha256=digest)
    if not data.strip():
        report.status, report.reason = "skipped", "empty file" if not data else "whitespace only"
        return None, report
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        report.status, report.reason = "skipped", "binary file (contains NUL bytes)"
        return None, report
    try:
        text, encoding, repairs = decode(data)
    except UnicodeDecodeError as exc:
        report.status, report.reason = "skipped", f"undecodable bytes at offset {exc.start}"
        return None, report
    report.encoding, report.repairs = encoding, repairs
    if repairs:
        report.status = "repaired"
    page = SourcePage(source_file=name, sha256=digest, n_bytes=len(data), encoding=encoding, text=text, repairs=repairs)
    return page, report
