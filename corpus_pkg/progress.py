"""The progress bar of a long build: files and articles done, input MB/s and the time left.

Shown on stderr only when stderr is a terminal (a log file or a pipe gets the stage messages alone),
and only when the caller asked for progress (`corpus-pkg build` without `--quiet`). The bar counts
input bytes, so its rate is MB/s and its estimate of the time left follows the bytes still to read.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


class BuildProgress:
    def __init__(self, total_files: int, total_bytes: int, *, enabled: bool, say: Callable[[str], None],
                 min_interval: float = 0.5):
        self.total_files = total_files
        self.files = self.articles = 0
        self.say = say
        self.bar = None
        self._min_interval, self._last = min_interval, 0.0
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr,
                            dynamic_ncols=True, smoothing=0.1, desc="reading", mininterval=min_interval)

    @classmethod
    def for_files(cls, sizes: Callable[[], list[int]], *, progress: Callable[[str], None] | None,
                  n_files: int) -> "BuildProgress":
        """A bar when `progress` is given and stderr is a terminal (`sizes` is then called for the total)."""
        enabled = progress is not None and sys.stderr.isatty()
        say = progress or (lambda message: None)
        return cls(n_files, sum(sizes()) if enabled else 0, enabled=enabled, say=say)

    def file_done(self, n_bytes: int, n_articles: int, files: int = 1) -> None:
        """`files=0` for a page of a container file (the container counts once, when it is done)."""
        self.files += files
        self.articles += n_articles
        if self.bar is None:
            return
        self.bar.update(n_bytes)
        now = time.monotonic()
        if now - self._last >= self._min_interval or self.files == self.total_files:
            self._last = now
            self.bar.set_postfix_str(f"{self.files}/{self.total_files} files, {self.articles} articles", refresh=False)

    def message(self, text: str) -> None:
        """A stage message: above the bar while it is shown."""
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            self.say(text)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
