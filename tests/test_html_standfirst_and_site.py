"""HTML metadata trafilatura leaves out: a microdata or meta description as the standfirst when the text prints
none, and a site name printed only in the <title> (and in the page's footer, or a registered outlet's)."""

from __future__ import annotations

from inputs_pages import ORCHARD, RIVER, build

TITLE = "Flood barrier holds through third storm"
STANDFIRST = "Engineers say the raised embankment will protect the mill road for decades"


def page(title_element: str, *, standfirst: str = "", head: str = "", footer: str = "") -> str:
    """An article page with no og:site_name, in schema.org microdata."""
    paragraphs = "".join(f"<p>{p}</p>" for p in RIVER)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title_element}</title>{head}</head>'
            '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            '<article itemscope itemtype="https://schema.org/NewsArticle">'
            f'<h1 itemprop="headline">{TITLE}</h1>{standfirst}'
            '<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Maria Lind'
            '</span></span><time itemprop="datePublished" datetime="2024-03-04T08:00:00+00:00">4 March 2024</time>'
            f'<div itemprop="articleBody">{paragraphs}</div></article><footer>{footer}</footer></body></html>')


def only_article(tmp_path, html: str) -> dict:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.html").write_text(html, encoding="utf-8")
    _, (article,), _ = build(folder, tmp_path / "out")
    return article


def test_a_microdata_description_is_the_standfirst(tmp_path):
    html = page(f"{TITLE} | Valley Courier", standfirst=f'<p class="dek" itemprop="description">{STANDFIRST}</p>')
    assert only_article(tmp_path, html)["subtitle"] == STANDFIRST


def test_a_meta_description_that_is_the_lead_cut_short_is_no_standfirst(tmp_path):
    lead = RIVER[0].replace("said on Tuesday", "said")[:140] + "..."
    html = page(TITLE, head=f'<meta name="description" content="{lead}">')
    assert only_article(tmp_path, html)["subtitle"] is None


def test_a_meta_description_of_its_own_is_the_standfirst(tmp_path):
    html = page(TITLE, head=f'<meta property="og:description" content="{STANDFIRST}.">')
    assert only_article(tmp_path, html)["subtitle"] == STANDFIRST + "."


def test_a_site_name_in_the_title_and_the_footer_is_the_outlet(tmp_path):
    article = only_article(tmp_path, page(f"{TITLE} | Valley Courier", footer="<p>© 2024 Valley Courier</p>"))
    assert article["outlet"] == "Valley Courier" and article["outlet_evidence"] == "site_name"
    assert article["title"] == TITLE


def test_a_site_name_before_the_headline_with_only_the_title_element(tmp_path):
    """Without an <h1> trafilatura's title is the whole <title>: the site's name leaves it."""
    html = page(f"Valley Courier - {TITLE}", footer='<div class="copy">Copyright © Valley Courier</div>')
    html = html.replace(f'<h1 itemprop="headline">{TITLE}</h1>', "")
    article = only_article(tmp_path, html)
    assert article["outlet"] == "Valley Courier" and article["title"] == TITLE


def test_a_title_part_printed_nowhere_else_is_not_an_outlet(tmp_path):
    """'News' is printed in the menu, not in the footer: the title's tail is not taken for the site's name."""
    article = only_article(tmp_path, page(f"{TITLE} | News", footer="<p>Contact us</p>"))
    assert article["outlet"] is None and article["title"] == TITLE


def test_a_registered_outlets_name_in_the_title_is_the_outlet(tmp_path):
    """A name the outlet registry lists needs no footer (CounterPunch is a registered outlet)."""
    html = page(f"{TITLE} | CounterPunch").replace("".join(f"<p>{p}</p>" for p in RIVER),
                                              "".join(f"<p>{p}</p>" for p in ORCHARD))
    html = html.replace(f'<h1 itemprop="headline">{TITLE}</h1>', f'<h1 itemprop="headline">{TITLE}</h1>')
    assert only_article(tmp_path, html)["outlet"] == "CounterPunch"


def test_a_section_in_the_title_and_the_footers_links_is_not_the_site(tmp_path):
    """'Headline | Politics' with a 'Politics' link in the footer: a section of the site; only the copyright
    notice confirms a site's name."""
    footer = '<a href="/politics">Politics</a> <a href="/sport">Sport</a> <p>© 2024 Capitol Courier</p>'
    article = only_article(tmp_path, page(f"{TITLE} | Politics", footer=footer))
    assert article["outlet"] != "Politics" and article["rights_holder"] != "Politics"
