"""The record every non-text input becomes, its rendering as a text page, and the input size caps."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib
from dataclasses import dataclass, field

#: a decompressed page, record or archive member larger than this is not read (a gzip bomb or not a page)
MAX_DECOMPRESSED_BYTES = 256 * 2**20
GZIP_MAGIC = b"\x1f\x8b"


class InputError(ValueError):
    """Input that cannot be read as its kind; the message is the one-line reason written to the report."""


@dataclass
class Document:
    """One article-sized record from an HTML page, a WARC response or a scraper's record.

    `paragraphs` are the text as the extractor or scraper gave it; everything else is metadata the input
    carried (None when it carried none). Dates: `date` is the original publication date (htmldate's
    `original_date=True`), `updated_date` the last modification it found; `fetch_date` is when the page was
    fetched (WARC-Date), timezone-aware UTC."""

    source_file: str
    sha256: str                     # of the bytes this document was read from (the file, or the record's body)
    n_bytes: int
    kind: str                       # input kind: 'html', 'warc', 'json-lines', 'json', 'parquet'
    paragraphs: list[str]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_text: str | None = None
    updated_date: dt.date | None = None
    description: str | None = None  # the page's own summary (meta/og description, a scraper's description
                                    # field): its standfirst when the text prints none (`inputs.units`)
    standfirst: str | None = None   # HTML: the standfirst printed under the headline that the extractor kept as
                                    # its first paragraph (taken out of `paragraphs`): the subtitle as printed
    site_name: str | None = None
    url: str | None = None          # the canonical URL when the page declares one, else the fetched URL
    fetch_url: str | None = None    # the URL the page was fetched from (WARC-Target-URI)
    language: str | None = None     # as the input declares it (<html lang>, a record's field); used when the
                                    # text is too short to identify
    tags: list[str] = field(default_factory=list)
    fetch_date: dt.datetime | None = None
    warc_record_id: str | None = None
    record: str | None = None       # where in a container file: 'offset 1234', 'line 17', 'row 3'
    encoding: str = "utf-8"
    extraction: str = ""            # how the text was obtained (tool, version, decision)
    repairs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False         # the scraper says it cut the text short (a record layout's `cut_mark`)
    # HTML: short lines printed between the headline and the main text that the extractor left out, as
    # (text, tree path); read as a text page's header for the byline and the dates (`inputs.units.printed_header`)
    printed_lines: list[tuple[str, str]] = field(default_factory=list)
    # HTML: short lines printed right after the main text, where a paywall prints its prompt ('Subscribe to
    # read', '…'): the article is then `truncated` (`inputs.units`)
    closing_lines: list[str] = field(default_factory=list)
    # HTML: the main text's first paragraph is printed as a standfirst is (a sub-heading, in the article's
    # <header>): a standfirst when it is the page's description (`inputs.units`)
    amp: bool = False               # HTML: an AMP rendering of a page (`<html amp>`), a secondary copy of it
    # HTML: the page's <title> element as printed (a site's error, consent and legal pages say what they are
    # there), and how many teasers its main text is made of (a listing page; 0: it holds running text)
    page_title: str | None = None
    teasers: int = 0
    path_url: str | None = None     # the `url` when only the file's place in a mirror folder gives one

    def render(self) -> str:
        """The page text the segmenter reads: the title on the first line, then each paragraph after a blank
        line. Only text the input holds: no byline or date line is invented (those come as metadata)."""
        parts = ([self.title.strip()] if self.title and self.title.strip() else []) + \
                [" ".join(p.split()) for p in self.paragraphs if p.strip()]
        return "\n\n".join(parts) + ("\n" if parts else "")


def replacement_characters_warning(paragraphs: list[str], put_here: int = 0) -> list[str]:
    """A warning when the text the input gives already holds U+FFFD replacement characters (characters the
    scraper or the page lost before we read it): kept as they are, never silently. `put_here`: how many of
    them decoding put for invalid bytes (a repair of its own), not counted."""
    found = sum(p.count("\ufffd") for p in paragraphs) - put_here
    return [f"the text holds {found} U+FFFD replacement character(s) as the input gives it (characters lost "
            "before this build read it); kept as they are"] if found else []


def gunzip_capped(data: bytes, what: str | None, cap: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """The decompressed bytes of a gzip stream (all members), refusing to inflate more than `cap` bytes.

    Raises InputError for a gzip bomb (more than `cap` bytes) or a damaged stream; its message starts with
    `what` (e.g. a WARC record's place) when given (a file's report names the file already)."""
    prefix = f"{what}: " if what else ""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        try:
            while chunk := stream.read(1 << 20):
                out.write(chunk)
                if out.tell() > cap:
                    raise InputError(f"{prefix}gzip data decompresses to more than {cap // 2**20} MiB "
                                     "(stopped there: a gzip bomb, or not a page)")
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{prefix}damaged gzip data ({exc})") from None
    return out.getvalue()
