"""Issue 15, a build's start: schemas derived once, pass 1 without `datasets`, the language model's depth found
by expanding each row once. Each shortcut is compared with the plain derivation it replaces. No test times
anything."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

import pyarrow as pa

from corpus_pkg import language, reader
from corpus_pkg.schema import Article, Page, arrow_fields, arrow_schema, described_schema


def test_schemas_are_derived_once_and_equal_a_fresh_derivation():
    for model in (Article, Page):
        assert arrow_schema(model) is arrow_schema(model)
        fresh = arrow_schema.__wrapped__(model)
        assert arrow_schema(model).equals(fresh, check_metadata=True)
        assert described_schema(model).equals(pa.schema(arrow_fields(model)), check_metadata=True)
        assert described_schema(model).equals(arrow_schema(model).remove_metadata(), check_metadata=False)
        # every field keeps its description: the spools carry what the shards carry, field by field
        assert [f.metadata for f in described_schema(model)] == [f.metadata for f in arrow_schema(model)]
    assert reader.unit_schema() is reader.unit_schema()
    assert reader.unit_schema().equals(reader.unit_schema.__wrapped__(), check_metadata=True)


def test_reading_pages_does_not_import_datasets(tmp_path):
    """A process that only reads pages (a worker, a Ray task) needs neither `datasets` nor the Features metadata."""
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("A headline about the harbour\n\nBy Jane Roe\n\nThe harbour reopened on Monday after a week of "
                    "storms, officials said in a statement on the radio this morning.\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from corpus_pkg.config import BuildConfig; "
            "from corpus_pkg.reader import PageReader; from corpus_pkg.stream import WorkerSpool; "
            f"folder = Path({str(tmp_path)!r}); reader = PageReader(BuildConfig(), folder / 'in'); "
            "results = WorkerSpool(folder).spool(reader.batch([folder / 'in' / 'page.txt'])); "
            "assert results[0].n_units == 1 and results[0].spooled[0].rows == 1, results; "
            "print('datasets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _plain_depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """Breadth-first over every state of each level, each expanded by its own 256 moves."""
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while True:
        reached = np.zeros(len(seen), dtype=bool)
        for start in range(0, len(frontier), 4096):
            rows = rowbase[frontier[start : start + 4096]]
            reached[nextmove[(rows[:, None] + np.arange(256)).ravel()]] = True
        frontier = np.flatnonzero(reached & ~seen)
        if not len(frontier):
            return depth
        seen[frontier] = True
        depth += 1


def test_model_depth_equals_expanding_every_state():
    fast = language.identifier()
    assert fast.depth == _plain_depth(fast.nextmove, fast.rowbase) == 6
    # a small automaton whose states share rows, deeper along one path than along the others
    rng = np.random.default_rng(2)
    depths = set()
    for _ in range(40):
        n_rows, n_states = 8, 30
        row_of = np.concatenate([np.arange(n_rows), rng.integers(0, n_rows, n_states - n_rows)])
        # most moves go back to the first states, a few further on: paths of different lengths
        nextmove = np.where(rng.random(n_rows * 256) < 0.995, rng.integers(0, 3, n_rows * 256),
                            rng.integers(0, n_states, n_rows * 256)).astype(np.uint32)
        probe = language.FastIdentifier.__new__(language.FastIdentifier)
        probe.nextmove, probe.rowbase = nextmove, (row_of << 8).astype(np.int32)
        depths.add(probe._depth())
        assert probe._depth() == _plain_depth(nextmove, probe.rowbase)
    assert len(depths) > 2, depths
