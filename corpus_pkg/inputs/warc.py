"""WARC files (`.warc`, `.warc.gz`), read as a stream with warcio.

Why warcio (Webrecorder's reader and writer, used by pywb and Browsertrix): it streams record by record from
any file object, undoes per-record gzip, chunked transfer and Content-Encoding of HTTP bodies, reads WARC 1.0
and 1.1 as wget, Heritrix, Browsertrix and Common Crawl write them, is pure Python (nothing to compile on a new
machine), and writes WARCs too, which the tests use. FastWARC parses faster, but trafilatura's extraction costs
far more per page than parsing, so its speed would not show; it also needs a compiled extension.

Every HTTP 200 response whose body is HTML (by its Content-Type, or its first bytes when it has none) is a page;
every other record is counted by what it is ('revisit', 'redirect', 'not 200', 'not HTML', 'too large',
'truncated', or its WARC type), and each one that could have held a page (a revisit, a redirect, a
non-200 response, a response that is not HTML, a body over the size cap) is named in the report with its offset,
record id and URL. A file truncated or damaged mid-record keeps the records before it; the report says where
reading stopped; so does one cut inside a record's WARC header (a record without WARC-Type or Content-Length).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .document import InputError
from .html import charset_of

MAX_BODY_BYTES = 64 * 2**20     # an HTML page is far smaller; a larger body is read no further
HTML_TYPES = ("text/html", "application/xhtml+xml")
HTML_START = (b"<!doctype html", b"<html")
STRUCTURAL = ("request", "warcinfo", "metadata")    # records that never hold a page: counted, not listed


@dataclass
class WarcPage:
    """An HTML response read from a WARC, handed to a worker to extract."""

    body: bytes
    url: str | None
    fetch_date: dt.datetime | None
    record_id: str | None
    offset: int
    http_charset: str | None


class HashingReader:
    """A file object that hashes (SHA-256) and counts every byte read through it."""

    def __init__(self, raw: BinaryIO):
        self.raw, self.sha256, self.n_bytes = raw, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        self.n_bytes += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.raw.readline(size)
        self.sha256.update(data)
        self.n_bytes += len(data)
        return data

    def finish(self) -> str:
        """Hash the rest of the file (after an early stop), so the hash is always of the whole file."""
        while self.read(1 << 20):
            pass
        return self.sha256.hexdigest()


def _warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.timezone.utc)
    except ValueError:
        return None


def _incomplete_header(record) -> str | None:
    """What a record's WARC header lacks of the two fields every record has (WARC 1.1, section 5: WARC-Type and
    Content-Length), as 'no WARC-Type, no Content-Length'; None when it has both. warcio gives a header cut
    short by the end of the file (or a damaged one) as a record of type None without them; without its
    Content-Length no later record can be found either."""
    lacking = [name for name in ("WARC-Type", "Content-Length") if not record.rec_headers.get_header(name)]
    return ", ".join(f"no {name}" for name in lacking) or None


def read_warc(stream: BinaryIO, counts: Counter, notes: list[str]) -> Iterator[WarcPage]:
    """The HTML pages of a WARC read from `stream`, in file order. `counts` receives one count per record by
    outcome ('page', 'revisit', 'redirect', 'not 200', 'not HTML', 'request', ...), `notes` one line per record
    that could have been a page and is not. Raises InputError when the stream is not a WARC at all; a stream
    that breaks off after some records ends the iteration with a note saying where."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream, no_record_parse=False)
    n = 0
    try:
        for record in iterator:
            n += 1
            if record.format != "warc":     # warcio also reads ARC files, and takes many text lines for ARC headers
                if n == 1:
                    raise InputError(f"not a WARC file (it reads as {record.format.upper()} or text)")
                counts["truncated"] += 1
                notes.append(f"record {n} is not a WARC record (it reads as {record.format.upper()} or text): "
                             "reading stopped there; the rest is not read")
                return
            rec_type = record.rec_type
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            url = record.rec_headers.get_header("WARC-Target-URI")
            status = record.http_headers.get_statuscode() if record.http_headers is not None else None
            content_type = (record.http_headers.get_header("Content-Type") or "") if status else ""
            mime = content_type.split(";")[0].strip().lower()
            # the body must be read before asking for the offset (warcio reads the record to its end for that);
            # only a body that may be HTML is read (images and PDFs are skipped over, not decoded)
            body = record.content_stream().read(MAX_BODY_BYTES + 1) \
                if rec_type == "response" and status == "200" and (not mime or mime in HTML_TYPES) else b""
            offset = iterator.get_record_offset()
            where = f"record {n} at offset {offset} ({record_id or 'no WARC-Record-ID'}{', ' + url if url else ''})"
            cut = _incomplete_header(record)
            if cut is not None:
                if n == 1:
                    raise InputError(f"its first record's WARC header is incomplete ({cut}): the file is cut "
                                     "inside it, or it is not a WARC")
                counts["truncated"] += 1
                notes.append(f"{where}: truncated inside its WARC header ({cut}): the file ends or is damaged there; "
                             "it is not read, nor anything after it")
                return
            missing = getattr(record.raw_stream, "limit", 0)    # bytes of the record's block not in the file
            if missing > 0:
                counts["truncated"] += 1
                notes.append(f"{where}: truncated, the file ends {missing} bytes before the record does; "
                             "it is not read, nor anything after it")
                return
            if rec_type in STRUCTURAL:
                counts[rec_type] += 1
                continue
            if rec_type == "revisit":
                counts["revisit"] += 1
                notes.append(f"{where}: revisit (the payload is in an earlier record; not a new page)")
                continue
            if rec_type != "response" or record.http_headers is None:
                counts[f"{rec_type} (not an HTTP response)"] += 1
                notes.append(f"{where}: {rec_type} record, not an HTTP response")
                continue
            if status and status.startswith("3"):
                counts["redirect"] += 1
                target = record.http_headers.get_header("Location")
                notes.append(f"{where}: redirect (HTTP {status}{' to ' + target if target else ''})")
                continue
            if status != "200":
                counts["not 200"] += 1
                notes.append(f"{where}: HTTP {status or 'status unreadable'}")
                continue
            if len(body) > MAX_BODY_BYTES:
                counts["too large"] += 1
                notes.append(f"{where}: body larger than {MAX_BODY_BYTES // 2**20} MiB (decompressed); not read")
                continue
            is_html = mime in HTML_TYPES or (not mime and body.lstrip()[:14].lower().startswith(HTML_START))
            if not is_html:
                counts["not HTML"] += 1
                notes.append(f"{where}: not HTML ({mime or 'no Content-Type, and the body does not start as HTML'})")
                continue
            counts["page"] += 1
            yield WarcPage(body=body, url=url, fetch_date=_warc_date(record.rec_headers.get_header("WARC-Date")),
                           record_id=record_id, offset=offset, http_charset=charset_of(content_type))
    except InputError:
        raise
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, KeyError, IndexError,
            TypeError) as exc:  # warcio's parser fails with any of these on hostile headers (a response
                                # without WARC-Target-URI: AttributeError): damaged data, not a crash of the build
        if n == 0 and not counts:
            if isinstance(exc, ArchiveLoadFailed):
                raise InputError(f"not a WARC file ({' '.join(str(exc).split())[:200]})") from None
            raise InputError(f"its first record cannot be read ({type(exc).__name__} in warcio: "
                             f"{' '.join(str(exc).split())[:200]}): a damaged WARC, or not one") from None
        counts["truncated"] += 1
        notes.append(f"reading stopped after record {n}: the file is truncated or damaged there "
                     f"({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); the rest is not read")
