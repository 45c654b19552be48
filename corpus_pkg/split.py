"""Group-aware, stable split assignment.

Each duplicate group is placed by a hash of its id (salted): the hash, read as a number in [0, 1),
falls in the train, validation or test interval of the configured ratios. So an article's split
depends on nothing but its own group: adding articles never moves another one, and near-duplicate
groups never straddle splits.

A pure hash can leave a small split empty in a small corpus. When there are at least three groups
and a split came out empty, the group whose hash lies nearest to that split's interval is moved
into it (and the card says so). This repair is the one case where adding articles can move one:
it only happens while the corpus is too small for every split to fill by chance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .config import SPLITS, SplitConfig


def unit_interval(group_id: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}\0{group_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def intervals(config: SplitConfig) -> dict[str, tuple[float, float]]:
    out, low = {}, 0.0
    for name, ratio in config.ratios().items():
        out[name] = (low, low + ratio)
        low += ratio
    out[SPLITS[-1]] = (out[SPLITS[-1]][0], 1.0)
    return out


def assign_splits(group_ids: Iterable[str], config: SplitConfig) -> tuple[dict[str, str], list[str]]:
    """Split name per group id, and a note for every group the empty-split repair moved."""
    bounds = intervals(config)
    position = {g: unit_interval(g, config.salt) for g in sorted(set(group_ids))}
    assigned = {g: next(name for name, (low, high) in bounds.items() if low <= u < high or (high == 1.0 and u == 1.0))
                for g, u in position.items()}
    return assigned, fill_empty_splits(assigned, position, config)


def fill_empty_splits(assigned: dict[str, str], position: dict[str, float], config: SplitConfig) -> list[str]:
    """With three or more keys, move into each empty split (of non-zero ratio) the key whose position
    lies nearest to its interval, taken from a split that keeps at least one key. Returns notes."""
    notes: list[str] = []
    if len(assigned) < len(SPLITS):
        return notes
    bounds = intervals(config)
    for name in SPLITS:
        low, high = bounds[name]
        if high - low <= 0 or name in assigned.values():
            continue
        sizes = {s: sum(1 for v in assigned.values() if v == s) for s in SPLITS}
        movable = [k for k, s in assigned.items() if sizes[s] > 1]
        nearest = min(movable, key=lambda k: (min(abs(position[k] - low), abs(position[k] - high)), k))
        notes.append(f"{nearest} moved from {assigned[nearest]} to {name}: otherwise {name} would be empty")
        assigned[nearest] = name
    return notes
