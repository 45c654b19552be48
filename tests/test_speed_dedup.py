"""Issue 15c/15f: deduplication's fast paths give what the plain one gives.

`Deduplicator.resolve()` tests a large candidate block in stripes against its later units
(`dedup.links.links_in_block`), the other blocks' pairs once each (`dedup.links.links_in_runs`), skipping pairs
inside sets already joined; the Ray engine's reduce tasks run the same code per bucket of band hashes. The plain
path here tests every pair of first copies (a whole band in common, then the share of equal signature values)
and joins them all. All must give the same articles and groups, here on generated texts with one group of
hundreds of near copies (what the seed-like corpus has), smaller groups, texts whose band hashes collide by
chance, and generated signatures in chains of edits thousands of units long. No test times anything.
"""

from __future__ import annotations

import functools
import random

import numpy as np
import pytest

from corpus_pkg.config import DedupConfig
from corpus_pkg.dedup import (Deduplicator, MinHasher, first_copies, link_units, lsh_layout, opening_key, opening_links,
                              text_defects)

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


def _plain_links(keys: np.ndarray, signatures: np.ndarray, config: DedupConfig):
    """Every pair of first copies tested: ((k, 2) pairs that agree on a whole band and reach the related
    threshold, their estimated Jaccard), and the number of pairs that agree on a whole band."""
    bands, rows = lsh_layout(config)
    units = np.flatnonzero(first_copies(keys) == np.arange(len(keys)))
    found, similarities, candidates = [], [], 0
    for i, unit in enumerate(units.tolist()):
        others = units[i + 1 :]
        equal = signatures[others] == signatures[unit]
        band_equal = equal[:, : bands * rows].reshape(len(others), bands, rows).all(axis=2).any(axis=1)
        similarity = np.count_nonzero(equal, axis=1) / float(signatures.shape[1])
        linked = band_equal & (similarity >= config.related_threshold)
        candidates += int(np.count_nonzero(band_equal))
        found.append(np.stack([np.full(int(linked.sum()), unit), others[linked]], axis=1))
        similarities.append(similarity[linked])
    return [(np.concatenate(found).astype(np.int64).reshape(-1, 2), np.concatenate(similarities))], candidates


def _plain(keys: np.ndarray, texts: list[str], config: DedupConfig):
    """Every pair of first copies tested, all links joined (and the opening links, which the build adds)."""
    near, candidates = _plain_links(keys, MinHasher(config).signatures(texts), config)
    openings = opening_links(np.array([opening_key(t) for t in texts], dtype=np.uint64), first_copies(keys), config)
    return link_units(keys, first_copies(keys), [*near, openings], np.array([text_defects(t) for t in texts]),
                      config), candidates


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


def _chains(families: int, size: int, seed: int, num_perm: int = 128) -> np.ndarray:
    """Signatures in chains of edits (what the seed-like corpus makes): per family an original, then copies of
    one of the 50 latest members with 2-30% of the values replaced, shuffled. Pairs fall on both sides of
    both thresholds, and a family is one candidate block of `size` units."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(families):
        family = [rng.integers(0, 2**32, num_perm, dtype=np.uint32)]
        for _ in range(size - 1):
            copy = family[int(rng.integers(max(0, len(family) - 50), len(family)))].copy()
            k = int(rng.integers(num_perm // 50, num_perm * 3 // 10))
            copy[rng.choice(num_perm, k, replace=False)] = rng.integers(0, 2**32, k, dtype=np.uint32)
            family.append(copy)
        out += family
    signatures = np.stack(out)
    return signatures[rng.permutation(len(signatures))]


def _resolve(tmp_path, keys: np.ndarray, signatures: np.ndarray, defects: np.ndarray, config: DedupConfig):
    with Deduplicator(config, spill_dir=tmp_path) as dedup:
        for start in range(0, len(keys), 500):
            dedup.add(keys[start : start + 500].tolist(), signatures[start : start + 500],
                      defects[start : start + 500].tolist())
        return dedup.resolve()


@pytest.mark.parametrize("chunk", [1 << 24, 1 << 16])
def test_chains_of_edits_thousands_long_give_what_testing_every_pair_gives(tmp_path, monkeypatch, chunk):
    from corpus_pkg.dedup import links as module

    monkeypatch.setattr(module, "links_in_block", functools.partial(module.links_in_block, chunk=chunk))
    config = DedupConfig()
    signatures = _chains(2, 1200, seed=5, num_perm=config.num_perm)
    signatures = np.concatenate([signatures, signatures[:40]])              # exact copies
    keys = np.arange(1, len(signatures) + 1, dtype=np.uint64)
    keys[-40:] = keys[:40]
    defects = np.random.default_rng(5).integers(0, 3, len(keys))
    fast = _resolve(tmp_path, keys, signatures, defects, config)
    near, candidates = _plain_links(keys, signatures, config)
    plain = link_units(keys, first_copies(keys), near, defects, config)
    assert np.array_equal(fast.article_of, plain.article_of) and np.array_equal(fast.group_of, plain.group_of)
    # what the corpus is for: blocks of a thousand units, many articles of several copies, pairs below 0.8
    assert candidates > 10_000
    sizes = np.bincount(fast.article_of[fast.article_of != np.arange(len(keys))])
    assert 300 < len(np.unique(fast.article_of)) < 2000 and sizes.max() > 5
    assert len(np.unique(fast.group_of)) <= 4


def test_a_block_of_thousands_is_linked_in_bounded_memory(tmp_path):
    """A block of 6,000 units in chains of edits: deduplication's arrays stay within a few chunks (16 MB)
    however many pairs the block has (18 million here), and at most two links per unit come out."""
    import tracemalloc

    from corpus_pkg.dedup import links as module

    config = DedupConfig()
    signatures = _chains(1, 6000, seed=6, num_perm=config.num_perm)
    bands, rows = lsh_layout(config)
    tracemalloc.start()
    try:
        links = list(module.near_links(np.arange(len(signatures)), signatures, bands, rows, config))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20
    assert 0 < sum(len(pairs) for pairs, _ in links) <= 2 * len(signatures)


def test_the_ray_engines_buckets_give_the_local_sets(tmp_path):
    """The Ray engine's reduce task (`ray_tasks.near_links`, one per bucket of band hashes, here run as plain
    functions on parts spooled as `read_part` spools them) joined by `link_units`: the local resolve's sets."""
    from corpus_pkg.engines.ray_tasks import near_links, spool_signatures

    config = DedupConfig()
    signatures = np.concatenate([_chains(3, 400, seed=8, num_perm=config.num_perm),
                                 np.random.default_rng(8).integers(0, 2**32, (200, config.num_perm), dtype=np.uint32)])
    keys = np.arange(1, len(signatures) + 1, dtype=np.uint64)
    keys[-20:] = keys[:20]                                                  # exact copies
    signatures[-20:] = signatures[:20]
    defects = np.random.default_rng(8).integers(0, 3, len(keys))
    expected = _resolve(tmp_path, keys, signatures, defects, config)
    buckets, cut = 7, [0, 500, len(keys)]
    parts, starts = [], []
    for index in range(2):
        part = tmp_path / f"part{index}"
        part.mkdir()
        starts.append(spool_signatures(config, signatures[cut[index] : cut[index + 1]], buckets, part))
        parts.append(part)
    first_of = first_copies(keys)
    found = [near_links(config, bucket, parts, np.array(cut), np.stack(starts), first_of == np.arange(len(keys)))
             for bucket in range(buckets)]
    got = link_units(keys, first_of, found, defects, config)
    assert np.array_equal(got.article_of, expected.article_of) and np.array_equal(got.group_of, expected.group_of)
    assert len(np.unique(expected.group_of)) < 300 and np.count_nonzero(~expected.is_kept()) > 100


def test_run_together_words_are_counted_as_findall_counts_them():
    """`dedup.run_together` (capitals found first) gives `len(RUN_TOGETHER.findall(text))` on texts full of
    near-misses and overlapping matches ('abCdeFgh', 'aBcD', capitals at both ends, non-ASCII letters)."""
    import random

    from corpus_pkg.dedup import RUN_TOGETHER, run_together

    rng = random.Random(23)
    alphabet = "abcdeABCDE xyéÉ.\n1"
    fixed = ["", "abCd", "abCdeFgh", "abCdeFghIj", "abCDef", "aBcD", "abC", "Abcd", "xyzAbcDefGhiJk",
             "peopleThese menUp", "éaBc", "abÉc", "ab Cd", "aabCdeFgHi"]
    texts = fixed + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 300))) for _ in range(3000)]
    assert sum(len(RUN_TOGETHER.findall(t)) for t in texts) > 100
    for text in texts:
        assert run_together(text) == len(RUN_TOGETHER.findall(text)), text


def _around_the_article_threshold(seed: int, num_perm: int = 128) -> np.ndarray:
    """Families of an original and 400 copies, each with 20 to 30 of the original's values replaced (shared
    values between 0.77 and 0.85 of the signature against the original, and on both sides of 0.8 and of
    0.5 between copies), half the replacements chosen so that their value byte (`links.value_bytes`) is the
    replaced value's: pairs whose count of equal bytes is above their count of equal values."""
    from corpus_pkg.dedup.links import value_bytes

    rng = np.random.default_rng(seed)
    out = []
    for _ in range(2):
        original = rng.integers(0, 2**32, num_perm, dtype=np.uint32)
        out.append(original)
        for _ in range(400):
            copy = original.copy()
            at = rng.choice(num_perm, int(rng.integers(20, 31)), replace=False)
            for i in at.tolist():
                while True:
                    value = rng.integers(0, 2**32, dtype=np.uint32)
                    same_byte = value_bytes(np.array([value]))[0] == value_bytes(original[i : i + 1])[0]
                    if value != original[i] and (same_byte or i % 2):
                        break
                copy[i] = value
            out.append(copy)
    signatures = np.stack(out)
    return signatures[rng.permutation(len(signatures))]


def test_value_bytes_share_at_least_as_many_as_the_values():
    from corpus_pkg.dedup.links import value_bytes

    signatures = _around_the_article_threshold(7)
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, len(signatures), (2, 5000))
    exact = (signatures[a] == signatures[b]).sum(axis=1)
    bound = (value_bytes(signatures)[a] == value_bytes(signatures)[b]).sum(axis=1)
    assert (bound >= exact).all() and (bound > exact).mean() > 0.2     # many pairs where the bound is not exact


def _triples(seed: int, n: int = 150, num_perm: int = 128) -> np.ndarray:
    """A root, then n units c (35 of the root's values replaced), then per c two units a and b that replace the
    same 30 of c's other values (related to c, not the same article), sharing 5 of their new values, or 4 for
    every other triple: a and b share 103 of 128 values (0.805, the same article) or 102 (0.797, not). Each
    pair (a, b) is in one related set through its c before it is tested, and only that pair can join a and b."""
    rng = np.random.default_rng(seed)
    root = rng.integers(0, 2**32, num_perm, dtype=np.uint32)
    cs, as_, bs = [], [], []
    for t in range(n):
        c = root.copy()
        order = rng.permutation(num_perm)
        c[order[:35]] = rng.integers(0, 2**32, 35, dtype=np.uint32)
        a, b = c.copy(), c.copy()
        at = order[35:65]
        a[at] = rng.integers(0, 2**32, 30, dtype=np.uint32)
        b[at] = rng.integers(0, 2**32, 30, dtype=np.uint32)
        shared = 5 if t % 2 else 4
        b[at[:shared]] = a[at[:shared]]
        cs.append(c), as_.append(a), bs.append(b)
    return np.stack([root] + cs + as_ + bs)


@pytest.mark.parametrize("coarse", [False, True])
@pytest.mark.parametrize("chunk", [1 << 24, 1 << 16])
def test_pairs_at_the_article_threshold_give_what_testing_every_pair_gives(tmp_path, monkeypatch, coarse, chunk):
    """A large block's pairs already in one related set are counted exactly only when their count of equal value
    bytes reaches the article threshold: the same articles and groups as counting every pair, with the build's
    value bytes and with coarse ones (two values: every pair's bound reaches the threshold)."""
    from corpus_pkg.dedup import links as module

    monkeypatch.setattr(module, "links_in_block", functools.partial(module.links_in_block, chunk=chunk))
    if coarse:
        monkeypatch.setattr(module, "value_bytes", lambda signatures: (signatures & 1).astype(np.uint8))
    config = DedupConfig()
    signatures = _triples(8)
    keys = np.arange(1, len(signatures) + 1, dtype=np.uint64)
    defects = np.random.default_rng(8).integers(0, 3, len(keys))
    fast = _resolve(tmp_path, keys, signatures, defects, config)
    near, _ = _plain_links(keys, signatures, config)
    plain = link_units(keys, first_copies(keys), near, defects, config)
    assert np.array_equal(fast.article_of, plain.article_of) and np.array_equal(fast.group_of, plain.group_of)
    # what the signatures are for: the triples sharing 103 values make one article of a and b, the others two
    n = (len(signatures) - 1) // 3
    a, b = np.arange(1 + n, 1 + 2 * n), np.arange(1 + 2 * n, 1 + 3 * n)
    assert (fast.article_of[a] == fast.article_of[b]).tolist() == [t % 2 == 1 for t in range(n)]
    assert len(np.unique(fast.group_of)) < n


def test_blocks_shared_among_processes_give_the_sets_of_one_process(tmp_path, monkeypatch):
    """`Deduplicator(processes=2)`: the large blocks (four chains of edits, one twice the others' size, cut in two
    ranges of stripes) and the small blocks' pairs shared between this process and a forked one
    (`links._shares`), the same articles and groups as in one process."""
    from corpus_pkg.dedup import links as module
    from corpus_pkg.dedup.links import _head_ranges, _pairs_of, _shares

    monkeypatch.setattr(module, "SHARED_FROM", 0)           # blocks of a few hundred units shared all the same
    forks, real = [], module.side_by_side
    monkeypatch.setattr(module, "side_by_side",
                        lambda tasks, processes: forks.append(len(tasks)) or real(tasks, processes))
    config = DedupConfig()
    signatures = np.concatenate([_chains(1, 800, seed=11, num_perm=config.num_perm),
                                 _chains(3, 400, seed=12, num_perm=config.num_perm),
                                 _triples(13, n=30)[: 1 + 30 * 2]])       # small blocks: a root, c and a units
    keys = np.arange(1, len(signatures) + 1, dtype=np.uint64)
    keys[-20:] = keys[:20]                                              # exact copies
    defects = np.random.default_rng(11).integers(0, 3, len(keys))
    with Deduplicator(config, spill_dir=tmp_path, processes=2) as dedup:
        dedup.add(keys.tolist(), signatures, defects.tolist())
        shared = dedup.resolve()
    alone = _resolve(tmp_path, keys, signatures, defects, config)
    assert np.array_equal(shared.article_of, alone.article_of) and np.array_equal(shared.group_of, alone.group_of)
    assert forks == [2]
    assert len(np.unique(alone.group_of)) > 4 and np.count_nonzero(~alone.is_kept()) > 100
    assert _shares([5, 9, 1, 4], 3) == [[1], [0], [3, 2]] and _shares([7], 4) == [[0]]
    for n, k in ((800, 2), (1000, 3), (5, 4), (1, 2)):
        ranges = _head_ranges(n, k)
        assert ranges[0][0] == 0 and ranges[-1][1] == n and len(ranges) <= k
        assert all(a < b == c for (a, b), (c, _) in zip(ranges, ranges[1:] + [(n, n)]))
        assert sum(_pairs_of(n, r) for r in ranges) == n * (n - 1) // 2
    assert all(abs(_pairs_of(800, r) - 800 * 799 // 4) < 1000 for r in _head_ranges(800, 2))   # about half each
