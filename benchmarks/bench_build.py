"""Benchmark `corpus-pkg build` on generated corpora, side by side with the references a user would compare it to.

    python benchmarks/bench_build.py                      # N = 1k, 10k, 100k articles; 1 and 2 workers
    python benchmarks/bench_build.py --sizes 1000 10000   # a quicker run
    python benchmarks/bench_build.py --million            # adds N = 1M (long: about an hour on 2 cores)
    python benchmarks/bench_build.py --sizes 1000 --kinds generated seedlike --previous d45afc1

For each N and each kind of corpus (cached under benchmarks/out/corpora/): `generated` (`generate_corpus.py`,
seed 7: N distinct articles on single-article and aggregator pages) and `seedlike` (`seedlike_corpus.py`: N/4
long multi-article pages, edited copies of the seed pages, about 4 articles found on each):

1. the full build, `python -m corpus_pkg build --quiet`-like (stage messages on a pipe, timed as they arrive), once
   per worker count: wall time, CPU seconds of the build and its workers (from the kernel's accounting of the
   process tree: what the work costs, whatever else the machine runs), input MB/s, articles/s, and peak RSS (the kernel's high-water mark, VmHWM, of
   the build process and of each worker; and the main process's RSS polled per stage). The outputs of the worker counts
   are compared file by file (they must be byte-identical).
2. the write limit: pyarrow writing the records the build wrote (read back as Python rows, both configs) with
   the build's own writer settings and row-group size, against the build's write stage (pass 2 and the shards).
3. the alternative a user would write: `datasets.Dataset.from_list(records).to_parquet(...)` on the same rows;
   and `Dataset.push_to_hub` (its own sharding and upload path), run against the project's local Hub stand-in
   (tests/hub_standin.py) because the real Hub cannot be reached here: that figure includes a local HTTP upload.
4. the dedup stage alone: corpus_pkg's Deduplicator (signatures + LSH + resolution, one process) against
   datasketch's reference loop (a MinHash per document, then MinHashLSH query and insert), on the article texts
   (at most --dedup-docs of them), each tenth followed by a copy with two words changed.

5. with --previous REF: the same builds by the code of git commit REF (a `git archive` copy, run with PYTHONPATH),
   in the same run, and whether its Parquet files are byte-identical to ours (README.md and manifest.json name
   the code that built them, so they are left out of that comparison);
6. pass-1 stage times (`pass1_stages.py`: one worker, CPU seconds per stage) of ours and of REF's code.

It prints a table with the ratios to the references and writes everything as JSON to benchmarks/out/.
Tests never run this; it only measures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

STAGES = {"reading": "read", "deduplicating": "dedup", "writing the articles": "write", "writing the dataset card": "card"}


# ------------------------------------------------------------------------------------------------
# 1. the build


SEEDLIKE_ARTICLES_PER_PAGE = 4     # articles the builder finds on a seed page, on average (411 on 100 pages)


def corpus(n: int, seed: int, root: Path, kind: str = "generated") -> tuple[Path, dict]:
    folder = root / (f"n{n}-s{seed}" if kind == "generated" else f"{kind}-n{n}-s{seed}")
    summary_path = folder / "corpus.json"
    if summary_path.exists():
        summary = json.loads(summary_path.read_text())
        if summary.get("seed") == seed and (summary.get("articles") == n or summary.get("n") == n):
            return folder / "pages", summary
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    if kind == "generated":
        from generate_corpus import generate

        summary = generate(folder, n, seed, workers=os.cpu_count() or 1)
    else:
        from seedlike_corpus import generate

        summary = generate(folder, max(1, n // SEEDLIKE_ARTICLES_PER_PAGE), seed)
        summary["n"] = n
        summary_path.write_text(json.dumps(summary) + "\n")
    print(f"  generated {summary['pages']} pages ({summary['bytes'] / 1e6:.0f} MB) in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    return folder / "pages", summary


def run_build(pages: Path, out: Path, workers: int, code: Path = ROOT, extra: tuple[str, ...] = ()) -> dict:
    """A build in a subprocess by the corpus_pkg found in `code` (this repository's, or an older commit's
    `git archive` copy); `extra`: more command-line options, e.g. the engine."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "corpus_pkg", "build", "--input", str(pages), "--output", str(out),
               "--workers", str(workers), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=code,
                            env={**os.environ, "PYTHONPATH": str(code)})
    marks: dict[str, float] = {}
    stderr_lines: list[str] = []

    def watch() -> None:
        for line in proc.stderr:
            stderr_lines.append(line)
            for prefix, stage in STAGES.items():
                if line.startswith(prefix) and stage not in marks:
                    marks[stage] = time.perf_counter() - started

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    main_peak = tree_peak = main_hwm = worker_hwm = main_anon = 0
    stage_peaks: dict[str, int] = {}
    parent = psutil.Process(proc.pid)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)   # reaped here, so that its rusage is ours
        if pid:
            break
        try:
            rss = parent.memory_info().rss
            children = parent.children(recursive=True)
            tree = rss + sum(c.memory_info().rss for c in children)
            main_hwm = max(main_hwm, high_water_mark(proc.pid))
            main_anon = max(main_anon, high_water_mark(proc.pid, "RssAnon"))
            worker_hwm = max([worker_hwm, *(high_water_mark(c.pid) for c in children)])
            main_peak, tree_peak = max(main_peak, rss), max(tree_peak, tree)
            stage = max(marks.items(), key=lambda kv: kv[1])[0] if marks else "start"
            stage_peaks[stage] = max(stage_peaks.get(stage, 0), rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = proc.stdout.read()
    watcher.join(timeout=5)
    if proc.returncode != 0:
        raise RuntimeError(f"build failed:\n{''.join(stderr_lines)}\n{stdout}")
    report = json.loads((out / "build-report.json").read_text())
    ends = sorted(marks.items(), key=lambda kv: kv[1]) + [("end", seconds)]
    stages = {name: round(ends[i + 1][1] - at, 3) for i, (name, at) in enumerate(ends[:-1])}
    # CPU seconds of the build and of every process it waited for (its workers): the work done, which other
    # sessions on a shared machine do not inflate the way they inflate wall time
    cpu_s = usage.ru_utime + usage.ru_stime
    return {"workers": workers, "seconds": round(seconds, 3), "cpu_seconds": round(cpu_s, 3),
            "articles": report["n_articles"],
            "units": report["n_units"], "stages": stages,
            "peak_rss_mb": round(max(main_hwm, worker_hwm) / 1e6, 1),   # the largest of the build process and its workers
            "peak_rss_main_mb": round(main_hwm / 1e6, 1), "peak_rss_worker_mb": round(worker_hwm / 1e6, 1),
            "peak_rss_main_anon_polled_mb": round(main_anon / 1e6, 1),     # its own memory, without shared pages mapped
            "peak_rss_main_polled_mb": round(main_peak / 1e6, 1), "peak_rss_tree_polled_mb": round(tree_peak / 1e6, 1),
            "peak_rss_main_by_stage_mb": {k: round(v / 1e6, 1) for k, v in stage_peaks.items()},
            "peak_rss_main_before_card_mb": round(max((v for k, v in stage_peaks.items() if k != "card"), default=0) / 1e6, 1)}


def high_water_mark(pid: int, field: str = "VmHWM") -> int:
    """The kernel's peak RSS of a running process (VmHWM; or another size field of /proc/PID/status, such as
    RssAnon, its current private memory), in bytes; 0 once it has gone.

    Not wait4's ru_maxrss: Popen starts the build with vfork + exec, and Linux carries the parent's
    high-water mark across exec, so ru_maxrss would report this benchmark's own peak when it is larger."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_digest(folder: Path, leave_out: tuple[str, ...] = ("build-report.json",)) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in leave_out}


NAMES_THE_CODE = ("build-report.json", "README.md", "manifest.json")    # the card's and manifest's provenance line


def previous_code(ref: str) -> Path:
    """The code of git commit `ref`, as `git archive` extracts it (cached under benchmarks/out/previous-REF)."""
    folder = OUT / f"previous-{ref}"
    if not (folder / "corpus_pkg").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def pass1_stages(pages: Path, out: Path, code: Path) -> dict:
    """`pass1_stages.py` run on the corpus_pkg found in `code` (one worker)."""
    proc = subprocess.run([sys.executable, str(HERE / "pass1_stages.py"), "--input", str(pages), "--output", str(out)],
                          capture_output=True, text=True, cwd=code, env={**os.environ, "PYTHONPATH": str(code)})
    if proc.returncode != 0:
        raise RuntimeError(f"pass1_stages failed:\n{proc.stderr}")
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------
# 2, 3. writing the same records


def read_records(built: Path) -> dict[str, tuple[list[dict], int]]:
    """The rows of the two configs the build wrote, as Python records, with their row-group size."""
    import pyarrow.parquet as pq

    out = {}
    for folder in ("data", "pages"):
        files = sorted((built / folder).glob("*.parquet"))
        rows = [r for f in files for r in pq.read_table(f).to_pylist()]
        row_group = max((pq.read_metadata(f).row_group(0).num_rows for f in files if pq.read_metadata(f).num_row_groups),
                        default=1)
        out[folder] = (rows, row_group)
    return out


def write_limit(records: dict, work: Path) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_pkg.config import ParquetConfig
    from corpus_pkg.schema import Article, Page, arrow_schema
    from corpus_pkg.write import writer_options

    options = writer_options(ParquetConfig())
    convert = write = 0.0
    nbytes = 0
    for folder, model in (("data", Article), ("pages", Page)):
        rows, row_group = records[folder]
        started = time.perf_counter()
        table = pa.Table.from_pylist(rows, schema=arrow_schema(model))
        convert += time.perf_counter() - started
        started = time.perf_counter()
        pq.write_table(table, work / f"{folder}.parquet", row_group_size=row_group, **options)
        write += time.perf_counter() - started
        nbytes += table.nbytes
    return {"seconds": round(convert + write, 3), "convert_seconds": round(convert, 3),
            "write_seconds": round(write, 3), "arrow_mb": round(nbytes / 1e6, 1)}


def datasets_to_parquet(records: dict, work: Path) -> dict:
    import datasets

    datasets.disable_progress_bars()
    started = time.perf_counter()
    for folder in ("data", "pages"):
        datasets.Dataset.from_list(records[folder][0]).to_parquet(str(work / f"{folder}-datasets.parquet"))
    return {"seconds": round(time.perf_counter() - started, 3)}


PUSH_SCRIPT = r"""
import json, os, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from hub_standin import HubStandIn
state = Path(tempfile.mkdtemp(prefix="bench-hub-"))
hub = HubStandIn(state / "repos").start()
hub.add_token("hf_bench", "bench")
os.environ.update(HF_ENDPOINT=hub.url, HF_HOME=str(state / "home"), HF_HUB_DISABLE_XET="1", HF_HUB_OFFLINE="0",
                  HF_HUB_DISABLE_TELEMETRY="1")
import datasets, pyarrow.parquet as pq
datasets.disable_progress_bars()
built = Path(sys.argv[2])
seconds = 0.0
for folder, config in (("data", "default"), ("pages", "pages")):
    rows = [r for f in sorted((built / folder).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    started = time.perf_counter()
    datasets.Dataset.from_list(rows).push_to_hub("bench/corpus", config_name=config, token="hf_bench")
    seconds += time.perf_counter() - started
print(json.dumps({"seconds": round(seconds, 3)}))
hub.stop()
"""


def push_to_hub(built: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", PUSH_SCRIPT, str(ROOT / "tests"), str(built)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {"seconds": None, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------
# 4. dedup


def dedup_stage(texts: list[str]) -> dict:
    import numpy as np
    import xxhash
    from datasketch import MinHash, MinHashLSH

    from corpus_pkg.config import DedupConfig
    from corpus_pkg.dedup import Deduplicator, shingles

    config = DedupConfig()
    texts = with_near_copies(texts)
    keys = [int(hashlib.sha256(t.encode()).hexdigest()[:16], 16) for t in texts]
    started = time.perf_counter()
    with Deduplicator(config) as dedup:
        for start in range(0, len(texts), 256):
            dedup.add_texts(keys[start : start + 256], texts[start : start + 256])
        result = dedup.resolve()
    ours = time.perf_counter() - started
    ours_copies = int(np.count_nonzero(~result.is_kept()))

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=config.related_threshold, num_perm=config.num_perm)
    signatures, reference_copies = [], 0
    for i, text in enumerate(texts):
        m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=xxhash.xxh32_intdigest)
        m.update_batch(list(shingles(text, config.shingle_size)))
        reference_copies += any(m.jaccard(signatures[j]) >= config.same_article_threshold for j in lsh.query(m))
        lsh.insert(i, m)
        signatures.append(m)
    reference = time.perf_counter() - started
    return {"docs": len(texts), "ours_seconds": round(ours, 3), "ours_docs_per_s": round(len(texts) / ours, 1),
            "datasketch_seconds": round(reference, 3), "datasketch_docs_per_s": round(len(texts) / reference, 1),
            "speedup": round(reference / ours, 2), "ours_copies_found": ours_copies,
            "datasketch_copies_found": reference_copies}


def with_near_copies(texts: list[str], every: int = 10) -> list[str]:
    """The texts, each tenth followed by a copy with two words changed (what republication looks like)."""
    import random

    rng, out = random.Random(0), []
    for i, text in enumerate(texts):
        out.append(text)
        words = text.split()
        if i % every == 0 and words:    # an article whose text the rights policy withholds has no words
            for _ in range(2):
                words[rng.randrange(len(words))] = "reportedly"
            out.append(" ".join(words))
    return out


# ------------------------------------------------------------------------------------------------


def machine() -> dict:
    import datasets
    import datasketch
    import psutil
    import pyarrow

    return {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 1e9, 1),
            "python": platform.python_version(), "platform": platform.platform(), "pyarrow": pyarrow.__version__,
            "datasets": datasets.__version__, "datasketch": getattr(datasketch, "__version__", "?"),
            "load_average_at_start": os.getloadavg()}


def table(result: dict) -> str:
    lines = ["| corpus | N articles | code | workers | input MB | build s | input MB/s | build CPU s | input MB per CPU s | "
             "articles/s | peak RSS MB | speed-up vs 1 worker | load |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in result["sizes"]:
        for run in size["builds"]:
            one = next((r for r in size["builds"] if r["workers"] == 1 and r["code"] == run["code"]), None)
            speedup = f"{one['seconds'] / run['seconds']:.2f}×" if one else "–"
            lines.append(f"| {size['kind']} | {size['n']:,} | {run['code']} | {run['workers']} | {size['input_mb']:.1f} | "
                         f"{run['seconds']:.1f} | {run['input_mb_per_s']:.2f} | {run['cpu_seconds']:.1f} | "
                         f"{run['input_mb_per_cpu_s']:.2f} | {run['articles_per_s']:.0f} | "
                         f"{run['peak_rss_mb']:.0f} | {speedup} | {run['load_average']:.1f} |")
    staged = [(size, label, st) for size in result["sizes"] for label, st in size.get("pass1_stages", {}).items()]
    if staged:
        names = list(staged[0][2]["cpu_s"])
        lines += ["", "Pass-1 stage times, one worker, CPU seconds (`pass1_stages.py`; after_pass1 = dedup, split, "
                  "write, card):", "",
                  "| corpus | N | code | " + " | ".join(names) + " | build CPU s | input MB per CPU s |",
                  "|---|---:|---|" + "---:|" * (len(names) + 2)]
        for size, label, st in staged:
            lines.append(f"| {size['kind']} | {size['n']:,} | {label} | " + " | ".join(f"{st['cpu_s'][k]:.2f}" for k in names)
                         + f" | {st['build_cpu_s']:.2f} | {size['input_mb'] / st['build_cpu_s']:.2f} |")
    if any(size.get("references") for size in result["sizes"]):
        lines += ["", "| N articles | build write stage s | pyarrow limit s (ratio) | datasets to_parquet s (ratio) | "
                  "push_to_hub s, local stand-in (ratio) | dedup docs/s ours | datasketch docs/s | dedup speed-up |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in result["sizes"]:
        ref = size.get("references")
        if not ref:
            continue
        ours = ref["build_write_stage_seconds"]

        def cell(entry):
            s = entry.get("seconds") if entry else None
            return f"{s:.1f} ({ours / s:.2f})" if s else "–"

        d = ref["dedup"]
        lines.append(f"| {size['kind']} {size['n']:,} | {ours:.1f} | {cell(ref['pyarrow_limit'])} | {cell(ref['datasets_to_parquet'])} | "
                     f"{cell(ref['push_to_hub'])} | {d['ours_docs_per_s']:.0f} | {d['datasketch_docs_per_s']:.0f} | "
                     f"{d['speedup']:.2f}× |")
    if result.get("rss_growth_kb_per_article"):
        lines.append("")
        for kind_workers, growth in result["rss_growth_kb_per_article"].items():
            kind, workers = kind_workers.split(", ")
            lines.append(f"Peak RSS growth, {kind}, {growth['from']:,} → {growth['to']:,} articles, {workers} worker(s): "
                         f"{growth['kb_per_article']:.2f} KB per article (whole build); main process up to the "
                         f"card: {growth['kb_per_article_main_before_card']:.2f} KB; card stage: "
                         f"{growth['kb_per_article_main_card_stage']:.2f} KB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--million", action="store_true", help="also N = 1,000,000 (long)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpora", type=Path, default=OUT / "corpora")
    ap.add_argument("--dedup-docs", type=int, default=20000, help="texts for the dedup comparison (at most)")
    ap.add_argument("--no-references", action="store_true", help="only the builds")
    ap.add_argument("--references-up-to", type=int, default=100000,
                    help="skip the in-memory references above this N (they hold every record in memory)")
    ap.add_argument("--kinds", nargs="+", default=["generated"], choices=["generated", "seedlike"],
                    help="corpora: generated articles, and/or seed-like long multi-article pages")
    ap.add_argument("--previous", metavar="REF", help="also build with the code of git commit REF, in the same run")
    ap.add_argument("--previous-up-to", type=int, default=None,
                    help="the --previous builds only for N up to this (older code may not finish larger corpora)")
    ap.add_argument("--previous-workers", type=int, nargs="+",
                    help="worker counts of the --previous builds (default: those of --workers)")
    ap.add_argument("--no-stages", action="store_true", help="skip the pass-1 stage times")
    ap.add_argument("--stages-up-to", type=int, default=None,
                    help="pass-1 stage times only for N up to this (each is one more one-worker build per code)")
    args = ap.parse_args(argv)
    sizes = sorted(set(args.sizes + ([1_000_000] if args.million else [])))
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"command": "python benchmarks/bench_build.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "machine": machine(), "sizes": []}
    codes = {"ours": ROOT} | ({f"previous {args.previous}": previous_code(args.previous)} if args.previous else {})
    for kind in args.kinds:
        for n in sizes:
            print(f"{kind}, N = {n:,}", flush=True)
            pages, summary = corpus(n, args.seed, args.corpora, kind)
            entry = {"kind": kind, "n": n, "pages": summary["pages"], "input_mb": summary["bytes"] / 1e6, "builds": []}
            with tempfile.TemporaryDirectory(dir=OUT, prefix="build-") as work:
                work = Path(work)
                _builds(entry, pages, work, codes, args)
                built = work / f"ours-w{args.workers[-1]}"
                _references(entry, built, work, args)
            result["sizes"].append(entry)
    _growth(result, args)
    text = table(result)
    print(text)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (OUT / name).write_text(json.dumps({**result, "table": text}, indent=2) + "\n", encoding="utf-8")
    print(f"written: {OUT / f'bench-{stamp}.json'}")
    return 0


def _builds(entry: dict, pages: Path, work: Path, codes: dict[str, Path], args) -> None:
    """Each code's builds with each worker count; its outputs compared with ours; pass-1 stage times."""
    digests = {}
    for label, code in codes.items():
        for workers in args.workers:
            out = work / f"{label.split()[0]}-w{workers}"
            if label != "ours" and (workers not in (args.previous_workers or args.workers)
                                    or (args.previous_up_to is not None and entry["n"] > args.previous_up_to)):
                continue
            run = run_build(pages, out, workers, code)
            run["code"] = label
            run["input_mb_per_s"] = round(entry["input_mb"] / run["seconds"], 3)
            run["input_mb_per_cpu_s"] = round(entry["input_mb"] / run["cpu_seconds"], 3)
            run["articles_per_s"] = round(run["articles"] / run["seconds"], 1)
            run["load_average"] = os.getloadavg()[0]
            entry["builds"].append(run)
            digests[(label, workers)] = tree_digest(out, NAMES_THE_CODE)
            print(f"  {label}, {workers} worker(s): {run['seconds']:.1f} s, {run['input_mb_per_s']:.2f} MB/s, "
                  f"{run['cpu_seconds']:.1f} CPU s ({run['input_mb_per_cpu_s']:.2f} MB per CPU s), "
                  f"{run['articles_per_s']:.0f} articles/s, peak RSS {run['peak_rss_mb']:.0f} MB, "
                  f"stages {run['stages']}, load {run['load_average']:.1f}", flush=True)
            if label != "ours":
                shutil.rmtree(out)
        if label != "ours" and args.previous_up_to is not None and entry["n"] > args.previous_up_to:
            continue
        if not args.no_stages and (args.stages_up_to is None or entry["n"] <= args.stages_up_to):
            entry.setdefault("pass1_stages", {})[label] = stages = pass1_stages(pages, work / "stages", code)
            print(f"  {label}, pass 1 CPU s by stage: {stages['cpu_s']}", flush=True)
    entry["outputs_identical_across_workers"] = len({json.dumps(d, sort_keys=True) for (label, w), d in digests.items()
                                                      if label == "ours"}) == 1
    # None when no other code built this size (--previous-up-to): nothing was compared
    entry["outputs_identical_to_previous"] = len({json.dumps(d, sort_keys=True) for d in digests.values()}) == 1 \
        if any(label != "ours" for label, _ in digests) else None
    print(f"  outputs identical across workers: {entry['outputs_identical_across_workers']}; "
          f"across codes: {entry['outputs_identical_to_previous']}", flush=True)


def _references(entry: dict, built: Path, work: Path, args) -> None:
    """What a user would compare our build with, on the records our build wrote (sections 2-4)."""
    if args.no_references or entry["n"] > args.references_up_to:
        return
    records = read_records(built)
    write_stage = min(r["stages"].get("write", 0) for r in entry["builds"] if r["code"] == "ours")
    texts = [r["text"] for r in records["data"][0][: args.dedup_docs]]
    refs = {"build_write_stage_seconds": write_stage}
    refs["pyarrow_limit"] = write_limit(records, work)
    refs["datasets_to_parquet"] = datasets_to_parquet(records, work)
    del records
    refs["push_to_hub"] = push_to_hub(built)
    refs["dedup"] = dedup_stage(texts)
    entry["references"] = refs
    print(f"  references: {json.dumps(refs)}", flush=True)


def _growth(result: dict, args) -> None:
    """Peak RSS growth per article between N = 10k and 100k, per corpus kind and worker count."""
    growth = {}
    for kind in args.kinds:
        by_n = {e["n"]: e for e in result["sizes"] if e["kind"] == kind}
        if 10000 not in by_n or 100000 not in by_n:
            continue
        for workers in args.workers:
            small = next(r for r in by_n[10000]["builds"] if r["workers"] == workers and r["code"] == "ours")
            large = next(r for r in by_n[100000]["builds"] if r["workers"] == workers and r["code"] == "ours")
            per_article = 1000 / (large["articles"] - small["articles"])
            kb = (large["peak_rss_mb"] - small["peak_rss_mb"]) * per_article
            kb_before_card = (large["peak_rss_main_before_card_mb"] - small["peak_rss_main_before_card_mb"]) * per_article
            kb_card = (large["peak_rss_main_by_stage_mb"].get("card", 0) - small["peak_rss_main_by_stage_mb"].get("card", 0)) * per_article
            growth[f"{kind}, {workers}"] = {"from": small["articles"], "to": large["articles"],
                                            "kb_per_article": round(kb, 3),
                                            "kb_per_article_main_before_card": round(kb_before_card, 3),
                                            "kb_per_article_main_card_stage": round(kb_card, 3)}
    if growth:
        result["rss_growth_kb_per_article"] = growth


if __name__ == "__main__":
    sys.exit(main())
