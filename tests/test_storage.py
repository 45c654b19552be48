"""Inputs and outputs on an object store (corpus_pkg.storage), tested against a real local S3 stand-in on 127.0.0.1
(moto's server, tests/s3_standin.py) through the real s3fs client and read back with pyarrow's own S3 client and
datasets: a build from s3:// writes the local build's bytes, a build to s3:// is read back as written, a failed
build leaves the previous output and nothing staged, one build at a time, and bad URIs are one line."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from inputs_pages import ORCHARD, RIVER, article_html, write_warc
from s3_standin import ENV, S3StandIn

from corpus_pkg import BuildConfig, BuildError, build
from corpus_pkg.write import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
CLI_ENV = {**os.environ, **ENV}
LOCATIONS = ("input_dir", "output_dir")     # the build report's fields that say where the build read and wrote


@pytest.fixture(scope="module")
def s3():
    with S3StandIn() as running:
        running.fs.mkdir("corpus")
        yield running


def mixed_inputs(folder: Path) -> Path:
    """Every kind the builder reads, in subfolders: text pages (the seeds), an HTML page, a WARC (gzip) with two
    pages, a JSON Lines file of two records, an empty file (skipped, reported) and a hidden file."""
    shutil.copytree(ROOT / "seeds", folder / "text")
    (folder / "web").mkdir()
    (folder / "web" / "orchards.html").write_text(article_html("Late frost hits northern orchards", ORCHARD),
                                                  encoding="utf-8")
    write_warc(folder / "web" / "crawl.warc.gz", [
        {"kind": "warcinfo"},
        {"kind": "response", "url": "https://courier.example/flood", "content_type": "text/html; charset=utf-8",
         "body": article_html("Flood barrier holds through third storm", RIVER).encode()},
        {"kind": "response", "url": "https://courier.example/frost", "content_type": "text/html; charset=utf-8",
         "body": article_html("Late frost hits northern orchards", ORCHARD).encode()},
    ])
    records = [{"title": "Flood barrier holds", "text": "\n\n".join(RIVER), "url": "https://river.example/a",
                "date": "2024-03-05"},
               {"title": "Orchards count the cost", "text": "\n\n".join(ORCHARD[::-1]),
                "url": "https://river.example/b", "date": "2024-03-06"}]
    (folder / "feeds").mkdir()
    (folder / "feeds" / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (folder / "feeds" / "empty.txt").write_bytes(b"")
    (folder / ".notes.txt").write_text("a hidden file\n", encoding="utf-8")
    return folder


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def same_build(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    """Every file byte for byte, and the build reports equal but for where the builds read and wrote."""
    assert sorted(a) == sorted(b)
    assert [name for name in a if name != "build-report.json" and a[name] != b[name]] == []
    reports = [json.loads(files["build-report.json"]) for files in (a, b)]
    for report in reports:
        for key in LOCATIONS:
            report.pop(key)
    assert reports[0] == reports[1]


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus_pkg", "build", "--quiet", *args], cwd=ROOT, env=CLI_ENV,
                          capture_output=True, text=True, timeout=timeout)


def test_a_build_from_s3_is_the_local_build_bytes(s3, tmp_path):
    folder = mixed_inputs(tmp_path / "pages")
    uri = s3.upload(folder, "corpus/crawls/pages")
    config = BuildConfig.load(s3.config(tmp_path / "build.toml"))
    build(config, input_dir=folder, output_dir=tmp_path / "local")
    report = build(config, input_dir=uri, output_dir=tmp_path / "from-s3")
    same_build(folder_files(tmp_path / "local"), folder_files(tmp_path / "from-s3"))
    assert report.input_dir == uri
    files = {f.source_file: f for f in report.files}
    assert {f.input_kind for f in report.files} >= {"html", "warc", "json-lines"}
    assert all(files[f"pages/text/{seed.name}"].n_articles for seed in (ROOT / "seeds").iterdir())
    assert files["pages/web/crawl.warc.gz"].records.get("page") == 2
    assert files["pages/feeds/records.jsonl"].n_articles == 2
    assert files["pages/feeds/empty.txt"].status == "skipped"
    assert not (tmp_path / "from-s3" / ".input").exists()
    # the command line, with the storage options from the config file
    run = cli("--input", uri + "/", "--output", str(tmp_path / "cli"), "--config", str(tmp_path / "build.toml"))
    assert run.returncode == 0, run.stderr
    same_build(folder_files(tmp_path / "local"), folder_files(tmp_path / "cli"))


def test_an_output_on_s3_is_read_back_with_pyarrow_and_datasets(s3, tmp_path, monkeypatch):
    config = s3.config(tmp_path / "build.toml")
    build(BuildConfig.load(config), input_dir=ROOT / "seeds", output_dir=tmp_path / "local")
    local = folder_files(tmp_path / "local")
    for source in (mixed_inputs(tmp_path / "pages"), ROOT / "seeds"):     # the second replaces the first
        run = cli("--input", str(source), "--output", "s3://corpus/datasets/news", "--config", str(config))
        assert run.returncode == 0, run.stderr
        assert "output          s3://corpus/datasets/news" in run.stdout
    written = s3.objects("corpus/datasets")
    assert all(name.startswith("news/") for name in written)       # no lock, no staged prefix left beside it
    same_build(local, {name.removeprefix("news/"): data for name, data in written.items()})
    manifest = json.loads(written[f"news/{MANIFEST}"])              # nothing of the first build is left
    assert sorted(f["path"] for f in manifest["files"]) == sorted(set(local) - {MANIFEST, "build-report.json"})

    import pyarrow.fs
    import pyarrow.parquet as pq

    arrow_s3 = pyarrow.fs.S3FileSystem(endpoint_override=s3.endpoint, scheme="http", access_key="testing",
                                       secret_key="testing", region="us-east-1")
    table = pq.read_table("corpus/datasets/news/data", filesystem=arrow_s3)
    assert table.equals(pq.read_table(tmp_path / "local" / "data"))

    import datasets

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    loaded = datasets.load_dataset("parquet", data_files={"train": "s3://corpus/datasets/news/data/train-*.parquet"},
                                   storage_options=dict(s3.options), cache_dir=str(tmp_path / "hf-cache"))
    assert loaded["train"].num_rows == pq.read_table(tmp_path / "local" / "data" / "train-00000-of-00001.parquet").num_rows
    assert list(loaded["train"]["id"]) == pq.read_table(
        tmp_path / "local" / "data" / "train-00000-of-00001.parquet")["id"].to_pylist()


def fail_after(monkeypatch, method: str, n: int) -> list[str]:
    """s3fs's `method` (an async per-file step: `_put_file(lpath, rpath)`, `_cp_file(path1, path2)`) lets `n`
    calls through, then fails as a dropped connection does; returns the destinations it let through."""
    import s3fs

    original, done = getattr(s3fs.S3FileSystem, method), []

    async def failing(self, source, destination, *args, **kwargs):
        if len(done) >= n:
            raise ConnectionResetError("connection reset by peer")
        done.append(destination)
        return await original(self, source, destination, *args, **kwargs)

    monkeypatch.setattr(s3fs.S3FileSystem, method, failing)
    return done


def test_a_failed_build_leaves_the_previous_s3_output_and_nothing_staged(s3, tmp_path, monkeypatch):
    config = BuildConfig.load(s3.config(tmp_path / "build.toml"))
    uri = "s3://corpus/kept/dataset"
    build(config, input_dir=ROOT / "seeds", output_dir=uri)
    before = s3.objects("corpus/kept")
    assert f"dataset/{MANIFEST}" in before

    # a build that fails before anything is uploaded (no article in its input)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_bytes(b"\n")
    with pytest.raises(BuildError, match="Nothing was written"):
        build(config, input_dir=empty, output_dir=uri)
    assert s3.objects("corpus/kept") == before

    # an upload that fails after some files reached the store: the staged prefix is removed, the output untouched
    uploaded = fail_after(monkeypatch, "_put_file", 3)
    mixed = mixed_inputs(tmp_path / "pages")
    with pytest.raises(BuildError, match="cannot upload the build; the output was left as it was"):
        build(config, input_dir=mixed, output_dir=uri)
    assert len(uploaded) == 3 and all("/.dataset.staging-" in key for key in uploaded)
    assert s3.objects("corpus/kept") == before


def test_a_failed_swap_names_the_staged_complete_build_and_the_next_build_refuses_the_half_swapped_prefix(
        s3, tmp_path, monkeypatch):
    config = BuildConfig.load(s3.config(tmp_path / "build.toml"))
    uri = "s3://corpus/swapped/dataset"
    build(config, input_dir=ROOT / "seeds", output_dir=uri)

    fail_after(monkeypatch, "_cp_file", 2)       # the third server-side copy of the swap fails
    with pytest.raises(BuildError) as failed:
        build(config, input_dir=mixed_inputs(tmp_path / "pages"), output_dir=uri)
    monkeypatch.undo()
    message = str(failed.value)
    assert message.startswith(f"{uri}: the new build was uploaded but swapping it in failed (")
    staged = message.rsplit("the complete build is at s3://", 1)[1]
    assert staged.startswith("corpus/swapped/.dataset.staging-")
    objects = s3.objects("corpus/swapped")
    manifest = json.loads(objects[f"{staged.removeprefix('corpus/swapped/')}/{MANIFEST}"])
    assert all(f"{staged.removeprefix('corpus/swapped/')}/{f['path']}" in objects for f in manifest["files"])
    assert f"dataset/{MANIFEST}" not in objects and ".dataset.lock" not in objects
    with pytest.raises(BuildError, match="no manifest.json: not a corpus_pkg build"):
        build(config, input_dir=ROOT / "seeds", output_dir=uri)


def test_one_build_at_a_time_on_s3(s3, tmp_path):
    config = s3.config(tmp_path / "build.toml")
    lock = "corpus/locked/.dataset.lock"
    s3.fs.pipe_file(lock, json.dumps({"pid": 4242, "host": "another-host", "started": "2026-01-01T00:00:00+00:00"}).encode())
    run = cli("--input", str(ROOT / "seeds"), "--output", "s3://corpus/locked/dataset", "--config", str(config))
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "corpus-pkg build: s3://corpus/locked/dataset: another build (pid 4242 on another-host, started "
        "2026-01-01T00:00:00+00:00) holds the lock s3://corpus/locked/.dataset.lock; wait for it to finish, or if "
        "no build is running, delete the lock (and the staged prefix it names) and build again"]
    assert sorted(s3.objects("corpus/locked")) == [".dataset.lock"]

    # a lock left by a build killed on this host (its process is gone) is taken over, its staged prefix removed
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    s3.fs.pipe_file(lock, json.dumps({"pid": gone.pid, "host": socket.gethostname(), "started": "2026-01-01T00:00:00+00:00",
                                      "staged": ".dataset.staging-0123abcd"}).encode())
    s3.fs.pipe_file("corpus/locked/.dataset.staging-0123abcd/data/train-00000-of-00001.parquet", b"half written")
    run = cli("--input", str(ROOT / "seeds"), "--output", "s3://corpus/locked/dataset", "--config", str(config))
    assert run.returncode == 0, run.stderr
    assert all(name.startswith("dataset/") for name in s3.objects("corpus/locked"))


@pytest.mark.parametrize("option, uri, message", [
    ("--input", "s3://no-such-bucket/pages", "input folder not found"),
    ("--input", "s3://corpus/nothing/here", "input folder not found"),
    ("--input", "nosuch://corpus/pages", "unknown storage protocol 'nosuch'"),
    ("--output", "s3://no-such-bucket/dataset", "cannot take the output's lock"),
    ("--output", "s3://corpus", "name a prefix inside the bucket"),
    ("--output", "s3://corpus/foreign", "not a corpus_pkg build"),
])
def test_a_bad_uri_is_one_line_naming_it(s3, tmp_path, option, uri, message):
    s3.fs.pipe_file("corpus/foreign/notes.txt", b"someone else's object")
    config = s3.config(tmp_path / "build.toml")
    other = {"--input": ["--output", str(tmp_path / "out")], "--output": ["--input", str(ROOT / "seeds")]}[option]
    run = cli(option, uri, *other, "--config", str(config))
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"corpus-pkg build: {uri}: "), run.stderr
    assert message in lines[0]
    assert not (tmp_path / "out").exists()
    assert s3.objects("corpus/foreign") == {"notes.txt": b"someone else's object"}


def test_without_s3fs_a_uri_says_what_to_install(tmp_path):
    no_s3fs = "import sys; sys.modules['s3fs'] = None; from corpus_pkg.cli import main; sys.exit(main(sys.argv[1:]))"
    for option, other in (("--input", ["--output", str(tmp_path / "out")]), ("--output", ["--input", "seeds"])):
        run = subprocess.run([sys.executable, "-c", no_s3fs, "build", option, "s3://corpus/pages", *other],
                             cwd=ROOT, env=CLI_ENV, capture_output=True, text=True, timeout=120)
        assert run.returncode == 1
        assert run.stderr.strip().splitlines() == [
            "corpus-pkg build: s3://corpus/pages: s3:// needs s3fs, which is not installed: "
            "pip install 'corpus-pkg[cloud]'"]
    assert not (tmp_path / "out").exists()


def test_memory_and_file_uris(tmp_path):
    """Any fsspec protocol: memory:// (this process) in and out; a file:// URI is a local folder."""
    import fsspec

    memory = fsspec.filesystem("memory")
    for path in sorted((ROOT / "seeds").iterdir()):
        memory.pipe_file(f"/seeds/{path.name}", path.read_bytes())
    build(input_dir=ROOT / "seeds", output_dir=tmp_path / "local")
    build(input_dir="memory://seeds", output_dir="memory://built/dataset")
    built = {path.removeprefix("/built/dataset/"): memory.cat_file(path) for path in sorted(memory.find("/built"))}
    same_build(folder_files(tmp_path / "local"), built)
    report = build(input_dir=(ROOT / "seeds").as_uri(), output_dir=(tmp_path / "via-file-uri").as_uri())
    assert report.input_dir == str(ROOT / "seeds")
    same_build(folder_files(tmp_path / "local"), folder_files(tmp_path / "via-file-uri"))
    build(input_dir="MEMORY://seeds/", output_dir="Memory://built/upper")     # a scheme's case does not matter
    upper = {path.removeprefix("/built/upper/"): memory.cat_file(path) for path in sorted(memory.find("/built/upper"))}
    same_build(folder_files(tmp_path / "local"), upper)
