"""Reading a page as several articles: runs of non-prose blocks between prose are the tail of the unit above,
the header of a new unit, or sub-headings inside a body (see `units` for when a run opens a unit)."""

from __future__ import annotations

from .. import cues
from .blocks import Block, PageAnalysis, Unit
from .body import apply_furniture, feed, finish
from .classes import ANCHORS, BYLINE, CREDIT, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .classify import Classifier
from .similar import similar

MAX_HEADER_HEADINGS = 5             # more headings in one run is a list of other articles


def read_units(c: Classifier, content: list[Block], page: PageAnalysis) -> None:
    """Read `content` (the page's non-blank blocks, classified) as several articles: append to `page.units`
    every unit with a header and a body."""
    current: Unit | None = None
    i, n = 0, len(content)
    while i < n:
        block = content[i]
        if block.cls == PROSE:
            if current is None and block.label is not None:
                current = _open_preface(c, [], block, page)
            feed(c, current, block, page)
            i += 1
            continue
        j = i
        while j < n and content[j].cls != PROSE:
            j += 1
        run = content[i:j]
        dek, second_run, consumed = _dek(run, content, j)
        if dek is not None:
            run = run + [dek] + second_run
            j = consumed
        follows = content[j] if j < n else None
        if current is None and dek is None and follows is not None and follows.label is not None:
            current = _open_preface(c, run, follows, page)    # the run above the note: masthead, stamp
            i = j
            continue
        header = _header(c, run, follows, current, page, dek)
        if header is None:
            for b in run:
                feed(c, current, b, page)
            i = j
            continue
        trailing, unit = header
        for b in trailing:
            feed(c, current, b, page)
        if current is not None:
            finish(c, current, page)
        page.units.append(unit)
        current = unit
        i = j
    if current is not None:
        finish(c, current, page)
    page.thin_teasers = [u for u in page.units if u.kind == "teaser"]
    page.units = [u for u in page.units if u.body and u.kind != "teaser"]


def _open_preface(c: Classifier, run: list[Block], note: Block, page: PageAnalysis) -> Unit:
    """A re-poster's note opening the page ('Editor's note: We are republishing ...', a paragraph opening with a
    preface label, before any article): a unit of kind preface, titled by the label, whose body starts with
    the note. `run`: the lines above the note: the page's first heading is its masthead, a date line the
    re-poster's stamp ('EDITOR'S CHOICE | 06.03.2025': the unit's metadata and the page's repost date)."""
    unit = Unit(kind="preface", anchored=True, title_text=note.label or "")
    for b in run:
        if b.cls == HEADING and page.masthead is None:
            page.masthead = b.text
        elif b.cls == DATELINE:
            unit.metadata.append(b)
            unit.give(b, "metadata", "date_line")
        elif b.cls == FURNITURE:
            unit.give(b, "boilerplate", b.furniture.kind)
    page.repost_date = page.repost_date or next((m.date for m in unit.metadata if m.date), None)
    page.units.append(unit)
    return unit


def _dek(run: list[Block], content: list[Block], j: int) -> tuple[Block | None, list[Block], int]:
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


def _header(c: Classifier, blocks: list[Block], follows: Block | None, current: Unit | None, page: PageAnalysis,
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
    # (a name with a handle under a heading may be an embedded post's author: no anchor to open a unit with)
    weak = next((k for k, b in enumerate(candidate) if b.person and "@" not in b.text and _follows_heading(candidate, k)), None)
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
        unit.kind = "preface" if c.is_preface_label(title_block.label) else "article"
    else:
        title_pos = _title_position(candidate, candidate_headings, first_anchor if anchored else None,
                                    page_start and blocks[0] is page.first_content, c.title_case)
        title_block = candidate[title_pos]
        unit.title_text = title_block.shape
        if c.is_preface_label(title_block.text):
            unit.kind = "preface"
    unit.title = title_block
    unit.give(title_block, "title" if label_title is None else "metadata", None if label_title is None else "preface_label")
    if label_title is not None:
        unit.metadata.append(title_block)
    _headings_before_title(unit, candidate[:title_pos], trailing, page, page_start and current is None)
    # what follows the title inside the header
    anchor_seen, previous = False, title_block
    for k in range(title_pos + 1, len(candidate)):
        b = candidate[k]
        header_block(c, unit, b, title_block, anchor_seen, dek, previous, candidate[k + 1 :])
        anchor_seen = anchor_seen or b.cls in ANCHORS or b in unit.bylines     # (a name line too)
        previous = b if b.cls != FURNITURE else previous
    if unit.kind == "preface" and unit.metadata:
        page.repost_date = page.repost_date or next((m.date for m in unit.metadata if m.date), None)
    return trailing, unit


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


def _name_line_place(c: Classifier, unit: Unit, previous: Block) -> bool:
    """A bare name is the byline where bylines are printed: right under the headline, its repeat, the standfirst
    (a subtitle or a paragraph), a date line or a byline prefix printed alone ('By'). Further down (under a 'Tags'
    label, a share bar's counter, a byline the classifier could not read) a line shaped like a name is a tag, a
    label or a section name ('Internet Privacy', 'Key Points'). (A name the headline prints is its subject, not its
    author: `header_block` asks that too.)"""
    if previous is unit.title or previous is unit.subtitle or previous.cls in (DATELINE, PROSE) \
            or any(previous is t for t in unit.alt_titles):
        return True
    prefix = c.cues.byline_prefix.match(previous.shape + " ")
    return prefix is not None and prefix.end() > len(previous.shape)


def _follows_heading(candidate: list[Block], k: int) -> bool:
    """A name line is a byline when a (non-name) heading comes before it, furniture aside."""
    previous = next((b for b in reversed(candidate[:k]) if b.cls != FURNITURE), None)
    return previous is not None and previous.cls == HEADING and not previous.person


def _title_position(candidate: list[Block], headings: list[int], first_anchor: int | None, at_page_top: bool,
                    title_case: bool = True) -> int:
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
        if len(substantial) >= 2 and cues.is_standfirst(candidate[last].shape, candidate[substantial[-2]].shape, title_case) \
                and not similar(candidate[substantial[-2]].text, candidate[last].text):
            return substantial[-2]  # 'Headline / standfirst / By X'
        return last
    for a in headings:
        if any(similar(candidate[a].text, candidate[b].text) for b in headings if b > a):
            return a
    if at_page_top and len(headings) <= 3:
        return headings[0]
    return headings[-1]


def header_block(c: Classifier, unit: Unit, b: Block, title: Block, first_anchor_seen: bool, dek: Block | None,
                 previous: Block | None = None, below: list[Block] = ()) -> None:
    """Give block `b`, under `unit`'s `title` in its header, its role (repeated title, byline, co-author line,
    metadata, subtitle, boilerplate); `dek`: the standfirst found by the run reading, if any; `previous`: the
    header's line above `b`, furniture aside (None: the title); `below`: the lines under `b`, from the next one on."""
    if b is dek:
        unit.subtitle = b
        unit.give(b, "metadata", "subtitle")
    elif b.caption:     # over its photo's credit: never the standfirst
        unit.give(b, "boilerplate", "caption")
    elif (names := co_authors(c, unit, b, title, previous, below)) is not None:
        b.byline = cues.Byline(text=b.text, authors=names)
        unit.bylines.append(b)
        unit.give(b, "byline", "co_author_line")
    elif b.cls == HEADING and similar(b.text, title.text):
        unit.alt_titles.append(b)
        unit.give(b, "title", "title_repeat")
    elif b.cls == HEADING and b.person and not unit.bylines:
        if _name_line_place(c, unit, previous or title) and b.person.casefold() not in title.shape.casefold():
            unit.bylines.append(b)
            unit.give(b, "byline", "name_line")
        else:
            unit.give(b, "boilerplate", "name_away_from_headline")
    elif b.cls == HEADING and not unit.bylines and _name_line_place(c, unit, previous or title) and (credit := cues.credit_line(
            b.shape, c.cues, c.organisation_words, c.known_outlets, c.outlet_key)) is not None:
        # 'Jane Roe and John Doe, Example Press', 'Jane Roe Associated Press' under the headline: names, then their
        # outlet (the line a headline could be too, read as a byline only here)
        b.byline = credit
        unit.bylines.append(b)
        unit.give(b, "byline", "credit_line")
    elif b.cls in (HEADING, FRAGMENT) and unit.bylines and (unit.bylines[-1].person or unit.roles.get(id(unit.bylines[-1])) == (
            "byline", "co_author_line")) and c.is_organisation(b.text):
        # 'Jane Smith' / 'Example News', 'By Jane Roe' / 'and John Doe' / 'Reuters' (or 'dpa'): the outlet printed
        # under a name-line byline or its co-authors
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
        if b.cls == DATELINE and c.is_preface_label(b.label):
            unit.kind = "preface"
        if b.cls == CREDIT and any(w in b.text.casefold() for w in ("voice", "narrat", "video")):
            unit.kind = "video_report"
    elif (b.cls == HEADING and not b.text.isdigit() or b.cls == PROSE and (b.text.startswith(">") or previous in (None, title))) \
            and not first_anchor_seen and unit.subtitle is None:
        # (a blockquote under the headline, above the byline, is the standfirst: a reader tool's excerpt; so is a
        # sentence printed right under the headline, above the byline: 'Wer heute spart, bezahlt morgen doppelt.';
        # a number alone under a headline counts its shares or comments: '42')
        unit.subtitle = b
        unit.give(b, "metadata", "subtitle")
    elif b.cls == FURNITURE:
        unit.give(b, "boilerplate", b.furniture.kind)
        apply_furniture(unit, b)
    else:
        unit.give(b, "boilerplate", "caption" if b.cls == HEADING else b.cls)

MAX_CO_AUTHORS = 4                  # names on one co-author line at most


def co_authors(c: Classifier, unit: Unit, b: Block, title: Block, previous: Block | None,
               below: list[Block]) -> list[str] | None:
    """The names of a co-author line: a byline continued on the line under it ('By Jane Roe' / 'and John Doe',
    'By Jane Roe,' / 'John Doe and Mary Major'), a joiner of the page's languages opening it or closing the line
    above, or one of the names printed one a line between an undated byline and its date line or outlet line ('Jane
    Roe' / 'John Doe' / date, 'Jane Roe' / 'John Doe' / 'Mary Major' / 'Reuters'; a name-shaped line elsewhere is a
    label or a tag: 'Key Points'); [] for a joiner printed alone ('&') between two names; None when `b` is no such
    line. Never a job title, an outlet or a name the headline prints."""
    if not unit.bylines or previous is not unit.bylines[-1] or b.cls not in (HEADING, FRAGMENT):
        return None
    text = b.shape
    opening = c.cues.joiners.match(" " + text)
    rest = text[max(opening.end() - 1, 0):] if opening else text
    if not rest.strip():
        return [] if opening else None
    above = f" {previous.shape} "
    continued = opening is not None or any(m.end() == len(above) for m in c.cues.joiners.finditer(above))
    if not continued and not (b.person and previous.date is None and "@" not in previous.text
                              and _names_then_date_or_outlet(c, below)):
        return None
    names = cues.split_person_list(rest, c.cues)
    if not 1 <= len(names) <= MAX_CO_AUTHORS or c.cues.role_word.search(rest) or c.is_organisation(rest):
        return None
    if not all(cues.looks_like_person(n, c.organisation_words) and n.casefold() not in title.shape.casefold()
               for n in names):
        return None
    return [cues.normalise_person(n) for n in names]


def _names_then_date_or_outlet(c: Classifier, below: list[Block]) -> bool:
    """Whether the header lines `below` a name line are more name lines, furniture aside, then a date line or an
    outlet's name ('John Doe' / 'March 3, 2024', 'John Doe' / 'Reuters'): the names printed one a line of a byline,
    not a label over the text."""
    for b in below:
        if b.cls == DATELINE or b.cls in (HEADING, FRAGMENT) and not b.person and c.is_organisation(b.text):
            return True
        if b.cls != FURNITURE and not (b.cls == HEADING and b.person):
            return False
    return False
