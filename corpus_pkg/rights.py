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

from dataclasses import dataclass

from .config import RightsConfig
from .registry import Registry, outlet_key

THIRD_PARTY = "third-party-copyright"
UNKNOWN = "unknown"
RESTRICTED = "restricted"
WITHHELD = "withheld"
#: The detail of a body span of the pages config whose lines are emptied: its article's text is withheld or excluded.
TEXT_WITHHELD = "text_withheld"

#: What each `rights_status` value means; the card prints this table.
STATUS_MEANINGS = {
    THIRD_PARTY: "The text is the property of the named rights holder (the outlet that first published it or, when the text names no outlet, its author); it is shipped for research, not licensed by us.",
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
    configured = {outlet_key(name): action for name, action in policy.outlets.items()}
    publisher = entry.name if entry else outlet
    if publisher and outlet_key(publisher) in configured:
        return RightsDecision(configured[outlet_key(publisher)], holder, status)
    if restricted:
        return RightsDecision(policy.restricted, holder, status)
    return RightsDecision(policy.default, holder, status)
