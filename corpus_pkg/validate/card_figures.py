"""Every figure block of the card recomputed from the Parquet, the build report against the pages config, and
the `outlets` table's counts."""

from __future__ import annotations

import difflib
from pathlib import Path

import pyarrow.compute as pc

from ..card import figures
from ..card.figures.data import load_articles
from ..card.layout import read, system_allocator
from ..inputs import CONTAINER_KINDS
from ..report import BuildReport, read_report


REPORT = "build-report.json"
PAGE_FIELDS = ["source_file", "sha256", "n_bytes", "n_articles"]    # what the report is checked against

def check_figures(card: str, out_dir: Path) -> list[str]:
    problems = []
    report_path = out_dir / REPORT
    if report_path.is_file():
        report = read_report(report_path)      # its file list on disk, read one entry at a time
        problems += _report_against_pages(report, out_dir)
    else:
        report = None
        problems.append(f"{REPORT} is missing: the source-file table cannot be checked")
    with system_allocator():    # see `card.layout.system_allocator`
        data = figures.load(out_dir, report.files if report else [])
        problems += _figures_against_card(card, report, data)
    return problems


def _figures_against_card(card: str, report: BuildReport | None, data: figures.BuildData) -> list[str]:
    problems = []
    if report is not None:
        problems += _report_counts(report, data)
    expected = figures.blocks(data)
    found = figures.blocks_in(card)
    for name, block in expected.items():
        if name not in found:
            problems.append(f"README.md: figure '{name}' is missing")
        elif found[name] != block and not (name == "source_files" and report is None):
            problems.append(f"README.md: figure '{name}' disagrees with the data: {_first_difference(found[name], block)}")
    problems += [f"README.md: figure '{name}' is not one the build computes" for name in found.keys() - expected.keys()]
    return problems


def _first_difference(card_block: str, data_block: str) -> str:
    card_lines, data_lines = card_block.splitlines(), data_block.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=card_lines, b=data_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            card_text = " / ".join(card_lines[i1:i2]) or "(nothing)"
            data_text = " / ".join(data_lines[j1:j2]) or "(nothing)"
            return f"the card has {card_text!r} where the data gives {data_text!r}"
    return "they differ"


def _report_counts(report: BuildReport, data: figures.BuildData) -> list[str]:
    """build-report.json counts articles, copies and duplicate groups as the card does."""
    # counted in Arrow, not in a Python object per article ("all": a null group would count as one, as in a set)
    expected = {"n_articles": data.articles.num_rows,
                "n_duplicate_copies": data.copies.num_rows - data.articles.num_rows,
                "n_articles_with_copies": pc.sum(pc.greater(data.articles.column("n_copies"), 1)).as_py() or 0,
                "n_duplicate_groups": pc.count_distinct(data.articles.column("duplicate_group"), mode="all").as_py()}
    return [f"{REPORT}: {key} is {getattr(report, key)}, the data gives {value} (as the card counts it)"
            for key, value in expected.items() if getattr(report, key) != value]


def _report_against_pages(report: BuildReport, out_dir: Path) -> list[str]:
    """The build report's file list (shown in the card) must describe the pages actually in the `pages` config."""
    # per file: [pages, articles on them, (sha256, n_bytes, n_articles) of its first page], read a batch at a time
    pages: dict[str, list] = {}
    for batch in read(out_dir, "pages", PAGE_FIELDS).select(PAGE_FIELDS).to_batches():
        for name, *page in zip(*(column.to_pylist() for column in batch.columns)):
            entry = pages.setdefault(name, [0, 0, tuple(page)])
            entry[0] += 1
            entry[1] += page[-1]
    problems = []
    for f in report.files:
        if f.status == "skipped":
            continue
        n_pages, n_articles, first = pages.pop(f.source_file, (0, 0, None))
        if f.input_kind in CONTAINER_KINDS:     # a WARC or records file: one page per record read (maybe none)
            if (n_pages, n_articles) != (f.records.get("page", 0), f.n_articles):
                problems.append(f"{REPORT}: {f.source_file} disagrees with the pages config (pages or articles)")
        elif first is None:
            problems.append(f"{REPORT}: {f.source_file} is not in the pages config")
        elif n_pages > 1 or first != (f.sha256, f.n_bytes, f.n_articles):
            problems.append(f"{REPORT}: {f.source_file} disagrees with the pages config (sha256, bytes or articles)")
    problems += [f"{REPORT}: the pages config holds {name}, which the report does not list" for name in pages]
    return problems


def check_outlets(out_dir: Path) -> list[str]:
    """The outlets table has one row per outlet or re-posting site the data names, none other, and the rows'
    counts are the articles' counts."""
    from ..registry import OutletEntry, Registry

    with system_allocator():    # the articles' outlets and the copies' sites only: no pages, no audit
        articles, copies = load_articles(out_dir)
    data = figures.BuildData(out_dir=out_dir, articles=articles, copies=copies, pages=None, outlets=[], files=[])
    rows = read(out_dir, "outlets").drop_columns(["split"]).to_pylist()
    entries = [OutletEntry(**{k: r[k] for k in ("name", "aliases", "domains", "rights_status")})  # counts need names only
               for r in rows if r["in_registry"]]
    expected = {r.name: (r.n_articles, r.n_hosted_copies)
                for r in Registry(entries).outlet_rows(*figures.outlet_counts(data)) if r.n_articles or r.n_hosted_copies}
    found = {r["name"]: (r["n_articles"], r["n_hosted_copies"]) for r in rows}
    problems = [f"outlets config: '{name}' occurs in the data but has no row" for name in expected if name not in found]
    problems += [f"outlets config: '{name}' is not named by any article or page of the data; only outlets the data "
                 f"names are published" for name in found if name not in expected]
    problems += [f"outlets config: '{name}' counts {found[name][0]} articles and {found[name][1]} hosted copies, "
                 f"the articles give {counts[0]} and {counts[1]}"
                 for name, counts in expected.items() if name in found and found[name] != counts]
    return problems
