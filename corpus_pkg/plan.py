"""The plan: which units become articles, and in which split, decided on compact arrays (numpy) from what pass 1
left (`Staged`) and what deduplication decided (`dedup.DedupResult`), before anything is written."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import RIGHTS_ACTIONS, SPLITS, BuildConfig
from .dedup import DedupResult
from .output import BuildError
from .report import BuildReport
from .registry import load_registry
from .rights import article_actions, unmatched_rule_warnings, unmatched_rules
from .split import assign_splits, intervals, unit_interval
from .write import Spool


@dataclass
class Staged:
    """What pass 1 leaves: the spooled units and pages, and a few numbers per page and per unit."""

    units: Spool       # or stream.SpooledParts (workers spooled the rows), or the Ray engine's parts: batches() in order
    pages: Spool
    first_unit: np.ndarray     # per page, the index of its first unit; one more entry: the number of units
    action: np.ndarray         # per unit (int8): its rights action, as a code into RIGHTS_ACTIONS
    spellings: dict[str, str]  # an author's printed form -> the one spelling the dataset uses for them


@dataclass
class Plan:
    """Which units become articles, and in which split (codes index SPLITS; -1: no article)."""

    dedup: DedupResult
    is_article: np.ndarray     # per unit: kept copy of its article, and not excluded by the rights policy
    split: np.ndarray          # per unit (int8): split code of its article, -1 when it is not an article
    held_back: np.ndarray      # per unit: the rights policy withholds or excludes its article's text

    def article_id(self, unit: int) -> str:
        """The id of the article a unit belongs to (the kept copy's content id)."""
        return f"{int(self.dedup.keys[self.dedup.article_of[unit]]):016x}"


def plan_articles(config: BuildConfig, staged: Staged, result: DedupResult, report: BuildReport) -> Plan:
    """`_plan`, then the checks before anything is written: a warning for each per-outlet rights rule that names
    no outlet of the build (`rights.unmatched_rule_warnings`); BuildError when there is no article
    (`no_article_message`), or when `config.strict` and the report has warnings."""
    plan = _plan(config, staged, result, report)
    if config.rights.outlets:       # read the units' outlets only when there is a rule to check
        outlets = {name for batch in staged.units.batches(["outlet"])
                   for name in batch.column(0).drop_null().unique().to_pylist()}
        report.unmatched_rights_rules = unmatched_rules(config.rights, outlets, load_registry())
        report.warnings += unmatched_rule_warnings(config.rights, report.unmatched_rights_rules, outlets)
    if not report.n_articles:
        raise BuildError(no_article_message(report))
    if config.strict:
        report.enforce_strict()
    return plan


def _plan(config: BuildConfig, staged: Staged, result: DedupResult, report: BuildReport) -> Plan:
    """Which kept copies become articles (the rights policy may exclude some), their splits, and the counts."""
    n = result.n_units
    kept = result.is_kept()
    action = article_actions(staged.action, result.article_of)     # per unit, its article's: the most restrictive
    excluded = action == RIGHTS_ACTIONS.index("exclude")
    is_article = kept & ~excluded
    n_copies = np.bincount(result.article_of, minlength=n)
    groups = np.unique(result.group_of[is_article])
    codes, notes = split_codes([f"{int(result.keys[g]):016x}" for g in groups], config)
    report.notes += notes
    split = np.full(n, -1, dtype=np.int8)
    split[is_article] = codes[np.searchsorted(groups, result.group_of[is_article])]
    report.split_counts = {s: int(np.count_nonzero(split == code)) for code, s in enumerate(SPLITS)}
    report.n_units = n
    report.n_articles = int(np.count_nonzero(is_article))
    report.n_duplicate_copies = int(n_copies[is_article].sum()) - report.n_articles  # of the articles shipped
    report.n_articles_with_copies = int(np.count_nonzero(is_article & (n_copies > 1)))
    report.n_duplicate_groups = len(groups)
    report.stage_counts["dedup"] = {"units": n, "articles": int(np.count_nonzero(kept)),
                                    "excluded_by_rights_policy": int(np.count_nonzero(kept & excluded)),
                                    "related_groups": int(np.count_nonzero(result.group_of == np.arange(n)))}
    held_back = action != RIGHTS_ACTIONS.index("include")
    return Plan(result, is_article, split, held_back)


def no_article_message(report: BuildReport, listed: int = 10) -> str:
    """Why a build that found no article fails (its output could not be loaded), naming the files."""
    read = [f.source_file for f in report.files if f.status != "skipped"]
    skipped = [f for f in report.files if f.status == "skipped"]
    names = ", ".join(read[:listed]) + (f" and {len(read) - listed} more" if len(read) > listed else "")
    if report.n_units:
        why = f"the rights policy excludes all {report.n_units} article(s) found in {len(read)} file(s) ({names})"
    else:
        why = f"no article found in the {len(read)} file(s) read ({names})" if read else "no file could be read"
    if skipped:
        why += f"; {len(skipped)} skipped (" + ", ".join(f"{f.source_file}: {f.reason}" for f in skipped[:3]) + \
               (", ..." if len(skipped) > 3 else "") + ")"
    return (f"{why}. Nothing was written: a dataset without articles cannot be loaded. "
            "`corpus-pkg explain FILE` shows how each line of a file was read.")


def split_codes(keys: list[str], config: BuildConfig) -> tuple[np.ndarray, list[str]]:
    """`split.assign_splits` for distinct keys, as codes into SPLITS, without a dict per key.

    The hash places each key in the interval its position falls in (the first whose upper bound lies
    above it); only when that leaves a split empty (a small corpus) is `assign_splits` itself asked,
    for its repair and its notes."""
    codes = hash_codes(np.array([unit_interval(k, config.split.salt) for k in keys], dtype=np.float64), config)
    if leaves_a_split_empty(codes, config):
        assigned, notes = assign_splits(keys, config.split)
        return np.array([SPLITS.index(assigned[k]) for k in keys], dtype=np.int8), notes
    return codes, []


def hash_codes(position: np.ndarray, config: BuildConfig) -> np.ndarray:
    """The split (code) of each hash position: the first split whose interval's upper bound lies above it."""
    bounds = intervals(config.split)
    codes = np.searchsorted(np.array([bounds[s][1] for s in SPLITS]), position, side="right")
    return np.minimum(codes, len(SPLITS) - 1).astype(np.int8)


def leaves_a_split_empty(codes: np.ndarray, config: BuildConfig) -> bool:
    """True when there are enough keys for every split and one of non-zero ratio got none (the case
    `split.fill_empty_splits` repairs)."""
    filled = set(np.unique(codes).tolist())
    return len(codes) >= len(SPLITS) and any(high > low and SPLITS.index(s) not in filled
                                             for s, (low, high) in intervals(config.split).items())
