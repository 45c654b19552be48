"""Metadata an HTML page declares where trafilatura does not look: a microdata standfirst, a standfirst printed
under the headline that trafilatura kept as the first paragraph, a site name printed only in the `<title>`; and
trafilatura's site name told from its fallback, the URL's host.

* `microdata_description`: schema.org microdata's `itemprop="description"` of the article item (a standfirst
  printed under the headline, `<p itemprop="description">`); trafilatura reads `<meta name="description">` and
  `og:description` only.
* `printed_standfirst`: the first paragraph of the main text is the standfirst when it is printed under the
  headline in an element whose class names one (`markup.toml`) or, apart from the body (a heading, another
  container), says what the page's description says.
* `title_site_name`: 'Headline | Site Name' (or 'Site Name - Headline') in the `<title>` of a page that declares
  no `og:site_name`: the part beside the headline is the site's name when the page prints it elsewhere too (a
  footer, its copyright notice) or the outlet registry lists it; otherwise it is only a guess and is not taken.
* `amp_canonical`: an AMP rendering of a page (`<html amp>` or `<html ⚡>`, as the AMP specification marks it) and
  the canonical page it names (`<link rel="canonical">`, which the specification requires).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

import lxml.html

from ..cues import ends_sentence, site_name_readings
from .html_lines import line_of

#: schema.org item types whose description is the article's standfirst (Article and its subtypes: NewsArticle,
#: ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report, ...)
ARTICLE_TYPES = re.compile(r"(?:Article|Posting|Report)$")
MAX_SITE_NAME_WORDS = 6
MAX_STANDFIRST_WORDS = 60       # a longer first paragraph is the article's lead, not its standfirst
MIN_STANDFIRST_WORDS = 6        # a shorter line under the headline is a label, a kicker or a byline
MAX_BETWEEN_WORDS = 16          # lines between the headline and a standfirst are this short (a byline, a date)
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
CLASS_WORDS = re.compile(r"[\s_-]+")
#: trafilatura's site name when a page declares none: its URL's host (`trafilatura.metadata.META_URL`)
URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
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


def declared_site_name(sitename: str | None, urls: tuple[str | None, ...]) -> str | None:
    """The site name trafilatura found (`sitename`) when the page declares it (og:site_name, a publisher's name in
    its metadata or JSON-LD, a domain-like part of its `<title>`); None when it is only trafilatura's fallback, the
    host of the page's URL (`urls`: canonical and fetched) as printed there, without 'www.' ('Salon.com' is
    declared, 'salon.com' on https://www.salon.com/... may be either, and is the URL's anyway): a URL's domain is the outlet's last
    resort (evidence `url`), after the site name the `<title>` and the copyright notice print (`title_site_name`)."""
    if not sitename:
        return None
    hosts = {found[1] for url in urls if url and (found := URL_HOST.match(url))}
    return None if sitename in hosts else sitename


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


@cache
def markup_classes() -> dict[str, frozenset[str]]:
    """The class and id words of `markup.toml` (`standfirst_classes`, `lead_classes`), case-folded."""
    text = (resources.files("corpus_pkg") / "inputs" / "markup.toml").read_text(encoding="utf-8")
    return {key: frozenset(word.casefold() for word in words) for key, words in tomllib.loads(text).items()}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _element(tree: lxml.html.HtmlElement, path: str):
    found = tree.getroottree().xpath(path)
    return found[0] if found else None


def _named(element, shared: set, words: frozenset[str]) -> bool:
    """Whether `element` or one of its ancestors not in `shared` (those of the body's first paragraph too) has a
    class or id word of `words`."""
    for node in (element, *element.iterancestors()):
        if node in shared:
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}".casefold()
        if not words.isdisjoint(CLASS_WORDS.split(names)):
            return True
    return False


def printed_standfirst(tree: lxml.html.HtmlElement, lines: list[tuple[str, str]], title: str,
                       paragraphs: list[str], description: str | None) -> tuple[str, str, bool] | None:
    """(standfirst, why, kept) of the standfirst a page prints under its headline (`title`), from `lines` (the
    page's lines with their tree paths, `html._visible_lines`) and the main text's `paragraphs` (trafilatura's, the
    headline left out); `kept`: it is the first of them (then it is no body text). None when there is none.

    The first paragraph is the standfirst when it has at most MAX_STANDFIRST_WORDS words, more paragraphs follow,
    only short lines (a byline, a date) are printed between it and the headline, and either its element's class or
    id (or an ancestor's not holding the body) names a standfirst ('dek', 'standfirst': `standfirst_classes` of
    `markup.toml`), or it is set apart from the body (a heading, or in another container than the next paragraph)
    and named as a lead ('field--name-field-lead': `lead_classes`) or says what the page's `description` says,
    word for word; or, in the body's container, it says what the description says and is no sentence (a static
    site's dek), which the text does not repeat. When the headline is not found as printed (the `<title>` differs),
    only a line saying what the description says can be the standfirst. The body's own first paragraph (a wire
    story's lead repeated as its summary, the BBC's bold introduction) sits in the body's container: it stays body
    text. Else a line trafilatura left out between the headline and the main text, of MIN_STANDFIRST_WORDS to
    MAX_STANDFIRST_WORDS words, whose class names a standfirst, is the standfirst (not kept)."""
    if not paragraphs:
        return None
    first = " ".join(paragraphs[0].split())
    at = line_of(lines, first)
    if at is None:
        return None
    headline = next((i for i in range(at - 1, -1, -1) if lines[i][0] == title), None)
    described = bool(description) and _words(description) == _words(first)
    if headline is None and not described:
        return None     # the headline not found as printed: only the page's description names its standfirst
    between = lines[headline + 1:at] if headline is not None else []
    body = _element(tree, lines[at][1])
    shared, standfirsts = set(body.iterancestors()) if body is not None else set(), markup_classes()["standfirst_classes"]
    for text, path in between:
        element = _element(tree, path)
        if MIN_STANDFIRST_WORDS <= len(text.split()) <= MAX_STANDFIRST_WORDS and element is not None \
                and _named(element, shared, standfirsts):
            return text, f"printed in <{element.tag}> whose class names a standfirst", False
    if len(paragraphs) < 2 or len(first.split()) > MAX_STANDFIRST_WORDS \
            or any(len(text.split()) > MAX_BETWEEN_WORDS for text, _ in between):
        return None
    after = line_of(lines, " ".join(paragraphs[1].split()), at + 1)
    element, body = body, _element(tree, lines[after][1]) if after is not None else None
    if element is None:
        return None
    if body is None:    # the next paragraph not found as printed: a heading or the article's header says it
        set_apart = element.tag in HEADINGS or any(a.tag == "header" for a in element.iterancestors())
        return (first, "printed apart from the body, as the page's description", True) if described and set_apart \
            else None
    shared, classes = set(body.iterancestors()), markup_classes()
    if _named(element, shared, classes["standfirst_classes"]):
        return first, f"printed in <{element.tag}> whose class names a standfirst", True
    if element.tag not in HEADINGS and element.getparent() is body.getparent():
        # in the body's container, a static site's dek (Jekyll, Hugo): the page's description printed whole as the
        # text's first line, not a sentence, and not repeated by the text (a CMS's automatic excerpt is a sentence)
        if described and not ends_sentence(first) \
                and " ".join(_words(first)) not in " ".join(_words(" ".join(paragraphs[1:]))):
            return first, "printed as the text's first line: the page's description, not a sentence", True
        return None
    if _named(element, shared, classes["lead_classes"]):
        return first, f"printed apart from the body in <{element.tag}> whose class names a lead", True
    if described:
        return first, "printed apart from the body, as the page's description", True
    return None

