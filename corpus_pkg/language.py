"""py3langid's language identification, computed with numpy: the same answers, about three times faster.

py3langid walks a byte-level Aho-Corasick automaton over the text in a Python loop and scores the
features it meets against a float16 table, which numpy widens to float32 on every call; together that
was the largest single item of a build's profile. Here:

* the automaton's state after byte i depends only on the last D bytes (D = the depth of its deepest
  state, 6 for the shipped model), so all states are found with D vectorised steps, each one running
  the automaton one byte further from every position at once; each step is one gather from a table of
  (row, byte) -> next state's row, and the last one from (row, byte) -> feature emitted, both derived
  from the model once (so a step does not look up a state, then its row, then the row's entry);
* the samples of many texts (a batch of pages' articles) are walked as one, joined by a byte that takes the
  automaton back to its start state from any state (`FastIdentifier.features_many`), and counted with one sort;
* the features are counted in the order the loop meets them (so the scores are summed in the same
  order: the float32 scores are py3langid's bit for bit), with one sort of distinct (feature, position)
  keys, and the score table is widened to float32 once.

Everything else (text encoding, the model, alias folding, the class chosen) is py3langid's own;
`tests/test_streaming.py` checks the answers against py3langid's `classify` on real and random text,
`tests/test_speed_language.py` the scores against its `_decide`, bit for bit.
Any other identifier configuration (normalised probabilities, a confidence floor) is left to py3langid.
"""

from __future__ import annotations

import threading
from functools import cache

import numpy as np

#: Gathered score rows (distinct features of one text) kept in a per-thread buffer up to this many: a sample has at
#: most a few thousand; a fresh array of them (about 0.6 MB) cost a page fault per 4 KB on every call.
BUFFER_ROWS = 8192
#: The byte that joins texts walked together (`FastIdentifier.features_many`): never part of UTF-8 text.
SEPARATOR = 0xFF
SEPARATOR_BYTE = bytes([SEPARATOR])


class FastIdentifier:
    def __init__(self, identifier):
        self.identifier = identifier
        self.nextmove = np.asarray(identifier.tk_nextmove)   # a view of py3langid's array, not a copy
        self.rowbase = np.asarray(identifier._rowbase, dtype=np.int32)
        self.output = np.asarray(identifier.tk_output, dtype=np.int32)
        self.table = np.asarray(identifier.nb_ptc, dtype=np.float32)
        self.depth = self._depth()
        # the walk needs a state only for its row (to move on) and, at the last byte, for its feature: both
        # looked up here once for every (row, byte) entry (2 x 39 MB for the shipped model)
        self.next_row = np.empty(len(self.nextmove), dtype=np.int32)      # row offset of the state a move leads to
        self.next_feature = np.empty(len(self.nextmove), dtype=np.int32)  # feature id that state emits, -1 for none
        for start in range(0, len(self.nextmove), 1 << 20):   # in chunks: no index array the size of the table
            moves = slice(start, start + (1 << 20))
            np.take(self.rowbase, self.nextmove[moves], out=self.next_row[moves])
            np.take(self.output, self.nextmove[moves], out=self.next_feature[moves])
        self.n_features = len(self.table)
        self.separable = self._separable()
        self._buffers = threading.local()

    def _depth(self) -> int:
        """The depth of the deepest state: breadth-first from the start state, one level per step. The states of
        a level that share a row (the same moves) are expanded once, each row as its 256 next states in a row of
        `nextmove` (row r starts at r << 8): the same levels as expanding every state, at a third of the cost."""
        moves = self.nextmove.reshape(-1, 256)
        row_of = self.rowbase >> 8
        seen = np.zeros(len(self.rowbase), dtype=bool)
        seen[0] = True
        frontier, depth = np.array([0]), 0
        while True:
            reached = np.zeros(len(seen), dtype=bool)
            rows = np.unique(row_of[frontier])
            for start in range(0, len(rows), 4096):     # in chunks: a level can hold most of the rows
                reached[moves[rows[start : start + 4096]]] = True
            frontier = np.flatnonzero(reached & ~seen)
            if not len(frontier):
                return depth
            seen[frontier] = True
            depth += 1

    def _separable(self) -> bool:
        """Whether SEPARATOR moves every state to the start state, which emits no feature: then the walk of texts
        joined by it finds, at each text's bytes, exactly the features of that text walked alone (true of the
        shipped model: its features are byte n-grams of UTF-8 text, in which the byte 0xFF never occurs)."""
        return bool(np.all(self.nextmove.reshape(-1, 256)[:, SEPARATOR] == 0) and self.output[0] < 0)

    def _found(self, data: bytes) -> np.ndarray:
        """The feature id emitted after each byte of `data` (-1 for none), as py3langid's walk meets them."""
        codes = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        n, d = len(codes), self.depth
        # rows[i]: the row of the state before byte i, found by walking the (at most) d - 1 bytes before it
        # from the start state, all positions at once: position i reads byte i - lag in the step of that lag
        rows = np.full(n, self.rowbase[0], dtype=np.intp)
        for lag in range(d - 1, 0, -1):
            if lag < n:
                rows[lag:] = self.next_row[rows[lag:] + codes[: n - lag]]
        return self.next_feature[rows + codes]

    def features(self, data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(feature ids in order of first occurrence, their counts), as py3langid's `visit_counts`."""
        found = self._found(data)
        found = found[found >= 0]
        if not len(found):
            return None
        return _counts_by_first_occurrence(found)

    def features_many(self, datas: list[bytes]) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """`features(data)` of each of `datas`, from one walk and one count: the texts are joined by SEPARATOR
        (see `_separable`), and each feature found is keyed by its text's index, so that the distinct keys in order
        of first occurrence are each text's distinct features in its own order of first occurrence, text by text.
        The dozen numpy calls of a walk and a count are then made once for a page's or a batch's samples."""
        if not self.separable or len(datas) < 2:
            return [self.features(data) for data in datas]
        found = self._found(SEPARATOR_BYTE.join(datas))
        at = np.flatnonzero(found >= 0)
        if not len(at):
            return [None] * len(datas)
        starts = np.cumsum([0] + [len(data) + 1 for data in datas[:-1]])     # each text's first byte
        owner = np.searchsorted(starts, at, side="right") - 1
        keys, counts = _counts_by_first_occurrence(owner * self.n_features + found[at])
        owners, ids = np.divmod(keys, self.n_features)     # owners ascend: a text's features come after the last's
        bounds = np.searchsorted(owners, np.arange(len(datas) + 1))
        return [(ids[a:b], counts[a:b]) if b > a else None for a, b in zip(bounds[:-1], bounds[1:])]

    def classify(self, text: str) -> str:
        ident = self.identifier
        if ident._norm_probs or ident.min_confidence is not None:
            return ident.classify(text)[0]
        return ident.nb_classes[int(self.scores(text).argmax())]

    def scores(self, text: str) -> np.ndarray:
        """py3langid's raw score of each class (float32, bit for bit its `_decide`: the features are summed in
        the order it sums them), alias columns folded; default configuration only (no normalisation)."""
        return self._scores(self.features(self.identifier._encode(text)))

    def scores_many(self, texts: list[str]) -> list[np.ndarray]:
        """`scores(text)` of each of `texts`, their features found in one walk (`features_many`); each text's
        score is still its own matrix-vector product, so its float32 sums are those of `scores`."""
        encode = self.identifier._encode
        return [self._scores(visits) for visits in self.features_many([encode(text) for text in texts])]

    def classify_many(self, texts: list[str]) -> list[str]:
        """`classify(text)` of each of `texts`."""
        ident = self.identifier
        if ident._norm_probs or ident.min_confidence is not None:
            return [ident.classify(text)[0] for text in texts]
        return [ident.nb_classes[int(scores.argmax())] for scores in self.scores_many(texts)]

    def _scores(self, visits: tuple[np.ndarray, np.ndarray] | None) -> np.ndarray:
        """The scores of a text whose features are `visits` (see `scores`)."""
        from py3langid.langid import RAW_FLOOR

        ident = self.identifier
        if visits is None:
            scores = np.full(len(ident.nb_classes), RAW_FLOOR, dtype=np.float32)
        else:
            ids, counts = visits
            rows = np.take(self.table, ids, axis=0, out=self._rows(len(ids)))
            scores = np.log1p(counts.astype(np.float32)) @ rows + ident.nb_pc
        for i, j in ident._alias_pairs:
            scores[i] = max(scores[i], scores[j])
            scores[j] = RAW_FLOOR
        return scores

    def _rows(self, n: int) -> np.ndarray:
        """An uninitialised (n, classes) float32 array: a view of this thread's buffer when n <= BUFFER_ROWS."""
        if n > BUFFER_ROWS:
            return np.empty((n, self.table.shape[1]), dtype=np.float32)
        buffer = getattr(self._buffers, "rows", None)
        if buffer is None:
            buffer = self._buffers.rows = np.empty((BUFFER_ROWS, self.table.shape[1]), dtype=np.float32)
        return buffer[:n]


def _counts_by_first_occurrence(found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of `found` (non-negative ints) in order of first occurrence, and their counts:
    `np.unique(found, return_index=True, return_counts=True)` reordered by first index, in two linear passes
    and one sort of distinct int64 keys (value, position), which needs no stable sort."""
    n = len(found)
    shift = n.bit_length()
    keys = np.sort((found.astype(np.int64) << shift) | np.arange(n))
    values = keys >> shift
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    counts_at_first = np.zeros(n, dtype=np.int64)      # each value's count, at its first position
    counts_at_first[keys[starts] & ((1 << shift) - 1)] = np.diff(starts, append=n)
    firsts = np.flatnonzero(counts_at_first)
    return found[firsts], counts_at_first[firsts]


@cache
def identifier() -> FastIdentifier:
    from py3langid.langid import _get_identifier

    return FastIdentifier(_get_identifier())


#: An article's language is identified from a bounded sample of its text: SAMPLE_CHARS characters in SAMPLE_PIECES
#: equal pieces spread evenly from its beginning to its end (the whole text when it is no longer), so the cost is
#: bounded and a text whose language changes along it is seen along all of it. On every article of the seeds, the
#: dev set (57 text, 57 HTML and 100 one-per-file pages, 7 languages), a 3,000-article generated corpus and a
#: 300-page seed-like one, this sample, the first 4,000 characters (the sample before) and the whole text give the
#: same answer. On 1,200 synthetic texts mixing paragraphs of two of 20 languages, the first 4,000 characters
#: differ from the whole text's answer on 163, this sample on 120 (`benchmarks/language_sample.py`).
SAMPLE_CHARS = 2000
SAMPLE_PIECES = 8


def sample(text: str, chars: int = SAMPLE_CHARS, pieces: int = SAMPLE_PIECES) -> str:
    """`text` itself when it holds at most `chars` characters, else `pieces` slices of `chars // pieces`
    characters, the first at its beginning, the last at its end, evenly spaced, joined by newlines."""
    if len(text) <= chars:
        return text
    size = chars // pieces
    step = (len(text) - size) / (pieces - 1)
    return "\n".join(text[round(i * step) : round(i * step) + size] for i in range(pieces))


def classify(text: str) -> str:
    """The ISO 639-1 code py3langid's `classify(text)` gives."""
    return identifier().classify(text)


def classify_sample(text: str) -> str:
    """The ISO 639-1 code py3langid gives for `sample(text)`: a cost bounded by SAMPLE_CHARS characters."""
    return identifier().classify(sample(text))


def classify_samples(texts: list[str]) -> list[str]:
    """`classify_sample(text)` of each of `texts`, their features found in one walk (`FastIdentifier.features_many`:
    a build's language stage took about half the CPU of one call per article)."""
    return identifier().classify_many([sample(text) for text in texts])
