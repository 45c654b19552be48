"""Pass 1 (read, segment, extract, MinHash) of two checkouts on the same generated corpus, in CPU seconds.

    git archive BASE_COMMIT | tar -x -C /tmp/base          # the checkout to compare with
    python benchmarks/generate_corpus.py /tmp/corpus3k --articles 3000 --seed 7
    python benchmarks/bench_pass1.py /tmp/corpus3k/pages --against /tmp/base --rounds 4

Each round runs pass 1 of this checkout and of the other one in fresh processes, one after the other (one
worker, best of two passes each, CPU time of the process so that other load on the machine counts less);
the means over the rounds and their ratio are printed. Tests never run this; it only measures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import corpus_pkg
assert corpus_pkg.__file__.startswith(sys.argv[1]), corpus_pkg.__file__
from corpus_pkg.config import BuildConfig
from corpus_pkg.read import discover
from corpus_pkg.stream import read_files, site_lines
folder = Path(sys.argv[2])
config = BuildConfig(input_dir=folder, output_dir=folder.parent / "unused", workers=1)
paths = list(discover(folder))
template = site_lines(folder, paths)
best = float("inf")
for _ in range(2):
    started = time.process_time()
    units = sum(len(r.units) for r in read_files(config, folder, paths, template))
    best = min(best, time.process_time() - started)
print(best, units)
"""


def pass1_seconds(code: Path, folder: Path) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(code), str(folder)], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=Path)
    ap.add_argument("--against", type=Path, required=True, help="another checkout of corpus_pkg")
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    ours, theirs = [], []
    for _ in range(args.rounds):
        for code, into in ((args.against.resolve(), theirs), (ROOT, ours)):
            seconds, units = pass1_seconds(code, args.pages)
            into.append(seconds)
            print(f"{code}: {seconds:.2f} s CPU, {units} units", flush=True)
    a, b = statistics.mean(ours), statistics.mean(theirs)
    print(f"pass 1: this checkout {a:.2f} s, {args.against} {b:.2f} s, ratio {a / b:.3f}")


if __name__ == "__main__":
    main()
