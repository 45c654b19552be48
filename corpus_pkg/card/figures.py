"""Figures for the card, computed from the written Parquet shards (never from in-memory state)."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from ..config import SPLITS

ARTICLE_COLUMNS = ["id", "outlet", "host_site", "published_date", "word_count", "n_copies", "kind", "rights_status"]


def _rows(out_dir: Path, folder: str, split: str, columns: list[str]) -> list[dict]:
    rows: list[dict] = []
    for path in sorted((out_dir / folder).glob(f"{split}-*.parquet")):
        rows += pq.read_table(path, columns=columns).to_pylist()
    return rows


def compute(out_dir: Path) -> dict:
    per_split = {s: _rows(out_dir, "data", s, ARTICLE_COLUMNS) for s in SPLITS}
    rows = [r for s in SPLITS for r in per_split[s]]
    words = [r["word_count"] for r in rows]
    dates = sorted(r["published_date"] for r in rows if r["published_date"])
    return {
        "n_articles": len(rows),
        "split_counts": {s: len(per_split[s]) for s in SPLITS},
        "outlet_counts": Counter(r["outlet"] or "(not named)" for r in rows).most_common(),
        "host_counts": Counter(r["host_site"] or "(none printed)" for r in rows).most_common(),
        "year_counts": sorted(Counter(str(d.year) for d in dates).items()),
        "n_undated": sum(1 for r in rows if not r["published_date"]),
        "words": {"min": min(words, default=0), "median": statistics.median(words) if words else 0,
                  "mean": round(statistics.mean(words), 1) if words else 0, "max": max(words, default=0),
                  "total": sum(words)},
        "date_range": (dates[0].isoformat(), dates[-1].isoformat()) if dates else None,
        "n_multi_copy": sum(1 for r in rows if r["n_copies"] > 1),
        "n_copies_total": sum(r["n_copies"] for r in rows),
        "kind_counts": Counter(r["kind"] for r in rows).most_common(),
        "rights_counts": Counter(r["rights_status"] for r in rows).most_common(),
    }
