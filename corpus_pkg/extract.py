"""Read one unit's metadata: title, authors, outlet, dates, tags, URLs; assemble its body text.

Input: a segmented page (`segment.PageAnalysis`) and its source; output: `UnitRecord`s, one per unit,
still carrying their place on the page. Deduplication turns them into `schema.Article`s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import cues
from .cues.outlet_evidence import MASTHEAD_WORDS, PageOutletNames, copyright_holder, page_outlet, \
    saved_page_title_tail
from .cues.text import UNSPACED
from .profiles import Profile
from .read import SourcePage
from .registry import Registry, outlet_key
from .schema import Provenance
from .furniture import match_furniture
from .segment import BLANK, BYLINE, DATELINE, DOMAIN, FURNITURE, HEADING, PROSE, SOURCE, URL, PageAnalysis, Unit, \
    is_anchor, unit_span
from .segment.envelope import Envelope

#: Suffix of an `outlet_evidence` whose outlet was printed as a domain, host or URL and named through the registry.
BY_DOMAIN = "_domain"
#: The evidence of an outlet the text names itself (not a domain or URL printed as a locator): it comes before a
#: page's site name (inputs/units.py).
NAMED_IN_TEXT = frozenset(e + suffix for e in ("byline", "source_line") for suffix in ("", BY_DOMAIN)) | {"dateline"}
#: A widget's label printed at the end of a headline ('... in Mosul ~ [+LIVE UPDATES]'), cut when it is furniture
TITLE_TAIL = re.compile(r"\s+(?:~|\||–|—|-|::|»)\s+(?P<tail>[^~|–—»]{2,40})$")


@dataclass
class UnitRecord:
    """Everything extracted for one unit on one page (before deduplication)."""

    unit_id: str
    title: str | None
    subtitle: str | None
    alt_titles: list[str]
    authors: list[str]
    byline: str | None
    outlet: str | None
    outlet_evidence: str | None
    host_site: str | None
    published_date: dt.date | None
    published_date_text: str | None
    modified_date: dt.date | None
    text: str
    urls: list[str]
    tags: list[str]
    word_count: int
    truncated: bool
    kind: str
    provenance: Provenance
    language: str | None = "und"      # None until identified (`Extractor.extract(identify=False)`)
    paragraphs: list[str] = field(default_factory=list)
    amp: bool = False       # an AMP rendering of a page (`<html amp>`): a secondary copy (`dedup.copy_rank`)


def identify_language(text: str) -> str:
    """ISO 639-1 code from py3langid (its model ships in the wheel); 'und' for text too short to tell."""
    if _too_short_to_tell(text):
        return "und"
    from .language import classify_sample  # py3langid's answer, computed with numpy (see language.py)

    return classify_sample(text)


def identify_languages(texts: list[str], word_counts: list[int] | None = None) -> list[str]:
    """`identify_language(text)` of each of `texts`, those long enough to tell identified together (one walk of
    the language automaton for all of them: `language.classify_samples`). `word_counts`: `cues.word_count` of
    each text when the caller has it (a UnitRecord's `word_count`), so it is not counted again."""
    from . import language

    words = word_counts if word_counts is not None else [None] * len(texts)
    told = [i for i, (text, n) in enumerate(zip(texts, words)) if not _too_short_to_tell(text, n)]
    codes = ["und"] * len(texts)
    for i, code in zip(told, language.classify_samples([texts[i] for i in told]) if told else []):
        codes[i] = code
    return codes


def _too_short_to_tell(text: str, word_count: int | None = None) -> bool:
    words = cues.word_count(text) if word_count is None else word_count
    return words < 5 and cues.word_equivalents(text) < 5     # (Thai puts no space between words)


def content_id(title: str | None, text: str, spaced: str | None = None) -> str:
    """Stable id from content (16 hex digits of SHA-256): case and spacing do not change it, a changed word
    does; an article without a title (None) has the id of an empty title. `spaced`: `cues.normalise_space(text)`
    when the caller has it (`_spaced_paragraphs`)."""
    spaced = cues.normalise_space(text) if spaced is None else spaced
    key = cues.normalise_space(title or "").casefold() + "\n" + spaced.casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _spaced_paragraphs(paragraphs: list[str]) -> str | None:
    """`cues.normalise_space("\n\n".join(paragraphs))` when every paragraph is its own normal form (most are; the
    check costs a scan, not a word list): the non-empty paragraphs joined by single spaces. None otherwise.
    Exact: normalise_space splits on every whitespace character (the blank lines among them) and joins the words
    with one space; a paragraph in normal form has no whitespace but single spaces between its words and is NFC,
    and NFC changes nothing across a line break (a starter that composes with no character)."""
    for paragraph in paragraphs:
        if cues.normalise_space(paragraph) != paragraph:
            return None
    return " ".join(p for p in paragraphs if p)


def _word_count(text: str, spaced: str | None) -> int:
    """`cues.word_count(text)`, read from `spaced` (`_spaced_paragraphs` of the text's paragraphs, or None) when
    the text holds no Han or kana: `spaced` is the text's whitespace words joined by single spaces, so they are
    its spaces plus one (no list of them is built)."""
    if spaced is not None and (spaced.isascii() or not UNSPACED.search(spaced)):
        return spaced.count(" ") + 1 if spaced else 0
    return cues.word_count(text)


@lru_cache(maxsize=4096)     # a footer's date recurs on every article of a day: read each date text once
def _date_of(text: str) -> dt.date | None:
    """The first date `cues.find_date` reads in `text` (English month names), None if none."""
    found = cues.find_date(text)
    return found.value if found is not None else None


class Extractor:
    def __init__(self, profile: Profile, registry: Registry):
        self.profile = profile
        self.registry = registry
        # the name an outlet printed by its short name is recorded under ('AP' -> 'Associated Press'), by key
        self.full_names = {outlet_key(short): name for short, name in profile.lexicon.outlet_short_names.items()}
        # comparison keys of the outlets a byline may name: the registry's and the profiles' `outlet_names`
        self.known_outlets = registry.known_keys() | {outlet_key(name) for name in profile.lexicon.outlet_names} \
            | set(self.full_names) | {outlet_key(name) for name in self.full_names.values()}
        self.organisation_words = frozenset(w.casefold() for w in profile.lexicon.organisation_words)
        self.company_forms = frozenset(w.casefold() for w in profile.lexicon.company_forms)
        self.outlet_names = {outlet_key(name): name for name in profile.lexicon.outlet_names}
        # every language's newsroom credits ('Redacción', 'Newsroom'), by label key: an author field is a byline
        # whatever its language (`inputs.units._newsroom_credit`)
        self.staff_credits = frozenset(cues.label_key(credit) for code in profile.languages
                                       for credit in profile.cues_for(code).staff_credits) - {""}
        self._line_cues: dict[str, cues.LineCues] = {}
        self.known_categories = sorted(profile.known_categories(), key=len, reverse=True)

    def extract(self, page: PageAnalysis, source: SourcePage, identify: bool = True) -> list[UnitRecord]:
        """One record per unit of `page`, in order. `identify=False` leaves each record's `language` None, for a
        caller that identifies the texts of many pages at once (`identify_languages`, as `reader.PageReader`
        does for a batch of pages); otherwise the page's texts are identified together."""
        host_site = self._host_site(page)
        envelope = self._envelope(page)
        page_outlet = self._page_outlet(page, source)
        if page_outlet is not None and page_outlet[0] == host_site:
            host_site = None        # the masthead names the page's own outlet: no re-post
        order = cues.page_order(d for b in page.blocks for d in (b.date, b.modified))    # of its numeric dates
        records = [self._record(page, index, unit, source, host_site, envelope if index == 0 else None, page_outlet,
                                order) for index, unit in enumerate(page.units)]
        if identify:
            for record, code in zip(records, identify_languages([r.text for r in records],
                                                                [r.word_count for r in records])):
                record.language = code
        return records

    @staticmethod
    def _envelope(page: PageAnalysis) -> Envelope | None:
        """A reader tool's envelope describes the page, so its first article: its lines get the role
        metadata in that article (the segmenter left them as furniture, outside any article)."""
        if page.envelope is not None and page.units:
            for k, b in enumerate(page.blocks):
                if b.envelope is not None:
                    page.roles[k] = ("metadata", "reader_envelope", 0)
        return page.envelope

    # -- page level ------------------------------------------------------------------------------

    def _host_site(self, page: PageAnalysis) -> str | None:
        """The re-posting site, when its masthead is printed: the name a profile or the registry knows it by,
        else the masthead as printed on a page that says it re-posts (a re-poster's preface or stamp)."""
        if not page.masthead:
            return None
        site = self.profile.site_for_masthead(page.masthead)
        if site is not None:
            return site.name
        entry = self.registry.resolve(page.masthead)
        if entry is not None:
            return entry.name
        reposted = page.repost_date is not None or any(u.kind == "preface" for u in page.units)
        printed = cues.normalise_space(page.masthead)
        return printed if reposted and len(printed.split()) <= MASTHEAD_WORDS else None

    def _page_outlet(self, page: PageAnalysis, source: SourcePage) -> tuple[str, str] | None:
        """(outlet, evidence) a page of one article names outside it (`cues.outlet_evidence`): a copyright line
        under its text, a masthead as its first line, the saved page's file name. None on a page of several
        articles or a re-post (whose footer and masthead name the re-poster)."""
        if len(page.units) != 1 or page.units[0].kind != "article" or page.repost_date is not None:
            return None
        unit_lines = [b.line_end for b in [*page.units[0].body, *page.units[0].bylines]]
        below = max(unit_lines, default=0)
        footers = [b.text for b in page.blocks if b.cls == FURNITURE and b.line_start > below
                   and b.furniture.kind == "site_footer"]
        # (the masthead is the first line but furniture: a skip link or a cookie banner is printed above it)
        first = next((k for k, b in enumerate(page.blocks) if b.cls not in (BLANK, FURNITURE)), None)
        masthead = page.blocks[first].text if first is not None and page.blocks[first].cls == HEADING \
            and page.roles[first][2] is None and len(page.blocks[first].text.split()) <= MASTHEAD_WORDS else None
        names = PageOutletNames(copyright_line=[h for h in map(copyright_holder, footers) if h], masthead=masthead,
                                file_name=saved_page_title_tail(source.source_file))
        return page_outlet(names, self._known_outlet, self.company_forms, self.organisation_words, outlet_key)

    def _known_outlet(self, printed: str) -> str | None:
        """The registry's name of the outlet `printed` names, else the profiles' `outlet_names` spelling of it
        ('© 2019 The Associated Press' -> 'Associated Press'); None for a name neither knows."""
        entry = self.registry.resolve(printed)
        return entry.name if entry is not None else self.outlet_names.get(outlet_key(printed))

    # -- unit level ------------------------------------------------------------------------------

    def _record(self, page: PageAnalysis, index: int, unit: Unit, source: SourcePage, host_site: str | None,
                envelope: Envelope | None, page_outlet: tuple[str, str] | None = None, order: str = "") -> UnitRecord:
        paragraphs, link_urls = [], []
        markdown = page.markdown
        for b in unit.body:
            paragraph, urls = cues.reduce_links(unit.body_text_of(b))
            paragraph = cues.without_tool_marks(paragraph) if b.cls == PROSE else cues.without_markup(paragraph)
            paragraphs.append(cues.without_emphasis(paragraph) if markdown else paragraph)
            link_urls += urls
        text = "\n\n".join(paragraphs)
        spaced = _spaced_paragraphs(paragraphs)     # the text's normal spacing, read from its paragraphs, or None
        dateline = cues.read_dateline(paragraphs[0], self.line_cues(page.cue_language), self.organisation_words,
                                      self.known_outlets, outlet_key) if paragraphs else None
        outlet, evidence = self._outlet(unit, envelope, dateline)
        title = self._title(unit)
        if outlet is None and page_outlet is not None:
            outlet, evidence = page_outlet      # the text names none: the page's footer, masthead or file name
        if envelope is not None:    # the envelope's title when the page prints none; the site's name beside it cut
            title = envelope.without_site(title or cues.normalise_space(envelope.title or ""), (outlet,))
        authors = self._authors(unit) or (dateline.authors if dateline else []) \
            or (envelope.authors if envelope is not None else [])
        dates = self._dates(unit, envelope, order, dateline.date if dateline is not None else None)
        (date, date_text), modified = dates["published"], dates["modified"]
        if date is None and dateline is not None and (dated := dateline.date_in(modified)) is not None:
            date, date_text = dated, dateline.text     # '新华社北京3月5日电': a month and day, the update's year
        repost_date, repost_text = self._repost_date(page, unit)
        if repost_date is None and dates["stamp"][0] is not None:
            repost_date, repost_text = dates["stamp"]
        line_start, line_end = unit_span(page, index)
        # the byline as printed: a 'By ...' line naming someone, else the first line the audit marks as the byline (a
        # name line over a job title: 'Jane Roe' / 'Staff Writer'); without the marks of Markdown emphasis and links
        # ('By **Jane Roe**'), as it was read (`Block.shape`)
        byline = next((b.shape for b in unit.bylines if b.cls == BYLINE and (b.byline is None or b.byline.authors)),
                      None) or next((b.shape for b in unit.bylines), None)
        provenance = Provenance(
            source_file=source.source_file, source_sha256=source.sha256, line_start=line_start, line_end=line_end,
            title_as_printed=unit.title.text if unit.title else (envelope and envelope.title or title), host_site=host_site,
            repost_date=repost_date, repost_date_text=repost_text)
        return UnitRecord(
            unit_id=content_id(title, text, spaced), title=title or None,
            subtitle=cues.without_markup(unit.subtitle.text) if unit.subtitle else None,
            alt_titles=list(dict.fromkeys(b.text for b in unit.alt_titles if b.text != title)),
            authors=authors if unit.kind != "preface" else [], byline=byline,
            outlet=outlet if unit.kind != "preface" else None, outlet_evidence=evidence if unit.kind != "preface" else None,
            host_site=host_site, published_date=date, published_date_text=date_text, modified_date=modified, text=text,
            urls=self._urls(unit, envelope, link_urls), tags=self._tags(unit, envelope), word_count=_word_count(text, spaced),
            truncated=unit.truncated,
            kind=unit.kind, provenance=provenance, language=None, paragraphs=paragraphs)

    def _authors(self, unit: Unit) -> list[str]:
        names: list[str] = []
        for b in unit.bylines:
            names += b.byline.authors if b.byline else ([b.person] if b.person else [])
        if not names:
            names = [cues.bio_name(b.text, self.organisation_words) for b in unit.bios]
        return list(dict.fromkeys(n for n in names if n))

    def line_cues(self, language: str) -> cues.LineCues:
        """The compiled words that apply to a document in `language` (the profiles' words, compiled once per
        language), for reading its author field and printed bylines as a text page's are read."""
        if language not in self._line_cues:
            self._line_cues[language] = cues.compile_cues(self.profile.cues_for(language), language)
        return self._line_cues[language]

    def printed_outlet(self, printed: str, where: str) -> tuple[str, str]:
        """(outlet, outlet_evidence) of an outlet printed `where` (byline, source_line, dateline, site_name): the
        registry's name for it (`Registry.resolve`), else `printed` as is; a short name the profiles' data expands
        (`outlet_short_names`: 'AP') is read as its full name first. When a domain, host or URL printed there named
        it through the registry's domains (`Source: www.nytimes.com`), the evidence is `where` + `_domain`; another
        host printed there loses its `www.` as a URL's domain does (`www.gazeta.example` -> `gazeta.example`), and a
        name spelled as a domain keeps its case (`Salon.com`)."""
        printed = self.full_names.get(outlet_key(printed), printed)
        entry = self.registry.lookup(printed)
        if entry is not None:
            return entry.name, where
        entry = self.registry.lookup_host(printed)
        if entry is not None:
            return entry.name, f"{where}{BY_DOMAIN}"
        if printed[:4].casefold() == "www." and " " not in printed.strip():
            printed = printed[4:]       # a host as a site name ('www.gazeta.example'): its domain, as a URL gives it
        return printed, where

    def _title(self, unit: Unit) -> str:
        """The headline, without a widget's label printed at its end ('... in Mosul ~ [+LIVE UPDATES]')."""
        title = cues.normalise_space(unit.title_text)
        m = TITLE_TAIL.search(title)
        if m and match_furniture(m["tail"].strip("[]()+ "), self.profile) is not None:
            return title[: m.start()].rstrip()
        return title

    def _outlet(self, unit: Unit, envelope: Envelope | None, dateline: cues.Dateline | None) -> tuple[str | None, str | None]:
        """The byline's outlet, else a 'Source:' line, else the news agency the opening dateline names (the first
        paragraph's: 'ROMA (ANSA) - ...', '【ニューヨーク共同】...'), else a printed domain, else a printed URL, else a reader tool's
        envelope: its site name, else its URL ('URL Source:', 'source:')."""
        for b in unit.bylines:
            if b.byline and b.byline.outlet:
                return self.printed_outlet(b.byline.outlet, "byline")
        for b in [*unit.metadata, *unit.bylines]:
            if b.source:      # a source line's, or the source field of a byline or date line: '来源：新华社　作者：赵强'
                return self.printed_outlet(b.source, "source_line")
        if dateline is not None and dateline.agency is not None:
            return self.printed_outlet(dateline.agency, "dateline")
        for b in unit.metadata:
            if b.cls == DOMAIN and b.domain:
                return self._outlet_for_domain(b.domain), "domain"
        for b in unit.metadata:
            if b.cls in (URL, SOURCE) and b.urls:
                return self._outlet_for_domain(cues.url_domain(b.urls[0])), "url"
        if envelope is not None and envelope.site:
            return self.printed_outlet(envelope.site, "site_name")
        if envelope is not None and envelope.urls:
            return self._outlet_for_domain(cues.url_domain(envelope.urls[0])), "url"
        return None, None

    def _outlet_for_domain(self, domain: str) -> str:
        entry = self.registry.lookup_domain(domain)
        if entry is not None:
            return entry.name
        site = self.profile.site_for_domain(domain)
        return site.name if site else domain

    @staticmethod
    def _dates(unit: Unit, envelope: Envelope | None, order: str, dateline: cues.FoundDate | None = None
               ) -> dict[str, tuple[dt.date | None, str | None] | dt.date | None]:
        """The publication date, the update date, and a re-poster's stamp, each as (date, as printed).

        The publication date is the byline's, else the first date line the unit owns (never a
        sidebar's, nor an embedded post's), else the date the text's opening dateline prints (`dateline`: 'PARIS, 12
        avril 2024 (AFP) - ...'), else the date of a reader tool's envelope; a date labelled as an update
        ('Updated: ...', 'Actualizado:') is `modified` only, never the publication date, even when no publication
        date is printed (then the publication date is None: the page does not say when it was published, unless the
        opening dateline prints a month and day, read in the update's year: `_record`). A numeric
        date either of whose first two numbers could be the month is read in the page's `order` (`cues.page_order`).
        A date under a re-poster's rubric ('EDITOR'S CHOICE | date') or printed after the text's source line
        ('Source: X, Edited by ...' then 'date | time') is the re-poster's stamp.
        """
        published, modified, stamp = [], [], []
        last_body = max((b.line_end for b in unit.body), default=0)
        source_seen = False
        for b in [*unit.bylines, *unit.metadata]:
            source_seen = source_seen or (b.cls == SOURCE and b.line_start > last_body)
            if b.cls not in (BYLINE, DATELINE) or b.cls == DATELINE and not is_anchor(b):
                continue    # (an embedded post's attribution, '— Jane Roe (@janeroe) March 3, 2024', dates the post)
            if b.cls == DATELINE and (b.stamp or (source_seen and b.line_start > last_body)):
                stamp += [d for d in (b.date, b.modified) if d is not None]
                continue
            published += [b.date.in_order(order)] if b.date is not None else []
            modified += [b.modified.in_order(order)] if b.modified is not None else []
        published += [dateline.in_order(order)] if dateline is not None else []
        if envelope is not None:    # (never a clipping tool's date: when the page was saved)
            published += [envelope.published] if envelope.published is not None else []
            modified += [envelope.modified] if envelope.modified is not None else []
        first = published[0] if published else None
        return {"published": (first.value, first.text) if first else (None, None),
                "modified": modified[0].value if modified else None,
                "stamp": (stamp[0].value, stamp[0].text) if stamp else (None, None)}

    @staticmethod
    def _repost_date(page: PageAnalysis, unit: Unit) -> tuple[dt.date | None, str | None]:
        for hit in unit.attached:
            if hit.groups.get("date"):
                value = _date_of(hit.groups["date"])
                if value is not None:
                    return value, hit.groups["date"]
        if page.repost_date is not None and unit.kind != "preface":
            return page.repost_date.value, page.repost_date.text
        return None, None

    def _tags(self, unit: Unit, envelope: Envelope | None) -> list[str]:
        tags: list[str] = list(envelope.tags) if envelope is not None else []
        for hit in unit.attached:
            for key in ("categories", "tags"):
                tags += self._split_categories(hit.groups.get(key, ""))
        return list(dict.fromkeys(tags))

    def _split_categories(self, text: str) -> list[str]:
        """'A, B, C, D' with 'A, B, C' a known category (it contains commas) -> ['A, B, C', 'D']."""
        found = []
        for category in self.known_categories:
            if category in text:
                found.append(category)
                text = text.replace(category, ",")
        found += [part.strip() for part in text.split(",") if part.strip()]
        return found

    @staticmethod
    def _urls(unit: Unit, envelope: Envelope | None, link_urls: list[str]) -> list[str]:
        """URLs and bare domains printed with the article: its metadata lines, the envelope's 'URL
        Source:', and the targets of Markdown links in its byline and text."""
        urls: list[str] = list(envelope.urls) if envelope is not None else []
        for b in [*unit.metadata, *unit.bylines]:
            urls += b.urls
            if b.cls == DOMAIN and b.domain:
                urls.append(b.domain)
        return list(dict.fromkeys(urls + link_urls))
