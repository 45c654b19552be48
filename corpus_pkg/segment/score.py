"""A content score for every line of a page, and the highest-scoring contiguous run of lines.

The score says how much a line looks like running article text (positive, about one point per word)
or like furniture (negative): menus, labels, headings, widgets and links cost a few points each, a
line the profiles say closes an article costs many. The article's extent is then the maximum-sum
contiguous run of lines, as in Body Text Extraction (Finn, Kushmerick and Smyth, 2001, "Fact or
fiction: content classification for digital libraries"), found in one pass (Kadane's algorithm). The
features are the shallow ones that carry across sites and languages (Kohlschütter, Fankhauser and
Nejdl, WSDM 2010; Pomikálek's jusText, 2011): the line's length, whether it ends like a sentence,
its share of function words (stop words) in the page's language, its neighbours, and whether the
site prints it on many pages.

Stop-word lists come from `stopwordsiso` (58 languages, ISO 639-1 codes); a user adds words for a
language in a profile-independent way with `add_stop_words`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .. import cues
from ..cues.text import FULL_STOPS, OTHER_SENTENCE_ENDS, UNSPACED
from typing import TYPE_CHECKING

from .classes import ANCHORS, BLANK, FURNITURE, HEADING, PROSE, RELATED_BOX

if TYPE_CHECKING:
    from .blocks import Block

CLOSING_COST = 30.0       # a line the profiles say ends an article ('Related', 'Comments', a footer)
FURNITURE_COST = 3.0      # any other furniture line: share bars, widgets, captions
REPEATED_COST = 6.0       # a short line printed three times on the page or on many pages: lists and templates
HEADING_COST = 6.0        # a short heading-shaped line: a sub-heading inside a body costs little,
CUT_ENDS = ("…", "...", ". . .")    # a paragraph ending in one is cut off (a teaser's blurb, a paywall's cut)
                          # a menu of twenty such lines a lot
SECTION_COST = 1.0        # a heading marked up as one (Markdown '##') over a paragraph: a section of the text
HEADER_COST = 10.0        # a heading directly above a byline or date line: another article's header
ANCHOR_COST = 2.0         # bylines, date lines, source lines, links
QUESTION_WORDS = 5         # a question this long is text (an interviewer's, a writer's), not a heading
SHORT_WORDS = 8           # a line this short is never a paragraph on its own, whatever its punctuation
TITLE_CASE_SHARE = 0.6    # at least this share of capitalised words: a headline or a menu, not a sentence ...
TITLE_CASE_MAX_WORDS = 25 # ... when the line is this short
LOW_STOP_SHARE = 0.12     # below this share of function words a long line is a list (names, tags, links)
ISOLATED_FACTOR = 0.5     # a short paragraph with no paragraph next to it: a teaser or a caption
ISOLATED_MAX_WORDS = 60
LANGUAGE_SAMPLE_TOKENS = 400 # tokens of running text read to tell the page's language
LANGUAGE_MIN_HITS = 8     # stop words needed before a page's language is trusted
MAX_WORD_CHARS = 30       # a longer string between spaces is not a word (a hash, a run of one character, a URL)
WORD_CHARS_SHARE = 0.5    # text has at least this share of its characters in words
CHARS_PER_WORD = 6        # scripts written without spaces: length in characters / this, as words

PRINTED_TWICE_WORDS = 15   # a paragraph this long printed twice on a page is a caption, teaser or summary
LIST_INTRO_WORDS = 5       # a paragraph this long ending with a colon introduces a list ...
LIST_ITEM_WORDS = 12       # ... of short lines ...
LIST_MAX_ITEMS = 30        # ... at most this many
INLINE_CAPTION_WORDS = 8   # a counter followed on its line by this many words holds its caption
GALLERY_ITEMS = 3          # counters of one slideshow ('1/50', '2/50', '3/50') that make it one
# a slideshow's counter: 'Image 3 of 12', '4/50 Markets fall', 'Foto 2 von 9' (the words are data-free:
# a number over a total, whatever the language's 'of')
COUNTER = re.compile(r"^\W*(?:[^\W\d_]+\s+)?(\d{1,3})\s*(?:/|\s?[^\W\d_]{1,3}\s?)\s*(\d{1,3})(?!\d)")
# stripped from a word's ends: quotes, brackets, commas (Latin, Arabic, CJK), '¿' '¡' and every script's sentence marks
# ('है।')
PUNCTUATION = "\"'“”‘’«»„›‹()[]{},;:—–-*/|¿¡،、，；：" + FULL_STOPS + OTHER_SENTENCE_ENDS


def words_of(text: str) -> list[str]:
    """The case-folded words of a line, punctuation around them stripped (str.split is several times
    faster than a word regex, and this runs on every paragraph)."""
    return [w for t in text.casefold().split() if (w := t.strip(PUNCTUATION))]
_extra_stop_words: dict[str, set[str]] = {}


def add_stop_words(language: str, words: list[str]) -> None:
    """Extend the stop-word list of `language` (ISO 639-1 code) for this process."""
    _extra_stop_words.setdefault(language, set()).update(w.casefold() for w in words)
    _stop_index.cache_clear()
    stop_words.cache_clear()


@lru_cache(maxsize=1)
def _stop_index() -> dict[str, tuple[str, ...]]:
    """word -> the languages whose stop-word list holds it."""
    import stopwordsiso

    index: dict[str, set[str]] = {}
    for language in set(stopwordsiso.langs()) | set(_extra_stop_words):
        words = (stopwordsiso.stopwords(language) if stopwordsiso.has_lang(language) else set()) \
            | _extra_stop_words.get(language, set())
        for word in words:
            index.setdefault(word.casefold(), set()).add(language)
    return {word: tuple(sorted(langs)) for word, langs in index.items()}


@lru_cache(maxsize=128)
def stop_words(language: str | None) -> frozenset[str]:
    """The stop words of `language` (empty for None or a language without a list)."""
    if language is None:
        return frozenset()
    return frozenset(word for word, langs in _stop_index().items() if language in langs)


def page_language(token_lists: list[list[str]]) -> str | None:
    """The language whose stop words the page's lines use most (the first LANGUAGE_SAMPLE_TOKENS tokens
    are enough); None when too few are found."""
    index = _stop_index()
    hits: list[tuple[str, ...]] = []
    seen = 0
    for tokens in token_lists:
        hits += [index[t] for t in tokens if t in index]
        seen += len(tokens)
        if seen >= LANGUAGE_SAMPLE_TOKENS:
            break
    counts: Counter[str] = Counter()
    for langs, n in Counter(hits).items():
        for language in langs:
            counts[language] += n
    if not counts:
        return None
    language, n = counts.most_common(1)[0]
    return language if n >= LANGUAGE_MIN_HITS else None


@dataclass
class LineScore:
    score: float
    reason: str


def length_in_words(text: str) -> int:
    """A line's length in word-sized units for the score: whitespace words; for other than ASCII text at
    least characters / CHARS_PER_WORD (which measures Thai, written without spaces) and, for Chinese and
    Japanese, half their characters (`cues.word_equivalents`); so a line weighs about what its English
    translation would
    (`cues.word_count`, the published `word_count`, counts each Han character instead)."""
    if text.isascii():
        return cues.word_count(text)    # (its whitespace words, remembered from the classifier's reading)
    if not UNSPACED.search(text):
        # without Han or kana, word_equivalents is its whitespace words, or for Thai the larger of them and
        # characters / 6: the same maximum without splitting the line again
        return max(len(text) // CHARS_PER_WORD, cues.word_equivalents(text))
    return max(len(text.split()), len(text) // CHARS_PER_WORD, cues.word_equivalents(text))


def gallery_captions(blocks: list[Block], content: list[int]) -> set[int]:
    """Indexes of the paragraphs a slideshow prints under its counters ('1/50 Markets fall', caption,
    '2/50 ...', caption) or after them on the same line ('1of4A shopper looks at ...'): GALLERY_ITEMS or
    more counters 'k/N' (or 'k of N') with the same N and rising k, each followed by the caption
    paragraphs up to the next line that is not a paragraph."""
    counters: dict[int, list[tuple[int, int]]] = {}
    inline: set[int] = set()       # counters with the caption on their own line
    for position, k in enumerate(content):
        match = COUNTER.match(blocks[k].shape)
        if match and int(match.group(1)) <= int(match.group(2)):
            counters.setdefault(int(match.group(2)), []).append((int(match.group(1)), position))
            if len(blocks[k].shape[match.end() :].split()) >= INLINE_CAPTION_WORDS:
                inline.add(position)
    captions: set[int] = set()
    for items in counters.values():
        rising = sum(1 for (number, _), (before, _) in zip(items[1:], items) if number > before)
        if rising + 1 < GALLERY_ITEMS:
            continue
        for _, position in items:
            if position in inline:      # '1of4A shopper looks at ...': counter and caption in one line
                if blocks[content[position]].cls == PROSE:
                    captions.add(content[position])
                continue
            following = position + 1
            while following < len(content) and blocks[content[following]].cls == PROSE:
                captions.add(content[following])
                following += 1
    return captions


def introduced_list_items(blocks: list[Block], content: list[int]) -> set[int]:
    """Indexes of the items of a list the text introduces: the short heading-shaped lines (at most
    LIST_ITEM_WORDS words, up to LIST_MAX_ITEMS of them) directly under a paragraph that ends with a colon
    ('The rankings were as follows:' / '1. Finland' / '2. Norway'); two items at least."""
    items: set[int] = set()
    for position, k in enumerate(content):
        intro = blocks[k]
        if intro.cls != PROSE or not intro.shape.endswith((":", "：")) or len(intro.shape.split()) < LIST_INTRO_WORDS:
            continue
        found = []
        for j in content[position + 1 : position + 1 + LIST_MAX_ITEMS]:
            if blocks[j].cls not in (HEADING, "fragment") or length_in_words(blocks[j].shape) > LIST_ITEM_WORDS:
                break
            found.append(j)
        if len(found) >= 2:
            items.update(found)
    return items


def short_paragraphs(blocks: list[Block], content: list[int]) -> set[int]:
    """Indexes of the short paragraphs of a text: lines read as prose, shorter than SHORT_WORDS words, that end like
    a sentence or are shaped as a heading (a Thai paragraph, which no mark ends; a paragraph cut off under its
    continuation marker, '... Read more'), printed in a row of paragraphs (nothing but blank lines between them)
    that holds a longer one: a one-line lead under a photo's credit, 'Work is due to start in spring.' closing an
    article, a tabloid's one-sentence paragraphs. Such a line counts as text at the run's ends too; a row of short
    sentences alone ('Don't miss a thing.' / 'Keep up with Fandom.') is a widget's, and a photo's caption over its
    credit (`Block.caption`) is none."""
    found: set[int] = set()
    row: list[int] = []
    for k in [*content, None]:
        if k is not None and blocks[k].cls == PROSE:
            row.append(k)
            continue
        short = [j for j in row if length_in_words(blocks[j].shape) < SHORT_WORDS]
        if len(short) < len(row):
            found.update(j for j in short if not blocks[j].caption
                         and (cues.ends_sentence(blocks[j].shape) or cues.is_heading_like(blocks[j].shape)))
        row = []
    return found


def printed_twice(blocks: list[Block], content: list[int]) -> set[int]:
    """Indexes of the paragraphs (PRINTED_TWICE_WORDS words or more) the page prints more than once:
    photo captions repeated in a gallery, teasers in two lists, a summary. A copy that goes straight on
    into a paragraph printed once is the text's own (a lead paragraph also used as the summary)."""
    # the text as printed is the key: copies of one caption or teaser are byte-identical on a page
    keys = {k: blocks[k].shape for k in content
            if blocks[k].cls == PROSE and blocks[k].shape.count(" ") + 1 >= PRINTED_TWICE_WORDS}
    counts = Counter(keys.values())
    repeated = {k for k, key in keys.items() if counts[key] > 1}
    found = set()
    for position, k in enumerate(content):
        if k not in repeated:
            continue
        following = content[position + 1] if position + 1 < len(content) else None
        if following is None or blocks[following].cls != PROSE or following in repeated:
            found.add(k)
    return found


def score_blocks(blocks: list[Block], site_lines: frozenset[str] = frozenset()) -> tuple[list[LineScore | None], str | None]:
    """One LineScore per block (None for blank blocks), and the page's language as its stop words say
    (None when they do not say)."""
    content = [k for k, b in enumerate(blocks) if b.cls != BLANK]
    captions = gallery_captions(blocks, content)
    listed = introduced_list_items(blocks, content)
    repeated = printed_twice(blocks, content)
    short = short_paragraphs(blocks, content)
    tokens = {k: words_of(blocks[k].shape) for k in content if blocks[k].cls == PROSE}
    language = page_language(list(tokens.values()))
    stops = stop_words(language)
    scores: list[LineScore | None] = [None] * len(blocks)
    # a related-links box inside the text (`related.mark_boxes_in_text`) is no neighbour: the text runs through it
    boxed = {k for k in content if blocks[k].cls == FURNITURE and blocks[k].furniture.kind == RELATED_BOX}
    neighbours = [k for k in content if k not in boxed] if boxed else content
    place = {k: n for n, k in enumerate(neighbours)}
    for k in content:
        b = blocks[k]
        if k in boxed:
            scores[k] = LineScore(0.0, "a related-links box inside the text")
            continue
        position = place[k]
        previous = blocks[neighbours[position - 1]] if position else None
        following = blocks[neighbours[position + 1]] if position + 1 < len(neighbours) else None
        if k in captions:
            scores[k] = LineScore(-HEADING_COST, "a slideshow's caption, under its counter")
            continue
        if k in repeated:
            scores[k] = LineScore(-HEADING_COST, "a paragraph printed twice on the page: a caption, teaser or summary")
            continue
        if k in listed:
            scores[k] = LineScore(0.0, "an item of a list the text introduces")
            continue
        if k in short:
            n = length_in_words(b.shape)
            scores[k] = LineScore(n / 2, f"{n} words: a short paragraph in a row of paragraphs")
            continue
        scores[k] = _score(b, previous, following, tokens.get(k), language, stops, site_lines)
    return scores, language


def content_words(text: str, language: str | None) -> set[str]:
    """The words of `text` (case-folded) that are not stop words of `language` nor shorter than 3 letters;
    for Chinese and Japanese, written without spaces, the character bigrams (`cues.unspaced_bigrams`)."""
    stops = stop_words(language)
    return {t for t in words_of(text) if len(t) >= 3 and t not in stops} | cues.unspaced_bigrams(text)


def _score(b: Block, previous: Block | None, following: Block | None, tokens: list[str] | None,
           language: str | None, stops: frozenset[str], site_lines: frozenset[str]) -> LineScore:
    if b.cls == FURNITURE:
        hit = b.furniture
        if hit.closes or hit.truncates:
            return LineScore(-CLOSING_COST, f"furniture {hit.kind}, ends an article")
        if hit.kind in ("repeated_line", "repeated_across_pages"):
            return LineScore(-REPEATED_COST, f"furniture {hit.kind}: a list's or a template's line")
        return LineScore(-FURNITURE_COST, f"furniture {hit.kind}")
    if b.cls in ANCHORS or b.cls == "domain":
        return LineScore(-ANCHOR_COST, b.cls)
    if b.caption:
        return LineScore(-HEADING_COST, "a photo's caption, over its credit")
    text = b.shape
    n = length_in_words(text)
    if b.cls == HEADING or n < SHORT_WORDS:
        if b.cls == HEADING and following is not None and (following.cls in ANCHORS or following.person):
            return LineScore(-HEADER_COST, "heading over a byline or date: a header")
        if n >= QUESTION_WORDS and text.endswith(("?", "?”", "?\"")) or b.cls == PROSE:
            return LineScore(0.0, "a question" if b.cls == HEADING else "a short sentence")
        if _marked_up_heading(b) and following is not None and following.cls == PROSE:
            # a Markdown heading ('### What changes') over a paragraph: a section of the text
            return LineScore(-SECTION_COST, "a marked-up sub-heading over text")
        return LineScore(-HEADING_COST, "heading" if b.cls == HEADING else "short line")
    # running text: about a point per word, less when it reads like a list or stands alone
    if len(text) > MAX_WORD_CHARS * n * WORD_CHARS_SHARE / 2 and text.isascii() \
            and sum(len(w) for w in text.split() if len(w) <= MAX_WORD_CHARS) < WORD_CHARS_SHARE * len(text):
        return LineScore(-n / 2, f"{n} words, mostly strings that are not words: not text")
    share = None
    # the function-word share needs words between spaces: not for Chinese, Japanese or Thai text
    spaced = text.isascii() or n <= 2 * len(text.split())     # (ASCII: n is its number of words)
    if language is not None and tokens and spaced:
        share = len([t for t in tokens if t in stops]) / len(tokens)
    if share is not None and share < LOW_STOP_SHARE:
        if cues.ends_sentence(text) and previous is not None and previous.cls == PROSE \
                and length_in_words(previous.shape) >= SHORT_WORDS:
            # a terse sentence in the flow of the text ('Opozycja krytykuje ustawę za zbyt długie terminy.'): a
            # list's items do not close with a full stop under a paragraph; half its words, as a short sentence
            return LineScore(n / 2, f"{n} words, few function words ({share:.2f}), a sentence under a paragraph")
        return LineScore(-n / 2, f"{n} words, few function words ({share:.2f}): a list")
    if cues.glued_headline(text, stops) is not None:
        return LineScore(-HEADING_COST, f"{n} words: a headline run together with its summary, a teaser")
    capitalised = capitalised_share(text) if n <= TITLE_CASE_MAX_WORDS else None
    if capitalised is not None and capitalised >= TITLE_CASE_SHARE:
        return LineScore(-HEADING_COST, f"{n} words in title case ({capitalised:.2f}): a headline or a menu")
    if text.endswith(CUT_ENDS) and not _cut_paragraph(previous, following):
        return LineScore(-HEADING_COST, f"{n} words cut off with an ellipsis: a teaser")
    sentence = (cues.ends_sentence(text) or text.endswith((".\"", ".”", "?”", "!”", ":")))
    value = float(n) if sentence or n >= 20 else n / 2
    reason = f"{n} words" + ("" if share is None else f", function words {share:.2f}") + ("" if sentence else ", no sentence end")
    # a paragraph under a marked-up sub-heading opens a section of the text: not alone
    isolated = (previous is None or (previous.cls != PROSE and not _marked_up_heading(previous))) \
        and (following is None or following.cls != PROSE)
    if isolated and n <= ISOLATED_MAX_WORDS:
        value *= ISOLATED_FACTOR
        reason += ", alone between non-text lines"
    return LineScore(value, reason)


def _cut_paragraph(previous: Block | None, following: Block | None) -> bool:
    """Whether a paragraph ending in an ellipsis is where a paywall or a feed cuts an article's text: it follows a
    paragraph of that text (prose not cut off itself) and no other cut line follows it (a list of teasers' lines,
    each cut off, is no article's text)."""
    return previous is not None and previous.cls == PROSE and not previous.shape.endswith(CUT_ENDS) \
        and not (following is not None and following.cls == PROSE and following.shape.endswith(CUT_ENDS))


def _marked_up_heading(b: Block) -> bool:
    """A heading the page marks up as one (Markdown '## …' or a setext underline): its shape is not its text."""
    return b.cls == HEADING and b.shape != b.text


def capitalised_share(text: str) -> float | None:
    """Share of the words after the first that start with a capital letter; None for scripts without case."""
    words = [w.lstrip("\"'“‘«([") for w in text.split()[1:]]
    cased = [w for w in words if w[:1].isalpha() and (w[:1].isupper() or w[:1].islower())]
    if len(cased) < 4:
        return None
    return sum(1 for w in cased if w[:1].isupper()) / len(cased)


def best_run(values: list[float]) -> tuple[int, int, float] | None:
    """(first, last, sum) of the maximum-sum contiguous run (Kadane's algorithm); None when no value is
    positive. Ties go to the earliest run."""
    best: tuple[int, int, float] | None = None
    start, total = 0, 0.0
    for k, value in enumerate(values):
        if total <= 0:
            start, total = k, value
        else:
            total += value
        if total > 0 and (best is None or total > best[2]):
            best = (start, k, total)
    return best
