"""Where pass 1 of a build spends its time: one build, one worker, with a timer around each stage's function.

    python benchmarks/pass1_stages.py --input PAGES --output OUT     # prints one line of JSON

Run with PYTHONPATH naming another copy of corpus_pkg (e.g. `git archive` of an older commit) to measure that
code the same way: only functions both versions have are wrapped. The build is the real one
(`corpus_pkg.build`, workers=1); each stage's time is exclusive (language identification called from the
segmenter or the extractor counts as language, not as segment or extract), CPU time of this process
(`time.process_time`, which other processes on a shared machine do not inflate, plus the CPU of ended child
processes) and wall time.

Stages: `decode` (read_page minus mojibake repair), `mojibake` (ftfy), `first_look` (the folder's repeated
lines, minus its reading), `segment`, `language`, `extract`, `minhash`, `pass1_other` (the rest of a file's
pass 1: unit rows, rights, spans), `pass1_spool` (the main loop: reports, spooling the rows), `after_pass1`
(dedup, splits, Parquet, card, validation); `start_cpu_s`: imports and the language model, before the build.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

_stack: list[list] = []            # [label, cpu at entry, wall at entry, cpu of children, wall of children]
cpu: dict[str, float] = {}
wall: dict[str, float] = {}
calls: dict[str, int] = {}


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(label: str, function):
    def wrapper(*args, **kwargs):
        _stack.append([label, cpu_seconds(), time.perf_counter(), 0.0, 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            _, c0, w0, child_c, child_w = _stack.pop()
            dc, dw = cpu_seconds() - c0, time.perf_counter() - w0
            cpu[label] = cpu.get(label, 0.0) + dc - child_c
            wall[label] = wall.get(label, 0.0) + dw - child_w
            calls[label] = calls.get(label, 0) + 1
            if _stack:
                _stack[-1][3] += dc
                _stack[-1][4] += dw
    return wrapper


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, required=True)
    ap.add_argument("--output", type=Path, required=True)
    args = ap.parse_args(argv)
    c0, w0 = cpu_seconds(), time.perf_counter()
    import corpus_pkg
    from corpus_pkg import dedup, extract, language, pipeline, read, reader, segment, stream

    read.fix_mojibake = timed("mojibake", read.fix_mojibake)
    stream.read_page = timed("decode", stream.read_page)
    pipeline.site_lines = timed("first_look", pipeline.site_lines)
    segment.Segmenter.analyse = timed("segment", segment.Segmenter.analyse)
    extract.Extractor.extract = timed("extract", extract.Extractor.extract)
    language.classify = timed("language", language.classify)
    if hasattr(language, "classify_sample"):        # an article's language, from its beginning (issue 15)
        language.classify_sample = timed("language", language.classify_sample)
    if hasattr(language, "classify_samples"):       # the articles of a batch of pages at once (issue 15, round 6)
        language.classify_samples = timed("language", language.classify_samples)
    dedup.MinHasher.signatures = timed("minhash", dedup.MinHasher.signatures)
    reader.PageReader.__call__ = timed("pass1_other", reader.PageReader.__call__)
    reader.PageReader.batch = timed("pass1_other", reader.PageReader.batch)  # a one-process build reads in batches
    pipeline._read_pages = timed("pass1_spool", pipeline._read_pages)   # pass 1 as a whole (exclusive: the spooling)
    language.identifier()       # the model is loaded once per build: counted in start, not in the first page's time
    shutil.rmtree(args.output, ignore_errors=True)
    c1, w1 = cpu_seconds(), time.perf_counter()
    report = timed("after_pass1", corpus_pkg.build)(input_dir=args.input, output_dir=args.output, workers=1)
    c2, w2 = cpu_seconds(), time.perf_counter()
    stages = ("decode", "mojibake", "first_look", "segment", "language", "extract", "minhash", "pass1_other",
              "pass1_spool", "after_pass1")
    pass1_cpu = sum(cpu.get(s, 0.0) for s in stages[:-1])
    out = {"code": str(Path(corpus_pkg.__file__).parent), "articles": report.n_articles,
           "cpu_s": {s: round(cpu.get(s, 0.0), 3) for s in stages}, "wall_s": {s: round(wall.get(s, 0.0), 3) for s in stages},
           "calls": calls, "start_cpu_s": round(c1 - c0, 3), "build_cpu_s": round(c2 - c1, 3),
           "build_wall_s": round(w2 - w1, 3), "pass1_cpu_s": round(pass1_cpu, 3), "total_wall_s": round(w2 - w0, 3)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
