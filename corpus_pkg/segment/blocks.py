"""A page's records: its blocks (a line or paragraph each, pass 1 of `units`), the units found on it and the page's
analysis."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .. import cues
from ..furniture import FurnitureMatch
from . import score
from .classes import BLANK, HEADING
from .decide import PageDecision
from .envelope import Envelope


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
    envelope: str | None = None     # a reader tool's envelope field ('title', 'url', 'published', 'content', 'other')
    label: str | None = None        # what labels a date line ('EDITOR’S CHOICE', 'Introduction'), or the
                                    # preface label opening a paragraph ('Editor's note: We are republishing ...')
    source: str | None = None       # outlet named by a 'Source: X' line
    urls: list[str] = field(default_factory=list)
    domain: str | None = None
    person: str | None = None       # a heading that is a person's name
    caption: bool = False           # printed directly over a photo's credit, it reads as the photo's caption (`units`)
    dateline: bool = False          # a paragraph opening with a wire dateline ('WASHINGTON (AP) — ...'): never a headline
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

    def take_from_body(self, keys: set[int], detail: str) -> None:
        """Take the body's blocks whose id is in `keys` out of the body, as boilerplate with `detail` (links to other
        articles, captions found once the body is known)."""
        for b in self.body:
            if id(b) in keys:
                self.give(b, "boilerplate", detail)
        self.body = [b for b in self.body if id(b) not in keys]

    def body_text_of(self, block: Block) -> str:
        return self.body_texts.get(id(block), block.text)

    @property
    def body_words(self) -> int:
        """The body's length in words (`cues.word_count`; a Han character or kana counts one), for a paragraph of Thai,
        Lao, Burmese or Khmer, which put no space between words, in word equivalents (`cues.word_equivalents`):
        its whitespace tokens are sentences."""
        return sum(max(cues.word_count(text), cues.word_equivalents(text)) for text in map(self.body_text_of, self.body))


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
    cue_language: str | None = None     # the language whose words (profiles/languages.toml) the lines were read with
    warnings: list[str] = field(default_factory=list)    # what the segmenter left out that a user should know
    teasers: list[Unit] = field(default_factory=list)    # a listing page's teasers: in the audit, not articles
    thin_teasers: list[Unit] = field(default_factory=list)   # units too thin for an article whose text is cut off
    envelope: Envelope | None = None    # what a reader tool's envelope at the top says about the page

    @cached_property
    def markdown(self) -> bool:
        """Whether the page is written in Markdown (a reader tool's or a converter's output): it has an envelope, an
        ATX or setext heading, or a link written as Markdown writes it ('[text](url)'). Its text loses the marks of
        emphasis and lists (`cues.without_emphasis`); a plain-text page keeps its asterisks."""
        return self.envelope is not None or any(
            "](" in b.text or b.cls == HEADING and (b.text.startswith("#") and b.shape != b.text
                                                    or len(b.raw_lines) > 1 and not self.wrapped)
            for b in self.blocks)


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
    """The page's blocks, and whether it is hard-wrapped (`wrap_width`): one block per line, or per paragraph of a
    wrapped page. A setext heading's underline ('====' or '----' directly under a line of text, as Markdown
    renderers print a page's h1 and h2) belongs to the heading's block: it marks the line as a heading, and is no
    line of the page's own (a rule between the headline and its standfirst would part them)."""
    width = wrap_width(lines)
    if width is None:   # one block per line (most pages)
        blocks: list[Block] = []
        for number, line in enumerate(lines, start=1):
            if line[:1] in "=-" and blocks and blocks[-1].line_end == number - 1 and _underlines(line, blocks[-1]):
                blocks[-1].line_end = number
                blocks[-1].raw_lines.append(line)
            else:
                blocks.append(Block(number, number, cues.normalise_space(line), raw_lines=[line]))
        return blocks, False
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


# ('---' itself is front matter's fence, which closes a mapping's last line: an underline of hyphens is longer)
SETEXT_UNDERLINE = re.compile(r"(?:={3,}|-{4,})[ \t]*")
NOT_SETEXT_TEXT = ("#", "*", "-", "+", ">", "|", "=", "![", "[![", "```")     # a list item, quote, table, rule, image


def _underlines(line: str, above: Block) -> bool:
    """Whether `line` is the setext underline of the line of text in `above`."""
    return (SETEXT_UNDERLINE.fullmatch(line.rstrip("\r\n")) is not None
            and bool(above.text) and len(above.raw_lines) == 1 and not above.text.startswith(NOT_SETEXT_TEXT))
