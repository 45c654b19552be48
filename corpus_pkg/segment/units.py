"""Segment a page into text units (articles, prefaces) and give every line a role.

How a page is read, in three passes:

1. **Blocks.** Lines become blocks: one block per line, or one per paragraph when the page is
   hard-wrapped (most lines end near the same column).
2. **Classes.** Each block is classified on its own (see `cues`, `furniture`): blank, furniture,
   byline, date line, source line, URL, domain, credit, heading, prose or fragment.
3. **Units.** Runs of non-prose blocks between prose are read as either the tail of the unit above
   (source lines, footers, sidebars), the header of a new unit, or sub-headings inside a body.
   A run starts a new unit when it holds a heading and either an *anchor* (a byline, date line,
   source label, URL or credit after the heading), a repeated heading, the page's start, or
   follows a unit that has ended (a closing footer, a source line, a "read more"). The title is
   the heading directly above the first anchor (the original headline, not a re-poster's heading).

Nothing here names a site: furniture comes from the profiles, everything else from line shapes.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import cues
from ..furniture import FurnitureMatch, match_furniture, strip_inline_markers
from ..profiles import Profile
from . import score, single
from .similar import similar
from .decide import NONE, ONE, Layout, PageDecision, could_hold_several, decide
from .classes import ANCHORS, BLANK, BYLINE, CREDIT, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL

MIN_BODY_WORDS = 20                 # a unit needs at least one full paragraph
MIN_BODY_WORDS_UNANCHORED = 50      # ... and more when nothing but its position says it is an article
MAX_HEADER_HEADINGS = 5             # more headings in one run is a list of other articles
SHORT_LINE_WORDS = 6                # menus, widgets and mastheads are this short; headlines rarely are
SOURCE_WINDOW = 3                   # a source line and the lines under it (URL, a re-poster's stamp)
BIO_WINDOW = 3                      # an author bio this close under the text belongs to it
MAX_SHAPED_LINE_CHARS = 10_000      # furniture, bylines, dates, links and headings are shorter than this
CACHED_LINE_CHARS = 400             # a line up to this long has its class remembered (menus, footers and
                                    # republished text recur across pages; longer lines rarely do)
CACHED_LINES = 20_000               # lines remembered per process at most (at most ~15 MB); then forgotten at once


@dataclass
class Block:
    line_start: int
    line_end: int
    text: str                       # whitespace-normalised text of the block
    shape: str = ""                 # the text without markdown-style markup ('# ', '*...*'): what is classified
    cls: str = BLANK
    furniture: FurnitureMatch | None = None
    byline: cues.Byline | None = None
    date: cues.FoundDate | None = None
    modified: cues.FoundDate | None = None  # an update date printed in the line ('Updated: ...')
    stamp: bool = False             # the date is a re-poster's stamp ('EDITOR'S CHOICE | 10.03.2017')
    envelope: str | None = None     # a reader tool's envelope field ('title', 'url', 'published', 'content')
    label: str | None = None        # what labels a date line ('EDITOR’S CHOICE', 'Introduction')
    source: str | None = None       # outlet named by a 'Source: X' line
    urls: list[str] = field(default_factory=list)
    domain: str | None = None
    person: str | None = None       # a heading that is a person's name
    raw_lines: list[str] = field(default_factory=list)


@dataclass
class Unit:
    """An article (or a re-poster's preface) found on a page, with the blocks that make it up."""

    kind: str = "article"
    anchored: bool = False
    title: Block | None = None
    title_text: str = ""
    alt_titles: list[Block] = field(default_factory=list)
    subtitle: Block | None = None
    bylines: list[Block] = field(default_factory=list)
    metadata: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    body_texts: dict[int, str] = field(default_factory=dict)   # id(block) -> text after inline markers cut
    bios: list[Block] = field(default_factory=list)
    attached: list[FurnitureMatch] = field(default_factory=list)
    truncated: bool = False
    ended: bool = False             # the text has ended (source line, domain, continuation)
    closed: bool = False            # a closing footer or sidebar followed: nothing more belongs to it
    roles: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # id(block) -> (role, detail)

    def give(self, block: Block, role: str, detail: str | None = None) -> None:
        self.roles[id(block)] = (role, detail)

    def body_text_of(self, block: Block) -> str:
        return self.body_texts.get(id(block), block.text)

    @property
    def body_words(self) -> int:
        return sum(cues.word_count(self.body_text_of(b)) for b in self.body)


@dataclass
class PageAnalysis:
    blocks: list[Block]
    units: list[Unit]
    roles: list[tuple[str, str | None, int | None]]   # per block: role, detail, unit index
    masthead: str | None = None
    repost_date: cues.FoundDate | None = None
    wrapped: bool = False
    first_content: Block | None = None
    decision: PageDecision | None = None
    scores: list[score.LineScore | None] = field(default_factory=list)   # per block (None: blank); empty when
                                                                          # the page was read as several articles
    language: str | None = None     # the page's language as its stop words say


# ------------------------------------------------------------------------------------------------
# pass 1: blocks


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped page breaks at, or None when lines are whole paragraphs.

    A page is wrapped when no line is longer than a terminal-like width and many lines end close
    to the longest one (the last line of each paragraph is the short one).
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 6:
        return None
    width = max(lengths)
    near = sum(1 for n in lengths if n >= width - 15)
    return width if 40 <= width <= 120 and near >= 0.4 * len(lengths) else None


def make_blocks(lines: list[str]) -> tuple[list[Block], bool]:
    width = wrap_width(lines)
    if width is None:   # one block per line (most pages)
        return [Block(number, number, cues.normalise_space(line), raw_lines=[line])
                for number, line in enumerate(lines, start=1)], False
    blocks: list[Block] = []
    for number, line in enumerate(lines, start=1):
        text = cues.normalise_space(line)
        previous = blocks[-1] if blocks else None
        joins = (text and previous is not None and previous.text
                 and len(previous.raw_lines[-1].rstrip()) >= width - 15 and previous.line_end == number - 1)
        if joins:
            previous.line_end = number
            previous.text = f"{previous.text} {text}"
            previous.raw_lines.append(line)
        else:
            blocks.append(Block(number, number, text, raw_lines=[line]))
    return blocks, True


# ------------------------------------------------------------------------------------------------
# pass 2: classes


class Classifier:
    """Gives each block its class from the line alone (furniture, byline, date line, heading, prose...).

    Call `start_page(blocks)` before classifying a page's blocks: it identifies the page's language,
    which picks the function words that apply (byline prefixes, date labels, ad labels: the profiles'
    `[language.xx]` tables, with English and `[common]`), and finds a reader tool's envelope at the top.
    """

    def __init__(self, profile: Profile, known_outlets: frozenset[str], outlet_key):
        self.profile = profile
        self.organisation_words = frozenset(w.casefold() for w in profile.lexicon.organisation_words)
        self.known_outlets = known_outlets
        self.outlet_key = outlet_key
        self.credit_prefixes = tuple(p.casefold() for p in profile.lexicon.credit_prefixes)
        self.source_prefixes = sorted((p.casefold() for p in profile.lexicon.source_prefixes), key=len, reverse=True)
        self.any_source_prefix = tuple(self.source_prefixes)     # every source line starts with one of them
        # a line's first so many characters, case-folded, say whether it opens with a (case-folded) prefix:
        # casefold maps each character on its own to one or more, so the case-folded start of a line is the
        # start of its case-folded text (a paragraph is not folded whole for a test of its first word)
        self.prefix_chars = max(map(len, self.credit_prefixes + self.any_source_prefix), default=0)
        self.preface_labels = {cues.comparison_key(p) for p in profile.lexicon.preface_labels}
        self.envelope = {cues.comparison_key(label): name for name, labels in profile.lexicon.envelope_fields.items()
                         for label in labels}
        self.language: str | None = None
        self._cues_by_language: dict[str | None, cues.LineCues] = {}
        self.cues = self._cues_for(None)
        self._classes: dict[tuple[str, str | None, str | None], tuple] = {}

    def _cues_for(self, language: str | None) -> cues.LineCues:
        """The compiled words of `language`, compiled once per classifier (the profile does not change)."""
        if language not in self._cues_by_language:
            self._cues_by_language[language] = cues.compile_cues(self.profile.cues_for(language), language)
        return self._cues_by_language[language]

    def start_page(self, blocks: list[Block]) -> None:
        """Identify the page's language (its words apply) and mark a reader tool's envelope."""
        self.language = page_language(blocks)
        self.cues = self._cues_for(self.language)
        self._mark_envelope([b for b in blocks if b.text])

    def _mark_envelope(self, content: list[Block]) -> None:
        """The metadata a reader tool or converter prints above the page: Jina Reader's 'Title: ...' /
        'URL Source: ...' / 'Published Time: ...' / 'Markdown Content:' lines, or YAML front matter between
        '---' lines. Two known fields at least: one 'Date: ...' line opening a page is its own date line."""
        fenced = bool(content) and content[0].text == "---"
        fields: list[tuple[Block, str]] = []
        for block in content[1:] if fenced else content:
            if fenced and block.text == "---":
                fields = [(content[0], "fence"), *fields, (block, "fence")]
                break
            label, colon, value = block.text.partition(":")
            name = self.envelope.get(cues.comparison_key(label)) if colon and len(label) <= 40 else None
            if name is None and not (fenced and colon and len(label) <= 40):
                if fenced:
                    fields = []     # front matter that never closes is not front matter
                break
            fields.append((block, name or "other"))
        else:
            if fenced:
                fields = []
        if sum(1 for _, name in fields if name not in ("fence", "other")) >= 2:
            for block, name in fields:
                block.envelope = name

    def is_organisation(self, text: str) -> bool:
        return self.outlet_key(text) in self.known_outlets or cues.looks_like_organisation(text, self.organisation_words)

    def is_preface_label(self, text: str | None) -> bool:
        return bool(text) and cues.comparison_key(text) in self.preface_labels

    def classify(self, block: Block) -> None:
        """Give `block` its class and what the class reads (byline, dates, URLs...) from its text alone.

        A block's class depends only on its text, its envelope field and the page's language, so the
        answer for a line already classified (a menu, a footer, a republished paragraph) is reused: the
        same values, with fresh copies of the mutable ones."""
        if not block.text:
            # a blank line: `_classify` sets only what a block from `make_blocks` already has (shape "", BLANK)
            block.shape, block.cls = "", BLANK
            return
        if len(block.text) > CACHED_LINE_CHARS:
            self._classify(block)
            return
        key = (block.text, block.envelope, self.language)
        known = self._classes.get(key)
        if known is None:
            self._classify(block)
            if len(self._classes) >= CACHED_LINES:
                self._classes.clear()
            fields = block.__dict__
            self._classes[key] = {name: fields[name] for name in CLASSIFIED_FIELDS}
            return
        # (a Block is a plain dataclass: its fields are its instance dictionary's items, set in one update)
        block.__dict__.update(known)
        block.urls = list(block.urls)
        if block.byline is not None:
            block.byline = dataclasses.replace(block.byline, authors=list(block.byline.authors))

    def _classify(self, block: Block) -> None:
        text = block.shape = cues.without_markup(block.text)
        if not text:
            block.cls = BLANK
            return
        if len(text) > MAX_SHAPED_LINE_CHARS:
            # only running text is this long; the short-line patterns would cost minutes and gigabytes on it
            # (a share-bar pattern backtracks once per character of a 50 MB line)
            block.cls = PROSE if cues.is_prose(text) else FRAGMENT
            return
        if block.envelope is not None:
            self._envelope(block)
            return
        hit = match_furniture(text, self.profile) or self._labelled_furniture(block, text)
        if hit is not None:
            block.cls, block.furniture = FURNITURE, hit
            return
        if text[: self.prefix_chars].casefold().startswith(self.credit_prefixes):
            block.cls = CREDIT
            return
        source = self._source(text)
        if source is not None:
            block.cls, block.source = SOURCE, source or None
            block.urls = cues.find_urls(text)
            return
        urls = cues.find_urls(text)
        if urls and len(text.split()) <= 3:
            block.cls, block.urls = URL, urls
            return
        domain = cues.bare_domain(text)
        if domain:
            block.cls, block.domain = DOMAIN, domain
            return
        block.urls = cues.reduce_links(block.text)[1]
        words = cues.content_words(text)
        reading = cues.read_dates(text, self.cues) if words <= 16 else None
        if reading is not None and (reading.label is None or self.is_preface_label(reading.label)
                                    or self.cues.is_repost_label(reading.label)):
            self._date_line(block, reading)
            return
        byline = cues.parse_byline(text, self.organisation_words, self.known_outlets, self.outlet_key, self.cues,
                                   dates=reading) if words <= 16 else None
        if byline is not None:
            block.cls, block.byline, block.date, block.modified = BYLINE, byline, byline.date, byline.modified
            return
        if reading is not None and len(reading.label.split()) <= 4 and words <= 12:
            self._date_line(block, reading)
            return
        if cues.is_heading_like(text):
            block.cls = HEADING
            if cues.looks_like_person(text, self.organisation_words):
                block.person = cues.normalise_person(text)
            return
        block.cls = PROSE if cues.is_prose(text) else FRAGMENT

    def _date_line(self, block: Block, reading: cues.DateReading) -> None:
        """A date line; a date under a re-poster's rubric ('EDITOR'S CHOICE | date') is its stamp."""
        block.cls, block.date, block.modified, block.label = DATELINE, reading.published, reading.modified, reading.label
        block.stamp = self.cues.is_repost_label(reading.label)

    def _envelope(self, block: Block) -> None:
        """A field of a reader tool's envelope: page metadata, read by the extractor, never a heading."""
        value = block.text.partition(":")[2].strip().strip("\"'")
        block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="reader_envelope")
        if block.envelope == "url":
            block.urls = cues.find_urls(value)
        elif block.envelope == "published":
            reading = cues.read_dates(value, self.cues)
            block.date = reading.first if reading else None
        elif block.envelope == "author":
            block.label = value or None

    def _labelled_furniture(self, block: Block, text: str) -> FurnitureMatch | None:
        """Ad-slot labels ('Publicidad') and links to other articles ('Read more: <headline>') in the
        page's languages."""
        if len(text) <= MAX_LABEL_CHARS and cues.label_key(text) in self.cues.ad_labels:
            return FurnitureMatch(kind="advertisement")
        m = self.cues.read_more.match(text) if READ_MORE_MARKS.search(text) else None
        if m and ("](" in block.text or cues.find_urls(block.text) or cues.is_heading_like(m["rest"])):
            return FurnitureMatch(kind="read_more")
        return None

    def _source(self, text: str) -> str | None:
        """'Source: Independent, Edited by website team' -> 'Independent'; a bare 'Source' -> ''."""
        if not text[: self.prefix_chars].casefold().startswith(self.any_source_prefix):
            return None
        folded = text.casefold()
        for prefix in self.source_prefixes:
            if folded == prefix or folded == prefix + ":":
                return ""
            if folded.startswith((prefix + ":", prefix + "：")) or (folded.startswith(prefix + " ") and prefix != "via" and len(text.split()) <= 12):
                rest = text[len(prefix):].lstrip(" :：")
                dates = cues.read_dates(rest, self.cues)
                if dates is not None and dates.label is None:
                    return None     # 'First published: 14 July 2022' is a date line
                name = rest.split(",")[0].split(" | ")[0].strip()
                return name if name and len(name.split()) <= 8 else None
        return None


#: What `Classifier.classify` sets on a block (remembered per line text).
CLASSIFIED_FIELDS = ("shape", "cls", "furniture", "byline", "date", "modified", "stamp", "label", "source", "urls",
                     "domain", "person")


MAX_LABEL_CHARS = 40               # ad-slot labels are a few words
READ_MORE_MARKS = re.compile("[:：»>→]")     # a 'read more' link's label ends with one of them
LANGUAGE_SAMPLE_CHARS = 600         # enough text for py3langid to tell the languages of the profiles apart


def page_language(blocks: list[Block]) -> str | None:
    """The page's language (ISO 639-1, py3langid) from its longest lines, about 600 characters; None
    when the page holds too little text to tell."""
    from ..language import classify

    lines = sorted((b.text for b in blocks if len(b.text) >= 20), key=len, reverse=True)
    sample, size = [], 0
    for line in lines:
        sample.append(line[:LANGUAGE_SAMPLE_CHARS])
        size += len(sample[-1])
        if size >= LANGUAGE_SAMPLE_CHARS:
            break
    if size < 20:
        return None
    text = "\n".join(sample)
    if text.count(" the ") >= 3 and text.count(" of ") + text.count(" and ") >= 2:
        return "en"     # English function words: no need to ask py3langid (English words apply anyway)
    return classify(text)


# ------------------------------------------------------------------------------------------------
# pass 3: units


class Segmenter:
    def __init__(self, classifier: Classifier, site_lines: frozenset[str] = frozenset()):
        """`site_lines`: comparison keys of short lines printed on many pages of the input (menus,
        mastheads, footers), from `furniture.common_short_lines`; they are furniture wherever they occur."""
        self.c = classifier
        self.site_lines = site_lines

    def analyse(self, lines: list[str], layout: Layout = "auto", title: str = "auto") -> PageAnalysis:
        """Classify the page's lines, decide what it holds (`decide.decide`) and read its units.

        `layout`: "auto" (decide from the page), "single" (one article) or "multi" (as many as have
        a header); `title`: "auto" (the headline above the text) or "first_line" (the file's first line).
        """
        blocks, wrapped = make_blocks(lines)
        self.c.start_page(blocks)
        for block in blocks:
            self.c.classify(block)
        self._mark_repeated_lines(blocks)
        self._mark_page_title(blocks)
        content = [b for b in blocks if b.cls != BLANK]
        page = PageAnalysis(blocks=blocks, units=[], roles=[], wrapped=wrapped,
                            first_content=content[0] if content else None)
        if layout == "multi" or (layout == "auto" and could_hold_several(blocks)):
            self._read_units(content, page)
        runs: list[tuple[int, int] | None] = []

        def has_run() -> bool:
            """Score the lines and find the best run (only when the decision needs it: a page with several
            articles is read without line scores)."""
            if not runs:
                page.scores, page.language = score.score_blocks(blocks, self.site_lines)
                runs.append(single.article_run(content, [page.scores[k] for k, b in enumerate(blocks) if b.cls != BLANK]))
            return runs[0] is not None

        page.decision = decide(page.units, blocks, has_run, layout)
        if page.decision.kind == ONE:
            page.units = [self._read_single(content, runs[0], page, title)]
        elif page.decision.kind == NONE:
            page.units = []
        self._assign_roles(page)
        return page

    # -- general signals -------------------------------------------------------------------------

    def _mark_repeated_lines(self, blocks: list[Block]) -> None:
        """A short line printed three or more times on one page, or on many pages of the input, is a
        widget, a menu or a masthead, not text."""
        # (a Chinese headline has no spaces: its characters count as words)
        short = [b for b in blocks if b.cls in (HEADING, FRAGMENT) and cues.word_count(b.text) <= SHORT_LINE_WORDS]
        counts = Counter(cues.comparison_key(b.text) for b in short)
        for block in short:
            key = cues.comparison_key(block.text)
            if counts[key] >= 3:
                block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="repeated_line")
            elif key in self.site_lines:
                block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="repeated_across_pages")

    @staticmethod
    def _mark_page_title(blocks: list[Block]) -> None:
        """The page's first line repeating a later heading is the page's <title>, not a unit's."""
        content = [b for b in blocks if b.cls != BLANK]
        if len(content) < 3 or content[0].cls != HEADING:
            return
        first = content[0]
        for later in content[2:]:
            if later.cls == HEADING and cues.comparison_key(later.text) == cues.comparison_key(first.text):
                first.cls, first.furniture = FURNITURE, FurnitureMatch(kind="page_title")
                return

    # -- reading runs ----------------------------------------------------------------------------

    def _read_units(self, content: list[Block], page: PageAnalysis) -> None:
        current: Unit | None = None
        i, n = 0, len(content)
        while i < n:
            block = content[i]
            if block.cls == PROSE:
                self._feed(current, block, page)
                i += 1
                continue
            j = i
            while j < n and content[j].cls != PROSE:
                j += 1
            run = content[i:j]
            dek, second_run, consumed = self._dek(run, content, j)
            if dek is not None:
                run = run + [dek] + second_run
                j = consumed
            follows = content[j] if j < n else None
            header = self._header(run, follows, current, page, dek)
            if header is None:
                for b in run:
                    self._feed(current, b, page)
                i = j
                continue
            trailing, unit = header
            for b in trailing:
                self._feed(current, b, page)
            if current is not None:
                self._finish(current, page)
            page.units.append(unit)
            current = unit
            i = j
        if current is not None:
            self._finish(current, page)
        page.units = [u for u in page.units if u.body]

    def _dek(self, run: list[Block], content: list[Block], j: int) -> tuple[Block | None, list[Block], int]:
        """'Headline / one-sentence standfirst / By X': returns the standfirst, the run after it, and
        the index of the first prose block after that run; (None, [], j) when the shape is not there."""
        if not any(b.cls == HEADING for b in run) or any(b.cls in ANCHORS for b in run) or j >= len(content):
            return None, [], j
        dek = content[j]
        if len(dek.text.split()) > 60:
            return None, [], j
        k = j + 1
        while k < len(content) and content[k].cls != PROSE:
            k += 1
        second_run = content[j + 1 : k]
        first_real = next((b for b in second_run if b.cls != FURNITURE), None)
        if first_real is not None and first_real.cls in (BYLINE, DATELINE) and k < len(content):
            return dek, second_run, k
        return None, [], j

    def _header(self, blocks: list[Block], follows: Block | None, current: Unit | None, page: PageAnalysis,
                dek: Block | None) -> tuple[list[Block], Unit] | None:
        """(trailing blocks of the unit above, the new unit) when this run opens a unit, else None."""
        headings = [k for k, b in enumerate(blocks) if b.cls == HEADING]
        label_title = None
        if not headings:
            label_title = next((k for k, b in enumerate(blocks) if b.cls == DATELINE and b.label), None)
            if label_title is None or follows is None:
                return None
            start = label_title
        else:
            start = headings[0]
        trailing, candidate = blocks[:start], blocks[start:]
        strong = next((k for k, b in enumerate(candidate) if b.cls in ANCHORS), None)
        weak = next((k for k, b in enumerate(candidate) if b.person and self._follows_heading(candidate, k)), None)
        first_anchor = strong if strong is not None else weak
        anchored = first_anchor is not None and label_title is None
        strongly_anchored = anchored and candidate[first_anchor].cls in ANCHORS
        candidate_headings = [k for k, b in enumerate(candidate) if b.cls == HEADING and not b.person]
        repeated = any(similar(candidate[a].text, candidate[b].text) for a in candidate_headings for b in candidate_headings if a < b)
        page_start = not page.units
        ended_above = current is not None and (current.ended or current.closed) or any(
            (b.cls == FURNITURE and (b.furniture.closes or b.furniture.truncates)) or b.cls in (SOURCE, DOMAIN) for b in trailing)
        if follows is None:
            return None
        if not (page_start or anchored or repeated or ended_above or label_title is not None):
            return None
        if not (page_start or anchored) and len(candidate_headings) > MAX_HEADER_HEADINGS:
            return None  # a list of other articles' headlines
        unit = Unit(anchored=strongly_anchored or label_title is not None)
        if label_title is not None:
            title_pos = 0
            title_block = candidate[0]
            unit.title_text = title_block.label
            unit.kind = "preface" if self.c.is_preface_label(title_block.label) else "article"
        else:
            title_pos = self._title_position(candidate, candidate_headings, first_anchor if anchored else None,
                                             page_start and blocks[0] is page.first_content)
            title_block = candidate[title_pos]
            unit.title_text = title_block.shape
            if self.c.is_preface_label(title_block.text):
                unit.kind = "preface"
        unit.title = title_block
        unit.give(title_block, "title" if label_title is None else "metadata", None if label_title is None else "preface_label")
        if label_title is not None:
            unit.metadata.append(title_block)
        self._headings_before_title(unit, candidate[:title_pos], trailing, page, page_start and current is None)
        # what follows the title inside the header
        anchor_seen = False
        for b in candidate[title_pos + 1 :]:
            self._header_block(unit, b, title_block, anchor_seen, dek)
            anchor_seen = anchor_seen or b.cls in ANCHORS
        if unit.kind == "preface" and unit.metadata:
            page.repost_date = page.repost_date or next((m.date for m in unit.metadata if m.date), None)
        return trailing, unit

    @staticmethod
    def _headings_before_title(unit: Unit, before: list[Block], trailing: list[Block], page: PageAnalysis,
                               at_page_start: bool) -> None:
        """Headings above the title: a re-poster's own heading (an alternative title), the page's
        masthead, or, after a 'related' block, other articles' headlines (left as boilerplate)."""
        title = unit.title
        related_zone = any(b.cls == FURNITURE and b.furniture.closes for b in trailing)
        dissimilar = [b for b in before if b.cls == HEADING and not similar(b.text, title.text)]
        for b in before:
            if b.cls == FURNITURE:
                related_zone = related_zone or b.furniture.closes
            elif b.cls != HEADING:
                continue
            elif similar(b.text, title.text) or (not at_page_start and not related_zone and len(dissimilar) == 1):
                unit.alt_titles.append(b)
                unit.give(b, "title", "alt_title")
            elif at_page_start:
                page.masthead = page.masthead or b.text

    @staticmethod
    def _follows_heading(candidate: list[Block], k: int) -> bool:
        """A name line is a byline when a (non-name) heading comes before it, furniture aside."""
        previous = next((b for b in reversed(candidate[:k]) if b.cls != FURNITURE), None)
        return previous is not None and previous.cls == HEADING and not previous.person

    @staticmethod
    def _title_position(candidate: list[Block], headings: list[int], first_anchor: int | None, at_page_top: bool) -> int:
        """Which heading of a header is the title.

        Above a byline or date line: the heading directly above it (a re-poster's own heading comes
        first). Without one: the first of a repeated heading; at the very top of a page, a short run's
        first line (files whose first line is the headline); otherwise the heading directly above the
        text (menus and mastheads come first on rendered web pages).
        """
        if not headings:
            return 0
        if first_anchor is not None:
            above = [k for k in headings if k < first_anchor and not candidate[k].person]
            # menu items ('Save', 'Sport') are not headlines when a real one is there
            substantial = [k for k in above if len(candidate[k].shape.split()) >= 3] or above
            if not substantial:
                return headings[0]
            last = substantial[-1]
            if len(substantial) >= 2 and cues.is_standfirst(candidate[last].shape) \
                    and not similar(candidate[substantial[-2]].text, candidate[last].text):
                return substantial[-2]  # 'Headline / standfirst in sentence case / By X'
            return last
        for a in headings:
            if any(similar(candidate[a].text, candidate[b].text) for b in headings if b > a):
                return a
        if at_page_top and len(headings) <= 3:
            return headings[0]
        return headings[-1]

    def _header_block(self, unit: Unit, b: Block, title: Block, first_anchor_seen: bool, dek: Block | None) -> None:
        if b is dek:
            unit.subtitle = b
            unit.give(b, "metadata", "subtitle")
        elif b.cls == HEADING and similar(b.text, title.text):
            unit.alt_titles.append(b)
            unit.give(b, "title", "title_repeat")
        elif b.cls == HEADING and b.person and not unit.bylines:
            unit.bylines.append(b)
            unit.give(b, "byline", "name_line")
        elif b.cls == HEADING and unit.bylines and unit.bylines[-1].person and self.c.is_organisation(b.text):
            # 'Jane Smith' / 'Example News': the outlet printed under a name-line byline
            b.byline = cues.Byline(text=b.text, outlet=cues.normalise_outlet_case(b.text))
            unit.bylines.append(b)
            unit.give(b, "byline", "outlet_line")
        elif b.cls == BYLINE:
            unit.bylines.append(b)
            unit.give(b, "byline", None)
        elif b.cls in (DATELINE, SOURCE, URL, DOMAIN, CREDIT):
            unit.metadata.append(b)
            unit.give(b, "metadata", {DATELINE: "date_line", SOURCE: "source_line", URL: "url", DOMAIN: "domain",
                                      CREDIT: "credit"}[b.cls])
            if b.cls == DATELINE and self.c.is_preface_label(b.label):
                unit.kind = "preface"
            if b.cls == CREDIT and any(w in b.text.casefold() for w in ("voice", "narrat", "video")):
                unit.kind = "video_report"
        elif b.cls == HEADING and not first_anchor_seen and unit.subtitle is None:
            unit.subtitle = b
            unit.give(b, "metadata", "subtitle")
        elif b.cls == FURNITURE:
            unit.give(b, "boilerplate", b.furniture.kind)
            self._apply_furniture(unit, b)
        else:
            unit.give(b, "boilerplate", "caption" if b.cls == HEADING else b.cls)

    # -- one article: the best run and the headline above it ---------------------------------------

    def _read_single(self, content: list[Block], run: tuple[int, int], page: PageAnalysis, title_mode: str) -> Unit:
        """The page's one article: the header above the run (headline, byline, date), the run as body."""
        values = [page.scores[k] for k, b in enumerate(page.blocks) if b.cls != BLANK]
        first, last = run
        first, title = single.header_inside_run(content, first, last, [v.score for v in values], self.site_lines)
        if title is None:
            first, last = single.header_in_run(content, first, last)
        last = single.thread_start(content, first, last)
        start = single.header_start(content, first)
        if title_mode == "first_line":
            start, first = 0, max(first, 1)
        if title is None or title_mode == "first_line":
            title = single.choose_title(content, start, first, self.site_lines, self.c.organisation_words,
                                        title_mode == "first_line", lambda text: score.content_words(text, page.language))
        unit = Unit(anchored=any(b.cls in ANCHORS or b.person for b in content[start + 1 : first]))
        plain = False
        if title is not None:
            text, printed = single.title_text(content, title)
            unit.title, unit.title_text = content[title], text
            for b in printed:
                unit.give(b, "title", None if len(printed) == 1 else "headline_line")
            if len(printed) > 1:
                unit.alt_titles += printed
            for b in content[start:title]:
                if b not in printed and b.cls == HEADING and similar(b.text, unit.title.text):
                    unit.alt_titles.append(b)
                    unit.give(b, "title", "alt_title")
            plain = title == 0 and not unit.anchored
            if plain:
                # "headline, blank line, body": what follows the headline is text, furniture aside
                first = next((k for k in range(1, first) if content[k].cls not in (FURNITURE,)), first)
                last = single.plain_end(content, last)
            anchor_seen = False
            for b in content[title + 1 : first]:
                if b.cls == FURNITURE:      # the run decides the extent: no furniture ends the article here
                    unit.give(b, "boilerplate", b.furniture.kind)
                    continue
                self._header_block(unit, b, unit.title, anchor_seen, None)
                anchor_seen = anchor_seen or b.cls in ANCHORS
        else:
            for b in content[start:first]:
                if b.cls in ANCHORS or b.cls == DOMAIN:
                    self._feed(unit, b, page)
        for b in content[first : last + 1]:
            # the run decided the extent: neither furniture nor a source or domain line inside it ends it
            if b.cls == FURNITURE:
                unit.give(b, "boilerplate", b.furniture.kind)
                if b.furniture.attach == "previous" and not unit.attached:
                    unit.attached.append(b.furniture)
            else:
                self._feed(unit, b, page)
                unit.ended = unit.ended and not (b.cls in ANCHORS or b.cls == DOMAIN)
        tail = self._source_below(unit, content, last, page)
        self._bio_below(unit, content[tail : tail + BIO_WINDOW])
        self._finish(unit, page, keep=True, captions=not plain)
        if page.masthead and (unit.title is None or not any(b.text == page.masthead for b in content[:title or 0])):
            page.masthead = None    # the several-article reading's guess, not above this article
        return unit

    def _source_below(self, unit: Unit, content: list[Block], last: int, page: PageAnalysis) -> int:
        """The article's own source line printed right under its text ('Source: The Coast Gazette'), with
        the URL, domain and date lines that follow it (a re-poster's stamp): read as the unit's metadata,
        though they score below the text. Returns the index of the first line after them."""
        k = last + 1
        if k >= len(content) or content[k].cls not in (SOURCE, URL, DOMAIN):
            return k
        while k < len(content) and k <= last + SOURCE_WINDOW and content[k].cls in (SOURCE, URL, DOMAIN, DATELINE):
            self._feed(unit, content[k], page)
            k += 1
        return k

    def _bio_below(self, unit: Unit, below: list[Block]) -> None:
        """An author bio printed just under the text ('More articles by:' / 'Jane Roe is a reporter ...')."""
        for b in below:
            if b.cls == PROSE:
                if cues.bio_name(b.text, self.c.organisation_words):
                    unit.bios.append(b)
                    unit.give(b, "metadata", "author_bio")
                return
            if b.cls != FURNITURE:
                return

    # -- the body and tail of a unit -------------------------------------------------------------

    def _feed(self, unit: Unit | None, b: Block, page: PageAnalysis) -> None:
        if unit is None:
            return  # before the first unit: page furniture, given its role in _assign_roles
        if b.cls == FURNITURE:
            unit.give(b, "boilerplate", b.furniture.kind)
            self._apply_furniture(unit, b)
            return
        if unit.closed or (unit.ended and b.cls in (PROSE, HEADING, FRAGMENT)):
            name = cues.bio_name(b.text, self.c.organisation_words) if b.cls == PROSE else None
            if name:
                unit.bios.append(b)
                unit.give(b, "metadata", "author_bio")
            else:
                unit.give(b, "boilerplate", "after_article" if b.cls != HEADING else "heading_without_body")
            return
        if b.cls in (PROSE, HEADING, FRAGMENT):
            text, cut = strip_inline_markers(b.text, self.c.profile)
            if cut:
                unit.truncated = True
                unit.ended = True
                unit.body_texts[id(b)] = text
            unit.body.append(b)
            unit.give(b, "body", None if b.cls == PROSE else ("subheading" if b.cls == HEADING else None))
            return
        if b.cls == BYLINE:
            unit.bylines.append(b)
            unit.give(b, "byline", "trailing_byline")
            return
        detail = {DATELINE: "date_line", SOURCE: "source_line", URL: "url", DOMAIN: "domain", CREDIT: "credit"}[b.cls]
        unit.metadata.append(b)
        unit.give(b, "metadata", detail)
        if b.cls in (SOURCE, DOMAIN):
            unit.ended = True

    def _apply_furniture(self, unit: Unit, b: Block) -> None:
        hit = b.furniture
        if hit.truncates and unit.body:
            unit.truncated = True
        if hit.closes or hit.truncates:
            unit.ended = True
            unit.closed = unit.closed or hit.closes
        if hit.attach == "previous" and not unit.attached:
            unit.attached.append(hit)

    def _finish(self, unit: Unit, page: PageAnalysis, keep: bool = False, captions: bool = True) -> None:
        """Settle the body: trailing bio, captions, headings without a body, units too thin to keep
        (`keep`: the page decision already says this unit is the page's article; `captions`: the page may
        print image captions, which a plain "headline, blank line, body" file does not)."""
        self._drop_trailing_headings(unit)
        # an author bio closing the text
        if unit.body:
            last = unit.body[-1]
            name = cues.bio_name(last.text, self.c.organisation_words)
            authors = {cues.comparison_key(a) for by in unit.bylines for a in self._authors_of(by)}
            if name and len(unit.body) > 1 and (not authors or cues.comparison_key(name) in authors):
                unit.body.pop()
                unit.bios.append(last)
                unit.give(last, "metadata", "author_bio")
                self._drop_trailing_headings(unit)   # 'About the author' over the bio
        # a short line before the second paragraph is an image caption, not a sub-heading
        prose_seen = 0
        kept = []
        for k, b in enumerate(unit.body):
            if b.cls == PROSE:
                prose_seen += 1
            elif captions and prose_seen <= 1 and not b.text.endswith((":", "?")) and not (kept and kept[-1].text.endswith(":")):
                unit.give(b, "boilerplate", "caption")
                continue
            kept.append(b)
        unit.body = kept
        prose = [b for b in unit.body if b.cls == PROSE]
        thin = not keep and (not prose or unit.body_words < MIN_BODY_WORDS or (
            not unit.anchored and page.units and page.units[0] is not unit
            and (len(prose) < 2 or unit.body_words < MIN_BODY_WORDS_UNANCHORED)))
        if thin:
            for key in list(unit.roles):
                unit.roles[key] = ("boilerplate", "heading_without_body" if unit.roles[key][0] == "title" else "teaser")
            unit.body = []

    @staticmethod
    def _drop_trailing_headings(unit: Unit) -> None:
        """A body that ends on headings: those headings introduce nothing."""
        while unit.body and unit.body[-1].cls != PROSE:
            b = unit.body.pop()
            unit.give(b, "boilerplate", "heading_without_body")

    @staticmethod
    def _authors_of(b: Block) -> list[str]:
        if b.byline is not None:
            return b.byline.authors
        return [b.person] if b.person else []

    # -- roles -----------------------------------------------------------------------------------

    def _assign_roles(self, page: PageAnalysis) -> None:
        owner: dict[int, tuple[str, str | None, int | None]] = {}
        for index, unit in enumerate(page.units):
            for key, (role, detail) in unit.roles.items():
                owner[key] = (role, detail, index)
        roles = []
        for b in page.blocks:
            if id(b) in owner:
                roles.append(owner[id(b)])
            elif b.cls == BLANK:
                roles.append(("blank", None, None))
            elif b.cls == FURNITURE:
                roles.append(("boilerplate", b.furniture.kind, None))
            elif page.masthead and b.text == page.masthead:
                roles.append(("boilerplate", "masthead", None))
            else:
                roles.append(("boilerplate", "outside_article" if b.cls != HEADING else "heading_without_body", None))
        # an owned unit's span: boilerplate and blanks inside it belong to it
        owned: list[list[Block]] = [[] for _ in page.units]     # each unit's own lines, in one pass over the page
        for b in page.blocks:
            role, _, index = owner.get(id(b), (None, None, None))
            if index is not None and role != "boilerplate":
                owned[index].append(b)
        spans = [(min(b.line_start for b in lines), max(b.line_end for b in lines)) for lines in owned]
        for k, b in enumerate(page.blocks):
            role, detail, unit_index = roles[k]
            if unit_index is None:
                for index, (first, last) in enumerate(spans):
                    if first <= b.line_start and b.line_end <= last:
                        roles[k] = (role, detail, index)
                        break
        page.roles = roles


def unit_span(page: PageAnalysis, index: int) -> tuple[int, int]:
    """First and last line a unit owns (title to last body or metadata line)."""
    lines = [(b.line_start, b.line_end) for b, (role, _, u) in zip(page.blocks, page.roles)
             if u == index and role not in ("boilerplate", "blank")]
    return min(a for a, _ in lines), max(b for _, b in lines)

