"""The local engine: the build in this process and `BuildConfig.workers` worker processes (see `pipeline`)."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from ..stream import collector_tuned


class LocalEngine:
    name = "local"

    def __enter__(self) -> "LocalEngine":
        self._stack = ExitStack()
        self._stack.enter_context(collector_tuned())     # for the whole build, in this process and its workers
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def fetch_input(self, uri: str, options: dict, names: list[str], dest: Path) -> None:
        """A URI input's files copied to `dest` here (`storage.fetch`: fsspec's concurrent batch copy)."""
        from ..storage import fetch

        fetch(uri, options, names, dest)

    def write_splits(self, config, input_dir: Path, staging: Path, report, progress) -> dict:
        from ..pipeline import write_splits

        return write_splits(config, input_dir, staging, report, progress)

    def write_card(self, staging: Path, config, report, written: dict, statement) -> None:
        from ..pipeline import write_card

        write_card(staging, config, report, written, statement)
