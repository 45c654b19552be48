"""Metadata an HTML page declares where trafilatura does not look: a microdata standfirst, a site name printed
only in the `<title>`.

* `microdata_description`: schema.org microdata's `itemprop="description"` of the article item (a standfirst
  printed under the headline, `<p itemprop="description">`); trafilatura reads `<meta name="description">` and
  `og:description` only.
* `title_site_name`: 'Headline | Site Name' (or 'Site Name - Headline') in the `<title>` of a page that declares
  no `og:site_name`: the part beside the headline is the site's name when the page prints it elsewhere too (a
  footer, its copyright notice) or the outlet registry lists it; otherwise it is only a guess and is not taken.
* `amp_canonical`: an AMP rendering of a page (`<html amp>` or `<html ⚡>`, as the AMP specification marks it) and
  the canonical page it names (`<link rel="canonical">`, which the specification requires).
"""

from __future__ import annotations

import re

import lxml.html

from ..cues import site_name_readings

#: schema.org item types whose description is the article's standfirst (Article and its subtypes: NewsArticle,
#: ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report, ...)
ARTICLE_TYPES = re.compile(r"(?:Article|Posting|Report)$")
MAX_SITE_NAME_WORDS = 6
#: where a page prints its own name besides the <title>: its footers and its copyright notice
FOOTERS = ("//footer | //*[contains(concat(' ', normalize-space(@class), ' '), ' footer ') or @id = 'footer'] | "
           "//body//*[contains(text(), '©')]")


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def microdata_description(tree: lxml.html.HtmlElement) -> str | None:
    """The text of the first `itemprop="description"` of an article item (the nearest `itemscope` ancestor's
    `itemtype` is an Article, NewsArticle, BlogPosting, Report... of schema.org): a `<meta>`'s `content`, any
    other element's text; None when the page has none."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or "description" not in (element.get("itemprop") or "").split():
            continue
        item = next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)
        if item is None or not ARTICLE_TYPES.search((item.get("itemtype") or "").rstrip("/")):
            continue
        text = _text(element.get("content") if element.tag == "meta" else element.text_content())
        if text:
            return text
    return None


#: the attributes of `<html>` that mark an AMP document (https://amp.dev/documentation/guides-and-tutorials/learn/spec/amphtml)
AMP_ATTRIBUTES = ("amp", "⚡")


def amp_canonical(tree: lxml.html.HtmlElement) -> tuple[bool, str | None]:
    """(whether the page is an AMP rendering, the absolute URL of its `<link rel="canonical">`, None when it names
    none or the page is not AMP)."""
    if not any(name in tree.attrib for name in AMP_ATTRIBUTES):
        return False, None
    links = [link.get("href", "").strip() for link in tree.iter("link") if "canonical" in (link.get("rel") or "").split()]
    return True, next((href for href in links if href.startswith(("http://", "https://"))), None)


def title_and_footer(tree: lxml.html.HtmlElement) -> tuple[str, str]:
    """The page's `<title>`, and the text of its footers (`<footer>`, an element whose class or id names a
    footer) and of each element printing a copyright sign '©', white space collapsed (read before trafilatura,
    which may prune the tree it is given)."""
    title = next((t.text_content() for t in tree.iter("title")), "")
    found = tree.xpath(FOOTERS)
    return _text(title), " | ".join(_text(e.text_content()) for e in found if isinstance(e.tag, str))


def title_site_name(title: str, footer: str, headline: str, registry) -> tuple[str, str, str] | None:
    """(site name, the headline without it, why) from the page's `<title>` (`title`) when it is 'Headline |
    Site Name' or 'Site Name | Headline' (`cues.site_name_readings`) and the name is confirmed: printed in the page's
    copyright notice after its mark and years ('© 2024 Capitol Courier'; `footer`, `title_and_footer`), or a name the
    outlet `registry` resolves; a footer's links do not confirm it (a section's name, 'Headline | Politics').
    `headline`: the title trafilatura found (the `<h1>`, `og:title`, the whole `<title>` or one part of it); the
    headline returned is the `<title>` without the name. None when the `<title>` names no confirmed site."""
    headline = _text(headline)
    printed = footer.casefold()
    for site, rest in site_name_readings(title):
        if len(site.split()) > MAX_SITE_NAME_WORDS or headline not in (title, rest, site):
            continue
        if re.search(rf"(?:©|\(c\)|copyright)[\s\d,–—-]*{re.escape(site.casefold())}(?!\w)", printed):
            found = "the page's copyright notice names it"
        elif registry.resolve(site) is not None:
            found = "a name the outlet registry lists"
        else:
            continue
        return site, rest, found
    return None
