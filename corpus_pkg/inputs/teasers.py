"""Listing pages of saved HTML: a home page, a section, tag or archive page, a page of search results.

Such a page prints teasers: each a headline that is a link to the article, with at most a short excerpt and a
date under it. Its main text (what the extractor keeps) is then only teasers' headlines and excerpts, and no
paragraph of running text of its own. `teaser_items` finds the teasers in the page's tree; `listing_teasers`
says whether the main text is made of them. No language knowledge: the mark of a teaser is its structure (a
heading whose text is a link's text).
"""

from __future__ import annotations

from collections import Counter

import lxml.html

from .. import cues

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: elements whose headings are never the page's teasers (the site's menus, related links, footers; and the site's
#: header, a `<header>` directly in `<body>`: an article's own `<header>` holds its headline)
OUTSIDE = frozenset({"nav", "footer", "aside", "form", "script", "style", "noscript", "template"})
MAX_TEASER_WORDS = 80       # a teaser's excerpt, date and labels are shorter (in English-word equivalents,
                            # `cues.word_equivalents`); a longer item holds an article
MIN_TEASERS = 2             # a main text made of this many teasers is a listing


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _linked_heading(heading: lxml.html.HtmlElement) -> bool:
    """A heading whose whole text is a link's: `<h2><a href>Headline</a></h2>` or `<a href><h2>Headline</h2></a>`."""
    text = _text(heading)
    if not text:
        return False
    if any(a.get("href") and _text(a) == text for a in heading.iter("a")):
        return True
    parent = heading.getparent()
    return parent is not None and parent.tag == "a" and bool(parent.get("href")) and _text(parent) == text


def _outside(element: lxml.html.HtmlElement) -> bool:
    if element.tag == "header":
        parent = element.getparent()
        return parent is not None and parent.tag == "body"
    return isinstance(element.tag, str) and element.tag in OUTSIDE


def teaser_items(tree: lxml.html.HtmlElement) -> list[str]:
    """The text of each teaser of the page: the largest element around a linked heading (outside OUTSIDE) that
    holds no other linked heading, when its text beside the headline is at most MAX_TEASER_WORDS words."""
    headings = [h for h in tree.iter(*HEADINGS) if not any(_outside(a) for a in h.iterancestors())
                and _linked_heading(h)]
    if len(headings) < MIN_TEASERS:
        return []
    # linked headings below each element (keyed by the element: lxml gives the same proxy object for a node
    # while one is referenced, and the counter holds them)
    below: Counter = Counter()
    for heading in headings:
        below.update(heading.iterancestors())
    items = []
    for heading in headings:
        item = heading
        parent = item.getparent()
        while parent is not None and parent.tag not in ("body", "html") and below[parent] == 1:
            item, parent = parent, parent.getparent()
        text = _text(item)
        if cues.word_equivalents(text) - cues.word_equivalents(_text(heading)) <= MAX_TEASER_WORDS:
            items.append(text)
    return items


def listing_teasers(items: list[str], paragraphs: list[str]) -> int:
    """How many teasers the page's main text (`paragraphs`) is made of: the number of teaser items (`items`, of
    `teaser_items`) when there are MIN_TEASERS or more and every paragraph is printed inside one of them; 0
    otherwise (the main text holds running text of its own)."""
    if len(items) < MIN_TEASERS:
        return 0
    inside = all(any(" ".join(p.split()) in item for item in items) for p in paragraphs)
    return len(items) if inside else 0
