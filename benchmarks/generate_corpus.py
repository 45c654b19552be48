"""Write a synthetic corpus of scraped pages, shaped like the real ones, for benchmarks and tests.

    python benchmarks/generate_corpus.py OUT_DIR --articles 10000 [--seed 7] [--check]

Pages are single-article pages (headline, byline or name line, body, sometimes a 'Source:' line, a
'Related Articles' list and a comments notice) and aggregator pages (a masthead and several re-posted
articles, each closed by a WordPress 'DATE Posted by | Category | , , | Leave a comment' footer), with
share bars and photo credits around them. Bylines and dates use the printed forms the extractor knows:
'By X | Outlet | Month D, YYYY', 'By X – Outlet – dd.mm.yyyy', 'Outlet | Month D, YYYY', 'X — Outlet Mon D, YYYY'
and bare name lines. About 10% of the articles are republished on a later page with small edits.

The text is composed here: words are drawn (by frequency) from the vocabulary of `seeds/`, in sentences
whose lengths follow the seeds' sentences. Page `i` depends only on (seed, i) and article `k` only on
(seed, k), so the corpus for a given seed and N is always the same bytes, and a smaller N is a prefix of
a larger one (pages written in the same order). `truth.jsonl` (beside the pages folder) lists every
article with its title and the pages it was printed on; `--check` builds the corpus and prints the share
of generated titles the extractor found (a sanity figure, not a test).
"""

from __future__ import annotations

import argparse
import bisect
import json
import multiprocessing
import os
import random
import re
import sys
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

FIRST = ["Patrick", "John", "Maria", "Elena", "Ahmed", "Sara", "Peter", "Olga", "David", "Laila", "Michael", "Anna",
         "Robert", "Nadia", "James", "Irina", "Thomas", "Fatima", "Daniel", "Julia", "Karim", "Helen", "Viktor", "Rania",
         "Paul", "Sophie", "Omar", "Kate", "Ivan", "Leila", "Mark", "Dina", "Samuel", "Nora", "Hassan", "Clara"]
LAST = ["Cockburn", "Miles", "Hartley", "Petrov", "Haddad", "Lindqvist", "Morales", "Brennan", "Sokolova", "Nasser",
        "Whitaker", "Kovacs", "Fischer", "Rahimi", "Dalton", "Marchetti", "Okafor", "Lambert", "Volkov", "Sherwood",
        "Khalil", "Jansen", "Castell", "Ferreira", "Novak", "Aziz", "Grant", "Holloway", "Ivanova", "Mercer"]
KNOWN_OUTLETS = ["Sputnik", "RT", "Press TV", "The Cradle", "Strategic Culture Foundation", "SouthFront", "CounterPunch",
                 "Indian Punchline", "The Independent", "Antiwar.com", "Al Mayadeen", "Tasnim News Agency",
                 "Responsible Statecraft"]
OTHER_OUTLETS = ["The Daily Herald", "Global Review", "Eastern Tribune", "The Weekly Observer", "Morning Gazette",
                 "Frontline Monitor", "Coastal News Network", "The Evening Post"]
CATEGORIES = ["Wars for Israel", "Militarism", "Economics", "Russophobia", "Timeless or most popular",
              "Deception", "Progressive Hypocrite", "Mainstream Media, Warmongering", "Illegal Occupation"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SHARE_BARS = ["FacebookTwitterGoogle+RedditEmail", "Facebook Twitter Reddit Email", "Share this:", "Share", "Tweet"]
MASTHEADS = ["Aletho News", "Eastern Dispatch", "Resistance Review"]
SUBHEADINGS = ["America, surrounded", "A way out?", "Covert operations", "The view from Moscow", "What comes next",
               "Calling Beijing for help", "Rushing into crossfire:"]


# ------------------------------------------------------------------------------------------------
# vocabulary and sentence shapes from seeds/


@lru_cache(maxsize=1)
def vocabulary() -> tuple[list[str], list[int], list[str], list[int], list[int]]:
    """(lowercase words, cumulative weights, capitalised words, cumulative weights, sentence lengths)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    lower, upper = Counter(), Counter()
    for word in re.findall(r"[A-Za-z][a-z]+(?:[-’'][a-z]+)?", text):
        if word[0].isupper():
            if word.lower() not in ("the", "a", "an", "and", "but", "in", "on", "it", "this", "that"):
                upper[word] += 1
        else:
            lower[word] += 1
    lengths = [n for n in (len(s.split()) for s in re.split(r"(?<=[.!?])\s+", text)) if 6 <= n <= 40]
    lw, uw = sorted(lower), sorted(upper)
    return (lw, list(accumulate(lower[w] for w in lw)), uw, list(accumulate(upper[w] for w in uw)), sorted(lengths))


class Composer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lw, self.lcw, self.uw, self.ucw, self.lengths = vocabulary()

    def words(self, n: int, capital_share: float = 0.12) -> list[str]:
        rng = self.rng
        lw, lcw, uw, ucw = self.lw, self.lcw, self.uw, self.ucw
        lt, ut = lcw[-1], ucw[-1]
        out = []
        for _ in range(n):
            if rng.random() < capital_share:
                out.append(uw[bisect.bisect(ucw, rng.random() * ut)])
            else:
                out.append(lw[bisect.bisect(lcw, rng.random() * lt)])
        return out

    def sentence(self) -> str:
        words = self.words(self.rng.choice(self.lengths))
        words[0] = words[0][:1].upper() + words[0][1:]
        if len(words) > 10 and self.rng.random() < 0.5:
            k = self.rng.randrange(4, len(words) - 3)
            words[k] += ","
        if self.rng.random() < 0.05:
            words.insert(self.rng.randrange(1, len(words)), str(self.rng.randrange(2, 2000)))
        return " ".join(words) + ("." if self.rng.random() < 0.95 else "?")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def title(self) -> str:
        words = self.words(self.rng.randint(5, 11), capital_share=0.3)
        small = {"of", "and", "the", "to", "in", "on", "for", "a", "by", "with"}
        out = [w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words)]
        if not small.intersection(out):  # a headline of capitalised words only would read as a person's name
            out.insert(self.rng.randrange(1, len(out)), self.rng.choice(sorted(small)))
        return " ".join(out) + ("?" if self.rng.random() < 0.05 else "")


# ------------------------------------------------------------------------------------------------
# articles


def article(seed: int, k: int) -> dict:
    """Article k of the corpus: depends on (seed, k) only."""
    rng = random.Random(f"{seed}:article:{k}")
    c = Composer(rng)
    year = rng.randint(2014, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    n_authors = rng.choices([0, 1, 2], [0.15, 0.75, 0.1])[0]
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_authors)]
    outlet = rng.choice(KNOWN_OUTLETS) if rng.random() < 0.8 else rng.choice(OTHER_OUTLETS)
    paragraphs = [c.paragraph() for _ in range(rng.randint(3, 9))]
    if len(paragraphs) > 4 and rng.random() < 0.2:
        paragraphs.insert(rng.randrange(2, len(paragraphs) - 1), rng.choice(SUBHEADINGS))
    return {"id": k, "title": c.title(), "authors": authors, "outlet": outlet, "date": (year, month, day),
            "paragraphs": paragraphs, "byline_style": rng.choice(["by_pipe", "by_dash", "outlet_pipe", "name_dash",
                                                                  "name_line", "by_pipe_upper"])}


def edited(a: dict, rng: random.Random) -> dict:
    """A republication: the same article with small edits (a changed word, a dropped or added sentence)."""
    paragraphs = list(a["paragraphs"])
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(paragraphs))
        words = paragraphs[i].split()
        if len(words) < 8:
            continue
        j = rng.randrange(1, len(words) - 1)
        edit = rng.random()
        if edit < 0.5:
            words[j] = rng.choice(["also", "reportedly", "still", "again", "now", "indeed"])
        elif edit < 0.8:
            del words[j]
        else:
            words.insert(j, rng.choice(["however,", "meanwhile", "officially"]))
        paragraphs[i] = " ".join(words)
    return {**a, "paragraphs": paragraphs}


def date_text(date: tuple[int, int, int], style: str) -> str:
    y, m, d = date
    if style == "numeric":
        return f"{d:02d}.{m:02d}.{y}"
    if style == "short":
        return f"{MONTHS[m - 1][:3]} {d}, {y}"
    return f"{MONTHS[m - 1]} {d}, {y}"


def header_lines(a: dict, style: str) -> list[str]:
    """Title and byline in one of the printed forms the extractor reads."""
    authors = " and ".join(a["authors"])
    if not a["authors"] and style not in ("outlet_pipe",):
        style = "outlet_pipe"
    if style == "by_pipe":
        return [a["title"], "", f"By {authors} | {a['outlet']} | {date_text(a['date'], 'long')}"]
    if style == "by_pipe_upper":
        return [a["title"], f"BY {authors.upper()} | {a['outlet'].upper()} | {date_text(a['date'], 'long').upper()}"]
    if style == "by_dash":
        return [a["title"], "", f"By {authors} – {a['outlet']} – {date_text(a['date'], 'numeric')}"]
    if style == "outlet_pipe":
        return [a["title"], "", f"{a['outlet']} | {date_text(a['date'], 'long')}"]
    if style == "name_dash":
        return [a["title"], "", f"{authors} — {a['outlet']} {date_text(a['date'], 'short')}"]
    return [a["title"], "", a["authors"][0]]  # name_line


# ------------------------------------------------------------------------------------------------
# pages


def related_list(rng: random.Random, c: Composer) -> list[str]:
    return ["", rng.choice(["Related Articles", "Related", "You may also like", "Most Read"]), ""] + \
        [c.title() for _ in range(rng.randint(2, 5))]


def single_page(seed: int, page: int, a: dict, rng: random.Random) -> list[str]:
    c = Composer(rng)
    lines: list[str] = []
    if rng.random() < 0.3:
        lines += [rng.choice(SHARE_BARS), ""]
    lines += header_lines(a, a["byline_style"]) + [""]
    if rng.random() < 0.2:
        lines += [f"Photo by {rng.choice(FIRST)} {rng.choice(LAST)} | CC BY 2.0", ""]
    for p in a["paragraphs"]:
        lines += [p, ""]
    if rng.random() < 0.2:
        lines += [f"Source: {a['outlet']}", ""]
    if rng.random() < 0.4:
        lines += related_list(rng, c) + [""]
    if rng.random() < 0.5:
        lines += [rng.choice(["Comments are closed, but trackbacks and pingbacks are open.", "Leave a comment",
                              "3 comments"])]
    return lines


def aggregator_page(seed: int, page: int, articles: list[dict], rng: random.Random) -> list[str]:
    lines = [rng.choice(MASTHEADS), ""]
    for a in articles:
        style = a["byline_style"] if a["byline_style"] != "name_line" else "outlet_pipe"
        lines += header_lines(a, style) + [""]
        for p in a["paragraphs"]:
            lines += [p, ""]
        cats = ", ".join(rng.sample(CATEGORIES, rng.randint(1, 2)))
        commas = ", " * rng.randint(1, 6)
        lines += [f"{date_text(a['date'], 'long')} Posted by | {cats} | {commas.strip()} | Leave a comment", ""]
    return lines


def plan(seed: int, n_articles: int):
    """Yield (page index, [(article id, republished?)], page rng state) until n_articles fresh articles are
    placed. Cheap and sequential (which articles a page holds depends on the pages before it); the pages
    themselves are rendered from this plan, in any order or process."""
    next_article, page = 0, 0
    while next_article < n_articles:
        rng = random.Random(f"{seed}:page:{page}")
        k = 1 if rng.random() < 0.55 else rng.randint(2, 5)
        k = min(k, n_articles - next_article)
        ids = [(next_article + i, False) for i in range(k)]
        next_article += k
        # about one article in ten is republished (with small edits) on a later page
        if next_article > 50 and rng.random() < 0.1 * k:
            earlier = rng.randrange(max(0, next_article - 5000), next_article - k)
            ids.insert(rng.randrange(len(ids) + 1), (earlier, True))
        yield page, ids, rng.getstate()
        page += 1


def render(seed: int, page: int, ids: list[tuple[int, bool]], state) -> list[str]:
    """The lines of one planned page."""
    rng = random.Random()
    rng.setstate(state)
    arts = []
    for k_id, republished in ids:
        a = article(seed, k_id)
        if republished:
            a = edited(a, random.Random(f"{seed}:edit:{k_id}:{page}"))
        arts.append(a)
    return single_page(seed, page, arts[0], rng) if len(arts) == 1 else aggregator_page(seed, page, arts, rng)


def _write_page(job: tuple) -> tuple[str, int, list[tuple[int, str]]]:
    """Render one page and write it; returns its name, its size and the (id, title) of its fresh articles."""
    pages_dir, seed, page, ids, state = job
    name = f"{page // 1000:04d}/{page:07d}.txt"
    path = Path(pages_dir) / name
    path.parent.mkdir(exist_ok=True)
    data = ("\n".join(render(seed, page, ids, state)).rstrip("\n") + "\n").encode("utf-8")
    path.write_bytes(data)
    return name, len(data), [(k, article(seed, k)["title"]) for k, republished in ids if not republished]


def generate(out_dir: Path, n_articles: int, seed: int = 7, workers: int = 1) -> dict:
    """Write the pages under out_dir/pages/ (nested in folders of 1000) and out_dir/truth.jsonl."""
    pages_dir = out_dir / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    n_pages = n_bytes = n_copies = 0
    jobs = ((str(pages_dir), seed, page, ids, state) for page, ids, state in plan(seed, n_articles))
    vocabulary()    # once, before the workers start
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(workers) if workers > 1 else None
    try:
        done = pool.imap(_write_page, jobs, chunksize=64) if pool else map(_write_page, jobs)
        with open(out_dir / "truth.jsonl", "w", encoding="utf-8") as truth:
            for name, size, fresh in done:
                n_pages += 1
                n_bytes += size
                for k, title in fresh:
                    truth.write(json.dumps({"id": k, "title": title, "page": name}) + "\n")
    finally:
        if pool:
            pool.close()
            pool.join()
    n_copies = sum(1 for _, ids, _ in plan(seed, n_articles) for _, republished in ids if republished)
    summary = {"seed": seed, "articles": n_articles, "pages": n_pages, "republished_copies": n_copies,
               "bytes": n_bytes}
    (out_dir / "corpus.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def title_recall(out_dir: Path, dataset_dir: Path) -> tuple[float, int, int]:
    """Share of generated titles that some extracted record carries (title or alt title)."""
    import pyarrow.parquet as pq

    found = set()
    for path in sorted((dataset_dir / "data").glob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(columns=["title", "alt_titles"]):
            found.update(batch.column(0).to_pylist())
            for alts in batch.column(1).to_pylist():
                found.update(alts)
    titles = [json.loads(line)["title"] for line in open(out_dir / "truth.jsonl", encoding="utf-8")]
    hits = sum(1 for t in titles if t in found)
    return hits / max(1, len(titles)), hits, len(titles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000, help="number of distinct articles (default 1000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes writing pages")
    ap.add_argument("--check", action="store_true", help="build the corpus and print the recall of titles")
    args = ap.parse_args(argv)
    summary = generate(args.out, args.articles, args.seed, args.workers)
    print(json.dumps(summary))
    if args.check:
        from corpus_pkg import build

        report = build(input_dir=args.out / "pages", output_dir=args.out / "dataset")
        recall, hits, total = title_recall(args.out, args.out / "dataset")
        print(f"articles extracted {report.n_articles} (units {report.n_units}); "
              f"title recall {recall:.4f} ({hits}/{total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
