"""The rights policy: what the builder does with each outlet's texts, and the per-record rights fields.

The texts stay the property of their publishers whatever the policy says; the policy only decides
what this build ships. Actions per outlet: `include` (the default: the text ships, flagged),
`withhold_text` (metadata ships, the body is emptied) or `exclude` (the record is left out).
Outlets whose terms restrict reuse are marked `rights_status: restricted` in the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import RightsConfig
from .registry import Registry, outlet_key

THIRD_PARTY = "third-party-copyright"
UNKNOWN = "unknown"
RESTRICTED = "restricted"


@dataclass(frozen=True)
class RightsDecision:
    action: str            # include | withhold_text | exclude
    holder: str | None
    status: str


def decide(outlet: str | None, host_site: str | None, policy: RightsConfig, registry: Registry) -> RightsDecision:
    entry = registry.lookup(outlet) if outlet else None
    holder = entry.name if entry else outlet
    status = getattr(entry, "rights_status", None) or (THIRD_PARTY if holder else UNKNOWN)
    configured = {outlet_key(name): action for name, action in policy.outlets.items()}
    action = configured.get(outlet_key(holder), policy.default) if holder else policy.default
    return RightsDecision(action=action, holder=holder, status=status)
