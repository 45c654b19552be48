"""Engines: where a build's stages run. The stages themselves (`pipeline`, `stream`, `dedup`, `write`) are the same.

* `local` (the default): this process and `BuildConfig.workers` worker processes on this machine.
* `ray`: a Ray cluster (`pip install "corpus-pkg[ray]"`), for builds that outgrow one machine.

An engine is a context manager (`start_engine(config)`) with three steps: `fetch_input(uri, options, names, dest)`
copies the files of a URI input into the staging folder (`storage.local_input`); `write_splits(config, input_dir, staging,
report, progress)` writes every Parquet shard of both configs into the staging folder and returns the written
splits; `write_card(staging, config, report, written, statement)` (the staging folder already holds the
report as build-report.json) writes the card (with the builder's statement,
`card.statement.load_card_file`) and the manifest. The output folder's
guarantees (staged, swapped in only on success, one build at a time) are the pipeline's, whatever the engine.
"""

from __future__ import annotations

from ..config import BuildConfig


def start_engine(config: BuildConfig):
    """The engine `config.engine.name` names, to be used in a `with` block (Ray is joined or started on entry
    and left on exit). Raises output.BuildError when the Ray engine is asked for and Ray is not installed."""
    if config.engine.name == "ray":
        from .ray import RayEngine

        return RayEngine(config)
    from .local import LocalEngine

    return LocalEngine()
