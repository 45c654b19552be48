"""Issue 15: a furniture rule is not tried on a line that cannot match it (`screens.line_screen`), and that
changes no answer.

The screen says a whole-line match needs at most so many characters and, on an ASCII line, some literal
strings; here every screened match equals the plain one (each rule's pattern tried in order) on the lines of
the seeds, of a generated and of a seed-like corpus, and on lines written to hit the edges (case, the Kelvin
sign that matches 'k', lines one character longer than a pattern allows); and for made-up patterns, no line
that a pattern matches is ever screened out. No test here times anything.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_pkg import cues
from corpus_pkg.furniture import match_furniture
from corpus_pkg.profiles import FurnitureRule, load_profile, _merge, ProfileFile
from corpus_pkg.screens import CompiledRule, line_screen, literal_view
from corpus_pkg.read import read_page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import seedlike_corpus  # noqa: E402


def plain_match(text: str, profile) -> tuple[str, dict] | None:
    for compiled in profile.line_rules():
        m = compiled.regex.fullmatch(text)
        if m:
            return compiled.rule.kind, {k: v.strip() for k, v in m.groupdict().items() if v is not None}
    return None


def screened_match(text: str, profile) -> tuple[str, dict] | None:
    hit = match_furniture(text, profile)
    return None if hit is None else (hit.kind, hit.groups)


WRITTEN = [
    "We use cookies to improve your experience. By continuing you accept our policy.",
    "WE USE COOKIES TO IMPROVE YOUR EXPERIENCE. BY CONTINUING YOU ACCEPT OUR POLICY.",
    "We use \u212aookies? No: we use cookies, and you accept the policy.",     # Kelvin sign
    "A soldier walks past the ruins of the market (Photo: Reuters)",
    "A soldier walks past the ruins of the market in the old city. Photo credit: Jane Roe",
    "A soldier walks past the ruins of the market (Photo: Reuters) and more text after it.",
    "Click here to enlarge", "The map of the front line, click to enlarge.",
    "May 3, 2021 posted by admin | News, World | Iran, Iraq | Leave a comment",
    "© 2024 The Daily Example. All rights reserved.", "Privacy Policy | Terms of Use | Contact",
    "Ünïcödé cookies: accept", "Share this: Facebook Twitter", "Related articles", "",
]


@pytest.fixture(scope="module")
def lines(tmp_path_factory) -> list[str]:
    tmp = tmp_path_factory.mktemp("screen_corpora")
    generate_corpus.generate(tmp / "generated", 120, seed=3)
    seedlike_corpus.generate(tmp / "seedlike", 8, seed=2)
    found: list[str] = []
    for folder in (ROOT / "seeds", tmp / "generated" / "pages", tmp / "seedlike" / "pages"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found += [cues.normalise_space(line) for line in read_page(path, folder)[0].lines]
    return list(dict.fromkeys(found + WRITTEN))


def test_screened_furniture_equals_every_rule_tried(lines):
    profile = load_profile()
    # the screen is in force: some rules have a width bound, some have literals to look for, most a first character
    assert any(r.needs for r in profile.line_rules()) and any(r.max_chars < sys.maxsize for r in profile.line_rules())
    assert len(profile.line_rules_opening("q")) < len(profile.line_rules()) / 2
    assert profile.line_rules_opening("\u00e9") == tuple(profile.line_rules())
    hits = 0
    for text in lines:
        plain = plain_match(text, profile)
        hits += plain is not None
        assert screened_match(text, profile) == plain, text
    assert hits > 20


def test_a_line_one_character_too_long_is_screened_and_does_not_match():
    profile = load_profile()
    for compiled in profile.line_rules():
        if compiled.max_chars < 1000:
            text = "a" * (compiled.max_chars + 1)
            assert compiled.regex.fullmatch(text) is None


PATTERNS = [r"(share|tweet) (this|it)", r".{0,50}\bcookies?\b.{0,50}", r".{3,20}(photo|image)s?:\s*\w+",
            r"(?:foo|.{0,10}bar)+baz", r".*(ab|cd)(ef)?gh.*", r".{0,30}(x{2,3}|y)z", r"[a-c]{2,}|.{0,5}kk",
            r"(?P<a>.{1,9}?)\s+by\b.*", r".*\u212a.*", r".*(caf\u00e9|tea).*", r".{0,40}(?=.*q)w.*",
            r"\d*(ab|\u212a)\w*", r"[^a-f]+z?", r"(?-i:K)[a-z]*", r"(?=x)?\bk?(e|1)+.*", r"(x|)?y*(:|s)+.*"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.lists(st.sampled_from(
    ["share", "this", " ", "photo", "s:", "cookie", "bar", "baz", "foo", "ab", "cd", "ef", "gh", "x", "y", "z",
     "kk", "K", "k", "\u212a", "by", "caf\u00e9", "E", "7", "-", "CAFE", "tea", "q", "w", "é", "IMAGE", ":", "1"]), max_size=14))
def test_no_line_a_pattern_matches_is_screened_out(pattern, pieces):
    text = "".join(pieces)
    regex = re.compile(pattern, re.IGNORECASE)
    max_chars, needs, first_chars = line_screen(regex)
    if regex.fullmatch(text):
        assert len(text) <= max_chars
        # in any script: the literals are looked for as the pattern compares characters (the Kelvin sign is a 'k')
        assert not CompiledRule(FurnitureRule(kind="k", pattern=pattern), regex, "t", max_chars, needs).lacks_literals(literal_view(text))
        if text.isascii():
            assert first_chars is None or text[:1].lower() in first_chars


def test_user_rules_get_a_screen_and_the_same_answers():
    rules = [FurnitureRule(kind="promo", pattern=r".{0,80}\bsubscribe (now|today)\b.{0,80}"),
             FurnitureRule(kind="promo2", pattern=r"(.{0,20}gift|.{0,20}offer)s?!?")]
    profile = _merge([("user.toml", ProfileFile(furniture=rules))])
    assert [r.needs for r in profile.line_rules()] == [(("subscribe ",), ("now", "today")), (("gift", "offer"),)]
    for text in ["Subscribe now", "Please SUBSCRIBE TODAY for more", "Gifts!", "a special offer", "a special offer?",
                 "no deal", "subscribe later"]:
        assert screened_match(text, profile) == plain_match(text, profile), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,'\t\n\r\x0b\x0c\x1c\x1f\x85") + ["\u00a0", "e\u0301", "\u00e9"]),
                max_size=30).map("".join))
def test_normalise_space_fast_path_equals_the_plain_one(text):
    """ASCII text skips NFC and the no-break-space replacement: the answer is the plain path's."""
    import unicodedata

    assert cues.normalise_space(text) == " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def test_words_of_strips_punctuation_and_drops_empty_tokens():
    from corpus_pkg.segment.score import words_of

    assert words_of("“Hello,” she said -- (U.S.) ... don't") == ["hello", "she", "said", "u.s", "don't"]


def test_url_and_domain_shortcuts_give_the_regex_answers(lines):
    """find_urls skips a line without '://', bare_domain a line with a space: same answers as the patterns."""
    from corpus_pkg.cues import text as T

    for line in lines + ["see https://example.org/a.", "HTTP://EXAMPLE.COM", "counterpunch.org/", "www.rt.com",
                         "example. org", " rt.com "]:
        assert T.find_urls(line) == [u.rstrip(".,;:") for u in T.URL.findall(line)]
        m = T.DOMAIN.fullmatch(line.strip().rstrip("/."))
        assert T.bare_domain(line) == (m.group(0).lower() if m else None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["U", "S", ".", "Mr", "Dr", "etc", "vs", " ", "a", "é", "1", "_", "\"", "”", ")", "]",
                                 "!", "?", "…", "。", "」", "\n", "word", "Inc", "x."]), max_size=12).map("".join))
def test_ends_sentence_searched_from_the_tail_equals_the_whole_line_search(text):
    from corpus_pkg.cues import text as T

    assert T.ends_sentence(text) == (bool(T.SENTENCE_END.search(text)) and not T.ABBREVIATION_END.search(text))


def test_inline_markers_screened_equal_every_rule_searched(lines):
    from corpus_pkg.furniture import INLINE_MARKER_CHARS, strip_inline_markers

    profile = load_profile()
    assert all(r.needs for r in profile.inline_rules())

    def plain(text):
        offset = max(0, len(text) - INLINE_MARKER_CHARS)
        for compiled in profile.inline_rules():
            m = compiled.regex.search(text[offset:])
            if m and offset + m.start() > 0:
                return text[: offset + m.start()].rstrip(), True
        return text, False

    written = ["The talks resumed on Monday … [Read More…]", "The talks resumed. [CONTINUE READING]",
               "The talks resumed. [\u2026more\u2026] ..", "[more]", "Ünïcödé text [read more]", "no marker [here]"]
    cut = 0
    for text in lines + written:
        assert strip_inline_markers(text, profile) == plain(text), text
        cut += plain(text)[1]
    assert cut >= 4


def test_the_characters_lower_case_misreads_are_those_the_engine_says():
    """`screens._UNSURE_LOWER`: every character other than ASCII that IGNORECASE matches with an ASCII letter,
    or whose lower case holds an ASCII character, unless its lower case is exactly the letter it matches; and
    no character lower-cases to an uncased one other than itself (the screen's reading of '©')."""
    from corpus_pkg import screens

    every = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    matched = set(re.findall("[a-z]", every, re.IGNORECASE))
    lowers_to_ascii = {x for x in every if any(ch.isascii() for ch in x.lower())}
    unsure = {x for x in matched | lowers_to_ascii
              if not (len(x.lower()) == 1 and x.lower().isascii() and re.fullmatch(re.escape(x.lower()), x, re.IGNORECASE))}
    assert unsure == set(screens._UNSURE_LOWER) and len(screens._UNSURE_LOWER) == 3
    assert not [x for x in every if len(x.lower()) == 1 and x.lower() != x
                and x.lower().lower() == x.lower() == x.lower().upper()]


JOIN_RULES = [r"(share|tweet) (this|it)", r"(?P<who>\w+) posted by .*", r"(\w+) and \1", r"menu|home",
              r".{0,30}\bcookies?\b.{0,30}", r"(?x) foo \s bar", r"(?-i:Kk)+", r"(a|ab)(c|bcd)(d*)", r"[\w ]{1,12}:",
              r"(a)?(?(1)x|y)z?", r".*\u212a.*", r"(?=[^.]{0,20}$).*(via|\|) reuters"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(range(len(JOIN_RULES))), min_size=1, max_size=6, unique=True),
       st.lists(st.sampled_from(["share", "this", " ", "it", "Tweet", "jo", "posted by", "x", "and", "menu", "Home",
                                 "cookie", "s", "foo bar", "Kk", "kk", "a", "b", "c", "d", ":", "z", "y", "\u212a",
                                 "via", "|", "REUTERS", "İ", "é", "."]), max_size=10).map("".join))
def test_joined_rules_answer_as_the_rules_one_by_one(chosen, text):
    """A profile's rules joined in one pattern (`screens.LineRules`; rules with group names, references to
    groups or flags of their own stay apart) give the first rule, in order, that matches a line: the answer of
    the rules tried one by one."""
    rules = [FurnitureRule(kind=f"k{k}", pattern=JOIN_RULES[k]) for k in chosen]
    profile = _merge([("user.toml", ProfileFile(furniture=rules))])
    assert screened_match(text, profile) == plain_match(text, profile), text
    group = profile.line_rules_for(text[:1])
    assert [r.rule.kind for r in group.rules if not any(r is a for a in group.apart)] == \
        [r.rule.kind for r in group.rules if not r.needs and not r.regex.groupindex and "\\1" not in r.regex.pattern
         and "(?(" not in r.regex.pattern and "(?x)" not in r.regex.pattern]


def test_builtin_rules_are_joined():
    profile = load_profile()
    group = profile.line_rules_for("s")
    assert group.joined is not None and len(group.apart) < len(group.rules) / 2
