"""Shared fixtures: one build of seeds/ per test session, made by the real builder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# The local Hub stand-in is started before collection; it must run before huggingface_hub or datasets
# are imported, so this file imports neither at module level.
pytest_plugins = ["hub_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEEDS_CARD = ROOT / "examples" / "seeds-card.toml"    # the seeds' narrative: the README's quick start uses it


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """build/dataset made from seeds/ with the seeds' card file by `corpus_pkg.build`, as the README's quick
    start makes it, once per session (tests must not modify it)."""
    from corpus_pkg import BuildConfig, build

    out = tmp_path_factory.mktemp("seed-build") / "dataset"
    build(BuildConfig.model_validate({"input_dir": SEEDS, "output_dir": out, "card": {"file": SEEDS_CARD}}))
    return out


@pytest.fixture()
def seed_build_copy(seed_build, tmp_path) -> Path:
    """A private copy of the seeds build that a test may alter."""
    copy = tmp_path / "dataset"
    shutil.copytree(seed_build, copy)
    return copy
