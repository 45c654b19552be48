"""The outlet registry: canonical outlet names, the spellings and domains that name them, and facts."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field


class OutletEntry(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str
    aliases: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)


def outlet_key(name: str) -> str:
    """The comparison key of an outlet name: case, a leading 'the' and punctuation do not matter."""
    key = re.sub(r"^the\s+", "", name.strip().casefold())
    return re.sub(r"[^0-9a-z\u00c0-\uffff]", "", key)


class Registry:
    def __init__(self, entries: list[OutletEntry]):
        self.entries = entries
        self._by_key: dict[str, OutletEntry] = {}
        self._by_domain: dict[str, OutletEntry] = {}
        for entry in entries:
            for spelling in [entry.name, *entry.aliases]:
                self._by_key.setdefault(outlet_key(spelling), entry)
            for domain in entry.domains:
                self._by_domain[domain.lower()] = entry

    def lookup(self, name: str) -> OutletEntry | None:
        return self._by_key.get(outlet_key(name))

    def lookup_domain(self, domain: str) -> OutletEntry | None:
        domain = domain.lower().removeprefix("www.")
        while domain:
            if domain in self._by_domain:
                return self._by_domain[domain]
            domain = domain.partition(".")[2] if domain.count(".") > 1 else ""
        return None

    def known_keys(self) -> frozenset[str]:
        return frozenset(self._by_key)


def registry_data() -> dict[str, Any]:
    text = (resources.files("corpus_pkg") / "registry" / "outlets.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_registry() -> Registry:
    return Registry([OutletEntry.model_validate(e) for e in registry_data()["outlets"]])
