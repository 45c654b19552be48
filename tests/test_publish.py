"""Publishing, through the real huggingface_hub and datasets clients, against a local stand-in for the Hub.

The stand-in (hub_standin.py) is not the Hugging Face Hub, which cannot be reached from here: it runs on
127.0.0.1 and HF_ENDPOINT points at it for the whole test session (hub_fixtures.py). The builds published here
are real builds of seeds/ made by `corpus_pkg.build`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import socket
from pathlib import Path
from types import SimpleNamespace

import datasets
import httpx2
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from huggingface_hub import HfApi
from huggingface_hub import constants as hub_constants
from huggingface_hub.utils import _http as hub_http

from corpus_pkg import BuildConfig, build
from corpus_pkg.cli import main as cli
from corpus_pkg.publish import EXIT_FAILED, EXIT_NOTHING_TO_DO, EXIT_PUBLISHED, EXIT_REFUSED, publish
from hub_standin import Fault, HubStandIn

OWNER = "corpus-tester"
REPO_ID = f"{OWNER}/news-corpus"
WRITE_TOKEN = "hf_standinWRITE0f1e2d3c4b5a69788796a5b4c3d2e1f0"
READ_TOKEN = "hf_standinREAD0f1e2d3c4b5a69788796a5b4c3d2e1f0"
# One sentence of one article in seeds/003 (a single-article page), edited to make a "rebuild".
EDITED_PAGE, EDIT = "003_740a4e0cf336b10d.txt", ("Not all the news is bad", "Not all the news is grim")


# ------------------------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture
def tokens(hub: HubStandIn) -> HubStandIn:
    hub.add_token(WRITE_TOKEN, OWNER)
    hub.add_token(READ_TOKEN, OWNER, can_write=False)
    return hub


@pytest.fixture
def logged_in(tokens: HubStandIn, monkeypatch: pytest.MonkeyPatch) -> HubStandIn:
    """The write token in HF_TOKEN, where huggingface_hub's usual resolution finds it."""
    monkeypatch.setenv("HF_TOKEN", WRITE_TOKEN)
    return tokens


@pytest.fixture
def retry_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """huggingface_hub's back-off waits between retries, recorded instead of slept (the stand-in needs no time)."""
    waits: list[float] = []
    monkeypatch.setattr(hub_http, "time", SimpleNamespace(sleep=waits.append))
    return waits


@pytest.fixture(scope="module")
def edited_seed_build(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A build of seeds/ after one sentence of one article was edited."""
    seeds = tmp_path_factory.mktemp("edited") / "seeds"
    shutil.copytree(seeds_dir, seeds)
    page = seeds / EDITED_PAGE
    text = page.read_text(encoding="utf-8")
    assert EDIT[0] in text
    page.write_text(text.replace(*EDIT), encoding="utf-8")
    out = seeds.parent / "dataset"
    build(input_dir=seeds, output_dir=out, card={"file": seeds_dir.parent / "examples" / "seeds-card.toml"})
    return out


@pytest.fixture(scope="module")
def include_build(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A build of seeds/ whose configuration explicitly includes the texts of publishers that forbid reuse."""
    out = tmp_path_factory.mktemp("include") / "dataset"
    build(BuildConfig.model_validate({"input_dir": str(seeds_dir), "output_dir": str(out),
                                      "rights": {"restricted": "include"}}))
    return out


@pytest.fixture
def include_build_copy(include_build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "include-dataset"
    shutil.copytree(include_build, copy)
    return copy


@pytest.fixture
def edited_build_copy(edited_seed_build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "edited-dataset"
    shutil.copytree(edited_seed_build, copy)
    return copy


def manifest(build_dir: Path) -> dict[str, dict]:
    return {entry["path"]: entry for entry in json.loads((build_dir / "manifest.json").read_text())["files"]}


def changed_paths(before: Path, after: Path) -> set[str]:
    old, new = manifest(before), manifest(after)
    return {p for p in old.keys() | new.keys() if old.get(p, {}).get("sha256") != new.get(p, {}).get("sha256")}


def published(build_dir: Path, **options) -> str:
    result = publish(build_dir, REPO_ID, **{"private": True, **options})
    assert (result.status, result.exit_code) == ("published", EXIT_PUBLISHED), result
    return result.commit_oid


def restricted_articles(build_dir: Path) -> list[dict]:
    rows = []
    for shard in sorted((build_dir / "data").glob("*.parquet")):
        rows += [r for r in pq.read_table(shard, columns=["id", "title", "rights_status"]).to_pylist()
                 if r["rights_status"] == "restricted"]
    return rows


def assert_same_rows_and_features(remote: datasets.DatasetDict, local: datasets.DatasetDict) -> None:
    assert remote.keys() == local.keys()
    for split in local:
        assert remote[split].features == local[split].features
        assert remote[split].to_list() == local[split].to_list()


# ------------------------------------------------------------------------------------------------------------
# Publishing what was built, only that, once


def test_published_build_loads_from_the_hub_like_the_local_folder(logged_in, seed_build_copy, tmp_path):
    commit = published(seed_build_copy)

    files = logged_in.files(REPO_ID)
    local = manifest(seed_build_copy)
    assert set(files) == set(local) | {".gitattributes"}  # manifest.json and build-report.json stay home
    assert all(files[path] == (seed_build_copy / path).read_bytes() for path in local)
    described = HfApi().get_paths_info(REPO_ID, sorted(local), repo_type="dataset")
    assert {f.path: f.lfs.sha256 for f in described if f.lfs} == {
        path: entry["sha256"] for path, entry in local.items() if path.endswith(".parquet")}  # shards go to LFS
    history = logged_in.commits(REPO_ID)
    assert len(history) == 2  # the repository's initial commit, then ours
    assert history[0].oid == commit and history[0].added == tuple(sorted(local))

    configs = datasets.get_dataset_config_names(str(seed_build_copy))
    assert datasets.get_dataset_config_names(REPO_ID) == configs and len(configs) >= 2
    for config in configs:
        local_data = datasets.load_dataset(str(seed_build_copy), config, cache_dir=str(tmp_path / f"local-{config}"))
        remote_data = datasets.load_dataset(REPO_ID, config, cache_dir=str(tmp_path / f"hub-{config}"))
        assert_same_rows_and_features(remote_data, local_data)
        for split, rows in local_data.items():
            streamed = datasets.load_dataset(REPO_ID, config, split=split, streaming=True)
            assert streamed.features == rows.features
            assert list(streamed) == rows.to_list()


def test_a_later_push_to_hub_by_a_user_works_and_the_next_publish_restores_the_build(
        logged_in, seed_build_copy, tmp_path):
    published(seed_build_copy)
    articles = datasets.load_dataset(REPO_ID, cache_dir=str(tmp_path / "before"))

    articles.map(lambda row: {"word_count": row["word_count"] + 1}).push_to_hub(REPO_ID)

    pushed = datasets.load_dataset(REPO_ID, cache_dir=str(tmp_path / "pushed"))
    assert pushed["train"]["word_count"] == [count + 1 for count in articles["train"]["word_count"]]
    assert (sorted(datasets.get_dataset_config_names(REPO_ID))
            == sorted(datasets.get_dataset_config_names(str(seed_build_copy))))
    restored = publish(seed_build_copy, REPO_ID, private=True)
    assert restored.status == "published"
    assert {p.path for p in restored.plan.with_action("replace")} >= {"README.md", "data/train-00000-of-00001.parquet"}
    assert all(content == (seed_build_copy / path).read_bytes()
               for path, content in logged_in.files(REPO_ID).items() if path != ".gitattributes")


def test_publishing_the_same_build_again_makes_no_commit(logged_in, seed_build_copy):
    commit = published(seed_build_copy)
    uploads = len(logged_in.requests_to("lfs_upload"))

    again = publish(seed_build_copy, REPO_ID, private=True)

    assert (again.status, again.exit_code) == ("nothing_to_do", EXIT_NOTHING_TO_DO)
    assert "no commit was made" in again.message
    assert logged_in.head(REPO_ID) == commit
    assert len(logged_in.requests_to("commit")) == 1
    assert len(logged_in.requests_to("lfs_upload")) == uploads


def test_rebuild_with_one_edited_article_replaces_only_the_changed_files_in_one_commit(
        logged_in, seed_build_copy, edited_build_copy):
    first = published(seed_build_copy)
    expected = changed_paths(seed_build_copy, edited_build_copy)
    unchanged_shards = {p for p in manifest(edited_build_copy) if p.endswith(".parquet")} - expected
    assert expected and unchanged_shards, "the edit should change some files and leave some shards alone"
    uploads_before = len(logged_in.requests_to("lfs_upload"))

    second = published(edited_build_copy)

    history = logged_in.commits(REPO_ID)
    assert history[0].oid == second and history[0].parents == (first,)
    assert history[0].changed_paths == expected
    uploaded = {r.path.rsplit("/", 1)[1] for r in logged_in.requests_to("lfs_upload")[uploads_before:]}
    changed_shards = {manifest(edited_build_copy)[p]["sha256"] for p in expected if p.endswith(".parquet")}
    assert uploaded and uploaded <= changed_shards  # only new content travels (content already there does not)


def test_publishing_to_a_new_branch_starts_it_at_the_default_branch_and_leaves_main_alone(
        logged_in, seed_build_copy, edited_build_copy):
    main = published(seed_build_copy)

    commit = published(edited_build_copy, revision="next-release", message="Release candidate")

    assert logged_in.head(REPO_ID) == main
    newest = logged_in.commits(REPO_ID, revision="next-release")[0]
    assert (newest.oid, newest.parents, newest.title) == (commit, (main,), "Release candidate")
    assert newest.changed_paths == changed_paths(seed_build_copy, edited_build_copy)


def test_files_left_over_from_an_earlier_build_are_deleted_and_others_kept(logged_in, seed_build_copy):
    published(seed_build_copy)
    logged_in.commit_files(REPO_ID, {"data/train-00001-of-00002.parquet": b"PAR1\0old shard", "old.parquet": b"PAR1\0",
                                     "pages/notes.txt": b"stale", "NOTES.md": b"maintainers' notes"})
    logged_in.tree_page_size = 2  # the plan must see every page of the repository's file listing
    listings_before = len(logged_in.requests_to("tree"))

    published(seed_build_copy)

    assert len(logged_in.requests_to("tree")) - listings_before > len(logged_in.files(REPO_ID)) // 2

    assert logged_in.commits(REPO_ID)[0].deleted == ("data/train-00001-of-00002.parquet", "old.parquet",
                                                     "pages/notes.txt")
    assert set(logged_in.files(REPO_ID)) == set(manifest(seed_build_copy)) | {".gitattributes", "NOTES.md"}


def test_dry_run_prints_every_change_with_size_and_hash_and_changes_nothing(
        logged_in, seed_build_copy, edited_build_copy, capsys):
    def publish_command(build_dir: Path, *options: str) -> int:
        return cli(["publish", str(build_dir), "--repo-id", REPO_ID, "--private", *options])

    assert publish_command(seed_build_copy, "--dry-run", "--compare-with-hub") == EXIT_PUBLISHED
    out = capsys.readouterr().out
    assert f"datasets/{REPO_ID}" in out and "create the private dataset repository" in out
    for path, entry in manifest(seed_build_copy).items():
        line = next(line for line in out.splitlines() if f" {path} " in line)
        assert line.split()[0] == "add" and f"{entry['size']:,} bytes" in line and entry["sha256"] in line
    assert logged_in.head(REPO_ID) is None
    assert {r.route for r in logged_in.requests} == {"repo_info"}

    assert publish_command(seed_build_copy) == EXIT_PUBLISHED
    commit = logged_in.head(REPO_ID)
    out, err = capsys.readouterr()
    assert f"datasets/{REPO_ID}/commit/{commit}" in out and WRITE_TOKEN not in out + err

    assert publish_command(edited_build_copy, "--dry-run", "--compare-with-hub") == EXIT_PUBLISHED
    out = capsys.readouterr().out
    replaced = {line.split()[1] for line in out.splitlines() if line.strip().startswith("replace")}
    assert replaced == changed_paths(seed_build_copy, edited_build_copy)
    assert f"parent commit {commit[:7]}" in out
    assert publish_command(seed_build_copy, "--dry-run", "--compare-with-hub") == EXIT_NOTHING_TO_DO
    assert logged_in.head(REPO_ID) == commit


def test_dry_run_without_compare_makes_no_network_call_and_lists_every_file(
        seed_build_copy, monkeypatch, capsys):
    """No Hub reachable, no token: the dry run still validates and lists every file of the manifest."""
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on the discard port
    monkeypatch.setattr(hub_constants, "ENDPOINT", "http://127.0.0.1:9")
    for variable in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        monkeypatch.delenv(variable, raising=False)
    attempts: list[object] = []

    def no_network(self, address, *args):
        attempts.append(address)
        raise OSError("network call during a dry run")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)

    assert cli(["publish", str(seed_build_copy), "--repo-id", REPO_ID, "--private", "--dry-run"]) == EXIT_PUBLISHED
    out, err = capsys.readouterr()
    assert attempts == [] and err == ""
    assert f"127.0.0.1:9/datasets/{REPO_ID}" in out and "not compared with the Hub" in out
    for path, entry in manifest(seed_build_copy).items():
        line = next(line for line in out.splitlines() if f" {path} " in line)
        assert line.split()[0] == "upload" and f"{entry['size']:,} bytes" in line and entry["sha256"] in line
    assert f"In all: {len(manifest(seed_build_copy))} files to upload" in out

    # The local checks still run: a folder that fails them is refused, offline too.
    (seed_build_copy / "notes.txt").write_text("scratch\n")
    assert cli(["publish", str(seed_build_copy), "--repo-id", REPO_ID, "--dry-run"]) == EXIT_REFUSED
    assert attempts == [] and "notes.txt" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------------------------
# Refusals: nothing leaves the machine


@pytest.mark.parametrize("intruder", [".env", "hf_token", "README.md~", "data/.train-00000-of-00001.parquet.swp",
                                      "pages/notes.txt"])
def test_a_file_outside_the_manifest_is_refused(tokens, seed_build_copy, intruder):
    (seed_build_copy / intruder).write_text(f"HF_TOKEN={WRITE_TOKEN}\n")

    result = publish(seed_build_copy, REPO_ID, private=True, token=WRITE_TOKEN)

    assert (result.status, result.exit_code) == ("refused", EXIT_REFUSED)
    assert [p for p in result.problems if p.startswith(intruder)], result.problems
    assert WRITE_TOKEN not in result.message + "".join(result.problems)
    assert tokens.requests == []


def test_a_secret_swept_into_the_manifest_is_refused(tokens, seed_build_copy):
    secret = seed_build_copy / ".env"
    secret.write_text(f"HF_TOKEN={WRITE_TOKEN}\n")
    listing = json.loads((seed_build_copy / "manifest.json").read_text())
    listing["files"].append({"path": ".env", "size": secret.stat().st_size,
                             "sha256": hashlib.sha256(secret.read_bytes()).hexdigest()})
    (seed_build_copy / "manifest.json").write_text(json.dumps(listing))

    result = publish(seed_build_copy, REPO_ID, private=True, token=WRITE_TOKEN)

    assert (result.status, result.exit_code) == ("refused", EXIT_REFUSED)
    assert result.problems == (".env: looks like a hidden file, a secret or an editor backup, which a build never "
                               "writes",)
    assert tokens.requests == []


@pytest.mark.parametrize("listed", [True, False])
def test_a_symlink_leading_out_of_the_folder_is_refused(tokens, seed_build_copy, tmp_path, listed):
    shard = "data/train-00000-of-00001.parquet"
    outside = tmp_path / "outside.parquet"
    shutil.copy(seed_build_copy / shard, outside)
    link = seed_build_copy / (shard if listed else "data/extra.parquet")
    link.unlink(missing_ok=True)
    link.symlink_to(outside)  # when listed: the same bytes as the manifest says, but from outside the folder

    result = publish(seed_build_copy, REPO_ID, private=True, token=WRITE_TOKEN)

    assert (result.status, result.exit_code) == ("refused", EXIT_REFUSED)
    relative = link.relative_to(seed_build_copy).as_posix()
    assert [p for p in result.problems if p.startswith(relative)], result.problems
    assert tokens.requests == []


def test_a_file_changed_since_the_build_is_refused(tokens, seed_build_copy):
    with open(seed_build_copy / "LICENSE", "a", encoding="utf-8") as licence:
        licence.write("\nedited by hand\n")

    result = publish(seed_build_copy, REPO_ID, private=True, token=WRITE_TOKEN)

    assert (result.status, result.exit_code) == ("refused", EXIT_REFUSED)
    assert [p for p in result.problems if p.startswith("LICENSE")], result.problems
    assert tokens.requests == []


def test_the_default_seeds_build_ships_no_restricted_text_and_publishes_publicly(logged_in, seed_build_copy):
    """By default the texts of publishers whose terms forbid reuse in datasets are withheld: the record, its id
    (the hash of the text read) and its locator ship, the text does not, in either config."""
    from corpus_pkg.publish import read_build_files, restricted_records

    articles = pq.read_table(seed_build_copy / "data").to_pylist()
    nyt = [a for a in articles if a["rights_holder"] == "The New York Times"]
    assert nyt and all(a["rights_status"] == "withheld" and a["text"] == "" for a in nyt)
    assert all(a["provenance"][0]["source_sha256"] and a["provenance"][0]["line_end"] > 0 for a in nyt)
    assert not restricted_articles(seed_build_copy)
    assert restricted_records(read_build_files(seed_build_copy)) == []
    card = (seed_build_copy / "README.md").read_text(encoding="utf-8")
    assert "get `withhold_text` (the\ndefault" in card

    published(seed_build_copy, private=False)
    assert logged_in.repo_settings(REPO_ID)["private"] is False


def test_restricted_texts_are_refused_for_a_public_ungated_repository(tokens, include_build_copy, capsys):
    restricted = restricted_articles(include_build_copy)
    assert restricted, "seeds/ holds a New York Times article; this build's config includes restricted texts"
    card = (include_build_copy / "README.md").read_text(encoding="utf-8")
    assert "**this build's configuration chose to include them**" in card

    code = cli(["publish", str(include_build_copy), "--repo-id", REPO_ID])

    err = capsys.readouterr().err
    assert code == EXIT_REFUSED
    assert "flagged 'restricted' by the rights policy" in err and "--private or --gated" in err
    for article in restricted:
        assert f"{article['id']} {article['title']!r}" in err
    assert tokens.requests == []


@pytest.mark.parametrize(("options", "settings"), [
    ({"private": True}, {"private": True, "gated": False}),
    ({"gated": True}, {"private": False, "gated": "manual"}),
    ({"allow_restricted_public": True}, {"private": False, "gated": False}),
])
def test_restricted_texts_go_to_private_or_gated_repositories_or_with_the_override(
        logged_in, include_build_copy, options, settings):
    published(include_build_copy, **{"private": False, **options})

    assert {k: logged_in.repo_settings(REPO_ID)[k] for k in settings} == settings
    routes = [r.route for r in logged_in.requests]
    if settings["gated"]:  # the repository is gated before any data is committed to it
        assert routes.index("settings") < routes.index("commit")


def test_validation_problems_refuse_before_any_network_call(tokens, seed_build_copy):
    card = seed_build_copy / "README.md"
    text = card.read_text(encoding="utf-8")
    count = next(line for line in text.splitlines() if "num_examples:" in line and line.split()[-1] != "0")
    card.write_text(text.replace(count, f"{count}1", 1), encoding="utf-8")

    result = publish(seed_build_copy, REPO_ID, private=True, token=WRITE_TOKEN)

    assert (result.status, result.exit_code) == ("refused", EXIT_REFUSED)
    assert "fails validation" in result.message
    assert [p for p in result.problems if "num_examples" in p], result.problems
    assert tokens.requests == []


# ------------------------------------------------------------------------------------------------------------
# Failures: the repository stays as it was


def test_a_failed_upload_leaves_the_repository_at_its_previous_commit(
        logged_in, seed_build_copy, edited_build_copy, retry_waits):
    previous = published(seed_build_copy)
    files_before = logged_in.files(REPO_ID)
    logged_in.inject("lfs_upload", Fault.drop_midway(), times=100)  # every attempt, retries included

    result = publish(edited_build_copy, REPO_ID, private=True)

    assert (result.status, result.exit_code) == ("failed", EXIT_FAILED)
    assert "connection to the Hub" in result.message and "No commit was made" in result.message
    assert logged_in.head(REPO_ID) == previous and logged_in.files(REPO_ID) == files_before
    assert logged_in.requests_to("commit") == logged_in.requests_to("commit")[:1]
    new_contents = ({e["sha256"] for p, e in manifest(edited_build_copy).items() if p.endswith(".parquet")}
                    - {e["sha256"] for e in manifest(seed_build_copy).values()})
    assert new_contents and not any(logged_in.has_lfs_object(REPO_ID, sha256) for sha256 in new_contents)
    assert retry_waits, "huggingface_hub retries an interrupted upload before giving up"


def test_a_concurrent_commit_is_detected_and_the_next_publish_succeeds(logged_in, seed_build_copy, edited_build_copy):
    published(seed_build_copy)
    concurrent: list[str] = []
    logged_in.before_next("commit", lambda: concurrent.append(
        logged_in.commit_files(REPO_ID, {"NOTES.md": b"written meanwhile"})))

    result = publish(edited_build_copy, REPO_ID, private=True)

    assert (result.status, result.exit_code) == ("failed", EXIT_FAILED)
    assert "Someone else committed" in result.message and "412" in result.message
    assert logged_in.requests_to("commit")[-1].status == 412
    assert logged_in.head(REPO_ID) == concurrent[0]

    commit = published(edited_build_copy)
    assert logged_in.commits(REPO_ID)[0].parents == (concurrent[0],)
    assert logged_in.head(REPO_ID) == commit and "NOTES.md" in logged_in.files(REPO_ID)


def test_transient_hub_errors_are_retried_by_the_client(logged_in, seed_build_copy, retry_waits):
    logged_in.inject("preupload", Fault.http_error(429, headers={"Retry-After": "2"}))
    logged_in.inject("lfs_upload", Fault.http_error(503))

    commit = published(seed_build_copy)

    assert logged_in.head(REPO_ID) == commit
    assert len(retry_waits) == 2


def _closed_port_endpoint() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.parametrize(("case", "message"), [
    ("no token", "No Hugging Face token found"),
    ("invalid token", "rejected the token (401 Unauthorized)"),
    ("read-only token", "may not write to corpus-tester/news-corpus (403 Forbidden)"),
    ("other namespace", "may not write to someone-else/news-corpus (403 Forbidden)"),
    ("invalid name", "Invalid repository name 'corpus-tester/news--corpus'"),
    ("name rejected by the Hub", "The Hub rejected the repository name"),
    ("Hub unreachable", "The connection to the Hub at http://127.0.0.1:"),
    ("connection dropped", "RemoteProtocolError"),
    ("rate limited", "rate limiting these requests (429 Too Many Requests). Wait for 30 s"),
    ("Hub error", "The Hub failed (500)"),
])
def test_errors_give_a_clear_message_and_exit_code_and_never_show_the_token(
        tokens, seed_build_copy, monkeypatch, capsys, caplog, case, message):
    caplog.set_level(logging.DEBUG)
    token, repo_id = WRITE_TOKEN, REPO_ID
    tokens.create_repo(REPO_ID)
    head = tokens.head(REPO_ID)
    if case == "invalid token":
        token = "hf_standinNOTAVALIDTOKEN0123456789abcdef"
    elif case == "read-only token":
        token = READ_TOKEN
    elif case == "other namespace":
        repo_id = "someone-else/news-corpus"
    elif case == "invalid name":
        repo_id = "corpus-tester/news--corpus"
    elif case == "name rejected by the Hub":
        tokens.inject("create_repo", Fault.http_error(400, "Repository name is reserved"))
    elif case == "Hub unreachable":
        monkeypatch.setattr(hub_constants, "ENDPOINT", _closed_port_endpoint())
    elif case == "connection dropped":
        tokens.inject("create_repo", Fault.drop())
    elif case == "rate limited":
        tokens.inject("create_repo", Fault.http_error(429, headers={"Retry-After": "30"}))
    elif case == "Hub error":
        tokens.inject("commit", Fault.http_error(500))
    if case != "no token":
        monkeypatch.setenv("HF_TOKEN", token)

    code = cli(["publish", str(seed_build_copy), "--repo-id", repo_id, "--private"])

    out, err = capsys.readouterr()
    assert code == (EXIT_REFUSED if case == "invalid name" else EXIT_FAILED)
    assert message in err and out == ""
    assert token not in out + err + caplog.text
    assert tokens.requests_to("commit") == [] or tokens.requests_to("commit")[0].status == 500
    assert tokens.head(REPO_ID) == head


def test_the_standin_rejects_invalid_repository_names_like_the_hub(tokens):
    response = httpx2.post(f"{tokens.url}/api/repos/create", headers={"authorization": f"Bearer {WRITE_TOKEN}"},
                           json={"name": "-bad-", "organization": OWNER, "type": "dataset"})

    assert response.status_code == 400 and "Invalid repository name" in response.json()["error"]


@pytest.fixture(scope="module")
def withholding_build(tmp_path_factory, seeds_dir) -> Path:
    out = tmp_path_factory.mktemp("withholding") / "dataset"
    build(BuildConfig.model_validate({"input_dir": str(seeds_dir), "output_dir": str(out),
                                      "rights": {"outlets": {"The New York Times": "withhold_text",
                                                             "Sputnik": "exclude"}}}))
    return out


def _pages(build_dir: Path) -> list[dict]:
    return [row for shard in sorted((build_dir / "pages").glob("*.parquet")) for row in pq.read_table(shard).to_pylist()]


def test_withheld_and_excluded_texts_are_emptied_in_the_pages_config_too(withholding_build, seed_build):
    """The pages config must not ship what the rights policy keeps out of the articles: the body lines of those
    articles are emptied, every other line stays, and line numbers still hold."""
    full = {p["source_file"]: p for p in _pages(seed_build)}
    emptied = 0
    for page in _pages(withholding_build):
        lines, original = page["text"].split("\n"), full[page["source_file"]]["text"].split("\n")
        assert len(lines) == len(original)
        held = {n for s in page["spans"] if s["detail"] == "text_withheld" for n in range(s["line_start"], s["line_end"] + 1)}
        assert all(s["role"] == "body" for s in page["spans"] if s["detail"] == "text_withheld")
        for number, (line, before) in enumerate(zip(lines, original), start=1):
            assert line == ("" if number in held else before)
        emptied += sum(1 for n in held if original[n - 1].strip())
    assert emptied > 0
    articles = pq.read_table(withholding_build / "data").to_pylist()
    withheld = [a for a in articles if a["rights_status"] == "withheld"]
    assert withheld and all(a["text"] == "" for a in withheld)
    assert not any(a["outlet"] == "Sputnik" for a in articles)


def test_a_public_repository_is_allowed_once_restricted_texts_are_withheld_everywhere(logged_in, withholding_build, tmp_path):
    from corpus_pkg.publish import read_build_files, restricted_records

    assert not restricted_articles(withholding_build)   # the NYT record is there, its text withheld
    assert restricted_records(read_build_files(withholding_build)) == []
    copy = tmp_path / "dataset"
    shutil.copytree(withholding_build, copy)
    published(copy, private=False)
    assert logged_in.repo_settings(REPO_ID)["private"] is False


def test_a_page_that_still_holds_a_withheld_text_is_caught(withholding_build, tmp_path):
    """A pages config that still carries the text (a build from before pages were emptied, or edited by hand)."""
    from corpus_pkg.publish import read_build_files, restricted_records

    copy = tmp_path / "dataset"
    shutil.copytree(withholding_build, copy)
    for shard in (copy / "pages").glob("*.parquet"):
        table = pq.read_table(shard)
        rows = table.to_pylist()
        for row in rows:
            for span in row["spans"]:
                if span["detail"] == "text_withheld":
                    span["detail"] = None
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), shard)
    found = restricted_records(read_build_files(copy))
    withheld = [a["id"] for a in pq.read_table(copy / "data").to_pylist() if a["rights_status"] == "withheld"]
    assert withheld and [r.id for r in found] == withheld
    assert all(r.reason == "its text is withheld, but its page in pages/ still holds the text" for r in found)
