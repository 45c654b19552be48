"""Metadata an HTML page declares where trafilatura does not look: a microdata standfirst, a site name printed
only in the `<title>`.

* `microdata_description`: schema.org microdata's `itemprop="description"` of the article item (a standfirst
  printed under the headline, `<p itemprop="description">`); trafilatura reads `<meta name="description">` and
  `og:description` only.
* `title_site_name`: 'Headline | Site Name' (or 'Site Name - Headline') in the `<title>` of a page that declares
  no `og:site_name`: the part beside the headline is the site's name when the page prints it elsewhere too (a
  footer, a copyright line) or the outlet registry lists it; otherwise it is only a guess and is not taken.
"""

from __future__ import annotations

import re

import lxml.html

#: what separates a headline from the site's name in a `<title>` (white space on both sides)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
#: schema.org item types whose description is the article's standfirst (Article and its subtypes: NewsArticle,
#: ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report, ...)
ARTICLE_TYPES = re.compile(r"(?:Article|Posting|Report)$")
MAX_SITE_NAME_WORDS = 6


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


def title_and_body(tree: lxml.html.HtmlElement) -> tuple[str, str]:
    """The page's `<title>` and its body's text, white space collapsed (read before trafilatura, which may prune
    the tree it is given)."""
    title = next((t.text_content() for t in tree.iter("title")), "")
    body = next(iter(tree.iter("body")), None)
    return _text(title), _text(body.text_content()) if body is not None else ""


def title_site_name(title: str, body: str, headline: str, registry) -> tuple[str, str, str] | None:
    """(site name, the headline without it, why) from the page's `<title>` (`title`) when it is 'Headline |
    Site Name' or 'Site Name | Headline' (`TITLE_SEPARATORS`) and the name is confirmed: printed in the page's
    `body` text too (a footer, a copyright line; outside the headline), or a name the outlet `registry`
    resolves. `headline`: the title trafilatura found (the `<h1>`, `og:title`, or the whole `<title>`); the
    headline returned is it, or the `<title>` without the name when that was all trafilatura found. None when
    the `<title>` names no confirmed site."""
    separators = list(TITLE_SEPARATORS.finditer(title))
    if not separators:
        return None
    headline = _text(headline)
    printed = body.casefold().replace(headline.casefold(), " ", 1)
    # the name is the last part ('Headline | Section | Site') or the first ('Site - Headline')
    for site, rest in ((title[separators[-1].end():], title[:separators[-1].start()]),
                       (title[:separators[0].start()], title[separators[0].end():])):
        if len(site.split()) > MAX_SITE_NAME_WORDS or site.casefold() in headline.casefold():
            continue
        if headline not in (title, rest):
            continue
        found = "printed in the page besides its <title>" if site.casefold() in printed else \
            "a name the outlet registry lists" if registry.resolve(site) is not None else None
        if found:
            return site, rest, found
    return None
