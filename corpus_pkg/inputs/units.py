"""A Document (an HTML page, a WARC response, a scraper's record) as the units and page audit of the text path.

One decision: a document is one article. The extractor (trafilatura) or the scraper already chose the main
text; reading the extracted text again with the segmenter cuts it where it should not (measured on the dev
pages: body F1 0.965 → 0.957, and 5 of 57 pages split in two or three). So the segmenter and the extractor of
`.txt` pages read the rendered text only for what our own cues add: a re-poster's preface printed before the
article becomes its own unit of kind `preface` (its lines leave the article's body), and a byline, a printed
`Source:` line or a date line supply the authors, the outlet and the date where the input's metadata has none.
The lines an HTML page prints between its headline and its main text (`Document.printed_lines`, which the
extractor left out) are read as a text page's header (`printed_header`): its byline, when the main text prints
none and it names the declared authors (or none are declared: it then gives them), becomes `byline`, and the
page's `extraction` note says which element of the page held it; when it gives the authors, the outlet its byline
or source line names comes before the site's, and its dates fill the dates nothing else gives. The site's furniture the main text keeps (an
ad label, 'Read more: ...', a copyright notice: the classifier's furniture, as on a text page) and the bylines
closing it (a sign-off, an editor's credit), and a last paragraph that is a bio of a declared author, are not
body text.
The outlet named by the text comes first (it is the original publisher of a re-posted text); otherwise the
page's declared site name, else its URL's domain (evidence `mirror_path` for the URL a mirror folder's name gives),
canonicalised through the outlet registry (a site name the
registry does not list gives way to a registered domain of the page's URL: `_site_outlet`). The site name is
then the `host_site` when it differs from the outlet the text names.
"""

from __future__ import annotations

import difflib
import itertools
import re

from .. import cues
from ..extract import NAMED_IN_TEXT, Extractor, UnitRecord, content_id, identify_language
from ..registry import outlet_key
from ..read import SourcePage
from ..furniture import match_furniture
from ..profiles import Profile
from ..schema import Provenance
from ..segment import BYLINE, DATELINE, FURNITURE, PageAnalysis, Segmenter
from ..segment.classify import CONTINUATION_MARKS
from ..segment.decide import ellipsis_alone, full_article
from .document import Document

MAIN_TEXT = "main_text"     # span detail: the extractor's (or scraper's) main text
WORD = re.compile(r"\w+")
EXCERPT_RUN, EXCERPT_SHARE, EXCERPT_OPENING = 3, 0.8, 8   # a description that is an excerpt of the text: `_standfirst`
BYLINE_WITHIN = 3           # a byline the main text kept is one of its first lines
MAX_CUT_MARK_WORDS = 16     # a paywall's prompt is a line this short ('Subscribe to read the full story')
MAX_DEK_WORDS = 40          # a standfirst printed as the main text's first line is at most this long


def document_page(doc: Document) -> SourcePage:
    """The page of text the segmenter and the extractor read for a document (`Document.render`)."""
    return SourcePage(source_file=doc.source_file, sha256=doc.sha256, n_bytes=doc.n_bytes, encoding=doc.encoding,
                      text=doc.render(), repairs=doc.repairs)


def document_units(doc: Document, source: SourcePage, analysis: PageAnalysis, found: list[UnitRecord],
                   extractor: Extractor, header: UnitRecord | None = None) -> tuple[list[UnitRecord], list[dict]]:
    """The units of a document (its preface, if one is printed, then the article) and the spans of its page
    (every line in one span; `unit` indexes the returned units). `header`: the lines printed outside the main
    text read as a text page's header (`printed_header`), for the byline and dates the main text does not print."""
    lines = source.lines
    prefaces = [u for u in found if u.kind == "preface"]
    articles = [u for u in found if u.kind != "preface"]
    title = doc.title or _title_line(articles, lines)
    title_lines = 1 if title and lines and cues.normalise_space(lines[0]) == cues.normalise_space(title) else 0
    owned = {n for u in prefaces for n in range(u.provenance.line_start, u.provenance.line_end + 1)}
    body_lines = [n for n in range(title_lines + 1, len(lines) + 1) if n not in owned and lines[n - 1].strip()]
    cut_line = _cut_line(doc, lines, body_lines, articles, extractor)
    if cut_line is not None:        # the mark that the main text is cut there ('…', 'Subscribe to read'): not text
        body_lines.remove(cut_line)     # (first: a paywall's prompt also reads as the site's furniture)
    furniture = _furniture_lines(analysis, body_lines)
    body_lines = [n for n in body_lines if n not in furniture]
    byline_line = _byline_line(articles, lines, body_lines)
    if byline_line is not None:     # the byline the cues read is not body text (as on text pages)
        body_lines.remove(byline_line)
    date_lines = _date_lines(analysis, body_lines)
    signatures = _bylines_below(analysis, body_lines)
    body_lines = [n for n in body_lines if n not in date_lines and n not in signatures]
    bio = _author_bio(lines, body_lines, doc.authors + (header.authors if header else []), extractor)
    if bio is not None:
        body_lines.remove(bio)
    dek_line = _dek_line(doc, lines, body_lines)
    if dek_line is not None:        # the standfirst printed above the text: `subtitle`, not body text
        body_lines.remove(dek_line)
    units: list[UnitRecord] = list(prefaces)
    roles: dict[int, tuple[str, str | None, int | None]] = {}
    for index, unit in enumerate(prefaces):
        for n in range(unit.provenance.line_start, unit.provenance.line_end + 1):
            roles[n] = ("body", "preface", index)
    if body_lines:
        own_byline = articles[0].byline if byline_line is not None else None
        units.append(_article(doc, source, title, [lines[n - 1] for n in body_lines], articles, extractor,
                              title_lines, body_lines, own_byline, header, cut=cut_line is not None))
        article = len(units) - 1
        if title_lines:
            roles[1] = ("title", None, article)
        for n in body_lines:
            roles[n] = ("body", MAIN_TEXT, article)
        if byline_line is not None:
            roles[byline_line] = ("byline", None, article)
        for n in date_lines:
            roles[n] = ("metadata", "date_line", article)
        for n in signatures:
            roles[n] = ("metadata", "byline_below_text", article)
        if bio is not None:
            roles[bio] = ("metadata", "author_bio", article)
        for n, kind in furniture.items():
            roles[n] = ("boilerplate", kind, article)
        if dek_line is not None:
            roles[dek_line] = ("metadata", "subtitle", article)
        if cut_line is not None:
            roles[cut_line] = ("boilerplate", "continuation", None)
    return units, _spans(lines, roles)


def _furniture_lines(analysis: PageAnalysis, body_lines: list[int]) -> dict[int, str]:
    """The lines of the main text that the segmenter's classifier reads as the site's furniture, by line number,
    with the furniture's kind: an ad label ('Advertisement', 'Anzeige'), a link to another article ('Read more:
    <headline>'), a newsletter promotion, a copyright notice, a share bar... The extractor or the scraper keeps
    such lines when the site prints them inside the article's container; a text page's article leaves them out as
    boilerplate (`segment.units`), and so does a document's. Never the whole main text."""
    kinds = {n: b.furniture.kind for b in analysis.blocks if b.cls == FURNITURE
             for n in range(b.line_start, b.line_end + 1)}
    found = {n: kinds[n] for n in body_lines if n in kinds}
    return found if len(found) < len(body_lines) else {}


def _byline_line(articles: list[UnitRecord], lines: list[str], body_lines: list[int]) -> int | None:
    """The line of the main text that is the byline our cues read, when it is one of its first lines."""
    byline = articles[0].byline if articles else None
    if not byline:
        return None
    key = cues.normalise_space(byline)
    return next((n for n in body_lines[:BYLINE_WITHIN] if cues.normalise_space(lines[n - 1]) == key), None)


def _cut_line(doc: Document, lines: list[str], body_lines: list[int], articles: list[UnitRecord],
              extractor: Extractor) -> int | None:
    """The last line of the main text when it is a short mark that the text is cut there (`cut_mark`, with the
    words of the language the text path identified, else the page's): the extractor kept a paywall's prompt."""
    if len(body_lines) < 2 or cues.word_count(lines[body_lines[-1] - 1]) > MAX_CUT_MARK_WORDS:
        return None
    language = (articles[0].language if articles else None) or doc.language or "und"
    paragraphs = [lines[n - 1] for n in body_lines[:-1]]
    found = cut_mark(lines[body_lines[-1] - 1], extractor.line_cues(language), extractor.profile, _full_text(paragraphs))
    return body_lines[-1] if found else None


def _dek_line(doc: Document, lines: list[str], body_lines: list[int]) -> int | None:
    """The first line of the main text when it is the page's description (`doc.description`) printed whole as a
    standfirst (a dek): at most MAX_DEK_WORDS words, printed as a standfirst is (a sub-heading, in the article's
    header: `doc.lead_as_standfirst`) or not ending like a sentence, and not an excerpt of the rest of the
    text (`_standfirst`). A description that repeats the lead paragraph (a CMS's automatic excerpt) ends like a
    sentence in a paragraph of the body, and stays body text."""
    if not doc.description or len(body_lines) < 2:
        return None
    first = cues.normalise_space(lines[body_lines[0] - 1])
    if first != cues.normalise_space(doc.description) or cues.word_count(first) > MAX_DEK_WORDS:
        return None
    if not doc.lead_as_standfirst and cues.ends_sentence(first):
        return None
    rest = "\n\n".join(lines[n - 1] for n in body_lines[1:])
    return body_lines[0] if _standfirst(doc, doc.title or "", rest) else None     # not a sentence the text repeats


def _date_lines(analysis: PageAnalysis, body_lines: list[int]) -> list[int]:
    """The lines at the head of the main text that the segmenter's classifier reads as date lines ('Published
    3:04 PM ET, Tue November 19, 2019', 'Updated ...': dates, times and their labels only), as on text pages:
    metadata, not body text (their date is read as a text page's is). Never the whole main text."""
    date_line = {b.line_start for b in analysis.blocks if b.cls == DATELINE and b.line_start == b.line_end}
    head = list(itertools.takewhile(lambda n: n in date_line, body_lines[:BYLINE_WITHIN]))
    return head if len(head) < len(body_lines) else []


def _bylines_below(analysis: PageAnalysis, body_lines: list[int]) -> list[int]:
    """The lines closing the main text that the segmenter's classifier reads as bylines: a reporter's sign-off
    ('김민수 기자 minsu@example.co.kr') or an editor's credit ('责任编辑：李明') printed under the text, which a
    text page's article leaves out too (its run of text ends above them). Never the whole main text."""
    byline = {b.line_start for b in analysis.blocks if b.cls == BYLINE and b.line_start == b.line_end}
    tail = list(itertools.takewhile(lambda n: n in byline, reversed(body_lines)))
    return tail if len(tail) < len(body_lines) else []


def _author_bio(lines: list[str], body_lines: list[int], authors: list[str], extractor: Extractor) -> int | None:
    """The main text's last line when it is a bio (`cues.bio_name`: 'Sam Green is the Gazette's environment
    correspondent.') of one of `authors`, the authors the input declares or its header bar names, which a text
    page reads as metadata under its text too; None otherwise (a closing sentence about someone else is text),
    and never the whole main text."""
    if len(body_lines) < 2 or not authors:
        return None
    name = cues.bio_name(lines[body_lines[-1] - 1], extractor.organisation_words)
    return body_lines[-1] if name and name.casefold() in {a.casefold() for a in authors} else None


def _title_line(articles: list[UnitRecord], lines: list[str]) -> str | None:
    """Without a title in the metadata: the segmenter's title when it is the first line of the text."""
    if articles and lines and articles[0].provenance.line_start == 1 and articles[0].title \
            and cues.normalise_space(lines[0]) == articles[0].title:
        return articles[0].title
    return None


def _article(doc: Document, source: SourcePage, title: str | None, paragraphs: list[str], found: list[UnitRecord],
             extractor: Extractor, title_lines: int, body_lines: list[int], own_byline: str | None,
             header: UnitRecord | None, cut: bool = False) -> UnitRecord:
    """The document's article: its main text `paragraphs` (lines `body_lines` of the page), with the metadata of
    `doc` and what our cues read in the text (`found`). `own_byline`: the byline among the main text's first lines;
    `header`: the lines printed outside the main text read as a header (`printed_header`), whose byline comes next
    when it names the declared authors (or none are declared), then a byline read elsewhere in the main text;
    `cut`: the main text ends in a mark that it is cut short."""
    text = "\n\n".join(cues.normalise_space(p) for p in paragraphs)
    title = cues.normalise_space(title or "")
    read = next(iter(found), None)      # what our cues read in the text
    outlet, evidence = (read.outlet, read.outlet_evidence) if read and read.outlet_evidence in NAMED_IN_TEXT \
        else (None, None)
    site = _site_outlet(doc, extractor)
    if outlet is None and site is not None:
        outlet, evidence = site
    host_site = site[0] if site and outlet and site[0] != outlet else None
    # the record's date field first; a date line in its text next; a date field no reader reads stays as printed
    date, date_text = (doc.date, doc.date_text) if doc.date else \
        ((read.published_date, read.published_date_text) if read and read.published_date else (None, doc.date_text))
    language = _language(text, doc, read.language if read and read.text == text else None)
    authors = _declared_authors(doc, extractor, language) or (read.authors if read else [])
    byline = own_byline
    if header is not None and header.byline and not byline and _same_persons(header.authors, authors):
        byline = header.byline
        doc.extraction += f"; authors from the byline printed outside the main text ({_printed_path(doc, byline)}): " \
                          f"{byline!r}"
        # a header that names the persons nothing else names names the outlet too (a menu over a name line,
        # 'All News' / 'Debbie White', would name one beside authors the metadata declares)
        if not authors and header.authors and header.outlet and header.outlet_evidence in NAMED_IN_TEXT \
                and evidence not in NAMED_IN_TEXT:
            outlet, evidence = header.outlet, header.outlet_evidence
            host_site = site[0] if site and site[0] != outlet else None
        authors = authors or list(header.authors)
    byline = byline or (read.byline if read else None)
    if not date and header is not None and header.published_date:
        date, date_text = header.published_date, header.published_date_text
    modified = doc.updated_date or (read.modified_date if read else None)
    if modified is None and header is not None and header.modified_date:
        modified = header.modified_date
        doc.extraction += f"; update date {modified} printed outside the main text"
    if site is not None and _site_of_its_author(doc, site, authors, extractor):
        doc.extraction += f"; the site name {doc.site_name!r} is the name of the article's author: no outlet"
        outlet, evidence = (None, None) if (outlet, evidence) == site else (outlet, evidence)
        host_site = None
    urls = list(dict.fromkeys(([doc.url] if doc.url else []) + (read.urls if read else [])))
    tags = list(dict.fromkeys(doc.tags + (read.tags if read else [])))
    provenance = Provenance(
        source_file=doc.source_file, source_sha256=doc.sha256, line_start=1 if title_lines else body_lines[0],
        line_end=body_lines[-1], title_as_printed=title, host_site=host_site,
        repost_date=read.provenance.repost_date if read else None,
        repost_date_text=read.provenance.repost_date_text if read else None,
        url=doc.fetch_url or doc.url, fetch_date=doc.fetch_date, warc_record_id=doc.warc_record_id,
        record=doc.record)
    return UnitRecord(
        unit_id=content_id(title, text), title=title or None, subtitle=_standfirst(doc, title, text),
        alt_titles=[], authors=authors,
        byline=byline, outlet=outlet, outlet_evidence=evidence, host_site=host_site, published_date=date,
        published_date_text=date_text,
        modified_date=modified, text=text, urls=urls, tags=tags, word_count=cues.word_count(text),
        truncated=cut or doc.truncated or bool(read and read.truncated) or any(
            cut_mark(line, extractor.line_cues(language), extractor.profile, _full_text(paragraphs))
            for line in doc.closing_lines),
        kind="article", provenance=provenance,
        language=language,
        paragraphs=[cues.normalise_space(p) for p in paragraphs], amp=doc.amp)


def _standfirst(doc: Document, title: str, text: str) -> str | None:
    """The page's own summary (`doc.description`: meta/og/microdata description, a scraper's description field)
    as the article's standfirst (`subtitle`), unless it is the headline or an excerpt of the text: a description
    is often the lead's first sentences or a quotation from the text, cut short, with a word changed or its
    dateline and punctuation altered, or its end rewritten. So one whose words the text holds, in order, in runs
    of at least EXCERPT_RUN words covering EXCERPT_SHARE of them, or that opens with a run of EXCERPT_OPENING
    words the text prints (difflib's matching blocks over the casefolded words), is an excerpt, not a
    standfirst."""
    description = cues.normalise_space(doc.description or "")
    words = WORD.findall(description.casefold())
    if not words or description.casefold() == title.casefold():
        return None
    matcher = difflib.SequenceMatcher(None, words, WORD.findall(text.casefold()), autojunk=False)
    blocks = matcher.get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= min(EXCERPT_RUN, len(words)))
    opening = blocks[0].size if blocks[0].a == 0 else 0
    excerpt = shared >= EXCERPT_SHARE * len(words) or opening >= min(EXCERPT_OPENING, len(words))
    return None if excerpt else description


def _declared_authors(doc: Document, extractor: Extractor, language: str) -> list[str]:
    """The persons the input's author field names (`doc.authors`: HTML metadata, a scraper's field), each entry
    read by the byline cues of `language` as a byline the field declares (`cues.parse_byline(declared=True)`),
    so the same names come out as from the same byline printed on a text page: a job title, an agency or an
    organisation is no author ('X, AP Writer', 'JILL ROE Associated Press', 'Reuters'), and ALL-CAPS names
    are recased. An entry opening with another language's byline prefix ('Por Ana Costa, Lusa' over an English
    text: an author field is a byline whatever its language) is read with that language's cues
    (`_prefix_language`). An entry those cues do not read that still looks like one person's name and holds no
    role word ('Roe, Jane') is kept. When that changes the field, the page's `extraction` note keeps the field
    as given."""
    if not doc.authors:
        return []
    text_cues = extractor.line_cues(language)
    organisation_words, known = extractor.organisation_words, extractor.known_outlets
    authors: list[str] = []
    for entry in doc.authors:
        other = None if text_cues.byline_prefix.match(entry) else _prefix_language(entry, extractor)
        line_cues = extractor.line_cues(other) if other else text_cues
        found = cues.parse_byline(entry, organisation_words, known, outlet_key, line_cues, declared=True)
        if found is not None:
            authors += found.authors
        elif cues.looks_like_person(entry, organisation_words) and not line_cues.role_word.search(entry):
            authors.append(cues.normalise_person(entry))    # one name no byline prints so: 'Roe, Jane'
    authors = list(dict.fromkeys(authors))
    if authors != doc.authors:
        doc.extraction += f"; author field {doc.authors!r} read as a byline: authors {authors!r}"
    return authors


def _prefix_language(entry: str, extractor: Extractor) -> str | None:
    """The first language (by code) whose byline prefix opens `entry` with at least two words after it ('Por
    Ana Costa'; not 'Di Stefano', a surname); None when none does. (Each language's cues are compiled once per
    extractor, `Extractor.line_cues`.)"""
    for code in sorted(extractor.profile.languages):
        found = extractor.line_cues(code).byline_prefix.match(entry)
        if found and len(entry[found.end():].split()) >= 2:
            return code
    return None


def printed_header(doc: Document, segmenter: Segmenter, extractor: Extractor) -> UnitRecord | None:
    """The lines an HTML page prints between its headline and its main text (`Document.printed_lines`: a byline,
    'Updated April 12, 2024', '김민수 기자 입력 2024.04.12 14:30 수정 ...') read as a text page's header: the
    headline, those lines, then the main text's first paragraph, segmented and extracted as one article of a text
    page (`Segmenter.analyse`, `Extractor.extract`). Its byline, authors, outlet named in the text and dates are
    the ones the same lines would give printed in a `.txt` page; None when the page printed no such line."""
    if not doc.printed_lines or not doc.paragraphs:
        return None
    lines = [doc.title or "", *(line for line, _ in doc.printed_lines), doc.paragraphs[0]]
    source = SourcePage(source_file=doc.source_file, sha256=doc.sha256, n_bytes=doc.n_bytes, encoding=doc.encoding,
                        text="\n\n".join(cues.normalise_space(line) for line in lines if line.strip()) + "\n")
    analysis = segmenter.analyse(source.lines, layout="single")
    return next((u for u in extractor.extract(analysis, source, identify=False) if u.kind != "preface"), None)


def _same_persons(printed: list[str], declared: list[str]) -> bool:
    """Whether a printed byline naming `printed` may stand for an article whose authors are `declared`: none are
    declared, or it names one of them (case aside)."""
    return not declared or bool({a.casefold() for a in printed} & {a.casefold() for a in declared})


def _printed_path(doc: Document, line: str) -> str:
    """Where the page prints `line` among its printed lines (its tree path)."""
    key = cues.normalise_space(line)
    return next((path for text, path in doc.printed_lines if cues.normalise_space(text) == key), "?")


def cut_mark(line: str, line_cues: cues.LineCues, profile: Profile, after_full_text: bool) -> bool:
    """Whether a short line printed right after a main text says the text is cut there: only an ellipsis; a
    paywall's prompt, opening the line or alone ('Subscribe to read', 'Abonnez-vous', 'Jetzt weiterlesen mit
    Plus'; the languages' `paywall_prompts`); or, unless it follows a full article (`after_full_text`: as
    `segment.decide` tells a teaser from one), a continuation marker ('Continue reading', 'Lire la suite'; the
    profiles' `continuation` furniture and the languages' markers), as under a feed's excerpt."""
    if ellipsis_alone(line) or line_cues.paywall_prompt.match(line):
        return True
    if after_full_text:
        return False        # a full article's 'Read more' heads a list of links to others
    return cues.label_key(line.rstrip(CONTINUATION_MARKS)) in line_cues.continuation or \
        getattr(match_furniture(line, profile), "kind", None) == "continuation"


def _full_text(paragraphs: list[str]) -> bool:
    """`segment.decide.full_article` of a document's paragraphs."""
    return full_article(sum(map(cues.word_count, paragraphs)), len(paragraphs))


def _language(text: str, doc: Document, identified: str | None) -> str:
    """Identified from the text as for text pages (`identified`: already, for the same text); the language the
    input declares only when the text is too short to tell."""
    found = identified or identify_language(text)
    return doc.language if found == "und" and doc.language else found


def _site_outlet(doc: Document, extractor: Extractor) -> tuple[str, str] | None:
    """The outlet the page declares itself to be: its site name when the registry knows it (by a name, an alias
    or a domain); else the registry outlet of the first of its URLs on a registered domain (the URL it was
    fetched from, then its canonical URL): 'RT International' on www.rt.com is RT, evidence `url`, and the
    page's `extraction` note names the site name set aside; else the site name as printed; else the URL's
    domain. A registered domain outranks an unlisted site name: it names the publisher however the page spells
    it, and the publisher's rights follow (rights.py)."""
    if doc.site_name and extractor.registry.resolve(doc.site_name) is not None:
        return extractor.printed_outlet(doc.site_name, "site_name")
    for url in dict.fromkeys(u for u in (doc.fetch_url, doc.url) if u):
        entry = extractor.registry.lookup_host(url)
        if entry is not None:
            if doc.site_name:
                doc.extraction += (f"; the page's site is {entry.name}, by the registered domain of its URL {url}: "
                                   f"its site name {doc.site_name!r} is not a name the registry lists")
            return entry.name, _url_evidence(doc, url)
    if doc.site_name:
        return extractor.printed_outlet(doc.site_name, "site_name")
    url = doc.url or doc.fetch_url
    if url:
        domain = cues.url_domain(url)
        if domain:
            return extractor._outlet_for_domain(domain), _url_evidence(doc, url)
    return None


def _site_of_its_author(doc: Document, site: tuple[str, str], authors: list[str], extractor: Extractor) -> bool:
    """Whether the page's site (`site`, `_site_outlet`) is the name of a person who signs the article: a personal
    site ('Notes from the orchard | Jane Roe' signed 'by Jane Roe'), whose owner is no outlet. A site the registry
    lists stays an outlet."""
    if site[1] != "site_name" or not doc.site_name or extractor.registry.resolve(doc.site_name) is not None:
        return False
    name = cues.normalise_space(doc.site_name).casefold()
    return any(cues.normalise_space(author).casefold() == name for author in authors)


def _url_evidence(doc: Document, url: str) -> str:
    """`url`, or `mirror_path` for the URL only the file's place in a mirror folder gives (`Document.path_url`)."""
    return "mirror_path" if url == doc.path_url else "url"


def audit_spans(lines: list[str]) -> list[dict]:
    """The spans of a page that holds no article (its decision is `none`): every line boilerplate or blank."""
    return _spans(lines, {})


def _spans(lines: list[str], roles: dict[int, tuple[str, str | None, int | None]]) -> list[dict]:
    """Every line in one span: the roles given, blank lines 'blank', anything else boilerplate."""
    spans: list[dict] = []
    for n, line in enumerate(lines, start=1):
        role, detail, unit = roles.get(n) or ("blank" if not line.strip() else "boilerplate", None, None)
        last = spans[-1] if spans else None
        if last and (last["role"], last["detail"], last["unit"]) == (role, detail, unit):
            last["line_end"] = n
        else:
            spans.append({"line_start": n, "line_end": n, "role": role, "detail": detail, "unit": unit})
    return spans
