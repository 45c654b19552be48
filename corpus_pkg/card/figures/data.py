"""What the figures read: the build's Parquet columns (`BuildData`, `load`), and small shared helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...config import SPLITS
from ...report import FileReport
from ...write import release_memory
from ...schema import Article, arrow_schema
from ..layout import CONFIG, READ_BATCH, read, shards, streamed


ARTICLE_COLUMNS = ["id", "outlet", "host_site", "published_date", "word_count", "n_copies", "kind", "truncated",
                   "duplicate_group", "language", "rights_status", "rights_holder", "authors", "byline", "urls",
                   "provenance.list.element.host_site", "provenance.list.element.repost_date",
                   "provenance.list.element.fetch_date"]
PAGE_COLUMNS = ["source_file", "record", "input_kind"]
#: Columns whose values repeat across articles (outlets, sites, labels, the split): held dictionary-encoded,
#: a 4-byte code per row and each distinct string once, instead of a string per row.
REPEATED = ("outlet", "host_site", "kind", "language", "rights_status", "rights_holder", "split", "input_kind")
#: Columns of the articles the figures only ask one question of, held as that answer (a boolean per article):
#: `authors` and `urls` empty, `byline` null (null where the list itself is null, as `list_value_length` gives).
PRESENCE = {"authors_empty": lambda b: pc.equal(pc.list_value_length(b.column("authors")), 0),
            "urls_empty": lambda b: pc.equal(pc.list_value_length(b.column("urls")), 0),
            "byline_null": lambda b: pc.is_null(b.column("byline"))}
#: The parts of the pages' line audit the figures read, shard by shard (see `_audit`).
SPAN_COLUMNS = ["spans.list.element.line_start", "spans.list.element.line_end", "spans.list.element.role",
                "spans.list.element.article_id"]
NOT_NAMED = "(not named)"
NO_HOST = "(no re-poster printed)"
#: Below this many articles an evaluation split gets a warning: the 95% margin of error of an accuracy
#: measured on n items is up to 1.96 * sqrt(0.25 / n), i.e. ±9.8 percentage points at n = 100.
MIN_EVAL_ARTICLES = 100
EVAL_SPLITS = ("validation", "test")
UNDETERMINED = "und"        # the `language` of texts too short to identify
FILES_LISTED = 100          # input files listed one by one in the card; more are summarised
EXAMPLE_WORDS = 60          # words of an example's text shown in the card
MARKER = re.compile(r"<!-- figure: (?P<name>[a-z_]+) -->\n(?P<body>.*?)<!-- /figure: (?P=name) -->", re.S)


@dataclass
class FileGroups:
    """The input files' reports added up in one pass (a report kept on disk, `report.FileReports`, parses each
    entry again whenever it is read): files skipped; files, bytes and articles found per (status, page type);
    the first FILES_LISTED files not simply read, and how many there are."""

    skipped: int = 0
    groups: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    unusual: list[FileReport] = field(default_factory=list)
    n_unusual: int = 0

    @classmethod
    def of(cls, files: Iterable[FileReport]) -> FileGroups:
        tally = cls()
        for f in files:
            totals = tally.groups.setdefault((f.status, f.page_type or "–"), [0, 0, 0])
            totals[0], totals[1], totals[2] = totals[0] + 1, totals[1] + f.n_bytes, totals[2] + f.n_articles
            tally.skipped += f.status == "skipped"
            if f.status != "read":
                tally.n_unusual += 1
                if len(tally.unusual) < FILES_LISTED:
                    tally.unusual.append(f)
        return tally


@dataclass
class BuildData:
    """The columns the card's figures need, read once from a built folder, and the build's file list.
    `articles` holds ARTICLE_COLUMNS as `compact_articles` makes them (REPEATED columns dictionary-encoded,
    `authors`, `urls` and `byline` replaced by PRESENCE's booleans), `copies` and `pages` likewise."""

    out_dir: Path
    articles: pa.Table
    copies: pa.Table          # one row per provenance entry: the article's outlet and the copy's host/date
    pages: pa.Table
    outlets: list[dict]       # the outlets table is small: plain rows
    files: Sequence[FileReport]    # list, or report.FileReports (on disk)
    bylined: pa.Array | None = None      # ids of the articles with a line the pages audit marks `byline`
    page_majority: pa.Table | None = None  # per page with article lines: the split holding most of them

    @cached_property
    def file_groups(self) -> FileGroups:
        """`files` added up once (`FileGroups`), for the figures that count them."""
        return FileGroups.of(self.files)


def load(out_dir: Path, files: Sequence[FileReport]) -> BuildData:
    """The figures' columns of a built folder (`BuildData`), read READ_BATCH articles at a time and each batch
    made compact (`compact_articles`) before the next is read, so the strings of a whole column are never held.

    Why: the card stage's peak memory grew about 1.5 KB per article with the articles' columns read as they
    are stored (0.35 KB of Arrow data, the rest the allocator's slack around the decoded batches); counts
    over dictionary codes and booleans are the same counts."""
    articles, copies = load_articles(out_dir)
    bylined, majority = _audit(out_dir, articles)
    pages = read(out_dir, "pages", PAGE_COLUMNS)
    pages = pa.table({name: _encoded(name, pages.column(name)) for name in pages.column_names})
    pages = pages.unify_dictionaries().combine_chunks()
    return BuildData(out_dir=Path(out_dir), articles=articles, copies=copies, pages=pages,
                     outlets=read(out_dir, "outlets").to_pylist(), files=files, bylined=bylined,
                     page_majority=majority)


def load_articles(out_dir: Path) -> tuple[pa.Table, pa.Table]:
    """`BuildData.articles` and `BuildData.copies` alone (see `load`): what the outlets' counts need."""
    articles, copies = [], []
    for split, batch in _article_batches(out_dir):
        kept, copied = compact_articles(batch, split)
        articles.append(kept)
        copies.append(copied)
    if not articles:    # no shard at all: an empty table that still has the model's types
        kept, copied = compact_articles(pa.RecordBatch.from_pylist([], schema=arrow_schema(Article)), SPLITS[0])
        articles, copies = [kept], [copied]
    articles, copies = (pa.concat_tables(parts).unify_dictionaries().combine_chunks() for parts in (articles, copies))
    release_memory()    # the decoded batches
    return articles, copies


def _article_batches(out_dir: Path) -> Iterator[tuple[str, pa.RecordBatch]]:
    """(split, batch of ARTICLE_COLUMNS) of the `default` config, READ_BATCH rows at a time, shard by shard."""
    for split, paths in shards(out_dir, CONFIG["default"].folder).items():
        for path in paths:
            with streamed(path) as parquet:
                for batch in parquet.iter_batches(batch_size=READ_BATCH, columns=ARTICLE_COLUMNS, use_threads=False):
                    yield split, batch
            release_memory()


def compact_articles(batch: pa.RecordBatch, split: str) -> tuple[pa.Table, pa.Table]:
    """(articles, copies) of one batch of ARTICLE_COLUMNS in `split`: the articles' columns with REPEATED ones
    dictionary-encoded and PRESENCE's booleans for `authors`, `urls` and `byline`, plus `split`; and one row
    per provenance entry (the article's outlet, the copy's host_site, repost_date and fetch_date)."""
    columns = {name: _encoded(name, batch.column(name)) for name in dict.fromkeys(c.split(".")[0] for c in ARTICLE_COLUMNS)
               if name not in ("provenance", "authors", "urls", "byline")}
    columns.update({name: answer(batch) for name, answer in PRESENCE.items()})
    columns["split"] = pa.DictionaryArray.from_arrays(pa.array(np.zeros(batch.num_rows, np.int32)),
                                                     pa.array([split], pa.string()))
    provenance = batch.column("provenance")
    flat = pc.list_flatten(provenance)
    copies = pa.table({"outlet": columns["outlet"].take(pc.list_parent_indices(provenance)),
                       "host_site": _encoded("host_site", flat.field("host_site")),
                       "repost_date": flat.field("repost_date"), "fetch_date": flat.field("fetch_date")})
    return pa.table(columns), copies


def _encoded(name: str, column):
    """Column `name` dictionary-encoded if it is a REPEATED string column (nulls stay nulls), else as it is."""
    return column.dictionary_encode() if name in REPEATED and pa.types.is_string(column.type) else column


def span_batches(out_dir: Path) -> Iterator[pa.RecordBatch]:
    """The `pages` config's line audit (`SPAN_COLUMNS`), READ_BATCH pages at a time in page order, one shard file
    open at a time (its memory released before the next): a page never spans two batches."""
    for paths in shards(out_dir, CONFIG["pages"].folder).values():
        for path in paths:
            with streamed(path) as parquet:
                yield from parquet.iter_batches(batch_size=READ_BATCH, columns=SPAN_COLUMNS, use_threads=False)
            release_memory()


def _audit(out_dir: Path, articles: pa.Table) -> tuple[pa.Array, pa.Table]:
    """From the pages' line audit, read one row group at a time: the ids of articles with a `byline` line,
    and for each page with article lines the split that holds most of them (ties: the earlier split), which
    is the rule the build places pages by (`pass2.page_splits`). Each batch's pages are weighed with
    numpy (`np.bincount`), not an Arrow `group_by`, whose thread pool's allocators kept about 3 KB per
    article of freed memory in the card stage (measured at 12k articles: +36 MB, against +12 MB with one
    thread and nothing with numpy); pages never span two batches, so each batch's answer is final."""
    split_code = pc.index_in(articles.column("split"), value_set=pa.array(SPLITS)).combine_chunks()
    bylined, pages, splits, first = [], [], [], 0
    for batch in span_batches(out_dir):
        spans = batch.column(0)
        flat = pc.list_flatten(spans)
        bylined.append(pc.filter(flat.field("article_id"), pc.equal(flat.field("role"), "byline")))
        index = pc.index_in(flat.field("article_id"), value_set=articles.column("id"))
        valid = pc.is_valid(index).to_numpy(zero_copy_only=False)
        page = pc.list_parent_indices(spans).to_numpy()[valid]
        split = split_code.take(pc.drop_null(index)).to_numpy(zero_copy_only=False)
        lines = (flat.field("line_end").to_numpy(zero_copy_only=False)
                 - flat.field("line_start").to_numpy(zero_copy_only=False) + 1)[valid]
        weight = np.bincount(page * len(SPLITS) + split, weights=lines,
                             minlength=batch.num_rows * len(SPLITS)).reshape(batch.num_rows, len(SPLITS))
        weighed = np.flatnonzero(np.bincount(page, minlength=batch.num_rows) > 0)
        pages.append(weighed + first)
        splits.append(np.argmax(weight[weighed], axis=1))   # the first of equal weights: the earlier split
        first += batch.num_rows
    ids = pc.unique(pa.chunked_array(bylined, pa.string()))
    majority = pa.table({"page": pa.array(np.concatenate(pages) if pages else [], pa.int64()),
                         "split": pa.array(np.concatenate(splits) if splits else [], pa.int32())})
    return ids, majority


# ------------------------------------------------------------------------------------------------
# Small helpers


def counts(table: pa.Table, *keys: str) -> list[tuple]:
    """(key values..., count) for every distinct combination, most frequent first, then by key (nulls last)."""
    if table.num_rows == 0:
        return []
    # one thread: the thread pool's allocators would keep the freed hash tables of a whole column (see `_audit`);
    # the order the groups come in does not matter, they are sorted below
    rows = table.group_by(list(keys), use_threads=False).aggregate([([], "count_all")]).to_pylist()
    tuples = [(*(r[k] for k in keys), r["count_all"]) for r in rows]
    return sorted(tuples, key=lambda t: (-t[-1], [(v is None, str(v)) for v in t[:-1]]))


def md_table(headers: list[str], rows: list[list]) -> str:
    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 article', '2 articles'; `nouns`: the plural when it is not `noun` + 's' ('copy', 'copies')."""
    return f"{n} {noun}" if n == 1 else f"{n} {nouns or noun + 's'}"


def share(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "–"


def size_category(n: int) -> str:
    """The Hub's `size_categories` value for n rows."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
              (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B")]
    return next((label for bound, label in bounds if n < bound), "n>1T" if n > 10**12 else "1B<n<10B")


def _sum(array) -> int:
    return pc.sum(array).as_py() or 0


def distinct(column: pa.ChunkedArray) -> int:
    """How many distinct non-null values a column holds, plain or dictionary-encoded (`pc.count_distinct`
    has no dictionary kernel; `pc.unique` has, and gives each value once)."""
    values = pc.unique(column)
    return len(values) - values.null_count


def outlet_counts(d: BuildData) -> tuple[Counter, Counter]:
    """Articles per named outlet, and article copies per named re-posting site (the outlets table's counts)."""
    return (Counter({o: n for o, n in counts(d.articles, "outlet") if o}),
            Counter({h: n for h, n in counts(d.copies, "host_site") if h}))


def date_range(d: BuildData) -> tuple[str, str] | None:
    """First and last publication date printed for the articles (ISO), or None when no article is dated."""
    if d.articles.num_rows == 0 or d.articles.column("published_date").null_count == d.articles.num_rows:
        return None
    bounds = pc.min_max(d.articles.column("published_date")).as_py()
    return bounds["min"].isoformat(), bounds["max"].isoformat()


def latest_printed_date(d: BuildData) -> str | None:
    """The latest date printed anywhere (publication or re-post): the pages were collected after it."""
    dates = [v for v in (pc.max(d.articles.column("published_date")).as_py() if d.articles.num_rows else None,
                         pc.max(d.copies.column("repost_date")).as_py() if d.copies.num_rows else None) if v]
    return max(dates).isoformat() if dates else None


def fetch_span(d: BuildData) -> tuple[int, int, dt.datetime, dt.datetime] | None:
    """The article copies that carry a fetch date (WARC-Date, a scraper's download time): (how many, of how many
    copies, earliest, latest, UTC); None when none does. The one source of every collection-date figure."""
    column = d.copies.column("fetch_date")
    dated = len(column) - column.null_count
    if not dated:
        return None
    bounds = pc.min_max(column).as_py()
    return dated, len(column), bounds["min"], bounds["max"]


def describe_fetch_span(d: BuildData) -> str:
    """`fetch_span` in words, e.g. "2022-09-01 10:00 to 2024-02-11 09:00 UTC; 5 of the 18 article copies (27.8%)
    carry a fetch date"; "none" when no copy does."""
    span = fetch_span(d)
    if span is None:
        return "none"
    dated, total, first, last = span
    return (f"{first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} UTC; {dated} of the {total} article copies "
            f"({share(dated, total)}) carry a fetch date")
