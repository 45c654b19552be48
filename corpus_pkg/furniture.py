"""Site furniture: matching a line against the profiles' patterns.

The patterns are data (`corpus_pkg/profiles/*.toml` and the user's own files); this module only
applies them. `common_short_lines` finds the general signal that needs the whole input: short lines printed on
many pages (a site's menus and footers). The signals that need a line's neighbours (repetition on
a page, lists of headings without bodies) live in the segmenter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import cues
from .profiles import Profile
from .screens import literal_view

SITE_LINE_MIN_PAGES = 5          # a line on fewer pages than this is not evidence of a template
SITE_LINE_MIN_SHARE = 0.2        # ... nor one on less than this share of the pages sampled
SITE_LINE_MAX_WORDS = 6
INLINE_MARKER_CHARS = 200        # an end-of-line marker ('…[…read more…]') is shorter than this
CONTINUATION_TAIL_CHARS = 60     # a continuation marker ending a paragraph ('… Leggi tutto »') is shorter
CONTINUATION_END_MARKS = "»›>→"  # printed after a continuation marker ('Lire la suite »')


@dataclass(frozen=True)
class FurnitureMatch:
    kind: str
    closes: bool = False
    truncates: bool = False
    attach: str | None = None
    groups: dict[str, str] = field(default_factory=dict)
    source: str | None = None  # the profile file the rule came from


def match_furniture(text: str, profile: Profile) -> FurnitureMatch | None:
    """The first profile rule whose pattern matches the whole (whitespace-normalised) line."""
    # rules that cannot match (the line is too long, or lacks every literal the pattern needs) are not tried:
    # most rules on most lines, and the patterns opening with '.{0,400}' cost most
    # (screens.line_screen says why skipping them is exact); and a line that the rules without literals,
    # joined in one pattern, do not match is tried only against the others (screens.LineRules says why)
    size, view = len(text), literal_view(text)
    group = profile.line_rules_for(text[:1])
    tried = group.rules if group.joined is not None and group.joined.fullmatch(text) else group.apart
    for compiled in tried:
        if size > compiled.max_chars or compiled.lacks_literals(view):
            continue
        m = compiled.regex.fullmatch(text)
        if m:
            rule = compiled.rule
            groups = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
            return FurnitureMatch(rule.kind, rule.closes, rule.truncates, rule.attach, groups, compiled.source)
    return None


def strip_inline_markers(text: str, profile: Profile) -> tuple[str, bool]:
    """Cut a marker such as '…[…read more…]' from the end of a body line; True when one was cut. Only the
    line's last INLINE_MARKER_CHARS characters are searched: a marker is short, and the search of a
    pattern anchored at the end would otherwise try every position of a long paragraph."""
    offset = max(0, len(text) - INLINE_MARKER_CHARS)
    tail = text[offset:]
    view = literal_view(tail)
    for compiled in profile.inline_rules():
        if compiled.lacks_literals(view):
            continue    # the marker's literals are not in the tail (screens.line_screen)
        m = compiled.regex.search(tail)
        if m and offset + m.start() > 0:
            return text[: offset + m.start()].rstrip(), True
    return text, False


def cut_continuation(text: str, line_cues: cues.LineCues) -> tuple[str, bool]:
    """Cut a continuation marker of the page's languages printed at the end of a paragraph after a sentence's end, an
    ellipsis or in brackets ('Les habitants restent sceptiques. Lire la suite', 'Il ponte resterà chiuso… Leggi tutto
    »', '... [Weiterlesen]'); True when one was cut. (A marker on a line of its own is furniture; the profiles'
    inline markers are cut by `strip_inline_markers`.)"""
    tail = text[-CONTINUATION_TAIL_CHARS:]
    if "…" not in tail and "..." not in tail and "[" not in tail and "(" not in tail \
            and not (tail[-1:].isalpha() or tail[-1:] in CONTINUATION_END_MARKS):
        return text, False      # (most paragraphs, which end with a full stop: the pattern needs one of them)
    m = line_cues.continuation_end.search(tail)
    if m is None or len(text) - len(tail) + m.start() == 0:
        return text, False
    return text[: len(text) - len(tail) + m.start()].rstrip(), True


def cut_end_marker(text: str, profile: Profile, line_cues: cues.LineCues) -> tuple[str, bool]:
    """`text` without a continuation marker printed at its end (the profiles' inline markers, `strip_inline_markers`,
    then the page's languages', `cut_continuation`); True when one was cut: the text is cut off there."""
    text, cut = strip_inline_markers(text, profile)
    return (text, cut) if cut else cut_continuation(text, line_cues)


def common_short_lines(pages: Iterable[list[str]]) -> frozenset[str]:
    """Comparison keys of short lines found on at least 5 pages and 20% of the pages given.

    A republished article's headline recurs on a few pages, not on a fifth of a crawl, so the two
    thresholds keep headlines out while catching a site's template (menus, mastheads, footers).
    """
    document_frequency: Counter[str] = Counter()
    n_pages = 0
    for lines in pages:
        n_pages += 1
        document_frequency.update({cues.comparison_key(line) for line in lines
                                   if len(line) < 200 and line.strip() and len(line.split()) <= SITE_LINE_MAX_WORDS})
    document_frequency.pop("", None)
    threshold = max(SITE_LINE_MIN_PAGES, SITE_LINE_MIN_SHARE * n_pages)
    return frozenset(key for key, count in document_frequency.items() if count >= threshold)
