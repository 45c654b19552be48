"""corpus_pkg: turn a folder of scraped news pages into a documented article dataset.

The public API:

    from corpus_pkg import build, BuildConfig
    report = build(input_dir="seeds", output_dir="build/dataset")
    problems = validate("build/dataset")          # [] when card, files and data agree
"""

from .config import BuildConfig, ConfigError
from .pipeline import build
from .output import BuildError
from .report import BuildReport
from .schema import Article, LineSpan, Page, Provenance
from .validate import validate

__all__ = ["Article", "BuildConfig", "BuildError", "BuildReport", "ConfigError", "LineSpan", "Page", "Provenance",
           "build", "validate"]
__version__ = "0.1.0"
