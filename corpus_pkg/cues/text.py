"""Line shapes that hold in any script: spacing, markup, headings, prose, word counts, URLs.

Nothing here assumes spaces between words or letter case: a Chinese headline is short and does not end
like a sentence, an Arabic one has no capitals, and both are headings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The marks that end a sentence, in every script: the one table every test of a sentence's end reads.
#: Full stops: Latin; CJK ideographic, full-width and half-width; Devanagari and Bengali danda and double danda;
#: Urdu; Ethiopic; Burmese; Khmer (two); Armenian; Tibetan. (Thai and Lao end a sentence with no mark.)
FULL_STOPS = ".。．｡।॥۔።။។៕։།"
#: Question and exclamation marks: Latin, full-width, Arabic, Ethiopic.
QUESTION_MARKS = "!?！？؟፧"
OTHER_SENTENCE_ENDS = QUESTION_MARKS + "…"
#: Closing quotes and brackets that may follow a sentence's end: English '."', CJK '。」', French '. »' (after a
#: space), German '.“', Danish and Swedish '.«'.
CLOSING_QUOTES = "\"”’'」』»«›‹“‘"
CLOSING_MARKS = CLOSING_QUOTES + ")]》"
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
QUOTE_SPACES = " \u00a0\u202f"    # French typography puts a (narrow) no-break space before '»'
_CLOSING = f"(?:[{QUOTE_SPACES}]?[{re.escape(CLOSING_MARKS)}])*"
SENTENCE_END = re.compile(f"[{re.escape(FULL_STOPS + OTHER_SENTENCE_ENDS)}]{_CLOSING}$")
QUESTION_END = re.compile(f"[{re.escape(QUESTION_MARKS)}]{_CLOSING}$")
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}[\"”’')\]]*$|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Co|Inc|Ltd|vs|etc)\.$")
SENTENCE_END_CHARS = FULL_STOPS + OTHER_SENTENCE_ENDS + CLOSING_MARKS + QUOTE_SPACES + "\n"
ABBREVIATION_END_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.\"”’')]\n"
URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
DOMAIN = re.compile(r"(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|info|news|press|ir|ru|uk|co|us|in|io|tv|su|de|fr|eu|lb|cn|me)\b", re.I)
# Scripts written without spaces between words: Han ideographs and Japanese kana. (Korean writes spaces;
# Thai and Lao do not, and are counted as whitespace tokens: a documented limit of word_count.)
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
SPACELESS_ALPHABET = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")   # Thai, Lao, Burmese, Khmer
UNMARKED_SCRIPTS = re.compile(r"[\u0e00-\u0eff]")      # Thai, Lao: no mark ends a sentence (Burmese, Khmer have one)
WITHOUT_SPACES = re.compile(SPACELESS_ALPHABET.pattern[:-1] + UNSPACED.pattern[1:])    # either of the two, one scan
ALPHABET_CHARS_PER_WORD = 6
SPACELESS_HEADING_WORDS = 12     # a Thai line longer than this many word equivalents (72 characters) is text
HIRAGANA_PAIR = re.compile(r"[\u3040-\u309f]{2}")
UNSPACED_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]{2,}")
MARKUP = re.compile(r"^(?:>\s?)*#{1,6}\s+|^(?:>\s?)+|^[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}$")
# What Markdown writers add that is not text: pandoc's attribute blocks ('# Headline {#id .class}', '[5 March
# 2024]{.date}': a bracketed span keeps its text), crawl4ai's citation marks ('By Jane Roe⟨1⟩') and the backslash
# that escapes a punctuation mark ('costs \$2 million', 'church\_square': CommonMark's escapable characters)
ATTRIBUTES = r"\{(?:\s*(?:[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s{}\"']+)))+\s*\}"
TOOL_MARKS = re.compile(rf"(?<!!)\[(?P<span>[^\[\]]*)\]{ATTRIBUTES}|\s*{ATTRIBUTES}|⟨\d+⟩|\\(?P<escaped>[!-/:-@\[-`{{-~])")
PUNCTUATION_TOKEN = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")
EMPHASIS = re.compile(r"\*\*|__")
#: Single-mark emphasis inside a line, '*x*' or '_x_' ('By *Jane Roe*'); an identifier's underscores are none.
EMPHASIS_SPAN = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)")
#: Paired strong emphasis, '**x**' or '__x__' (an identifier's underscores are none); a list item's bullet ('*   x').
STRONG_SPAN = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
LIST_BULLET = re.compile(r"^[*+-]\s+(?=\S)")
LINK = re.compile(r"(?<!!)\[([^\[\]]*)\]\((https?://[^\s()]*(?:\([^\s()]*\))?[^\s()]*)(?:\s+\"[^\"]*\")?\)")


LETTER_BEFORE = r"(?<![^\W\d_])"      # not preceded by a letter (digits and punctuation may touch a word)
LETTER_AFTER = r"(?![^\W\d_])"


def word_pattern(words: list[str], open_end: bool = False) -> str:
    """An alternation of the words, longest first, each a whole word: no letter may touch it, except
    where the word itself is written in a script without spaces (Chinese '记者张三'), and after it when `open_end`
    (the pattern that follows decides). Words sharing their boundaries share one lookaround, so the engine rejects
    most positions at once."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True):
        left = not UNSPACED.match(word[0])
        right = not open_end and not UNSPACED.match(word[-1]) and word[-1].isalnum()
        groups.setdefault((left, right), []).append(re.escape(word).replace(r"\ ", r"\s+"))
    parts = [(LETTER_BEFORE if left else "") + "(?:" + "|".join(alternatives) + ")" + (LETTER_AFTER if right else "")
             for (left, right), alternatives in groups.items()]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def normalise_space(text: str) -> str:
    """No-break and other Unicode spaces become one ordinary space; ends trimmed."""
    # str.split() splits on exactly the characters a regex `\s` matches (str.isspace), and is several times faster;
    # ASCII text is its own NFC form and holds no no-break space: only its spacing changes
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " " \
            and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        # already normal, as most lines are (C-level tests, no split and join): every character str.split()
        # splits on but the ASCII space is a control or separator character (tab, no-break space, line separator),
        # which isprintable() refuses; so its only spaces are single ones between words
        return text
    if text.isascii():
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


QUOTES_GONE = str.maketrans("", "", "\"'“”‘’«»`´")
#: What separates the parts of a page's title ('Headline | Site', 'Site - Headline', 'Section » Headline')
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")


def site_name_readings(title: str) -> list[tuple[str, str]]:
    """(site name, headline) readings of a title printed with its site's name, as a page's `<title>`, a reader
    tool's title or a saved page's file name print it: the last part and what precedes it ('Headline | Section |
    Site'), then the first part and what follows it ('Site - Headline'). None when no `TITLE_SEPARATORS` is
    printed. Which reading, if any, names the site is the caller's to confirm (a registry, the page's footer)."""
    separators = list(TITLE_SEPARATORS.finditer(title))
    if not separators:
        return []
    return [(title[separators[-1].end():], title[: separators[-1].start()]),
            (title[: separators[0].start()], title[separators[0].end():])]
NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=8192)      # asked of one heading by several passes of a page, and of a menu line on every page
def comparison_key(text: str) -> str:
    """A loose key for 'is this the same heading': case, quotes, dashes and spacing ignored."""
    # (deleting the quotes with str.translate is what re.sub of their class with "" does)
    text = normalise_space(text).casefold().translate(QUOTES_GONE)
    return NOT_WORD.sub(" ", text).strip()


@lru_cache(maxsize=1024)      # a line is counted by several cues in a row
def word_count(text: str) -> int:
    """Words in a text: whitespace-separated tokens, each Han ideograph or kana counting as one word.

    Chinese and Japanese are written without spaces; counting their characters is the usual measure of
    length for them (news agencies count characters), so a 300-character Chinese paragraph counts 300.
    """
    n = len(text.split())
    if text.isascii() or not UNSPACED.search(text):
        return n
    unspaced = len(UNSPACED.findall(text))
    return len(UNSPACED.sub(" ", text).split()) + unspaced


def unbracketed(text: str) -> str:
    """A line printed whole in round brackets without them ('（责任编辑：孙丽）', '（来源：华南日报）': a credit or a source
    under the text); any other line as it is."""
    return text[1:-1].strip() if text[:1] in "(（" and text[-1:] in ")）" else text


def unspaced_bigrams(text: str) -> set[str]:
    """The pairs of neighbouring Han or kana characters of `text` ('中美合作' -> {'中美', '美合', '合作'}):
    the units that stand for words when comparing Chinese or Japanese texts, which have no spaces
    (character bigrams, as in the NTCIR and TREC Chinese retrieval baselines); a pair of hiragana is
    left out."""
    pairs: set[str] = set()
    if text.isascii():      # (the echo test asks this of every English line it compares)
        return pairs
    for run in UNSPACED_RUN.findall(text):
        # two hiragana are mostly grammar (particles, endings): Japanese's function words
        pairs.update(run[i : i + 2] for i in range(len(run) - 1) if not HIRAGANA_PAIR.fullmatch(run[i : i + 2]))
    return pairs


@lru_cache(maxsize=1024)      # asked of one line by several cues in a row (heading, prose, label tests)
def word_equivalents(text: str) -> int:
    """A line's length in English-word equivalents, for thresholds on headline and label length: its
    whitespace-separated tokens; for Chinese and Japanese half of `word_count` (a headline of 30
    characters says about what 15 English words say); for Thai, Lao, Burmese and Khmer, which put no
    space between words, characters / ALPHABET_CHARS_PER_WORD."""
    # `word_count` is len(text.split()) for a text without Han or kana (UNSPACED is part of WITHOUT_SPACES), and is
    # remembered: a line's whitespace tokens are counted once for both (the classifier asks both of every line)
    if text.isascii() or not WITHOUT_SPACES.search(text):
        return word_count(text)
    if UNSPACED.search(text):
        return (word_count(text) + 1) // 2
    if SPACELESS_ALPHABET.search(text):
        return max(word_count(text), len(text) // ALPHABET_CHARS_PER_WORD)
    return word_count(text)


def content_words(text: str, limit: int = 16) -> int:
    """Words as `word_count` counts them, not counting tokens of punctuation alone ('.', '|', '–'); exact up
    to `limit`, above it at least `limit + 1` (a caller asks only whether a line is short)."""
    n = word_count(text)
    if n <= limit or n > 3 * limit:
        return n
    return n - len(PUNCTUATION_TOKEN.findall(text))


def reduce_links(text: str) -> tuple[str, list[str]]:
    """Markdown links `[text](url)` reduced to their text; returns the text and the URLs, in order."""
    if "](" not in text:
        return text, []
    urls: list[str] = []

    def keep(m: re.Match) -> str:
        urls.append(m.group(2))
        return m.group(1)

    return LINK.sub(keep, text), urls


def without_tool_marks(text: str) -> str:
    """`text` without the marks Markdown writers add that are not text (`TOOL_MARKS`): 'Headline {#id .headline}'
    -> 'Headline', '[5 March 2024]{.date}' -> '5 March 2024', 'said⟨2⟩.' -> 'said.', '\\$2' -> '$2'."""
    if "{" not in text and "⟨" not in text and "\\" not in text:
        return text
    return TOOL_MARKS.sub(lambda m: m["span"] or m["escaped"] or "", text)


def without_markup(text: str) -> str:
    """'# Title' -> 'Title', '*By X*' -> 'By X', 'By [X](url)' -> 'By X', 'By *X*, _Y_' -> 'By X, Y', '> quoted' ->
    'quoted': the markup Markdown renderers leave, removed for classifying the line (image lines stay: they are
    furniture)."""
    text = without_tool_marks(text)
    if "](" in text:
        text = reduce_links(text)[0]
    if "**" in text or "__" in text:
        text = EMPHASIS.sub("", text)
    if "*" in text or "_" in text:
        text = EMPHASIS_SPAN.sub(lambda m: m[1] or m[2], text)
    if not text.startswith(("#", "*", "_", ">")) and not text.rstrip("\n").endswith(("*", "_")):
        return text.strip()  # MARKUP needs markup at one end; searching every line for it is costly
    return MARKUP.sub("", text).strip()


def without_emphasis(text: str) -> str:
    """A paragraph of a page written in Markdown without the marks of its emphasis and of its list items: 'power
    *forty thousand* homes' -> 'power forty thousand homes', '**Стоимость** проекта' -> 'Стоимость проекта',
    '* Twelve turbines' -> 'Twelve turbines'. Only paired marks go (a lone '*' or '_' is text), and no word changes.
    Never for a page that is not Markdown: its asterisks are what it prints."""
    if "*" not in text and "_" not in text and not text.startswith(("-", "+")):
        return text
    text = LIST_BULLET.sub("", text)
    if "**" in text or "__" in text:
        text = STRONG_SPAN.sub(lambda m: m[1] or m[2], text)
    return EMPHASIS_SPAN.sub(lambda m: m[1] or m[2], text) if "*" in text or "_" in text else text


STANDFIRST_MIN_WORDS = 15     # in sentence-case languages, a heading this long under a headline may be its standfirst


def is_standfirst(text: str, above: str = "", title_case: bool = True) -> bool:
    """Whether a long heading under the heading `above` is a standfirst (dek), not the headline.

    In a language whose headlines are in title case, a sentence-case heading is one ('Villagers say the supply
    has still not arrived'); in the others headline and standfirst share their case (and a masthead above a
    headline looks like a headline), so it is one when it ends like a sentence, or is long and twice as long as
    `above`."""
    tokens = [t for t in text.split() if t[:1].isalpha()]
    if len(tokens) < 8:
        return False
    if not title_case:
        words = len(text.split())
        return ends_sentence(text) or (words >= STANDFIRST_MIN_WORDS and words >= 2 * len(above.split()))
    capitalised = sum(1 for t in tokens[1:] if t[0].isupper() and len(t) > 3)
    return capitalised <= 0.2 * (len(tokens) - 1)


def ends_sentence(text: str) -> bool:
    """Ends like a sentence (a mark of FULL_STOPS or OTHER_SENTENCE_ENDS: '.', '!', '?', '…', '。', '।', '۔', '؟',
    with closing quotes: '."', '. »', '.“'; in Greek text ';', its question mark), not like 'U.S.' or 'Mr.'."""
    if text[-1:] == ";":
        # the Greek question mark (U+037E) is ';' once NFC-normalised: a question in Greek text, a clause elsewhere
        return not text.isascii() and GREEK.search(text) is not None
    # Both patterns are anchored at the end and match only characters of SENTENCE_END_CHARS (resp.
    # ABBREVIATION_END_CHARS): a match lies in the line's trailing run of them, so each is searched from
    # where that run starts, not from the line's start (search(text, pos) still sees the character before
    # `pos` for '\b').
    return bool(SENTENCE_END.search(text, len(text.rstrip(SENTENCE_END_CHARS)))) \
        and not ABBREVIATION_END.search(text, len(text.rstrip(ABBREVIATION_END_CHARS)))


def starts_like_heading(first: str) -> bool:
    """A heading starts with a capital, a digit, or a letter of a script without letter case."""
    return first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())


def is_heading_like(text: str) -> bool:
    """Short, capitalised (or in a script without case), not ending like a sentence: a headline,
    sub-heading, name or label."""
    n = word_equivalents(text)
    if n == 0 or n > 20 or len(text) > 200 or (n >= 6 and text.endswith((":", "：", "："))):
        return False
    first = text.lstrip("\"'“‘«([「『《")[:1]
    if first and not starts_like_heading(first):
        return False
    if QUESTION_END.search(text, len(text.rstrip(SENTENCE_END_CHARS))):
        return n <= 15 and not re.search(r"[.!?]\s+[A-Z]|[。！？]", text[:-2])
    if text.endswith((",", ";", "，", "；", "،", "、")):
        return False
    if not text.isascii() and SPACELESS_ALPHABET.search(text) and (UNMARKED_SCRIPTS.search(text) or not ends_sentence(text)):
        # Thai and Lao end no sentence with a mark (a dot ends an abbreviation: 'น.'): only length tells; Burmese and
        # Khmer end one with '။', '។'
        return n <= SPACELESS_HEADING_WORDS
    return not ends_sentence(text) or n <= 2 and not text.endswith("…")


GLUE_AFTER = "?!)”0123456789"   # a glued sentence may follow a digit or closing punctuation directly
GLUED_HEADLINE_WORDS = (3, 20)   # words of the headline part of a glued teaser ...
GLUED_SUMMARY_WORDS = (5, 45)    # ... and of the summary after it: a sentence or two, not a paragraph
SUMMARY_CAPITALISED = 0.5        # a summary is running text: fewer of its words are capitalised


def glued_headline(text: str, stop_words: frozenset[str] = frozenset()) -> str | None:
    """The headline part of a teaser printed as one line with its summary, the two run together with no
    space ('Storm Floods Coastal TownsResidents were told to leave on Monday ...'), else None.

    Rendering a page to text joins adjacent inline elements, so a list of other articles (a mega-menu,
    'Latest headlines') becomes lines of headline-plus-summary that read like paragraphs. The sign is a
    word that ends in lower case (two letters: 'McKinley' is a name), a digit or closing punctuation
    and goes straight on with a capitalised word, after a prefix of 3–20 words that are all
    capitalised except `stop_words` (the page language's function words, which title case leaves in
    lower case), at least 3 of them capitalised words that are not stop words; the summary after it
    is 5–45 words of running text (fewer than half capitalised). Scripts without letter case never
    match.
    """
    low, high = GLUED_HEADLINE_WORDS
    # the first high + 1 words are all the loop reads until a glue is found (then the whole line is split): a
    # paragraph is not split whole to reject it at its first words in lower case
    for index, word in enumerate(text.split(maxsplit=high + 1)[: high + 1]):
        if "#" in word or "@" in word:
            return None
        first = word.lstrip("\"'“‘«([")[:1]
        if first.isalpha() and not first.isupper() and word.casefold() not in stop_words:
            return None     # a word in lower case: running text, not a title-case headline
        glue = _glue_position(word)
        if glue is not None and index + 1 >= low:
            words = text.split()
            headline = words[:index] + [word[:glue]]
            named = sum(1 for w in headline if w.lstrip("\"'“‘«([")[:1].isupper() and w.casefold() not in stop_words)
            if named < low:
                return None     # 'A new YouGov survey ...': a sentence opening with a camel-case name
            summary = [word[glue:]] + words[index + 1 :]
            shortest, longest = GLUED_SUMMARY_WORDS
            capitalised = sum(1 for w in summary[1:] if w[:1].isupper()) / max(len(summary) - 1, 1)
            if shortest <= len(summary) <= longest and capitalised < SUMMARY_CAPITALISED:
                return " ".join(headline)
            return None     # a name written in camel case ('TripAdvisor'), or a long paragraph
    return None


def _glue_position(word: str) -> int | None:
    """Where a capitalised word starts inside `word` without a space ('TownsResidents' -> 5,
    '2019Residents' -> 4), or None."""
    for i in range(1, len(word)):
        # a capital and lower case ('Residents'), or a one-letter word at the end ('SteakhouseA')
        if word[i].isupper() and (i + 1 == len(word) or word[i + 1].islower()):
            before = word[i - 1]
            if (before.islower() and word[i - 2 : i - 1].islower()) or (before in GLUE_AFTER and i >= 2):
                return i
    return None


def ends_quoted_sentence(text: str) -> bool:
    """Ends like a sentence inside quotes ('The mayor asked: "Who will pay?"', '« Qui va payer ? »', '„Wer zahlt?“'):
    reported speech, running text even when shaped as a headline (a short question)."""
    return ends_sentence(text) and text.rstrip(QUOTE_SPACES)[-1:] in CLOSING_QUOTES


def marks_no_sentence_end(text: str) -> bool:
    """Written in a script that ends a sentence with no mark (Thai, Lao): whether a line of it is a paragraph or a
    heading its length and place tell, not its last character."""
    return not text.isascii() and UNMARKED_SCRIPTS.search(text) is not None


def is_prose(text: str) -> bool:
    """Running text: a sentence or more."""
    n = word_count(text) if not text.isascii() and UNSPACED.search(text) else word_equivalents(text)
    return n > 20 or (n >= 4 and not is_heading_like(text))


def find_urls(text: str) -> list[str]:
    if "://" not in text:       # every URL holds it (':' and '/' have no other case): no search of the line
        return []
    return [u.rstrip(".,;:") for u in URL.findall(text)]


def bare_domain(text: str) -> str | None:
    """The domain when the whole line is a bare domain ('counterpunch.org')."""
    text = text.strip().rstrip("/.")
    if " " in text:             # DOMAIN matches no space: a line of words is not tried
        return None
    m = DOMAIN.fullmatch(text)
    return m.group(0).lower() if m else None


def url_domain(url: str) -> str:
    return re.sub(r"^https?://", "", url, flags=re.I).split("/")[0].lower().removeprefix("www.")
