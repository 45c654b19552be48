"""CPU seconds of one build, split between the main process and its worker processes.

    python benchmarks/worker_cpu.py --input PAGES --output OUT --workers 2      # prints one line of JSON

`os.times()` around the command line's build (`corpus_pkg.cli.main`): `main_build_s` is the build process's
own CPU (user + system, all its threads), `children_s` that of the worker processes it started and reaped,
`import_s` the imports before the build, `wall_s` the build's wall-clock seconds (on a shared machine, a figure
for the same run's comparisons only). Run with PYTHONPATH naming another copy of corpus_pkg to measure that
code the same way. CPU time, not wall time: other processes on a shared machine inflate it much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    start = os.times()
    from corpus_pkg.cli import main as build_command

    shutil.rmtree(args.output, ignore_errors=True)
    before, began = os.times(), time.perf_counter()
    status = build_command(["build", "--input", args.input, "--output", args.output, "--workers", str(args.workers),
                            "--quiet"])
    after, wall = os.times(), time.perf_counter() - began
    print(json.dumps({"workers": args.workers, "status": status,
                      "import_s": round(before.user + before.system - start.user - start.system, 2),
                      "main_build_s": round(after.user + after.system - before.user - before.system, 2),
                      "children_s": round(after.children_user + after.children_system, 2),
                      "wall_s": round(wall, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
