"""Score a build of seeds/ against the maintainers' own annotation (benchmarks/seeds_annotation.json).

    python benchmarks/score_seeds.py build/dataset                 # one line of figures
    python benchmarks/score_seeds.py build/dataset --json          # per-article detail, then the figures

Reads the `default` config's Parquet files (`data/*.parquet`) with pyarrow and the pages under `--seeds`
(default: seeds/ beside this folder). Each annotated article on each page is matched to the copy (a
`provenance` entry) on the same file whose line span overlaps it most, with intersection over union >= 0.5.

Figures (each between 0 and 1, except leaks):
- recall: annotated article copies matched; precision: copies in the build that match an annotated one.
- bounds: matched copies whose span covers the annotated body and reaches no line of another annotated body.
- title, authors, outlet, date: matched copies whose record has the annotated value (titles and names compared
  after Unicode NFKC, case folding and dropping punctuation and spaces; outlets by the registry's `outlet_key`).
- body_f1: mean token F1 between a record's text and the annotated body lines of its copy (records whose text the
  rights policy withheld are left out of this figure only).
- dup: F1 over pairs of annotated copies: a pair is "same" when they share a key (annotation) or a record (build).
- leaks: (furniture line, record) pairs where a line the annotation marks as furniture is a line of the text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from itertools import combinations
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
ANNOTATION = HERE / "seeds_annotation.json"
COLUMNS = ["id", "title", "authors", "outlet", "published_date", "text", "rights_status", "provenance"]
FIGURES = ("recall", "precision", "body_f1", "bounds", "title", "authors", "outlet", "date", "dup", "leaks")


def squash(text: str | None) -> str:
    """Comparison form of a title or name: NFKC, case-folded, letters and digits only."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text or "").casefold())


def outlet_form(name: str | None) -> str | None:
    if name is None:
        return None
    from corpus_pkg.registry import load_registry, outlet_key

    entry = load_registry().lookup(name)
    return outlet_key(entry.name if entry else name)


def token_f1(found: str, gold: str) -> float:
    a, b = Counter(found.split()), Counter(gold.split())
    common = sum((a & b).values())
    if not a and not b:
        return 1.0
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def load_records(build: Path) -> list[dict]:
    files = sorted((build / "data").glob("*.parquet"))
    if not files:
        raise SystemExit(f"{build}: no data/*.parquet (is this a corpus_pkg build?)")
    return [row for f in files for row in pq.read_table(f, columns=COLUMNS).to_pylist()]


def score(build: Path, seeds: Path, annotation: dict) -> tuple[dict, list[dict]]:
    records = load_records(build)
    copies = [(p["source_file"], p["line_start"], p["line_end"], i)
              for i, r in enumerate(records) for p in r["provenance"]]
    matched_copies: set[int] = set()
    details = []
    for page, spec in annotation["pages"].items():
        lines = (seeds.parent / page).read_text(encoding="utf-8").split("\n")
        bodies = {a["key"]: set(range(a["body"][0], a["body"][1] + 1)) - set(a["not_body"]) for a in spec["articles"]}
        for art in spec["articles"]:
            lo, hi = art["span"]
            best, best_iou = None, 0.0
            for c, (file, start, end, _) in enumerate(copies):
                if file != page or c in matched_copies:
                    continue
                inter = max(0, min(hi, end) - max(lo, start) + 1)
                iou = inter / (max(hi, end) - min(lo, start) + 1)
                if iou > best_iou:
                    best, best_iou = c, iou
            row = {"page": page, "key": art["key"], "title": art["title"], "matched": best is not None and best_iou >= 0.5}
            if row["matched"]:
                matched_copies.add(best)
                _, start, end, i = copies[best]
                record = records[i]
                others = set().union(*(b for k, b in bodies.items() if k != art["key"]))
                gold_body = "\n".join(lines[n - 1] for n in sorted(bodies[art["key"]]) if lines[n - 1].strip())
                row.update(
                    record=record["id"], span=[start, end],
                    bounds=start <= art["body"][0] and end >= art["body"][1] and not others & set(range(start, end + 1)),
                    title_ok=squash(record["title"]) == squash(art["title"]),
                    authors_ok=sorted(map(squash, record["authors"])) == sorted(map(squash, art["authors"])),
                    outlet_ok=outlet_form(record["outlet"]) == outlet_form(art["outlet"]),
                    date_ok=(record["published_date"].isoformat() if record["published_date"] else None) == art["date"],
                    body_f1=None if record["rights_status"] == "withheld" else round(token_f1(record["text"], gold_body), 4),
                    found={"title": record["title"], "authors": record["authors"], "outlet": record["outlet"],
                           "date": record["published_date"].isoformat() if record["published_date"] else None})
            details.append(row)
    furniture = {(page, lines_n) for page, spec in annotation["pages"].items() for lines_n in spec["furniture"]}
    leaks = []
    for page, n in sorted(furniture):
        line = (seeds.parent / page).read_text(encoding="utf-8").split("\n")[n - 1].strip()
        if not line:
            continue
        leaks += [{"page": page, "line": n, "record": r["id"]} for r in records
                  if line in {t.strip() for t in r["text"].split("\n")}]
    matched = [d for d in details if d["matched"]]

    def share(key: str) -> float:
        return sum(bool(d[key]) for d in matched) / len(matched) if matched else 0.0

    gold_pairs = {(a["page"], a["key"], b["page"], b["key"]) for a, b in combinations(matched, 2) if a["key"] == b["key"]}
    found_pairs = {(a["page"], a["key"], b["page"], b["key"]) for a, b in combinations(matched, 2) if a["record"] == b["record"]}
    both = len(gold_pairs & found_pairs)
    dup = 1.0 if not gold_pairs and not found_pairs else (
        2 * both / (len(gold_pairs) + len(found_pairs)))
    bodies = [d["body_f1"] for d in matched if d["body_f1"] is not None]
    figures = {"recall": len(matched) / len(details), "precision": len(matched_copies) / len(copies) if copies else 0.0,
               "body_f1": sum(bodies) / len(bodies) if bodies else 0.0, "bounds": share("bounds"),
               "title": share("title_ok"), "authors": share("authors_ok"), "outlet": share("outlet_ok"),
               "date": share("date_ok"), "dup": dup, "leaks": len(leaks)}
    return figures, details + [{"leak": leak} for leak in leaks]


def summary(figures: dict, n_articles: int, n_pages: int) -> str:
    values = " ".join(f"{k}={figures[k]:.2f}" if k != "leaks" else f"leaks={figures[k]}" for k in FIGURES)
    return f"seeds extraction ({n_articles} annotated article copies on {n_pages} pages): {values}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="a built folder (default layout: data/*.parquet)")
    parser.add_argument("--seeds", type=Path, default=HERE.parent / "seeds", help="the seeds folder the build read (default: seeds/)")
    parser.add_argument("--annotation", type=Path, default=ANNOTATION, help="the annotation (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print per-article detail as JSON lines first")
    args = parser.parse_args(argv)
    annotation = json.loads(args.annotation.read_text(encoding="utf-8"))
    figures, details = score(args.build, args.seeds.resolve(), annotation)
    if args.json:
        for row in details:
            print(json.dumps(row, ensure_ascii=False))
    n = sum(len(p["articles"]) for p in annotation["pages"].values())
    print(summary(figures, n, len(annotation["pages"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
