"""Deduplication alone, at scale: `Deduplicator.resolve()` timed on the state a build's pass 1 gives it.

    python benchmarks/dedup_resolve.py dump --input PAGES --state STATE.npz [--workers N]
    python benchmarks/dedup_resolve.py time --state STATE.npz [--result RESULT.npz]

`dump` runs a real build (`corpus_pkg.build`) up to deduplication and saves what its Deduplicator holds (content
keys, copy ranks, signatures), then stops the build. `time` adds that state to a fresh Deduplicator and
prints one line of JSON: CPU seconds of `resolve()` (`time.process_time`), peak RSS before and after it
(`ru_maxrss`), articles and related groups. Run `time` with PYTHONPATH naming another copy of corpus_pkg to
measure older code on the same signatures; `--result` saves each unit's article and group to compare runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import numpy as np


class _Dumped(Exception):
    """Stops the build once the Deduplicator's state is saved."""


def dump(pages: Path, state: Path, workers: int) -> None:
    import corpus_pkg
    from corpus_pkg import dedup
    from corpus_pkg.config import BuildConfig

    def save(self):
        self._spill.flush()
        signatures = np.fromfile(self._spill_path, dtype=np.uint32).reshape(self.n_units, -1)
        np.savez(state, keys=self._keys.array()[:, 0], ranks=self._ranks.array()[:, 0], signatures=signatures)
        raise _Dumped

    dedup.Deduplicator.resolve = save
    with tempfile.TemporaryDirectory() as out:
        try:
            corpus_pkg.build(BuildConfig(input_dir=pages, output_dir=Path(out) / "out", workers=workers))
        except _Dumped:
            return
    raise SystemExit("the build ended without deduplicating")


def time_resolve(state: Path, result: Path | None) -> dict:
    from corpus_pkg.config import DedupConfig
    from corpus_pkg.dedup import Deduplicator

    saved = np.load(state)
    keys, ranks, signatures = saved["keys"], saved["ranks"], saved["signatures"]
    with tempfile.TemporaryDirectory() as spill:
        with Deduplicator(DedupConfig(), spill_dir=Path(spill)) as dedup:
            for start in range(0, len(keys), 10_000):
                dedup.add(keys[start : start + 10_000].tolist(), signatures[start : start + 10_000],
                          ranks[start : start + 10_000].tolist())
            del signatures, saved
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.process_time()
            resolved = dedup.resolve()
            cpu = time.process_time() - started
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if result is not None:
        np.savez(result, article_of=resolved.article_of, group_of=resolved.group_of)
    return {"units": len(keys), "resolve_cpu_s": round(cpu, 2), "peak_rss_before_mb": before // 1024,
            "peak_rss_after_mb": after // 1024, "articles": int(resolved.is_kept().sum()),
            "groups": int(len(np.unique(resolved.group_of)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["dump", "time"])
    parser.add_argument("--input", type=Path)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--result", type=Path)
    args = parser.parse_args()
    if args.step == "dump":
        if args.input is None:
            parser.error("dump needs --input")
        dump(args.input, args.state, args.workers)
    else:
        print(json.dumps(time_resolve(args.state, args.result)))


if __name__ == "__main__":
    main()
