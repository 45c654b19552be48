"""The lines a saved HTML page prints around its main text, which the extractor (trafilatura's precise setting)
leaves out: the short lines between the headline and the first paragraph (a byline, a date line), the short lines
right after the last paragraph (a paywall's prompt). Read on the page's tree before the extractor prunes it; each line is the text of a block element holding
no other block, with its tree path. No language knowledge here.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

from .. import cues

# Elements whose lines are never the article's: the site's navigation and furniture, scripts, forms.
NOT_ARTICLE_TAGS = frozenset({"nav", "footer", "aside", "script", "style", "noscript", "form", "select", "button",
                              "template", "svg", "iframe", "figcaption"})
BLOCK_TAGS = frozenset({"p", "div", "li", "address", "header", "section", "article", "main", "h1", "h2", "h3", "h4",
                        "h5", "h6", "td", "dd", "dt", "blockquote", "figure", "ul", "ol", "table", "tr", "dl"})
# The site's furniture: a main text found only in these is the page's menu or footer, not an article.
FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "header", "form"})
MAX_PRINTED_LINES = 12      # lines kept before the first paragraph (a byline sits next to the headline)
MAX_PRINTED_WORDS = 16      # a longer line (in English-word equivalents) is prose, not a byline or a date line
MAX_CLOSING_LINES = 4       # lines after the main text where a paywall prints its prompt
MAX_SCANNED_LINES = 2000    # lines of the tree looked at before giving up on finding the first paragraph


def visible_lines(tree: lxml.html.HtmlElement) -> tuple[list[tuple[str, str]], list[str]]:
    """(text, tree path) of each line of a block element holding no other block (`_broken_lines`), in document
    order, outside the site's furniture (at most MAX_SCANNED_LINES); and the text of each furniture element
    (FURNITURE_TAGS)."""
    root = tree.getroottree()
    lines: list[tuple[str, str]] = []
    furniture: list[str] = []
    skip_below = None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if skip_below is not None:
            if skip_below in element.iterancestors():
                continue
            skip_below = None
        if element.tag in NOT_ARTICLE_TAGS or (element.tag == "header" and element.getparent() is not None
                                               and element.getparent().tag == "body"):
            skip_below = element
            if element.tag in FURNITURE_TAGS:
                furniture.append(" ".join(element.text_content().split()))
            continue
        if element.tag in BLOCK_TAGS and not any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS
                                                 for child in element.iterdescendants()):
            path = root.getpath(element)
            lines += [(text, path) for text in _broken_lines(element)]
            if len(lines) >= MAX_SCANNED_LINES:
                break
    return lines, furniture


def _broken_lines(element: lxml.html.HtmlElement) -> list[str]:
    """The lines an element prints, broken at its `<br>` elements ('By Jane Roe<br>April 10, 2024'; a main text
    whose paragraphs are separated by `<br><br>`), white space collapsed, empty ones left out; lxml's
    `text_content` joins them without a space."""
    if next(element.iter("br"), None) is None:
        text = " ".join(element.text_content().split())
        return [text] if text else []
    pieces: list[list[str]] = [[]]
    for event, node in lxml.etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                pieces.append([])
            else:
                pieces[-1].append(node.text if isinstance(node.tag, str) and node.text else "")
        elif node is not element and node.tail:
            pieces[-1].append(node.tail)
    return [text for text in (" ".join("".join(piece).split()) for piece in pieces) if text]


def line_of(lines: list[tuple[str, str]], paragraph: str, start: int = 0) -> int | None:
    """The index of the first line from `start` that prints `paragraph` (or its first 40 characters and more)."""
    return next((i for i in range(start, len(lines)) if lines[i][0] == paragraph or
                 paragraph.startswith(lines[i][0]) and len(lines[i][0]) > 40), None)


def printed_lines_before_text(tree: lxml.html.HtmlElement, lines: list[tuple[str, str]], title: str,
                              first_paragraph: str) -> list[tuple[str, str]]:
    """The short lines printed after the headline (when it is found) and before the first paragraph of the main
    text, each followed by its short inline parts when it has several (a meta bar's `<span>`s: 'By Jane Roe'
    beside its dates, whose text runs on without a space, or that make the line too long: `_inline_parts`); none
    when the first paragraph is not found among the lines."""
    end = line_of(lines, " ".join(first_paragraph.split()))
    if end is None:
        return []
    start = next((i + 1 for i in range(end - 1, -1, -1) if title and lines[i][0] == title), 0)
    printed = [line for line in lines[max(start, end - MAX_PRINTED_LINES):end] if line[0] != title]
    return [part for line in printed for part in (line, *_inline_parts(tree, line))
            if cues.word_equivalents(part[0]) <= MAX_PRINTED_WORDS]


def _inline_parts(tree: lxml.html.HtmlElement, line: tuple[str, str]) -> list[tuple[str, str]]:
    """(text, tree path) of each child element of a printed line's element that prints text, when two or more
    do and the line's own text is not one of them."""
    root = tree.getroottree()
    found = root.xpath(line[1])
    if not found:
        return []
    parts = [(" ".join(child.text_content().split()), child) for child in found[0]
             if isinstance(child.tag, str) and child.tag not in NOT_ARTICLE_TAGS]
    parts = [(text, root.getpath(child)) for text, child in parts if text and text != line[0]]
    return parts if len(parts) >= 2 else []


def printed_lines_after_text(lines: list[tuple[str, str]], last_paragraph: str) -> list[str]:
    """The short lines (MAX_PRINTED_WORDS words at most) among the MAX_CLOSING_LINES lines printed right after the
    last paragraph of the main text, where a paywall prints its prompt ('…', 'Subscribe to read'); none when the
    paragraph is not found among the lines."""
    last = " ".join(last_paragraph.split())
    end = next((i for i in range(len(lines) - 1, -1, -1) if lines[i][0] == last or
                len(lines[i][0]) > 40 and last.endswith(lines[i][0])), None)
    if end is None:
        return []
    return [text for text, _ in lines[end + 1:end + 1 + MAX_CLOSING_LINES]
            if cues.word_equivalents(text) <= MAX_PRINTED_WORDS]
