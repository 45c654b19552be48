"""Pass 2 of `units`: each block's class from the line alone (furniture, byline, date line, source line, URL,
domain, credit, heading, prose or fragment), and the page's language whose words apply."""

from __future__ import annotations

import dataclasses
import re

from .. import cues
from ..cues.lexicon import first_word_key
from ..furniture import FurnitureMatch, cut_end_marker, match_furniture
from ..profiles import Profile
from .blocks import Block
from .captions import CaptionReader, caption_reader
from .classes import BLANK, BYLINE, CREDIT, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .envelope import Envelope, EnvelopeReader

MAX_SHAPED_LINE_CHARS = 10_000      # furniture, bylines, dates, links and headings are shorter than this
CACHED_LINE_CHARS = 400             # a line up to this long has its class remembered (menus, footers and
                                    # republished text recur across pages; longer lines rarely do)
CACHED_LINES = 20_000               # lines remembered per process at most (at most ~15 MB); then forgotten at once


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
        self.envelope_reader = EnvelopeReader(profile.lexicon.envelope_fields, profile.lexicon.envelope_tool_tags)
        self.page_envelope: Envelope | None = None
        self.language: str | None = None
        self._cues_by_language: dict[str | None, cues.LineCues] = {}
        self.cues = self._cues_for(None)
        self._fields_by_language: dict[str | None, cues.FieldLabels] = {}
        self.fields = self._fields_for(None)
        lexicon = profile.lexicon
        self.agencies = tuple(dict.fromkeys(lexicon.outlet_names + list(lexicon.outlet_short_names)))
        self._captions_by_language: dict[str | None, CaptionReader] = {}
        self.captions = self._captions_for(None)
        self._classes: dict[tuple[str, str | None, str | None], tuple] = {}

    @property
    def title_case(self) -> bool:
        """Whether the page's language prints its headlines in title case (`Profile.title_case`)."""
        return self.profile.title_case(self.language)

    def _cues_for(self, language: str | None) -> cues.LineCues:
        """The compiled words of `language`, compiled once per classifier (the profile does not change)."""
        if language not in self._cues_by_language:
            self._cues_by_language[language] = cues.compile_cues(self.profile.cues_for(language), language)
        return self._cues_by_language[language]

    def _fields_for(self, language: str | None) -> cues.FieldLabels:
        """The labels that open a field of a header line on a page in `language` (`cues.read_header_fields`)."""
        if language not in self._fields_by_language:
            words = self.profile.cues_for(language)
            self._fields_by_language[language] = cues.field_labels(
                tuple(self.profile.lexicon.source_prefixes), tuple(words.byline_prefixes), tuple(words.editor_labels),
                tuple(words.published_labels), tuple(words.updated_labels),
                tuple(self.profile.lexicon.credit_prefixes + words.photo_credit_labels))
        return self._fields_by_language[language]

    def _captions_for(self, language: str | None) -> CaptionReader:
        """The caption labels and credits of a page in `language`, with the profiles' news agencies (`captions`),
        read once per language (merging the profile's tables is not free)."""
        if language not in self._captions_by_language:
            words = self.profile.cues_for(language)
            self._captions_by_language[language] = caption_reader(
                tuple(words.caption_labels), tuple(words.caption_credits), self.agencies,
                tuple(words.photo_credit_labels))
        return self._captions_by_language[language]

    def start_page(self, blocks: list[Block]) -> None:
        """Identify the page's language (its words apply) and read a reader tool's envelope at the top
        (`envelope.EnvelopeReader`: its blocks marked, its fields in `page_envelope`)."""
        self.language = page_language(blocks)
        self.cues = self._cues_for(self.language)
        self.page_envelope = self.envelope_reader.read(blocks, self.cues)
        self.fields = self._fields_for(self.language)
        self.captions = self._captions_for(self.language)

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
        key = (block.text, block.envelope, self.language, _gapped(block))
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
        if hit is not None and not (hit.kind == "photo_credit" and self._signed_credit(text)):
            block.cls, block.furniture = FURNITURE, hit
            return
        if self.cues.photo_credit_labels and cues.photo_label(text[: self.cues.photo_credit_chars]).startswith(
                self.cues.photo_credit_labels):
            # 'Photo: Jane Roe / Reuters', 'Foto: dpa', 'Crédit photo : AFP': a photo's credit, the article's furniture
            block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="photo_credit")
            return
        if text[: self.prefix_chars].casefold().startswith(self.credit_prefixes):
            block.cls = CREDIT
            return
        header = cues.read_header_fields(text, self.fields, self.cues, self.organisation_words, self.known_outlets,
                                         self.outlet_key)
        if header is not None:
            self._header_line(block, text, header)
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
        reading = cues.read_dates(text, self.cues) if words <= MAX_DATED_LINE_WORDS else None
        # a byline or date line is short once its dates are out ('Por . María Pérez . PUBLICADO: . 10:44 CET, 21 de
        # enero de 2014 . | . ACTUALIZADO: . ...' prints 19 words, 3 of them outside its dates)
        short = words <= 16 or reading is not None and cues.content_words(reading.rest) <= 16
        if reading is not None and (reading.label is None or self.is_preface_label(reading.label)
                                    or self.cues.is_repost_label(reading.label)):
            self._date_line(block, reading)
            return
        if reading is None and words <= MAX_STAFF_CREDIT_WORDS and self.is_staff_credit(text):
            block.cls, block.byline = BYLINE, cues.Byline(text=text)
            return
        byline = cues.parse_byline(text, self.organisation_words, self.known_outlets, self.outlet_key, self.cues,
                                   dates=reading) if short else None
        if byline is not None:
            block.cls, block.byline, block.date, block.modified = BYLINE, byline, byline.date, byline.modified
            return
        if reading is not None and len(reading.label.split()) <= 4 and words <= 12:
            self._date_line(block, reading)
            return
        heading = cues.is_heading_like(text)
        if heading:
            # 'Les habitants restent sceptiques. Lire la suite': a paragraph cut off under its continuation marker is
            # no heading (`body.feed` cuts the marker and marks the text truncated)
            cut, marked = cut_end_marker(text, self.profile, self.cues)
            if marked:
                text, heading = cut, False
        if heading:
            block.cls = HEADING
            name = cues.name_of_line(text, self.cues)   # 'Jane Roe@janeroe', 'Jane Roe 1 day ago': a name line
            if _gapped(block):
                return      # 'Actualités  Économie  Culture': a menu's items, printed apart, name no one
            # 'Jane Roe, National Security Writer', 'Jane Roe and John Doe', 'Jane Roe, Mark Doe': a name line
            # naming each of its persons (before the one-name reading, which would take 'Jane Roe, Mark Doe' for one)
            if names := (cues.names_with_job_title(name, self.cues, self.organisation_words)
                         or cues.listed_persons(name, self.cues, self.organisation_words)):
                block.person, block.byline = names[0], cues.Byline(text=block.text, authors=names)
            elif cues.looks_like_person(name, self.organisation_words, self.cues.name_words) \
                    and not self.cues.role_word.search(name):
                block.person = cues.normalise_person(name)
            return
        block.cls = PROSE if cues.is_prose(text) else FRAGMENT
        if block.cls == PROSE:
            block.label = self._preface_opening(text)
            # an opening dateline (the languages' `datelines` patterns): a story's first paragraph, however short
            block.dateline = any(pattern.match(text) for pattern in self.cues.datelines)

    def _signed_credit(self, text: str) -> bool:
        """Whether a line shaped like a photo credit ('Jane Roe/AP', 'Reuters | 6 March 2024') is a byline: one
        that opens with a byline prefix ('Av Erik Roe/TT') or prints a date, which a photo credit does not, and
        that `parse_byline` reads. It is then classified as a byline."""
        if cues.content_words(text) > 16:
            return False
        reading = cues.read_dates(text, self.cues)
        if reading is None and not self.cues.byline_prefix.match(text):
            return False
        return cues.parse_byline(text, self.organisation_words, self.known_outlets, self.outlet_key, self.cues,
                                 dates=reading) is not None

    def credit_byline(self, text: str) -> cues.Byline | None:
        """A photo credit's shape read as a byline ('Jane Roe/AP', 'Jane Roe | AFP': persons and their outlet, as
        `parse_byline` reads a prefixed line), or None: for such a line printed where a byline is (`units`)."""
        byline = cues.parse_byline(text, self.organisation_words, self.known_outlets, self.outlet_key, self.cues,
                                   declared=True)
        return byline if byline is not None and byline.authors and byline.outlet else None

    def _preface_opening(self, text: str) -> str | None:
        """The label of a paragraph that opens with a preface label ('Editor's note: We are republishing ...',
        'Introduction — ...'): a re-poster's note, when printed above an article (`runs.read_units`)."""
        m = LABEL_OPENING.match(text) if holds_any(text, LABEL_MARKS) else None
        return m["label"] if m is not None and self.is_preface_label(m["label"]) else None

    def is_staff_credit(self, text: str) -> bool:
        """'Staff and agencies', 'Redacción / Agencias': only the language data's staff credits, joined by
        its joiners, '/' or '|' (a byline naming the newsroom, no author)."""
        first = CREDIT_SEPARATORS.split(text, 1)[0].split(None, 1)
        if not first or cues.label_key(first[0]) not in self.cues.staff_first_words:
            return False    # (most lines: one set lookup)
        parts = [p for part in CREDIT_SEPARATORS.split(text) for p in self.cues.joiners.split(part)]
        keys = [cues.label_key(p) for p in parts]
        return any(keys) and all(key in self.cues.staff_credits for key in keys if key)

    def _header_line(self, block: Block, text: str, header: cues.HeaderLine) -> None:
        """A header line of labelled fields: a byline when it names an author ('来源：新华社　作者：赵强') or only
        an editor ('编辑：李明': a byline naming no author), else a date line ('2024年03月05日 10:15 | 来源：人民网') or
        a source line ('来源：人民网　编辑：李明'); its source field names the outlet, as a source line's does."""
        block.source = header.source
        if header.authors or header.outlet or not (header.source or header.date or header.modified):
            block.cls, block.date, block.modified = BYLINE, header.date, header.modified
            block.byline = cues.Byline(text=text, authors=header.authors, outlet=header.outlet, date=header.date,
                                       modified=header.modified)
        elif header.date or header.modified:
            reading = cues.read_dates(text, self.cues)
            block.cls, block.date, block.modified = DATELINE, header.date, header.modified
            block.label = reading.label if reading else None
        else:
            block.cls = SOURCE

    def _date_line(self, block: Block, reading: cues.DateReading) -> None:
        """A date line; a date under a re-poster's rubric ('EDITOR'S CHOICE | date') is its stamp."""
        block.cls, block.date, block.modified, block.label = DATELINE, reading.published, reading.modified, reading.label
        block.stamp = self.cues.is_repost_label(reading.label)

    @staticmethod
    def _envelope(block: Block) -> None:
        """A line of a reader tool's envelope: page metadata (read whole by `EnvelopeReader`), never a heading."""
        block.cls, block.furniture = FURNITURE, FurnitureMatch(kind="reader_envelope")

    def _labelled_furniture(self, block: Block, text: str) -> FurnitureMatch | None:
        """Ad-slot labels ('Publicidad'), continuation markers and paywalls' prompts ('Leggi tutto »', 'Subscribe to
        read': the text above is cut off, as the generic profile's English 'Read more') and links to other articles ('Read more: <headline>') in the
        page's languages."""
        if len(text) <= MAX_LABEL_CHARS:
            key = cues.label_key(text)
            if key in self.cues.ad_labels:
                return FurnitureMatch(kind="advertisement")
            if key in self.cues.subscriber_labels:
                # 'Article réservé aux abonnés' over the text: a label of the whole article, no paywall under a part
                return FurnitureMatch(kind="subscriber_label")
            if DIGIT_SCREEN.search(text) and self.cues.reading_time.fullmatch(text.strip(READING_TIME_EDGES)):
                return FurnitureMatch(kind="reading_time")      # 'Temps de lecture 4 min.', '5 min read'

            if cues.label_key(text.rstrip(CONTINUATION_MARKS)) in self.cues.continuation:
                return FurnitureMatch(kind="continuation", closes=True, truncates=True)
            if self.cues.paywall_prompt.match(text):
                return FurnitureMatch(kind=PAYWALL_PROMPT, closes=True, truncates=True)
        m = self.cues.read_more.match(text) if holds_any(text, READ_MORE_MARKS) else None
        if m and ("](" in block.text or cues.find_urls(block.text) or cues.is_heading_like(m["rest"])):
            return FurnitureMatch(kind="read_more")
        return self._boilerplate_in_text(text)

    def _boilerplate_in_text(self, text: str) -> FurnitureMatch | None:
        """What a page prints between or under an article's paragraphs that is no text of it, told by the words of
        the page's languages: a call to action ('Get the latest updates right in your inbox. Subscribe to ...'), a
        comment form's field ('Your name *': the article above has ended) or an image's caption (`captions`)."""
        first = first_word_key(text)     # (each phrase list's screen: one set lookup of the line's first word)
        if len(text) <= MAX_CALL_CHARS:
            if self.cues.call_to_action.match(text, first):
                return FurnitureMatch(kind="call_to_action")
            if self.cues.comment_form.match(text, first):
                return FurnitureMatch(kind="comment_form", closes=True)
        if self.captions.is_caption(text, first):
            return FurnitureMatch(kind="caption")
        return None

    def _source(self, text: str) -> str | None:
        """'Source: Independent, Edited by website team' -> 'Independent'; a bare 'Source' -> ''; in brackets too
        ('（来源：华南日报）')."""
        text = cues.unbracketed(text)
        if not text[: self.prefix_chars].casefold().startswith(self.any_source_prefix):
            return None
        folded = text.casefold()
        for prefix in self.source_prefixes:
            if folded == prefix or folded == prefix + ":":
                return ""
            if folded.startswith((prefix + ":", prefix + "：")) or (folded.startswith(prefix + " ") and prefix != "via" and len(text.split()) <= 12):
                rest = text[len(prefix):].lstrip(" :：|｜")     # ('来源 | 华南日报': a label and a bar)
                dates = cues.read_dates(rest, self.cues)
                if dates is not None and dates.label is None:
                    return None     # 'First published: 14 July 2022' is a date line
                name = rest.split(",")[0].split(" | ")[0].strip()
                return name if name and len(name.split()) <= 8 else None
        return None


#: What `Classifier.classify` sets on a block (remembered per line text).
CLASSIFIED_FIELDS = ("shape", "cls", "furniture", "byline", "date", "modified", "stamp", "label", "source", "urls",
                     "domain", "person", "dateline")


LABEL_OPENING = re.compile(r"(?P<label>[^:：—–]{2,40}?)\s*(?:[:：]|\s[—–-]\s)")   # 'Editor's note: ...'
MAX_STAFF_CREDIT_WORDS = 6
MAX_DATED_LINE_WORDS = 32          # a date and byline line with its dates and labels: 'Por . X . PUBLICADO: . <date> ...'          # 'Staff and agencies', 'Redacción / Agencias'
CREDIT_SEPARATORS = re.compile(r"\s*[/|·•]\s*")
MAX_LABEL_CHARS = 40               # ad-slot labels are a few words
MAX_CALL_CHARS = 600               # a call to action is a few sentences at most ('If you enjoyed this article, ...')
READ_MORE_MARKS = ":：»>→"     # a 'read more' link's label ends with one of them
LABEL_MARKS = ":：—–-"          # a label opening a paragraph ends with one of them (LABEL_OPENING)
CONTINUATION_MARKS = " »›>→…"    # printed after a continuation marker ('Lire la suite →')
MENU_GAP = "  "                       # two spaces: between a menu's items in a text dump, never inside a name
DIGIT_SCREEN = re.compile(r"\d")    # a reading time holds its number of minutes: other labels skip its pattern
READING_TIME_EDGES = " .·|•"         # around a reading time printed alone ('Temps de lecture 4 min.')
PAYWALL_PROMPT = "paywall_prompt"  # the furniture kind of a paywall's prompt ('Subscribe to read')


def _gapped(block: Block) -> bool:
    """Whether the one line of `block` prints its words apart, as a text dump prints a menu's items (MENU_GAP; the
    block's text has its spacing normalised)."""
    return len(block.raw_lines) == 1 and MENU_GAP in block.raw_lines[0].strip()


def holds_any(text: str, marks: str) -> bool:
    """Whether `text` holds one of the characters `marks`, asked of a line before a pattern that needs one of them:
    an `in` test each (a C scan of the line), together a third of the CPU of one `re` search of their class over a
    paragraph."""
    for mark in marks:
        if mark in text:
            return True
    return False
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
