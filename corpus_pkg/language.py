"""py3langid's language identification, computed with numpy: the same answers, about three times faster.

py3langid walks a byte-level Aho-Corasick automaton over the text in a Python loop and scores the
features it meets against a float16 table, which numpy widens to float32 on every call; together that
was the largest single item of a build's profile. Here:

* the automaton's state after byte i depends only on the last D bytes (D = the depth of its deepest
  state, 6 for the shipped model), so all states are found with D vectorised steps, each one running
  the automaton one byte further from every position at once;
* the features are counted in the order the loop meets them (so the scores are summed in the same
  order), and the score table is widened to float32 once.

Everything else (text encoding, the model, alias folding, the class chosen) is py3langid's own;
`tests/test_streaming.py` checks the answers against py3langid's `classify` on real and random text.
Any other identifier configuration (normalised probabilities, a confidence floor) is left to py3langid.
"""

from __future__ import annotations

from functools import cache

import numpy as np


class FastIdentifier:
    def __init__(self, identifier):
        self.identifier = identifier
        self.nextmove = np.asarray(identifier.tk_nextmove)   # a view of py3langid's array, not a copy
        self.rowbase = np.asarray(identifier._rowbase, dtype=np.int32)
        self.output = np.asarray(identifier.tk_output, dtype=np.int32)
        self.table = np.asarray(identifier.nb_ptc, dtype=np.float32)
        self.depth = self._depth()

    def _depth(self) -> int:
        """The depth of the deepest state: breadth-first from the start state, one level per step."""
        seen = np.zeros(len(self.rowbase), dtype=bool)
        seen[0] = True
        frontier, depth = np.array([0]), 0
        while True:
            reached = np.zeros(len(seen), dtype=bool)
            for start in range(0, len(frontier), 4096):  # in chunks: a level can hold most of the states
                rows = self.rowbase[frontier[start : start + 4096]]
                reached[self.nextmove[(rows[:, None] + np.arange(256, dtype=np.int32)).ravel()]] = True
            frontier = np.flatnonzero(reached & ~seen)
            if not len(frontier):
                return depth
            seen[frontier] = True
            depth += 1

    def features(self, data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(feature ids in order of first occurrence, their counts), as py3langid's `visit_counts`."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.int32)
        n, d = len(text), self.depth
        states = np.zeros(n, dtype=self.nextmove.dtype)
        for step in range(d):
            lag = d - 1 - step           # position i reads byte i - lag in this step
            if lag < n:
                states[lag:] = self.nextmove[self.rowbase[states[lag:]] + text[: n - lag]]
        found = self.output[states]
        found = found[found >= 0]
        if not len(found):
            return None
        # np.unique(found, return_index=True, return_counts=True), then ordered by first occurrence, without
        # np.unique's general-purpose overhead (a third of this function's time on a 4,000-character sample)
        order = np.argsort(found, kind="stable")        # stable: each id's first position comes first
        ordered = found[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        counts = np.diff(np.append(starts, len(found)))
        by_first = np.argsort(order[starts], kind="stable")
        return ordered[starts][by_first], counts[by_first]

    def classify(self, text: str) -> str:
        ident = self.identifier
        if ident._norm_probs or ident.min_confidence is not None:
            return ident.classify(text)[0]
        from py3langid.langid import RAW_FLOOR

        visits = self.features(ident._encode(text))
        if visits is None:
            scores = np.full(len(ident.nb_classes), RAW_FLOOR, dtype=np.float32)
        else:
            ids, counts = visits
            scores = np.log1p(counts.astype(np.float32)) @ self.table[ids] + ident.nb_pc
        for i, j in ident._alias_pairs:
            scores[i] = max(scores[i], scores[j])
            scores[j] = RAW_FLOOR
        return ident.nb_classes[int(scores.argmax())]


@cache
def identifier() -> FastIdentifier:
    from py3langid.langid import _get_identifier

    return FastIdentifier(_get_identifier())


#: Characters of an article's text its language is identified from (its beginning). The cost of identification
#: grows with the text; on the seeds, a generated corpus and the dev set's articles (7 languages), the first
#: 2,000 characters already gave the answer of the whole text for every text (benchmarks/bench_build.py,
#: tests/test_speed_equivalence.py); 4,000 leaves a margin.
SAMPLE_CHARS = 4000


def classify(text: str) -> str:
    """The ISO 639-1 code py3langid's `classify(text)` gives."""
    return identifier().classify(text)


def classify_sample(text: str, chars: int = SAMPLE_CHARS) -> str:
    """The ISO 639-1 code py3langid gives for the first `chars` characters of `text` (a bounded cost)."""
    return identifier().classify(text[:chars])
