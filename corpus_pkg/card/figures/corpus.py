"""The figures about the articles and pages: counts, splits, outlets, dates, lengths, duplicates, languages,
rights and the source files."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...config import SPLITS
from ...report import FileReport
from .data import (EVAL_SPLITS, FILES_LISTED, MIN_EVAL_ARTICLES, NO_HOST, NOT_NAMED, UNDETERMINED, BuildData, _sum,
                   counts, date_range, describe_fetch_span, distinct, latest_printed_date, md_table, plural, share)


def summary(d: BuildData) -> str:
    n = d.articles.num_rows
    skipped = d.file_groups.skipped
    read_files = len(d.files) - skipped
    outlets, hosts = distinct(d.articles.column("outlet")), distinct(d.copies.column("host_site"))
    span = date_range(d)
    dates = f"publication dates from {span[0]} to {span[1]}" if span else "no publication date printed"
    undated = d.articles.column("published_date").null_count
    # A WARC or records file holds many pages: say so when the pages are not the files read.
    pages = d.pages.num_rows
    on = plural(pages, "input page") + (f" from {plural(read_files, 'input file')}" if pages != read_files else "")
    return (f"**{plural(n, 'unique article')}**, found {plural(d.copies.num_rows, 'time')} on "
            f"{on} ({plural(skipped, 'input file')} skipped); "
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
    """The rule that places the pages of the `pages` config, and every page placed against it. Only the pages
    listed become Python strings: the others are told apart with numpy (a split code per page, -1 for a page
    without article lines)."""
    majority = np.full(d.pages.num_rows, -1, dtype=np.int64)
    majority[d.page_majority.column("page").to_numpy()] = d.page_majority.column("split").to_numpy()
    split = pc.index_in(d.pages.column("split"), value_set=pa.array(SPLITS)).to_numpy(zero_copy_only=False)
    listed = pa.array(np.flatnonzero((majority < 0) | (majority != split)), pa.int64())
    rows = []
    # a page of a WARC or records file is named by its file and record: the file holds several
    for page, name, record, placed_in in zip(listed.to_pylist(), d.pages.column("source_file").take(listed).to_pylist(),
                                             d.pages.column("record").take(listed).to_pylist(),
                                             d.pages.column("split").take(listed).to_pylist()):
        name = f"{name} ({record})" if record else name
        if majority[page] < 0:
            rows.append([f"`{name}`", placed_in, "– (no article lines: placed by the hash of its bytes)"])
        else:
            rows.append([f"`{name}`", placed_in,
                         f"{SPLITS[majority[page]]} (moved: {placed_in} would otherwise be empty)"])
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
        ["fetch (collection) dates recorded", describe_fetch_span(d)],
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

    def empty(column: str) -> int:    # a list column's `PRESENCE` answer (data.py)
        return _sum(a.column(f"{column}_empty")) if n else 0
    bylined = pc.is_in(a.column("id"), value_set=d.bylined) if n else None
    rows = [
        ["no outlet named (`outlet` null)", a.column("outlet").null_count],
        ["no publication date (`published_date` null)", a.column("published_date").null_count],
        ["no author found (`authors` empty)", empty("authors")],
        ["no byline printed (no line of the `pages` audit marked `byline`)", n - _sum(bylined) if n else 0],
        ["a byline line printed, but `byline` null (the name is in `authors` only)",
         _sum(pc.and_(bylined, a.column("byline_null"))) if n else 0],
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
    tally = d.file_groups
    summary = md_table(["status", "page type", "files", "bytes", "articles found"],
                       [[*key, *totals] for key, totals in sorted(tally.groups.items())])
    text = (f"{plural(len(d.files), 'input file')}, too many to list here: the `pages` config has the name, "
            f"SHA-256 and size of every page read.\n\n{summary}")
    if tally.n_unusual:
        text += (f"\nFiles skipped or repaired ({tally.n_unusual}"
                 + (f", the first {FILES_LISTED} in input order" if tally.n_unusual > FILES_LISTED else "")
                 + f"):\n\n{listing(tally.unusual)}")
    return text
