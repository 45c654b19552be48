"""The rights policy: what the builder does with each text, and the per-record rights fields.

The texts stay the property of their publishers or authors whatever the policy says; the policy only
decides what this build ships. Actions: `include` (the text ships, flagged by `rights_status`),
`withhold_text` (metadata, hash and locator ship; the text is emptied, in the `pages` config too) or
`exclude` (the record is left out).

Publishers whose published terms forbid reuse of their texts in datasets carry `rights_status: restricted`
in the registry (with the terms as a sourced fact). Their texts are withheld unless the build's config
chooses otherwise (`rights.restricted`, or a per-outlet rule): shipping them is an explicit choice, which
the card reports, and `publish` still refuses such texts for a public, ungated repository.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .config import RIGHTS_ACTIONS, RightsConfig
from .registry import Registry, outlet_key

THIRD_PARTY = "third-party-copyright"
UNKNOWN = "unknown"
RESTRICTED = "restricted"
WITHHELD = "withheld"
#: The detail of a body span of the pages config whose lines are emptied: its article's text is withheld or excluded.
TEXT_WITHHELD = "text_withheld"

#: The actions from the least to the most restrictive. The copies of one article (near-duplicates merged into one
#: record) may be decided differently: one names the outlet whose terms restrict reuse, another prints only its
#: author or a re-poster's URL. The article gets the most restrictive decision among all its copies, whichever copy
#: is kept for its text (`article_actions`, `restriction`).
ACTIONS_BY_RESTRICTION = ("include", "withhold_text", "exclude")
#: What each `rights_status` value means; the card prints this table.
STATUS_MEANINGS = {
    THIRD_PARTY: "The text is the property of the named rights holder (the outlet that first published it or, when the text names no outlet, its author); it is shipped for research, not licensed by the dataset builder.",
    RESTRICTED: "The rights holder's published terms forbid reuse (e.g. in datasets or for AI training) and the builder chose to include the text anyway; publishing refuses a public, ungated repository unless overridden.",
    UNKNOWN: "The text names no outlet and no author, so the rights holder is unknown; the text is still third-party material.",
    WITHHELD: "The rights policy withheld the text (`withhold_text`): `text` is empty, the metadata ships.",
}


@dataclass(frozen=True)
class RightsDecision:
    action: str            # include | withhold_text | exclude
    holder: str | None
    status: str


def rights_holder(outlet: str | None, authors: list[str], host_site: str | None, kind: str,
                  registry: Registry) -> str | None:
    """Who holds the rights in a text: the original publisher (the outlet the text names, canonicalised by the
    registry); when the text names none, its author(s) as printed in the byline; a re-poster's own preface
    belongs to the re-poster. A re-poster acquires no rights in what it re-posts, so `host_site` is never the
    holder of a republished article. None when nobody is named."""
    if outlet:
        entry = registry.resolve(outlet)
        return entry.name if entry else outlet
    if authors:
        return "; ".join(authors)
    return host_site if kind == "preface" else None


def decide(outlet: str | None, host_site: str | None, policy: RightsConfig, registry: Registry, *,
           authors: list[str] = (), kind: str = "article") -> RightsDecision:
    """The rights of one text: its holder (`rights_holder`), its status and the policy's action for it.

    A per-outlet rule of the policy wins; otherwise an outlet whose terms restrict reuse gets
    `policy.restricted` (`withhold_text` unless the builder chose otherwise), and every other text
    `policy.default`."""
    entry = registry.resolve(outlet) if outlet else None
    holder = rights_holder(outlet, list(authors), host_site, kind, registry)
    restricted = bool(entry and entry.rights_status == RESTRICTED)
    status = RESTRICTED if restricted else (THIRD_PARTY if holder else UNKNOWN)
    configured = {publisher_key(name, registry): action for name, action in policy.outlets.items()}
    key = publisher_key(outlet, registry) if outlet else None
    if key in configured:
        return RightsDecision(configured[key], holder, status)
    if restricted:
        return RightsDecision(policy.restricted, holder, status)
    return RightsDecision(policy.default, holder, status)


def publisher_key(outlet: str, registry: Registry) -> str:
    """The `outlet_key` of the publisher an outlet name (as extracted, or as a per-outlet rule of the policy
    spells it) names: the registry's canonical name when the registry knows it by a name, an alias or a domain
    (`Registry.resolve`), else the name itself. A rule and an article meet on this key."""
    entry = registry.resolve(outlet)
    return outlet_key(entry.name if entry else outlet)


def unmatched_rules(policy: RightsConfig, outlets: Iterable[str], registry: Registry) -> list[str]:
    """The per-outlet rules of `policy` (`[rights.outlets]`, as spelt there) that name no outlet in `outlets`
    (the `outlet` values of a build's units, every copy, excluded or not): such a rule decides nothing, most
    often because of a misspelling, and the build would ship what the builder meant to exclude or withhold."""
    present = {publisher_key(name, registry) for name in outlets}
    return [rule for rule in policy.outlets if publisher_key(rule, registry) not in present]


def unmatched_rule_warnings(policy: RightsConfig, rules: list[str], outlets: Iterable[str]) -> list[str]:
    """One warning per rule of `rules` (`unmatched_rules`), naming it and the closest of `outlets` (difflib) when
    one is close, else a few of them."""
    names = sorted(set(outlets))
    warnings = []
    for rule in rules:
        action = policy.outlets[rule]
        close = difflib.get_close_matches(rule, names, n=1, cutoff=0.6)
        if close:
            hint = f"; the closest outlet of this build is {close[0]!r}"
        elif names:
            hint = f"; this build's outlets: {', '.join(map(repr, names[:8]))}{', ...' if len(names) > 8 else ''}"
        else:
            hint = "; no text of this build names an outlet"
        warnings.append(f"rights rule [rights.outlets] {rule!r} = {action!r} matches no outlet of this build, so it "
                        f"decides nothing (check its spelling){hint}")
    return warnings


def article_actions(codes: np.ndarray, article_of: np.ndarray) -> np.ndarray:
    """Per unit (int8 codes into `config.RIGHTS_ACTIONS`, as `codes` gives each unit's own action): the most
    restrictive action (`ACTIONS_BY_RESTRICTION`) among the copies of its article; `article_of`: per unit, the
    unit index of its article's kept copy (`dedup.DedupResult.article_of`)."""
    severity = np.array([ACTIONS_BY_RESTRICTION.index(a) for a in RIGHTS_ACTIONS], dtype=np.int8)
    to_code = np.array([RIGHTS_ACTIONS.index(a) for a in ACTIONS_BY_RESTRICTION], dtype=np.int8)
    top = severity[codes]
    extra = np.flatnonzero(article_of != np.arange(len(article_of)))
    np.maximum.at(top, article_of[extra], top[extra])
    return to_code[top[article_of]]


def restriction(actions: pa.Array, statuses: pa.Array) -> np.ndarray:
    """How restrictive each decision (its `rights_action` and `rights_status`) is, as int64 ranks to compare the
    decisions of the copies of one article: the action's place in `ACTIONS_BY_RESTRICTION`, then a `restricted`
    status above any other (a restricted text the policy includes outranks another included text)."""
    place = pc.index_in(actions, value_set=pa.array(ACTIONS_BY_RESTRICTION)).to_numpy(zero_copy_only=False)
    flagged = pc.fill_null(pc.equal(statuses, RESTRICTED), False).to_numpy(zero_copy_only=False)
    return 2 * place.astype(np.int64) + flagged
