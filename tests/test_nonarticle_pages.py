"""Pages that are not articles (listings of teasers, error, consent and legal pages, a text too short to be an
article) give no record from HTML and WARC inputs, with their decision and reason in the report and the pages
audit; a real short article stays an article. Crawlers' own files are skipped; HTTrack's comment and a mirror
folder named like a host give a page's URL. Every page here is written for these tests."""

from __future__ import annotations

import datetime as dt
import json

from inputs_pages import ORCHARD, RIVER, article_html, build, by_title, write_warc

from corpus_pkg.validate import validate

TEASERS = [
    ("Flood barrier holds through third storm", "The river authority said the new barrier had held through the "
     "third storm of the season, and that the houses along the old mill road had stayed…"),
    ("Late frost hits northern orchards", "Apple growers in the northern hills expect a smaller harvest this "
     "autumn after a late frost in April damaged the blossom on many…"),
    ("Library reopens after two years of works", "The town library opens its doors again with a large reading "
     "room over the river and a floor of its own for children and…"),
]
SHORT_ARTICLE = ["The town council approved the new footbridge over the canal on Monday evening by nine votes "
                 "to two, after a debate of three hours.",
                 "Work will start in May and should end before the winter, the mayor said after the vote."]


def site_page(title: str, main: str, *, head_title: str | None = None) -> str:
    """A page of the site around `main` (HTML): its menu, its header and its footer, as on its articles."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{head_title or title}</title>'
            '</head><body><header><a href="/">Valley Courier</a><nav><a href="/news">News</a> <a href="/sport">'
            f'Sport</a></nav></header><main><h1>{title}</h1>{main}</main><footer><p>© Valley Courier.</p>'
            '<a href="/about">About</a></footer></body></html>\n')


def listing_page() -> str:
    items = "".join(f'<article class="teaser"><h2><a href="/news/{n}">{headline}</a></h2><p>{excerpt}</p>'
                    f'<span>2024-03-0{n + 1}</span></article>' for n, (headline, excerpt) in enumerate(TEASERS))
    return site_page("Latest news", items + '<a href="/page/2">Older posts</a>', head_title="Latest news | Valley Courier")


def write_non_articles(folder):
    folder.mkdir()
    (folder / "flood.html").write_text(article_html("Flood barrier holds through third storm", RIVER), encoding="utf-8")
    (folder / "bridge.html").write_text(article_html("Council approves footbridge over the canal", SHORT_ARTICLE),
                                        encoding="utf-8")
    (folder / "home.html").write_text(listing_page(), encoding="utf-8")
    (folder / "missing.html").write_text(site_page(
        "Sorry", "<p>The page you asked for has moved or no longer exists on this site. Try the search box above "
        "or go back to the front page.</p>", head_title="Page not found – Valley Courier"), encoding="utf-8")
    (folder / "consent.html").write_text(site_page(
        "Before you continue to Valley Courier",
        "<p>We use cookies and data to deliver our services, to measure how often the pages are read and to show "
        "advertising that fits your interests, as our partners describe in their own policies.</p><p>If you accept "
        "all, we and our partners will also use cookies to develop new services and to measure the effect of "
        "advertising; if you reject all, we will not use cookies for these purposes.</p>",
        head_title="Before you continue"), encoding="utf-8")
    (folder / "about.html").write_text(site_page(
        "About Valley Courier", "<p>The Valley Courier is an independent newspaper of the river valley, founded by "
        "a group of teachers and printers and owned today by a cooperative of its readers and its staff.</p><p>Its "
        "newsroom follows the code of the national press council and publishes its corrections on the page of "
        "each article it corrects.</p>", head_title="About us | Valley Courier"), encoding="utf-8")
    (folder / "stub.html").write_text(site_page("Valley Courier", "<p>Our offices are closed on Monday for the spring holiday and open again on Tuesday.</p>"),
                                      encoding="utf-8")


def test_html_pages_that_are_not_articles_give_no_record_and_say_why(tmp_path):
    write_non_articles(tmp_path / "site")
    files, articles, pages = build(tmp_path / "site", tmp_path / "out")
    assert set(by_title(articles)) == {"Flood barrier holds through third storm",
                                       "Council approves footbridge over the canal"}   # the short one stays
    reasons = {"home.html": "none: a listing page: its main text is 3 teasers",
               "missing.html": "none: an error page: its title says 'Page not found'",
               "consent.html": "none: a cookie-consent wall: its title says 'Before you continue'",
               "about.html": "none: a legal or about page of the site: its title says 'About us'",
               "stub.html": "none: a main text of 15 word(s), shorter than a paragraph of an article"}
    for name, reason in reasons.items():
        report = files[f"site/{name}"]
        assert report["page_decision"].startswith(reason), report["page_decision"]
        kind = "listing" if name == "home.html" else "no-article"     # the page type a text listing has too
        assert report["n_articles"] == 0 and report["page_type"] == kind and report["status"] == "read"
        assert any(w.startswith("no article found on the page") for w in report["warnings"])
        page = next(p for p in pages if p["source_file"] == f"site/{name}")
        assert page["page_decision"] == "none"
        assert page["page_decision_reason"] in report["page_decision"] and page["n_articles"] == 0
        covered = [n for s in page["spans"] for n in range(s["line_start"], s["line_end"] + 1)]
        assert covered == list(range(1, page["n_lines"] + 1))     # nothing lost: every line in the audit
        assert all(s["article_id"] is None and s["role"] in ("boilerplate", "blank") for s in page["spans"])
    for name in ("flood.html", "bridge.html"):
        assert files[f"site/{name}"]["page_decision"].startswith("one: ")
    assert validate(tmp_path / "out") == []


def test_a_full_article_with_a_linked_headline_and_related_headlines_stays_an_article(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    related = "".join(f'<div class="related"><h3><a href="/news/{n}">{headline}</a></h3></div>'
                      for n, (headline, _) in enumerate(TEASERS[1:]))
    main = ('<article><h1><a href="/news/flood">Flood barrier holds through third storm</a></h1>'
            + "".join(f"<p>{p}</p>" for p in RIVER) + "</article>" + related)
    (folder / "flood.html").write_text(site_page("", main, head_title="Flood barrier holds through third storm")
                                       .replace("<h1></h1>", ""), encoding="utf-8")
    files, (article,), _ = build(folder, tmp_path / "out")
    assert article["text"].startswith(RIVER[0]) and files["site/flood.html"]["page_decision"].startswith("one: ")


def test_warc_pages_that_are_not_articles_and_containers_without_pages_pass_validation(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    write_warc(folder / "a.warc.gz", [
        {"kind": "response", "url": "https://courier.example/", "content_type": "text/html",
         "body": site_page("Valley Courier", "<p>Floods</p>").encode()},
        {"kind": "response", "url": "https://courier.example/news/", "content_type": "text/html",
         "body": listing_page().encode()},
        {"kind": "response", "url": "https://courier.example/flood", "content_type": "text/html",
         "body": article_html("Flood barrier holds through third storm", RIVER).encode()},
    ])
    write_warc(folder / "b-revisits.warc.gz", [{"kind": "warcinfo"}, {"kind": "request", "url": "https://courier.example/"},
                                               {"kind": "revisit", "url": "https://courier.example/"}])
    (folder / "c-empty.jsonl").write_text(json.dumps({"title": "Nothing here", "text": ""}) + "\n", encoding="utf-8")
    brief = {"title": "Ferry resumes service", "text": "The ferry across the lake runs again from Monday."}
    (folder / "d-brief.jsonl").write_text(json.dumps(brief) + "\n", encoding="utf-8")   # a scraper's record: kept
    files, articles, pages = build(folder, tmp_path / "out")
    assert sorted(a["title"] for a in articles) == ["Ferry resumes service", "Flood barrier holds through third storm"]
    assert files["crawl/d-brief.jsonl"]["n_articles"] == 1
    warc = files["crawl/a.warc.gz"]
    assert warc["n_articles"] == 1 and warc["records"]["page"] == 3
    assert sum("no article found on the page" in w for w in warc["warnings"]) == 2
    assert any("a listing page" in w for w in warc["warnings"])
    decided = {p["url"]: (p["page_decision"], p["n_articles"]) for p in pages if p["source_file"] == "crawl/a.warc.gz"}
    assert decided["https://courier.example/news/"] == ("none", 0) and decided["https://courier.example/flood"] == ("one", 1)
    assert decided["https://courier.example/"][0] == "none"
    for name in ("crawl/b-revisits.warc.gz", "crawl/c-empty.jsonl"):
        assert files[name]["status"] == "skipped" and files[name]["reason"].startswith("no page among its records")
    assert validate(tmp_path / "out") == []


def test_httrack_files_are_skipped_and_its_comment_gives_url_and_fetch_date(tmp_path):
    project = tmp_path / "mirror" / "courier"
    (project / "hts-cache").mkdir(parents=True)
    (project / "hts-log.txt").write_text("HTTrack3.49-2 launched on Mon, 04 Mar 2024 10:00:00 at courier.example\n"
                                         "mirror complete in 3 seconds : 4 links scanned\n", encoding="utf-8")
    (project / "hts-cache" / "new.txt").write_text("date\tsize\tflags\tstatusCode\tURL\n10:00:01\t4000\t---M--\t200\t"
                                                   "courier.example/flood\n", encoding="utf-8")
    (project / "index.html").write_text('<html><head><title>Page has moved</title></head><body><a href="courier.'
                                        'example/index.html">Click here...</a></body></html>\n<!-- Created by HTTrack '
                                        "Website Copier/3.49-2 [XR&CO'2014] -->\n", encoding="utf-8")
    site = project / "courier.example"
    site.mkdir()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /search\n", encoding="utf-8")
    comment = ("<!-- Mirrored from courier.example/news/flood by HTTrack Website Copier/3.x [XR&CO'2014], "
               "Mon, 04 Mar 2024 10:00:04 GMT -->")
    (site / "flood.html").write_text(comment + "\n" + article_html("Flood barrier holds through third storm", RIVER),
                                     encoding="utf-8")
    files, (article,), pages = build(tmp_path / "mirror", tmp_path / "out")
    for name in ("courier/hts-log.txt", "courier/hts-cache/new.txt", "courier/courier.example/robots.txt"):
        assert files[f"mirror/{name}"]["status"] == "skipped" and "crawler's file" in files[f"mirror/{name}"]["reason"]
    assert "HTTrack writes itself" in files["mirror/courier/index.html"]["reason"]
    provenance = article["provenance"][0]
    assert provenance["url"] == "http://courier.example/news/flood"
    assert provenance["fetch_date"] == dt.datetime(2024, 3, 4, 10, 0, 4, tzinfo=dt.timezone.utc)
    assert "HTTrack's 'Mirrored from' comment" in pages[0]["extraction"]


def test_a_mirror_folder_named_like_a_host_gives_the_url_only_when_the_page_gives_none(tmp_path):
    mirror = tmp_path / "wget"
    (mirror / "www.courier.example" / "news" / "flood").mkdir(parents=True)
    (mirror / "www.courier.example" / "news" / "frost").mkdir(parents=True)
    (mirror / "notes.v2").mkdir()
    (mirror / "www.courier.example" / "news" / "flood" / "index.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, canonical="../flood/index.html"), encoding="utf-8")
    (mirror / "www.courier.example" / "news" / "frost" / "index.html").write_text(article_html(
        "Late frost hits northern orchards", ORCHARD, canonical="https://courier.example/frost"), encoding="utf-8")
    (mirror / "notes.v2" / "bridge.html").write_text(article_html("Council approves footbridge over the canal",
                                                                  SHORT_ARTICLE), encoding="utf-8")
    _, articles, pages = build(mirror, tmp_path / "out")
    found = by_title(articles)
    assert found["Flood barrier holds through third storm"]["provenance"][0]["url"] == \
        "http://www.courier.example/news/flood/index.html"
    assert found["Late frost hits northern orchards"]["provenance"][0]["url"] == "https://courier.example/frost"
    assert found["Council approves footbridge over the canal"]["provenance"][0]["url"] is None
    unnamed = article_html("Late frost hits northern orchards", ORCHARD, site=None)     # no site name: the host's
    (mirror / "www.courier.example" / "news" / "frost" / "index.html").write_text(unnamed, encoding="utf-8")
    _, articles, _ = build(mirror, tmp_path / "out2")
    frost = by_title(articles)["Late frost hits northern orchards"]
    assert frost["outlet"] == "courier.example" and frost["outlet_evidence"] == "mirror_path"
    assert found["Flood barrier holds through third storm"]["outlet_evidence"] == "site_name"
    flood = next(p for p in pages if p["source_file"].endswith("flood/index.html"))
    assert "from the file's place in a mirror folder" in flood["extraction"]


def test_explain_gives_a_documents_decision_as_the_build_does(tmp_path):
    from corpus_pkg.explain import explain_file

    (tmp_path / "home.html").write_text(listing_page(), encoding="utf-8")
    (tmp_path / "flood.html").write_text(article_html("Flood barrier holds through third storm", RIVER), encoding="utf-8")
    home = explain_file(tmp_path / "home.html")
    assert "0 unit(s)" in home and "# page decision: none (a listing page: its main text is 3 teasers" in home
    assert "# page decision: one (" in explain_file(tmp_path / "flood.html")


def test_a_signed_and_dated_article_headlined_like_a_legal_page_stays_an_article(tmp_path):
    """'Privacy policy' as a news headline: the metadata names an author and a publication date, which a site's
    own legal page does not, so the title alone does not make it one."""
    folder = tmp_path / "site"
    folder.mkdir()
    paragraphs = ["The town council adopted a privacy policy for its new parking app on Monday, after residents "
                  "asked what the app does with their number plates and payment details.",
                  "The policy says plates are deleted after thirty days and that no data is sold, the council said."]
    (folder / "policy.html").write_text(article_html("Privacy policy", paragraphs), encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")
    assert [a["title"] for a in articles] == ["Privacy policy"]
