"""A corpus of long multi-article pages like the real ones: edited copies of the repository's seed pages.

    python benchmarks/seedlike_corpus.py OUT --pages 100

Page k is a copy of seed page k mod 5 in which, on every line of more than a few words, about one word in
fifty is swapped for another word of the same page (so copies are near-duplicates, not exact ones, and
MinHash and the segmenter work as on a real scrape), and every number is shifted by k (dates and counts
change from copy to copy). The structure of the page (its headings, bylines, furniture and blank lines)
is kept, so segmentation meets what it meets on the seeds. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NUMBER = re.compile(r"\d+")
WORD = re.compile(r"[A-Za-z]{4,}")
SWAP_SHARE = 0.02


def edited(text: str, k: int, rng: random.Random) -> str:
    """The seed page's text with a few words swapped on each long line and its numbers shifted by k."""
    words = WORD.findall(text) or ["word"]
    out = []
    for line in text.split("\n"):
        if len(line.split()) > 8:
            line = WORD.sub(lambda m: rng.choice(words) if rng.random() < SWAP_SHARE else m.group(0), line)
        out.append(NUMBER.sub(lambda m: str(int(m.group(0)) + k) if len(m.group(0)) < 9 else m.group(0), line))
    return "\n".join(out)


def generate(out_dir: Path, n_pages: int, seed: int = 7) -> dict:
    """Write `n_pages` pages under out_dir/pages; returns {"pages", "bytes", "seed"} (also in out_dir/corpus.json)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    pages = out_dir / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    total = 0
    for k in range(n_pages):
        data = edited(seeds[k % len(seeds)], k, rng).encode("utf-8")
        (pages / f"{k // 1000:04d}" / f"{k:07d}.txt").parent.mkdir(exist_ok=True)
        (pages / f"{k // 1000:04d}" / f"{k:07d}.txt").write_bytes(data)
        total += len(data)
    summary = {"pages": n_pages, "bytes": total, "seed": seed, "kind": "seed-like"}
    (out_dir / "corpus.json").write_text(json.dumps(summary) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    print(json.dumps(generate(args.out, args.pages, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
