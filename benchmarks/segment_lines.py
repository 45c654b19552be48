"""Segmentation alone, replayed: CPU seconds of `Segmenter.analyse` over every page of a build, and what a new
line of each class costs the classifier.

    python benchmarks/segment_lines.py --input PAGES --work DIR [--runs 3]     # prints one line of JSON

A build of PAGES (workers=1, output in DIR) records the lines each `Segmenter.analyse` call is given; they are
then read again `--runs` times in this process by a fresh segmenter, with the build's garbage-collector settings
and the per-line caches of `corpus_pkg` (those of 1,024 entries or more: dates, comparison keys, word counts)
emptied before each run, so every run pays what the build paid. `segment_cpu_s`: each run's CPU seconds minus
the language identification the segmenter asks for (as `pass1_stages.py` counts it). `per_line_us`: for each
class, the classifier's mean time for a line (every non-blank line of the pages, `Classifier._classify`
without its memory of lines, one pass; process time); `lines`: how many lines of each class.
Run with PYTHONPATH naming another copy of corpus_pkg to measure that code the same way.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
import time
from pathlib import Path


def record(pages: Path, work: Path) -> tuple[list, frozenset[str]]:
    """Build `pages` (one worker) and return every `analyse` call's arguments and the build's site lines."""
    from corpus_pkg import segment
    from corpus_pkg.cli import main

    calls: list[tuple[list[str], str, str]] = []
    site_lines: list[frozenset[str]] = []
    analyse = segment.Segmenter.analyse

    def recording(self, lines, layout="auto", title="auto"):
        calls.append((list(lines), layout, title))
        site_lines[:] = [self.site_lines]
        return analyse(self, lines, layout, title)

    segment.Segmenter.analyse = recording
    try:
        shutil.rmtree(work, ignore_errors=True)
        main(["build", "--input", str(pages), "--output", str(work), "--workers", "1", "--quiet"])
    finally:
        segment.Segmenter.analyse = analyse
    return calls, site_lines[0] if site_lines else frozenset()


def clear_line_caches() -> None:
    """Empty corpus_pkg's per-line caches (lru caches and memos with `cache_info`, of 1,024 entries or more)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("corpus_pkg"):
            continue
        for value in list(vars(module).values()):
            info = None if isinstance(value, type) else getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) >= 1024:
                value.cache_clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    from corpus_pkg import language
    from corpus_pkg.extract import Extractor
    from corpus_pkg.profiles import load_profile
    from corpus_pkg.registry import load_registry, outlet_key
    from corpus_pkg.segment import Classifier, Segmenter, make_blocks
    from corpus_pkg.stream import GC_THRESHOLDS

    calls, site_lines = record(args.input, args.work)
    profile = load_profile()
    known_outlets = Extractor(profile, load_registry()).known_outlets      # as the build's reader gives them

    def classifier() -> Classifier:
        return Classifier(profile, known_outlets, outlet_key)

    spent_on_language = [0.0]
    identify = language.classify

    def timed_identify(*a, **k):
        start = time.process_time()
        try:
            return identify(*a, **k)
        finally:
            spent_on_language[0] += time.process_time() - start

    language.classify = timed_identify
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    runs = []
    for _ in range(args.runs):
        clear_line_caches()
        segmenter = Segmenter(classifier(), site_lines)
        spent_on_language[0] = 0.0
        start = time.process_time()
        for lines, layout, title in calls:
            segmenter.analyse(lines, layout, title)
        runs.append(round(time.process_time() - start - spent_on_language[0], 3))

    clear_line_caches()
    c = classifier()
    spent: dict[str, float] = {}
    counted: dict[str, int] = {}
    for lines, _, _ in calls:
        blocks, _ = make_blocks(lines)
        c.start_page(blocks)
        for block in blocks:
            if block.text:
                start = time.process_time()
                c._classify(block)
                spent[block.cls] = spent.get(block.cls, 0.0) + time.process_time() - start
                counted[block.cls] = counted.get(block.cls, 0) + 1
    print(json.dumps({"pages": len(calls), "segment_cpu_s": runs, "segment_cpu_s_min": min(runs),
                      "per_line_us": {k: round(spent[k] / counted[k] * 1e6, 1) for k in sorted(spent)},
                      "lines": dict(sorted(counted.items()))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
