"""Issue 7: the streaming build. Same output whatever the number of workers; the fast paths (MinHash, LSH,
language identification, spooled shards, split codes) give exactly what the libraries they replace give.

No test here times anything: the figures come from benchmarks/bench_build.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from conftest import seed_scores

from corpus_pkg import build
from corpus_pkg.config import SPLITS, BuildConfig, DedupConfig, ParquetConfig, SplitConfig
from corpus_pkg.schema import Article, arrow_schema
from tree_hashes import output_hashes

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_extraction.py"
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import generate, title_recall  # noqa: E402


def seed_texts() -> list[str]:
    paragraphs = [p for f in sorted((ROOT / "seeds").glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    return [p for p in paragraphs if p.strip()]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 150, seed=3)
    return folder


# ------------------------------------------------------------------------------------------------
# the build


def test_two_workers_give_byte_identical_output_on_seeds(seed_build, tmp_path):
    out = tmp_path / "two"
    build(input_dir=ROOT / "seeds", output_dir=out, workers=2, card={"file": ROOT / "examples" / "seeds-card.toml"})
    assert output_hashes(out) == output_hashes(seed_build)
    assert not list(out.rglob("*.spool.*")) and not (out / ".work").exists()


def test_two_workers_give_byte_identical_output_on_a_generated_corpus(small_corpus, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    report = build(input_dir=small_corpus / "pages", output_dir=one, workers=1)
    build(input_dir=small_corpus / "pages", output_dir=two, workers=2)
    assert output_hashes(one) == output_hashes(two)
    # the generated pages are read as intended: every title found, the republished copies merged
    recall, hits, total = title_recall(small_corpus, one)
    assert recall >= 0.98, (hits, total)
    assert report.n_duplicate_copies > 0 and report.n_articles >= 0.98 * total


@pytest.mark.skipif(not SCORER.exists(), reason="the shared extraction gold is not beside the project")
def test_seeds_build_still_scores_perfectly(seed_build):
    figures = seed_scores(seed_build, SCORER)
    for figure in ("recall", "precision", "body_f1", "bounds", "title", "authors", "outlet", "date", "dup"):
        assert round(figures[figure], 2) == 1.0, figures
    assert figures["leaks"] == 0, figures


def test_generated_corpus_is_deterministic_and_a_prefix_of_larger_ones(tmp_path, small_corpus):
    again, larger = tmp_path / "again", tmp_path / "larger"
    generate(again, 150, seed=3)
    generate(larger, 200, seed=3)
    first = output_hashes(small_corpus / "pages")
    assert output_hashes(again / "pages") == first
    larger_pages = output_hashes(larger / "pages")
    # pages whose articles all lie below 150 are the same bytes in the larger corpus
    assert sum(1 for name, digest in first.items() if larger_pages.get(name) == digest) >= len(first) - 2


# ------------------------------------------------------------------------------------------------
# deduplication: rensa's signatures and datasketch's links


def test_minhash_signatures_are_rensas_of_the_shingle_sets():
    """The build's signatures (one rensa call per page, shingle lists in order with repeats) are what rensa's
    plain `RMinHash` gives when updated with the text's set of shingles (`dedup.shingles`, UTF-8 bytes)."""
    from rensa import RMinHash

    from corpus_pkg.dedup import MinHasher, shingles

    config = DedupConfig()
    texts = seed_texts()[:60] + ["", "one two", "Ünïcödé ﬁligree ＦＵＬＬＷＩＤＴＨ text with enough words to shingle",
                                 "the same five words here " * 20]
    got = MinHasher(config).signatures(texts)
    assert got.shape == (len(texts), config.num_perm) and got.dtype == np.uint32
    for text, signature in zip(texts, got):
        reference = RMinHash(config.num_perm, config.seed)
        reference.update(sorted(shingles(text, config.shingle_size)))
        assert np.array_equal(signature, np.array(reference.digest(), dtype=np.uint32))
    assert (got[texts.index("")] == np.iinfo(np.uint32).max).all()


def test_minhash_estimates_the_jaccard_similarity_of_the_shingle_sets():
    """Each pair's share of equal signature values is near the exact Jaccard similarity of its shingle sets
    (the standard error at 128 permutations is at most 0.044), over pairs spread from 0 to 1."""
    from corpus_pkg.dedup import MinHasher, shingles

    config = DedupConfig()
    rng = random.Random(11)
    words = [f"word{i}" for i in range(5000)]
    errors = []
    for _ in range(120):
        original = [rng.choice(words) for _ in range(rng.randrange(60, 400))]
        copy = list(original)
        for _ in range(int(len(copy) * rng.uniform(0, 0.4))):
            copy[rng.randrange(len(copy))] = rng.choice(words)
        a, b = " ".join(original), " ".join(copy)
        sa, sb = shingles(a, config.shingle_size), shingles(b, config.shingle_size)
        signatures = MinHasher(config).signatures([a, b])
        errors.append(float((signatures[0] == signatures[1]).mean()) - len(sa & sb) / len(sa | sb))
    assert max(map(abs, errors)) < 0.2
    assert abs(float(np.mean(errors))) < 0.02 and float(np.mean(np.abs(errors))) < 0.05


def _reference_links(texts: list[str], keys: list[int], config: DedupConfig) -> tuple[list[int], list[int]]:
    """The deduplication as it was written with datasketch: query then insert one unit at a time (each unit's
    MinHash holding the build's signature)."""
    from datasketch import MinHash, MinHashLSH

    from corpus_pkg.dedup import MinHasher

    lsh = MinHashLSH(threshold=config.related_threshold, num_perm=config.num_perm)
    same, related, seen, signatures = {}, {}, {}, {}

    def find(parent, x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def union(parent, a, b):
        ra, rb = find(parent, a), find(parent, b)
        parent[max(ra, rb)] = min(ra, rb)

    for i, (text, key) in enumerate(zip(texts, keys)):
        find(same, i), find(related, i)
        if key in seen:
            union(same, seen[key], i), union(related, seen[key], i)
            continue
        seen[key] = i
        m = MinHash(num_perm=config.num_perm, seed=config.seed, scheme="affine32",  # 32-bit values, as rensa's
                    hashvalues=MinHasher(config).signatures([text])[0])
        for other in lsh.query(m):
            similarity = m.jaccard(signatures[other])
            if similarity >= config.related_threshold:
                union(related, other, i)
            if similarity >= config.same_article_threshold:
                union(same, other, i)
        lsh.insert(i, m)
        signatures[i] = m
    return [find(same, i) for i in range(len(texts))], [find(related, i) for i in range(len(texts))]


def test_deduplication_links_what_datasketchs_lsh_links(tmp_path):
    from corpus_pkg.dedup import Deduplicator

    rng = random.Random(5)
    base = [t for t in seed_texts() if len(t.split()) > 40][:40]
    texts = list(base)
    for text in base[:25]:                      # near copies: a word or two changed, or a sentence dropped
        words = text.split()
        for _ in range(rng.choice([1, 2, 12, 25])):
            words[rng.randrange(len(words))] = rng.choice(["alpha", "beta", "gamma"])
        texts.insert(rng.randrange(len(texts) + 1), " ".join(words))
    texts += [base[3], base[7]]                 # exact copies
    keys = [int(hashlib.sha256(t.encode()).hexdigest()[:16], 16) for t in texts]
    config = DedupConfig()
    with Deduplicator(config, spill_dir=tmp_path) as dedup:
        dedup.add_texts(keys[:30], texts[:30])
        dedup.add_texts(keys[30:], texts[30:])
        result = dedup.resolve()
    same, related = _reference_links(texts, keys, config)
    earliest: dict[int, int] = {}                # the kept copy is the cleanest (dedup.text_defects), so compare
    for unit, kept in enumerate(result.article_of.tolist()):     # the sets by their earliest member
        earliest.setdefault(kept, unit)
    assert [earliest[kept] for kept in result.article_of.tolist()] == same
    assert result.group_of.tolist() == related
    assert len(set(same)) < len(texts) and len(set(related)) < len(set(same))
    assert not list(tmp_path.iterdir())        # the spill file is gone


# ------------------------------------------------------------------------------------------------
# language identification


def test_language_ids_are_py3langids():
    from py3langid.langid import classify as reference

    from corpus_pkg.language import classify

    rng = random.Random(11)
    texts = seed_texts()[:80] + ["", "a", "ALL CAPS HEADLINE HERE", "Le gouvernement a annoncé mardi une réforme.",
                                 "Правительство объявило во вторник о реформе.", "政府周二宣布了一项改革。"]
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 300))) for _ in range(40)]
    assert [classify(t) for t in texts] == [reference(t)[0] for t in texts]


# ------------------------------------------------------------------------------------------------
# writing and splitting


def _rows(n: int) -> list[dict]:
    rng = random.Random(n)
    provenance = {"source_file": "f", "source_sha256": "0" * 64, "line_start": 1, "line_end": 2,
                  "title_as_printed": "T", "host_site": None, "repost_date": None, "repost_date_text": None,
                  "url": None, "fetch_date": None, "warc_record_id": None, "record": None}
    return [{"id": f"{i:016x}", "title": f"Title {i}", "subtitle": None, "alt_titles": [], "authors": ["Ann Lee"],
             "byline": None, "outlet": "X", "outlet_evidence": "byline", "host_site": None,
             "published_date": dt.date(2020, 1, 1 + i % 28), "published_date_text": None, "modified_date": None,
             "text": " ".join(rng.choice(["alpha", "beta", "gamma"]) for _ in range(rng.randrange(50, 400))),
             "language": "en", "urls": [], "tags": [], "word_count": 1, "truncated": False, "kind": "article",
             "n_copies": 1, "duplicate_group": "g", "rights_holder": None, "rights_status": "unknown",
             "provenance": [provenance]} for i in range(n)]


@pytest.mark.parametrize("n, config", [(0, ParquetConfig()), (40, ParquetConfig()),
                                       (600, ParquetConfig(row_group_bytes=100_000)),
                                       (1500, ParquetConfig(row_group_bytes=100_000, max_shard_bytes=1_000_000))])
def test_spooled_split_is_laid_out_as_the_in_memory_one(tmp_path, n, config):
    from corpus_pkg.write import SplitStager, write_split

    rows, schema = _rows(n), arrow_schema(Article)
    in_memory = write_split(tmp_path / "a", "data", "train", rows, schema, config)
    stager = SplitStager(tmp_path, tmp_path / "b", "data", "train", schema, config, batch_rows=10_000)
    for row in rows:
        stager.append(row)
    spooled = stager.finish()
    assert vars(spooled) == vars(in_memory)
    assert output_hashes(tmp_path / "a") == output_hashes(tmp_path / "b")
    if n:
        assert sum(pq.read_metadata(tmp_path / "b" / f).num_rows for f in spooled.files) == n
    assert not list(tmp_path.glob("*.spool.*"))


def test_rows_handed_over_as_arrow_tables_give_the_same_shards(tmp_path):
    """Pass 2 routes Arrow tables (made by take and filter, in pieces of any size): same bytes, same num_bytes."""
    import pyarrow as pa

    from corpus_pkg.write import SplitStager, write_split

    rows, schema, config = _rows(1300), arrow_schema(Article), ParquetConfig(row_group_bytes=100_000)
    in_memory = write_split(tmp_path / "a", "data", "train", rows, schema, config)
    whole = pa.Table.from_pylist(rows, schema=schema)
    stager = SplitStager(tmp_path, tmp_path / "b", "data", "train", schema, config)
    start, sizes = 0, [7, 500, 1, 300, 129]
    while start < len(rows):
        size = sizes[start % len(sizes)]
        stager.append_table(whole.take(pa.array(range(start, min(start + size, len(rows))))))
        start += size
    assert vars(stager.finish()) == vars(in_memory)
    assert output_hashes(tmp_path / "a") == output_hashes(tmp_path / "b")


@pytest.mark.parametrize("ratios", [(0.8, 0.1, 0.1), (0.5, 0.5, 0.0), (0.98, 0.01, 0.01)])
@pytest.mark.parametrize("n", [2, 3, 5, 40, 500])
def test_split_codes_agree_with_assign_splits(ratios, n):
    from corpus_pkg.plan import split_codes
    from corpus_pkg.split import assign_splits

    config = BuildConfig(split=SplitConfig(train=ratios[0], validation=ratios[1], test=ratios[2]))
    keys = [f"{random.Random(n).getrandbits(64) ^ i:016x}" for i in range(n)]
    codes, notes = split_codes(keys, config)
    assigned, expected_notes = assign_splits(keys, config.split)
    assert [SPLITS[c] for c in codes.tolist()] == [assigned[k] for k in keys]
    assert notes == expected_notes


# ------------------------------------------------------------------------------------------------
# progress


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys):
    from corpus_pkg.progress import BuildProgress

    messages = []
    bar = BuildProgress.for_files(lambda: [10, 20], progress=messages.append, n_files=2)
    assert bar.bar is None                       # pytest captures stderr: not a terminal
    bar.message("reading 2 files")
    bar.file_done(10, 1)
    bar.close()
    assert messages == ["reading 2 files"]
    assert capsys.readouterr().err == ""


def test_a_record_is_found_by_id_in_any_row_group_of_any_shard(tmp_path):
    """The card's example lookup reads one row group, not a shard, and finds several rows in one pass: it must
    still find each row anywhere (two in one row group, in two shards, one asked twice, one absent)."""
    from corpus_pkg.card.layout import find_rows
    from corpus_pkg.write import write_split

    rows, config = _rows(1500), ParquetConfig(row_group_bytes=100_000, max_shard_bytes=1_000_000)
    written = write_split(tmp_path, "data", "train", rows, arrow_schema(Article), config)
    assert len(written.files) > 1
    assert max(pq.ParquetFile(tmp_path / f).num_row_groups for f in written.files) > 1
    for wanted in (rows[0], rows[777], rows[-1]):
        [found] = find_rows(tmp_path, "default", "id", [wanted["id"]])
        assert found.pop("split") == "train"
        assert found == wanted
    assert find_rows(tmp_path, "default", "id", ["no-such-id"]) == [None]
    chosen = [rows[-1], rows[3], rows[777], rows[5], rows[3]]
    found = find_rows(tmp_path, "default", "id", [r["id"] for r in chosen[:3]] + ["no-such-id"] + [r["id"] for r in chosen[3:]])
    assert found[3] is None and all(f.pop("split") == "train" for f in found[:3] + found[4:] if "split" in f)
    assert found[:3] + found[4:] == chosen
