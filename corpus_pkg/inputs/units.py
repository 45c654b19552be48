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
or source line names comes before the site's, and its dates fill the dates nothing else gives. Which lines of the
main text are not body text (the site's furniture it keeps, a paywall's prompt, a standfirst, bylines, date lines,
sign-offs, an author's bio) is `inputs.main_text`'s to say.
The outlet named by the text comes first (it is the original publisher of a re-posted text); otherwise the
page's declared site name, else its URL's domain (evidence `mirror_path` for the URL a mirror folder's name gives),
canonicalised through the outlet registry (a site name the
registry does not list gives way to a registered domain of the page's URL: `_site_outlet`). The site name is
then the `host_site` when it differs from the outlet the text names.
"""

from __future__ import annotations

from .. import cues
from ..extract import BY_DOMAIN, NAMED_IN_TEXT, Extractor, UnitRecord, content_id, identify_language
from ..registry import outlet_key
from ..read import SourcePage
from ..schema import Provenance
from ..segment import PageAnalysis, Segmenter
from . import main_text
from .document import Document

MAIN_TEXT = "main_text"     # span detail: the extractor's (or scraper's) main text
#: The evidence of an outlet the text names in a byline or a source line: it comes before the outlet of a byline
#: printed outside the text or declared in an author field (a dateline's agency and the site's name come after).
TEXT_BYLINE_OR_SOURCE = frozenset(e + suffix for e in ("byline", "source_line") for suffix in ("", BY_DOMAIN))


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
    cut_line = main_text.cut_line(doc, lines, body_lines, articles, extractor)
    if cut_line is not None:        # the mark that the main text is cut there ('…', 'Subscribe to read'): not text
        body_lines.remove(cut_line)     # (first: a paywall's prompt also reads as the site's furniture)
    furniture = main_text.furniture_lines(analysis, body_lines)
    body_lines = [n for n in body_lines if n not in furniture]
    byline_line = main_text.byline_line(articles, lines, body_lines)
    if byline_line is not None:     # the byline the cues read is not body text (as on text pages)
        body_lines.remove(byline_line)
    date_lines = main_text.date_lines(analysis, body_lines)
    signatures = main_text.bylines_below(analysis, body_lines)
    body_lines = [n for n in body_lines if n not in date_lines and n not in signatures]
    bio = main_text.author_bio(lines, body_lines, doc.authors + (header.authors if header else []), extractor)
    if bio is not None:
        body_lines.remove(bio)
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
        if cut_line is not None:
            roles[cut_line] = ("boilerplate", "continuation", None)
    return units, _spans(lines, roles)


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
    authors, agency = _declared_authors(doc, extractor, language)
    if agency is not None and evidence not in TEXT_BYLINE_OR_SOURCE:   # as a byline printed outside the text
        outlet, evidence = extractor.printed_outlet(agency, "byline")
        host_site = site[0] if site and site[0] != outlet else None
    authors = authors or (read.authors if read else [])
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
        unit_id=content_id(title, text), title=title or None,
        subtitle=main_text.description_standfirst(doc, title, text),
        alt_titles=[], authors=authors,
        byline=byline, outlet=outlet, outlet_evidence=evidence, host_site=host_site, published_date=date,
        published_date_text=date_text,
        modified_date=modified, text=text, urls=urls, tags=tags, word_count=cues.word_count(text),
        truncated=cut or doc.truncated or bool(read and read.truncated) or any(
            main_text.cut_mark(line, extractor.line_cues(language), extractor.profile, main_text.full_text(paragraphs))
            for line in doc.closing_lines),
        kind="article", provenance=provenance,
        language=language,
        paragraphs=[cues.normalise_space(p) for p in paragraphs], amp=doc.amp)


def _declared_authors(doc: Document, extractor: Extractor, language: str) -> tuple[list[str], str | None]:
    """(authors, agency) the input's author field names (`doc.authors`: HTML metadata, a scraper's field), each
    entry read by the byline cues of `language` as a byline the field declares (`cues.parse_byline(declared=True)`),
    so the same names come out as from the same byline printed on a text page: a job title, an agency or an
    organisation is no author ('X, AP Writer', 'JILL ROE Associated Press', 'Reuters'), and ALL-CAPS names
    are recased. The outlet such a byline names ('Jane Roe, Reuters', 'Reuters') is the agency, read as a byline's
    outlet is, when the registry or the profiles know it or the entry names a person beside it (an author field
    holding only an organisation's name, 'The Editorial Board', 'Capital Observer Staff', names no agency); the
    first entry's wins. An entry opening with another language's byline prefix ('Por Ana Costa, Lusa' over an
    English text: an author field is a byline whatever its language) is read with that language's cues
    (`_prefix_language`). An entry those cues do not read that still looks like one person's name and holds no
    role word ('Roe, Jane') is kept. When that changes the field, the page's `extraction` note keeps the field
    as given."""
    if not doc.authors:
        return [], None
    text_cues = extractor.line_cues(language)
    organisation_words, known = extractor.organisation_words, extractor.known_outlets
    authors: list[str] = []
    agencies: list[str] = []
    for entry in doc.authors:
        if _newsroom_credit(entry, doc, extractor):
            continue    # 'Redacción El Diario del Sur', 'Newsroom': the desk, no person; the site stays the outlet
        other = None if text_cues.byline_prefix.match(entry) else _prefix_language(entry, extractor)
        line_cues = extractor.line_cues(other) if other else text_cues
        found = cues.parse_byline(entry, organisation_words, known, outlet_key, line_cues, declared=True)
        if found is not None:
            authors += found.authors
            if found.outlet and (found.authors or outlet_key(found.outlet) in known
                                 or extractor.registry.resolve(found.outlet) is not None):
                agencies.append(found.outlet)
        elif cues.looks_like_person(entry, organisation_words) and not line_cues.role_word.search(entry):
            authors.append(cues.normalise_person(entry))    # one name no byline prints so: 'Roe, Jane'
    authors = list(dict.fromkeys(authors))
    if authors != doc.authors or agencies:
        doc.extraction += f"; author field {doc.authors!r} read as a byline: authors {authors!r}" + \
            (f", agency {agencies[0]!r}" if agencies else "")
    return authors, next(iter(agencies), None)


def _newsroom_credit(entry: str, doc: Document, extractor: Extractor) -> bool:
    """Whether an author field's entry credits the newsroom, not a person: a staff credit of any language's data
    alone ('Newsroom', 'Redazione'), or before or after the site's name ('Redacción El Diario del Sur', 'Harbor
    Gazette Staff') or an outlet the registry knows."""
    key = cues.label_key(entry)
    if key in extractor.staff_credits:
        return True
    words = key.split()
    site = cues.label_key(doc.site_name or "")
    for cut in range(1, len(words)):    # the credit's words, then the outlet's; or the outlet's, then the credit's
        for credit, rest in ((" ".join(words[:cut]), " ".join(words[cut:])),
                             (" ".join(words[cut:]), " ".join(words[:cut]))):
            if credit in extractor.staff_credits and \
                    (rest == site or extractor.registry.resolve(rest) is not None):
                return True
    return False


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
