"""The outlet registry: canonical outlet names, the spellings and domains that name them, and facts.

`outlets.yaml` is the data; the pydantic models below type it, so a missing source, a source that is not a
full https:// address with its publisher and retrieval date, a fact without a date or an unknown fact kind
fails when the registry loads. The same models make up the rows of the dataset's
`outlets` config (`Outlet`), whose Arrow schema comes from `corpus_pkg.schema.arrow_schema`.

Every fact here is outlet-level: it describes an outlet, never any single article.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, Field, field_validator

from ..schema import Int32, Record

#: What a fact is. Sanctions, designations, broadcast bans, fines and seizures are different legal acts and are
#: kept apart; an act against a parent, sister or other entity is `related_entity`, never the outlet's own.
FACT_KIND_MEANINGS = {
    "state_affiliation": "ownership or control by a state, or a government's published finding of it",
    "ownership": "who owns, controls, funds, founded or edits the outlet, from a source other than the outlet",
    "description": "what the outlet is (type, place, founding), as described by a source other than the outlet",
    "self_description": "what the outlet or its editors say about it (not an ownership fact)",
    "alignment": "alleged or described alignment that is not documented control",
    "sanction": "an asset freeze or blocking designation of the outlet itself (e.g. OFAC SDN list, EU or UK asset freeze)",
    "designation": "a non-sanction government designation of the outlet (e.g. US Foreign Missions Act, FARA registration order)",
    "broadcast_ban": "a ban or suspension of broadcasting, or a broadcasting licence revoked",
    "fine": "a fine imposed on the outlet by a regulator or court",
    "seizure": "a seizure of the outlet's property, such as a web domain",
    "terms": "the publisher's own terms of use or licence",
    "litigation": "a lawsuit the outlet is party to",
    "related_entity": "an act or finding about a parent, sister or other entity, not about the outlet itself",
    "context": "another documented fact about the outlet",
}
FACT_KINDS = tuple(FACT_KIND_MEANINGS)
#: `date`, `as_of`, `published`: a year, month or day, or a period of two of them ("2016/2017").
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"


def _citable_url(url: str) -> str:
    """A full https:// address with a host and a path or query, so the card links it and a reader finds the page."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or "." not in parts.netloc:
        raise ValueError(f"a source must be a full https:// address (got {url!r})")
    if parts.path in ("", "/") and not parts.query:
        raise ValueError(f"a source must name a page, not only a site (got {url!r})")
    if "…" in url or "..." in url or " " in url:
        raise ValueError(f"a source address must be complete, not truncated (got {url!r})")
    return url


class Source(Record):
    """One source of a fact or rating, as a researcher would cite it."""

    url: Annotated[str, AfterValidator(_citable_url)] = Field(description="Full https:// address of the page or document.")
    publisher: str = Field(min_length=1, description="Who published the source (e.g. The Guardian, Media Bias/Fact Check, Wikipedia).")
    title: str | None = Field(None, description="Title of the page or document, when recorded.")
    published: str | None = Field(None, pattern=DATE_PATTERN, description="Date the source was published, when it gives one (ISO 8601).")
    retrieved: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Date the source was read for the registry (ISO 8601).")
    secondary: bool = Field(description="True when the source reports what another source did or said (news reporting an official act, "
                                        "a dataset reproducing a rating, an encyclopedia); false for the actor's own document.")
    note: str | None = Field(None, description="How the source was read (e.g. through a mirror of the page), when it matters.")


def _at_least_one_source(sources: list[Source]) -> list[Source]:
    if not sources:
        raise ValueError("every statement needs at least one source")
    return sources


Sources = Annotated[list[Source], AfterValidator(_at_least_one_source)]
SOURCES = "Where the statement comes from: each source with its full URL, publisher, dates and whether it is secondary."
UNCERTAIN = "Why the statement rests on weak or secondary sources; null when it does not."


class _FactBody(Record):
    kind: str = Field(description="One of: " + "; ".join(f"{k} ({v})" for k, v in FACT_KIND_MEANINGS.items()) + ".")
    statement: str = Field(description="The fact, as documented.")
    date: str = Field(pattern=DATE_PATTERN, description="Date or period the fact refers to (ISO 8601); when the source gives "
                                                        "none, the date it was read (then `dated_by_retrieval` is true).")
    dated_by_retrieval: bool = Field(False, description="True when the source gives no date: the fact held when the source was read.")
    uncertain: str | None = Field(None, description=UNCERTAIN)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in FACT_KINDS:
            raise ValueError(f"unknown fact kind {kind!r} (allowed: {', '.join(FACT_KINDS)})")
        return kind


class _RatingBody(Record):
    rater: str = Field(description="Who rated the outlet (e.g. MBFC, Ad Fontes Media, OpenSources).")
    label: str = Field(description="What the rater said, in its own terms.")
    as_of: str = Field(pattern=DATE_PATTERN, description="Date or period the rating describes (ISO 8601); when the source gives "
                                                         "none, the date it was read (then `dated_by_retrieval` is true).")
    dated_by_retrieval: bool = Field(False, description="True when the rater's page gives no date: the rating held when it was read.")
    note: str | None = Field(None, description="Drift or disagreement with other ratings, when documented.")
    uncertain: str | None = Field(None, description=UNCERTAIN)


class OutletFact(_FactBody):
    """One documented fact about an outlet (outlet-level: it describes the outlet, not an article)."""

    sources: Sources = Field(description=SOURCES)


class Rating(_RatingBody):
    """A media-bias or reliability rating of an outlet: one rater's view at one time (outlet-level)."""

    sources: Sources = Field(description=SOURCES)


CITATIONS = ("Its sources, each as a Markdown link named by the publisher, with the publication and retrieval dates and "
             "'secondary' when the source reports what another did or said (the registry, outlets.yaml, has the same "
             "fields one by one).")


class FactRow(_FactBody):
    """A fact as the `outlets` config publishes it: its sources as citations (Croissant cannot describe a list of
    structs inside a list of structs, so the sources are one citation string each)."""

    sources: list[str] = Field(description=CITATIONS)


class RatingRow(_RatingBody):
    """A rating as the `outlets` config publishes it (sources as citations, as in `FactRow`)."""

    sources: list[str] = Field(description=CITATIONS)


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
    facts: list[FactRow] = Field(description="Documented outlet-level facts (ownership, state affiliation, sanctions, designations, broadcast bans, fines, seizures, terms), each dated and with its sources. They describe the outlet, not any article.")
    ratings: list[RatingRow] = Field(description="Media-bias and reliability ratings of the outlet, each with rater, date and sources. Outlet-level: never a label of an article.")


def cite(source: Source | dict) -> str:
    """A source as the card prints it: a Markdown link named by its publisher (and title), then its dates and
    whether it is secondary, e.g. `[The Guardian: "Saudi ties …"](https://…) (published 2017-08-04; retrieved
    2026-11-30; secondary)`. Takes a `Source` or the dict of a row of the `outlets` config."""
    s = source.model_dump() if isinstance(source, Source) else source
    name = s["publisher"] + (f': "{s["title"]}"' if s.get("title") else "")
    details = ([f"published {s['published']}"] if s.get("published") else []) + [f"retrieved {s['retrieved']}"]
    details += ["secondary"] if s["secondary"] else []
    details += [s["note"]] if s.get("note") else []
    return f"[{name}]({s['url']}) ({'; '.join(details)})"


LEADING_THE = re.compile(r"^the\s+")
NOT_KEY_CHARACTER = re.compile(r"[^0-9a-z\u00c0-\uffff]")


def outlet_key(name: str) -> str:
    """The comparison key of an outlet name: case, a leading 'the' and punctuation do not matter."""
    return NOT_KEY_CHARACTER.sub("", LEADING_THE.sub("", name.strip().casefold()))


#: A host name: dot-separated labels of letters, digits and inner hyphens, the last one without digits.
HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,63}")


def host_of(printed: str) -> str | None:
    """The host name (lower case) when `printed` is a domain, a host or a URL (`nytimes.com`,
    `www.nytimes.com`, `https://www.nytimes.com/2024/...`, `nytimes.com/section`), else None: a name with a
    space or without a dot is not one."""
    text = printed.strip().rstrip(".,;:)")
    if not text or "." not in text or any(c.isspace() for c in text):
        return None
    try:
        host = urlsplit(text if "://" in text else "//" + text).hostname
    except ValueError:          # e.g. an unbalanced '[' in what is not a URL
        return None
    host = host.rstrip(".") if host else None
    return host if host and HOST.fullmatch(host) else None


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
        """The entry one of whose names or aliases is `name` (compared by `outlet_key`), or None."""
        return self._by_key.get(outlet_key(name))

    def lookup_domain(self, domain: str) -> OutletEntry | None:
        """The entry whose `domains` hold `domain` (a host name) or a domain it is a subdomain of: `www.`, `m.`,
        `amp.` or any other host of a registered domain names its outlet. None when no registered domain fits."""
        domain = domain.lower().removeprefix("www.")
        while domain:
            if domain in self._by_domain:
                return self._by_domain[domain]
            domain = domain.partition(".")[2] if domain.count(".") > 1 else ""
        return None

    def resolve(self, printed: str) -> OutletEntry | None:
        """The entry an outlet as printed names: by a name or alias (`lookup`), else, when `printed` is a domain,
        host or URL (`host_of`), by the registry's domains (`lookup_domain`). `Source: www.nytimes.com` names the
        same publisher as `Source: The New York Times`, and its rights follow (rights.py)."""
        return self.lookup(printed) or self.lookup_host(printed)

    def lookup_host(self, printed: str) -> OutletEntry | None:
        """The entry whose domains hold the host `printed` gives as a domain, host or URL (`host_of`), or None."""
        host = host_of(printed)
        return self.lookup_domain(host) if host else None

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
                       rights_status=e.rights_status, facts=[_published(FactRow, f) for f in e.facts],
                       ratings=[_published(RatingRow, r) for r in e.ratings])
                for e in self.entries]
        unknown = sorted({name for name in [*outlets, *hosts] if self.lookup(name) is None})
        rows += [Outlet(name=name, aliases=[], domains=[], in_registry=False, n_articles=outlets[name],
                        n_hosted_copies=hosts[name], rights_status=None, facts=[], ratings=[])
                 for name in unknown]
        return rows


def _published(row_model: type[Record], item: OutletFact | Rating) -> Record:
    return row_model(**item.model_dump(exclude={"sources"}), sources=[cite(source) for source in item.sources])


#: PyYAML's safe loader in C (libyaml) when PyYAML was built with it: the same values as `yaml.SafeLoader`, in a
#: tenth of the time (the registry took 0.1-0.2 CPU s to parse in Python, in the card stage of every build).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def registry_data() -> dict[str, Any]:
    text = (resources.files("corpus_pkg") / "registry" / "outlets.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=SAFE_LOADER)


@cache
def load_registry() -> Registry:
    data = registry_data()
    return Registry([OutletEntry.model_validate(e) for e in data["outlets"]],
                    [RaterNote.model_validate(r) for r in data.get("raters", [])])
