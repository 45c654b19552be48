"""The files, plans and results of publishing, and the exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
