"""'Is this the same heading?': two printed lines equal up to case, quotes, spacing and a few letters."""

from __future__ import annotations

import difflib

from .. import cues


def similar(a: str, b: str) -> bool:
    """True when the comparison keys of `a` and `b` are equal or at least 90% alike (difflib ratio)."""
    ka, kb = cues.comparison_key(a), cues.comparison_key(b)
    if not ka or not kb:
        return False
    return ka == kb or difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= 0.9
