"""Every figure of the card, computed from the written Parquet shards (never from in-memory state).

The card shows each figure as a block between `<!-- figure: NAME -->` and `<!-- /figure: NAME -->`.
`blocks()` is used twice: by the renderer to write the card, and by `corpus-pkg validate` to recompute
every block from a built folder and compare it with the card. So a figure exists in one place only.

Only the columns a figure needs are read, and counting is done by Arrow (group_by, compute), so a
large build is not turned into Python objects; only the two example records are read whole (`layout.find_rows`).

Modules: `data` (the columns read, `BuildData`, shared helpers), `corpus` (articles and pages), `registry_facts`
(the outlets' documented facts), `records` (example records, field tables, inputs, collection period).
"""

from __future__ import annotations

from collections.abc import Callable

from ..layout import CONFIGS
from .corpus import (data_languages, dates, duplicates, host_sites, kinds, languages, languages_of, lengths,
                     missing, outlets, page_splits, republication, rights, source_files, splits, summary, years)
from .data import (ARTICLE_COLUMNS, FILES_LISTED, MARKER, PAGE_COLUMNS, BuildData, date_range, fetch_span, load,
                   outlet_counts, size_category)
from .records import collection_period, examples, fields, input_kinds, markup_inputs
from .registry_facts import outlet_exposure, outlet_facts, render_value

__all__ = ["ARTICLE_COLUMNS", "FIGURES", "FILES_LISTED", "PAGE_COLUMNS", "BuildData", "blocks", "blocks_in",
           "data_languages", "date_range", "fetch_span", "languages_of", "load", "markup_inputs", "outlet_counts", "render_value",
           "size_category", "source_files", "summary"]

FIGURES: dict[str, Callable[[BuildData], str]] = {
    "summary": summary, "splits": splits, "outlets": outlets, "host_sites": host_sites, "years": years,
    "lengths": lengths, "dates": dates, "duplicates": duplicates, "republication": republication,
    "page_splits": page_splits, "missing": missing, "kinds": kinds, "languages": languages, "rights": rights, "source_files": source_files,
    "outlet_facts": outlet_facts, "outlet_exposure": outlet_exposure, "examples": examples,
    "input_kinds": input_kinds, "collection_period": collection_period,
    **{f"fields_{c.name}": fields(c.name) for c in CONFIGS},
}


def blocks(d: BuildData) -> dict[str, str]:
    """Every figure, wrapped in its markers, ready for the template (`{{ figure.NAME }}`)."""
    return {name: f"<!-- figure: {name} -->\n{compute(d)}<!-- /figure: {name} -->" for name, compute in FIGURES.items()}


def blocks_in(card: str) -> dict[str, str]:
    """The figure blocks found in a rendered card, by name (what `blocks()` wrote, if nobody edited it)."""
    return {m["name"]: m.group(0) for m in MARKER.finditer(card)}
