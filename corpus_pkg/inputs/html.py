"""Saved HTML pages: decode the bytes, extract the main text and metadata with trafilatura.

Extraction: trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and Command-Line Tool for Text
Discovery and Extraction", ACL demos) with `favor_precision=True`, its documented setting for "less text but
correct extraction"; metadata (title, authors, site name, canonical URL, tags) from trafilatura too, and the
dates from htmldate, which trafilatura uses: the original publication date (`original_date=True`, what
trafilatura reports) and the last update (`original_date=False`), kept apart.

Decoding, in order: a byte-order mark; bytes that are valid UTF-8 are UTF-8 whatever the HTTP header or the
`<meta>` tag declares (legacy text is almost never valid UTF-8 by accident, while a wrong declaration on a
UTF-8 page is common; the report says so when the declaration disagreed); otherwise the HTTP header's charset,
then the `<meta>` tag's, the first that decodes the bytes without error; otherwise the code page chardet detects
(`inputs.codepage`, the text pages' detector), recorded as a guess. 7-bit bytes with ISO-2022 escape sequences
(ISO-2022-JP) are valid UTF-8 but are not UTF-8 text: they are read in the ISO-2022 encoding detected. Trees nested deeper than libxml2's limit (256 elements) are cut there by the parser: the
page is read up to that point and the report says so.

Printed lines the main text left out: trafilatura's precise setting drops a byline printed in its own `<div>`
or `<span>` next to the headline, and takes the authors only from the markup's metadata. So the short lines the
page prints between its headline and the first paragraph of the main text (outside navigation, headers of the
site, footers and asides; a line per block element, broken at `<br>`) are kept with their place in the tree
(`Document.printed_lines`); they are read as a text page's header for the byline and the dates
(`inputs.units.printed_header`). So are the short lines printed right
after the main text (`Document.closing_lines`: a paywall's prompt marks the article truncated); `inputs.html_lines`
reads them, and `html_meta.printed_standfirst` the standfirst printed under the headline. An
AMP rendering (`<html amp>`) has its canonical page's URL as `url`, its own as `fetch_url` (`Document.amp`). No
language knowledge here.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from functools import lru_cache

import lxml.html

from .. import cues
from ..read import BINARY_SIGNATURES
from .codepage import guess_encoding, iso_2022_text
from .crawlers import generated_page_reason, mirror_comment
from .document import (GZIP_MAGIC, MAX_DECOMPRESSED_BYTES, Document, InputError, gunzip_capped,
                       replacement_characters_warning)
from .html_lines import printed_lines_after_text, printed_lines_before_text, visible_lines
from .html_meta import (amp_canonical, declared_site_name, microdata_description, printed_standfirst, title_and_footer,
                        title_site_name)
from .teasers import listing_teasers, teaser_items

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
PRESCAN_BYTES = 4096            # where a <meta charset> must be (HTML's prescan looks at 1024; some pages are sloppy)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DEPTH_ERROR = "Excessive depth"
MAX_LABELS_ABOVE = 2            # short lines a main text may print above the headline it keeps (a kicker)
MAX_LABEL_WORDS = 5             # a section label or kicker is this short (in English-word equivalents)
EXTRACTOR_OPTIONS = {"favor_precision": True, "include_comments": False, "with_metadata": True}


@lru_cache(maxsize=1)
def tool_versions() -> dict[str, str]:
    """The versions of the extraction libraries, for the card and the pages' `extraction` notes."""
    from importlib.metadata import version

    return {name: version(name) for name in ("trafilatura", "htmldate", "lxml")}


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header value, e.g. 'text/html; charset=ISO-8859-1'."""
    if not content_type:
        return None
    found = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return found.group(1) if found else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str, list[str]]:
    """(text, codec name, repairs) for an HTML page's bytes; see the module docstring for the order.
    A repair is recorded whenever a declared charset was overruled or the encoding was guessed."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError:
                break
    meta = META_CHARSET.search(data[:PRESCAN_BYTES])
    declared = [("the HTTP header", http_charset), ("the <meta> tag", meta.group(1).decode("ascii") if meta else None)]
    declared = [(where, name, _codec(name)) for where, name in declared if name]
    shifted = iso_2022_text(data)
    if shifted is not None:
        return shifted.text, shifted.encoding, [f"ASCII bytes with ISO-2022 escape sequences: decoded as "
                                                f"{shifted.encoding} (chardet's guess)"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        wrong = [f"{name!r} in {where}" for where, name, codec in declared
                 if codec not in ("utf-8", "ascii") and not text.isascii()]
        repairs = [f"declared {' and '.join(wrong)}, but the bytes are valid UTF-8: read as UTF-8"] if wrong else []
        return text, "utf-8", repairs
    repairs = []
    for where, name, codec in declared:
        if codec is None:
            repairs.append(f"unknown charset {name!r} in {where}: ignored")
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            repairs.append(f"charset {name!r} in {where} does not decode the page (byte {exc.start}): ignored")
            continue
        return text, codec, repairs
    guess = guess_encoding(data)
    if guess is not None and not guess.doubtful:
        why = "no declared charset decodes the page" if declared else "not UTF-8 and no charset declared"
        return guess.text, guess.encoding, repairs + [f"{why}: decoded as {guess.encoding} (chardet's guess)"]
    text = data.decode("utf-8", errors="replace")
    return text, "utf-8", repairs + [f"{text.count(chr(0xFFFD))} byte(s) that no charset decodes replaced by U+FFFD"]


def parse(text: str) -> tuple[lxml.html.HtmlElement | None, list[str]]:
    """The page's tree and warnings from the parser (a tree cut at libxml2's depth limit)."""
    parser = lxml.html.HTMLParser(remove_comments=True)
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, []
    warnings = []
    if any(DEPTH_ERROR in str(e) for e in parser.error_log):
        warnings.append("HTML nested more than 255 elements deep: libxml2 stops parsing there (its resource "
                        "limit), so only the page up to that point is read")
    return tree, warnings


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _copyright_years(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """The years the page's markup declares as its copyright year (`<meta itemprop="copyrightYear">`), which
    htmldate takes as a date of 1 January when it finds no other."""
    return frozenset((meta.get("content") or "").strip() for meta in tree.iter("meta")
                     if (meta.get("itemprop") or "").casefold() == "copyrightyear")


#: Where a page's markup declares its last update: meta properties, names and microdata item properties
#: (Open Graph, schema.org, Dublin Core), compared case-folded; JSON-LD's `dateModified` is read too.
DECLARED_UPDATE_KEYS = frozenset({"article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                                  "dcterms.modified", "last-modified"})


def _declared_update(tree: lxml.html.HtmlElement) -> dt.date | None:
    """The latest update date the page's markup declares (`DECLARED_UPDATE_KEYS`: `<meta
    property="article:modified_time">`, `itemprop="dateModified"` on a meta or time element, JSON-LD's
    `dateModified`), as an ISO 8601 date; None when it declares none. htmldate's search for the latest date
    (`original_date=False`) may return a `<time>` element's publication date instead, though the markup states
    the update (its examination of the header stops at the first date it trusts)."""
    found = []
    for element in tree.iter("meta", "time"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").casefold()
        if key in DECLARED_UPDATE_KEYS:
            found.append(_iso_date(element.get("content") or element.get("datetime")))
    for script in tree.iter("script"):
        if (script.get("type") or "").casefold() == "application/ld+json" and "dateModified" in (script.text or ""):
            try:
                found += [_iso_date(value) for value in _json_values(json.loads(script.text), "dateModified")]
            except ValueError:      # a page's broken JSON-LD says nothing
                continue
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None


def _json_values(data, key: str):
    """Every string value of `key` anywhere in a parsed JSON document."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key and isinstance(value, str):
                yield value
            else:
                yield from _json_values(value, key)
    elif isinstance(data, list):
        for item in data:
            yield from _json_values(item, key)


def real_date(found: str | None, precise: str | None,
              copyright_years: frozenset[str]) -> tuple[str | None, tuple[str | None, str | None]]:
    """(date, (dropped date, why)) of a date htmldate found (`found`, as 'YYYY-MM-DD').

    htmldate (Barbaresi 2020, "htmldate: A Python package to extract publication dates from web pages", JOSS)
    reports no precision: when it finds no day it falls back, in its extensive search only, on a copyright
    notice's year or a bare year, and in both searches on the page's `copyrightYear`, each given as 1 January
    of that year (`htmldate.core.search_page`, `examine_header`). So a 1 January that its precise search
    (`extensive_search=False`, `precise`: its answer) does not find, or whose year is the page's copyright
    year, is such a year, not a publication date: dropped (the caller warns). The precise search's own date
    is kept instead when it found another one. A true 1 January only the extensive search finds is dropped too."""
    if not found or not found[4:10] == "-01-01":
        return found, (None, None)
    if found[:4] in copyright_years:
        return None, (found, "the page's copyrightYear: left empty")
    if precise == found:
        return found, (None, None)
    if precise and precise[4:10] != "-01-01":
        return precise, (found, f"a copyright notice's or a bare year: the precise search's {precise} kept")
    return None, (found, "a copyright notice's or a bare year: left empty")


def _kept_headline(paragraphs: list[str], title: str) -> int | None:
    """The index of the main text's paragraph that is the headline (`title`, as printed), when the extractor kept
    it: its first paragraph, or one printed under at most MAX_LABELS_ABOVE short lines (MAX_LABEL_WORDS words at
    most: a section label or kicker, 'Local Politics', which the article's container prints above its headline,
    and which is no body text either). None when the headline is not among them."""
    if not title:
        return None
    for index, paragraph in enumerate(paragraphs[:MAX_LABELS_ABOVE + 1]):
        if " ".join(paragraph.split()) == title:
            return index
        if cues.word_equivalents(paragraph) > MAX_LABEL_WORDS:
            return None
    return None


def _split_list(value: str | None, separators: str) -> list[str]:
    if not value:
        return []
    return list(dict.fromkeys(p.strip() for p in re.split(f"[{separators}]", value) if p.strip()))


def extract_html(data: bytes, *, source_file: str, kind: str = "html", http_charset: str | None = None,
                 fetch_url: str | None = None, what: str | None = None, path_url: str | None = None) -> Document:
    """A Document from an HTML page's bytes (gzip-compressed bytes are inflated, at most 256 MiB).

    `http_charset`: the charset of the HTTP response's Content-Type header, if any. `fetch_url`: the URL it was
    fetched from (helps trafilatura resolve links and is the `url` when the page declares no canonical one); a
    crawler's comment in the page naming it (`crawlers.mirror_comment`) gives it, and the fetch date, when the
    caller does not. `path_url`: the URL the file's place in a mirror folder gives (`crawlers.mirror_path_url`),
    the `url` only when nothing else gives one (the page's extraction note says so).
    Raises InputError (one-line reason) when the page holds no main text."""
    sha256, n_bytes = hashlib.sha256(data).hexdigest(), len(data)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_capped(data, what, MAX_DECOMPRESSED_BYTES)
    if not data.strip():
        raise InputError("empty page (no bytes but white space)")
    binary = next((kind for signature, kind in BINARY_SIGNATURES if data.startswith(signature)), None)
    if binary is not None:      # a PDF or an image saved under an HTML name: decoded, it would be an article of noise
        raise InputError(f"binary file ({binary}), not HTML")
    text, encoding, repairs = decode_html(data, http_charset)
    generated = generated_page_reason(text)
    if generated is not None:
        raise InputError(generated)
    mirrored = mirror_comment(text) if fetch_url is None else None
    if mirrored is not None:
        fetch_url = mirrored[0]
    tree, warnings = parse(text)
    if tree is None:
        raise InputError("not an HTML document (lxml found no elements)")
    import htmldate
    import trafilatura

    language = tree.get("lang") or None
    visible, furniture = visible_lines(tree)      # before trafilatura, which may prune the tree it is given
    teasers = teaser_items(tree)
    copyright_years = _copyright_years(tree)
    declared_update = _declared_update(tree)
    page_title, footer_text = title_and_footer(tree)
    standfirst = microdata_description(tree)
    amp, canonical = amp_canonical(tree)
    try:
        updated = htmldate.find_date(tree, original_date=False, extensive_search=False)
        found = trafilatura.bare_extraction(tree, url=fetch_url, **EXTRACTOR_OPTIONS)
    except Exception as exc:    # a library's failure on one hostile page must not end the build: report it
        raise InputError(f"the HTML extractor failed on this page ({type(exc).__name__}: {exc})") from None
    body = (found.text or "") if found is not None else ""
    paragraphs = [line for line in body.split("\n") if line.strip()]
    versions = tool_versions()
    title = " ".join((found.title or "").split()) if found is not None else ""
    headline = _kept_headline(paragraphs, title)
    if headline is not None:    # the headline, kept in the main text: the rendering prints it as the title
        labels, paragraphs = paragraphs[:headline], paragraphs[headline + 1:]
        note = f"; section label(s) {labels!r} printed above the headline: not body text" if labels else ""
    else:
        note = ""
    if all(" ".join(p.split()) == title for p in paragraphs):     # nothing but the headline: no article
        paragraphs = []
    description = " ".join((found.description or standfirst or "").split()) if found is not None else ""
    printed = printed_standfirst(tree, visible, title, paragraphs, description)
    if printed is not None and printed[2]:      # the standfirst trafilatura kept: the subtitle, not body text
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise InputError(f"no main text found by trafilatura {versions['trafilatura']}" +
                         (f" ({warnings[0]})" if warnings else ""))
    if furniture and all(any(" ".join(p.split()) in text for text in furniture) for p in paragraphs):
        raise InputError(f"no main text found by trafilatura {versions['trafilatura']}: what it found is printed "
                         "in the page's navigation, header, footer or aside")
    if not any("U+FFFD" in repair for repair in repairs):      # else the decoding put them there, and said so
        warnings += replacement_characters_warning(paragraphs)
    precise = None
    if found.date and found.date[4:10] == "-01-01":     # (rare) htmldate's precise search, on a tree it has not pruned
        try:
            precise = htmldate.find_date(parse(text)[0], original_date=True, extensive_search=False)
        except Exception:   # as above: a library's failure on a hostile page; the year-only date is then dropped
            precise = None
    published, dropped = real_date(found.date, precise, copyright_years)
    updated, dropped_update = real_date(updated, updated, copyright_years)
    warnings += [f"htmldate's {what} date {value} is a year only, not a date the page prints ({why})"
                 for what, (value, why) in (("publication", dropped), ("update", dropped_update)) if value]
    date = _iso_date(published)
    updated_date = _iso_date(updated)
    update_source = ""
    if declared_update is not None and declared_update != updated_date and (date is None or declared_update >= date):
        updated_date, update_source = declared_update, " as the markup declares it"   # wins over htmldate's search
    words = sum(cues.word_equivalents(p) for p in paragraphs)
    extraction = (f"trafilatura {versions['trafilatura']} (favor_precision): main text {len(paragraphs)} "
                  f"paragraph(s), {words} words; dates by htmldate {versions['htmldate']} "
                  f"(original {date or 'none'}, updated {updated_date or 'none'}{update_source})") + note
    site_name = declared_site_name(found.sitename, (found.url, fetch_url))
    if site_name is None:
        from ..registry import load_registry

        named = title_site_name(page_title, footer_text, title, load_registry())
        if named is not None:
            site_name, title, why = named
            extraction += f"; site name {site_name!r} from the <title> {page_title!r} ({why})"
    if printed is not None:
        extraction += f"; standfirst {printed[0]!r} under the headline ({printed[1]}): the subtitle" + \
            (", not body text" if printed[2] else "")
    if mirrored is not None:
        extraction += f"; URL and fetch date from {mirrored[2]}'s 'Mirrored from' comment in the page"
    url = found.url or fetch_url
    if amp and canonical and canonical != url:     # an AMP copy: its canonical page is the article's URL
        fetch_url, url = fetch_url or url, canonical
        extraction += f"; an AMP rendering of {canonical} (its <link rel=canonical>)"
    if url is None and path_url:
        url = path_url
        extraction += f"; URL {path_url} from the file's place in a mirror folder named after its host (the page " \
                      "gives none)"
    description = " ".join((found.description or standfirst or "").split()) or None
    return Document(
        source_file=source_file, sha256=sha256, n_bytes=n_bytes, kind=kind, paragraphs=paragraphs,
        title=title or None, authors=_split_list(found.author, ";"),
        date=date, date_text=published if date else None,
        updated_date=updated_date if updated_date and updated_date != date else None,
        description=description,
        standfirst=printed[0] if printed is not None else None,
        site_name=site_name, url=url, fetch_url=fetch_url,
        fetch_date=mirrored[1] if mirrored is not None else None,
        language=language.split("-")[0].lower() if language else None,
        tags=list(dict.fromkeys(_split_list(", ".join(found.tags or []), ",") + list(found.categories or []))),
        encoding=encoding, extraction=extraction, repairs=repairs, warnings=warnings,
        printed_lines=printed_lines_before_text(tree, visible, title, paragraphs[0]),
        closing_lines=printed_lines_after_text(visible, paragraphs[-1]), amp=amp,
        page_title=" ".join(page_title.split()) if page_title else None,
        teasers=listing_teasers(teasers, paragraphs), path_url=url if url and url == path_url else None)
