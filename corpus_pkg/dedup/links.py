"""The steps of `Deduplicator.resolve()`: candidate pairs from LSH bands, their links, and the union of the
links into articles and related groups. Also run apart from a Deduplicator: engines.ray spreads the band
hashes over a cluster (`band_hashes`) and links each bucket's units with `band_runs` and `near_links`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import DedupConfig
from ..parallel import side_by_side

_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass
class DedupResult:
    """Per unit index (input order): the unit that represents its article and the one that names its group."""

    article_of: np.ndarray     # int64: earliest unit of the same article (itself for the kept copy)
    group_of: np.ndarray       # int64: earliest unit of its related group
    keys: np.ndarray           # uint64: content key of every unit

    @property
    def n_units(self) -> int:
        return len(self.article_of)

    def is_kept(self) -> np.ndarray:
        return self.article_of == np.arange(self.n_units)

    def copies(self) -> dict[int, list[int]]:
        """Kept unit -> every unit of its article (itself first), for articles printed more than once."""
        out: dict[int, list[int]] = {}
        for unit in np.flatnonzero(~self.is_kept()).tolist():
            out.setdefault(int(self.article_of[unit]), []).append(unit)
        return {kept: [kept, *units] for kept, units in sorted(out.items())}


def sharing_a_band_hash(band_hashes: np.ndarray, units: np.ndarray) -> np.ndarray:
    """The `units` (ascending int64) whose hash of some band equals another unit's (`band_hashes`: (len(units),
    bands) uint32): the only ones that can be in a candidate pair, ascending."""
    shared = np.zeros(len(units), dtype=bool)
    for band in range(band_hashes.shape[1]):
        shared |= repeated(band_hashes[:, band])
    return units[shared]


def repeated(values: np.ndarray) -> np.ndarray:
    """(len(values),) bool: True where the value occurs more than once in `values` (1-d), found with one sort."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    equal = ordered[1:] == ordered[:-1]
    found = np.zeros(len(values), dtype=bool)
    found[order[1:][equal]] = found[order[:-1][equal]] = True
    return found


def _roots(parent: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Union-find roots of `units` in the forest `parent` (int64, parent[x] <= x), compressing their paths."""
    roots = parent[units]
    while True:
        up = parent[roots]
        if np.array_equal(up, roots):
            parent[units] = roots
            return roots
        roots = up


def _union(parent: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Join the sets of each pair (a[i], b[i]); the smallest unit stays the root. Returns (len(a),) bool: the
    pairs that joined two sets (a spanning forest of the pairs: joining only those gives the same sets)."""
    joined = np.zeros(len(a), dtype=bool)
    index = np.arange(len(a))
    while len(a):
        ra, rb = _roots(parent, a), _roots(parent, b)
        apart = ra != rb
        a, b, ra, rb, index = a[apart], b[apart], ra[apart], rb[apart], index[apart]
        high, low = np.maximum(ra, rb), np.minimum(ra, rb)
        np.minimum.at(parent, high, low)
        # a root gets one new parent per round, the lowest offered: the first pair offering it joined two sets
        won = np.flatnonzero(parent[high] == low)
        joined[index[won[np.unique(high[won], return_index=True)[1]]]] = True
    return joined


def _join(related: np.ndarray, same: np.ndarray, first: np.ndarray, second: np.ndarray, similarity: np.ndarray,
          config: DedupConfig) -> np.ndarray:
    """Join the links (first[i], second[i]) of estimated Jaccard `similarity[i]` (all at or above the related
    threshold) into the related sets and, at or above the article threshold, the article sets. Returns (k,)
    bool: the links that joined two sets of either kind (the others change nothing once those are joined)."""
    joined = _union(related, first, second)
    is_same = np.flatnonzero(similarity >= config.same_article_threshold)
    joined[is_same] |= _union(same, first[is_same], second[is_same])
    return joined


def band_runs(signatures: np.ndarray, bands: int, rows: int,
              taking_part: np.ndarray | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per band, the units (rows of `signatures`) that agree on that whole band with another: (run label,
    row) int64 arrays, grouped by run, a run per set of rows with equal band values (exact: no hash).
    `taking_part` ((rows, bands) bool; all when None): which rows take part in each band (the Ray engine's
    reduce task sees a bucket's bands of each unit, not all of them)."""
    out = []
    for band in range(bands):
        chosen = np.arange(len(signatures)) if taking_part is None else np.flatnonzero(taking_part[:, band])
        values = signatures[chosen, band * rows : (band + 1) * rows]
        order = np.lexsort(values.T[::-1])
        ordered = values[order]
        starts = np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)] if len(order) else np.empty(0, bool)
        label = np.cumsum(starts) - 1
        shared = np.bincount(label)[label] > 1 if len(order) else starts
        out.append((label[shared], chosen[order[shared]]))
    return out


def links_in_runs(runs: list[tuple[np.ndarray, np.ndarray]], involved: np.ndarray, signatures: np.ndarray,
                  rows: int, config: DedupConfig, block: int = 1 << 22):
    """Links (chunks of ((k, 2) int64 unit pairs, (k,) float64 estimated Jaccard)) that give the same related
    groups and articles as testing every pair of units that agree on a whole band (`band_runs`: per band,
    (run label, position in `involved`) of the units that agree on it with another; `signatures`: those of
    `involved`).

    A pair is tested once, in the first band it agrees on (a later band skips pairs that agree on an earlier
    one), and not at all when both units are already in one related set and one article set: a link inside
    a set changes nothing. A band's pairs are tested `block` (signature values compared) at a time."""
    related, same = np.arange(len(involved), dtype=np.int64), np.arange(len(involved), dtype=np.int64)
    width = signatures.shape[1]
    for band, (label, at) in enumerate(runs):
        pairs = pairs_sharing_a_value(label, at)             # every pair of each run of the band
        for start in range(0, len(pairs), max(1, block // width)):
            first, second = pairs[start : start + max(1, block // width)].T
            if band:                                        # tested in an earlier band already
                earlier = signatures[first, : band * rows] == signatures[second, : band * rows]
                fresh = ~earlier.reshape(len(first), band, rows).all(axis=2).any(axis=1)
                first, second = first[fresh], second[fresh]
            apart = (_roots(related, first) != _roots(related, second)) | (_roots(same, first) != _roots(same, second))
            first, second = first[apart], second[apart]
            if not len(first):
                continue
            similarity = np.count_nonzero(signatures[first] == signatures[second], axis=1) / float(width)
            linked = similarity >= config.related_threshold
            first, second, similarity = first[linked], second[linked], similarity[linked]
            joined = _join(related, same, first, second, similarity, config)
            yield np.stack([involved[first[joined]], involved[second[joined]]], axis=1), similarity[joined]


#: a block of units joined by agreeing on bands (a group of near copies) is tested by `links_in_block` from this
#: many units; smaller blocks by their runs' pairs (`links_in_runs`)
DENSE_BLOCK = 200
#: the large blocks are shared among processes (`near_links`) from this many pairs in all (a block of 7,000
#: units: about two CPU-seconds; a forked process costs a few tenths)
SHARED_FROM = 25_000_000


def near_links(involved: np.ndarray, signatures: np.ndarray, bands: int, rows: int, config: DedupConfig,
               runs: list[tuple[np.ndarray, np.ndarray]] | None = None, processes: int = 1):
    """The links (chunks of ((k, 2) int64 unit pairs, (k,) float64 estimated Jaccard)) that give the same sets
    as testing every pair of units that agree on a whole band: per candidate block (units joined by agreeing
    on a band, transitively; no candidate pair crosses two blocks), a large block by `links_in_block`, the
    others' pairs by `links_in_runs`. `involved`: ascending units that share a band hash with another
    (`sharing_a_band_hash`); `signatures`: theirs; `runs`: `band_runs` of them (all bands when None).

    With `processes` > 1, the blocks are shared among that many processes (`parallel.side_by_side`: this one and
    forked ones), each given about the same number of pairs; a block with more pairs than a process's share is
    cut in ranges of stripes (`links_in_block(heads=...)`). The links then come in another order, and a range
    of stripes does not know the sets the ranges before it joined (it may test pairs they made needless, and
    give links inside their sets), neither of which changes the sets `link_units` makes of them: a pair a
    range skips is one whose units its own links already joined."""
    runs = band_runs(signatures, bands, rows) if runs is None else runs
    parent = np.arange(len(involved), dtype=np.int64)
    for label, at in runs:
        same_run = label[1:] == label[:-1]
        _union(parent, at[:-1][same_run], at[1:][same_run])
    block_of = _roots(parent, np.arange(len(involved)))
    sizes = np.bincount(block_of, minlength=len(involved))
    large = sizes >= DENSE_BLOCK                                # per block root
    blocks = [np.flatnonzero(block_of == root) for root in np.flatnonzero(large).tolist()]
    rest = [(label[~large[block_of[at]]], at[~large[block_of[at]]]) for label, at in runs]

    def linked(pieces: list[tuple[int, tuple[int, int]]], with_rest: bool):
        for b, heads in pieces:
            yield from links_in_block(involved[blocks[b]], signatures[blocks[b]], bands, rows, config, heads=heads)
        if with_rest:
            yield from links_in_runs(rest, involved, signatures, rows, config)

    pairs = [len(b) * (len(b) - 1) // 2 for b in blocks]
    if processes <= 1 or sum(pairs) < SHARED_FROM:
        yield from linked([(b, (0, len(block))) for b, block in enumerate(blocks)], True)
        return
    pieces = [(b, heads) for b, block in enumerate(blocks)
              for heads in _head_ranges(len(block), -(-pairs[b] * processes // sum(pairs)))]
    shares = _shares([_pairs_of(len(blocks[b]), heads) for b, heads in pieces], processes)
    # the small blocks' pairs go with the lightest share
    tasks = {i: (lambda share=share, i=i: list(linked([pieces[p] for p in share], i == len(shares) - 1)))
             for i, share in enumerate(shares)}
    for links in side_by_side(tasks, processes).values():
        yield from links


def _pairs_of(n: int, heads: tuple[int, int]) -> int:
    """The pairs (i, j), i < j < n, whose first unit i is in the range `heads`."""
    return sum(range(n - heads[1], n - heads[0]))


def _head_ranges(n: int, k: int) -> list[tuple[int, int]]:
    """[0, n) cut in at most k ranges of about as many pairs (`_pairs_of`) each."""
    before = np.cumsum(np.arange(n - 1, -1, -1))          # pairs of the heads up to each one
    cuts = np.searchsorted(before, before[-1] * np.arange(1, k) / k) if n else np.zeros(0, np.int64)
    bounds = sorted({0, n, *(int(c) + 1 for c in cuts)})
    return [(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if a < b] or [(0, n)]


def _shares(costs: list[int], n: int) -> list[list[int]]:
    """The indices of `costs` in at most `n` shares of about equal total cost (each, largest first, to the share
    with the least so far), the costliest share first and the lightest last."""
    shares: list[list[int]] = [[] for _ in range(min(n, len(costs)))]
    totals = [0] * len(shares)
    for i in sorted(range(len(costs)), key=lambda i: -costs[i]):
        lightest = totals.index(min(totals))
        shares[lightest].append(i)
        totals[lightest] += costs[i]
    order = sorted(range(len(shares)), key=lambda s: -totals[s])
    return [shares[s] for s in order]


def links_in_block(block: np.ndarray, signatures: np.ndarray, bands: int, rows: int, config: DedupConfig,
                   chunk: int = 1 << 24, heads: tuple[int, int] | None = None):
    """The links of one candidate block (`block`: its ascending units; `signatures`: theirs, (units, num_perm)
    uint32) as chunks of ((k, 2) unit pairs, (k,) estimated Jaccard), giving the same sets as testing every
    pair of the block that agrees on a whole band (`links_in_runs`), for a group of thousands of near copies.

    The block is walked a stripe of units at a time against every later unit. A pair is tested only when its
    units are not yet in one related set and one article set (a link inside both changes nothing, so the sets
    come out as if every pair were tested, in any order); whether it agrees on a whole band is a comparison
    of the pair's band numbers (a number per distinct band value of the block), and its shared signature
    values are counted only for the pairs that do. The sets are joined after every stripe, so a group's
    units, once joined, cost a comparison of their set roots and no more; only the links that join two sets
    are given (at most two per unit). Memory: about `chunk` bytes per stripe, whatever the block's size.
    Time: still the pairs of units in different articles that agree on a band, which any exact test must
    look at (a chain of edited copies has many). `heads`: only the stripes of the units in this range (all
    when None), against every later unit."""
    n, width = signatures.shape
    related, same = np.arange(n, dtype=np.int64), np.arange(n, dtype=np.int64)
    band_values = signatures[:, : bands * rows].reshape(n, bands, rows)
    # a number per distinct value of each band, in the smallest integer type that holds them
    # ((bands, units): a band's numbers together)
    band_ids = np.stack([np.unique(band_values[:, j], axis=0, return_inverse=True)[1].ravel() for j in range(bands)]
                        ).astype(np.min_scalar_type(n))
    everyone = np.arange(n)
    # a stripe's comparison of band numbers takes about n * bands * itemsize bytes per unit of the stripe
    step = max(1, min(256, chunk // max(1, n * (bands * band_ids.itemsize + 4))))
    pairs = max(1, chunk // (3 * width * signatures.itemsize))     # pairs whose signatures are compared at once
    # the counts of equal values that reach the article threshold (as `_join` decides: count / width >= threshold)
    digest = value_bytes(signatures)
    reaches_same = np.arange(width + 1) / float(width) >= config.same_article_threshold
    low, high = heads or (0, n)
    for start in range(low, min(high, n - 1), step):
        head = np.arange(start, min(start + step, high))
        later = everyone[start + 1 :]
        r, s = _roots(related, everyone), _roots(same, everyone)
        untested = (r[head, None] != r[None, later]) | (s[head, None] != s[None, later])
        untested &= later[None, :] > head[:, None]
        columns = np.flatnonzero(untested.any(axis=0))
        if not len(columns):
            continue
        untested = untested[:, columns]
        columns = later[columns]
        band_equal, equal = np.zeros(untested.shape, dtype=bool), np.empty(untested.shape, dtype=bool)
        for numbers in band_ids:                            # a band at a time: whole arrays, no short axis
            band_equal |= np.equal(numbers[head, None], numbers[None, columns], out=equal)
        untested &= band_equal
        row, column = np.nonzero(untested)
        first, second = head[row], columns[column]
        # A pair already in one related set can only join two article sets: it is counted exactly only when
        # its count of equal value bytes (never below its count of equal values) reaches the article
        # threshold. The others would link nothing new, so the links and sets are those of counting them all.
        bound = _shared_counts(digest, first, second, pairs * 4)
        counted = (r[first] != r[second]) | reaches_same[bound]
        first, second = first[counted], second[counted]
        # shared values counted and divided as `links_in_runs` does (float64, num_perm)
        similarity = _shared_counts(signatures, first, second, pairs) / float(width)
        linked = similarity >= config.related_threshold
        first, second, similarity = first[linked], second[linked], similarity[linked]
        if not len(first):
            continue
        joined = _join(related, same, first, second, similarity, config)
        yield np.stack([block[first[joined]], block[second[joined]]], axis=1), similarity[joined]


def value_bytes(signatures: np.ndarray) -> np.ndarray:
    """(units, num_perm) uint8: a byte for each signature value (the top byte of the value times a Fibonacci
    hashing constant), equal for equal values, so that two units share at least as many bytes as values."""
    return (signatures * np.uint32(0x9E3779B1) >> np.uint32(24)).astype(np.uint8)


def _shared_counts(values: np.ndarray, first: np.ndarray, second: np.ndarray, pairs: int) -> np.ndarray:
    """How many of their `values` (rows: units) each pair (first[i], second[i]) shares, `pairs` pairs at a time:
    a sum of bytes, several times cheaper than count_nonzero."""
    count = np.min_scalar_type(values.shape[1])
    return np.concatenate([(values[first[i : i + pairs]] == values[second[i : i + pairs]]).view(np.uint8)
                           .sum(axis=1, dtype=count) for i in range(0, len(first), pairs)] or [np.empty(0, count)])


def lsh_layout(config: DedupConfig) -> tuple[int, int]:
    """(bands, rows per band) of datasketch's `MinHashLSH(threshold=related_threshold, num_perm)`: the layout
    with the least false positive plus false negative probability mass, each weighted 0.5 (Leskovec,
    Rajaraman and Ullman, Mining of Massive Datasets, ch. 3: a pair of similarity s is a candidate with
    probability 1 - (1 - s^r)^b). datasketch integrates with scipy's `quad`; the integrands are polynomials of
    degree b*r <= num_perm, which Gauss-Legendre quadrature with num_perm/2 + 1 nodes integrates exactly (up
    to rounding), so the same layout comes out (tests compare) without importing scipy. Raises ValueError
    where datasketch does: fewer than two bands."""
    threshold, num_perm = config.related_threshold, config.num_perm
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    # every (b, r) with b * r <= num_perm, in datasketch's order: b ascending, then r
    b = np.concatenate([np.full(num_perm // bands, bands) for bands in range(1, num_perm + 1)]).astype(np.float64)
    r = np.concatenate([np.arange(1, num_perm // bands + 1) for bands in range(1, num_perm + 1)]).astype(np.float64)

    def integral(f, low: float, high: float) -> np.ndarray:
        s = (high - low) / 2 * nodes + (high + low) / 2
        return f(s[None, :]) @ weights * (high - low) / 2

    false_positive = integral(lambda s: 1 - (1 - s ** r[:, None]) ** b[:, None], 0.0, threshold)
    false_negative = integral(lambda s: 1 - (1 - (1 - s ** r[:, None]) ** b[:, None]), threshold, 1.0)
    best = int(np.argmin(false_positive * 0.5 + false_negative * 0.5))     # the first of equals, as datasketch
    layout = int(b[best]), int(r[best])
    if layout[0] < 2:       # as datasketch refuses it: one band is no banding
        raise ValueError(f"related_threshold {threshold} with num_perm {num_perm} gives fewer than 2 LSH bands")
    return layout


def band_hashes(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) uint32: one hash per LSH band of each (n, num_perm) signature (equal bands hash equal; a
    collision is caught when the pair is tested)."""
    n = len(signatures)
    values = np.ascontiguousarray(signatures, dtype=np.uint32)[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    h = np.full((n, bands), 0xCBF29CE484222325, dtype=np.uint64)
    for j in range(rows):
        h = (h ^ values[:, :, j]) * _MIX
        h ^= h >> np.uint64(29)
    return (h >> np.uint64(32)).astype(np.uint32)


def first_copies(keys: np.ndarray) -> np.ndarray:
    """Per unit (int64): the earliest unit with the same content key (itself for a first copy)."""
    n = len(keys)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]] if n else np.empty(0, bool)
    first_pos = np.maximum.accumulate(np.where(starts, np.arange(n), 0)) if n else np.empty(0, np.int64)
    first_of = np.empty(n, dtype=np.int64)
    first_of[order] = order[first_pos]
    return first_of


def pairs_sharing_a_value(values: np.ndarray, units: np.ndarray) -> np.ndarray:
    """(k, 2) int64: every pair of `units` (ascending within the pair) whose `values` are equal."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    run_start = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(values) else np.empty(0, np.int64)
    lengths = np.diff(np.r_[run_start, len(ordered)])
    found = [np.empty((0, 2), dtype=np.int64)]
    for length in np.unique(lengths[lengths > 1]).tolist():
        starts = run_start[lengths == length]
        first, second = np.triu_indices(length, 1)
        members = order[starts[:, None] + np.arange(length)]        # (runs, length)
        found.append(np.stack([units[members[:, first]].ravel(), units[members[:, second]].ravel()], axis=1))
    pairs = np.concatenate(found).astype(np.int64)
    pairs.sort(axis=1)
    return pairs


def link_units(keys: np.ndarray, first_of: np.ndarray, near, ranks: np.ndarray, config: DedupConfig) -> DedupResult:
    """Union-find over exact copies (`first_of`) and the near links `near` (chunks of ((k, 2) int64 unit pairs,
    (k,) float64 similarity), in any order, any repeats): the same article at or above
    `same_article_threshold`, related at or above `related_threshold`. A related group is named by its earliest
    unit, an article by its kept copy (`kept_copies`, from `ranks`: int, per unit, its `copy_rank`), so the
    result does not depend on the order of the links."""
    n = len(keys)
    same, related = np.arange(n, dtype=np.int64), np.arange(n, dtype=np.int64)
    copies = np.flatnonzero(first_of != np.arange(n))
    _union(same, first_of[copies], copies)
    _union(related, first_of[copies], copies)
    for pairs, similarity in near:
        is_related, is_same = similarity >= config.related_threshold, similarity >= config.same_article_threshold
        _union(related, pairs[is_related, 0], pairs[is_related, 1])
        _union(same, pairs[is_same, 0], pairs[is_same, 1])
    everyone = np.arange(n)
    return DedupResult(article_of=kept_copies(_roots(same, everyone), ranks), group_of=_roots(related, everyone),
                       keys=keys)


def kept_copies(roots: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    """Per unit (int64): the copy of its article (the units sharing its root) with the lowest rank (`ranks`, per
    unit: `copy_rank`), the earliest among equals."""
    if not len(roots):
        return roots
    units = np.arange(len(roots))
    order = np.lexsort((units, ranks, roots))            # by article, then rank, then input order
    first = np.r_[True, roots[order][1:] != roots[order][:-1]]
    best = np.empty_like(roots)
    best[roots[order][first]] = order[first]
    return best[roots]
