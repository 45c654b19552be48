"""The Parquet files load with datasets 3.x as well as with the installed datasets (5.x), without the card.

datasets 4 renamed `Sequence` to `List` in the Features it writes; datasets 3.x cannot parse `List`
(huggingface/datasets#7676, #7739). The files' `huggingface` metadata is written in the encoding both read
(`corpus_pkg.schema.portable_feature_dict`). This test builds its own small environment with datasets 3.6 from
PyPI (kept under `.cache/datasets-3.6-py3.X/` at the repository root, reused by later runs: the first run takes
about half a minute to a few minutes depending on pip's cache), loads every config of the seeds build there with
`load_dataset("parquet", data_files=...)` and `Dataset.from_parquet`, and compares the rows and column types
with what the installed datasets loads. It is skipped only when pip cannot reach the package index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from corpus_pkg.config import SPLITS

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ("data", "pages", "outlets")
# datasets 3.6 with the hub client and fsspec versions it was released against (newer ones break it).
REQUIREMENTS = ["datasets==3.6.*", "huggingface_hub<1.0", "fsspec[http]<=2025.3.0"]

# Run in the datasets-3.6 environment: load every config of a build folder, print rows and types as JSON.
LOADER = r"""
import datetime, glob, json, sys
import datasets
out = sys.argv[1]
result = {"version": datasets.__version__, "configs": {}}
for folder in sys.argv[2:]:
    files = {s: sorted(glob.glob(f"{out}/{folder}/{s}-*.parquet")) for s in ("train", "validation", "test")}
    files = {s: f for s, f in files.items() if f}
    loaded = datasets.load_dataset("parquet", data_files=files)
    single = datasets.Dataset.from_parquet(files["train"][0])
    result["configs"][folder] = {
        "rows": {s: loaded[s].to_list() for s in loaded},
        "types": str(loaded["train"].features.arrow_schema.remove_metadata()),
        "from_parquet_rows": single.to_list(),
    }
json.dump(result, sys.stdout, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v))
"""


def _plain(value):
    """Rows as JSON gives them back (dates as ISO strings), so both versions' rows compare."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


@pytest.fixture(scope="session")
def datasets3_python() -> Path:
    """The Python of a venv holding datasets 3.6 (created once, reused while it is complete)."""
    home = ROOT / ".cache" / f"datasets-3.6-py{sys.version_info.major}.{sys.version_info.minor}"
    python = home / "bin" / "python"
    done = home / "installed.txt"
    if done.is_file() and done.read_text() == "\n".join(REQUIREMENTS) and python.exists():
        return python
    shutil.rmtree(home, ignore_errors=True)
    venv.create(home, with_pip=True)
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--timeout", "30", *REQUIREMENTS],
                             capture_output=True, text=True, env=env)
    if install.returncode != 0:
        probe = subprocess.run([str(python), "-m", "pip", "download", "-q", "--no-deps", "--timeout", "15",
                                "--dest", str(home / "probe"), "datasets==3.6.0"], capture_output=True, text=True, env=env)
        shutil.rmtree(home, ignore_errors=True)
        if probe.returncode != 0:
            pytest.skip(f"pip cannot reach the package index to install datasets 3.6: {probe.stderr.strip()[-300:]}")
        pytest.fail(f"installing {REQUIREMENTS} failed although the index is reachable:\n{install.stderr[-2000:]}")
    done.write_text("\n".join(REQUIREMENTS))
    return python


def test_parquet_files_load_the_same_rows_in_datasets_3_and_the_installed_version(seed_build, datasets3_python):
    import datasets

    run = subprocess.run([str(datasets3_python), "-c", LOADER, str(seed_build), *CONFIGS],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    old = json.loads(run.stdout)
    assert old["version"].startswith("3.6.")
    assert int(datasets.__version__.split(".")[0]) >= 4
    for folder in CONFIGS:
        files = {s: sorted(str(p) for p in (seed_build / folder).glob(f"{s}-*.parquet")) for s in SPLITS}
        files = {s: f for s, f in files.items() if f}
        new = datasets.load_dataset("parquet", data_files=files)
        got = old["configs"][folder]
        assert set(got["rows"]) == set(new) and all(new[s].num_rows for s in new)
        for split in new:
            assert got["rows"][split] == _plain(new[split].to_list()), f"{folder}/{split} differs"
        assert got["from_parquet_rows"] == _plain(datasets.Dataset.from_parquet(files["train"][0]).to_list())
        # same Arrow types: lists of scalars stay lists, lists of structs stay lists of structs, dates stay date32
        assert got["types"] == str(new["train"].features.arrow_schema.remove_metadata())
    articles = old["configs"]["data"]["rows"]["train"]
    assert any(len(a["provenance"]) > 1 for split in old["configs"]["data"]["rows"].values() for a in split)
    assert all(isinstance(a["provenance"], list) and isinstance(a["authors"], list) for a in articles)


def test_the_files_features_are_the_models_features_in_both_encodings(seed_build):
    """The portable metadata means, for the installed datasets, exactly the model's Features."""
    import datasets
    import pyarrow.parquet as pq

    from corpus_pkg import Article, Page
    from corpus_pkg.registry import Outlet
    from corpus_pkg.schema import features

    for folder, model in (("data", Article), ("pages", Page), ("outlets", Outlet)):
        meta = pq.read_schema(next((seed_build / folder).glob("*.parquet"))).metadata[b"huggingface"]
        encoded = json.loads(meta)["info"]["features"]
        assert '"List"' not in json.dumps(encoded)          # the datasets >= 4 name that 3.x cannot read
        assert datasets.Features.from_dict(encoded) == features(model)
