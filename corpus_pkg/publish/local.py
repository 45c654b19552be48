"""Every check that needs no network: the repository name, validation, the manifest's files, the rights guard."""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from huggingface_hub.errors import HFValidationError
from huggingface_hub.utils import validate_repo_id

from ..rights import RESTRICTED, TEXT_WITHHELD, WITHHELD
from ..write import MANIFEST, NOT_UPLOADED
from .model import _PRIVATE_OR_BACKUP_NAMES, ARTICLES_FOLDER, PAGES_FOLDER, LocalFile, PublishRefused


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
    from ..validate import validate  # imported here: the validator pulls in datasets, slow to import

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
