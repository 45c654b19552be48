"""One article on a page: its extent (the best run of lines) and its printed headline.

The extent is the maximum-sum contiguous run of line scores (`score.best_run`). The headline is looked
for in the header above the run: the lines between the run and the paragraph (or closing furniture)
above it, at most `HEADER_WINDOW` of them. It is the headline-shaped line directly above the header's
byline or date line, else directly above the run; a page's very first line counts as a headline when
the header reaches the top of the file (the "headline, blank line, body" layout of many corpora). A
headline broken over two lines mid-phrase is joined.
"""

from __future__ import annotations

import re

from .. import cues
from ..cues.text import FULL_STOPS, OTHER_SENTENCE_ENDS
from .similar import similar
from .score import LineScore, best_run, length_in_words
from typing import TYPE_CHECKING

from .classes import ANCHORS, BYLINE, DATELINE, FURNITURE, HEADING, PROSE

if TYPE_CHECKING:
    from .blocks import Block

HEADER_WINDOW = 8            # lines above the run that can hold its headline, byline and date
TITLE_WINDOW = 40            # lines above the run searched for a headline the text's words confirm
FAR_HEADER_WINDOW = 200      # lines above the run searched for its own dated header when none is near the run
BODY_LINES_FOR_TITLE = 30    # the run's first lines, whose words confirm a headline
MIN_SHARED_WORDS = 0.25      # share of a headline's words the text must use to confirm it
MIN_HEADLINE_CONTENT_WORDS = 3   # a line with fewer words that are not stop words is not confirmed by the text
TAGLINE_SHARED_WORDS = 0.25  # a first line sharing fewer of its words with the text may be a site's tagline
OVER_ANCHOR_BONUS = 0.2      # a headline directly above a byline or date line is preferred ...
DISTANCE_COST = 0.01         # ... and one close to the text, ...
SENTENCE_COST = 0.4          # ... and one shaped as a heading rather than a sentence or two
CAPTION_COST = 1.0           # ... and one not printed over a photo credit: a caption is one only when nothing else is
REPEAT_BONUS = 0.3           # a headline printed twice in the header (the page's title and its heading)
THREAD_DATES = 2             # date lines inside a run that make its tail a thread or a list
HEAD_SHARE = 0.25            # the head of a run: less than this share of its text comes before
HEADER_IN_RUN = 6            # a run's first lines that may still be its header (standfirst, byline, date)
STANDFIRST_WORDS = 40        # a standfirst is at most this long ...
MAX_STANDFIRST_LINES = 2     # ... and this many lines
HEADER_STOP_WORDS = STANDFIRST_WORDS      # a line this long above the run is a paragraph: the header ends there
MIN_HEADLINE_WORDS = 4       # fewer words: a section name, label or counter ('Science & Technology', '1 of 12')
MIN_TOP_HEADLINE_WORDS = 3   # the file's first line, shaped like a name, is its headline from this many words
MIN_HEADED_WORDS = 3         # ... and so is a line directly above the header's byline or date ('The Impeachment Clock')
MAX_HEADLINE_WORDS = 30
SENTENCE_HEADLINE_WORDS = 16  # a line of running text ending with a full stop and longer than this is no headline
CONTINUES = re.compile(r"(?:[,–—-]|\b(?:a|an|the|of|to|in|on|for|and|or|with|by|from|at|as|is|are|was|his|her|its|their))$", re.I)


def article_run(content: list[Block], scores: list[LineScore]) -> tuple[int, int] | None:
    """Indexes (into `content`) of the first and last line of the best run that holds a paragraph."""
    run = best_run([s.score for s in scores])
    if run is None:
        return None
    first, last, _ = run
    if not any(b.cls == PROSE for b in content[first : last + 1]):
        return None
    return first, last


def header_in_run(content: list[Block], first: int, last: int) -> tuple[int, int]:
    """The run without the header at its head: a standfirst of a line or two scores as text, but when
    a byline or date line follows it within the run's first lines, the text starts below them."""
    end, paragraphs = None, 0
    for k in range(first, min(last, first + HEADER_IN_RUN)):
        b = content[k]
        if is_anchor(b) and not b.person or b.cls == "domain":
            end = k
        elif b.cls == PROSE:
            paragraphs += 1
            if length_in_words(b.text) > STANDFIRST_WORDS or paragraphs > MAX_STANDFIRST_LINES:
                break
    return (end + 1, last) if end is not None and end < last else (first, last)


def header_inside_run(content: list[Block], first: int, last: int, scores: list[float],
                      site_lines: frozenset[str]) -> tuple[int, int | None]:
    """(where the text starts, its headline) when the article's own header (a headline over a byline or
    date line) is printed inside the head of the run, after a cookie notice, a pull quote or gallery
    captions that scored as text; else (`first`, None). The head is the part holding less than
    HEAD_SHARE of the run's text. Not for a file that opens with its headline right above the run."""
    if header_start(content, first) == 0 and is_headline(content[0], site_lines, at_top=True):
        return first, None
    total = sum(v for v in scores[first : last + 1] if v > 0)
    before = 0.0
    for k in range(first, last):
        if before > HEAD_SHARE * total:
            break
        before += max(scores[k], 0.0)
        if content[k].cls != HEADING or not is_headline(content[k], site_lines, at_top=False):
            continue
        def dated_or_signed(b: Block) -> bool:   # a name line alone is not enough here ('Play Video')
            return (is_anchor(b) and not b.person) or is_by_line(b.shape)

        anchors = [j for j in range(k + 1, min(k + 3, last)) if dated_or_signed(content[j])]
        if anchors:
            end = anchors[-1]
            while end + 1 < last and dated_or_signed(content[end + 1]):
                end += 1
            # a heading printed right above it, no blank line between, may be the headline over its standfirst:
            # `choose_title` tells the two apart
            stacked = k > 0 and content[k - 1].cls == HEADING and content[k].line_start == content[k - 1].line_end + 1
            return end + 1, None if stacked else k
    return first, None


def thread_start(content: list[Block], first: int, last: int) -> int:
    """The run without a comment thread or a list of dated items after the text: when date lines or
    bylines, each followed by text of its own, recur inside the run after its first paragraph
    (THREAD_DATES or more), the text ends above the first of them and above the non-text lines just
    before it (a name, 'N comments')."""
    seen_text = False
    dated = []
    for k in range(first, last + 1):
        b = content[k]
        if b.cls == PROSE:
            seen_text = True
        elif seen_text and b.cls in (BYLINE, DATELINE) and is_anchor(b):
            dated.append(k)
    # an item of a thread has its own text before the next date; a list of other articles' headers
    # printed inside the text ('Recommended': headline, name, date, ...) has none
    bounds = dated + [last + 1]
    items = [k for k, after in zip(dated, bounds[1:]) if any(content[j].cls == PROSE for j in range(k + 1, after))]
    if len(items) < THREAD_DATES:
        return last
    end = items[0] - 1
    while end > first and content[end].cls != PROSE:
        end -= 1
    return end


def header_start(content: list[Block], first: int, window: int = None) -> int:
    """Index of the first line of the header above the run starting at `first`: at most `window`
    (HEADER_WINDOW) lines up, furniture not counted (a share bar and a photo's caption between the header and the
    text: 'Share on X', 'Share via Email'), and not past a paragraph."""
    k, counted = first, 0
    window = window or HEADER_WINDOW
    while k > 0 and counted < window:
        above = content[k - 1]
        if above.cls == PROSE and length_in_words(above.text) > HEADER_STOP_WORDS:
            break
        k -= 1
        counted += above.cls != FURNITURE
    return k


def is_headline(b: Block, site_lines: frozenset[str], at_top: bool, min_words: int = MIN_HEADLINE_WORDS) -> bool:
    """Could this line be a printed headline? Never furniture, a byline, a name, a label, a counter,
    a handle, a blockquote or a line the site prints on many pages; fewer than `min_words` words only as the file's
    first line."""
    text = b.shape
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    # English-word equivalents, so that a Chinese headline, written without spaces, is not one short
    # word ('&' and '|' are no words: 'Science & Technology' has two); the upper bound counts spaced words
    n_words = max(len(words), cues.word_equivalents(text) - (len(text.split()) - len(words)))
    # a short title-case headline ('River Levels Fall') is shaped like a name; as the file's first line
    # it is the headline from three words on
    if b.cls not in (HEADING, PROSE, "fragment") or (b.person and not (at_top and n_words >= MIN_TOP_HEADLINE_WORDS)):
        return False
    if max(len(words), n_words) > MAX_HEADLINE_WORDS or (n_words < min_words and not (at_top and n_words >= 2)):
        return False
    if cues.comparison_key(text) in site_lines or "@" in text or text.endswith(":"):
        return False
    if b.text.startswith(">"):
        return False    # a Markdown blockquote: quoted words or a reader tool's excerpt (a standfirst), never the headline
    if is_photo_credit(b):
        return False    # '(Jane Roe / Example Agency)'
    if is_by_line(text) or cues.TIME.search(text) or cues.find_date(text):
        return False    # a byline or a date line the classifier did not read as one
    # lengths in English-word equivalents: a Chinese or Japanese paragraph is one whitespace "word"
    if b.cls == PROSE and not at_top and n_words > 20:
        return False
    if b.cls == PROSE and n_words > SENTENCE_HEADLINE_WORDS and text.rstrip()[-1:] in FULL_STOPS:
        return False    # a full sentence this long is the text's first paragraph (a story file without headline)
    if b.cls == PROSE and b.dateline:
        return False    # 'WASHINGTON (AP) — The Senate passed ...': a story's first paragraph, however short
    numbers = sum(1 for w in text.split() if w.strip("()[].,/").isdigit())
    return numbers < len(words)     # '1 of 12', 'Image 3 / 13': a counter


SENTENCE_BREAK = re.compile(f"[{re.escape(FULL_STOPS + OTHER_SENTENCE_ENDS)}]\\s+(?=\\S)")


def holds_two_sentences(text: str) -> bool:
    """A sentence of three words or more ends inside the line and another begins with a capital ('Big
    firms talk of sharing. Uber is just a taxi firm'): a standfirst's shape, rarely a headline's
    ('U.S. Troops Leave' does not count: an abbreviation ends no sentence)."""
    for match in SENTENCE_BREAK.finditer(text):
        head, following = text[: match.start() + 1], text[match.end() :].lstrip("\"'“‘«([")
        if len(head.split()) >= 3 and cues.ends_sentence(head) and following[:1].isupper():
            return True
    return False


def is_by_line(text: str) -> bool:
    """'By Jane Roe - 11/19/19': 'By' and a name ('By the numbers: ...' is a headline)."""
    tokens = text.split()
    return len(tokens) >= 3 and tokens[0].casefold() == "by" and cues.looks_like_person(" ".join(tokens[1:3]), frozenset())


def is_photo_credit(b: Block) -> bool:
    """'(Jane Roe / Example Agency)': a credit in brackets, printed under a caption (a headline can sit
    over its photo's credit line too, so 'Photo by Jane Roe' alone says nothing)."""
    if b.cls == FURNITURE and b.furniture.kind == "photo_credit":
        return True     # 'Jane Roe/Pool/Getty Images' (the profiles' credit patterns)
    text = b.shape
    return text.startswith("(") and text.endswith(")") and len(text.split()) <= 10 and ("/" in text or "|" in text)


def read_as_byline(content: list[Block], k: int) -> bool:
    """A headline the classifier read as a byline: a byline-shaped line without a date or 'By', printed
    directly over another byline or date line."""
    b = content[k]
    return b.cls == BYLINE and b.date is None and not b.shape.casefold().startswith("by ") \
        and len(b.shape.split()) >= MIN_HEADLINE_WORDS and k + 1 < len(content) and content[k + 1].cls in (BYLINE, DATELINE)


def looks_like_credit(b: Block, organisation_words: frozenset[str]) -> bool:
    """'Jane Roe Associated Press', 'Jane Roe and John Doe USA TODAY': names, then an outlet (an
    organisation word or a name in capitals), nothing else."""
    tokens = b.shape.replace(",", " ").split()
    if not 3 <= len(tokens) <= 10 or not cues.looks_like_person(" ".join(tokens[:2]), organisation_words):
        return False
    if not all(cues.NAME_WORD.match(t) or t.isupper() or t.casefold() in ("and", "&") for t in tokens):
        return False
    return any(t.casefold() in organisation_words or (t.isupper() and len(t) > 1) for t in tokens[2:])


def choose_title(content: list[Block], start: int, first: int, site_lines: frozenset[str],
                 organisation_words: frozenset[str], first_line: bool, content_words=None,
                 title_case: bool = True) -> int | None:
    """Index of the headline above the run starting at `first` (`start`: the header's first line), or
    None when there is none.

    The file's first line when the header reaches it and holds no byline or date; else, among the
    headline-shaped lines up to TITLE_WINDOW lines above the run, the one whose words the text uses
    most (a headline names what the text is about; menu items, teasers and widget labels do not),
    preferring one directly above a byline or date line and one close to the text; else the nearest
    headline-shaped line above the header's byline or date line, or above the run.
    `content_words(text) -> set[str]`: the words that count (the page language's stop words left out);
    `title_case`: the page's language prints headlines in title case (`cues.is_standfirst`: a standfirst printed
    under its headline, shaped as a sentence, is never the headline, though it echoes the text more).
    """
    if first_line:
        return 0 if content and first > 0 else None
    header = range(start, first)
    anchor = next((k for k in header if (content[k].cls in ANCHORS and is_anchor(content[k]) and not read_as_byline(content, k))
                   or (content[k].person and k > start and content[k - 1].cls == HEADING)), None)

    def usable(k: int, min_words: int = MIN_HEADLINE_WORDS) -> bool:
        if read_as_byline(content, k):
            return True
        credit = k + 1 < len(content) and is_anchor(content[k + 1]) and looks_like_credit(content[k], organisation_words)
        return is_headline(content[k], site_lines, at_top=k == 0, min_words=min_words) and not credit

    body = set().union(*(content_words(b.shape) for b in content[first : first + BODY_LINES_FOR_TITLE]
                         if b.cls == PROSE)) if content_words is not None else set()

    def over_credit(k: int) -> bool:    # a caption over its photo credit, or a headline over its photo's
        return k + 1 < len(content) and is_photo_credit(content[k + 1])

    def shared(k: int, min_words: int = MIN_HEADLINE_CONTENT_WORDS) -> float:
        words = content_words(content[k].shape) if content_words is not None else set()
        return len(words & body) / len(words) if len(words) >= min_words else 0.0

    if start == 0 and anchor is None and usable(0):
        # the file opens with its headline ("headline, blank line, body"), unless that line is a
        # tagline the text does not echo and a headline the text does echo follows it
        # a question opening the text is not a headline; a line printed right under the first one
        # (no blank line between) continues it
        later = [k for k in range(1, first) if usable(k) and content[k].cls == HEADING
                 and not content[k].shape.endswith("?") and content[k].line_start > content[0].line_end + 1]
        repeated = any(similar(content[0].text, content[k].text) for k in range(1, first))
        if repeated or not (later and shared(0) < TAGLINE_SHARED_WORDS
                            and max(shared(k) for k in later) >= MIN_SHARED_WORDS):
            return 0

    def under_headline(k: int, window: int) -> bool:
        """Line `k` is a standfirst under the headline printed directly above it ('Headline / standfirst / By X'):
        longer than that headline, which the text echoes, and shaped as a standfirst under it
        (`cues.is_standfirst`; when the line above is sentence-shaped too, the two share their case and the
        standfirst is the one that ends like a sentence or is much longer, as in a language without title case)."""
        above = content[k - 1] if k - 1 >= window else None
        if above is None or above.cls != HEADING or not usable(k - 1, MIN_HEADED_WORDS):
            return False
        text, headline = content[k].shape, above.shape
        if len(text.split()) <= len(headline.split()) or similar(above.text, content[k].text):
            return False
        title_cased = title_case and not cues.is_standfirst(headline, "", title_case)   # the headline above is title-cased
        shaped = cues.is_standfirst(text, headline, title_cased)
        if content[k].line_start == above.line_end + 1 and k + 1 < len(content) and is_anchor(content[k + 1]) \
                and usable(k - 1):
            # printed as one block with a headline of MIN_HEADLINE_WORDS or more (a kicker has fewer), no blank line
            # between, over the byline or date: the headline need not echo the text (one that frames the story,
            # 'Shadow fleet slips past sanctions', uses words the text does not), and under a sentence-case headline
            # the longer line is the standfirst whatever its end
            return shaped or not title_cased
        return shaped and shared(k - 1, MIN_HEADED_WORDS - 1) >= MIN_SHARED_WORDS

    def best_echoed(window: int, end: int) -> int | None:
        """The headline-shaped line in [window, end) whose words the text uses most, preferring one
        over a byline or date, one printed twice and one close to `end`."""
        best, best_value = None, 0.0
        for k in range(window, end):
            # a short headline ('The Impeachment Clock') counts when printed over its byline or date
            over_anchor = any(is_anchor(b) and not is_photo_credit(b) for b in content[k + 1 : k + 3])
            short = MIN_HEADED_WORDS if over_anchor else MIN_HEADLINE_WORDS
            if not usable(k, short):
                continue
            echo = shared(k, MIN_HEADLINE_CONTENT_WORDS - (MIN_HEADLINE_WORDS - short))
            if echo < MIN_SHARED_WORDS:
                continue
            key = cues.comparison_key(content[k].text)
            printed_twice = any(cues.comparison_key(content[j].text) == key
                                for j in range(max(window, k - 2), min(end, k + 3)) if j != k)
            if under_headline(k, window):
                continue    # a standfirst: the headline is the line above it
            sentences = content[k].cls != HEADING or holds_two_sentences(content[k].shape)   # a standfirst
            value = echo + OVER_ANCHOR_BONUS * over_anchor + REPEAT_BONUS * printed_twice \
                - DISTANCE_COST * (end - k) - SENTENCE_COST * sentences - CAPTION_COST * over_credit(k)
            if value > best_value:
                best, best_value = k, value
        return best

    if content_words is not None:
        if anchor is None:
            # no byline or date near the run: its own header may sit above a media player or gallery
            far = dated_byline_above(content, first)
            if far is not None:
                headline = best_echoed(header_start(content, far), far)
                if headline is not None:
                    return headline
        best = best_echoed(header_start(content, first, TITLE_WINDOW), first)
        if best is not None:
            return best
    limit = anchor if anchor is not None else first
    above = [k for k in range(start, limit) if usable(k) and (content[k].cls == HEADING or k == 0)
             and not under_headline(k, start)]
    if above:
        return ([k for k in above if not over_credit(k)] or above)[-1]
    if anchor is not None:  # a header whose only headline-shaped line sits below its date
        below = [k for k in range(anchor + 1, first) if usable(k) and content[k].cls == HEADING]
        if below:
            return below[0]
    return None


def dated_byline_above(content: list[Block], first: int) -> int | None:
    """Index of the nearest byline carrying a date (or followed by a date line within two lines: 'By
    Jane Roe' / '7 minute read' / 'Updated 9:22 PM, March 3, 2024') up to FAR_HEADER_WINDOW
    lines above the run starting at `first`, not past a paragraph: where the article's own header is
    when a media player, gallery or widget printed between it and the text keeps it out of the header
    window. None when there is none."""
    top = header_start(content, first, FAR_HEADER_WINDOW)
    for k in range(first - 1, top - 1, -1):
        b = content[k]
        if b.cls == BYLINE and not b.person and (b.date is not None or any(c.cls == DATELINE for c in content[k + 1 : min(k + 3, first)])):
            return k
    return None


def is_anchor(b: Block) -> bool:
    """A byline, date, source, link or name line that can sit under a headline; a social-media
    embed's attribution ('— Jane Roe (@janeroe) March 3, 2024') is none of these."""
    return (b.cls in ANCHORS or bool(b.person)) and "@" not in b.text


def plain_end(content: list[Block], last: int) -> int:
    """Where the text of a "headline, blank line, body" file ends: at the end of the file, or above the
    first line the profiles say closes an article."""
    for k in range(last + 1, len(content)):
        b = content[k]
        if b.cls == FURNITURE and (b.furniture.closes or b.furniture.truncates):
            return k - 1
    return len(content) - 1


def joins_above(content: list[Block], title: int) -> bool:
    """A headline broken over two lines: the upper line stops mid-phrase (a comma, dash or function
    word) or the lower one goes on in lower case; never a label printed more than once nearby
    ('Sponsored by')."""
    upper, lower = content[title - 1], content[title]
    if upper.cls not in (HEADING, "fragment") or upper.person or cues.ends_sentence(upper.shape):
        return False
    key = cues.comparison_key(upper.text)
    if any(cues.comparison_key(b.text) == key for b in content[max(0, title - HEADER_WINDOW) : title - 1]):
        return False
    lower_start = lower.shape.lstrip("\"'“‘«([")[:1]
    return bool(CONTINUES.search(upper.shape)) or (lower_start.isalpha() and lower_start.islower())


def title_text(content: list[Block], title: int) -> tuple[str, list[Block]]:
    """The headline's text and the lines printing it (two when it is broken over two lines)."""
    b = content[title]
    if title > 0 and joins_above(content, title):
        upper = content[title - 1]
        return f"{upper.shape} {b.shape}", [upper, b]
    return b.shape, [b]
