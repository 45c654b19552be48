"""CPU seconds and peak RSS of each stage of one build, and the write stage against the pyarrow limit.

    python benchmarks/stage_memory.py --input PAGES --output OUT            # prints one line of JSON
    python benchmarks/stage_memory.py --input PAGES --output OUT --no-limit [--workers 2]

One build in this process (`corpus_pkg.build`, workers=1 unless `--workers N`); the stages are told apart by the build's progress
messages (read, dedup, write, card, as in bench_build.py). Per stage: CPU seconds of this process
and of its ended children (`time.process_time` and `RUSAGE_CHILDREN`, which other processes on a shared machine do not inflate) and the largest VmRSS, RssAnon and RssFile of `/proc/self/status` sampled
every 10 ms, the RSS when each stage begins (`entry_mb`), and the largest VmHWM of a child process (RssFile: mapped file pages, such as a spool's row group
the Parquet writer reads). Then the pyarrow limit as bench_build.py defines it, in CPU seconds:
`Table.from_pylist` + `pq.write_table` of the rows the build wrote, both configs, with `write.writer_options`
and the build's row-group size. Run with PYTHONPATH naming another copy of corpus_pkg to measure that code.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import threading
import time
from pathlib import Path

import psutil

STAGES = {"reading": "read", "deduplicating": "dedup", "writing the articles": "write", "writing the dataset card": "card"}
FIELDS = ("VmRSS", "RssAnon", "RssFile")


def status(pid: str = "self", fields: tuple[str, ...] = FIELDS) -> dict[str, int]:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return {line.split(":")[0]: int(line.split()[1]) * 1024 for line in handle if line.split(":")[0] in fields}
    except OSError:     # a child that has just ended
        return {}


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def pyarrow_limit(out: Path) -> float:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_pkg.config import ParquetConfig
    from corpus_pkg.schema import Article, Page, arrow_schema
    from corpus_pkg.write import writer_options

    options, seconds, scratch = writer_options(ParquetConfig()), 0.0, Path(f"{out}-limit")
    scratch.mkdir(exist_ok=True)
    for folder, model in (("data", Article), ("pages", Page)):
        files = sorted((out / folder).glob("*.parquet"))
        rows = [r for f in files for r in pq.read_table(f).to_pylist()]
        row_group = max((pq.read_metadata(f).row_group(0).num_rows for f in files if pq.read_metadata(f).num_row_groups),
                        default=1)
        started = cpu_seconds()
        table = pa.Table.from_pylist(rows, schema=arrow_schema(model))
        pq.write_table(table, scratch / f"{folder}.parquet", row_group_size=row_group, **options)
        seconds += cpu_seconds() - started
    shutil.rmtree(scratch)
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, required=True)
    ap.add_argument("--output", type=Path, required=True)
    ap.add_argument("--no-limit", action="store_true", help="skip the pyarrow limit")
    ap.add_argument("--workers", type=int, default=1, help="worker processes of the build (default 1)")
    args = ap.parse_args()
    import corpus_pkg
    from corpus_pkg import language

    language.identifier()       # the model is loaded once per build: counted before the first stage
    stage, marks, peaks, running, entry = ["start"], [], {}, [True], {}

    def progress(message: str) -> None:
        for prefix, name in STAGES.items():
            if message.startswith(prefix) and stage[0] != name:
                marks.append((name, cpu_seconds()))
                entry[name] = status()
                stage[0] = name

    def sample() -> None:
        while running[0]:
            sizes = status()
            for child in psutil.Process().children():     # a child's own peak (VmHWM)
                sizes["child VmHWM"] = max(sizes.get("child VmHWM", 0), status(str(child.pid), ("VmHWM",)).get("VmHWM", 0))
            for field, value in sizes.items():
                peaks.setdefault(stage[0], {})[field] = max(peaks.get(stage[0], {}).get(field, 0), value)
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    shutil.rmtree(args.output, ignore_errors=True)
    marks.append(("read", cpu_seconds()))
    stage[0] = "read"
    report = corpus_pkg.build(input_dir=args.input, output_dir=args.output, workers=args.workers, progress=progress)
    marks.append(("end", cpu_seconds()))
    running[0] = False
    sampler.join()
    cpu: dict[str, float] = {}
    for (name, start), (_, end) in zip(marks, marks[1:]):
        cpu[name] = cpu.get(name, 0.0) + end - start
    result = {"articles": report.n_articles, "cpu_s": {k: round(v, 3) for k, v in cpu.items()},
              "peak_mb": {s: {f: round(v / 1e6, 1) for f, v in p.items()} for s, p in peaks.items()},
              "entry_mb": {s: {f: round(v / 1e6, 1) for f, v in p.items()} for s, p in entry.items()}}
    if not args.no_limit:
        result["pyarrow_limit_cpu_s"] = round(pyarrow_limit(args.output), 3)
        result["write_ratio"] = round(cpu["write"] / result["pyarrow_limit_cpu_s"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
