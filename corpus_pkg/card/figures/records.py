"""The figures about records and inputs: example records, field tables, input kinds and the collection period."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...rights import RESTRICTED
from ...schema import field_table
from ..layout import CONFIG, find_rows
from .data import EXAMPLE_WORDS, BuildData, counts, describe_fetch_span, fetch_span, md_table


def _example(row: dict) -> dict:
    """An article's row (from `find_rows`) as the card shows it: no split, its text cut to EXAMPLE_WORDS."""
    row = dict(row)     # the typical and the atypical record may be one row
    del row["split"]
    if row["rights_status"] == RESTRICTED:
        row["text"] = "[not shown in the card: the rights holder's terms restrict reuse]"
    else:
        words = row["text"].split()
        row["text"] = " ".join(words[:EXAMPLE_WORDS]) + (" …" if len(words) > EXAMPLE_WORDS else "")
    return row


#: What makes a record unusual: a test on an Arrow table of articles, and the card's words for it.
TRAITS: list[tuple[Callable[[pa.Table], pa.ChunkedArray], Callable[[dict], str]]] = [
    (lambda a: pc.greater(a["n_copies"], 1), lambda r: f"found {r['n_copies']} times (re-posted)"),
    (lambda a: pc.equal(a["rights_status"], RESTRICTED), lambda r: "its publisher's terms restrict reuse"),
    (lambda a: pc.not_equal(a["kind"], "article"), lambda r: f"kind is {r['kind']}"),
    (lambda a: a["truncated"], lambda r: "only part of the article is on the page"),
    (lambda a: pc.is_null(a["outlet"]), lambda r: "no outlet named"),
    (lambda a: pc.is_null(a["published_date"]), lambda r: "no publication date"),
]


def _trait_count(a: pa.Table) -> pa.ChunkedArray:
    """How many TRAITS each article has (0: a typical record)."""
    total = pa.chunked_array([pa.repeat(pa.scalar(0, pa.int64()), a.num_rows)])
    for test, _ in TRAITS:
        total = pc.add(total, pc.cast(pc.fill_null(test(a), False), pa.int64()))
    return total


def _first(table: pa.Table, sort_keys: list[tuple[str, str]]) -> int:
    """The `row` (the article's index) of the first row of the table sorted by the keys."""
    return table.column("row")[pc.sort_indices(table, sort_keys=sort_keys)[0].as_py()].as_py()


def examples(d: BuildData) -> str:
    """A typical record (no unusual trait, length nearest the median) and the most atypical one (re-posted
    first, then the most traits, the longest, the highest id), chosen by sorting in Arrow. Only the sort keys
    are filtered and sorted (a table of ~30 bytes per article), not the articles' columns."""
    if d.articles.num_rows == 0:
        return "No articles.\n"
    a = d.articles
    median = pc.quantile(a.column("word_count"), q=0.5, interpolation="midpoint")[0].as_py()
    keys = pa.table({"row": pa.array(np.arange(a.num_rows), pa.int64()), "id": a.column("id"),
                     "word_count": a.column("word_count"), "traits": _trait_count(a),
                     "reposted": pc.greater(a.column("n_copies"), 1),
                     "distance": pc.abs(pc.subtract(pc.cast(a.column("word_count"), pa.float64()), median))})
    plain = keys.filter(pc.equal(keys.column("traits"), 0))
    typical = a.slice(_first(plain if plain.num_rows else keys, [("distance", "ascending"), ("id", "ascending")]), 1)
    atypical = a.slice(_first(keys, [("reposted", "descending"), ("traits", "descending"), ("word_count", "descending"),
                                     ("id", "descending")]), 1)
    traits = [describe(atypical.to_pylist()[0]) for test, describe in TRAITS if test(atypical)[0].as_py()]
    parts = []
    rows = find_rows(d.out_dir, "default", "id", [typical["id"][0].as_py(), atypical["id"][0].as_py()])
    for label, row, why in [("Typical", rows[0], "an ordinary article, its length nearest the median"),
                            ("Atypical", rows[1], "; ".join(traits) or "the least typical record")]:
        record = json.dumps(_example(row), ensure_ascii=False, indent=2, default=str)
        parts.append(f"**{label} record** ({why}; `text` cut to {EXAMPLE_WORDS} words here):\n\n```json\n{record}\n```\n")
    return "\n".join(parts)


def fields(config_name: str) -> Callable[[BuildData], str]:
    model = CONFIG[config_name].model

    def table(_: BuildData) -> str:
        return md_table(["field", "type", "nullable", "description"],
                        [[f"`{f['name']}`", f["type"], f["nullable"], f["description"]] for f in field_table(model)])
    return table


def markup_inputs(d: BuildData) -> bool:
    """Whether any input came with markup or a scraper's fields (HTML, WARC, JSON records), not as plain text:
    only those carry a page URL, a fetch time or metadata the page does not print."""
    return any(kind not in (None, "text") for kind, _ in counts(d.pages, "input_kind"))


def input_kinds(d: BuildData) -> str:
    """Per input kind: how many pages, and how their text was obtained (tool and version)."""
    from ...inputs.html import tool_versions

    versions = tool_versions()
    html = f"trafilatura {versions['trafilatura']} (main text, title, authors, site), htmldate {versions['htmldate']} (dates)"
    how = {"text": "the text as saved; segmented and read by corpus_pkg's rules (this card's processing steps)",
           "html": f"from the HTML: {html}",
           "warc": f"HTTP 200 HTML responses read with warcio {_version('warcio')}; then {html}",
           "json-lines": "the scraper's own text and fields, by the record layout of the tool recognised "
                         "(newspaper3k/4k, trafilatura JSON, news-please, NewsAPI, text tables) or the build "
                         "config's layouts and mapping; the build report names each file's",
           "json": "the scraper's own text and fields", "parquet": "the scraper's own text and fields"}
    rows = [[f"`{kind or 'text'}`", n, how.get(kind or "text", "")] for kind, n in counts(d.pages, "input_kind")]
    return md_table(["input kind", "pages", "how the text was extracted"], rows)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "(not installed)"


def collection_period(d: BuildData) -> str:
    """When the inputs were fetched, from the fetch dates the inputs carry (`fetch_span`)."""
    if fetch_span(d) is None:
        return "No input carries a fetch date, so when the pages were collected is not known from the data.\n"
    return f"**Collection period** (from fetch dates): {describe_fetch_span(d)}.\n"
