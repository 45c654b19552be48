"""CPU seconds of the card stage alone (`pipeline.write_card`: figures, README.md, croissant.json, the outlets
config and the manifest) on a copy of a built folder, in a fresh process with the build's imports done first.

    python benchmarks/card_cpu.py BUILT_FOLDER SCRATCH       # prints the CPU seconds

Run with PYTHONPATH naming another copy of corpus_pkg to measure that code; alternate the two codes a few times
and take each one's minimum (the machine is shared). The registry is not loaded beforehand, as in the main
process of a build with worker processes.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import datasets  # noqa: F401  (imported by every build before the card: not counted)
import jinja2  # noqa: F401
import pyarrow.parquet as pq

from corpus_pkg import pipeline
from corpus_pkg.card.layout import CONFIGS, shards
from corpus_pkg.card.statement import load_card_file
from corpus_pkg.config import BuildConfig
from corpus_pkg.write import WrittenSplit


def main() -> None:
    built, scratch = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(built, scratch)
    report = pipeline.load_report(scratch)
    written = {layout.name: [WrittenSplit(split=split, files=[p.relative_to(scratch).as_posix() for p in paths],
                                          num_examples=sum(pq.read_metadata(p).num_rows for p in paths), num_bytes=0)
                             for split, paths in shards(scratch, layout.folder).items()]
               for layout in CONFIGS if layout.name != "outlets"}
    config = BuildConfig.load(None, input_dir=built, output_dir=scratch)
    statement = load_card_file(config.card.file)
    started = time.process_time()
    pipeline.write_card(scratch, config, report, written, statement)
    print(round(time.process_time() - started, 3))
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
