"""The outlet registry: canonical outlet names, the spellings and domains that name them, and facts.

`outlets.yaml` is the data; the pydantic models below type it, so a missing source or an unknown
fact kind fails when the registry loads. The same models make up the rows of the dataset's
`outlets` config (`Outlet`), whose Arrow schema comes from `corpus_pkg.schema.arrow_schema`.

Every fact here is outlet-level: it describes an outlet, never any single article.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, Field, field_validator

from ..schema import Int32, Record

FACT_KINDS = ("state_affiliation", "ownership", "alignment", "sanction", "regulatory", "terms", "litigation", "context")


def _at_least_one_source(sources: list[str]) -> list[str]:
    if not sources or not all(s.strip() for s in sources):
        raise ValueError("every statement needs at least one non-empty source")
    return sources


#: Where a statement comes from, as recorded when it was compiled (a domain and path, or a named document).
Sources = Annotated[list[str], AfterValidator(_at_least_one_source)]
SOURCES = "Where the statement comes from (a domain and path, or a named document)."
UNCERTAIN = "Why the statement rests on weak or secondary sources; null when it does not."


class OutletFact(Record):
    """One documented fact about an outlet (outlet-level: it describes the outlet, not an article)."""

    kind: str = Field(description=f"One of: {', '.join(FACT_KINDS)}.")
    statement: str = Field(description="The fact, as documented.")
    date: str | None = Field(None, description="Date or period the fact refers to, as precise as the source gives it.")
    sources: Sources = Field(description=SOURCES)
    uncertain: str | None = Field(None, description=UNCERTAIN)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in FACT_KINDS:
            raise ValueError(f"unknown fact kind {kind!r} (allowed: {', '.join(FACT_KINDS)})")
        return kind


class Rating(Record):
    """A media-bias or reliability rating of an outlet: one rater's view at one time (outlet-level)."""

    rater: str = Field(description="Who rated the outlet (e.g. MBFC, Ad Fontes Media, OpenSources).")
    label: str = Field(description="What the rater said, in its own terms.")
    as_of: str | None = Field(description="Date or snapshot the rating describes; null when the source gives none.")
    note: str | None = Field(None, description="Drift or disagreement with other ratings, when documented.")
    sources: Sources = Field(description=SOURCES)
    uncertain: str | None = Field(None, description=UNCERTAIN)


class RaterNote(Record):
    """What is documented about a rater itself (its methodology, its critics, its coverage)."""

    rater: str
    statement: str
    sources: Sources
    uncertain: str | None = None


class OutletEntry(Record):
    """One outlet of outlets.yaml."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    rights_status: str | None = None  # e.g. "restricted": the publisher's terms restrict reuse (see rights.py)
    facts: list[OutletFact] = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)


class Outlet(Record):
    """One row of the `outlets` config: an outlet and its documented outlet-level facts."""

    name: str = Field(description="Canonical outlet name, as used in the `outlet` and `host_site` fields of the articles.")
    aliases: list[str] = Field(description="Other spellings that name the outlet.")
    domains: list[str] = Field(description="Web domains of the outlet.")
    in_registry: bool = Field(description="False when the outlet occurs in the data but the registry has no entry for it (no documented facts).")
    n_articles: Int32 = Field(description="Articles of this build whose `outlet` is this outlet.")
    n_hosted_copies: Int32 = Field(description="Copies of articles in this build found on pages re-posted by this outlet (`provenance.host_site`).")
    rights_status: str | None = Field(description="Rights status the registry sets for the outlet's texts (e.g. restricted); null for the default.")
    facts: list[OutletFact] = Field(description="Documented outlet-level facts (ownership, state affiliation, sanctions, regulatory actions, terms), each with its sources. They describe the outlet, not any article.")
    ratings: list[Rating] = Field(description="Media-bias and reliability ratings of the outlet, each with rater, date or snapshot and sources. Outlet-level: never a label of an article.")


def outlet_key(name: str) -> str:
    """The comparison key of an outlet name: case, a leading 'the' and punctuation do not matter."""
    key = re.sub(r"^the\s+", "", name.strip().casefold())
    return re.sub(r"[^0-9a-z\u00c0-\uffff]", "", key)


class Registry:
    def __init__(self, entries: list[OutletEntry], raters: list[RaterNote] | None = None):
        self.entries = entries
        self.raters = raters or []
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

    def outlet_rows(self, outlets: Counter, hosts: Counter) -> list[Outlet]:
        """The `outlets` config: every registry entry, then every outlet or host site of the data that the
        registry lacks (so each outlet in the data has a row, saying when nothing is documented).

        `outlets` and `hosts` count articles per `outlet` and copies per `provenance.host_site`.
        """
        rows = [Outlet(name=e.name, aliases=e.aliases, domains=e.domains, in_registry=True,
                       n_articles=sum(n for name, n in outlets.items() if self.lookup(name) is e),
                       n_hosted_copies=sum(n for name, n in hosts.items() if self.lookup(name) is e),
                       rights_status=e.rights_status, facts=e.facts, ratings=e.ratings)
                for e in self.entries]
        unknown = sorted({name for name in [*outlets, *hosts] if self.lookup(name) is None})
        rows += [Outlet(name=name, aliases=[], domains=[], in_registry=False, n_articles=outlets[name],
                        n_hosted_copies=hosts[name], rights_status=None, facts=[], ratings=[])
                 for name in unknown]
        return rows


def registry_data() -> dict[str, Any]:
    text = (resources.files("corpus_pkg") / "registry" / "outlets.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_registry() -> Registry:
    data = registry_data()
    return Registry([OutletEntry.model_validate(e) for e in data["outlets"]],
                    [RaterNote.model_validate(r) for r in data.get("raters", [])])
