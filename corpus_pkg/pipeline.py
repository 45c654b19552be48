"""`build()`: read → segment → extract → deduplicate → split → write Parquet → card → manifest.

Each stage is a plain function or small class in its own module; this one only wires them and
keeps the I/O at the edges. The output is written into a temporary folder beside the target and
swapped in only when everything succeeded, so a failed build leaves the previous output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import card
from .config import SPLITS, BuildConfig
from .dedup import Deduplicator
from .extract import Extractor, UnitRecord
from .profiles import load_profile
from .read import SourcePage, discover, read_page
from .registry import load_registry, outlet_key
from .report import BuildReport
from .rights import decide
from .schema import Article, LineSpan, Page, arrow_schema, to_row
from .segment import Classifier, PageAnalysis, Segmenter
from .split import assign_splits, fill_empty_splits, unit_interval
from .write import WrittenSplit, write_manifest, write_split

REPORT = "build-report.json"


class BuildError(RuntimeError):
    """The build cannot run (bad input folder, unusable output folder); the message says why."""


@dataclass
class ReadPage:
    source: SourcePage
    analysis: PageAnalysis
    units: list[UnitRecord]


def build(config: BuildConfig | None = None, *, progress: Callable[[str], None] | None = None,
          **overrides) -> BuildReport:
    """Build the dataset; returns the report. `overrides` are BuildConfig fields (input_dir=..., ...)."""
    config = config.model_copy(update=overrides) if config else BuildConfig.load(None, **overrides)
    input_dir, output_dir = Path(config.input_dir), Path(config.output_dir)
    if not input_dir.is_dir():
        raise BuildError(f"{input_dir}: input folder not found")
    say = progress or (lambda message: None)
    report = BuildReport(input_dir=str(input_dir), output_dir=str(output_dir))

    pages = list(_read_pages(config, input_dir, report, say))
    articles, unit_article = _deduplicate(config, pages, report)
    split_of_article = _split(config, articles, report)
    page_rows, split_of_page = _page_rows(pages, unit_article, split_of_article, config)

    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", suffix=".tmp", dir=output_dir.parent))
    try:
        written = {
            "default": [write_split(staging, "data", split, [to_row(a) for a in articles if split_of_article[a.id] == split],
                                    arrow_schema(Article), config.parquet) for split in SPLITS],
            "pages": [write_split(staging, "pages", split, [r for r in page_rows if split_of_page[r["source_file"]] == split],
                                  arrow_schema(Page), config.parquet) for split in SPLITS],
        }
        say("writing the dataset card")
        card.write(staging, config=config, report=report, written=written)
        write_manifest(staging)
        (staging / REPORT).write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
        _swap_in(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _read_pages(config: BuildConfig, input_dir: Path, report: BuildReport, say):
    profile = load_profile(tuple(config.profiles), config.use_builtin_profiles)
    registry = load_registry()
    segmenter = Segmenter(Classifier(profile, registry.known_keys(), outlet_key))
    extractor = Extractor(profile, registry)
    for path in discover(input_dir):
        source, file_report = read_page(path, input_dir)
        report.files.append(file_report)
        if source is None:
            continue
        say(f"reading {source.source_file}")
        analysis = segmenter.analyse(source.lines)
        units = extractor.extract(analysis, source)
        file_report.n_articles = len(units)
        file_report.page_type = page_type(analysis, units)
        if not units:
            file_report.warnings.append("no article found on the page; all its lines are kept in the pages audit")
        yield ReadPage(source, analysis, units)


def page_type(analysis: PageAnalysis, units: list[UnitRecord]) -> str:
    hosted = any(u.provenance.host_site for u in units)
    if not units:
        return "no-article"
    kinds = Counter(u.kind for u in units)
    if len(units) == 1:
        return "single-article"
    if kinds.get("preface"):
        return "repost-with-preface"
    return "aggregator" if hosted else "multi-article"


def _deduplicate(config: BuildConfig, pages: list[ReadPage], report: BuildReport) -> tuple[list[Article], dict]:
    """One Article per set of copies; returns them and the article id of every (page, unit)."""
    dedup = Deduplicator(config.dedup)
    units = {(p, u): unit for p, page in enumerate(pages) for u, unit in enumerate(page.units)}
    for key, unit in units.items():
        dedup.add(key, unit.text, unit.unit_id)
    result = dedup.resolve()
    registry = load_registry()
    articles, unit_article, excluded = [], {}, 0
    for first, keys in result.copies().items():
        kept = units[first]
        group_first = units[result.group_of[first]]
        rights = decide(kept.outlet, kept.host_site, config.rights, registry)
        for key in keys:
            unit_article[key] = kept.unit_id
        if rights.action == "exclude":
            excluded += 1
            continue
        withheld = rights.action == "withhold_text"
        articles.append(Article(
            id=kept.unit_id, title=kept.title, subtitle=kept.subtitle, alt_titles=kept.alt_titles,
            authors=kept.authors, byline=kept.byline, outlet=kept.outlet, outlet_evidence=kept.outlet_evidence,
            host_site=kept.host_site, published_date=kept.published_date, published_date_text=kept.published_date_text,
            text="" if withheld else kept.text, language=kept.language, urls=kept.urls, tags=kept.tags,
            word_count=kept.word_count, truncated=kept.truncated, kind=kept.kind, n_copies=len(keys),
            duplicate_group=group_first.unit_id, rights_holder=rights.holder,
            rights_status="withheld" if withheld else rights.status,
            provenance=[units[k].provenance for k in keys]))
    report.n_units = len(units)
    report.n_articles = len(articles)
    report.n_duplicate_copies = len(units) - len(result.copies())
    report.n_duplicate_groups = sum(1 for keys in result.copies().values() if len(keys) > 1)
    report.stage_counts["dedup"] = {"units": len(units), "articles": len(result.copies()),
                                    "excluded_by_rights_policy": excluded,
                                    "related_groups": len({g for g in result.group_of.values()})}
    return articles, unit_article


def _split(config: BuildConfig, articles: list[Article], report: BuildReport) -> dict[str, str]:
    split_of_group, notes = assign_splits((a.duplicate_group for a in articles), config.split)
    report.warnings += notes
    split_of_article = {a.id: split_of_group[a.duplicate_group] for a in articles}
    report.split_counts = {s: sum(1 for v in split_of_article.values() if v == s) for s in SPLITS}
    return split_of_article


def _page_rows(pages: list[ReadPage], unit_article: dict, split_of_article: dict[str, str],
               config: BuildConfig) -> tuple[list[dict], dict[str, str]]:
    """The pages config: each page with its audit. A page goes to the split holding most of its article
    lines (so most of a test article's page is in pages/test), then empty splits are filled as for articles."""
    rows, split_of_page, position = [], {}, {}
    for p, page in enumerate(pages):
        spans = page_spans(page.analysis, {u: unit_article[(p, u)] for u in range(len(page.units))})
        weight = Counter()
        for span in spans:
            if span.article_id in split_of_article:
                weight[split_of_article[span.article_id]] += span.line_end - span.line_start + 1
        split = max(SPLITS, key=lambda s: (weight[s], -SPLITS.index(s))) if weight else _hash_split(page.source.sha256, config)
        split_of_page[page.source.source_file] = split
        position[page.source.source_file] = unit_interval(page.source.sha256, config.split.salt)
        source = page.source
        rows.append(to_row(Page(source_file=source.source_file, sha256=source.sha256, n_bytes=source.n_bytes,
                                encoding=source.encoding, n_lines=len(source.lines), n_articles=len(page.units),
                                text=source.text, spans=spans)))
    fill_empty_splits(split_of_page, position, config.split)
    return rows, split_of_page


def _hash_split(key: str, config: BuildConfig) -> str:
    u = unit_interval(key, config.split.salt)
    low = 0.0
    for name, ratio in config.split.ratios().items():
        if u < low + ratio:
            return name
        low += ratio
    return SPLITS[-1]


def page_spans(analysis: PageAnalysis, article_ids: dict[int, str]) -> list[LineSpan]:
    """Merge consecutive lines with the same role, detail and article into spans (every line in one)."""
    spans: list[LineSpan] = []
    for block, (role, detail, unit) in zip(analysis.blocks, analysis.roles):
        article_id = article_ids.get(unit) if unit is not None else None
        last = spans[-1] if spans else None
        if last and (last.role, last.detail, last.article_id) == (role, detail, article_id) and last.line_end == block.line_start - 1:
            last.line_end = block.line_end
        else:
            spans.append(LineSpan(line_start=block.line_start, line_end=block.line_end, role=role, detail=detail,
                                  article_id=article_id))
    return spans


def _swap_in(staging: Path, output_dir: Path) -> None:
    """Replace the output folder by the finished staging folder; the old one is removed only after."""
    previous = None
    if output_dir.exists():
        if not (output_dir / "manifest.json").exists() and any(output_dir.iterdir()):
            raise BuildError(f"{output_dir}: exists and is not a corpus_pkg build (no manifest.json); not replacing it")
        previous = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}")
        os.replace(output_dir, previous)
    os.replace(staging, output_dir)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def print_progress(message: str) -> None:
    print(message, file=sys.stderr)


def load_report(output_dir: Path) -> BuildReport:
    return BuildReport.model_validate(json.loads((Path(output_dir) / REPORT).read_text(encoding="utf-8")))
