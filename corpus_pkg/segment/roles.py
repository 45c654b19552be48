"""Each block's role on the page (body, title, byline, metadata, boilerplate, blank) and the unit it belongs to."""

from __future__ import annotations

from .blocks import Block, PageAnalysis
from .classes import BLANK, FURNITURE, HEADING


def assign_roles(page: PageAnalysis) -> None:
    """Set `page.roles`: each block's role, detail and unit index; a block no unit owns but inside a unit's span
    (boilerplate, blanks) belongs to that unit."""
    owner: dict[int, tuple[str, str | None, int | None]] = {}
    for teaser in page.teasers:     # a listing page's teasers: each line boilerplate, furniture keeping its kind
        for key, (role, detail) in teaser.roles.items():
            owner[key] = ("boilerplate", detail if role == "boilerplate" else "teaser", None)
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
