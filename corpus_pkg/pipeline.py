"""`build()`: read → segment → extract → deduplicate → split → write Parquet → card → manifest.

Each stage is a plain function or small class in its own module; this one only wires them and
keeps the I/O at the edges. The output is written into a temporary folder beside the target and
swapped in only when everything succeeded, so a failed build leaves the previous output as it was.

The build streams, so its memory does not grow with the texts of the corpus:

1. Pass 1 (`stream.read_files`, in `workers` processes, results in input order): each file is read,
   segmented and extracted on its own. Its page row and unit rows are spooled to Arrow IPC files in a
   work folder inside the temporary output folder; the deduplicator keeps each unit's content key and
   LSH band hashes (its MinHash signature goes to a spill file).
2. Deduplication and the split of every article are decided on those compact arrays.
3. Pass 2 reads the spooled units and pages back in order and routes each article and page to the
   stager of its split; each stager lays its rows out in shards once their count and size are known.
The output is byte-identical whatever the number of workers.

The plan (`plan.py`) and pass 2 (`pass2.py`) have modules of their own. Those steps are the local engine's
(`write_splits`); `engines.ray` runs the same stage functions as tasks
on a Ray cluster and writes the same bytes (`BuildConfig.engine`).
"""

from __future__ import annotations

import shutil
import sys
from array import array
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import card, storage
from .card.statement import BuilderCard, load_card_file
from .config import BuildConfig
from .dedup import Deduplicator, DedupResult
from .engines import start_engine
from .parallel import side_by_side
from .pass2 import write_articles, write_pages
from .people import Spellings
from .plan import Staged, plan_articles
from .progress import BuildProgress
from .read import discover
from .report import BuildReport, read_report
from .stream import SpooledParts, pooled, read_files, site_lines
from .reader import page_schema, unit_schema
from .write import Spool, WrittenSplit, release_memory, write_manifest

REPORT = "build-report.json"
WORK = ".work"      # spools and spill files, inside the temporary output folder; removed before the card
#: units from which a build with several workers writes the pages config in a forked process: below, the write
#: takes about a CPU-second and the fork's own cost (a few tenths: pages copied on write) eats what it saves
FORKED_PAGES_FROM = 20_000


def build(config: BuildConfig | None = None, *, progress: Callable[[str], None] | None = None,
          **overrides) -> BuildReport:
    """Build the dataset; returns the report. `overrides` are BuildConfig fields (input_dir=..., ...)."""
    config = config.model_copy(update=overrides) if config else BuildConfig.load(None, **overrides)
    # the output must not be, hold or be inside the input: a build would read its own output (or lock) as input
    storage.check_locations(config)
    config.check_profiles()
    statement = load_card_file(config.card.file)   # a bad card file fails before anything is read
    say = progress or (lambda message: None)
    report = BuildReport(input_dir=str(storage.location(config.input_dir)),
                         output_dir=str(storage.location(config.output_dir)))

    # a folder or a URI (s3://, gs://...) on either side: `storage` copies a URI's input in, and stages and
    # swaps in a URI output with the guarantees its module docstring states
    with storage.staged_output(config) as staging, start_engine(config) as engine:
        with storage.local_input(config, staging, engine, say) as input_dir:
            written = engine.write_splits(config, input_dir, staging, report, progress)
        say("writing the dataset card")
        report.write_json(staging / REPORT)     # before the card: an engine's card task may read it from there
        engine.write_card(staging, config, report, written, statement)
    return report


def write_splits(config: BuildConfig, input_dir: Path, staging: Path, report: BuildReport,
                 progress: Callable[[str], None] | None) -> dict[str, list[WrittenSplit]]:
    """The local engine's build up to the card: pass 1, deduplication, the plan, pass 2, in this process and
    `config.workers` worker processes. Returns the written splits of each config ("default", "pages")."""
    say = progress or (lambda message: None)
    work = staging / WORK
    work.mkdir()
    report.keep_files_on_disk(work)     # not a list in memory: the largest per-file cost of a build
    staged, result = _read_and_deduplicate(config, input_dir, work, report, progress)
    release_memory()    # what pass 1 and deduplication freed (page texts, arrays), before pass 2 adds its own
    plan = plan_articles(config, staged, result, report)
    say("writing the articles and pages")
    # with more than one worker and enough units, the pages config is written in a forked process while this one
    # writes the articles (`parallel.side_by_side`); the notes it adds to the report come back with its splits
    forked = config.workers if plan.dedup.n_units >= FORKED_PAGES_FROM else 1
    written = side_by_side({"default": lambda: write_articles(config, staged, plan, work, staging),
                            "pages": lambda: write_pages(config, staged, plan, work, staging)}, processes=forked)
    written["pages"], notes = written["pages"]
    report.notes += notes
    shutil.rmtree(work)
    release_memory()    # what pass 2 freed, before the card reads its columns
    return written


def write_card(staging: Path, config: BuildConfig, report: BuildReport, written: dict[str, list[WrittenSplit]],
               statement: BuilderCard) -> None:
    """The card (README.md, croissant.json, ...) with the builder's `statement` (`card.statement.load_card_file`),
    and the manifest, once every shard is written."""
    digests = card.write(staging, config=config, report=report, written=written, statement=statement)
    write_manifest(staging, known=digests)     # the shards were hashed for croissant.json


# ------------------------------------------------------------------------------------------------
# pass 1: read, segment, extract; spool the rows, keep the signatures


def _read_and_deduplicate(config: BuildConfig, input_dir: Path, work: Path, report: BuildReport,
                          progress: Callable[[str], None] | None) -> tuple[Staged, DedupResult]:
    """Pass 1 and `Deduplicator.resolve()`. The deduplicator (its band hashes, ~110 bytes per unit) is dropped on
    return, so pass 2 and the card do not keep it."""
    with Deduplicator(config.dedup, spill_dir=work, processes=config.workers) as dedup:
        staged = _read_pages(config, input_dir, work, dedup, report, progress)
        (progress or (lambda message: None))(f"deduplicating {dedup.n_units} units")
        return staged, dedup.resolve()


def _read_pages(config: BuildConfig, input_dir: Path, work: Path, dedup: Deduplicator, report: BuildReport,
                progress: Callable[[str], None] | None) -> Staged:
    paths = discover(input_dir)      # a string per file, not a Path object
    bar = BuildProgress.for_files(lambda: [_size(p) for p in paths], progress=progress, n_files=len(paths))
    bar.message(f"reading {len(paths)} files with {config.workers} worker process(es)")
    if pooled(config, paths):       # the workers spool the rows themselves, in `work`
        units, pages = SpooledParts(unit_schema()), SpooledParts(page_schema())
    else:
        units = Spool(work / "units.arrow", unit_schema(), count_bytes=False)
        pages = Spool(work / "pages.arrow", page_schema(), count_bytes=False)
    first_unit, action = array("q", [0]), array("b")
    spellings = Spellings()
    try:
        decoded: dict = {}     # the pages site_lines reads, decoded once for both passes over them
        for result in read_files(config, input_dir, paths, site_lines(input_dir, paths, keep=decoded), decoded=decoded,
                                 spool_dir=work):
            if result.report is not None:       # None: a page of a container, whose report follows its pages
                report.add_file(result.report)
            bar.file_done(result.report.n_bytes if result.report else 0, result.n_units, files=bool(result.report))
            if not spool_result(result, units, pages, action, spellings):
                continue
            dedup.add(result.keys, result.signatures, result.copy_ranks, result.openings)
            first_unit.append(first_unit[-1] + result.n_units)
    finally:
        bar.close()
    units.close()
    pages.close()
    return Staged(units, pages, np.frombuffer(first_unit, dtype=np.int64), np.frombuffer(action, dtype=np.int8),
                  spellings.canonical())


def spool_result(result, units, pages, action, spellings: Spellings) -> bool:
    """A pass-1 `reader.FileResult`'s page and unit rows to the spools (`write.Spool`s), or where a worker spooled
    them to `stream.SpooledParts`; each unit's rights action code appended to `action` and its authors added to
    `spellings`. False when it has no page (a skipped file, a container's report)."""
    if result.spooled is not None:      # a batch's rows, on its first result
        units.add(result.spooled[0])
        pages.add(result.spooled[1])
    if not result.has_page:
        return False
    if result.page is not None:
        pages.append(result.page)
        for row in result.units:
            units.append(row)
    action.extend(result.actions)
    for authors in result.authors:
        spellings.add(authors)
    return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def print_progress(message: str) -> None:
    print(message, file=sys.stderr)


def load_report(output_dir: Path) -> BuildReport:
    """The build report of a built folder, its file list on disk (`report.read_report`)."""
    return read_report(Path(output_dir) / REPORT)
