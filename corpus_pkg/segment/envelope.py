"""A reader tool's envelope: the metadata a converter or reader tool prints above a page rendered as Markdown.

Three forms: front matter between fences at the top of the file (YAML between '---' lines, as Obsidian Web
Clipper, MarkDownload, Hugo, Jekyll and trafilatura write it; TOML between '+++' lines, as Hugo writes it), read
with a YAML or TOML parser; 'Label: value' lines (Jina Reader's 'Title: ...', 'URL Source: ...',
'Published Time: ...', 'Markdown Content:'); and pandoc's title block ('% Title', '% Authors', '% Date'). Which key holds which field is data (the profiles'
`[lexicon.envelope_fields]`); the envelope's lines are the page's metadata, never its headline or text.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from .. import cues

if TYPE_CHECKING:       # (blocks.py holds a page's Envelope)
    from .blocks import Block

TITLE_BLOCK = ("title", "author", "published")      # pandoc's '% ' lines, in order
FENCES = {"---": ("---", "..."), "+++": ("+++",)}     # opening fence -> the lines that close it
MAX_FRONT_MATTER_LINES = 300   # a page opening with a rule and another rule further down holds no front matter
BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)      # libyaml's, when PyYAML was built with it
MAX_VALUES = 100                # values read from one field at most (authors, tags)
MAX_LABEL_CHARS = 40            # 'URL Source', 'Published Time': an envelope label is a few words
WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?(?P<name>[^\]]*)\]\]")     # Obsidian '[[Jane Roe]]', '[[page|Jane Roe]]'
TAG_SEPARATORS = re.compile(r"\s*[;,]\s*")          # 'tags: harbour; shipping' (trafilatura), 'a, b'


def field_key(label: str) -> str:
    """A field's label as compared: case, spaces, '_' and '-' ignored ('pubDate' = 'pub_date' = 'Pub date')."""
    return re.sub(r"[\W_]+", "", label.casefold())


@dataclass
class Envelope:
    """What an envelope says about the page (each value as printed, dates read)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: cues.FoundDate | None = None
    modified: cues.FoundDate | None = None
    urls: list[str] = field(default_factory=list)
    site: str | None = None
    tags: list[str] = field(default_factory=list)

    def site_keys(self) -> set[str]:
        """Keys (`field_key`) of the names the page's site goes by: its site name, and each URL's domain without
        its last label ('example-news.com' -> 'examplenews') and its first label ('bbc.co.uk' -> 'bbc')."""
        keys = {field_key(self.site)} if self.site else set()
        for url in self.urls:
            labels = cues.url_domain(url).split(".")
            keys |= {field_key(".".join(labels[:-1])), field_key(labels[0])}
        return keys - {""}

    def without_site(self, title: str, names: tuple[str | None, ...] = ()) -> str:
        """`title` without the site name printed after or before it ('Headline | Example News' -> 'Headline'), the
        form a page's <title> takes; the site is named by this envelope (`site_keys`) or in `names` (the outlet
        its URL's domain is registered for)."""
        keys = self.site_keys() | {field_key(name) for name in names if name}
        return next((rest for site, rest in cues.site_name_readings(title) if field_key(site) in keys), title)


class EnvelopeReader:
    """Finds a reader tool's envelope at the top of a page, marks its blocks and reads its fields.

    `envelope_fields`: field name -> its labels (`Lexicon.envelope_fields`); `tool_tags`: tags a clipping tool
    adds to every page ('clippings', `Lexicon.envelope_tool_tags`), not the article's."""

    def __init__(self, envelope_fields: dict[str, list[str]], tool_tags: list[str]):
        self.fields = {field_key(label): name for name, labels in envelope_fields.items() for label in labels}
        self.tool_tags = {field_key(t) for t in tool_tags}

    def read(self, blocks: list[Block], line_cues: cues.LineCues) -> Envelope | None:
        """The page's envelope, its blocks marked (`Block.envelope`: the field of the line, 'other' for a
        line of no known field, 'fence' for a fence); None, nothing marked, when the page opens with none."""
        start = next((k for k, b in enumerate(blocks) if b.text), None)
        if start is None:
            return None
        if blocks[start].text in FENCES:
            return self._front_matter(blocks, start, line_cues)
        if blocks[start].text.startswith("%"):
            return self._title_block(blocks, start, line_cues)
        return self._labelled_lines(blocks[start:], line_cues)

    def _front_matter(self, blocks: list[Block], start: int, line_cues: cues.LineCues) -> Envelope | None:
        """YAML or TOML front matter: a mapping, closed by its fence, naming one known field at least."""
        fence = blocks[start].text
        reach = min(len(blocks), start + 1 + MAX_FRONT_MATTER_LINES)
        end = next((k for k in range(start + 1, reach) if blocks[k].text in FENCES[fence]), None)
        if end is None:
            return None     # front matter that never closes is not front matter
        source = "\n".join(line for b in blocks[start + 1: end] for line in b.raw_lines)
        try:
            # YAML's base loader is the safest (it builds only strings, lists and mappings): every value stays as
            # printed, so a date's text is kept and read by the date reader like any printed date
            data = yaml.load(source, Loader=BASE_LOADER) if fence == "---" else tomllib.loads(source)
        except (yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError):
            data = _key_value_lines(source) if fence == "---" else None
        if not isinstance(data, dict):
            return None
        values = [(self.fields.get(field_key(str(key)), "other"), value) for key, value in data.items()]
        if all(name == "other" for name, _ in values):
            return None
        names = {field_key(str(key)): self.fields.get(field_key(str(key)), "other") for key in data}
        for block in blocks[start: end + 1]:
            block.envelope = "other"
            label, colon, _ = block.text.partition(":" if fence == "---" else "=")
            if colon and not block.raw_lines[0][:1].isspace():
                block.envelope = names.get(field_key(label), "other")
        blocks[start].envelope = blocks[end].envelope = "fence"
        return self._envelope(values, line_cues)

    def _title_block(self, blocks: list[Block], start: int, line_cues: cues.LineCues) -> Envelope | None:
        """Pandoc's title block: '% Title', '% Author; Author', '% Date' opening the file (each may be left
        empty, a bare '%')."""
        lines = []
        for block in blocks[start: start + len(TITLE_BLOCK)]:
            if not (block.text == "%" or block.text.startswith("% ")):
                break
            lines.append(block)
        if len(lines) < 2:
            return None     # one '% ...' line may be text ('% of voters ...')
        for block, name in zip(lines, TITLE_BLOCK):
            block.envelope = name
        return self._envelope([(name, block.text[1:].strip()) for block, name in zip(lines, TITLE_BLOCK)], line_cues)

    def _labelled_lines(self, blocks: list[Block], line_cues: cues.LineCues) -> Envelope | None:
        """'Label: value' lines opening the page (blank lines between them), two known fields at least (one
        'Date: ...' line opening a page is its own date line)."""
        fields: list[tuple[Block, str, str]] = []
        for block in blocks:
            if not block.text:
                continue
            label, colon, value = block.text.partition(":")
            name = self.fields.get(field_key(label)) if colon and len(label) <= MAX_LABEL_CHARS else None
            if name is None:
                break
            fields.append((block, name, value.strip()))
        if len(fields) < 2:
            return None
        for block, name, _ in fields:
            block.envelope = name
        return self._envelope([(name, value) for _, name, value in fields], line_cues)

    def _envelope(self, values: list[tuple[str, object]], line_cues: cues.LineCues) -> Envelope:
        """The fields' values (field, a string, a list, a mapping or a TOML date), in the order printed, read into
        an Envelope: a field printed under two keys ('date' and 'pubDate') takes the first, tags and authors all."""
        texts: dict[str, list[str]] = {}
        for name, value in values:
            texts.setdefault(name, []).extend(_texts(value))
        one = {name: next(iter(items), None) for name, items in texts.items()}
        urls = [u for text in texts.get("url", []) for u in cues.find_urls(text)]
        site = one.get("site") or (one.get("url") if one.get("url") and not urls else None)
        authors = [cues.normalise_person(name) for text in texts.get("author", [])
                   for name in cues.split_person_list(_plain(text), line_cues)]
        tags = [_plain(t) for text in texts.get("tags", []) for t in TAG_SEPARATORS.split(text)
                if t.strip() and field_key(t) not in self.tool_tags]
        # (the other fields are read into no record field: 'fetched' is when a tool saved the page, never its
        # publication date; a description is the page's summary, not a printed standfirst; the text's language is
        # identified from the text)
        return Envelope(title=one.get("title"), authors=list(dict.fromkeys(authors)),
                        published=_date(one.get("published"), line_cues), modified=_date(one.get("modified"), line_cues),
                        urls=list(dict.fromkeys(urls)), site=site, tags=list(dict.fromkeys(tags)))


def _key_value_lines(source: str) -> dict[str, object] | None:
    """Front matter a YAML parser refuses, as clipping tools write it from page titles ('title: Breaking: Market
    closes', an unquoted colon), read as 'key: value' lines and indented or '- ' list items under a key; None when
    a line is neither."""
    data: dict[str, object] = {}
    key = None
    for line in source.splitlines():
        if not line.strip():
            continue
        if line[:1].isspace() or line.startswith("- "):
            item = line.strip().removeprefix("- ").strip()
            if key is None:
                return None
            value = data[key]
            data[key] = (value if isinstance(value, list) else [value] if value else []) + [item]
            continue
        key, colon, value = line.partition(":")
        if not colon:
            return None
        key = key.strip()
        data[key] = value.strip()
    return data


def _texts(value: object) -> list[str]:
    """A field's value as its printed strings: a list's items (nested lists flattened), a mapping's 'name'
    (Hugo's author tables), a TOML date in ISO form; empty strings left out; MAX_VALUES at most (YAML aliases
    can make a short file a list of billions of items)."""
    texts: list[str] = []
    pending = [value]
    while pending and len(texts) < MAX_VALUES:
        value = pending.pop()
        if isinstance(value, list):
            pending += reversed(value[:MAX_VALUES])
        elif isinstance(value, dict):
            pending.append(value.get("name", ""))
        elif isinstance(value, (dt.date, dt.datetime, dt.time)):
            texts.append(value.isoformat())
        elif text := cues.normalise_space(str(value)).strip("\"'"):
            texts.append(text)
    return texts


def _plain(text: str) -> str:
    """A value without Obsidian's wiki-link brackets and Markdown links ('[[Jane Roe]]' -> 'Jane Roe')."""
    return cues.reduce_links(WIKI_LINK.sub(lambda m: m["name"], text))[0].strip()


def _date(text: str | None, line_cues: cues.LineCues) -> cues.FoundDate | None:
    reading = cues.read_dates(text, line_cues) if text else None
    return reading.first if reading else None
