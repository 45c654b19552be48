"""Issue 15 (sixth round): after pass 1, a build with several workers writes the pages config in a forked process
while the build's own process writes the articles (`parallel.side_by_side`), and gives the same files and report.

No test here times anything: the figures come from benchmarks/worker_cpu.py and benchmarks/bench_build.py.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from corpus_pkg import build
from corpus_pkg.output import BuildError
from corpus_pkg.parallel import side_by_side
from tree_hashes import output_hashes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402


def test_side_by_side_gives_each_tasks_result_from_its_process(tmp_path):
    def written_by(name):
        def task():
            (tmp_path / name).write_text(str(os.getpid()))
            return {"name": name, "pid": os.getpid()}
        return task

    tasks = {name: written_by(name) for name in ("first", "second", "third")}
    serial = side_by_side(tasks, processes=1)
    assert {r["pid"] for r in serial.values()} == {os.getpid()}
    results = side_by_side(tasks, processes=2)
    assert list(results) == ["first", "second", "third"]
    assert results["first"]["pid"] == results["third"]["pid"] == os.getpid()    # one forked process: the rest here
    assert results["second"]["pid"] != os.getpid()
    assert (tmp_path / "second").read_text() == str(results["second"]["pid"])  # what the child wrote is there
    assert [r["name"] for r in results.values()] == [r["name"] for r in serial.values()]


def test_side_by_side_raises_a_forked_tasks_error_once_both_ended(tmp_path):
    def failing():
        raise BuildError("the pages could not be written")

    def slow_here():
        (tmp_path / "here").write_text("done")
        return 1

    with pytest.raises(BuildError, match="could not be written"):
        side_by_side({"here": slow_here, "there": failing}, processes=2)
    assert (tmp_path / "here").read_text() == "done"

    def unpicklable():
        class Local(Exception):
            pass
        raise Local("not at module level")

    with pytest.raises(RuntimeError, match="Local: not at module level"):
        side_by_side({"here": slow_here, "there": unpicklable}, processes=2)
    with pytest.raises(ZeroDivisionError):      # an error here is raised after the child is waited for
        side_by_side({"here": lambda: 1 / 0, "there": slow_here}, processes=2)


@pytest.mark.parametrize("n_articles", [12, 90])
def test_two_workers_write_the_files_and_notes_of_one_process(tmp_path, monkeypatch, n_articles):
    """Byte-identical output and the same report (its notes of pages moved to fill an empty split, which the
    forked pages writer sends back: a small corpus has them) with one and with two workers."""
    from corpus_pkg import parallel, pipeline

    monkeypatch.setattr(pipeline, "FORKED_PAGES_FROM", 0)      # forked whatever the corpus's size
    forks = []
    real = parallel._forked
    monkeypatch.setattr(parallel, "_forked", lambda task: forks.append(task) or real(task))
    generate_corpus.generate(tmp_path / "corpus", n_articles, seed=21)
    pages_dir = tmp_path / "corpus" / "pages"
    one = build(input_dir=pages_dir, output_dir=tmp_path / "one", workers=1)
    two = build(input_dir=pages_dir, output_dir=tmp_path / "two", workers=2)
    assert len(forks) == 1                                      # the pages writer, forked
    assert output_hashes(tmp_path / "two") == output_hashes(tmp_path / "one")
    assert two.notes == one.notes
    assert json.loads((tmp_path / "two" / "build-report.json").read_text())["notes"] == one.notes
    if n_articles == 12:
        assert any(note.startswith("page ") for note in one.notes)     # a page moved to fill a split
