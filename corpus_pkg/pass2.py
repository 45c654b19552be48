"""Pass 2: the spooled units and pages read back in order, completed with what deduplication decided (ids, copies,
splits) and routed to the stager of their split.

Pass 2 works on Arrow columns and numpy arrays, never on a Python object per row or per span: the rows the spools
hold are copied, taken and filtered as columns, and only what deduplication decided is computed, as arrays. Its
output is the same as that of the per-row code it replaced (issue 15; `tests/test_pass2_columns.py` checks both on
generated pages). The local engine (`pipeline.write_splits`) and the Ray engine's tasks call these functions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .config import SPLITS, BuildConfig
from .dedup import DedupResult
from .plan import Plan, Staged, hash_codes, leaves_a_split_empty
from .rights import TEXT_WITHHELD, restriction
from .schema import Article, Page, arrow_schema
from .split import fill_empty_splits, unit_interval
from .reader import unit_schema
from .write import SplitStager, WrittenSplit


def write_articles(config: BuildConfig, staged: Staged, plan: Plan, work: Path, out: Path) -> list[WrittenSplit]:
    """Each kept copy that is an article, completed with what deduplication decided, to its split."""
    copies = copy_provenance(staged.units.batches(columns=COPY_COLUMNS), 0, plan.dedup)
    stagers = [SplitStager(work, out, "data", s, arrow_schema(Article), config.parquet) for s in SPLITS]
    for table, codes in article_tables(staged.units.batches(), 0, plan, copies, staged.spellings):
        route(table, codes, stagers)
    return [stager.finish() for stager in stagers]


#: The columns of a spooled unit that pass 2 reads of the extra copies of an article: their provenance entries, and
#: their rights decisions (the article gets the most restrictive decision among its copies: `rights.restriction`).
RIGHTS_COLUMNS = ["rights_action", "rights_status", "rights_holder"]
#: An article's metadata that one copy may know and another not (a page's text printed no URL or date that a
#: scraper's record of the same article gives): each group is taken together, when the kept copy's first field of
#: the group is empty (null or an empty list), from the first extra copy in input order that has it
#: (`filled_metadata`). The rights holder is outlet-level: it comes with the outlet, with its status. The text,
#: title and everything else stay the kept copy's (`dedup.copy_rank`).
FILLED_GROUPS = (("authors", "byline"), ("outlet", "outlet_evidence", *RIGHTS_COLUMNS[1:]),
                 ("published_date", "published_date_text"), ("modified_date",), ("urls",), ("tags",))
COPY_COLUMNS = list(dict.fromkeys(["provenance", *RIGHTS_COLUMNS, *(name for group in FILLED_GROUPS for name in group)]))


@dataclass
class Copies:
    """The provenance entries and rights decisions of the extra copies of articles printed more than once (every
    unit that is not its article's kept copy), ordered by the kept copy they belong to, then in input order."""

    kept: np.ndarray        # int64, sorted: the kept copy (unit index) of each extra copy
    provenance: pa.Array    # the extra copies' provenance entries (`unit_schema()`'s struct), aligned with kept
    columns: pa.Table       # the extra copies' other COPY_COLUMNS (rights decisions, metadata), aligned with kept

    def of(self, units: np.ndarray) -> tuple[np.ndarray, pa.Array, pa.Table]:
        """For the kept copies `units`: how many extra copies each has, and their provenance entries and other
        COPY_COLUMNS, those of units[0] first."""
        low = np.searchsorted(self.kept, units, side="left")
        counts = np.searchsorted(self.kept, units, side="right") - low
        taken = pa.array(concatenated_ranges(low, counts), pa.int64())
        return counts, self.provenance.take(taken), self.columns.take(taken)


def concatenated_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """starts[0] .. starts[0] + counts[0] - 1, then starts[1] .. starts[1] + counts[1] - 1, ... in one array."""
    counts = np.asarray(counts, dtype=np.int64)
    before = np.cumsum(counts) - counts
    return np.repeat(np.asarray(starts, dtype=np.int64) - before, counts) + np.arange(int(counts.sum()), dtype=np.int64)


def copy_provenance(batches: Iterable[pa.RecordBatch], start: int, dedup: DedupResult) -> Copies:
    """`Copies` from the COPY_COLUMNS of spooled units (`batches`, the first being unit `start`)."""
    extra = ~dedup.is_kept()
    units, found = [], []
    for batch in batches:
        chosen = np.flatnonzero(extra[start : start + batch.num_rows])
        if len(chosen):
            units.append(start + chosen)
            found.append(batch.select(COPY_COLUMNS).take(pa.array(chosen, pa.int64())))
        start += batch.num_rows
    return copies_of(np.concatenate(units) if units else np.zeros(0, np.int64),
                     pa.Table.from_batches(found, copy_schema()), dedup)


def copy_schema() -> pa.Schema:
    """The schema of COPY_COLUMNS (those of `unit_schema()`)."""
    schema = unit_schema()
    return pa.schema([schema.field(name) for name in COPY_COLUMNS])


def copies_of(units: np.ndarray, columns: pa.Table, dedup: DedupResult) -> Copies:
    """`Copies` from extra copies `units` (in input order) and their COPY_COLUMNS (aligned)."""
    by_kept = np.argsort(dedup.article_of[units], kind="stable")
    columns = columns.take(pa.array(by_kept, pa.int64())).combine_chunks()
    provenance = columns.column("provenance")
    provenance = provenance.chunk(0) if provenance.num_chunks else pa.array([], provenance.type)
    return Copies(dedup.article_of[units][by_kept], provenance, columns.select(COPY_COLUMNS[1:]))


def hex_ids(keys: np.ndarray, valid: np.ndarray | None = None) -> pa.StringArray:
    """f"{key:016x}" of each 64-bit key (an article or group id), as an Arrow string array, without a Python
    string per key: each byte of the big-endian key gives two hex digits. `valid`: where False, a null (no
    characters stored for it, as `pa.array` stores a None)."""
    valid = np.ones(len(keys), dtype=bool) if valid is None else np.asarray(valid, dtype=bool)
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    octets = np.ascontiguousarray(keys[valid], dtype=">u8").view(np.uint8).reshape(-1, 8)
    chars = np.empty((len(octets), 16), dtype=np.uint8)
    chars[:, 0::2] = digits[octets >> 4]
    chars[:, 1::2] = digits[octets & 15]
    offsets = np.zeros(len(keys) + 1, dtype=np.int32)
    np.cumsum(valid * 16, out=offsets[1:])
    nulls = len(keys) - len(octets)
    bitmap = pa.array(valid).buffers()[1] if nulls else None
    return pa.Array.from_buffers(pa.string(), len(keys), [bitmap, pa.py_buffer(offsets), pa.py_buffer(chars)],
                                 null_count=nulls)


def article_tables(batches: Iterable[pa.RecordBatch], start: int, plan: Plan, copies: Copies,
                   spellings: dict[str, str]) -> Iterator[tuple[pa.Table, np.ndarray]]:
    """(articles, their split codes) for each batch of spooled units, the first being unit `start`: the kept
    copies that are articles, completed with what deduplication decided. `copies`: the provenance of the extra
    copies (`copy_provenance`); `spellings`: an author's printed form -> the dataset's one spelling
    (`Staged.spellings`). Each article's provenance is its own entry, then those of its other copies in input
    order."""
    dedup = plan.dedup
    schema = arrow_schema(Article)
    printed, canonical = pa.array(list(spellings), pa.string()), pa.array(list(spellings.values()), pa.string())
    for batch in batches:
        chosen = np.flatnonzero(plan.is_article[start : start + batch.num_rows])
        rows, units = batch.take(pa.array(chosen, pa.int64())), start + chosen
        n_extra, extra, extra_columns = copies.of(units)
        decided = filled_metadata(rows, n_extra, extra_columns)
        action, status, holder = article_rights(rows, n_extra, extra_columns, decided)
        withheld = pc.equal(action, "withhold_text")
        decided |= {
            "provenance": _provenance_lists(rows.column("provenance"), n_extra, extra, schema.field("provenance").type),
            "n_copies": pa.array(n_extra + 1, pa.int32()),
            "duplicate_group": hex_ids(dedup.keys[dedup.group_of[units]]),
            "text": pc.if_else(withheld, "", rows.column("text")),
            "rights_status": pc.if_else(withheld, "withheld", status),
            "rights_holder": holder,
        }
        if spellings:     # one spelling per person across the dataset (see people.py)
            authors = decided.get("authors", rows.column("authors"))
            names = pc.list_flatten(authors)
            respelled = pc.coalesce(canonical.take(pc.index_in(names, value_set=printed)), names)
            offsets = pc.subtract(authors.offsets, authors.offsets[0])
            decided["authors"] = pa.ListArray.from_arrays(offsets, respelled, type=schema.field("authors").type)
        yield (pa.Table.from_arrays([decided[n] if n in decided else rows.column(n) for n in schema.names], schema=schema),
               plan.split[units])
        start += batch.num_rows


def filled_metadata(rows: pa.RecordBatch, n_extra: np.ndarray, extra: pa.Table) -> dict[str, pa.Array]:
    """The FILLED_GROUPS columns of the articles (`rows`: their kept copies' rows) that some article takes from an
    extra copy because its kept copy's is empty; columns no article changes are left out. `n_extra` and `extra`:
    the articles' extra copies and their COPY_COLUMNS (`Copies.of`), grouped by article in input order."""
    filled: dict[str, pa.Array] = {}
    if not extra.num_rows:
        return filled
    extra = extra.combine_chunks()
    article = np.repeat(np.arange(len(n_extra)), n_extra)
    for group in FILLED_GROUPS:
        has = np.flatnonzero(~_empty(extra.column(group[0]).chunk(0)))
        articles, first = np.unique(article[has], return_index=True)    # the first copy of each that has it
        wanting = _empty(rows.column(group[0]))[articles]
        if not wanting.any():
            continue
        index = np.arange(len(n_extra), dtype=np.int64)
        index[articles[wanting]] = len(n_extra) + has[first[wanting]]
        for name in group:
            filled[name] = pa.concat_arrays([rows.column(name), extra.column(name).chunk(0)]).take(pa.array(index))
    return filled


def _empty(column: pa.Array) -> np.ndarray:
    """Per value: null, or an empty list."""
    empty = pc.equal(pc.list_value_length(column), 0) if pa.types.is_list(column.type) else pc.is_null(column)
    return np.asarray(pc.fill_null(empty, True), dtype=bool)


def article_rights(rows: pa.RecordBatch, n_extra: np.ndarray, extra: pa.Table,
                   filled: dict[str, pa.Array] | None = None) -> tuple[pa.Array, pa.Array, pa.Array]:
    """The rights_action, rights_status and rights_holder of each article (`rows`: its kept copy's row): the most
    restrictive decision (`rights.restriction`) among all its copies, the kept copy's among equals, else that of
    the first extra copy in input order among the most restrictive. `n_extra` and `extra`: the articles' extra
    copies and their RIGHTS_COLUMNS (`Copies.of`); `filled`: the columns taken from another copy
    (`filled_metadata`): an article whose outlet came from another copy has that copy's rights holder and status
    as its own. The kept copy's own columns when no copy outranks it."""
    own = [(filled or {}).get(name, rows.column(name)) for name in RIGHTS_COLUMNS]
    if not extra.num_rows:
        return tuple(own)
    extra = extra.combine_chunks()
    extra_rank = restriction(extra.column("rights_action"), extra.column("rights_status"))
    article = np.repeat(np.arange(len(n_extra)), n_extra)
    # grouped by article already: sorting by (article, rank down, input order) leaves each article's block in place
    order = np.lexsort((np.arange(len(article)), -extra_rank, article))
    has_extra = np.flatnonzero(n_extra)
    best = order[(np.cumsum(n_extra) - n_extra)[has_extra]]
    outranks = extra_rank[best] > restriction(own[0], own[1])[has_extra]
    if not outranks.any():
        return tuple(own)
    index = np.arange(len(n_extra), dtype=np.int64)
    index[has_extra[outranks]] = len(n_extra) + best[outranks]
    taken = pa.array(index)
    return tuple(pa.concat_arrays([column, extra.column(name).chunk(0)]).take(taken)
                 for column, name in zip(own, RIGHTS_COLUMNS))


def _provenance_lists(own: pa.Array, n_extra: np.ndarray, extra: pa.Array, list_type: pa.DataType) -> pa.ListArray:
    """Per article, [its own provenance entry, then its n_extra extra copies' entries] (`extra`: all of them,
    those of the first article first)."""
    lengths = n_extra + 1
    offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    if len(extra):
        index = np.empty(int(offsets[-1]), dtype=np.int64)
        is_own = np.zeros(len(index), dtype=bool)
        is_own[offsets[:-1]] = True
        index[is_own] = np.arange(len(own))
        index[~is_own] = len(own) + np.arange(len(extra))
        own = pa.concat_arrays([own, extra]).take(pa.array(index))
    return pa.ListArray.from_arrays(pa.array(offsets), own, type=list_type)


def route(table: pa.Table, codes: np.ndarray, stagers: list[SplitStager]) -> None:
    """Rows to the stager of their split code, in order."""
    if not table.num_rows:
        return
    for code, stager in enumerate(stagers):
        mask = codes == code
        if mask.all():
            stager.append_table(table)
        elif mask.any():
            stager.append_table(table.filter(pa.array(mask)))


def write_pages(config: BuildConfig, staged: Staged, plan: Plan, work: Path,
                 out: Path) -> tuple[list[WrittenSplit], list[str]]:
    """The pages config: each page with its audit, to the split `page_splits` gives it; returns its splits and
    the report's notes of a page moved to fill an empty split."""
    notes: list[str] = []
    split = page_splits(config, staged, plan, notes)
    stagers = [SplitStager(work, out, "pages", s, arrow_schema(Page), config.parquet) for s in SPLITS]
    for table, codes in page_tables(staged.pages.batches(), staged.first_unit, plan, split):
        route(table, codes, stagers)
    return [stager.finish() for stager in stagers], notes


def page_tables(batches: Iterable[pa.RecordBatch], first_unit: np.ndarray, plan: Plan,
                split: np.ndarray) -> Iterator[tuple[pa.Table, np.ndarray]]:
    """(pages, their split codes) for each batch of spooled pages; `first_unit` and `split`: per page of the
    batches, the index of its first unit and its split code. The body lines of articles whose text the rights
    policy withholds or excludes are emptied (the lines stay, so line numbers hold), or the page would ship what
    the articles config leaves out."""
    schema = arrow_schema(Page)
    page = 0
    for batch in batches:
        spans = article_spans(batch.column("spans"), first_unit[page : page + batch.num_rows], plan,
                              schema.field("spans").type)
        columns = {"spans": spans, "text": batch.column("text")}
        if pc.any(pc.equal(pc.list_flatten(spans).field("detail"), TEXT_WITHHELD)).as_py():
            columns["text"] = pa.array([_without_withheld_lines(text, page_spans) for text, page_spans
                                        in zip(batch.column("text").to_pylist(), spans.to_pylist())], pa.string())
        yield (pa.Table.from_arrays([columns.get(n, batch.column(n)) for n in schema.names], schema=schema),
               split[page : page + batch.num_rows])
        page += batch.num_rows


def page_splits(config: BuildConfig, staged: Staged, plan: Plan, notes: list[str]) -> np.ndarray:
    """Each page's split: that of most of its article lines (so most of a test article's page is in
    pages/test), else where the hash of its bytes falls; then a split left empty gets the nearest page
    (`split.fill_empty_splits`), each move added to `notes`."""
    split, position = page_split_weights(config, staged.pages.batches(columns=["sha256", "spans"]),
                                         staged.first_unit[:-1], plan)
    return settle_page_splits(config, split, position, staged.pages, notes)


def _flat_spans(spans: pa.ListArray, first_unit: np.ndarray) -> tuple[np.ndarray, dict, np.ndarray, np.ndarray]:
    """The spans of a batch of pages, flattened: (offsets per page, rebased to 0; the span fields as arrays;
    each span's page, counted from the batch's first; the unit of each span as an index into the whole
    build's units, -1 for spans of no unit). `first_unit`: per page of the batch, the index of its first unit."""
    offsets = spans.offsets.to_numpy()
    flat = spans.values.slice(offsets[0], offsets[-1] - offsets[0])
    offsets = offsets - offsets[0]
    fields = dict(zip((f.name for f in flat.type), flat.flatten()))
    page = np.repeat(np.arange(len(spans)), np.diff(offsets))
    unit = pc.fill_null(fields["unit"], -1).to_numpy()
    unit = np.where(unit >= 0, np.asarray(first_unit, dtype=np.int64)[page] + unit, -1)
    return offsets, fields, page, unit


def page_split_weights(config: BuildConfig, batches: Iterable[pa.RecordBatch], first_unit: np.ndarray,
                       plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """For the pages of `batches` (columns sha256, spans; `first_unit` per page): the split code of most of its
    article lines (-1: none; a tie goes to the earlier split) and the position of the hash of its bytes in [0, 1)."""
    n_pages = len(first_unit)
    split = np.full(n_pages, -1, dtype=np.int8)
    position = np.zeros(n_pages, dtype=np.float64)
    page = 0
    for batch in batches:
        n = batch.num_rows
        _, fields, span_page, unit = _flat_spans(batch.column(1), first_unit[page : page + n])
        article = plan.dedup.article_of[np.maximum(unit, 0)]
        counted = (unit >= 0) & plan.is_article[article]
        cell = span_page[counted] * len(SPLITS) + plan.split[article[counted]]
        lines = (fields["line_end"].to_numpy() - fields["line_start"].to_numpy() + 1)[counted]
        weight = np.bincount(cell, weights=lines, minlength=n * len(SPLITS)).reshape(n, len(SPLITS))
        weighed = np.bincount(span_page[counted], minlength=n) > 0
        split[page : page + n] = np.where(weighed, np.argmax(weight, axis=1), -1)
        position[page : page + n] = [unit_interval(sha256, config.split.salt) for sha256 in batch.column(0).to_pylist()]
        page += n
    return split, position


def settle_page_splits(config: BuildConfig, split: np.ndarray, position: np.ndarray, pages,
                       notes: list[str]) -> np.ndarray:
    """Every page's split code: its weighted split, else its hash's; then `split.fill_empty_splits` when a split
    would be empty (a small corpus; `pages` is read for the pages' names only then), each page it moves added to
    `notes`. A page is named by its file and, for a page of a container (a WARC, JSON Lines...), its record: the
    pages of one file are never taken for one page."""
    split = split.copy()
    unweighted = split < 0
    split[unweighted] = hash_codes(position[unweighted], config)
    if leaves_a_split_empty(split, config):
        names = [f"{name} ({record})" if record else name for b in pages.batches(columns=["source_file", "record"])
                 for name, record in zip(b.column(0).to_pylist(), b.column(1).to_pylist())]
        split_of_page = {name: SPLITS[code] for name, code in zip(names, split.tolist())}
        notes += [f"page {note}" for note in
                  fill_empty_splits(split_of_page, dict(zip(names, position.tolist())), config.split)]
        split = np.array([SPLITS.index(split_of_page[name]) for name in names], dtype=np.int8)
    return split


def article_spans(spans: pa.ListArray, first_unit: np.ndarray, plan: Plan, list_type: pa.DataType) -> pa.ListArray:
    """A batch of pages' spans naming a unit of their page -> spans naming its article (`Plan.article_id`), the
    body of an article whose text is held back marked TEXT_WITHHELD, and neighbours merged: a span that follows
    one of the same page with the same role, detail and article and starts on the next line extends it.
    `first_unit`: per page, the index of its first unit."""
    offsets, fields, page, unit = _flat_spans(spans, first_unit)
    has_unit = unit >= 0
    key = plan.dedup.keys[plan.dedup.article_of[np.maximum(unit, 0)]]
    held = has_unit & plan.held_back[np.maximum(unit, 0)] & pc.equal(fields["role"], "body").to_numpy(zero_copy_only=False)
    detail = pc.if_else(pa.array(held), TEXT_WITHHELD, fields["detail"]) if held.any() else fields["detail"]
    line_start, line_end = fields["line_start"].to_numpy(), fields["line_end"].to_numpy()
    role = pc.dictionary_encode(fields["role"], null_encoding="encode").indices.to_numpy()
    detail_code = pc.dictionary_encode(detail, null_encoding="encode").indices.to_numpy()
    extends = np.zeros(len(unit), dtype=bool)      # the span extends the one before it
    extends[1:] = ((page[1:] == page[:-1]) & (role[1:] == role[:-1]) & (detail_code[1:] == detail_code[:-1])
                   & (has_unit[1:] == has_unit[:-1]) & (~has_unit[1:] | (key[1:] == key[:-1]))
                   & (line_end[:-1] == line_start[1:] - 1))
    first = np.flatnonzero(~extends)
    last = np.append(first[1:], len(unit))[: len(first)] - 1     # empty when the batch has no span
    taken = pa.array(first, pa.int64())
    article_id = hex_ids(key[first], has_unit[first])
    merged = pa.StructArray.from_arrays(
        [pa.array(line_start[first], pa.int32()), pa.array(line_end[last], pa.int32()), fields["role"].take(taken),
         detail.take(taken), article_id], fields=list(list_type.value_type))
    counts = np.bincount(page[first], minlength=len(spans))
    new_offsets = np.zeros(len(spans) + 1, dtype=np.int32)
    np.cumsum(counts, out=new_offsets[1:])
    return pa.ListArray.from_arrays(pa.array(new_offsets), merged, type=list_type)


def _without_withheld_lines(text: str, spans: list[dict]) -> str:
    """The page's text with the lines of TEXT_WITHHELD spans emptied."""
    lines = text.split("\n")
    for span in spans:
        if span["detail"] == TEXT_WITHHELD:
            lines[span["line_start"] - 1 : span["line_end"]] = [""] * (span["line_end"] - span["line_start"] + 1)
    return "\n".join(lines)
