"""Issue 15: pass 1 with worker processes spools the rows in the workers, and gives the same files.

* `stream.WorkerSpool` (a worker's own spool: one Arrow record batch per batch of files) read back through
  `stream.SpooledParts` gives the rows `write.Spool` (the one-process spool) gives, in the same order;
* the results that come back from the workers carry no page or unit rows (no texts cross the process boundary),
  only where the rows are;
* two spawned workers (the start method where fork is missing) write the same files as one process;
* a remembered rights decision is `rights.decide`'s, and the garbage collector is given back as it was.

No test here times anything: the figures come from benchmarks/bench_build.py.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa

from corpus_pkg import build, stream
from corpus_pkg import reader as pass1_reader
from corpus_pkg.config import BuildConfig
from corpus_pkg.read import discover
from corpus_pkg.rights import decide
from corpus_pkg.write import Spool
from tree_hashes import output_hashes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402


def test_rows_spooled_by_workers_read_back_as_the_one_process_spool(tmp_path):
    generate_corpus.generate(tmp_path / "corpus", 60, seed=11)
    pages_dir = tmp_path / "corpus" / "pages"
    (pages_dir / "empty.txt").write_bytes(b"")      # a skipped file: no rows, in the middle of a batch
    config = BuildConfig(input_dir=pages_dir, output_dir=tmp_path / "out")
    reader = pass1_reader.PageReader(config, pages_dir)
    results = [reader(path) for path in discover(pages_dir)]
    assert any(not r.has_page for r in results) and sum(r.n_units for r in results) > 60

    one = {"units": Spool(tmp_path / "units.arrow", pass1_reader.unit_schema(), batch_rows=16),
           "pages": Spool(tmp_path / "pages.arrow", pass1_reader.page_schema(), batch_rows=16)}
    for result in results:
        if result.page is not None:
            one["pages"].append(result.page)
            for row in result.units:
                one["units"].append(row)
    spool_dir = tmp_path / "spools"
    spool_dir.mkdir()
    worker = stream.WorkerSpool(spool_dir)
    parts = {"units": stream.SpooledParts(pass1_reader.unit_schema(), batch_rows=16),
             "pages": stream.SpooledParts(pass1_reader.page_schema(), batch_rows=16)}
    sizes, start = [1, 5, 2, 9, 3], 0      # uneven batches, as the pool hands them out
    while start < len(results):
        size = sizes[start % len(sizes)]
        batch = worker.spool(results[start : start + size])
        assert all(r.page is None and r.units == [] for r in batch)
        units, pages = batch[0].spooled
        parts["units"].add(units)
        parts["pages"].add(pages)
        start += size

    for kind in ("units", "pages"):
        expected = pa.Table.from_batches(list(one[kind].batches()))
        batches = list(parts[kind].batches())
        assert all(b.num_rows >= 16 for b in batches[:-1])
        assert parts[kind].num_rows == expected.num_rows
        assert pa.Table.from_batches(batches).equals(expected)
    chosen = pa.Table.from_batches(list(parts["pages"].batches(columns=["sha256", "spans"])))
    assert chosen.equals(pa.Table.from_batches(list(one["pages"].batches(columns=["sha256", "spans"]))))


def test_results_from_workers_carry_no_rows(tmp_path):
    generate_corpus.generate(tmp_path / "corpus", 40, seed=12)
    pages_dir = tmp_path / "corpus" / "pages"
    paths = list(discover(pages_dir))
    config = BuildConfig(input_dir=pages_dir, output_dir=tmp_path / "out", workers=2)
    assert stream.pooled(config, paths)
    spool_dir = tmp_path / "spools"
    spool_dir.mkdir()
    units = stream.SpooledParts(pass1_reader.unit_schema())
    results = list(stream.read_files(config, pages_dir, paths, spool_dir=spool_dir))
    for result in results:
        assert result.page is None and result.units == []
        if result.spooled is not None:
            units.add(result.spooled[0])
    assert len({Path(p).name for p in spool_dir.iterdir()}) >= 2        # both workers spooled
    serial = list(stream.read_files(config.model_copy(update={"workers": 1}), pages_dir, paths))
    texts = [row["text"] for r in serial for row in r.units]
    assert [r.keys for r in results] == [r.keys for r in serial]
    assert [r.actions for r in results] == [r.actions for r in serial]
    assert [r.authors for r in results] == [r.authors for r in serial]
    assert [t for b in units.batches(columns=["text"]) for t in b.column(0).to_pylist()] == texts


def test_two_spawned_workers_write_the_files_of_one_process(monkeypatch, tmp_path):
    generate_corpus.generate(tmp_path / "corpus", 80, seed=13)
    pages_dir = tmp_path / "corpus" / "pages"
    build(input_dir=pages_dir, output_dir=tmp_path / "one", workers=1)
    monkeypatch.setattr(stream.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    build(input_dir=pages_dir, output_dir=tmp_path / "two", workers=2)
    assert output_hashes(tmp_path / "two") == output_hashes(tmp_path / "one")


def test_a_remembered_rights_decision_is_decides(monkeypatch, tmp_path):
    config = BuildConfig(input_dir=tmp_path, output_dir=tmp_path / "out",
                         rights={"default": "include", "outlets": {"The Daily Example": "exclude"}})
    reader = pass1_reader.PageReader(config, tmp_path)
    monkeypatch.setattr(pass1_reader, "RIGHTS_REMEMBERED", 5)
    outlets = [None, "The Daily Example", "daily example", "Another Paper", "RT", "Sputnik"]
    units = [SimpleNamespace(outlet=outlet, host_site=host, authors=authors, kind=kind)
             for outlet in outlets for host in (None, "reposts.example") for authors in ([], ["Ann Lee"], ["Bo", "Cy"])
             for kind in ("article", "preface")]
    for unit in units + units[::-1]:        # each asked twice: remembered, and past the bound
        assert reader._rights(unit) == decide(unit.outlet, unit.host_site, config.rights, reader.registry,
                                              authors=unit.authors, kind=unit.kind)
    assert len(reader.decisions) == 5
    assert {reader._rights(u).action for u in units} == {"include", "exclude"}


def test_the_collector_is_given_back_as_it_was():
    before = gc.get_threshold()
    with stream.collector_tuned():
        assert gc.get_threshold() == stream.GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
