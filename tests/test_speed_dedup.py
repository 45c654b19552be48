"""Issue 15c: deduplication's fast paths give what the plain ones give.

`Deduplicator.resolve()` tests a large candidate block with matrix products (`dedup.links.links_in_block`), the
other blocks' pairs once each, skipping pairs inside sets already joined (`dedup.links.links_in_runs`); the plain path lists every pair that shares a band hash
(`pairs_sharing_a_value`, `unique_pairs`), tests each (`agreeing_pairs`) and joins them all. Both must give
the same articles and groups, here on generated texts with one group of hundreds of near copies (what the
seed-like corpus has), smaller groups, and texts whose band hashes collide by chance. No test times anything.
"""

from __future__ import annotations

import functools
import random

import numpy as np
import pytest

from corpus_pkg.config import DedupConfig
from corpus_pkg.dedup import (Deduplicator, MinHasher, agreeing_pairs, band_hashes, first_copies, link_units,
                              lsh_layout, pairs_sharing_a_value, text_defects, unique_pairs)

WORDS = [f"w{i}" for i in range(3000)]


def _corpus(seed: int) -> list[str]:
    """An original of 400 words copied 300 times with 0-8% of its words replaced (pairs on both sides of the
    0.5 and 0.8 thresholds), five smaller groups, 200 unrelated texts and exact copies, shuffled."""
    rng = random.Random(seed)
    texts = []
    for size, copies in ((400, 300), (120, 8), (120, 8), (60, 5), (60, 5), (30, 5)):
        original = [rng.choice(WORDS) for _ in range(size)]
        for _ in range(copies):
            words = list(original)
            for _ in range(int(size * rng.uniform(0, 0.08))):
                words[rng.randrange(size)] = rng.choice(WORDS)
            texts.append(" ".join(words))
    texts += [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 200))) for _ in range(200)]
    texts += rng.sample(texts, 20)
    rng.shuffle(texts)
    return texts


def _plain(keys: np.ndarray, texts: list[str], config: DedupConfig):
    """Every pair sharing a band hash, tested one by one, all joined."""
    signatures = MinHasher(config).signatures(texts)
    bands, rows = lsh_layout(config)
    first_of = first_copies(keys)
    units = np.flatnonzero(first_of == np.arange(len(keys)))
    hashes = band_hashes(signatures[units], bands, rows)
    pairs = unique_pairs([pairs_sharing_a_value(hashes[:, j], units) for j in range(bands)])
    links = list(agreeing_pairs(pairs, signatures[pairs[:, 0]], signatures[pairs[:, 1]], bands, rows))
    near = [(np.array([(a, b) for a, b, _ in links], dtype=np.int64).reshape(-1, 2), np.array([s for *_, s in links]))]
    return link_units(keys, first_of, near, np.array([text_defects(t) for t in texts]), config), len(pairs)


# every block by links_in_block, the large ones, none; the pairs tested all at once or a few rows at a time
@pytest.mark.parametrize("dense_block", [2, 200, 10**9])
@pytest.mark.parametrize("stripe", [1 << 22, 3000])
def test_resolve_gives_what_testing_every_candidate_pair_gives(tmp_path, monkeypatch, dense_block, stripe):
    from corpus_pkg.dedup import links as module

    monkeypatch.setattr(module, "DENSE_BLOCK", dense_block)
    monkeypatch.setattr(module, "links_in_block", functools.partial(module.links_in_block, chunk=stripe))
    monkeypatch.setattr(module, "links_in_runs", functools.partial(module.links_in_runs, block=stripe * 128))
    config = DedupConfig()
    for seed in (1, 2):
        texts = _corpus(seed)
        rng = random.Random(seed)
        keys = np.array([rng.getrandbits(64) for _ in texts], dtype=np.uint64)
        for i, text in enumerate(texts):                       # exact copies share their content key
            keys[i] = keys[texts.index(text)]
        with Deduplicator(config, spill_dir=tmp_path) as dedup:
            for start in range(0, len(texts), 97):
                dedup.add_texts(keys[start : start + 97].tolist(), texts[start : start + 97])
            fast = dedup.resolve()
        plain, n_pairs = _plain(keys, texts, config)
        assert np.array_equal(fast.article_of, plain.article_of)
        assert np.array_equal(fast.group_of, plain.group_of)
        # the corpus does what it is for: many candidate pairs, articles of several copies, groups of several articles
        kept = fast.is_kept()
        assert n_pairs > 20_000
        assert 1 < len(np.unique(fast.article_of[fast.group_of == np.bincount(fast.group_of).argmax()])) < 300
        assert np.count_nonzero(~kept) > 50


def test_links_need_a_whole_band_in_common_not_only_its_hash(tmp_path, monkeypatch):
    """With every band hash equal (as if they all collided), only pairs whose signatures agree on a whole band
    link: the same answer as with the real hashes."""
    from corpus_pkg import dedup as module

    config = DedupConfig()
    texts = _corpus(3)[:150]
    keys = list(range(1, len(texts) + 1))
    with Deduplicator(config, spill_dir=tmp_path) as real:
        real.add_texts(keys, texts)
        expected = real.resolve()
    monkeypatch.setattr(module, "band_hashes", lambda signatures, bands, rows: np.zeros((len(signatures), bands), np.uint32))
    with Deduplicator(config, spill_dir=tmp_path) as colliding:
        colliding.add_texts(keys, texts)
        got = colliding.resolve()
    assert np.array_equal(got.article_of, expected.article_of) and np.array_equal(got.group_of, expected.group_of)


def test_lsh_layout_is_datasketchs():
    from datasketch import MinHashLSH

    for num_perm in (16, 64, 128):
        for threshold in np.round(np.arange(0.05, 1.0, 0.05), 2).tolist():
            config = DedupConfig(num_perm=num_perm, related_threshold=threshold,
                                 same_article_threshold=max(threshold, 0.8))
            try:
                lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
            except ValueError:
                with pytest.raises(ValueError):
                    lsh_layout(config)
                continue
            assert lsh_layout(config) == (lsh.b, lsh.r)


def test_a_build_imports_neither_datasketch_nor_scipy(tmp_path):
    """datasketch's package import brings its LSH module and scipy (about half a second); a build needs neither."""
    import subprocess
    import sys

    pages = tmp_path / "pages"
    pages.mkdir()
    for i, text in enumerate(_corpus(4)[:6]):
        (pages / f"page{i}.txt").write_text(f"Title number {i}\n\n{text}\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; import corpus_pkg; "
            f"corpus_pkg.build(input_dir=Path({str(pages)!r}), output_dir=Path({str(tmp_path / 'out')!r})); "
            "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert list((tmp_path / "out" / "data").glob("*.parquet"))
