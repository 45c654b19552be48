"""The outlet registry: typed, every fact sourced, every outlet of the data covered, lookups still working."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError

from corpus_pkg.config import RightsConfig
from corpus_pkg.registry import FACT_KINDS, OutletEntry, OutletFact, Registry, load_registry, registry_data
from corpus_pkg.rights import RESTRICTED, THIRD_PARTY, UNKNOWN, decide


def test_every_entry_is_typed_and_every_fact_and_rating_has_a_source():
    registry = load_registry()
    assert len(registry.entries) == len(registry_data()["outlets"])
    for entry in registry.entries:
        for fact in entry.facts:
            assert fact.kind in FACT_KINDS and fact.statement and fact.sources
        for rating in entry.ratings:
            assert rating.rater and rating.label and rating.sources
    assert all(note.sources for note in registry.raters)


def test_a_fact_without_a_source_or_with_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="at least one non-empty source"):
        OutletFact(kind="ownership", statement="Owned by someone.", sources=[])
    with pytest.raises(ValidationError, match="unknown fact kind"):
        OutletFact(kind="rumour", statement="x", sources=["somewhere"])
    with pytest.raises(ValidationError):
        OutletEntry.model_validate({"name": "X", "facts": [{"kind": "ownership", "statement": "y"}]})


def test_the_notes_uncertain_marks_are_kept():
    registry = load_registry()
    uncertain = {(e.name, f.sources[0]) for e in registry.entries for f in [*e.facts, *e.ratings] if f.uncertain}
    names = {name for name, _ in uncertain}
    assert {"The Cradle", "The New York Times", "Strategic Culture Foundation", "Indian Punchline",
            "CounterPunch"} <= names


def test_ratings_say_who_rated_and_when_and_drift_is_noted():
    registry = load_registry()
    press_tv = registry.lookup("Press TV")
    assert {r.as_of for r in press_tv.ratings if r.rater.startswith("MBFC")} >= {None, "2018"}
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
