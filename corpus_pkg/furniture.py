"""Site furniture: matching a line against the profiles' patterns.

The patterns are data (`corpus_pkg/profiles/*.toml` and the user's own files); this module only
applies them. The general signals that need a line's neighbours (repetition on a page, lists of
headings without bodies) live in the segmenter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .profiles import Profile


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
    for compiled in profile.line_rules():
        m = compiled.regex.fullmatch(text)
        if m:
            rule = compiled.rule
            groups = {k: v.strip() for k, v in m.groupdict().items() if v is not None}
            return FurnitureMatch(rule.kind, rule.closes, rule.truncates, rule.attach, groups, compiled.source)
    return None


def strip_inline_markers(text: str, profile: Profile) -> tuple[str, bool]:
    """Cut a marker such as '…[…read more…]' from the end of a body line; True when one was cut."""
    for compiled in profile.inline_rules():
        m = compiled.regex.search(text)
        if m and m.start() > 0:
            return text[: m.start()].rstrip(), True
    return text, False
