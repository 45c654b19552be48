"""`corpus-pkg validate`: passes on a fresh build, and names the problem when one thing was altered."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_pkg.validate import validate


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_fresh_build_validates(seed_build):
    assert validate(seed_build) == []


def test_the_command_exits_zero_on_a_fresh_build_and_one_with_the_list_of_problems(seed_build, seed_build_copy):
    ok = subprocess.run([sys.executable, "-m", "corpus_pkg.cli", "validate", str(seed_build)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "agree" in ok.stdout
    edit(seed_build_copy / "README.md", "**Dataset version:**", "**Version:**")  # prose only: still valid
    (seed_build_copy / "croissant.json").unlink()
    bad = subprocess.run([sys.executable, "-m", "corpus_pkg.cli", "validate", str(seed_build_copy)],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "croissant.json is missing" in bad.stderr


def test_an_altered_figure_is_named(seed_build_copy):
    card = seed_build_copy / "README.md"
    text = card.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith("| 2024 | "))
    count = int(line.split("|")[2])
    edit(card, line, f"| 2024 | {count + 1} |")

    problems = validate(seed_build_copy)
    assert any(p.startswith("README.md: figure 'years' disagrees with the data") and f"| 2024 | {count + 1} |" in p
               and f"| 2024 | {count} |" in p for p in problems), problems
    assert any("README.md: SHA-256 differs from manifest.json" in p for p in problems)


def test_an_altered_split_size_in_the_yaml_is_named(seed_build_copy):
    card = seed_build_copy / "README.md"
    line = next(l for l in card.read_text(encoding="utf-8").splitlines() if "num_examples:" in l)
    edit(card, line, line + "0")
    assert any("has num_examples" in p and "Parquet files hold" in p for p in validate(seed_build_copy))


def test_an_altered_feature_is_named(seed_build_copy):
    card = seed_build_copy / "README.md"
    edit(card, "  - name: word_count\n    dtype: int32", "  - name: word_count\n    dtype: int64")
    problems = validate(seed_build_copy)
    assert any("dataset_info[default].features: 'word_count' is" in p and "int64" in p for p in problems), problems


def test_an_altered_shard_is_named(seed_build_copy):
    shard = sorted((seed_build_copy / "data").glob("train-*.parquet"))[0]
    table = pq.read_table(shard)
    column = table.schema.get_field_index("word_count")
    table = table.set_column(column, table.schema.field(column), pa.array([0] * table.num_rows, pa.int32()))
    pq.write_table(table, shard)  # same schema, other content: only the hashes and the figures can tell

    problems = validate(seed_build_copy)
    rel = shard.relative_to(seed_build_copy).as_posix()
    assert any(p.startswith(f"{rel}: ") and "manifest.json" in p for p in problems), problems
    assert any(p.startswith(f"croissant.json: {rel} has sha256") for p in problems), problems
    assert any(p.startswith("README.md: figure 'lengths' disagrees") for p in problems), problems


def test_a_shard_with_another_schema_is_named(seed_build_copy):
    shard = sorted((seed_build_copy / "data").glob("train-*.parquet"))[0]
    table = pq.read_table(shard)
    pq.write_table(table.set_column(table.schema.get_field_index("word_count"), "word_count",
                                    table.column("word_count").cast(pa.int64())), shard)
    problems = validate(seed_build_copy)
    assert any("schema differs from corpus_pkg.schema.Article" in p and "word_count" in p for p in problems), problems


def test_a_missing_section_an_unknown_licence_and_an_invalid_task_are_named(seed_build_copy):
    card = seed_build_copy / "README.md"
    edit(card, "## Maintenance and takedown", "## Maintenance")
    edit(card, "license: other", "license: other-licence")
    edit(card, "- zero-shot-classification", "- propaganda-detection")
    problems = validate(seed_build_copy)
    assert "README.md: required section 'Maintenance and takedown' is missing" in problems
    assert "README.md YAML: license 'other-licence' is not a Hub licence id" in problems
    assert "README.md YAML: task category 'propaganda-detection' is not a Hub task category" in problems


def test_a_stray_or_missing_file_is_named(seed_build_copy):
    (seed_build_copy / "notes.txt").write_text("hello", encoding="utf-8")
    (seed_build_copy / "LICENSE").unlink()
    problems = validate(seed_build_copy)
    assert "notes.txt: in the folder but not in manifest.json" in problems
    assert "LICENSE: listed in manifest.json but missing" in problems
    assert "README.md YAML: license_link 'LICENSE' does not name a file of the folder" in problems


def test_a_croissant_record_set_out_of_step_with_the_schema_is_named(seed_build_copy):
    path = seed_build_copy / "croissant.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["recordSet"][0]["field"][0]["source"]["extract"]["column"] = "identifier"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert any(p.startswith("croissant.json: record set 'default' does not match") for p in validate(seed_build_copy))


def test_outlet_counts_out_of_step_with_the_articles_are_named(seed_build_copy):
    shard = seed_build_copy / "outlets" / "train-00000-of-00001.parquet"
    table = pq.read_table(shard)
    rows = table.to_pylist()
    rows = [r for r in rows if r["name"] != "The Cradle"]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), shard)
    problems = validate(seed_build_copy)
    assert "outlets config: 'The Cradle' occurs in the data but has no row" in problems


def test_a_missing_folder_or_a_file_is_named_as_such(tmp_path, capsys):
    from corpus_pkg.cli import main

    assert validate(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such folder"]
    (tmp_path / "card.md").write_text("# not a build\n")
    assert validate(tmp_path / "card.md") == [f"{tmp_path / 'card.md'}: not a folder"]
    assert main(["init", str(tmp_path / "missing" / "card.toml")]) == 1
    err = capsys.readouterr().err
    assert err == f"corpus-pkg init: {tmp_path / 'missing' / 'card.toml'}: cannot write: No such file or directory\n"


def test_a_build_report_out_of_step_with_the_pages_and_the_articles_is_named(seed_build_copy):
    """The report's file list against the pages config, and its counts against the articles (both read a file or a
    batch at a time): each altered entry is named, and only those."""
    path = seed_build_copy / "build-report.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    files = report["files"]
    read = [f for f in files if f["status"] != "skipped"]
    assert len(read) >= 4
    read[0]["sha256"] = "0" * 64
    read[1]["n_articles"] += 1
    renamed, read[2]["source_file"] = read[2]["source_file"], "elsewhere.txt"
    report["n_duplicate_groups"] += 1
    report["n_articles_with_copies"] += 2
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    problems = [p for p in validate(seed_build_copy) if p.startswith("build-report.json")]
    assert sorted(problems) == sorted([
        f"build-report.json: {read[0]['source_file']} disagrees with the pages config (sha256, bytes or articles)",
        f"build-report.json: {read[1]['source_file']} disagrees with the pages config (sha256, bytes or articles)",
        "build-report.json: elsewhere.txt is not in the pages config",
        f"build-report.json: the pages config holds {renamed}, which the report does not list",
        f"build-report.json: n_articles_with_copies is {report['n_articles_with_copies']}, the data gives "
        f"{report['n_articles_with_copies'] - 2} (as the card counts it)",
        f"build-report.json: n_duplicate_groups is {report['n_duplicate_groups']}, the data gives "
        f"{report['n_duplicate_groups'] - 1} (as the card counts it)"]), problems


def test_an_outlet_row_counting_other_articles_or_copies_is_named(seed_build_copy):
    """The outlets check reads the articles' outlets and the copies' sites alone (`load_articles`): a row whose
    counts are not the articles' is still found, and a build as written has no such row."""
    assert not [p for p in validate(seed_build_copy) if p.startswith("outlets config")]
    shard = seed_build_copy / "outlets" / "train-00000-of-00001.parquet"
    table = pq.read_table(shard)
    rows = table.to_pylist()
    changed = next(r for r in rows if r["n_articles"])
    changed["n_articles"] += 1
    changed["n_hosted_copies"] += 2
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), shard)
    expected = (f"outlets config: '{changed['name']}' counts {changed['n_articles']} articles and "
                f"{changed['n_hosted_copies']} hosted copies, the articles give {changed['n_articles'] - 1} and "
                f"{changed['n_hosted_copies'] - 2}")
    assert expected in validate(seed_build_copy)
