"""Every figure of the card, computed from the written Parquet shards (never from in-memory state).

The card shows each figure as a block between `<!-- figure: NAME -->` and `<!-- /figure: NAME -->`.
`blocks()` is used twice: by the renderer to write the card, and by `corpus-pkg validate` to recompute
every block from a built folder and compare it with the card. So a figure exists in one place only.

Only the columns a figure needs are read, and counting is done by Arrow (group_by, compute), so a
large build is not turned into Python objects; only the two example records are read whole (`find_row`).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..config import SPLITS
from ..report import FileReport
from ..rights import RESTRICTED
from ..schema import field_table
from ..write import release_memory
from .layout import CONFIG, CONFIGS, find_row, read, shards

ARTICLE_COLUMNS = ["id", "outlet", "host_site", "published_date", "word_count", "n_copies", "kind", "truncated",
                   "duplicate_group", "language", "rights_status", "rights_holder", "authors", "byline", "urls",
                   "provenance.list.element.host_site", "provenance.list.element.repost_date",
                   "provenance.list.element.fetch_date"]
PAGE_COLUMNS = ["source_file", "sha256", "n_bytes", "n_articles", "input_kind"]
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
class BuildData:
    """The columns the card's figures need, read once from a built folder, and the build's file list."""

    out_dir: Path
    articles: pa.Table
    copies: pa.Table          # one row per provenance entry: the article's outlet and the copy's host/date
    pages: pa.Table
    outlets: list[dict]       # the outlets table is small: plain rows
    files: list[FileReport]
    bylined: pa.Array | None = None      # ids of the articles with a line the pages audit marks `byline`
    page_majority: pa.Table | None = None  # per page with article lines: the split holding most of them


def load(out_dir: Path, files: list[FileReport]) -> BuildData:
    articles = read(out_dir, "default", ARTICLE_COLUMNS)
    provenance = articles.column("provenance").combine_chunks()
    flat = pc.list_flatten(provenance)
    copies = pa.table({"outlet": articles.column("outlet").take(pc.list_parent_indices(provenance)),
                       "host_site": flat.field("host_site"), "repost_date": flat.field("repost_date"),
                       "fetch_date": flat.field("fetch_date")})
    articles = articles.drop_columns(["provenance"])
    bylined, majority = _audit(out_dir, articles)
    return BuildData(out_dir=Path(out_dir), articles=articles, copies=copies,
                     pages=read(out_dir, "pages", PAGE_COLUMNS), outlets=read(out_dir, "outlets").to_pylist(),
                     files=list(files), bylined=bylined, page_majority=majority)


def _audit(out_dir: Path, articles: pa.Table) -> tuple[pa.Array, pa.Table]:
    """From the pages' line audit, read one row group at a time: the ids of articles with a `byline` line,
    and for each page with article lines the split that holds most of them (ties: the earlier split), which
    is the rule the build places pages by (`pipeline._page_splits`)."""
    split_code = pc.index_in(articles.column("split"), value_set=pa.array(SPLITS)).combine_chunks()
    bylined, weights, first = [], [], 0
    for paths in shards(out_dir, CONFIG["pages"].folder).values():
        for path in paths:
            with pq.ParquetFile(path) as parquet:
                for batch in parquet.iter_batches(columns=SPAN_COLUMNS):
                    spans = batch.column(0)
                    flat = pc.list_flatten(spans)
                    bylined.append(pc.filter(flat.field("article_id"), pc.equal(flat.field("role"), "byline")))
                    index = pc.index_in(flat.field("article_id"), value_set=articles.column("id"))
                    lines = pc.add(pc.subtract(flat.field("line_end"), flat.field("line_start")), 1)
                    part = pa.table({"page": pc.add(pc.list_parent_indices(spans), first),
                                     "split": pc.take(split_code, index), "lines": lines}).filter(pc.is_valid(index))
                    weights.append(part.group_by(["page", "split"]).aggregate([("lines", "sum")]))
                    first += batch.num_rows
            release_memory()
    ids = pc.unique(pa.chunked_array(bylined, pa.string()))
    table = pa.concat_tables(weights) if weights else pa.table({"page": pa.array([], pa.int64()),
                                                                "split": pa.array([], pa.int8()),
                                                                "lines_sum": pa.array([], pa.int64())})
    table = table.group_by(["page", "split"]).aggregate([("lines_sum", "sum")])
    ordered = table.sort_by([("page", "ascending"), ("lines_sum_sum", "descending"), ("split", "ascending")])
    pages = ordered.column("page").to_numpy()
    first_of_page = np.concatenate([[True], pages[1:] != pages[:-1]]) if len(pages) else np.zeros(0, dtype=bool)
    return ids, ordered.filter(pa.array(first_of_page)).select(["page", "split"])


# ------------------------------------------------------------------------------------------------
# Small helpers


def counts(table: pa.Table, *keys: str) -> list[tuple]:
    """(key values..., count) for every distinct combination, most frequent first, then by key (nulls last)."""
    if table.num_rows == 0:
        return []
    rows = table.group_by(list(keys)).aggregate([([], "count_all")]).to_pylist()
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


# ------------------------------------------------------------------------------------------------
# The figures, one function each: BuildData -> markdown


def summary(d: BuildData) -> str:
    n = d.articles.num_rows
    read_files = sum(1 for f in d.files if f.status != "skipped")
    skipped = len(d.files) - read_files
    outlets, hosts = (pc.count_distinct(column).as_py() for column in
                      (d.articles.column("outlet"), d.copies.column("host_site")))  # nulls are not counted
    span = date_range(d)
    dates = f"publication dates from {span[0]} to {span[1]}" if span else "no publication date printed"
    undated = d.articles.column("published_date").null_count
    return (f"**{plural(n, 'unique article')}**, found {plural(d.copies.num_rows, 'time')} on "
            f"{plural(read_files, 'input page')} ({plural(skipped, 'input file')} skipped); "
            f"{plural(outlets, 'outlet')} named by the texts, {plural(hosts, 're-posting site')} named by "
            f"the pages; {dates} ({plural(undated, 'article')} undated).\n")


def _split_part(table: pa.Table, split: str, columns: list[str]) -> pa.Table:
    """The rows of one split, only the columns asked for (filtering copies what it keeps)."""
    return table.select(columns).filter(pc.equal(table.column("split"), split))


def splits(d: BuildData) -> str:
    """Sizes per split, with a plain warning for an evaluation split too small to measure anything on."""
    rows, warnings = [], []
    for split in SPLITS:
        part = _split_part(d.articles, split, ["duplicate_group", "word_count"])
        groups = pc.count_distinct(part.column("duplicate_group")).as_py()
        pages = _sum(pc.equal(d.pages.column("split"), split)) if d.pages.num_rows else 0
        words = part.column("word_count")
        mean = f"{pc.mean(words).as_py():.1f}" if part.num_rows else "–"
        rows.append([split, part.num_rows, groups, pages, mean])
        if split in EVAL_SPLITS and part.num_rows < MIN_EVAL_ARTICLES:
            margin = f"±{100 * 1.96 * math.sqrt(0.25 / part.num_rows):.0f} percentage points" if part.num_rows else None
            warnings.append(f"**Warning: `{split}` holds {plural(part.num_rows, 'article')}, too few to evaluate on.** "
                            + (f"An accuracy measured on it has a 95% margin of error of up to {margin}. "
                               if margin else "")
                            + "Merge the splits for cross-validation, or re-split a larger corpus.")
    table = md_table(["split", "articles", "duplicate groups", "pages (`pages` config)", "mean words"], rows)
    return table + "".join(f"\n{w}\n" for w in warnings)


def page_splits(d: BuildData) -> str:
    """The rule that places the pages of the `pages` config, and every page placed against it."""
    majority = dict(zip(d.page_majority.column("page").to_pylist(), d.page_majority.column("split").to_pylist()))
    rows = []
    for page, (name, split) in enumerate(zip(d.pages.column("source_file").to_pylist(),
                                             d.pages.column("split").to_pylist())):
        if page not in majority:
            rows.append([f"`{name}`", split, "– (no article lines: placed by the hash of its bytes)"])
        elif SPLITS[majority[page]] != split:
            rows.append([f"`{name}`", split, f"{SPLITS[majority[page]]} (moved: {split} would otherwise be empty)"])
    placed = d.pages.num_rows - len(rows)
    text = (f"{plural(placed, 'page')} of {d.pages.num_rows} sit in the split holding most of their article lines.")
    if not rows:
        return text + "\n"
    return text + " The others:\n\n" + md_table(["page", "split", "split of most of its article lines"], rows)


def outlets(d: BuildData) -> str:
    per_split = Counter({(o, s): n for o, s, n in counts(d.articles, "outlet", "split")})
    totals = counts(d.articles, "outlet")
    rows = [[o or NOT_NAMED, *(per_split[(o, s)] for s in SPLITS), n, share(n, d.articles.num_rows)] for o, n in totals]
    return md_table(["outlet (named by the text)", *SPLITS, "total", "share"], rows)


def host_sites(d: BuildData) -> str:
    kept = Counter({h: n for h, n in counts(d.articles, "host_site")})
    rows = [[h or NO_HOST, kept[h], n] for h, n in counts(d.copies, "host_site")]
    return md_table(["re-posting site (`host_site`)", "articles (kept copy)", "copies (all provenance entries)"], rows)


def years(d: BuildData) -> str:
    dated = d.articles.column("published_date").drop_null()
    rows = sorted([y, n] for y, n in counts(pa.table({"year": pc.year(dated)}), "year"))
    rows.append(["undated", d.articles.num_rows - len(dated)])
    return md_table(["year of publication", "articles"], rows)


def lengths(d: BuildData) -> str:
    rows = []
    for label, part in [*((s, _split_part(d.articles, s, ["word_count"])) for s in SPLITS), ("all", d.articles)]:
        words = part.column("word_count")
        if part.num_rows == 0:
            rows.append([label, 0, "–", "–", "–", "–", 0])
            continue
        median = pc.quantile(words, q=0.5, interpolation="midpoint")[0].as_py()
        low_high = pc.min_max(words).as_py()
        rows.append([label, part.num_rows, low_high["min"], f"{median:g}", f"{pc.mean(words).as_py():.1f}",
                     low_high["max"], _sum(words)])
    return md_table(["split", "articles", "min words", "median", "mean", "max", "total words"], rows)


def dates(d: BuildData) -> str:
    span = date_range(d)
    repost = d.copies.column("repost_date")
    repost_span = pc.min_max(repost).as_py() if d.copies.num_rows and repost.null_count < len(repost) else None
    rows = [
        ["first publication date", span[0] if span else "–"],
        ["last publication date", span[1] if span else "–"],
        ["articles without a publication date", d.articles.column("published_date").null_count],
        ["first re-post date printed by a re-poster", repost_span["min"].isoformat() if repost_span else "–"],
        ["last re-post date printed by a re-poster", repost_span["max"].isoformat() if repost_span else "–"],
        ["latest date printed anywhere (pages were collected after it)", latest_printed_date(d) or "–"],
        ["fetch (collection) dates recorded", "none"],
    ]
    return md_table(["date coverage", "value"], rows)


def duplicates(d: BuildData) -> str:
    """Copies, merges and duplicate groups, named as `build-report.json` names them (`n_duplicate_copies`,
    `n_articles_with_copies`, `n_duplicate_groups`)."""
    n_copies = d.articles.column("n_copies")
    multi = _sum(pc.greater(n_copies, 1)) if d.articles.num_rows else 0
    group_sizes = pc.value_counts(d.articles.column("duplicate_group")).field("counts")  # in Arrow: one per group
    related = pc.filter(group_sizes, pc.greater(group_sizes, 1))
    rows = [
        ["article copies found on the pages", d.copies.num_rows],
        ["unique articles kept", d.articles.num_rows],
        ["articles found more than once, merged into one row (`n_articles_with_copies`)", multi],
        ["extra copies merged (`n_duplicate_copies`)", d.copies.num_rows - d.articles.num_rows],
        ["most copies of one article", pc.max(n_copies).as_py() if d.articles.num_rows else 0],
        ["duplicate groups: split units, an article alone or with its related versions (`n_duplicate_groups`)",
         len(group_sizes)],
        ["groups holding several related articles", len(related)],
        ["articles in such groups", _sum(related)],
    ]
    return md_table(["duplicates (`build-report.json` key)", "count"], rows)


def republication(d: BuildData) -> str:
    kept = Counter()
    for outlet, host, n in counts(d.articles, "outlet", "host_site"):
        kept[(outlet, host)] = n
    rows = [[o or NOT_NAMED, h or NO_HOST, n, kept[(o, h)]] for o, h, n in counts(d.copies, "outlet", "host_site")]
    return md_table(["original outlet (named by the text)", "re-posted by (`provenance.host_site`)", "copies",
                     "articles whose kept copy is this one"], rows)


def missing(d: BuildData) -> str:
    a, n = d.articles, d.articles.num_rows

    def empty(column: str) -> int:
        return _sum(pc.equal(pc.list_value_length(a.column(column)), 0)) if n else 0
    bylined = pc.is_in(a.column("id"), value_set=d.bylined) if n else None
    rows = [
        ["no outlet named (`outlet` null)", a.column("outlet").null_count],
        ["no publication date (`published_date` null)", a.column("published_date").null_count],
        ["no author found (`authors` empty)", empty("authors")],
        ["no byline printed (no line of the `pages` audit marked `byline`)", n - _sum(bylined) if n else 0],
        ["a byline line printed, but `byline` null (the name is in `authors` only)",
         _sum(pc.and_(bylined, pc.is_null(a.column("byline")))) if n else 0],
        ["no URL or domain printed (`urls` empty)", empty("urls")],
        ["only part of the article on the page (`truncated`)", _sum(a.column("truncated")) if n else 0],
        ["text withheld by the rights policy", _sum(pc.equal(a.column("rights_status"), "withheld")) if n else 0],
    ]
    return md_table(["missing information", "articles", "share"], [[label, k, share(k, n)] for label, k in rows])


def kinds(d: BuildData) -> str:
    return md_table(["kind", "articles"], [[k, n] for k, n in counts(d.articles, "kind")])


def languages(d: BuildData) -> str:
    return md_table(["language (py3langid)", "articles"], [[k, n] for k, n in counts(d.articles, "language")])


def data_languages(d: BuildData) -> list[str]:
    """The languages identified for at least one article, most articles first (`und`, too short to
    identify, is not a language): the card's YAML `language` and Croissant `inLanguage`."""
    return languages_of(d.articles)


def languages_of(articles: pa.Table) -> list[str]:
    """`data_languages` of a table with a `language` column."""
    return [k for k, _ in counts(articles.select(["language"]), "language") if k and k != UNDETERMINED]


def rights(d: BuildData) -> str:
    rows = [[s, h or "(unknown)", n] for s, h, n in counts(d.articles, "rights_status", "rights_holder")]
    return md_table(["rights_status", "rights_holder", "articles"], rows)


def source_files(d: BuildData) -> str:
    """Every input file when there are at most FILES_LISTED; else a summary by status and page type, and
    the files that were not read as they are (the `pages` config has the hash and size of every page)."""
    def listing(files: list[FileReport]) -> str:
        rows = [[f"`{f.source_file}`", f"`{f.sha256}`" if f.sha256 else "–", f.n_bytes,
                 f.page_type or "–", f.n_articles, f.outcome()] for f in files]
        return md_table(["file", "sha256", "bytes", "page type", "articles found", "status"], rows)

    if len(d.files) <= FILES_LISTED:
        return listing(d.files)
    groups: dict[tuple[str, str], list[int]] = {}
    for f in d.files:
        totals = groups.setdefault((f.status, f.page_type or "–"), [0, 0, 0])
        totals[0], totals[1], totals[2] = totals[0] + 1, totals[1] + f.n_bytes, totals[2] + f.n_articles
    summary = md_table(["status", "page type", "files", "bytes", "articles found"],
                       [[*key, *totals] for key, totals in sorted(groups.items())])
    unusual = [f for f in d.files if f.status != "read"]
    text = (f"{plural(len(d.files), 'input file')}, too many to list here: the `pages` config has the name, "
            f"SHA-256 and size of every page read.\n\n{summary}")
    if unusual:
        text += (f"\nFiles skipped or repaired ({len(unusual)}"
                 + (f", the first {FILES_LISTED} in input order" if len(unusual) > FILES_LISTED else "")
                 + f"):\n\n{listing(unusual[:FILES_LISTED])}")
    return text


def _outlets_in_data(d: BuildData) -> list[dict]:
    """Rows of the outlets table for every outlet or re-poster of the data, most articles first."""
    present = [o for o in d.outlets if o["n_articles"] or o["n_hosted_copies"]]
    return sorted(present, key=lambda o: (-o["n_articles"], -o["n_hosted_copies"], o["name"]))


def _link(value: str) -> str:
    """A web address as a Markdown link (so it is one on the Hub); anything else as it is."""
    return f"<{value}>" if re.match(r"^https?://\S+$", value) else value


def render_value(value) -> str:
    """Any field of a registry entry, rendered generically: lists joined, structs (dicts or pydantic models)
    as `key: value` pairs, web addresses as links."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {render_value(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        return "; ".join(render_value(v) for v in value)
    return _link(str(value))


def _sources(item: dict) -> str:
    """A fact's or rating's citations (already formatted by `registry.cite`) and any doubt recorded about it."""
    uncertain = f" **[uncertain: {item['uncertain']}]**" if item.get("uncertain") else ""
    return f" Sources: {'; '.join(item['sources'])}.{uncertain}"


def _dated(date: str, by_retrieval: bool, prefix: str = "") -> str:
    """A fact's or rating's date; an undated source's says when it was read."""
    return f"undated; as read on {date}" if by_retrieval else prefix + date


def outlet_facts(d: BuildData) -> str:
    """The documented facts and ratings of each outlet in the data, every field each has, with its sources."""
    parts = []
    for o in _outlets_in_data(d):
        parts.append(f"#### {o['name']}\n\n")
        parts.append(f"Outlet-level facts. In this build, {plural(o['n_articles'], 'article')} "
                     f"{'names' if o['n_articles'] == 1 else 'name'} it as their outlet and "
                     f"{plural(o['n_hosted_copies'], 'copy', 'copies')} "
                     f"{'was' if o['n_hosted_copies'] == 1 else 'were'} found on pages it re-posted."
                     + (f" Domains: {', '.join(o['domains'])}." if o["domains"] else "") + "\n\n")
        if not o["in_registry"]:
            parts.append("No documented facts: the outlet registry has no entry for this outlet.\n\n")
            continue
        lines = [f"- **{f['kind'].replace('_', ' ')}** ({_dated(f['date'], f['dated_by_retrieval'])}): {f['statement']}"
                 + _sources(f) for f in o["facts"]]
        lines += [f"- **rating, {r['rater']}** ({_dated(r['as_of'], r['dated_by_retrieval'], 'as of ')}): {r['label']}."
                  + (f" Note: {r['note']}." if r["note"] else "") + _sources(r) for r in o["ratings"]]
        if not o["facts"]:
            lines.append("- No documented facts about ownership, affiliation, sanctions, designations, bans or fines.")
        if not o["ratings"]:
            lines.append("- No documented media-bias rating.")
        parts.append("\n".join(lines) + "\n\n")
    return "".join(parts)


def outlet_exposure(d: BuildData) -> str:
    """How many articles come from outlets with each kind of documented fact (one row per kind the outlets
    of this build have), so a reader sees how the outlet selection leans."""
    kinds_of = {o["name"]: {f["kind"] for f in o["facts"]} for o in d.outlets}
    rated = {o["name"] for o in d.outlets if o["ratings"]}
    per_outlet = counts(d.articles, "outlet")
    n = d.articles.num_rows

    def articles(test: Callable[[str | None], bool]) -> int:
        return sum(k for outlet, k in per_outlet if test(outlet))
    present = sorted({k for o, _ in per_outlet if o for k in kinds_of.get(o, ())})
    rows = [(f"a documented `{kind}` fact", lambda o, kind=kind: kind in kinds_of.get(o, ())) for kind in present]
    rows += [
        ("publisher terms restricting reuse (`rights_status: restricted`)",
         lambda o: any(r["name"] == o and r["rights_status"] == RESTRICTED for r in d.outlets)),
        ("at least one media-bias rating documented", lambda o: o in rated),
        ("outlet named but nothing documented", lambda o: o is not None and not kinds_of.get(o) and o not in rated),
        ("no outlet named by the text", lambda o: o is None),
    ]
    table = [[label, articles(test), share(articles(test), n)] for label, test in rows]
    return md_table(["articles whose outlet has…", "articles", "share"], table)


def _example(d: BuildData, article_id: str) -> dict:
    row = find_row(d.out_dir, "default", "id", article_id)
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


def _first(table: pa.Table, sort_keys: list[tuple[str, str]]) -> pa.Table:
    """The first row (as a one-row table) of the table sorted by the keys."""
    return table.take(pc.sort_indices(table, sort_keys=sort_keys)[:1])


def examples(d: BuildData) -> str:
    """A typical record (no unusual trait, length nearest the median) and the most atypical one (re-posted
    first, then the most traits, the longest, the highest id), chosen by sorting in Arrow."""
    if d.articles.num_rows == 0:
        return "No articles.\n"
    a = d.articles
    median = pc.quantile(a.column("word_count"), q=0.5, interpolation="midpoint")[0].as_py()
    a = (a.append_column("traits", _trait_count(a))
          .append_column("reposted", pc.greater(a.column("n_copies"), 1))
          .append_column("distance", pc.abs(pc.subtract(pc.cast(a.column("word_count"), pa.float64()), median))))
    plain = a.filter(pc.equal(a.column("traits"), 0))
    typical = _first(plain if plain.num_rows else a, [("distance", "ascending"), ("id", "ascending")])
    atypical = _first(a, [("reposted", "descending"), ("traits", "descending"), ("word_count", "descending"),
                          ("id", "descending")])
    traits = [describe(atypical.to_pylist()[0]) for test, describe in TRAITS if test(atypical)[0].as_py()]
    parts = []
    for label, chosen, why in [("Typical", typical, "an ordinary article, its length nearest the median"),
                               ("Atypical", atypical, "; ".join(traits) or "the least typical record")]:
        record = json.dumps(_example(d, chosen["id"][0].as_py()), ensure_ascii=False, indent=2, default=str)
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
    from ..inputs.html import tool_versions

    versions = tool_versions()
    html = f"trafilatura {versions['trafilatura']} (main text, title, authors, site), htmldate {versions['htmldate']} (dates)"
    how = {"text": "the text as saved; segmented and read by corpus_pkg's rules (this card's processing steps)",
           "html": f"from the HTML: {html}",
           "warc": f"HTTP 200 HTML responses read with warcio {_version('warcio')}; then {html}",
           "json-lines": "the scraper's own text and fields (news-please, trafilatura JSON, text tables, or the "
                         "build config's mapping)",
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
    """When the inputs were fetched, from the fetch dates the inputs carry (WARC-Date, a scraper's download time)."""
    column = d.copies.column("fetch_date")
    dated = len(column) - column.null_count
    if not dated:
        return "No input carries a fetch date, so when the pages were collected is not known from the data.\n"
    bounds = pc.min_max(column).as_py()
    return (f"**Collection period** (from fetch dates): {bounds['min']:%Y-%m-%d %H:%M} to {bounds['max']:%Y-%m-%d %H:%M} "
            f"UTC; {dated} of the {len(column)} article copies ({share(dated, len(column))}) carry a fetch date.\n")


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
