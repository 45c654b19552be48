"""The repository as it is, and the plan against it: every file to add, replace, delete or keep."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi, RepoFile
from huggingface_hub.errors import RepositoryNotFoundError, RevisionNotFoundError
from huggingface_hub.utils.sha import git_hash

from .model import REPO_TYPE, Action, Gating, LocalFile, PlannedFile, PublishPlan, PublishResult, RepoChanges


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
