"""The SHA-256 of every file below a folder: how the tests compare two builds, or one build before and after."""

from __future__ import annotations

import hashlib
from pathlib import Path


def tree_hashes(folder: Path, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """{path relative to `folder` (POSIX): SHA-256 hex} of every file below it whose name is not in `leave_out`."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in leave_out}


def output_hashes(folder: Path) -> dict[str, str]:
    """`tree_hashes` of a built folder without build-report.json, which names the output folder and the timings:
    what must be the same bytes whatever the number of workers or the code path."""
    return tree_hashes(folder, ("build-report.json",))
