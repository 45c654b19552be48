"""Round 11c: a paywall's teaser of an article and its full copy, AMP copies, listing pages with a bare 'Read more'
or two teasers, a static site's description printed as its standfirst, and a personal blog named after its author.
Pages written for these tests (WordPress, Ghost, Hugo, Jekyll and news-CMS markup, our own text)."""

from __future__ import annotations

import json

import pytest
from inputs_pages import LIBRARY, ORCHARD, RIVER, build
from test_extraction import analyse

HEADLINE = "Flood barrier holds through third storm of the season"
DEK = "Engineers say the raised embankment kept the mill road dry for the first time in a decade"
URL = "https://www.harbourtimes.example/news/2024/03/04/flood-barrier-holds/"
AMP_URL = URL + "amp/"


def news_cms_page(paragraphs: list[str], after: str = "", *, lang: str = "en", html_attr: str = "",
                  own_url: str | None = None, free: bool = True) -> str:
    """A page as a news CMS (Arc-like) serves it: JSON-LD NewsArticle, a canonical link, the article, a footer."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE, "description": DEK,
          "datePublished": "2024-03-04T08:00:00Z", "author": [{"@type": "Person", "name": "Maria Lind"}],
          "publisher": {"@type": "Organization", "name": "The Harbour Times"}, "mainEntityOfPage": URL,
          "isAccessibleForFree": "True" if free else "False"}
    own = f'<meta property="og:url" content="{own_url}">' if own_url else ""
    return (f'<!DOCTYPE html><html {html_attr} lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{HEADLINE} – The Harbour Times</title><meta property="og:site_name" content="The Harbour Times">'
            f'<meta property="og:title" content="{HEADLINE}"><meta name="description" content="{DEK}">'
            f'<link rel="canonical" href="{URL}">{own}<script type="application/ld+json">{json.dumps(ld)}</script>'
            '</head><body><header class="site-header"><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>'
            f'</header><main><article><h1 class="headline">{HEADLINE}</h1><h2 class="subheadline">{DEK}</h2>'
            '<div class="byline">By <a href="/people/maria-lind">Maria Lind</a></div>'
            '<time datetime="2024-03-04T08:00:00Z">March 4, 2024</time><div class="article-body">'
            + "".join(f"<p>{p}</p>" for p in paragraphs) + after +
            '</div></article></main><footer><p>© 2024 The Harbour Times</p><a href="/privacy">Privacy</a></footer>'
            "</body></html>")


PORT = [
    "Le conseil municipal a approuvé hier soir le projet de réaménagement du port de plaisance, qui prévoit de "
    "nouveaux pontons, une promenade le long de la digue et la rénovation de l'ancienne capitainerie d'ici deux ans.",
    "Les travaux commenceront à l'automne, une fois la saison touristique terminée, afin de ne pas gêner les "
    "plaisanciers qui louent un anneau pour l'été, a précisé l'adjoint chargé de l'urbanisme lors de la séance.",
]
PAYWALLS = [
    ("en", RIVER[:2], '<p>…</p><div class="paywall"><p><a href="/subscribe">Subscribe to read</a> the full story.</p></div>'),
    ("en", RIVER[:1], '<div class="piano-offer"><p>Continue reading</p><p>Already a subscriber? <a href="/login">Log in</a></p></div>'),
    ("fr", PORT, '<div class="paywall"><p>Abonnez-vous pour lire la suite de cet article</p></div>'),
    ("de", LIBRARY[:2], '<p>…</p><div class="paywall"><a href="/plus">Jetzt weiterlesen mit Plus</a></div>'),
]


@pytest.mark.parametrize("lang, paragraphs, paywall", PAYWALLS)
def test_a_paywall_teaser_is_one_truncated_article(tmp_path, lang, paragraphs, paywall):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "teaser.html").write_text(news_cms_page(paragraphs, paywall, lang=lang, free=False))
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert len(articles) == 1
    assert articles[0]["truncated"] is True
    assert articles[0]["text"] == "\n\n".join(paragraphs)


def test_a_full_article_with_a_link_list_after_it_is_not_truncated(tmp_path):
    related = '<div class="more"><p>Keep reading about the valley</p><p><a href="/a">Apple harvest</a></p></div>'
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "full.html").write_text(news_cms_page(RIVER, '</div><div class="x">' + related))
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert articles[0]["truncated"] is False


def test_a_paywall_teaser_and_its_full_copy_are_one_article_and_the_full_copy_is_kept(tmp_path):
    """The teaser (same URL, headline and opening) sorts first by file name; the full copy is kept all the same."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-teaser.html").write_text(news_cms_page(RIVER[:2], PAYWALLS[0][2], free=False))
    (tmp_path / "in" / "b-full.html").write_text(news_cms_page(RIVER))
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert len(articles) == 1
    article = articles[0]
    assert article["n_copies"] == 2 and article["truncated"] is False
    assert article["text"] == "\n\n".join(RIVER)
    assert [p["source_file"] for p in article["provenance"]] == ["in/b-full.html", "in/a-teaser.html"]


def test_an_amp_copy_is_one_article_with_its_canonical_page_which_is_kept(tmp_path):
    """The AMP rendering (`<html ⚡>`, canonical link to the normal page) lacks a paragraph (an embed AMP does not
    render): not a near-duplicate by MinHash, but its headline and opening are the page's."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-amp.html").write_text(news_cms_page(RIVER[:3], html_attr="⚡", own_url=AMP_URL))
    (tmp_path / "in" / "b-page.html").write_text(news_cms_page(RIVER, own_url=URL))
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert len(articles) == 1
    article = articles[0]
    assert article["n_copies"] == 2 and article["text"] == "\n\n".join(RIVER)
    assert [(p["source_file"], p["url"]) for p in article["provenance"]] == [("in/b-page.html", URL),
                                                                             ("in/a-amp.html", AMP_URL)]
    assert URL in article["urls"] and AMP_URL not in article["urls"]


TEASERS = [("Flood barrier holds through third storm", RIVER[0]), ("Apple growers expect a smaller harvest", ORCHARD[0]),
           ("Council approves new bus routes for the valley", RIVER[3])]


def text_listing(n: int, marker: str) -> str:
    lines = ["Valley Courier", "Home | News | Sport | Contact", "", "Latest news", ""]
    for headline, blurb in TEASERS[:n]:
        lines += [headline, "March 4, 2024", blurb[:190].rsplit(" ", 1)[0], marker, ""]
    return "\n".join(lines + ["© 2024 Valley Courier"]) + "\n"


@pytest.mark.parametrize("n", [3, 2])
def test_a_text_listing_whose_teasers_end_in_a_bare_read_more_is_a_listing(tmp_path, n):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "latest.txt").write_text(text_listing(n, "Read more"))
    (tmp_path / "in" / "article.html").write_text(news_cms_page(RIVER))
    files, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert files["in/latest.txt"]["n_articles"] == 0 and files["in/latest.txt"]["page_type"] == "listing"
    assert len(articles) == 1


def test_a_full_article_then_a_bare_read_more_list_stays_one_whole_article():
    page, records = analyse("\n".join(["Flood barrier holds through third storm", "By Maria Lind", "March 4, 2024", "",
                                       "\n\n".join(RIVER), "", "Read more", "Apple growers expect a smaller harvest",
                                       "Council approves new bus routes for the valley"]) + "\n")
    assert len(records) == 1 and records[0].paragraphs == RIVER and records[0].truncated is False


def test_a_cut_article_beside_one_teaser_is_not_a_listing():
    """A paywall's cut article (a standfirst, two paragraphs, 'Continue reading') and one teaser of another."""
    page, records = analyse("\n".join([
        "Flood barrier holds through third storm", "Engineers say the raised embankment kept the mill road dry",
        "By Maria Lind", "March 4, 2024", "", RIVER[0], "", RIVER[1], "Continue reading", "",
        "Apple growers expect a smaller harvest", ORCHARD[0][:150] + "…", "Read more"]) + "\n")
    assert page.decision.kind != "none" and len(records) == 1


def static_site_page(description: str, dek_html: str, paragraphs: list[str], generator: str) -> str:
    """A Hugo, Jekyll or Ghost post: the description in the head's meta tags, the post's own header and text."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="generator" content="{generator}">'
            f'<title>Why the river keeps rising | Field Notes</title><meta name="description" content="{description}">'
            f'<meta property="og:description" content="{description}"><meta property="og:title" content="Why the '
            'river keeps rising"><meta property="og:type" content="article"><meta property="article:published_time" '
            'content="2024-02-10T00:00:00Z"></head><body><header><a href="/">Field Notes</a></header><main>'
            '<article class="post"><header class="post-header"><h1 class="post-title">Why the river keeps rising</h1>'
            f'{dek_html}<div class="post-meta"><time datetime="2024-02-10">February 10, 2024</time></div></header>'
            '<div class="post-content">' + "".join(f"<p>{p}</p>" for p in paragraphs) +
            '</div></article></main><footer>Powered by Hugo</footer></body></html>')


STANDFIRST = "A look at the embankments, the gravel barges and the money behind the valley's new defences"


@pytest.mark.parametrize("name, description, dek_html, paragraphs, subtitle", [
    # Jekyll: the description printed as the post's first line (no sentence end): the standfirst
    ("jekyll", STANDFIRST, "", [STANDFIRST] + RIVER, STANDFIRST),
    # Hugo: the description printed as a sub-heading the main text keeps, ending like a sentence
    ("hugo", STANDFIRST + ".", "", [f"</p><h2>{STANDFIRST}.</h2><p>" + RIVER[0]] + RIVER[1:], STANDFIRST + "."),
    # Ghost: its automatic excerpt repeats the first paragraph: body text, no standfirst
    ("ghost", RIVER[0], "", RIVER, None),
])
def test_a_static_sites_description_printed_as_its_first_line_is_the_standfirst(tmp_path, name, description, dek_html,
                                                                                 paragraphs, subtitle):
    generator = {"jekyll": "Jekyll v4.3.2", "hugo": "Hugo 0.120.4", "ghost": "Ghost 5.75"}[name]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"{name}.html").write_text(static_site_page(description, dek_html, paragraphs, generator))
    _, articles, pages = build(tmp_path / "in", tmp_path / "out")
    article = articles[0]
    assert article["subtitle"] == subtitle
    assert article["text"] == "\n\n".join(RIVER)
    if subtitle:
        # the standfirst is metadata of the page's audit, or (printed as a sub-heading under the headline:
        # `html_meta.printed_standfirst`) taken out of the main text before it is rendered, as its note says
        roles = [s["role"] for s in pages[0]["spans"] if s.get("detail") == "subtitle"]
        assert roles == ["metadata"] or not roles and f"standfirst {subtitle!r}" in pages[0]["extraction"]


def blog_page(title: str, signature: str, head: str = "") -> str:
    """A WordPress personal blog: the owner's name as the site's name, in the <title> and the copyright notice."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}'
            '<meta property="og:title" content="Notes from the orchard"></head><body><header><a href="/">Jane Roe</a>'
            '<nav><a href="/about">About</a></nav></header><main><article><h1>Notes from the orchard</h1>'
            f'<p class="meta">Posted on <time datetime="2024-05-02">May 2, 2024</time>{signature}</p>'
            + "".join(f"<p>{p}</p>" for p in ORCHARD) +
            '</article></main><footer><p>© 2024 Jane Roe</p></footer></body></html>')


@pytest.mark.parametrize("page", [
    blog_page("Notes from the orchard | Jane Roe", " by Jane Roe"),
    blog_page("Notes from the orchard", "", '<meta property="og:site_name" content="Jane Roe">'
                                            '<meta name="author" content="Jane Roe">'),
])
def test_a_personal_blog_named_after_its_signing_author_has_no_outlet(tmp_path, page):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "post.html").write_text(page)
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert articles[0]["authors"] == ["Jane Roe"]
    assert articles[0]["outlet"] is None and articles[0]["host_site"] is None


@pytest.mark.parametrize("lines", [
    # a standfirst, two paragraphs, the second cut off, a paywall's prompt
    [HEADLINE, DEK, "By Maria Lind", "March 4, 2024", "", RIVER[0], "", RIVER[1][:120] + "…", "", "Subscribe to read", ""],
    # one whole paragraph, an ellipsis alone, then 'Continue reading'
    [HEADLINE, DEK, "By Maria Lind", "", RIVER[0], "", "…", "", "Continue reading", ""],
    # the same in German, with the page's own prompt
    ["Stadtbibliothek öffnet wieder", "Von Anna Berg", "", LIBRARY[0], "", LIBRARY[1][:100] + " …", "",
     "Jetzt weiterlesen mit Plus", ""],
])
def test_a_saved_text_paywall_teaser_is_one_truncated_article_with_its_cut_paragraph(lines):
    page, records = analyse("\n".join(lines) + "\n")
    assert page.decision.kind == "one" and len(records) == 1
    assert records[0].truncated is True
    assert records[0].paragraphs[-1] == (lines[-4] if lines[-4] != "…" else lines[-6])


def test_a_list_of_cut_headlines_under_a_text_stays_out_of_it():
    """Headlines each cut with an ellipsis, one under the other, under an article: a list, not its text."""
    cut = ["Police say the bridge closure was planned for weeks …", "Jury rules for half of the plaintiffs in suit …",
           "Council will build a tenth elementary school …"]
    page, records = analyse("\n\n".join([HEADLINE, "By Maria Lind", *RIVER, *cut]) + "\n")
    assert records[0].paragraphs == RIVER


def test_a_saved_text_teaser_and_the_full_html_page_are_one_article(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-teaser.txt").write_text("\n".join(
        [HEADLINE, "By Maria Lind", "March 4, 2024", "", RIVER[0], "", RIVER[1][:120] + "…", "", "Subscribe to read"]) + "\n")
    (tmp_path / "in" / "b-full.html").write_text(news_cms_page(RIVER))
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert len(articles) == 1 and articles[0]["n_copies"] == 2
    assert articles[0]["text"] == "\n\n".join(RIVER) and articles[0]["truncated"] is False


def test_a_dek_under_a_headline_printed_unlike_the_pages_title_is_the_standfirst(tmp_path):
    """The `<h1>` prints another headline than og:title (so the headline is not found as printed): the page's
    description printed as a sub-heading is still the standfirst, not the text's first paragraph."""
    page = static_site_page(STANDFIRST + ".", "", [f"</p><h2>{STANDFIRST}.</h2><p>" + RIVER[0]] + RIVER[1:],
                            "Hugo 0.120.4").replace('<h1 class="post-title">Why the river keeps rising</h1>',
                                                    '<h1 class="post-title">The river, again</h1>')
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "post.html").write_text(page)
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    assert articles[0]["subtitle"] == STANDFIRST + "."
    assert articles[0]["text"] == "\n\n".join(RIVER)


@pytest.mark.parametrize("prompt", ["Subscribe to keep reading…", "Already a subscriber? Log in",
                                    "Register to continue reading"])
def test_a_text_page_cut_by_a_paywalls_prompt_is_one_truncated_article(prompt):
    """The English prompts a paywall prints under the part of an article it shows (`paywall_prompts`): the one
    article is truncated and the prompt is no body text."""
    text = "\n\n".join(["Why the river keeps rising", "By Tom Reed", "February 10, 2024", *RIVER[:2], prompt]) + "\n"
    _, records = analyse(text)
    assert len(records) == 1 and records[0].truncated is True
    assert records[0].text == "\n\n".join(RIVER[:2])
