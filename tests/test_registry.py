"""The outlet registry: typed, every fact sourced, every outlet of the data covered, lookups still working."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError

from corpus_pkg.config import RightsConfig
from corpus_pkg.registry import (DATE_PATTERN, OutletEntry, OutletFact, RaterNote, Registry, cite, load_registry,
                                 registry_data)
from corpus_pkg.rights import RESTRICTED, THIRD_PARTY, UNKNOWN, decide


SOURCE = {"url": "https://example.org/page", "publisher": "Example", "retrieved": "2026-11-30", "secondary": False}


def _all_sources(registry):
    for entry in registry.entries:
        for item in [*entry.facts, *entry.ratings]:
            yield entry.name, item, item.sources
    for note in registry.raters:
        yield note.rater, note, note.sources


def test_every_fact_and_rating_is_cited_as_a_researcher_would_cite_it():
    """Full https:// link, publisher, retrieval date, secondary or not; every fact and rating dated."""
    registry = load_registry()
    assert len(registry.entries) == len(registry_data()["outlets"])
    seen = 0
    for name, item, sources in _all_sources(registry):
        assert sources, name
        for source in sources:
            parts = urlsplit(source.url)
            assert parts.scheme == "https" and "." in parts.netloc and (parts.path.strip("/") or parts.query), (name, source.url)
            assert "…" not in source.url and source.publisher.strip(), (name, source.url)
            assert dt.date.fromisoformat(source.retrieved) <= dt.date(2026, 11, 30)
            assert isinstance(source.secondary, bool)
            seen += 1
        date = getattr(item, "date", None) or getattr(item, "as_of", None)
        if not isinstance(item, RaterNote):
            assert date and re.fullmatch(DATE_PATTERN, date), (name, item)
    assert seen > 30


def test_no_source_is_a_mirror_a_content_farm_or_an_input_page():
    """Mirrors stand for the article they copy (cite the article); content farms support nothing."""
    banned = ("owiki.org", "popflock.com", "qudswiki.org", "wikiwand.com", "winenfood.com", "namegenerator.biz")
    for name, _, sources in _all_sources(load_registry()):
        for source in sources:
            assert not any(b in urlsplit(source.url).netloc for b in banned), (name, source.url)
            assert "seeds/" not in source.url


def test_fact_kinds_keep_sanctions_designations_bans_and_fines_apart():
    registry = load_registry()
    kinds = {e.name: [f.kind for f in e.facts] for e in registry.entries}
    # the US foreign-missions designation is not a sanction; the EU measure is a broadcasting suspension
    assert "designation" in kinds["Sputnik"] and "sanction" not in kinds["Sputnik"]
    assert "broadcast_ban" in kinds["Sputnik"] and "broadcast_ban" in kinds["RT"]
    # IRTVU's OFAC designation is about another entity, never Press TV's own sanction
    press_tv = registry.lookup("Press TV")
    assert "sanction" not in kinds["Press TV"]
    assert [f for f in press_tv.facts if f.kind == "related_entity" and "IRTVU" in f.statement]
    assert {"fine", "broadcast_ban", "seizure"} <= set(kinds["Press TV"])
    assert kinds["Strategic Culture Foundation"].count("sanction") == 2
    # a self-description is never an ownership fact
    for entry in registry.entries:
        for fact in entry.facts:
            if fact.kind == "ownership":
                assert not any(urlsplit(s.url).netloc.removeprefix("www.") in entry.domains for s in fact.sources), entry.name


def test_facts_the_sources_do_not_support_are_gone():
    registry = load_registry()
    counterpunch = " ".join(f.statement for f in registry.lookup("CounterPunch").facts)
    assert "Independent" not in counterpunch           # the republishing relation no source states
    assert registry.lookup("The New York Times").facts and all(
        f.kind != "ownership" for f in registry.lookup("The New York Times").facts)


def test_a_fact_without_a_full_citation_or_with_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="at least one source"):
        OutletFact(kind="ownership", statement="Owned by someone.", date="2020", sources=[])
    with pytest.raises(ValidationError, match="unknown fact kind"):
        OutletFact(kind="rumour", statement="x", date="2020", sources=[SOURCE])
    for url in ("en.wikipedia.org/wiki/X", "http://example.org/page", "https://ft.com/content/2091d0c4-…",
                "https://thenational.ae/"):
        with pytest.raises(ValidationError, match="https|page|truncated"):
            OutletFact(kind="ownership", statement="x", date="2020", sources=[{**SOURCE, "url": url}])
    with pytest.raises(ValidationError):       # no publisher, no retrieval date
        OutletFact(kind="ownership", statement="x", date="2020", sources=[{"url": SOURCE["url"]}])
    with pytest.raises(ValidationError):       # no date
        OutletFact(kind="ownership", statement="x", sources=[SOURCE])
    with pytest.raises(ValidationError):
        OutletEntry.model_validate({"name": "X", "facts": [{"kind": "ownership", "statement": "y", "date": "2020"}]})


def test_the_notes_uncertain_marks_are_kept():
    registry = load_registry()
    names = {e.name for e in registry.entries for f in [*e.facts, *e.ratings] if f.uncertain}
    assert {"The Cradle", "Strategic Culture Foundation", "RT"} <= names


def test_a_citation_is_a_markdown_link_with_its_dates():
    text = cite({**SOURCE, "title": "A page", "published": "2020-01-02", "secondary": True})
    assert text == "[Example: \"A page\"](https://example.org/page) (published 2020-01-02; retrieved 2026-11-30; secondary)"


def test_ratings_say_who_rated_and_when_and_drift_is_noted():
    registry = load_registry()
    press_tv = registry.lookup("Press TV")
    mbfc = [r for r in press_tv.ratings if r.rater.startswith("MBFC")]
    assert "2018" in {r.as_of for r in mbfc} and any(r.dated_by_retrieval for r in mbfc)
    assert any("drift" in (r.note or "") for r in press_tv.ratings)


def test_names_aliases_and_domains_still_resolve():
    registry = load_registry()
    assert registry.lookup("the cradle").name == "The Cradle"
    assert registry.lookup("Russia Today").name == "RT"
    assert registry.lookup_domain("www.counterpunch.org").name == "CounterPunch"
    assert registry.lookup_domain("english.almayadeen.net").name == "Al Mayadeen"
    assert registry.lookup("Nobody Times") is None


def test_the_rights_policy_reads_the_registry():
    registry = load_registry()
    nyt = decide("NYT", None, RightsConfig(), registry)
    assert (nyt.status, nyt.action, nyt.holder) == (RESTRICTED, "withhold_text", "The New York Times")
    assert decide("Sputnik", "Aletho News", RightsConfig(), registry).holder == "Sputnik"
    assert decide("Sputnik", None, RightsConfig(), registry).status == THIRD_PARTY
    assert decide("Sputnik", None, RightsConfig(), registry).action == "include"
    assert decide(None, "Aletho News", RightsConfig(), registry).status == UNKNOWN
    # including a restricted publisher's texts is an explicit choice: for all of them, or per outlet
    assert decide("NYT", None, RightsConfig(restricted="include"), registry).action == "include"
    policy = RightsConfig(default="exclude", outlets={"new york times": "include"})
    assert decide("The New York Times", None, policy, registry).action == "include"
    assert decide("Sputnik", None, policy, registry).action == "exclude"


def test_the_rights_holder_is_the_original_publisher_or_author_never_the_re_poster():
    registry = load_registry()
    assert decide("Sputnik News", "Aletho News", RightsConfig(), registry, authors=["A. Writer"]).holder == "Sputnik"
    by_author = decide(None, "Aletho News", RightsConfig(), registry, authors=["A. Writer", "B. Other"])
    assert (by_author.holder, by_author.status) == ("A. Writer; B. Other", THIRD_PARTY)
    assert decide(None, "Aletho News", RightsConfig(), registry).holder is None
    # a re-poster's own preface is the re-poster's text
    assert decide(None, "Aletho News", RightsConfig(), registry, kind="preface").holder == "Aletho News"


def test_every_outlet_of_the_seed_data_has_a_registry_entry(seed_build):
    registry = load_registry()
    outlets, hosts = set(), set()
    for shard in (seed_build / "data").glob("*.parquet"):
        for row in pq.read_table(shard, columns=["outlet", "host_site", "provenance"]).to_pylist():
            outlets.add(row["outlet"])
            hosts |= {p["host_site"] for p in row["provenance"]}
    missing = {name for name in (outlets | hosts) - {None} if registry.lookup(name) is None}
    assert not missing, f"add these outlets to corpus_pkg/registry/outlets.yaml: {sorted(missing)}"


def test_outlets_unknown_to_the_registry_get_a_row_saying_nothing_is_documented():
    registry = Registry([OutletEntry(name="Known", aliases=["K"])])
    from collections import Counter

    rows = registry.outlet_rows(Counter({"K": 2, "example.org": 1}), Counter({"Known": 3}))
    by_name = {r.name: r for r in rows}
    assert (by_name["Known"].n_articles, by_name["Known"].n_hosted_copies) == (2, 3)
    assert not by_name["example.org"].in_registry and by_name["example.org"].facts == []


def test_the_yaml_file_has_only_the_documented_sections():
    assert set(registry_data()) == {"outlets", "raters"}


def test_the_registry_read_with_libyaml_is_what_the_python_safe_loader_reads():
    """`registry_data` parses with libyaml's safe loader where PyYAML has it: the same values, types included
    (dates stay dates, quoted digits strings), as PyYAML's Python SafeLoader."""
    from importlib import resources

    import yaml

    from corpus_pkg.registry import SAFE_LOADER

    text = (resources.files("corpus_pkg") / "registry" / "outlets.yaml").read_text(encoding="utf-8")
    plain = yaml.load(text, Loader=yaml.SafeLoader)
    fast = registry_data()
    assert fast == plain and repr(fast) == repr(plain)
    assert SAFE_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tricky = "a: 2024-03-05\nb: '0012'\nc: [1.5, yes, null, ~]\nd: \"é\\u00e9\"\ne: |\n  two\n  lines\n"
    assert repr(yaml.load(tricky, Loader=SAFE_LOADER)) == repr(yaml.load(tricky, Loader=yaml.SafeLoader))
