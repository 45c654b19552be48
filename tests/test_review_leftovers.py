"""Issue 15, review: code shared instead of restated gives the answers of the plain rules it replaced.

- `BuildReport.tally`: one pass over the files' reports gives the figures the report's properties state;
- `registry.outlet_key` with compiled patterns: the plain `re.sub` rule;
- `dedup.links.repeated` (the local and the Ray engine's screen of candidate units): `np.unique`'s counts.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from corpus_pkg.dedup.links import repeated, sharing_a_band_hash
from corpus_pkg.registry import outlet_key
from corpus_pkg.report import BuildReport, FileReport


def test_tally_gives_the_plain_figures(tmp_path):
    rng = random.Random(3)
    report = BuildReport(input_dir="in", output_dir="out", warnings=["the build's own"])
    report.keep_files_on_disk(tmp_path)
    for i in range(120):
        status = rng.choice(["read", "repaired", "skipped"])
        report.add_file(FileReport(source_file=f"f{i}.txt", status=status, sha256=f"{i % 50:064x}",
                                   reason="empty file" if status == "skipped" else None,
                                   repairs=["mojibake"] if status == "repaired" else [],
                                   warnings=[f"w{i}"] if i % 7 == 0 else []))
    files = list(report.files)
    assert report.files_read == sum(f.status != "skipped" for f in files)
    assert report.files_skipped == sum(f.status == "skipped" for f in files) > 0
    assert report.files_repaired == sum(f.status == "repaired" for f in files) > 0
    assert report.all_warnings() == ["the build's own"] + [f"{f.source_file}: {w}" for f in files for w in f.warnings]
    assert report.tally().copies == [(f.source_file, f.duplicate_of) for f in files if f.duplicate_of]


@pytest.mark.parametrize("name", ["The Guardian", "  the   New York Times ", "THE\tTIMES", "Theatre Weekly",
                                  "Le Monde diplomatique", "Al-Jazeera (English)", "РИА Новости", "ДЕНЬ", "Straße",
                                  "İHA", "تسنيم", "新华社", "the", "", "The the Times"])
def test_outlet_key_is_the_plain_rule(name):
    key = re.sub(r"^the\s+", "", name.strip().casefold())
    assert outlet_key(name) == re.sub(r"[^0-9a-z\u00c0-\uffff]", "", key)


def test_repeated_is_a_count_above_one():
    rng = np.random.default_rng(5)
    for values in [rng.integers(0, 50, 200, dtype=np.uint64), rng.integers(0, 1 << 40, 100, dtype=np.uint64),
                   np.zeros(0, np.uint64), np.array([7], np.uint64)]:
        _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
        assert np.array_equal(repeated(values), counts[inverse.ravel()] > 1)
    hashes = rng.integers(0, 30, (80, 4), dtype=np.uint32)
    units = np.arange(80, dtype=np.int64) * 3
    shared = [u for i, u in enumerate(units) if any((np.delete(hashes, i, axis=0)[:, b] == hashes[i, b]).any()
                                                    for b in range(4))]
    assert sharing_a_band_hash(hashes, units).tolist() == shared
