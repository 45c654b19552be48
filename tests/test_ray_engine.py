"""The Ray engine on a real Ray cluster on 127.0.0.1 (a head node and a worker node, one CPU each, started here):
it writes the same bytes as the local engine, also when a worker process is killed during pass 1, and a driver
killed mid-build leaves the previous output as it was.

Builds run as `corpus-pkg build --engine ray --ray-address ...` in a subprocess (the driver), as a user runs them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import psutil
from inputs_pages import ORCHARD, RIVER, article_html, write_warc
from ray_cluster import ENV, LOOPBACK, LocalRayCluster, free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402

from corpus_pkg.config import BuildConfig  # noqa: E402
from corpus_pkg.pipeline import build  # noqa: E402

GENERATED_ARTICLES = 4400       # about 2,000 pages: pass 1 runs long enough on the cluster to be interrupted


@pytest.fixture(scope="module")
def cluster():
    with LocalRayCluster(workers=1) as running:
        yield running


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A generated corpus (pages folder), a build config with small shards and row groups (so a split has many
    shards, written by separate tasks on the cluster), and the local build with it (2 worker processes)."""
    folder = tmp_path_factory.mktemp("generated")
    summary = generate(folder, GENERATED_ARTICLES, seed=11)
    assert summary["pages"] >= 2000
    config = folder / "build.toml"
    config.write_text("[parquet]\nmax_shard_bytes = 1_000_000\nrow_group_bytes = 100_000\n", encoding="utf-8")
    local = folder / "local"
    build(BuildConfig.load(config), input_dir=folder / "pages", output_dir=local, workers=2)
    return folder / "pages", config, local


def digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file; the build report without its output_dir (the one field that names the folder)."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "build-report.json":
            report = json.loads(data)
            report.pop("output_dir")
            data = json.dumps(report, sort_keys=True).encode()
        out[path.relative_to(folder).as_posix()] = hashlib.sha256(data).hexdigest()
    return out


def ray_build(input_dir: Path | str, output_dir: Path | str, address: str, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "corpus_pkg", "build", "--input", str(input_dir), "--output", str(output_dir),
               "--engine", "ray", "--ray-address", address, *extra]
    return subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen, timeout: float = 600) -> str:
    stdout, stderr = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"build failed ({process.returncode}):\n{stderr}\n{stdout}"
    return stderr


def wait_for_tasks(cluster: LocalRayCluster, process: subprocess.Popen, name: str, timeout: float = 180):
    """The cluster's worker processes running a `name` task, as soon as there is one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        running = cluster.task_processes(name)
        if running:
            return running
        assert process.poll() is None, f"the build ended before any {name} task was seen:\n{process.communicate()}"
        time.sleep(0.05)
    raise TimeoutError(f"no {name} task seen in {timeout:.0f} s")


def test_seeds_on_the_cluster_are_the_local_build_bytes(cluster, tmp_path):
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    build(input_dir=ROOT / "seeds", output_dir=local)
    stderr = finish(ray_build(ROOT / "seeds", on_ray, cluster.address))
    assert "with Ray (2 CPUs" in stderr        # both nodes of the cluster took part
    assert digest(on_ray) == digest(local)
    # the Python API, with the engine as a BuildConfig field
    api = tmp_path / "api"
    call = ("import sys; from corpus_pkg import build; "
            "build(input_dir=sys.argv[1], output_dir=sys.argv[2], engine={'name': 'ray', 'address': sys.argv[3]})")
    subprocess.run([sys.executable, "-c", call, str(ROOT / "seeds"), str(api), cluster.address], cwd=ROOT, env=ENV,
                   check=True, timeout=300)
    assert digest(api) == digest(local)


def mixed_inputs(folder: Path) -> Path:
    """Text pages (the seeds), an HTML page and a WARC: an article printed in both the HTML page (with a scrape
    defect, two words run together) and the WARC (clean), and one author printed in two spellings."""
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(seed, folder / seed.name)
    defective = [ORCHARD[0].replace("autumn after", "autumnAfter"), *ORCHARD[1:]]
    (folder / "a-orchards.html").write_text(article_html("Late frost hits northern orchards", defective), encoding="utf-8")
    orchards = article_html("Late frost hits northern orchards", ORCHARD)
    river = article_html("Flood barrier holds through third storm", RIVER, author="MARIA LIND")
    write_warc(folder / "b-crawl.warc.gz", [
        {"kind": "warcinfo"},
        {"kind": "response", "url": "https://courier.example/frost", "content_type": "text/html; charset=utf-8",
         "body": orchards.encode()},
        {"kind": "response", "url": "https://courier.example/flood", "content_type": "text/html; charset=utf-8",
         "body": river.encode()},
        {"kind": "response", "url": "https://courier.example/missing", "status": "404 Not Found",
         "content_type": "text/html", "body": b"<html><body><p>Not found</p></body></html>"},
    ])
    return folder


def non_loopback_connections(processes: list[psutil.Process]) -> set[tuple[int, str]]:
    """(pid, address) of every inet socket of the processes bound or connected to an address off the loopback."""
    found = set()
    for process in processes:
        try:
            for connection in process.net_connections(kind="inet"):
                for address in (connection.laddr, connection.raddr):
                    ip = address.ip.removeprefix("::ffff:") if address else LOOPBACK
                    if ip not in (LOOPBACK, "0.0.0.0", "::", "::1"):
                        found.add((process.pid, address.ip))
        except psutil.Error:
            continue
    return found


def test_html_and_warc_inputs_on_the_cluster_are_the_local_build_bytes_on_the_loopback(cluster, tmp_path):
    folder = mixed_inputs(tmp_path / "pages")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    build(input_dir=folder, output_dir=local)
    process = ray_build(folder, on_ray, cluster.address)
    stderr = finish(process)
    assert "with Ray (2 CPUs" in stderr
    assert digest(on_ray) == digest(local)
    import pyarrow.parquet as pq

    articles = pq.read_table(on_ray / "data").to_pylist()
    orchards = [a for a in articles if a["title"] == "Late frost hits northern orchards"]
    assert len(orchards) == 1 and orchards[0]["n_copies"] == 2
    assert "autumnAfter" not in orchards[0]["text"]          # the cleanest copy, read by another task than the first
    river = [a for a in articles if a["title"] == "Flood barrier holds through third storm"]
    assert river and river[0]["authors"] == ["Maria Lind"]    # one spelling per person, across tasks
    report = json.loads((on_ray / "build-report.json").read_text(encoding="utf-8"))
    warc = [f for f in report["files"] if f["source_file"].endswith("b-crawl.warc.gz")]
    assert warc and warc[0]["n_articles"] == 2 and warc[0]["records"].get("page") == 2
    # every node registered under 127.0.0.1, and no process of the cluster holds a socket off the loopback
    assert cluster.node_addresses() == [LOOPBACK, LOOPBACK]
    assert not non_loopback_connections(cluster.processes())


def test_generated_corpus_on_the_cluster_is_the_local_build_bytes(cluster, generated, tmp_path):
    pages, config, local = generated
    out = tmp_path / "ray"
    finish(ray_build(pages, out, cluster.address, "--config", str(config)))
    expected = digest(local)
    assert len([name for name in expected if name.startswith("data/train-")]) >= 5
    assert digest(out) == expected


def test_a_worker_killed_during_pass_1_is_retried_and_the_bytes_are_the_same(cluster, generated, tmp_path):
    pages, config, local = generated
    out = tmp_path / "ray"
    process = ray_build(pages, out, cluster.address, "--config", str(config))
    victim = wait_for_tasks(cluster, process, "read_part")[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    finish(process)
    assert digest(out) == digest(local)


def test_a_driver_killed_mid_build_leaves_the_previous_output(cluster, generated, tmp_path):
    pages, config, local = generated
    out = tmp_path / "dataset"
    shutil.copytree(local, out)
    before = digest(out)
    process = ray_build(pages, out, cluster.address)
    wait_for_tasks(cluster, process, "read_part")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    deadline = time.monotonic() + 60      # Ray ends the tasks of a job whose driver died
    while cluster.task_processes("read_part") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not cluster.task_processes("read_part")
    assert digest(out) == before
    # the next build into the same folder takes the lock the dead driver held and replaces the output
    finish(ray_build(ROOT / "seeds", out, cluster.address))
    assert (out / "manifest.json").exists() and digest(out) != before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dataset.")]


def test_without_ray_the_engine_says_how_to_install_it(tmp_path):
    config = tmp_path / "build.toml"
    config.write_text('[engine]\nname = "ray"\n', encoding="utf-8")
    no_ray = ("import sys; sys.modules['ray'] = None; from corpus_pkg.cli import main; "
              "sys.exit(main(sys.argv[1:]))")
    for args in (["--engine", "ray"], ["--config", str(config)]):
        run = subprocess.run([sys.executable, "-c", no_ray, "build", "--output", str(tmp_path / "out"), *args],
                             cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
        assert run.returncode == 1
        assert run.stderr.strip().splitlines() == [
            "corpus-pkg build: the Ray engine needs Ray, which is not installed here: pip install 'corpus-pkg[ray]'"]
        assert not (tmp_path / "out").exists()


def test_an_unreachable_cluster_is_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "corpus_pkg", "build", "--output", str(tmp_path / "out"),
                          "--ray-address", f"127.0.0.1:{free_port()}"],
                         cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.startswith("corpus-pkg build: cannot reach the Ray cluster at 127.0.0.1:")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_an_s3_input_and_output_on_the_cluster_are_the_local_build_bytes(cluster, tmp_path):
    """The input on a local S3 stand-in (tests/s3_standin.py): Ray tasks copy it into the staging folder, and the
    output is the local build's of the same files, but for the report's input_dir; then the same build to an s3
    output prefix, the same bytes again."""
    from s3_standin import S3StandIn

    folder = mixed_inputs(tmp_path / "pages")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    build(input_dir=folder, output_dir=local)
    with S3StandIn() as s3:
        uri = s3.upload(folder, "crawls/2024/pages")
        config = s3.config(tmp_path / "build.toml", extra="[engine]\nfiles_per_task = 3\n")
        stderr = finish(ray_build(uri, on_ray, cluster.address, "--config", str(config)))
        finish(ray_build(uri, "s3://crawls/datasets/v1", cluster.address, "--config", str(config)))
        uploaded = s3.objects("crawls/datasets")
    assert "with Ray (2 CPUs" in stderr
    assert {name.removeprefix("v1/"): data for name, data in uploaded.items() if name != "v1/build-report.json"} == \
        {p.relative_to(on_ray).as_posix(): p.read_bytes() for p in on_ray.rglob("*")
         if p.is_file() and p.name != "build-report.json"}
    expected, found = digest(local), digest(on_ray)
    assert {k: v for k, v in found.items() if k != "build-report.json"} == \
        {k: v for k, v in expected.items() if k != "build-report.json"}
    reports = [json.loads((out / "build-report.json").read_text(encoding="utf-8")) for out in (local, on_ray)]
    assert reports[1].pop("input_dir") == uri and reports[0].pop("input_dir") == str(folder)
    reports[0].pop("output_dir"), reports[1].pop("output_dir")
    assert reports[0] == reports[1]


def test_the_build_report_written_a_file_at_a_time_is_the_whole_dump_byte_for_byte(tmp_path):
    """`BuildReport.write_json` (the driver never holds the report's whole text) writes what
    `model_dump_json(indent=2)` writes: nested lists and dicts, non-ASCII text, escaped quotes and newlines."""
    from corpus_pkg.report import BuildReport, FileReport

    for files in ([], [FileReport(source_file="pages/a.txt", status="read", n_bytes=10, sha256="ab" * 32)],
                  [FileReport(source_file="pages/Ünïcode \"files\": [].html", status="repaired", repairs=["a", "b"],
                              encoding="cp1252", encoding_confidence=0.875, records={"page": 2, "revisit": 1},
                              record_notes=["offset 12:\nno body"], warnings=["إنذار"]),
                   FileReport(source_file="pages/b.txt", status="skipped", reason="empty file (0 bytes)")]):
        report = BuildReport(input_dir='in "files": []', output_dir="out", files=files, notes=["moved"],
                             split_counts={"train": 3}, stage_counts={"dedup": {"units": 4}})
        report.write_json(tmp_path / "report.json")
        assert (tmp_path / "report.json").read_bytes() == (report.model_dump_json(indent=2) + "\n").encode("utf-8")
