"""Pytest plugin: a local stand-in for the Hugging Face Hub (see hub_standin.py), and an environment that points
the real huggingface_hub and datasets clients at it. It is not the Hub; the Hub cannot be reached from here.

huggingface_hub and datasets read HF_ENDPOINT, HF_HOME, HF_HUB_DISABLE_XET and HF_HUB_OFFLINE once, when they are
imported. So the stand-in is started and the environment set in `pytest_configure`, before any test module is
collected; register this plugin from the top-level conftest (`pytest_plugins = ["hub_fixtures"]`) and import
neither library at the top of a conftest. For the whole session:

- HF_ENDPOINT is the stand-in on 127.0.0.1: no test can reach the real Hub, whatever it does;
- HF_HOME is an empty temporary folder and the token variables are removed: no real token is ever read;
- HF_HUB_DISABLE_XET=1: uploads use the LFS protocol that the stand-in implements.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub_standin import HubStandIn

_STANDIN = pytest.StashKey[HubStandIn]()
_STATE_DIR = pytest.StashKey[Path]()
# Every way huggingface_hub finds a token besides its argument and HF_HOME/token (see huggingface_hub.get_token).
_TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "HF_OIDC_RESOURCE", "HF_OIDC_ID_TOKEN")


def pytest_configure(config: pytest.Config) -> None:
    state_dir = Path(tempfile.mkdtemp(prefix="hub-standin-"))
    standin = HubStandIn(state_dir / "repositories").start()
    for name in _TOKEN_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(HF_ENDPOINT=standin.url, HF_HOME=str(state_dir / "hf-home"), HF_HUB_DISABLE_XET="1",
                      HF_HUB_OFFLINE="0", HF_HUB_DISABLE_TELEMETRY="1")
    config.stash[_STANDIN] = standin
    config.stash[_STATE_DIR] = state_dir


def pytest_unconfigure(config: pytest.Config) -> None:
    if _STANDIN in config.stash:
        config.stash[_STANDIN].stop()
        shutil.rmtree(config.stash[_STATE_DIR], ignore_errors=True)


@pytest.fixture
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HubStandIn]:
    """The stand-in, emptied for this test; fails the test if the stand-in itself broke while serving it."""
    standin = request.config.stash[_STANDIN]
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None and constants.ENDPOINT != standin.url:
        pytest.fail(f"huggingface_hub was imported before hub_fixtures set HF_ENDPOINT (it points at "
                    f"{constants.ENDPOINT}); register the plugin in the top-level conftest and import no Hugging "
                    f"Face library at the top of a conftest")
    standin.reset(tmp_path / "hub")
    yield standin
    assert not standin.errors, "the Hub stand-in failed while serving this test:\n" + "\n".join(standin.errors)
