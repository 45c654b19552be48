"""Issue 2: the built folder loads, with the declared types, in every client our users have."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from corpus_pkg import Article, Page, build
from corpus_pkg.config import SPLITS, SplitConfig
from corpus_pkg.extract import content_id
from corpus_pkg.registry import Outlet
from corpus_pkg.schema import arrow_schema
from corpus_pkg.split import assign_splits
from tree_hashes import tree_hashes

ROOT = Path(__file__).resolve().parent.parent


def card_yaml(out: Path) -> dict:
    text = (out / "README.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_seeds_are_byte_identical_copies():
    expected = {}
    for line in (ROOT / "tests/data/seeds.SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        expected[name] = digest
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").glob("*.txt")}
    assert actual == expected
    shared = ROOT.parent / "shared" / "seeds" / "SHA256SUMS"
    if shared.exists():
        assert (ROOT / "tests/data/seeds.SHA256SUMS").read_bytes() == shared.read_bytes()


def test_layout_is_the_hub_layout(seed_build):
    names = sorted(p.relative_to(seed_build).as_posix() for p in seed_build.rglob("*") if p.is_file())
    for split in SPLITS:
        assert f"data/{split}-00000-of-00001.parquet" in names
        assert f"pages/{split}-00000-of-00001.parquet" in names
    assert {"README.md", "LICENSE", "manifest.json", "build-report.json"} <= set(names)


def test_load_dataset_returns_three_splits_with_declared_features(seed_build):
    import datasets

    for config, model in (("default", Article), ("pages", Page)):
        ds = datasets.load_dataset(str(seed_build), config)
        assert set(ds) == set(SPLITS)
        expected = datasets.Features.from_arrow_schema(arrow_schema(model))
        for split in SPLITS:
            assert ds[split].features == expected
    articles = datasets.load_dataset(str(seed_build), "default", split="train")
    row = articles[0]
    assert isinstance(row["authors"], list) and isinstance(row["provenance"], list)
    dated = [r for r in articles if r["published_date"] is not None]
    assert dated and all(isinstance(r["published_date"], dt.date) for r in dated)
    assert articles.features["published_date"].dtype == "date32"


def test_streaming_yields_the_same_rows(seed_build):
    import datasets

    for config in ("default", "pages"):
        eager = datasets.load_dataset(str(seed_build), config)
        streamed = datasets.load_dataset(str(seed_build), config, streaming=True)
        for split in SPLITS:
            rows = list(streamed[split])
            assert rows == eager[split].to_list()
            assert streamed[split].features == eager[split].features


def test_parquet_builder_ignoring_the_card_agrees(seed_build):
    import datasets

    files = {s: str(seed_build / f"data/{s}-00000-of-00001.parquet") for s in SPLITS}
    plain = datasets.load_dataset("parquet", data_files=files)
    from_card = datasets.load_dataset(str(seed_build))
    for split in SPLITS:
        assert plain[split].features == from_card[split].features
        assert plain[split].to_list() == from_card[split].to_list()


def test_num_examples_in_yaml_equal_rows(seed_build):
    meta = card_yaml(seed_build)
    for info in meta["dataset_info"]:
        folder = {"default": "data", "pages": "pages"}.get(info["config_name"])
        if folder is None:
            continue
        for split in info["splits"]:
            rows = sum(pq.read_metadata(p).num_rows for p in (seed_build / folder).glob(f"{split['name']}-*.parquet"))
            assert split["num_examples"] == rows
        assert info["download_size"] > 0 and info["dataset_size"] > 0
    configs = {c["config_name"] for c in meta["configs"]}
    assert {"default", "pages"} <= configs


def test_every_reader_sees_the_same_rows_and_types(seed_build):
    import duckdb
    import pandas as pd
    import polars as pl

    path = seed_build / "data" / "train-00000-of-00001.parquet"
    table = pq.read_table(path)
    assert table.schema.field("published_date").type == pa.date32()
    assert table.schema.field("authors").type == pa.list_(pa.string())
    ids = table.column("id").to_pylist()

    frame = pd.read_parquet(path)
    assert frame["id"].tolist() == ids
    assert all(isinstance(a, (list, tuple)) or hasattr(a, "tolist") for a in frame["authors"])
    assert str(frame["word_count"].dtype) == "int32"

    pframe = pl.read_parquet(path)
    assert pframe["id"].to_list() == ids
    assert pframe.schema["published_date"] == pl.Date
    assert pframe.schema["authors"] == pl.List(pl.String)
    assert pframe.schema["word_count"] == pl.Int32

    con = duckdb.connect()
    rel = con.sql(f"SELECT id, published_date, authors, word_count FROM read_parquet('{path}')")
    types = dict(zip(rel.columns, (str(t) for t in rel.types)))
    assert types == {"id": "VARCHAR", "published_date": "DATE", "authors": "VARCHAR[]", "word_count": "INTEGER"}
    assert [r[0] for r in rel.fetchall()] == ids


def test_parquet_files_follow_the_writer_policy(seed_build):
    for path in sorted(seed_build.rglob("*.parquet")):
        meta = pq.read_metadata(path)
        schema = pq.read_schema(path)
        assert b"huggingface" in schema.metadata
        model = {"data": Article, "pages": Page, "outlets": Outlet}[path.parent.name]
        assert schema.remove_metadata() == arrow_schema(model).remove_metadata()
        assert all(schema.field(n).metadata and schema.field(n).metadata[b"description"] for n in schema.names)
        for rg in range(meta.num_row_groups):
            column = meta.row_group(rg).column(0)
            assert column.compression == "ZSTD"
            assert column.has_offset_index and column.has_column_index
            assert meta.row_group(rg).total_byte_size <= 100_000_000


def test_rebuild_is_byte_identical(seed_build, tmp_path):
    out = tmp_path / "again"
    build(input_dir=ROOT / "seeds", output_dir=out, card={"file": ROOT / "examples" / "seeds-card.toml"})
    first, second = tree_hashes(seed_build), tree_hashes(out)
    first.pop("build-report.json"), second.pop("build-report.json")  # it names the output folder
    assert first == second


def test_ids_are_derived_from_content_and_stable(seed_build):
    rows = [r for p in sorted((seed_build / "data").glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    withheld = [r for r in rows if r["rights_status"] == "withheld"]
    assert withheld and all(r["text"] == "" for r in withheld)   # the id of a withheld text is that of the text read
    for r in rows:
        if r["rights_status"] != "withheld":
            assert r["id"] == content_id(r["title"], r["text"])


def test_adding_articles_moves_no_existing_article_between_splits(seed_build, tmp_path):
    bigger = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", bigger)
    paragraph = "The council met on Tuesday to discuss the budget and the new road that residents asked for. " * 3
    for n in range(6):
        (bigger / f"extra_{n}.txt").write_text(
            f"A Different Local Story Number {n} About Roads\n\nBy Jane Roe | Example Gazette | May {n + 1}, 2021\n\n"
            + f"{paragraph} Item {n}.\n\n{paragraph} Closing {n}.\n", encoding="utf-8")
    out = tmp_path / "out"
    build(input_dir=bigger, output_dir=out)

    def split_of(folder: Path) -> dict[str, str]:
        return {r["id"]: s for s in SPLITS for p in (folder / "data").glob(f"{s}-*.parquet")
                for r in pq.read_table(p, columns=["id"]).to_pylist()}

    before, after = split_of(seed_build), split_of(out)
    assert set(before) <= set(after)
    assert {i: after[i] for i in before} == before


def test_duplicate_groups_never_straddle_splits(seed_build):
    seen: dict[str, str] = {}
    for split in SPLITS:
        for p in (seed_build / "data").glob(f"{split}-*.parquet"):
            for group in pq.read_table(p, columns=["duplicate_group"]).column(0).to_pylist():
                assert seen.setdefault(group, split) == split


@pytest.mark.parametrize("n_groups", [3, 4, 7, 50])
def test_every_split_is_filled_once_there_are_three_groups(n_groups):
    assigned, _ = assign_splits([f"group-{i}" for i in range(n_groups)], SplitConfig())
    assert set(assigned.values()) == set(SPLITS)


def test_split_ratios_are_configurable():
    groups = [f"g{i}" for i in range(2000)]
    assigned, _ = assign_splits(groups, SplitConfig(train=0.5, validation=0.25, test=0.25))
    share = sum(1 for s in assigned.values() if s == "train") / len(groups)
    assert 0.45 < share < 0.55


def test_cli_builds_and_prints_a_summary(tmp_path):
    from corpus_pkg.cli import main

    out = tmp_path / "cli-build"
    assert main(["build", "--input", str(ROOT / "seeds"), "--output", str(out), "--quiet"]) == 0
    assert (out / "README.md").exists()


def test_python_api_returns_a_report(seed_build):
    from corpus_pkg.pipeline import load_report

    report = load_report(seed_build)
    assert report.n_articles == sum(report.split_counts.values())
    assert report.n_duplicate_copies == report.n_units - report.n_articles
    assert {f.source_file for f in report.files if f.status != "skipped"} == {f"seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")}
