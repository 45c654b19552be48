"""The output folder: replaced by a finished build, never touched by a failed one, written by one build at a time.

`staged_output(target)` gives a build an empty staging folder beside the target (on the same file system, so
the final rename is atomic). When the build's `with` block ends normally, the staging folder takes the
target's place; when it raises (an error, a full disk, Ctrl-C) the staging folder is removed and the target
stays exactly as it was. A process killed outright (SIGKILL, power loss) cannot clean up, so the next build
into the same folder does it.

Only one build at a time may write a given folder: the lock is an `flock` on `.<name>.lock` beside it. The
kernel releases it when its holder dies, however it dies, so a killed build never blocks the next one. The
lock file also records the holder's pid and the folders it made, which is how the next holder finds what a
killed build left behind.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import secrets
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .write import MANIFEST     # every finished build has one


class BuildError(RuntimeError):
    """The build cannot run or did not finish (bad input folder, output folder in use); the message says why."""


@contextmanager
def staged_output(output_dir: Path) -> Iterator[Path]:
    """An empty staging folder that replaces `output_dir` if the block succeeds, and is removed if it raises."""
    output_dir = Path(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    with OutputLock(output_dir) as lock:
        check_replaceable(output_dir)
        staging = lock.make_folder("staging")
        try:
            yield staging
            lock.swap_in(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def check_replaceable(output_dir: Path) -> None:
    """Refuse to replace anything but a previous build or an empty folder: a mistyped --output must not cost data."""
    if not output_dir.exists():
        return
    if not output_dir.is_dir():
        raise BuildError(f"{output_dir}: exists and is not a folder; not replacing it")
    if not (output_dir / MANIFEST).exists() and any(output_dir.iterdir()):
        raise BuildError(f"{output_dir}: exists and is not a corpus_pkg build (no {MANIFEST}); not replacing it")


class OutputLock:
    """The exclusive right to write one output folder, held from `__enter__` to `__exit__`."""

    def __init__(self, output_dir: Path):
        self.output_dir = Path(output_dir)
        self.path = self.output_dir.with_name(f".{self.output_dir.name}.lock")
        self.record: dict = {}
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        self._fd = self._lock()
        try:
            self._clean_up_after(self._read_record())
            self.record = {"pid": os.getpid(), "host": socket.gethostname(),
                           "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
            self._write_record()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        # unlinked while still locked: a build waiting on this inode sees it gone and takes a fresh one
        self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None

    def make_folder(self, role: str) -> Path:
        """A new empty folder beside the target, recorded first so a killed build's next successor removes it."""
        folder = self._name_for(role)
        self._note(role, folder)
        folder.mkdir()      # not tempfile.mkdtemp: its mode 0700 would become the published folder's mode
        return folder

    def swap_in(self, staging: Path) -> None:
        """Put the finished staging folder in the target's place; the previous output is removed only after."""
        check_replaceable(self.output_dir)
        previous = None
        if self.output_dir.exists():
            previous = self._name_for("previous")
            self._note("previous", previous)
            os.replace(self.output_dir, previous)
        try:
            os.replace(staging, self.output_dir)
        except BaseException:
            if previous is not None:
                os.replace(previous, self.output_dir)
            raise
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    # -- the lock file ---------------------------------------------------------------------------

    def _lock(self) -> int:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _describe(self._read_record(fd))
                os.close(fd)
                raise BuildError(f"{self.output_dir}: another build{holder} is writing this folder; wait for it "
                                 f"to finish or choose another --output (lock: {self.path})") from None
            if self._is_current(fd):
                return fd
            os.close(fd)    # its holder removed that file as we opened it: lock the one now in its place

    def _is_current(self, fd: int) -> bool:
        try:
            return os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def _read_record(self, fd: int | None = None) -> dict:
        fd = self._fd if fd is None else fd
        try:
            record = json.loads(os.pread(fd, 1 << 16, 0) or b"{}")
        except ValueError:
            return {}   # cut short by a kill mid-write: nothing to learn from it
        return record if isinstance(record, dict) else {}

    def _write_record(self) -> None:
        data = json.dumps(self.record).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)

    def _note(self, role: str, folder: Path) -> None:
        self.record[role] = folder.name
        self._write_record()

    def _name_for(self, role: str) -> Path:
        return self.output_dir.with_name(f".{self.output_dir.name}.{role}-{secrets.token_hex(4)}")

    def _recorded(self, record: dict, role: str) -> Path | None:
        """A folder the record names, if it is one of ours: a damaged record must not delete anything else."""
        name = record.get(role)
        if not isinstance(name, str) or not re.fullmatch(rf"\.{re.escape(self.output_dir.name)}\.{role}-[0-9a-f]{{8}}", name):
            return None
        folder = self.output_dir.with_name(name)
        return folder if folder.is_dir() else None

    def _clean_up_after(self, record: dict) -> None:
        """Undo what a build that was killed while holding this lock left: a half-written staging folder,
        and the previous output, put back if the kill came between the two renames of `swap_in`."""
        previous = self._recorded(record, "previous")
        if previous is not None:
            if self.output_dir.exists():
                shutil.rmtree(previous, ignore_errors=True)
            else:
                os.replace(previous, self.output_dir)
        staging = self._recorded(record, "staging")
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _describe(record: dict) -> str:
    """' (pid 12, started ...)' from a lock record; '' when the holder has not written it yet."""
    if "pid" not in record:
        return ""
    return f" (pid {record['pid']} on {record.get('host', '?')}, started {record.get('started', '?')})"
