"""Scrapers' records: JSON Lines (`.jsonl`, `.ndjson`), JSON (`.json`: a list of records, or one) and Parquet.

One record is one article. Its fields (`layouts.FIELDS`: text, title, url, date, updated_date, authors,
description, site_name, language, tags, fetch_date) are read with a record layout (`layouts`): the build config's
`[inputs.fields]` for a file whose first record holds its text key (or that no layout recognises), else the
layout of the tool recognised by the keys of the file's first record
(newspaper3k/4k, trafilatura's JSON, news-please, NewsAPI, generic text tables: `record_layouts.toml`, extended
by the config's `[inputs.layouts]`). The file's report names the layout, and warns once about keys holding
values that no field read.

A line that is not JSON, a record that is not an object or lacks the text field, and a line over the size cap
(read no further than the cap, then skipped to its end) are named in the report with their line number; the
other records are read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..cues import site_name_readings
from ..segment.envelope import Envelope
from .document import Document, InputError, replacement_characters_warning
from .layouts import RecordLayout, layouts, recognise, unread_keys

MAX_RECORD_BYTES = 32 * 2**20       # a news article's record is far smaller; a larger line is skipped
MAX_JSON_FILE_BYTES = 256 * 2**20   # a .json file is parsed whole, so it must fit in memory



@dataclass
class FileLayout:
    """What reading a file's records found, for its report: the layout its records were read with (the tool's
    name) and the keys holding values that no field of it reads (first seen first)."""

    layout: str | None = None
    unread: dict[str, None] = field(default_factory=dict)

    def warning(self) -> list[str]:
        """One warning naming the keys left unread, or none."""
        if not self.unread:
            return []
        keys = list(self.unread)
        more = f" and {len(keys) - 12} more" if len(keys) > 12 else ""
        return [f"record keys not read as any field (read as {self.layout}): {', '.join(keys[:12])}{more}; their "
                "values are not in the dataset (map them in the build config's [inputs.layouts] or [inputs.fields])"]


def file_layout(record: dict, fields: dict[str, str] | None, extra: dict[str, RecordLayout] | None = None
                ) -> RecordLayout:
    """The layout a file whose first record is `record` is read with: the build config's `[inputs.fields]`
    mapping when the record holds the mapping's text key, else the recognised tool's (`layouts.recognise`, over
    the built-in layouts and the config's `[inputs.layouts]`), else the mapping again (whose missing text the
    record's error names). A folder of several scrapers' files so needs a mapping for its unknown files only.
    Raises InputError naming the keys found when no layout fits."""
    mapping = RecordLayout.of_mapping(fields) if fields else None
    if mapping is not None and _get(record, mapping, "text") is not None:
        return mapping
    found = recognise(record, layouts(extra))
    if found is None and mapping is not None:
        return mapping
    if found is not None:
        name, layout = found
        return layout if layout.tool else layout.model_copy(update={"tool": name})
    keys = ", ".join(list(record)[:12])
    raise InputError(f"no known record layout (keys: {keys}); map the fields in the build config, e.g. "
                     "[inputs.fields] text = \"body\"")


def _get(record: dict, layout: RecordLayout, name: str) -> Any:
    """The first value of the keys that may hold field `name` that is not empty (nor one of the layout's
    `empty` values)."""
    for key in layout.fields.get(name, ()):
        value = record
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", []) and not (isinstance(value, str) and value in layout.empty):
            return value
    return None


def _datetime(value: Any) -> dt.datetime | None:
    """An ISO 8601 date-time, a date, or a Unix time in seconds, as UTC (naive times are taken as UTC)."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dt.datetime):
        found = value
    elif isinstance(value, dt.date):
        found = dt.datetime(value.year, value.month, value.day)
    else:
        from dateutil import parser

        try:
            found = parser.isoparse(str(value).strip())
        except (ValueError, OverflowError):
            try:
                found = parser.parse(str(value).strip(), dayfirst=True)   # as the text path reads numeric dates
            except (ValueError, OverflowError):
                return None
    return found.replace(tzinfo=dt.timezone.utc) if found.tzinfo is None else found.astimezone(dt.timezone.utc)


def _first_item(value: Any, read: Callable[[Any], Any]) -> Any:
    """Of a field given as a list (Scrapy's `getall()`: `["24 February 2024, 09:00"]`), the first item `read`
    makes something of (not None), else its first non-empty item; any other value as it is. So a list field is
    read as its items, never as the list's Python repr."""
    if not isinstance(value, list):
        return value
    items = [item for item in value if item not in (None, "", [], {}) and not (isinstance(item, str) and
                                                                              not item.strip())]
    return next((item for item in items if read(item) is not None), items[0] if items else None)


def _published(value: Any, language: str | None, paragraphs: list[str]) -> tuple[dt.date | None, str | None, list[str]]:
    """(date, the date as the record gives it, warnings) of a record's date field (of a list, its first item that
    reads as a date: `_first_item`).

    A machine date (ISO 8601, a Unix time, a date python-dateutil reads) first; else a date printed in words of
    another language ('5 марта 2024'), read as a text page's date line is (`cues.find_dates`, dateparser), in
    the record's declared language or the one py3langid identifies in its text, and English. A value neither
    reads stays as printed in `date_text`, with no date and a warning naming it: the field is not lost."""
    value = _first_item(value, lambda item: _published(item, language, paragraphs)[0])
    if value is None:
        return None, None, []
    if isinstance(value, (dict, list)):     # no printed date to keep: never its Python repr
        given = json.dumps(value, ensure_ascii=False, default=str)
        return None, None, [f"date field {given[:80]} is a JSON {'object' if isinstance(value, dict) else 'list'}, "
                            "not a date this builder reads; published_date left empty"]
    printed = " ".join(str(value).split())
    found = _datetime(value)
    if found is not None:
        return found.date(), str(value), []
    if isinstance(value, str):
        from ..cues.dates import find_dates
        from ..cues.lexicon import DATEPARSER_LANGUAGES

        code = (language or "").replace("_", "-").split("-")[0].lower()
        if code not in DATEPARSER_LANGUAGES:
            from ..language import classify_sample

            code = classify_sample("\n".join(paragraphs))
        # the field's own words may be of another language than the text ('5 марта 2024' over an English text):
        # the declared or identified language first, English next, then every language dateparser is asked about
        order = [code, "en", *sorted(DATEPARSER_LANGUAGES)]
        dates = find_dates(printed, tuple(c for c in dict.fromkeys(order) if c in DATEPARSER_LANGUAGES))
        if dates:
            return dates[0].value, printed, []
    return None, printed or None, [f"date field {printed!r} is not a date this builder reads; published_date left empty"]


def _scalar(value: Any) -> str | None:
    """A field that should hold one string (a title, a URL, a site name): its text; of a list (Scrapy's
    `getall()`), its first non-empty string or number; None for an object or a list of objects."""
    value = _first_item(value, lambda item: None if isinstance(item, (dict, list)) else item)
    if value is None or isinstance(value, (dict, list)):
        return None
    return " ".join(str(value).split()) or None


def _strings(value: Any, separators: str) -> list[str]:
    """A list field's items: a list as given (an object item by its `name`, as schema.org's Person and
    Organization give it; other objects and lists are no items), or a string split at any of the characters
    `separators`."""
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value.get("name")] if isinstance(value, dict) else re.split(f"[{re.escape(separators)}]", str(value))
    items = [_scalar(item.get("name") if isinstance(item, dict) else item) for item in value]
    return list(dict.fromkeys(item for item in items if item))


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a scraper's text: separated by blank lines when it has any, else one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n\n") if "\n\n" in text.strip() else text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


def to_document(record: Any, layout: RecordLayout, *, source_file: str, kind: str, where: str,
                raw: bytes) -> Document:
    """A Document from one record read with `layout`. Raises InputError (one line) when it is not an object or
    has no text."""
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object ({type(record).__name__})")
    text = _get(record, layout, "text")
    if isinstance(text, list) and all(isinstance(item, str) for item in text):
        text = "\n\n".join(text)      # a spider's paragraphs as a list (Scrapy's `getall()`): one per item
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"no text (field {' or '.join(layout.fields['text'])} missing or empty)")
    cut = re.search(layout.cut_mark + r"\s*$", text) if layout.cut_mark else None
    if cut is not None:
        text = text[: cut.start()].rstrip()
    paragraphs = paragraphs_of(text)
    site_name = _scalar(_get(record, layout, "site_name"))
    language = _scalar(_get(record, layout, "language"))
    date, date_text, date_warnings = _published(_get(record, layout, "date"), language, paragraphs)
    updated = _datetime(_first_item(_get(record, layout, "updated_date"), _datetime))
    url = _scalar(_get(record, layout, "url"))
    title, site_name = _without_site(_scalar(_get(record, layout, "title")), site_name, url)
    return Document(
        source_file=source_file, sha256=hashlib.sha256(raw).hexdigest(), n_bytes=len(raw), kind=kind,
        paragraphs=paragraphs, title=title,
        authors=_strings(_get(record, layout, "authors"), layout.separators("authors")),
        date=date, date_text=date_text, updated_date=updated.date() if updated else None,
        description=_scalar(_get(record, layout, "description")),
        site_name=site_name, truncated=cut is not None,
        url=url, language=language,
        tags=_strings(_get(record, layout, "tags"), layout.separators("tags")),
        fetch_date=_datetime(_first_item(_get(record, layout, "fetch_date"), _datetime)), record=where,
        extraction=f"{kind} record, fields read as {layout.tool}",
        warnings=replacement_characters_warning(paragraphs) + date_warnings)


def _without_site(title: str | None, site_name: str | None, url: str | None) -> tuple[str | None, str | None]:
    """(headline, site name) of a record's title printed with its site's name after or before it ('Headline -
    Valley Tribune', with `site_name` 'Valley Tribune': NewsAPI's titles; 'Headline | Kyiv Daily' of a record
    whose `url` is on kyivdaily.ua: a spider's `<title>`), as a reader tool's envelope title is read
    (`Envelope.without_site`). A name the URL's host confirms is the site name of a record that gives none."""
    if not title:
        return title, site_name
    headline = Envelope(site=site_name, urls=[url] if url else []).without_site(title)
    if site_name is None and headline != title:
        site_name = next((site for site, rest in site_name_readings(title) if rest == headline), None)
    return headline, site_name


def _json_lines(stream: BinaryIO, notes: list[str], counts: Counter) -> Iterator[tuple[int, bytes, Any]]:
    """(line number, raw line, parsed value) of each JSON line; bad lines go to `notes` with their number."""
    number = 0
    while True:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            counts["too large"] += 1
            notes.append(f"line {number}: longer than {MAX_RECORD_BYTES // 2**20} MiB; skipped")
            continue
        if not line.strip():
            continue
        try:
            yield number, line, json.loads(line)
        except UnicodeDecodeError as exc:
            counts["malformed"] += 1
            notes.append(f"line {number}: {not_utf8(exc)}")
        except json.JSONDecodeError as exc:
            counts["malformed"] += 1
            notes.append(f"line {number}: not valid JSON ({exc})")


def not_utf8(exc: UnicodeDecodeError) -> str:
    """The reason for JSON that is not UTF-8 (JSON must be, RFC 8259 §8.1): where, and what to do."""
    return (f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); JSON must be UTF-8: save the "
            f"file as UTF-8")


def read_records(stream: BinaryIO, kind: str, *, source_file: str, fields: dict[str, str] | None,
                 extra_layouts: dict[str, RecordLayout] | None, counts: Counter, notes: list[str],
                 found: FileLayout) -> Iterator[Document]:
    """The Documents of a JSON Lines, JSON or Parquet stream, in order; see the module docstring. `fields`:
    the build config's `[inputs.fields]`; `extra_layouts`: its `[inputs.layouts]`. `found` gets the layout
    the file was read with and the keys no field read. Raises InputError when the file as a whole cannot be
    read (no known layout, not JSON, not Parquet)."""
    if kind == "json-lines":
        items = ((f"line {n}", raw, value) for n, raw, value in _json_lines(stream, notes, counts))
    elif kind == "json":
        data = stream.read(MAX_JSON_FILE_BYTES + 1)
        if len(data) > MAX_JSON_FILE_BYTES:
            raise InputError(f"JSON file over {MAX_JSON_FILE_BYTES // 2**20} MiB (decompressed; stopped there): "
                             "a gzip bomb, or write it as JSON Lines instead")
        try:
            value = json.loads(data)
        except UnicodeDecodeError as exc:
            raise InputError(not_utf8(exc)) from None
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc})") from None
        values = value if isinstance(value, list) else [value]
        items = ((f"item {i}", json.dumps(v, ensure_ascii=False, sort_keys=True).encode(), v)
                 for i, v in enumerate(values, start=1))
    else:
        items = _parquet_rows(stream)
    layout = None
    for where, raw, value in items:
        if layout is None:
            if not isinstance(value, dict):
                counts["not an object"] += 1
                notes.append(f"{where}: not a JSON object ({type(value).__name__})")
                continue
            layout = file_layout(value, fields, extra_layouts)
            found.layout = layout.tool
        if isinstance(value, dict):
            found.unread.update(dict.fromkeys(unread_keys(value, layout)))
        try:
            yield to_document(value, layout, source_file=source_file, kind=kind, where=where, raw=raw)
        except InputError as exc:
            counts["no text" if "no text" in str(exc) else "not an object"] += 1
            notes.append(f"{where}: {exc}")


def _parquet_rows(stream: BinaryIO) -> Iterator[tuple[str, bytes, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(stream)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"not a Parquet file ({exc})") from None
    row = 0
    batches = parquet.iter_batches(batch_size=256)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"damaged Parquet data after row {row} ({exc})") from None
        if batch is None:
            return
        for value in batch.to_pylist():
            row += 1
            yield f"row {row}", json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode(), value
