"""croissant.json passes mlcroissant's validation, and its record sets read back the Parquet rows exactly."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from corpus_pkg.card.layout import CONFIGS, shards

mlc = pytest.importorskip("mlcroissant")


def test_mlcroissant_validate_accepts_it(seed_build):
    """`mlcroissant validate --jsonld croissant.json`, run as the command does (exit 1 on any error)."""
    command = ("import sys; from mlcroissant.scripts.cli import main; "
               "sys.argv = ['mlcroissant', 'validate', '--jsonld', sys.argv[1]]; sys.exit(main())")
    result = subprocess.run([sys.executable, "-c", command, str(seed_build / "croissant.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "Done." in result.stderr, result.stderr
    mlc.Dataset(jsonld=str(seed_build / "croissant.json"))  # raises mlc.ValidationError on any error


def test_it_carries_the_responsible_ai_properties_and_file_hashes(seed_build):
    document = json.loads((seed_build / "croissant.json").read_text(encoding="utf-8"))
    for key in ("rai:dataCollection", "rai:dataCollectionType", "rai:dataBiases",
                "rai:dataLimitations", "rai:personalSensitiveInformation", "rai:dataUseCases",
                "rai:dataReleaseMaintenancePlan", "rai:dataPreprocessingProtocol"):
        assert document[key], key
    assert document["rai:dataCollectionType"] == ["Web Scraping"]
    # the seeds' card file states no collection dates, and publication dates are not collection dates
    assert "rai:dataCollectionTimeframe" not in document
    assert document["inLanguage"] == "en" and "isis" in document["keywords"]
    assert document["version"] == "0.1.0" and "year    = 2026" in document["citeAs"]
    files = [d for d in document["distribution"] if d["@type"] == "cr:FileObject"]
    shard_paths = {p.relative_to(seed_build).as_posix() for c in CONFIGS
                   for paths in shards(seed_build, c.folder).values() for p in paths}
    assert shard_paths <= {f["contentUrl"] for f in files}
    assert all(len(f["sha256"]) == 64 for f in files)


def plain(value):
    """mlcroissant's values as pyarrow gives them: bytes -> str, timestamps -> dates, 'cfg/a/b' keys -> 'b'."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {key.rsplit("/", 1)[-1]: plain(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


@pytest.mark.parametrize("config", [c.name for c in CONFIGS])
def test_records_iterate_and_match_the_parquet_rows(seed_build, config):
    dataset = mlc.Dataset(jsonld=str(seed_build / "croissant.json"))
    records = [plain(r) for r in dataset.records(record_set=config)]

    layout = next(c for c in CONFIGS if c.name == config)
    expected = []
    for split, paths in shards(seed_build, layout.folder).items():
        for path in paths:
            expected += [{**row, "split": split} for row in pq.read_table(path).to_pylist()]
    key = next(iter(layout.model.model_fields))
    assert sorted(records, key=lambda r: r[key]) == sorted(expected, key=lambda r: r[key])
