"""Issue 6: a build replaces its output folder only when it succeeds, and one build at a time writes it.

Every test first makes a previous output and records the SHA-256 of every file in it; whatever happens to
the next build (an exception, a full disk, Ctrl-C, SIGKILL, a second build at the same time), those files
must be exactly as they were, and a later build must still work.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_pkg import BuildError, build
from corpus_pkg.cli import main
from corpus_pkg.output import OutputLock
from tree_hashes import tree_hashes

WORDS = ("the council said on monday that the new water pipeline would reach eastern villages before summer "
         "after two years of delays blamed on funding and disputes over its route").split()


def article_page(seed: int, n_articles: int = 3) -> str:
    rng = random.Random(seed)
    parts = []
    for a in range(n_articles):
        parts.append(f"Water Pipeline Report {seed} Part {a}\nBy Jane Doe | Le Monde | March {a + 1}, 2021\n")
        parts += [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".\n" for _ in range(4)]
    return "\n".join(parts)


def make_pages(folder: Path, seeds: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (folder / f"page-{seed:04d}.txt").write_text(article_page(seed), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big_input(tmp_path_factory) -> Path:
    """Enough pages for a build that runs several seconds on a quiet machine too: time to interrupt it midway."""
    return make_pages(tmp_path_factory.mktemp("big") / "pages", range(1000))


@pytest.fixture()
def previous(tmp_path) -> tuple[Path, dict[str, str]]:
    """A finished build in tmp_path/out, and the SHA-256 of every file in it."""
    out = tmp_path / "out"
    build(input_dir=make_pages(tmp_path / "small", range(2)), output_dir=out)
    return out, tree_hashes(out)


def beside(out: Path) -> list[str]:
    """What a build leaves beside its output folder: staging and previous folders, the lock file."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def start_build(input_dir: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "corpus_pkg", "build", "--input", str(input_dir),
                             "--output", str(out), "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the build ended first: {process.communicate()}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def staging_folders(out: Path) -> list[Path]:
    return list(out.parent.glob(f".{out.name}.staging-*"))


# ------------------------------------------------------------------------------------------------
# failures inside the build


def _fail_with(exception: BaseException):
    calls = []

    def fail(staging: Path, known=None) -> None:     # write.write_manifest's signature
        (staging / "manifest.json").write_bytes(b"{")      # a half-written file, as a full disk leaves it
        calls.append(staging)
        raise exception
    return fail, calls


@pytest.mark.parametrize("exception", [RuntimeError("a bug"), KeyboardInterrupt(),
                                       OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))],
                         ids=["exception", "ctrl-c", "disk-full"])
def test_a_failed_build_leaves_the_previous_output_exactly_as_it_was(tmp_path, previous, monkeypatch, exception):
    out, before = previous
    fail, calls = _fail_with(exception)
    monkeypatch.setattr("corpus_pkg.pipeline.write_manifest", fail)
    with pytest.raises(type(exception)):
        build(input_dir=make_pages(tmp_path / "next", range(2, 5)), output_dir=out)
    assert calls, "the failure was not reached: the test proves nothing"
    assert tree_hashes(out) == before
    assert beside(out) == []            # staging folder removed, lock released
    monkeypatch.undo()
    build(input_dir=tmp_path / "next", output_dir=out)
    assert tree_hashes(out) != before


def test_the_cli_reports_a_full_disk_and_ctrl_c_and_keeps_the_output(tmp_path, previous, monkeypatch, capsys):
    out, before = previous
    pages = make_pages(tmp_path / "next", range(2, 4))
    for exception, code, message in [(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), 1, "No space left on device"),
                                     (KeyboardInterrupt(), 130, "interrupted")]:
        monkeypatch.setattr("corpus_pkg.pipeline.write_manifest", _fail_with(exception)[0])
        assert main(["build", "--input", str(pages), "--output", str(out), "--quiet"]) == code
        err = capsys.readouterr().err
        assert message in err and "the output folder was left as it was" in err
        assert tree_hashes(out) == before and beside(out) == []


def test_an_output_folder_that_is_not_a_build_is_never_replaced(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(BuildError, match="not a corpus_pkg build"):
        build(input_dir=make_pages(tmp_path / "pages", range(1)), output_dir=out)
    assert [p.name for p in out.iterdir()] == ["thesis.tex"] and beside(out) == []


def test_the_output_folder_gets_the_usual_permissions(previous):
    out, _ = previous
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask      # not a temporary folder's 0700


# ------------------------------------------------------------------------------------------------
# real processes


def test_a_build_killed_midway_leaves_the_previous_output_byte_for_byte(tmp_path, previous, big_input):
    out, before = previous
    process = start_build(big_input, out)
    wait_for(lambda: staging_folders(out), process)
    time.sleep(1.0)                     # well into reading the pages
    assert process.poll() is None, "the build finished before it could be killed"
    process.kill()                      # SIGKILL: no cleanup runs
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert tree_hashes(out) == before
    # the dead build's lock file and staging folder are left behind ...
    lock = out.with_name(f".{out.name}.lock")
    record = json.loads(lock.read_text())
    assert record["pid"] == process.pid and (out.parent / record["staging"]).is_dir()
    # ... and do not stop the next build, which cleans them up
    build(input_dir=make_pages(tmp_path / "next", range(2, 4)), output_dir=out)
    assert tree_hashes(out) != before
    assert beside(out) == []


def test_ctrl_c_stops_a_real_build_cleanly(previous, big_input):
    out, before = previous
    process = start_build(big_input, out)
    wait_for(lambda: staging_folders(out), process)
    time.sleep(0.2)         # inside the build: the staging folder is made once the inputs are being read
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted; the output folder was left as it was" in err
    assert tree_hashes(out) == before
    assert beside(out) == []


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(tmp_path, previous, big_input, capsys):
    out, before = previous
    first = start_build(big_input, out)
    lock = out.with_name(f".{out.name}.lock")
    wait_for(lambda: lock.exists() and b"pid" in lock.read_bytes(), first)
    assert main(["build", "--input", str(tmp_path / "small"), "--output", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{out}: another build (pid {first.pid} on " in err and "is writing this folder" in err
    assert tree_hashes(out) == before      # the refused build touched nothing
    _, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert json.loads((out / "build-report.json").read_text())["input_dir"] == str(big_input)
    assert beside(out) == []


# ------------------------------------------------------------------------------------------------
# what a killed build leaves, put right by the next


def test_a_kill_between_the_two_renames_of_the_swap_is_undone(previous):
    """The previous output had been moved aside and the new one not yet moved in: the next lock holder restores it."""
    out, before = previous
    aside = out.with_name(f".{out.name}.previous-0123abcd")
    staging = out.with_name(f".{out.name}.staging-89abcdef")
    staging.mkdir()
    (staging / "half-written.parquet").write_bytes(b"PAR1")
    os.replace(out, aside)
    out.with_name(f".{out.name}.lock").write_text(json.dumps(
        {"pid": 999_999_999, "staging": staging.name, "previous": aside.name}))
    with OutputLock(out):
        pass
    assert tree_hashes(out) == before
    assert beside(out) == []


def test_a_damaged_lock_record_deletes_nothing_it_does_not_own(tmp_path, previous):
    out, before = previous
    precious = tmp_path / "precious"
    precious.mkdir()
    out.with_name(f".{out.name}.lock").write_text(json.dumps({"pid": 1, "staging": "../precious", "previous": "/"}))
    with OutputLock(out):
        pass
    assert precious.is_dir() and tree_hashes(out) == before
