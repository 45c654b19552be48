"""The dataset card: YAML metadata and prose rendered from a template plus figures computed from the data.

`write()` renders `<out>/README.md` after the Parquet shards exist; every figure in it is computed
from those shards (`figures.compute`), so `corpus-pkg validate` can recompute and compare them.
"""

from __future__ import annotations

from .render import write

__all__ = ["write"]
