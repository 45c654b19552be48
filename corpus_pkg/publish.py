"""Publish a built dataset folder to the Hugging Face Hub: validated first, one atomic commit, idempotent.

The order of work makes sure nothing leaves the machine that should not:

1. Local checks, before any network call: the repository name; `corpus_pkg.validate` (which also holds the
   folder to its `manifest.json`: every listed file present with its size and SHA-256, nothing unlisted); what
   matters for uploading only (paths inside the folder, no symlink leading out of it, nothing listed that looks
   like a secret or an editor backup); the rights guard (texts the rights policy flags `restricted` only go to a
   private or gated repository, unless the user overrides). Exactly the files of the manifest are uploaded.
2. The token: the explicit argument, else huggingface_hub's usual resolution (OIDC, `HF_TOKEN`,
   `HUGGING_FACE_HUB_TOKEN`, the token file written by `hf auth login`). It is never printed, logged or written.
3. On the Hub: create the repository if needed and make it private or gated as asked (before any data lands in
   it), read the head commit of the target branch and its file tree, plan every file as add / replace / delete /
   unchanged, and send one `create_commit` whose `parent_commit` is that head. A reader of the repository sees
   either the previous build or this one, never a mix; if someone committed in between, the Hub answers 412 and
   nothing changes. An unchanged build makes no commit.

Exit codes of `corpus-pkg publish` (`PublishResult.exit_code`):

- `EXIT_PUBLISHED` (0): a commit was made; with `--dry-run`, the plan was printed and has changes.
- `EXIT_FAILED` (1): the token, the Hub or the network failed (no token, 401, 403, 429, 412, unreachable...);
  no commit was made.
- `EXIT_NOTHING_TO_DO` (3): the repository already holds exactly this build; no commit was made.
- `EXIT_REFUSED` (4): a local check refused the folder or the request; nothing was sent to the Hub.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import httpx2
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi, RepoFile, get_token
from huggingface_hub.errors import (
    HfHubHTTPError,
    HFValidationError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.utils import validate_repo_id
from huggingface_hub.utils.sha import git_hash

from .rights import RESTRICTED, TEXT_WITHHELD, WITHHELD
from .write import MANIFEST, NOT_UPLOADED

EXIT_PUBLISHED = 0
EXIT_FAILED = 1
EXIT_NOTHING_TO_DO = 3
EXIT_REFUSED = 4

Status = Literal["published", "planned", "nothing_to_do", "refused", "failed"]
Action = Literal["add", "replace", "delete", "unchanged", "upload"]  # upload: an offline dry run's every file
Gating = Literal["auto", "manual"]

_EXIT_CODES: dict[Status, int] = {
    "published": EXIT_PUBLISHED,
    "planned": EXIT_PUBLISHED,
    "nothing_to_do": EXIT_NOTHING_TO_DO,
    "refused": EXIT_REFUSED,
    "failed": EXIT_FAILED,
}
REPO_TYPE = "dataset"
# The config whose records carry `rights_status` (the articles), and the one that ships whole page texts.
ARTICLES_FOLDER = "data"
PAGES_FOLDER = "pages"
# Names a build never writes: a file like this in the manifest was swept up from the folder, not built.
_PRIVATE_OR_BACKUP_NAMES = ("*.env", "*token*", "*secret*", "*credential*", "*.pem", "*.key", "id_rsa*", "*.netrc",
                            "*~", "*.swp", "*.swo", "*.bak", "*.orig", "#*#")
_TOKEN_HELP = ("Create a token with write access at https://huggingface.co/settings/tokens, then run "
               "`hf auth login` or set HF_TOKEN.")


# ------------------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class LocalFile:
    path: str  # POSIX path in the folder, and in the repository
    source: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class PlannedFile:
    path: str
    action: Action
    size: int
    sha256: str | None  # local content, or the remote LFS object for a delete
    remote_blob_id: str | None = None  # git blob id of a deleted regular (non-LFS) remote file


@dataclass(frozen=True)
class RepoChanges:
    """What happens to the repository itself before the commit."""

    create: Literal["public", "private"] | None = None  # only in a dry run: a real publish creates it first
    make_private: bool = False
    gate: Gating | None = None
    branch_from: str | None = None  # the branch does not exist yet: it is created at this commit

    @property
    def needed(self) -> bool:
        return bool(self.create or self.make_private or self.gate or self.branch_from)

    def descriptions(self, branch: str) -> list[str]:
        described = []
        if self.create:
            described.append(f"create the {self.create} dataset repository")
        if self.make_private:
            described.append("make the repository private")
        if self.gate:
            described.append(f"gate access to the repository ({self.gate} approval of access requests)")
        if self.branch_from:
            described.append(f"create branch {branch} at {self.branch_from[:7]}")
        return described


@dataclass(frozen=True)
class PublishPlan:
    repo_id: str
    repo_url: str
    revision: str
    parent_commit: str | None  # head of the branch (or of the default branch it starts from) seen when planning
    files: tuple[PlannedFile, ...]
    kept: tuple[str, ...]  # remote files that are not the build's (e.g. .gitattributes): left as they are
    repo_changes: RepoChanges
    compared_with_hub: bool = True  # False: an offline dry run, every file listed as "upload"

    def with_action(self, *actions: Action) -> list[PlannedFile]:
        return [planned for planned in self.files if planned.action in actions]

    @property
    def has_file_changes(self) -> bool:
        return bool(self.with_action("add", "replace", "delete", "upload"))


@dataclass(frozen=True)
class PublishResult:
    status: Status
    message: str
    plan: PublishPlan | None = None
    commit_oid: str | None = None
    commit_url: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        return _EXIT_CODES[self.status]


class PublishRefused(Exception):
    def __init__(self, message: str, problems: list[str] | tuple[str, ...] = ()):
        super().__init__(message)
        self.problems = tuple(problems)


class PublishFailed(Exception):
    pass


# ------------------------------------------------------------------------------------------------------------
# The API


def publish(out_dir: str | Path, repo_id: str, *, private: bool = False, gated: Gating | bool | None = None,
            revision: str | None = None, message: str | None = None, dry_run: bool = False,
            compare_with_hub: bool = False, allow_restricted_public: bool = False,
            token: str | None = None) -> PublishResult:
    """Publish the build in `out_dir` to the dataset repository `repo_id` (see the module docstring).

    `gated` is "manual" or "auto" approval of access requests (True means "manual", as `--gated` does);
    `revision` is the branch to commit to (created from the default branch if missing). `dry_run` runs the local
    checks and lists every file that would be uploaded (size, SHA-256) without any network call, not even to
    find the token; with `compare_with_hub` as well, it reads the repository (read-only) and plans every file as
    add / replace / delete / unchanged against it.
    """
    out_dir = Path(out_dir)
    gating: Gating | None = "manual" if gated is True else (gated or None)
    try:
        local_files = check_locally(out_dir, repo_id, private=private, gated=gating is not None,
                                    allow_restricted_public=allow_restricted_public)
    except PublishRefused as refusal:
        return PublishResult("refused", _redact(str(refusal), token),
                             problems=tuple(_redact(p, token) for p in refusal.problems))
    if dry_run and not compare_with_hub:
        return _dry_run_result(_offline_plan(repo_id, revision, local_files, private=private, gating=gating))
    # Resolved only now: with OIDC, finding the token is already a network call.
    token = token or get_token()
    try:
        return _publish_to_hub(local_files, repo_id, private=private, gating=gating, revision=revision,
                               message=message, dry_run=dry_run, token=token)
    except PublishFailed as failure:
        return PublishResult("failed", _redact(str(failure), token))


def check_locally(out_dir: Path, repo_id: str, *, private: bool, gated: bool,
                  allow_restricted_public: bool) -> list[LocalFile]:
    """Every check that needs no network; returns the files to publish, or raises PublishRefused."""
    check_repo_id(repo_id)
    problems = _validation_problems(out_dir)
    if problems:
        raise PublishRefused(f"{out_dir} fails validation; fix the build (or rebuild) before publishing.", problems)
    local_files = read_build_files(out_dir)
    check_rights(local_files, private=private, gated=gated, allow_restricted_public=allow_restricted_public)
    return local_files


def _publish_to_hub(local_files: list[LocalFile], repo_id: str, *, private: bool, gating: Gating | None,
                    revision: str | None, message: str | None, dry_run: bool, token: str | None) -> PublishResult:
    if token is None and not dry_run:
        raise PublishFailed(f"No Hugging Face token found. {_TOKEN_HELP}")
    api = HfApi(token=token)
    with _explained_hub_errors(api.endpoint, repo_id, revision):
        if not dry_run:
            api.create_repo(repo_id, repo_type=REPO_TYPE, private=True if private else None, exist_ok=True)
        remote = _read_remote(api, repo_id, revision)
        plan = _plan(api.endpoint, repo_id, revision, local_files, remote, private=private, gating=gating)
        if dry_run:
            return _dry_run_result(plan)
        _apply_repo_changes(api, plan)
        if not plan.has_file_changes:
            done = "; ".join(plan.repo_changes.descriptions(plan.revision))
            return PublishResult("nothing_to_do", f"Nothing to publish: {plan.repo_url} already holds this build; "
                                                  f"no commit was made{f' (done: {done})' if done else ''}.",
                                 plan=plan)
        commit = api.create_commit(
            repo_id, _operations(plan, local_files), repo_type=REPO_TYPE, revision=plan.revision,
            parent_commit=plan.parent_commit, commit_message=message or _default_commit_message(plan),
            commit_description=_commit_description(plan),
        )
    return PublishResult("published", f"Published to {plan.repo_url} (branch {plan.revision}) in commit "
                                      f"{commit.oid[:7]}: {_counts(plan)} files.",
                         plan=plan, commit_oid=commit.oid, commit_url=commit.commit_url)


# ------------------------------------------------------------------------------------------------------------
# Local checks (no network)


def check_repo_id(repo_id: str) -> None:
    if repo_id.count("/") != 1:
        raise PublishRefused(f"Invalid repository name {repo_id!r}: give it as NAMESPACE/NAME, e.g. "
                             f"my-org/news-corpus.")
    try:
        validate_repo_id(repo_id)
    except HFValidationError as error:
        raise PublishRefused(f"Invalid repository name {repo_id!r}: {error}") from None


def _validation_problems(out_dir: Path) -> list[str]:
    if not out_dir.is_dir():
        return [f"{out_dir} is not a folder"]
    from .validate import validate  # imported here: the validator pulls in datasets, slow to import

    return list(validate(out_dir))


def read_build_files(out_dir: Path) -> list[LocalFile]:
    """The files the manifest lists, or PublishRefused.

    Validation has already compared the folder with the manifest (every listed file present with its size and
    SHA-256, nothing unlisted). What is checked here matters only for uploading: every path stays inside the
    folder, no symlink leads out of it, and nothing listed looks like a secret or an editor backup (which a
    build never writes, so it was swept up from the folder).
    """
    manifest_path = out_dir / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PublishRefused(f"{out_dir} has no {MANIFEST}: publish a folder written by `corpus-pkg build`.") from None
    except ValueError as error:
        raise PublishRefused(f"{manifest_path} is not valid JSON ({error}); rebuild the folder.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != 1 or not isinstance(manifest.get("files"), list):
        raise PublishRefused(f"{manifest_path} is not a format-1 build manifest; rebuild the folder.")

    root = out_dir.resolve()
    problems = [f"{path}: a symlink leading out of the folder (to {target})"
                for path, target in _symlinks_leaving(out_dir, root)]
    files: list[LocalFile] = []
    for entry in manifest["files"]:
        path = entry.get("path") if isinstance(entry, dict) else None
        problem = _manifest_entry_problem(entry, path, listed={f.path for f in files})
        if problem is not None:
            problems.append(problem)
        elif (out_dir / path).resolve().is_relative_to(root):  # else reported with the symlinks above
            files.append(LocalFile(path, (out_dir / path).resolve(), entry["size"], entry["sha256"]))
    if problems:
        raise PublishRefused(f"{out_dir} holds files that must not be published; nothing was published.", problems)
    return files


def _manifest_entry_problem(entry: object, path: object, *, listed: set[str]) -> str | None:
    if not isinstance(path, str) or not path or not isinstance(entry, dict):
        return f"manifest entry without a path: {entry!r}"
    if "\\" in path or any(segment in ("", ".", "..") for segment in path.split("/")):
        return f"{path}: not a plain relative path inside the folder"
    parts = PurePosixPath(path).parts
    if not isinstance(entry.get("size"), int) or not isinstance(entry.get("sha256"), str):
        return f"{path}: the manifest gives no size or SHA-256"
    if path in NOT_UPLOADED:
        return f"{path}: listed in the manifest, but it is never uploaded"
    if path in listed:
        return f"{path}: listed twice in the manifest"
    if any(part.startswith(".") for part in parts) or any(fnmatch.fnmatch(parts[-1].lower(), pattern)
                                                          for pattern in _PRIVATE_OR_BACKUP_NAMES):
        return f"{path}: looks like a hidden file, a secret or an editor backup, which a build never writes"
    return None


def _symlinks_leaving(out_dir: Path, root: Path) -> Iterator[tuple[str, Path]]:
    """Every symlink in the folder (to a file or a folder) whose target lies outside it."""
    for folder, dirnames, filenames in os.walk(out_dir):  # symlinked folders are listed, not entered
        here = Path(folder)
        for link in (here / name for name in filenames + dirnames):
            if link.is_symlink() and not link.resolve().is_relative_to(root):
                yield link.relative_to(out_dir).as_posix(), link.resolve()


@dataclass(frozen=True)
class RestrictedRecord:
    id: str
    title: str
    rights_holder: str | None
    reason: str


def restricted_records(files: list[LocalFile]) -> list[RestrictedRecord]:
    """Articles whose text the build ships though it should not: flagged `restricted` with their text in the
    articles config, or flagged `restricted` or `withheld` (the rights policy emptied their text) while their
    page in the pages config still holds it."""
    found = []
    withheld: list[dict] = []
    for shard in sorted(f.source for f in files if f.path.startswith(f"{ARTICLES_FOLDER}/")
                        and f.path.endswith(".parquet")):
        names = set(pq.read_schema(shard).names)
        if "rights_status" not in names:
            continue
        columns = [c for c in ("id", "title", "rights_holder", "text", "rights_status") if c in names]
        table = pq.read_table(shard, columns=columns, filters=[("rights_status", "in", [RESTRICTED, WITHHELD])])
        for row in table.to_pylist():
            if row.get("text") and row.get("rights_status") == RESTRICTED:
                found.append(_restricted(row, f"its text ships in {ARTICLES_FOLDER}/"))
            else:
                withheld.append(row)
    on_pages = _body_lines_on_pages(files, {str(row.get("id")) for row in withheld})
    found += [_restricted(row, f"its text is {'withheld' if row.get('rights_status') == WITHHELD else 'empty'}, but its page in "
                          f"{PAGES_FOLDER}/ still holds the text")
              for row in withheld if str(row.get("id")) in on_pages]
    return found


def _restricted(row: dict, reason: str) -> RestrictedRecord:
    return RestrictedRecord(str(row.get("id")), str(row.get("title") or ""), row.get("rights_holder"), reason)


def _body_lines_on_pages(files: list[LocalFile], ids: set[str]) -> set[str]:
    """Which of the articles have body lines in the pages config that were not emptied (a build made before
    pages emptied withheld texts, or edited by hand). Only the pages' audit spans are read."""
    if not ids:
        return set()
    shipped: set[str] = set()
    for shard in sorted(f.source for f in files if f.path.startswith(f"{PAGES_FOLDER}/") and f.path.endswith(".parquet")):
        spans = pc.list_flatten(pq.read_table(shard, columns=["spans"]).column("spans").combine_chunks())
        body = pc.and_(pc.equal(spans.field("role"), "body"),
                       pc.fill_null(pc.not_equal(spans.field("detail"), TEXT_WITHHELD), True))
        ours = pc.and_(body, pc.is_in(spans.field("article_id"), pa.array(sorted(ids), pa.string())))
        shipped.update(pc.filter(spans.field("article_id"), ours).to_pylist())
    return shipped


def check_rights(files: list[LocalFile], *, private: bool, gated: bool, allow_restricted_public: bool) -> None:
    if private or gated or allow_restricted_public:
        return
    records = restricted_records(files)
    if records:
        raise PublishRefused(
            f"{len(records)} record(s) are flagged '{RESTRICTED}' by the rights policy (the rights holder's terms "
            f"restrict reuse, e.g. in cached data sets or for AI training), and this would publish them in a "
            f"public, ungated repository. Publish with --private or --gated, change the rights policy "
            f"(withhold_text or exclude) and rebuild, or pass --allow-restricted-public if you hold the rights.",
            [f"{r.id} {r.title!r}" + (f" (rights holder: {r.rights_holder})" if r.rights_holder else "")
             + f": {r.reason}" for r in records],
        )


# ------------------------------------------------------------------------------------------------------------
# The remote side and the plan


@dataclass(frozen=True)
class _RemoteState:
    exists: bool
    branch_exists: bool
    head: str | None
    private: bool
    gated: str | bool
    files: dict[str, RepoFile]


def _read_remote(api: HfApi, repo_id: str, revision: str | None) -> _RemoteState:
    branch_exists = True
    try:
        try:
            info = api.dataset_info(repo_id, revision=revision)
        except RevisionNotFoundError:
            # A new branch starts from the default branch: plan against that.
            branch_exists = False
            info = api.dataset_info(repo_id)
    except RepositoryNotFoundError:
        # Only a dry run gets here (a real publish creates the repository first), or the token cannot see it.
        return _RemoteState(exists=False, branch_exists=False, head=None, private=False, gated=False, files={})
    files = {entry.path: entry for entry in api.list_repo_tree(repo_id, repo_type=REPO_TYPE, revision=info.sha,
                                                               recursive=True)
             if isinstance(entry, RepoFile)}
    return _RemoteState(exists=True, branch_exists=branch_exists, head=info.sha, private=bool(info.private),
                        gated=info.gated or False, files=files)


def _plan(endpoint: str, repo_id: str, revision: str | None, local_files: list[LocalFile], remote: _RemoteState, *,
          private: bool, gating: Gating | None) -> PublishPlan:
    planned: list[PlannedFile] = []
    for local in local_files:
        existing = remote.files.get(local.path)
        action: Action = ("add" if existing is None
                          else "unchanged" if _same_content(local, existing) else "replace")
        planned.append(PlannedFile(local.path, action, local.size, local.sha256))
    # The build owns its data files and the folders it writes: anything there that is not in this build is a
    # leftover of an earlier one and goes, so the repository never mixes two builds. Other files stay.
    build_folders = {PurePosixPath(f.path).parts[0] for f in local_files if "/" in f.path}
    listed = {f.path for f in local_files}
    kept = []
    for path, entry in sorted(remote.files.items()):
        if path in listed:
            continue
        if path.endswith(".parquet") or PurePosixPath(path).parts[0] in build_folders:
            planned.append(PlannedFile(path, "delete", entry.size, entry.lfs.sha256 if entry.lfs else None,
                                       None if entry.lfs else entry.blob_id))
        else:
            kept.append(path)
    branch = revision or "main"
    return PublishPlan(
        repo_id=repo_id, repo_url=f"{endpoint}/datasets/{repo_id}", revision=branch, parent_commit=remote.head,
        files=tuple(planned), kept=tuple(kept),
        repo_changes=RepoChanges(
            create=None if remote.exists else "private" if private else "public",
            make_private=remote.exists and private and not remote.private,
            gate=gating if gating is not None and remote.gated != gating else None,
            branch_from=remote.head if remote.exists and not remote.branch_exists else None,
        ),
    )


def _offline_plan(repo_id: str, revision: str | None, local_files: list[LocalFile], *, private: bool,
                  gating: Gating | None) -> PublishPlan:
    """Every file of the build as "upload", without asking the Hub what it already holds (no network)."""
    from huggingface_hub import constants  # the endpoint as configured (HF_ENDPOINT); reading it sends nothing

    return PublishPlan(
        repo_id=repo_id, repo_url=f"{constants.ENDPOINT}/datasets/{repo_id}", revision=revision or "main",
        parent_commit=None, files=tuple(PlannedFile(f.path, "upload", f.size, f.sha256) for f in local_files),
        kept=(), repo_changes=RepoChanges(make_private=private, gate=gating), compared_with_hub=False)


def _same_content(local: LocalFile, remote: RepoFile) -> bool:
    if remote.lfs is not None:
        return remote.lfs.sha256 == local.sha256
    # A regular (git) file is identified by its git blob id; regular files are small (< 10 MB on the Hub).
    return remote.size == local.size and remote.blob_id == git_hash(local.source.read_bytes())


def _apply_repo_changes(api: HfApi, plan: PublishPlan) -> None:
    """Make the repository private or gated, and the branch, before any data is committed to it."""
    changes = plan.repo_changes
    if changes.make_private or changes.gate:
        api.update_repo_settings(plan.repo_id, repo_type=REPO_TYPE, private=True if changes.make_private else None,
                                 gated=changes.gate)
    if changes.branch_from:
        api.create_branch(plan.repo_id, branch=plan.revision, revision=changes.branch_from, repo_type=REPO_TYPE)


def _operations(plan: PublishPlan, local_files: list[LocalFile]) -> list[CommitOperationAdd | CommitOperationDelete]:
    sources = {f.path: f.source for f in local_files}
    return ([CommitOperationAdd(path_in_repo=p.path, path_or_fileobj=str(sources[p.path]))
             for p in plan.with_action("add", "replace")]
            + [CommitOperationDelete(path_in_repo=p.path, is_folder=False) for p in plan.with_action("delete")])


def _counts(plan: PublishPlan) -> str:
    return (f"{len(plan.with_action('add'))} new, {len(plan.with_action('replace'))} replaced, "
            f"{len(plan.with_action('delete'))} deleted, {len(plan.with_action('unchanged'))} unchanged")


def _default_commit_message(plan: PublishPlan) -> str:
    return f"Publish dataset build ({_counts(plan)} files)"


def _commit_description(plan: PublishPlan) -> str:
    return "Published with `corpus-pkg publish`.\n\n" + "\n".join(
        f"- {p.action} `{p.path}`" for p in plan.with_action("add", "replace", "delete"))


def _dry_run_result(plan: PublishPlan) -> PublishResult:
    if not plan.compared_with_hub:
        return PublishResult("planned", "Dry run: the folder passed every local check; nothing was sent (the Hub "
                                        "was not contacted: add --compare-with-hub to plan against the repository).",
                             plan=plan)
    if plan.has_file_changes or plan.repo_changes.needed:
        return PublishResult("planned", "Dry run: nothing was changed on the Hub.", plan=plan)
    return PublishResult("nothing_to_do", f"Dry run: nothing to publish, {plan.repo_url} already holds this build.",
                         plan=plan)


def format_plan(plan: PublishPlan) -> str:
    """The plan as `--dry-run` prints it: the target, then every file to add, replace or delete."""
    parent = (f"parent commit {plan.parent_commit[:7]}" if plan.parent_commit
              else "new repository" if plan.compared_with_hub else "not compared with the Hub")
    lines = [f"Target: {plan.repo_url} (dataset {plan.repo_id}, branch {plan.revision}, {parent})"]
    if plan.compared_with_hub:
        lines += [f"Before the commit: {change}" for change in plan.repo_changes.descriptions(plan.revision)]
    else:
        asked = [change for change, wanted in (("private", plan.repo_changes.make_private),
                                                (f"gated ({plan.repo_changes.gate} approval)", plan.repo_changes.gate))
                 if wanted]
        if asked:
            lines.append(f"The repository will be made {' and '.join(asked)} before the commit, if it is not already.")
    changes = plan.with_action("add", "replace", "delete", "upload")
    width = max((len(p.path) for p in changes), default=0)
    for p in changes:
        digest = f"sha256 {p.sha256}" if p.sha256 else f"git blob {p.remote_blob_id}"
        lines.append(f"  {p.action:<8} {p.path:<{width}}  {p.size:>12,} bytes  {digest}")
    if plan.with_action("unchanged"):
        lines.append(f"  unchanged: {len(plan.with_action('unchanged'))} file(s)")
    if plan.kept:
        lines.append(f"  kept (not part of the build): {', '.join(plan.kept)}")
    lines.append(f"In all: {_counts(plan)} files." if plan.compared_with_hub
                 else f"In all: {len(plan.files)} files to upload, {sum(p.size for p in plan.files):,} bytes.")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------------------
# Errors from the Hub, explained


@contextmanager
def _explained_hub_errors(endpoint: str, repo_id: str, revision: str | None) -> Iterator[None]:
    try:
        yield
    except (httpx2.TransportError, HfHubHTTPError, RuntimeError, ValueError) as error:
        explanation = _explain(error, endpoint, repo_id, revision or "main")
        if explanation is None:
            raise
        raise PublishFailed(f"{explanation} No commit was made.") from error


def _explain(error: BaseException, endpoint: str, repo_id: str, branch: str) -> str | None:
    """A message saying what went wrong and what to do, from the root cause of `error`; None if not a Hub error."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, (httpx2.TransportError, HfHubHTTPError)):
        cause = cause.__cause__
    if isinstance(cause, httpx2.TransportError):
        return (f"The connection to the Hub at {endpoint} failed ({type(cause).__name__}: {cause}). Check the "
                f"network connection, the proxy settings and HF_ENDPOINT, then run publish again.")
    if not isinstance(cause, HfHubHTTPError):
        return None
    status, url_path = cause.response.status_code, cause.response.request.url.path
    server = f" The Hub says: {cause.server_message}" if cause.server_message else ""
    namespace = repo_id.split("/")[0]
    if status == 401:
        return f"The Hub rejected the token (401 Unauthorized): it is invalid, expired or revoked. {_TOKEN_HELP}"
    if status == 403 and "authorization" in cause.response.request.headers:
        return (f"The token may not write to {repo_id} (403 Forbidden): it is read-only, or it has no write access "
                f"to the namespace {namespace!r}. Use a token with the write role, or a fine-grained token with "
                f"write access to {namespace!r}.{server}")
    if status == 400 and url_path.endswith("/api/repos/create"):
        return f"The Hub rejected the repository name {repo_id!r} (400 Bad Request).{server}"
    if status == 400 and url_path.endswith("/api/validate-yaml"):
        return f"The Hub rejected the YAML metadata of README.md (400 Bad Request).{server}"
    if status == 412:
        return (f"Someone else committed to {repo_id} (branch {branch}) while this publish was running (412 "
                f"Precondition Failed on the parent commit). Run publish again: it plans against the new head.")
    if status == 429:
        retry_after = cause.response.headers.get("Retry-After")
        wait = f" for {retry_after} s" if retry_after else ""
        return f"The Hub is rate limiting these requests (429 Too Many Requests). Wait{wait} and run publish again."
    if isinstance(cause, RepositoryNotFoundError):
        return f"Repository {repo_id} was not found, or the token cannot see it ({status}).{server}"
    if status >= 500:
        return f"The Hub failed ({status}); try again later.{server}"
    return f"The Hub refused a request ({status} on {url_path}).{server}"


def _redact(text: str, token: str | None) -> str:
    """A last guard: whatever a server or library echoed, the token never reaches a message."""
    return text.replace(token, "hf_***") if token else text


# ------------------------------------------------------------------------------------------------------------
# The CLI's printing (argument parsing lives in cli.py)


def run_publish_cli(args: argparse.Namespace) -> int:
    """Run `corpus-pkg publish` from parsed arguments, print the outcome and return the exit code.

    Expects the attributes dir, repo_id, private, gated (False, True, "manual" or "auto"), revision, message,
    dry_run, compare_with_hub and allow_restricted_public.
    """
    if args.compare_with_hub and not args.dry_run:
        print("corpus-pkg publish: --compare-with-hub goes with --dry-run (a real publish always compares)",
              file=sys.stderr)
        return EXIT_REFUSED
    result = publish(args.dir, args.repo_id, private=args.private, gated=args.gated, revision=args.revision,
                     message=args.message, dry_run=args.dry_run, compare_with_hub=args.compare_with_hub,
                     allow_restricted_public=args.allow_restricted_public)
    if args.dry_run and result.plan is not None:
        print(format_plan(result.plan))
    ok = result.status in ("published", "planned", "nothing_to_do")
    stream = sys.stdout if ok else sys.stderr
    print(result.message, file=stream)
    for problem in result.problems:
        print(f"  - {problem}", file=stream)
    if result.commit_url:
        print(result.commit_url)
    return result.exit_code
