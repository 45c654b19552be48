"""The README's extraction figures come from the repository alone: the maintainers' annotation of seeds/
(benchmarks/seeds_annotation.json) and its scorer (benchmarks/score_seeds.py), run on the seeds build."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parent.parent
ANNOTATION = json.loads((ROOT / "benchmarks/seeds_annotation.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score_seeds", ROOT / "benchmarks/score_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_annotation_describes_every_seed_page_and_its_lines():
    pages = {f"seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")}
    assert set(ANNOTATION["pages"]) == pages
    for page, spec in ANNOTATION["pages"].items():
        lines = (ROOT / page).read_text(encoding="utf-8").split("\n")
        spans = sorted(a["span"] for a in spec["articles"])
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:])), page          # articles do not overlap
        for art in spec["articles"]:
            lo, hi = art["span"]
            assert 1 <= lo <= art["body"][0] <= art["body"][1] <= hi <= len(lines), art["key"]
            if art["kind"] == "article":                                          # the headline is printed in the span
                # as printed, or printed with a live-widget tail after it (see the annotation's title rule)
                assert any(line.strip().startswith(art["title"]) for line in lines[lo - 1:hi]), art["key"]
        assert all(lines[n - 1].strip() for n in spec["furniture"]), page


def test_the_seeds_build_scores_as_the_readme_says(seed_build, scorer, capsys):
    assert scorer.main([str(seed_build)]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    figures = dict(part.split("=") for part in line.split(": ", 1)[1].split())
    assert float(figures["recall"]) >= 0.95 and float(figures["precision"]) >= 0.95
    for name in ("bounds", "title", "authors", "outlet", "date", "dup"):
        assert float(figures[name]) >= 0.9, (name, line)
    assert float(figures["body_f1"]) >= 0.95 and figures["leaks"] == "0", line
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python benchmarks/score_seeds.py build/dataset" in readme


def test_the_scorer_sees_a_wrong_title_date_and_a_leaked_line(seed_build, scorer, tmp_path):
    """A damaged copy of the build scores lower: the figures can fail."""
    build = tmp_path / "dataset"
    shutil.copytree(seed_build, build)
    page = "seeds/000_b9da2ab507abb36f.txt"
    byline = (ROOT / page).read_text(encoding="utf-8").split("\n")[ANNOTATION["pages"][page]["furniture"][-1] - 1].strip()
    for shard in (build / "data").glob("*.parquet"):
        table = pq.read_table(shard)
        rows = table.to_pylist()
        for row in rows:
            if row["title"].startswith("From Paris to London"):
                row.update(title="Another title", published_date=dt.date(1999, 1, 1), text=row["text"] + "\n\n" + byline)
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), shard)
    figures, _ = scorer.score(build, ROOT / "seeds", ANNOTATION)
    clean, _ = scorer.score(seed_build, ROOT / "seeds", ANNOTATION)
    assert figures["title"] < clean["title"] and figures["date"] < clean["date"]
    assert figures["leaks"] == clean["leaks"] + 1 and figures["body_f1"] < clean["body_f1"]
