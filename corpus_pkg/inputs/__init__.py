"""Input kinds besides plain-text pages: saved HTML, WARC archives, and scrapers' JSON Lines / JSON / Parquet.

Every kind becomes the same thing the text path works on: a page of text (a `Document` rendered as lines:
its title, then its paragraphs separated by a blank line) that `segment` and `extract` read as they read a
`.txt` page, with the metadata only such inputs carry (URL, fetch date, WARC record id, the extractor's own
title, authors and dates) laid over what the text itself says. So deduplication, splits, Parquet, the card and
publishing serve them unchanged.

* `kind_of(path)` says which reader a file goes to, by its name.
* A text or HTML file is read whole by a worker process (`tasks.read_html_file`).
* A container (WARC, JSON Lines, JSON, Parquet) is streamed by the main process (`tasks.container_tasks`): every
  record that is a page becomes a `RecordTask` for a worker, every other record is counted and named in the
  file's report, which follows its records as a `ContainerDone`. Memory holds a few records, never the file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Only names here: read.py imports them, and the readers import read.py.

#: file name endings of each input kind (lower case); `.gz` variants are decompressed with a size cap
KINDS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".md", ".markdown"),     # Markdown renderings of reader tools and crawlers are text pages
    "html": (".html", ".htm", ".html.gz", ".htm.gz"),
    "warc": (".warc", ".warc.gz"),
    "json-lines": (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"),
    "json": (".json", ".json.gz"),
    "parquet": (".parquet",),
}
CONTAINER_KINDS = ("warc", "json-lines", "json", "parquet")
HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html[\s>])", re.I)
HTML_SNIFF_BYTES = 1024


def kind_of(path: Path | str) -> str | None:
    """The input kind of a file by its name ('text', 'html', 'warc', 'json-lines', 'json', 'parquet'), or None;
    a `.txt` file that holds an HTML document (a page saved under the wrong name) is 'html'."""
    name = Path(path).name.lower()
    for kind, endings in KINDS.items():
        if name.endswith(endings):
            return "html" if kind == "text" and _holds_html(str(path)) else kind
    return None


@lru_cache(maxsize=1 << 16)
def _holds_html(path: str) -> bool:
    """Whether the file starts (after a BOM and white space) with an HTML doctype or `<html>` tag."""
    if not Path(path).is_file():
        return False        # a FIFO or device would block the read; the text reader reports it
    try:
        with open(path, "rb") as handle:
            head = handle.read(HTML_SNIFF_BYTES)
    except OSError:
        return False        # the text reader reports why the file cannot be read
    return bool(HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")))


def all_suffixes() -> list[str]:
    return [ending for endings in KINDS.values() for ending in endings]

