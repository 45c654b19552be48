"""The rights guard follows the outlet however it is printed, and decides an article over all its copies.

An outlet whose terms restrict reuse (the registry marks it `rights_status: restricted`; The New York Times is one)
is named by its name, or by a domain, host or URL of one of its registered domains: each withholds the text under the
default policy, in the articles and in the `pages` config. Copies of one article merged by deduplication get the
most restrictive decision among them, whichever copy is kept for its text. Pages and WARCs are written here.
"""

from __future__ import annotations

import json
import random

import pyarrow.parquet as pq
import pytest

from inputs_pages import article_html, build, write_warc

RESTRICTED_OUTLET = "The New York Times"      # registry: rights_status restricted, domains [nytimes.com]

#: The same made-up report, told in a different place for each page, so no two pages are copies of each other.
PLACES = ["Aldbury", "Brenton", "Caxley", "Dunmore", "Elsford", "Fenwick", "Garrow", "Holbeck"]


VOCABULARY = ("harbour board council timetable vessel island crossing passenger winter summer season hospital "
              "school market repair engine captain crew ticket fare weather storm pier dock cargo freight route "
              "village town mayor budget grant survey study plan review meeting residents families workers "
              "visitors tourism fishing boats nets quay lighthouse coast tide channel bridge road bus train").split()


def report(place: str) -> list[str]:
    """Three paragraphs of made-up prose about `place`: its first names the place, the others fill sentences with
    words of VOCABULARY drawn with `place` as the seed, so reports about two places share few word sequences."""
    rng = random.Random(place)
    paragraphs = [f"The ferry service between {place} and the northern islands will run twice a day from next "
                  f"month, the harbour board said on Tuesday."]
    for _ in range(2):
        n = [rng.choice(VOCABULARY) for _ in range(12)]
        paragraphs.append(f"The {n[0]} of {place} said that the {n[1]} would change the {n[2]} before the {n[3]}, "
                          f"and that the {n[4]} had asked for a new {n[5]} in the {n[6]}. It is not clear whether the "
                          f"{n[7]} will pay for the {n[8]} or the {n[9]}, but the {n[10]} is expected to meet the "
                          f"{n[11]} soon.")
    return paragraphs


def text_page(place: str, source: str | None, *, defect: bool = False) -> str:
    """A re-poster's page: headline, byline, the report, then the line naming where it came from. `defect`: the
    last paragraph loses its full stop (a scrape defect: deduplication keeps a cleaner copy)."""
    body = report(place)
    if defect:
        body[-1] = body[-1].rstrip(".")
    lines = ["Harbour Notes Blog", "", f"Second Daily Ferry for {place} Islanders", "", "By Nora Pell", "March 4, 2024", ""]
    lines += [p + "\n" for p in body]
    return "\n".join(lines + ([f"Source: {source}"] if source else [])) + "\n"


SOURCE_LINES = ["nytimes.com", "www.nytimes.com", "https://www.nytimes.com/2024/03/04/nyregion/ferry.html",
                "m.nytimes.com", "amp.nytimes.com/2024/03/04/ferry.amp.html", RESTRICTED_OUTLET]


def assert_withheld(article: dict, pages: list[dict], place: str) -> None:
    assert article["outlet"] == RESTRICTED_OUTLET and article["rights_holder"] == RESTRICTED_OUTLET
    assert article["text"] == "" and article["rights_status"] == "withheld"
    assert not any(place in page["text"] and "ferry service" in page["text"] for page in pages)


def test_the_registry_resolves_domains_hosts_and_urls_of_its_outlets():
    from corpus_pkg.registry import host_of, load_registry

    registry = load_registry()
    for printed in SOURCE_LINES:
        assert registry.resolve(printed).name == RESTRICTED_OUTLET, printed
    assert registry.resolve("notnytimes.com") is None and registry.resolve("nytimes.com.example.org") is None
    assert host_of("The New York Times") is None and host_of("Source: x") is None
    assert host_of("https://WWW.NYTimes.com:443/a?b=1") == "www.nytimes.com"


def test_a_source_line_naming_a_restricted_outlet_by_domain_or_url_withholds_the_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for place, source in zip(PLACES, SOURCE_LINES):
        (folder / f"{place.lower()}.txt").write_text(text_page(place, source), encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out")
    assert len(articles) == len(SOURCE_LINES)
    for place, source in zip(PLACES, SOURCE_LINES):
        article = next(a for a in articles if place in a["title"])
        assert_withheld(article, pages, place)
        assert article["outlet_evidence"] == ("source_line" if source == RESTRICTED_OUTLET else "source_line_domain")


def test_an_unregistered_domain_is_the_outlet_without_its_www_and_ships(tmp_path):
    """As a URL's domain names an outlet (`cues.url_domain`), the host printed in a source line does, www. left out."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text_page("Aldbury", "www.harbour-gazette.example.org"), encoding="utf-8")
    _, [article], _ = build(folder, tmp_path / "out")
    assert article["outlet"] == "harbour-gazette.example.org" and article["outlet_evidence"] == "source_line"
    assert article["text"] and article["rights_status"] == "third-party-copyright"


def test_a_warc_record_of_a_restricted_outlets_url_withholds_the_text(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    records = []
    for place, url in [("Aldbury", "https://www.nytimes.com/2024/03/04/nyregion/ferry.html"),
                       ("Brenton", "https://cooking.nytimes.com/2024/ferry")]:
        html = article_html(f"Second Daily Ferry for {place} Islanders", report(place), site=None)
        records.append({"kind": "response", "url": url, "content_type": "text/html; charset=utf-8",
                        "body": html.encode(), "date": "2024-03-05T10:00:00Z"})
    # a site name that is the host itself (as crawlers and extractors report it)
    html = article_html("Second Daily Ferry for Caxley Islanders", report("Caxley"), site="www.nytimes.com")
    records.append({"kind": "response", "url": "https://www.nytimes.com/2024/03/04/caxley.html",
                    "content_type": "text/html; charset=utf-8", "body": html.encode(), "date": "2024-03-05T10:00:00Z"})
    write_warc(folder / "crawl.warc.gz", records)
    _, articles, pages = build(folder, tmp_path / "out")
    assert len(articles) == 3
    for place in ("Aldbury", "Brenton", "Caxley"):
        assert_withheld(next(a for a in articles if place in a["title"]), pages, place)


def test_a_record_whose_source_domain_is_a_restricted_outlet_withholds_the_text(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    rows = [{"title": "Second Daily Ferry for Dunmore Islanders", "maintext": "\n".join(report("Dunmore")),
             "date_publish": "2024-03-04 08:00:00", "source_domain": "nytimes.com",
             "url": "https://www.nytimes.com/2024/03/04/dunmore.html", "authors": ["Nora Pell"], "language": "en"}]
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    _, [article], pages = build(folder, tmp_path / "out")
    assert_withheld(article, pages, "Dunmore")


@pytest.mark.parametrize("restricted", ["withhold_text", "include", "exclude"])
def test_merged_copies_get_the_most_restrictive_decision_whichever_copy_is_kept(tmp_path, restricted):
    """Three copies of one report: the cleanest names no outlet, one names the restricted outlet by name (kept:
    the original, `dedup.copy_rank`), one by URL, both with a scrape defect. The article is withheld (or
    restricted, or left out) as the copy naming the outlet is; no copy's text ships in `pages`."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_clean.txt").write_text(text_page("Elsford", None), encoding="utf-8")
    (folder / "b_named.txt").write_text(text_page("Elsford", RESTRICTED_OUTLET, defect=True), encoding="utf-8")
    (folder / "c_url.txt").write_text(text_page("Elsford", "https://www.nytimes.com/2024/x.html", defect=True),
                                      encoding="utf-8")
    (folder / "d_other.txt").write_text(text_page("Fenwick", None), encoding="utf-8")   # an article of its own
    config = tmp_path / "build.toml"
    config.write_text(f'[rights]\nrestricted = "{restricted}"\n', encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out", "--config", str(config))
    other = next(a for a in articles if "Fenwick" in a["title"])
    assert other["text"] and other["rights_status"] == "third-party-copyright"
    # the card states the rule only when the data has such an article
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert ("gets the most restrictive decision among all" in card) == (restricted != "exclude")
    merged = [a for a in articles if "Elsford" in a["title"]]
    if restricted == "exclude":
        assert merged == []
        assert not any("Elsford" in page["text"] and "ferry service" in page["text"] for page in pages)
        return
    [article] = merged
    assert article["n_copies"] == 3 and article["provenance"][0]["source_file"] == "in/b_named.txt"
    assert article["outlet"] == RESTRICTED_OUTLET and article["outlet_evidence"] == "source_line"
    assert article["rights_holder"] == RESTRICTED_OUTLET
    if restricted == "include":
        assert article["text"] and article["rights_status"] == "restricted"
    else:
        assert article["text"] == "" and article["rights_status"] == "withheld"
        assert not any("Elsford" in page["text"] and "ferry service" in page["text"] for page in pages)


def test_a_site_name_the_registry_does_not_list_gives_way_to_a_registered_domain_of_the_pages_url(tmp_path):
    """A page calling itself by a variant the registry does not list (an edition's name), on a registered outlet's
    domain, is that outlet's: its URL (fetched, else canonical) names it, evidence `url`, and its rights follow.
    A site name the registry lists, or one on an unregistered domain, stays as it was."""
    folder = tmp_path / "saved"
    folder.mkdir()
    variant = "The Times International Weekly"        # not a name or alias of the registry
    (folder / "aldbury.html").write_text(article_html(
        "Second Daily Ferry for Aldbury Islanders", report("Aldbury"), site=variant,
        canonical="https://www.nytimes.com/2024/03/04/world/aldbury-ferry.html"), encoding="utf-8")
    # a re-post: the text names its own outlet, the page's site (by its URL's registered domain) is the host
    (folder / "elsford.html").write_text(article_html(
        "Second Daily Ferry for Elsford Islanders", report("Elsford") + ["Source: Harbour Gazette"], site=variant,
        canonical="https://www.nytimes.com/2024/03/04/world/elsford-ferry.html"), encoding="utf-8")
    (folder / "caxley.html").write_text(article_html(
        "Second Daily Ferry for Caxley Islanders", report("Caxley"), site="Harbour Weekly",
        canonical="https://harbour-weekly.example.org/2024/caxley-ferry"), encoding="utf-8")
    records = [{"kind": "response", "url": "https://www.nytimes.com/2024/03/04/brenton.html",
                "content_type": "text/html; charset=utf-8", "body": article_html(
                    "Second Daily Ferry for Brenton Islanders", report("Brenton"), site=variant).encode()},
               # re-hosted by an aggregator, its canonical URL on the registered domain
               {"kind": "response", "url": "https://reader.aggregator.example/item/77",
                "content_type": "text/html; charset=utf-8", "body": article_html(
                    "Second Daily Ferry for Dunmore Islanders", report("Dunmore"), site="Aggregator Reader",
                    canonical="https://www.nytimes.com/2024/03/04/dunmore.html").encode()}]
    write_warc(folder / "crawl.warc.gz", records)
    _, articles, pages = build(folder, tmp_path / "out")
    assert len(articles) == 5
    elsford = next(a for a in articles if "Elsford" in a["title"])
    assert (elsford["outlet"], elsford["outlet_evidence"], elsford["host_site"]) == \
        ("Harbour Gazette", "source_line", RESTRICTED_OUTLET)
    for place in ("Aldbury", "Brenton", "Dunmore"):
        article = next(a for a in articles if place in a["title"])
        assert_withheld(article, pages, place)
        assert article["outlet_evidence"] == "url" and article["host_site"] is None
    aldbury = next(p for p in pages if p["source_file"] == "saved/aldbury.html")
    assert aldbury["extraction"].endswith(
        "; the page's site is The New York Times, by the registered domain of its URL "
        f"https://www.nytimes.com/2024/03/04/world/aldbury-ferry.html: its site name {variant!r} is not a name "
        "the registry lists")
    caxley = next(a for a in articles if "Caxley" in a["title"])
    assert (caxley["outlet"], caxley["outlet_evidence"]) == ("Harbour Weekly", "site_name") and caxley["text"]
    outlets = {r["name"]: r for f in (tmp_path / "out" / "outlets").glob("*.parquet")
               for r in pq.read_table(f).to_pylist()}
    assert outlets[RESTRICTED_OUTLET]["n_articles"] == 3 and variant not in outlets


def test_a_per_outlet_rule_that_matches_no_outlet_is_a_warning_naming_it_and_fails_strict(tmp_path):
    """A misspelt `[rights.outlets]` rule decides nothing: the build says so, naming the rule and the closest
    outlet of the build, and `--strict` refuses it, leaving the output folder as it was."""
    from corpus_pkg.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text_page("Aldbury", "Harbour Gazette"), encoding="utf-8")
    (folder / "b.txt").write_text(text_page("Brenton", None), encoding="utf-8")
    config = tmp_path / "build.toml"
    config.write_text('[rights.outlets]\n"Harbour Gazete" = "exclude"\n"Harbour Gazette" = "withhold_text"\n'
                      '"Quayside Herald" = "exclude"\n', encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out", "--config", str(config))
    report = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == [
        "rights rule [rights.outlets] 'Harbour Gazete' = 'exclude' matches no outlet of this build, so it decides "
        "nothing (check its spelling); the closest outlet of this build is 'Harbour Gazette'",
        "rights rule [rights.outlets] 'Quayside Herald' = 'exclude' matches no outlet of this build, so it decides "
        "nothing (check its spelling); this build's outlets: 'Harbour Gazette'"]
    assert next(a for a in articles if "Aldbury" in a["title"])["text"] == ""       # the rule that matched applied
    assert report["unmatched_rights_rules"] == ["Harbour Gazete", "Quayside Herald"]
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "| Harbour Gazete | `exclude` (matches no outlet of this build: it decided nothing) |" in card
    assert "| Harbour Gazette | `withhold_text` |" in card
    before = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert main(["build", "--input", str(folder), "--output", str(tmp_path / "out"), "--config", str(config),
                 "--quiet", "--strict"]) != 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == before


@pytest.mark.parametrize("rule", ["NYT", "nytimes.com", "https://www.nytimes.com/section/world"])
def test_a_per_outlet_rule_names_an_outlet_as_the_registry_does_by_alias_or_domain(tmp_path, rule):
    """A rule spelt as an alias or a domain of a registered outlet is that outlet's rule (as a page's `Source:`
    line spelt so is), with no warning."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text_page("Aldbury", RESTRICTED_OUTLET), encoding="utf-8")
    config = tmp_path / "build.toml"
    config.write_text(f'[rights.outlets]\n"{rule}" = "include"\n', encoding="utf-8")
    _, [article], _ = build(folder, tmp_path / "out", "--config", str(config))
    assert article["text"] and article["rights_status"] == "restricted"
    report = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == []
