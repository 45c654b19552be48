"""Find the input files, decode them, hash them, and say what happened to each one.

The only stage besides the writers that touches the file system. Everything below the input folder gets a
`FileReport`, including what the builder does not enter (hidden folders, symlinked folders, folders it cannot
list): read as it is, read with every repair recorded, or skipped with a reason. Nothing is dropped or changed
without a line in the report.

Decoding, in order: a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32); otherwise valid UTF-8 is
UTF-8 (unless it is 7-bit text with ISO-2022 escape sequences: ISO-2022-JP); bytes with more invalid UTF-8 than
UTF-8 sequences are legacy text: read in the code page chardet detects (`inputs.codepage`: Windows-1250,
Windows-1252, Windows-1254, Windows-1256, KOI8-R, Shift_JIS, GB18030...), with its confidence, recorded as a
repair, since it is a guess, and `--strict` fails on it. When no code page reads the
bytes as plausible text the file is skipped, the reason naming the likely code page: never a text of U+FFFD.
Anything else is UTF-8 with a few invalid bytes, each replaced by U+FFFD (recorded, with the count and the
first offset; a warning when they are more than a few percent of its non-ASCII characters). U+FFFD the file
itself holds (characters the scrape lost) are kept, with a warning. Then mojibake — UTF-8
that was once decoded as Latin-1 or Windows-1252 and saved again — is undone line by line with ftfy, and
recorded with the lines it changed. CRLF and CR end lines as LF does; the report says which were found.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ftfy

from .inputs import CONTAINER_KINDS, all_suffixes, kind_of
from .inputs.codepage import guess_encoding, iso_2022_text
from .inputs.crawlers import artefact_reason
from .inputs.document import replacement_characters_warning
from .report import FileReport

MAX_PAGE_BYTES = 256 * 2**20            # a single page is far smaller; reading a larger file would cost GBs
BINARY_CONTROL_SHARE = 0.01             # text has almost no control characters; binary data has many
LEGACY_NON_ASCII_LETTER_SHARE = 0.3     # above this, Windows-1252 was probably the wrong guess (Cyrillic, Greek...)
LEGACY_MIN_LETTER_SHARE = 0.5           # text is mostly letters; symbols everywhere mean another encoding
MOJIBAKE_MAX_LINE_CHARS = 1_000_000     # ftfy's own limit for one decoding attempt (max_decode_length)
LISTED_LINES = 10                       # line numbers quoted in a repair note
REPLACED_WARNING_SHARE = 0.05           # more invalid UTF-8 than this share of the non-ASCII characters: warn
REPLACED_WARNING_MIN = 10

# byte-order marks, longest first: UTF-32-LE's mark begins with UTF-16-LE's
BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                    (codecs.BOM_UTF16_BE, "utf-16-be"))
# what a file that is not text usually starts with; most also hold NUL bytes, but the name makes a better reason
BINARY_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                     (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
                     (b"PK\x03\x04", "a ZIP archive (or .docx, .xlsx, .epub)"), (b"\x1f\x8b", "a gzip archive"),
                     (b"\x7fELF", "an executable"), (b"SQLite format 3\x00", "an SQLite database"),
                     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"))
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")   # tab, LF, form feed and CR are text
ESCAPED_BYTES = re.compile(r"[\udc80-\udcff]")                      # undecodable bytes under 'surrogateescape'
NON_ASCII_DECODED = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
MOJIBAKE_CONFIG = ftfy.TextFixerConfig(explain=True)
# ftfy changes a line only when its badness regex (`ftfy.badness.BADNESS_RE`) finds something in it, and every
# pattern of that regex needs a C1 control, Œ, œ, Ã or Â, or two non-ASCII characters in a row: a line with
# none of them is one ftfy would leave as it is, and is not handed to it (the cheap test runs ~10x faster than
# ftfy's; tests/test_speed_equivalence.py checks the claim against the installed ftfy's regex)
MOJIBAKE_POSSIBLE = re.compile(r"[\x80-\x9fŒœÃÂ]|[^\x00-\x7f]{2}")


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


@dataclass
class Decoded:
    text: str                   # with LF line endings
    encoding: str               # a Python codec name that decodes the bytes
    line_endings: str | None    # 'LF', 'CRLF', 'CR', or a mix 'CRLF+LF'; None for a single line
    repairs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    confidence: float | None = None     # of a detected code page (chardet's, 0..1)
    n_replaced: int = 0                 # invalid bytes this decoding replaced by U+FFFD


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


def discover(input_dir: Path) -> FoundPaths:
    """Every file below the input folder, and every folder below it that is not entered (hidden, a symlink, or
    not listable), in a stable order (sorted POSIX paths). `read_page` says why each of those was skipped."""
    found: list[str] = []

    def unlistable(error: OSError) -> None:
        found.append(str(Path(error.filename)))

    for root, dirs, files in os.walk(input_dir, onerror=unlistable):
        entered = []
        for name in dirs:
            if name.startswith(".") or os.path.islink(os.path.join(root, name)):
                found.append(os.path.join(root, name))
            else:
                entered.append(name)
        dirs[:] = sorted(entered)
        found += [os.path.join(root, name) for name in files]
    return FoundPaths(sorted(found, key=lambda name: Path(name).relative_to(input_dir).as_posix()))


class FoundPaths(Sequence):
    """The paths `discover` found, in order, each kept as its string and made a Path when it is read: a Path
    object costs about 0.4 KB (its parts are separate strings), so a build of a million files keeps ~300 MB
    less than with a list of Paths while it reads them."""

    def __init__(self, names: list[str]):
        self._names = names

    def __len__(self) -> int:
        return len(self._names)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [Path(name) for name in self._names[index]]
        return Path(self._names[index])

    def __iter__(self) -> Iterator[Path]:
        return map(Path, self._names)


def read_page(path: Path, input_dir: Path) -> tuple[SourcePage | None, FileReport]:
    """Read one entry found by `discover`. Never raises for bad content: the report says what was done and why."""
    name = relative_name(path, input_dir)
    printable_name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if printable_name != name:      # undecodable bytes in the name: no report or Parquet string can hold it
        return None, FileReport(source_file=printable_name, status="skipped",
                                reason="file name is not valid UTF-8; rename the file")
    reason = not_a_page(path, input_dir)
    if reason is not None:
        return None, FileReport(source_file=name, status="skipped", reason=reason, n_bytes=_size(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, FileReport(source_file=name, status="skipped", reason=f"cannot read: {exc.strerror or exc}",
                                n_bytes=_size(path))
    report = FileReport(source_file=name, status="read", n_bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    if kind_of(path) != "text":      # HTML, WARC, records: corpus_pkg.inputs reads them (the report keeps the hash)
        report.status, report.reason = "skipped", f"not a text page (suffix {path.suffix}; reads .txt)"
        return None, report
    decoded, reason = None, _unusable_bytes(data)
    if reason is None:
        try:
            decoded = decode(data)
        except UnicodeDecodeError as exc:
            reason = f"not valid {exc.encoding} after its byte-order mark (byte {exc.start} after the mark)"
        except DoubtfulEncoding as exc:
            reason = str(exc)
        else:
            report.encoding, report.line_endings = decoded.encoding, decoded.line_endings
            report.encoding_confidence = decoded.confidence
            reason = _unusable_text(decoded.text, len(data))
    if reason is not None:
        report.status, report.reason = "skipped", reason
        return None, report
    report.repairs, report.warnings = decoded.repairs, decoded.warnings
    report.status = "repaired" if decoded.repairs else "read"
    return SourcePage(source_file=name, sha256=report.sha256, n_bytes=len(data), encoding=decoded.encoding,
                      text=decoded.text, repairs=decoded.repairs), report


# ------------------------------------------------------------------------------------------------
# what is not a page


def not_a_page(path: Path, input_dir: Path) -> str | None:
    """Why this entry is not a page to read, judged without reading it; None when it is one."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken symlink (its target does not exist or is a loop)"
        if not target.is_relative_to(input_dir.resolve()):
            return f"symlink pointing outside the input folder ({target}); not followed"
        if target.is_dir():
            return "symlink to a folder; not followed (the folder's own files are read where they are)"
    if path.is_dir():
        if path.name.startswith("."):
            return "hidden folder; not searched"
        try:
            os.listdir(path)
        except OSError as exc:
            return f"cannot list the folder: {exc.strerror or exc}"
        return "folder not searched"
    artefact = artefact_reason(path.relative_to(input_dir).as_posix()) if path.is_relative_to(input_dir) else None
    if artefact is not None:
        return f"crawler's file: {artefact}"
    if kind_of(path) is None:
        return f"not an input page (suffix {path.suffix or 'none'}; reads {', '.join(all_suffixes())})"
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device)"
    if info.st_size > MAX_PAGE_BYTES and kind_of(path) not in CONTAINER_KINDS:    # containers are streamed
        return f"larger than {MAX_PAGE_BYTES // 2**20} MiB: not a page; split it into pages"
    return None


def _unusable_bytes(data: bytes) -> str | None:
    """Why these bytes cannot be a page (empty, binary), judged before decoding; None when they may be one."""
    if not data:
        return "empty file (0 bytes)"
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"binary file ({kind})"
    if b"\x00" in data and not any(data.startswith(bom) for bom, codec in BYTE_ORDER_MARKS if codec != "utf-8-sig"):
        # ASCII text in UTF-16 has a NUL in every other byte
        if max(data[0::2].count(0), data[1::2].count(0)) > 0.4 * len(data):
            return "binary file (contains NUL bytes): UTF-16 without a byte-order mark? save it as UTF-8"
        return "binary file (contains NUL bytes)"
    return None


def _unusable_text(text: str, n_bytes: int) -> str | None:
    """Why the decoded text cannot be a page (white space, binary data); None when it is one."""
    if not text.strip():
        return f"white space only ({n_bytes} bytes)"
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > BINARY_CONTROL_SHARE * len(text):
        return f"binary file ({controls} control characters in {len(text)})"
    return None


def _size(path: Path) -> int:
    """The size of a regular file, else 0 (a folder's or a symlink's own size says nothing about a page)."""
    try:
        info = path.lstat()
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


# ------------------------------------------------------------------------------------------------
# decoding


def decode(data: bytes) -> Decoded:
    """Decode a page's bytes (see the module's docstring). Raises UnicodeDecodeError only when the bytes
    after a UTF-16 or UTF-32 byte-order mark are not valid in that encoding."""
    for bom, codec in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            if codec == "utf-8-sig":
                decoded = _decode_utf8(data[len(bom):], codec, legacy_fallback=False)
            else:
                decoded = Decoded(data[len(bom):].decode(codec), codec, None)
            break
    else:
        decoded = _decode_utf8(data, "utf-8", legacy_fallback=True)
    decoded.warnings += replacement_characters_warning([decoded.text], put_here=decoded.n_replaced)
    decoded.text, decoded.line_endings = normalise_line_endings(decoded.text)
    decoded.text, fixed = fix_mojibake(decoded.text)
    decoded.repairs += fixed
    return decoded


def _decode_utf8(data: bytes, codec: str, legacy_fallback: bool) -> Decoded:
    shifted = iso_2022_text(data) if legacy_fallback else None
    if shifted is not None:     # 7-bit, so valid UTF-8, but its ESC sequences shift to another character set
        return Decoded(shifted.text, shifted.encoding, None, confidence=shifted.confidence,
                       repairs=[f"ASCII bytes with ISO-2022 escape sequences: decoded as {shifted.encoding} by "
                                f"detection (chardet, confidence {shifted.confidence:.2f})"])
    try:
        return Decoded(data.decode("utf-8"), codec, None)
    except UnicodeDecodeError as exc:
        first_invalid = exc.start
    escaped = data.decode("utf-8", errors="surrogateescape")
    n_invalid = len(ESCAPED_BYTES.findall(escaped))
    n_utf8 = len(NON_ASCII_DECODED.findall(escaped))   # non-ASCII characters that did form UTF-8
    if legacy_fallback and n_invalid > n_utf8:
        # more invalid bytes than UTF-8 sequences: a legacy code page whose bytes form UTF-8 here and there by chance
        return _decode_legacy(data, n_utf8)
    warnings = []
    if n_invalid > REPLACED_WARNING_SHARE * (n_invalid + n_utf8) and n_invalid >= REPLACED_WARNING_MIN:
        warnings.append(f"{n_invalid} of {n_invalid + n_utf8} non-ASCII characters are invalid UTF-8 and were replaced "
                        "by U+FFFD: the file may be in another encoding; convert it to UTF-8")
    return Decoded(ESCAPED_BYTES.sub("\ufffd", escaped), codec, None,
                   repairs=[f"{n_invalid} byte(s) that are not valid UTF-8 replaced by U+FFFD "
                            f"(the first at byte offset {first_invalid})"], warnings=warnings, n_replaced=n_invalid)


def _decode_legacy(data: bytes, n_utf8: int) -> Decoded:
    """A file in a legacy code page: the one `inputs.codepage.guess_encoding` detects (chardet), recorded as a
    guess with its confidence. Raises DoubtfulEncoding when no code page reads the bytes as plausible text.
    Notes name the code page and the confidence, never the detector's language: that is its guess of which
    language's byte pairs fit the decoded bytes, not the page's language, which py3langid decides."""
    how = "no UTF-8 sequence in it" if not n_utf8 else f"{n_utf8} character(s) of it form UTF-8 by chance"
    guess = guess_encoding(data)
    if guess is None:
        raise DoubtfulEncoding("encoding unknown: not UTF-8, and no code page reads it as text; convert it to UTF-8")
    doubts = _implausible_legacy_text(guess.text, guess.encoding)
    if doubts or guess.doubtful:
        why = doubts[0] if doubts else "letters and symbols out of place"
        raise DoubtfulEncoding(f"encoding doubtful: not UTF-8, and no code page reads it as plausible text "
                               f"(most likely {guess.encoding}, which reads it with {why}); convert it to UTF-8")
    return Decoded(guess.text, guess.encoding, None, confidence=guess.confidence,
                   repairs=[f"not UTF-8 and {how}: decoded as {guess.encoding} by detection (chardet, "
                            f"confidence {guess.confidence:.2f})"])


class DoubtfulEncoding(ValueError):
    """No encoding reads a non-UTF-8 file as plausible text; the message names the likely code page."""


def _implausible_legacy_text(text: str, encoding: str) -> list[str]:
    """Why `text`, the bytes as `encoding` reads them, is not plausible text: mostly symbols, or (read as
    Windows-1252, the fallback) mostly letters that are not ASCII, as a Cyrillic or Greek page reads in it."""
    sample = text[:100_000]
    letters = [c for c in sample if c.isalpha()]
    visible = len(sample) - sum(1 for c in sample if c.isspace() or c.isdigit())
    if len(letters) < LEGACY_MIN_LETTER_SHARE * visible:
        return [f"only {len(letters)} of {visible} visible characters are letters"]
    non_ascii = sum(1 for c in letters if not c.isascii())
    if encoding == "cp1252" and letters and non_ascii > LEGACY_NON_ASCII_LETTER_SHARE * len(letters):
        return [f"{non_ascii} of {len(letters)} letters are not ASCII"]
    return []


def normalise_line_endings(text: str) -> tuple[str, str | None]:
    """The text with LF line endings, and which endings it had ('CRLF', 'CR', 'LF' or a mix like 'CRLF+LF')."""
    crlf = text.count("\r\n")
    counts = {"CRLF": crlf, "CR": text.count("\r") - crlf, "LF": text.count("\n") - crlf}
    endings = "+".join(name for name, n in counts.items() if n) or None
    if counts["CRLF"] or counts["CR"]:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, endings


def fix_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo UTF-8-read-as-Latin-1/Windows-1252 line by line (ftfy); the repair note names the lines changed.
    Only lines that can hold mojibake (`MOJIBAKE_POSSIBLE`) are handed to ftfy."""
    lines = text.split("\n")
    changed: list[int] = []
    steps: dict[str, None] = {}     # ftfy's steps in the order it took them, once each
    for index, line in enumerate(lines):
        if line.isascii() or len(line) > MOJIBAKE_MAX_LINE_CHARS or not MOJIBAKE_POSSIBLE.search(line):
            continue
        fixed, explanation = ftfy.fix_encoding_and_explain(line, MOJIBAKE_CONFIG)
        if fixed != line:
            lines[index] = fixed
            changed.append(index + 1)
            steps.update(dict.fromkeys(f"{action} {parameter}" for action, parameter in explanation or ()))
    if not changed:
        return text, []
    quoted = ", ".join(map(str, changed[:LISTED_LINES])) + (", ..." if len(changed) > LISTED_LINES else "")
    return "\n".join(lines), [f"mojibake undone on {len(changed)} line(s) ({quoted}) (ftfy: {', '.join(steps)})"]
