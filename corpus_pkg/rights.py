"""The rights policy: what the builder does with each outlet's texts, and the per-record rights fields.

The texts stay the property of their publishers whatever the policy says; the policy only decides
what this build ships. Actions per outlet: `include` (the default: the text ships, flagged),
`withhold_text` (metadata ships, the body is emptied) or `exclude` (the record is left out).
Outlets whose terms restrict reuse carry `rights_status: restricted` in the registry; the publish
step refuses to put such texts in a public, ungated repository unless told otherwise.
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
    THIRD_PARTY: "The text is the property of the named rights holder (its outlet); it is shipped for research, not licensed by us.",
    RESTRICTED: "The rights holder's published terms restrict reuse (e.g. in datasets or for AI training); publishing refuses a public, ungated repository unless overridden.",
    UNKNOWN: "No outlet is named in the text, so the rights holder is unknown; the text is still third-party material.",
    WITHHELD: "The rights policy withheld the text (`withhold_text`): `text` is empty, the metadata ships.",
}


@dataclass(frozen=True)
class RightsDecision:
    action: str            # include | withhold_text | exclude
    holder: str | None
    status: str


def decide(outlet: str | None, host_site: str | None, policy: RightsConfig, registry: Registry) -> RightsDecision:
    """The rights of one article's text: its holder is the outlet the text names (a re-poster acquires no
    rights by re-posting, so `host_site` never becomes the holder)."""
    entry = registry.lookup(outlet) if outlet else None
    holder = entry.name if entry else outlet
    status = (entry.rights_status if entry else None) or (THIRD_PARTY if holder else UNKNOWN)
    configured = {outlet_key(name): action for name, action in policy.outlets.items()}
    action = configured.get(outlet_key(holder), policy.default) if holder else policy.default
    return RightsDecision(action=action, holder=holder, status=status)
