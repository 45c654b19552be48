"""'Is this the same heading?': two printed lines equal up to case, quotes, spacing and a few letters."""

from __future__ import annotations

import difflib
from functools import lru_cache

from .. import cues

THRESHOLD = 0.9


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    # headings are compared pairwise, each many times on a page: their keys are computed once
    return cues.comparison_key(text)


def similar(a: str, b: str) -> bool:
    """True when the comparison keys of `a` and `b` are equal or at least 90% alike (difflib ratio).

    difflib's ratio is 2*M/T (M matched characters, T the two lengths); its own upper bounds
    (`real_quick_ratio`: M <= the shorter length; `quick_ratio`: M <= the characters the two share as
    multisets) are tried first, so the matching itself runs only on pairs that could reach the
    threshold: the answers are difflib's."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    return matcher.real_quick_ratio() >= THRESHOLD and matcher.quick_ratio() >= THRESHOLD \
        and matcher.ratio() >= THRESHOLD
