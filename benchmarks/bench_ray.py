"""The Ray engine against the local engine, on the same generated corpora with the same CPU count, in one run.

    python benchmarks/bench_ray.py                          # N = 5k and 25k articles, 2 CPUs (~4 min on 2 cores)
    python benchmarks/bench_ray.py --sizes 10000 100000     # the issue's size (~12 min on 2 cores)
    python benchmarks/bench_ray.py --sizes 5000 20000 --previous REF    # also the Ray engine of commit REF

For each N (corpora from `generate_corpus.py`, seed 7, cached under benchmarks/out/corpora/), two builds in
subprocesses, timed and watched the same way (`bench_build.run_build`):

* local: `corpus-pkg build --workers C` (the build process and C worker processes);
* ray: `corpus-pkg build --workers C --engine ray`: the driver starts a Ray instance on this machine with C
  CPUs (its start-up, a few seconds, is inside the wall time), or joins `--ray-address` if given.

Reported: wall time and the ratio ray / local (target at most 1.3); peak RSS (VmHWM) of the build process (the
driver) and, for local, of the largest of the build process and its workers; the growth of those peaks per
article between the smallest and the largest N (target: the driver's at most half the local build's); and
whether both engines wrote the same bytes (every file but the build report, which names its output folder).
With `--previous REF`, a third build per N: the Ray engine
of git commit REF (`bench_build.previous_code`), for a before/after of the driver's memory in the same run.
Written to benchmarks/out/ray-<time>.json. Tests never run this; it only measures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")   # Ray must not try to reach the network
os.environ.setdefault("RAY_AUTH_MODE", "disabled")       # a private instance on this machine: no token file in ~/.ray

from bench_build import NAMES_THE_CODE, OUT, ROOT, corpus, machine, previous_code, run_build, tree_digest  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 25000])
    ap.add_argument("--cpus", type=int, default=2, help="worker processes (local) and Ray CPUs (default 2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpora", type=Path, default=OUT / "corpora")
    ap.add_argument("--ray-address", default=None, help="join this cluster instead of starting Ray here")
    ap.add_argument("--previous", metavar="REF", help="also build with the Ray engine of git commit REF")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    ray_options = ("--engine", "ray") + (("--ray-address", args.ray_address) if args.ray_address else ())
    result = {"machine": machine(), "cpus": args.cpus, "runs": [], "previous": args.previous}
    builds = [("local", (), ROOT), ("ray", ray_options, ROOT)]
    if args.previous:
        builds.append(("ray_previous", ray_options, previous_code(args.previous)))
    for n in sorted(args.sizes):
        pages, summary = corpus(n, args.seed, args.corpora)
        entry = {"articles": n, "pages": summary["pages"], "input_mb": round(summary["bytes"] / 1e6, 1)}
        with tempfile.TemporaryDirectory(dir=OUT, prefix="ray-") as work:
            for engine, extra, code in builds:
                out = Path(work) / engine
                entry[engine] = run_build(pages, out, args.cpus, code=code, extra=extra)
                # another commit's card and manifest name that commit: its Parquet files are compared
                entry[engine]["digest"] = tree_digest(out, NAMES_THE_CODE if code != ROOT else ("build-report.json",))
                print(f"  N={n} {engine}: {entry[engine]['seconds']:.1f} s, driver peak "
                      f"{entry[engine]['peak_rss_main_mb']:.0f} MB, largest process {entry[engine]['peak_rss_mb']:.0f} MB",
                      flush=True)
        local = entry["local"].pop("digest")
        same = []
        for engine, _, code in builds[1:]:
            expected = local if code == ROOT else {k: v for k, v in local.items() if k not in NAMES_THE_CODE}
            same.append(entry[engine].pop("digest") == expected)
        entry["identical"] = all(same)
        entry["ray_over_local"] = round(entry["ray"]["seconds"] / entry["local"]["seconds"], 3)
        result["runs"].append(entry)
    runs = result["runs"]
    if len(runs) >= 2:
        small, large = runs[0], runs[-1]
        added = large["articles"] - small["articles"]

        def growth(engine: str, key: str) -> float:
            return round((large[engine][key] - small[engine][key]) * 1e6 / added / 1e3, 3)    # KB per article

        result["growth_kb_per_article"] = {
            "ray_driver": growth("ray", "peak_rss_main_mb"),
            "local_build": growth("local", "peak_rss_mb"),
            "local_main_process": growth("local", "peak_rss_main_mb"),
            "ray_driver_anon_polled": growth("ray", "peak_rss_main_anon_polled_mb"),
            "local_main_anon_polled": growth("local", "peak_rss_main_anon_polled_mb"),
            "between": [small["articles"], large["articles"]],
            **({"ray_previous_driver": growth("ray_previous", "peak_rss_main_mb"),
                "ray_previous_driver_anon_polled": growth("ray_previous", "peak_rss_main_anon_polled_mb")}
               if args.previous else {}),
        }
    print(table(result))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"ray-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {OUT / f'ray-{stamp}.json'}")
    return 0 if all(r["identical"] for r in runs) else 1


def table(result: dict) -> str:
    lines = ["| N articles | pages | local s | ray s | ray / local | local peak RSS MB (largest process) | "
             "ray driver peak RSS MB | identical |", "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in result["runs"]:
        lines.append(f"| {r['articles']:,} | {r['pages']:,} | {r['local']['seconds']:.1f} | {r['ray']['seconds']:.1f} | "
                     f"{r['ray_over_local']:.2f}× | {r['local']['peak_rss_mb']:.0f} | {r['ray']['peak_rss_main_mb']:.0f} | "
                     f"{'yes' if r['identical'] else 'NO'} |")
    growth = result.get("growth_kb_per_article")
    if growth:
        lines.append(f"\npeak RSS growth per article, {growth['between'][0]:,} → {growth['between'][1]:,}: ray driver "
                     f"{growth['ray_driver']} KB; local build {growth['local_build']} KB "
                     f"(its main process {growth['local_main_process']} KB)")
        if "ray_previous_driver" in growth:
            lines.append(f"ray driver of {result['previous']}: {growth['ray_previous_driver']} KB")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
