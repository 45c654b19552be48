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

Modules: `model` (files, plans, results, exit codes), `local` (the checks without network), `plan` (the
repository read and the plan against it), `hub_errors` (the Hub's errors explained).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huggingface_hub import HfApi, get_token

from .hub_errors import _explained_hub_errors, _redact
from .local import _validation_problems, check_repo_id, check_rights, read_build_files, restricted_records
from .model import (_TOKEN_HELP, EXIT_FAILED, EXIT_NOTHING_TO_DO, EXIT_PUBLISHED, EXIT_REFUSED, REPO_TYPE, Gating,
                    LocalFile, PublishFailed, PublishRefused, PublishResult)
from .plan import (_apply_repo_changes, _commit_description, _counts, _default_commit_message, _dry_run_result,
                   _offline_plan, _operations, _plan, _read_remote, format_plan)

__all__ = ["EXIT_FAILED", "EXIT_NOTHING_TO_DO", "EXIT_PUBLISHED", "EXIT_REFUSED", "PublishResult", "check_locally",
           "format_plan", "publish", "read_build_files", "restricted_records", "run_publish_cli"]


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
