"""Exact and near-duplicate detection with MinHash signatures and LSH banding (datasketch).

Each unit's body is reduced to word shingles of its normalised text and a MinHash signature; the
LSH index proposes candidate pairs, whose estimated Jaccard similarity decides:

* at or above `same_article_threshold` (default 0.8): the same article printed twice (reposts
  with whitespace differences or small scrape defects). They become one record; its provenance
  lists every copy, and the text kept is the first copy in input order (sorted file path, then line).
* at or above `related_threshold` (default 0.5): related versions (an edited republication).
  They stay separate records but share a `duplicate_group`, and a group never straddles splits.

Only signatures are held in memory, never texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field

from datasketch import LeanMinHash, MinHash, MinHashLSH

from .config import DedupConfig

TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[bytes]:
    tokens = TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the earlier key (input order) represents the set
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class DedupResult:
    """For every unit key: the key of the copy that represents its article, and its group's key."""

    article_of: dict[Hashable, Hashable] = field(default_factory=dict)
    group_of: dict[Hashable, Hashable] = field(default_factory=dict)
    similarity: dict[tuple[Hashable, Hashable], float] = field(default_factory=dict)

    def copies(self) -> dict[Hashable, list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = {}
        for key in sorted(self.article_of):
            out.setdefault(self.article_of[key], []).append(key)
        return out


class Deduplicator:
    """Add units in input order (keys must sort in input order), then `resolve()`."""

    def __init__(self, config: DedupConfig):
        self.config = config
        self.lsh = MinHashLSH(threshold=config.related_threshold, num_perm=config.num_perm)
        self.signatures: dict[Hashable, LeanMinHash] = {}
        self.exact: dict[str, Hashable] = {}
        self.result = DedupResult()
        self._same = UnionFind()
        self._related = UnionFind()

    def signature(self, text: str) -> LeanMinHash:
        m = MinHash(num_perm=self.config.num_perm, seed=self.config.seed)
        m.update_batch(list(shingles(text, self.config.shingle_size)))
        return LeanMinHash(m)

    def add(self, key: Hashable, text: str, content_hash: str) -> None:
        self._same.find(key)
        self._related.find(key)
        if content_hash in self.exact:
            first = self.exact[content_hash]
            self._link(first, key, 1.0)
            return
        self.exact[content_hash] = key
        signature = self.signature(text)
        for other in self.lsh.query(signature):
            self._link(other, key, signature.jaccard(self.signatures[other]))
        self.lsh.insert(key, signature)
        self.signatures[key] = signature

    def _link(self, a: Hashable, b: Hashable, similarity: float) -> None:
        if similarity >= self.config.related_threshold:
            self._related.union(a, b)
            self.result.similarity[(a, b)] = similarity
        if similarity >= self.config.same_article_threshold:
            self._same.union(a, b)

    def resolve(self) -> DedupResult:
        for key in self._same.parent:
            self.result.article_of[key] = self._same.find(key)
            self.result.group_of[key] = self._related.find(key)
        return self.result
