"""What a furniture pattern needs of a line, read off the pattern itself: a compiled rule with its screens
(`CompiledRule`), the screen of a set of line rules joined in one pattern (`LineRules`), and `line_screen`, which
derives them from Python's own parse of the pattern. `furniture.match_furniture` does not try a rule on a line
without what it needs; each screen's docstring says why skipping the rule is exact."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .profiles import FurnitureRule


@dataclass(frozen=True)
class CompiledRule:
    """A furniture rule's compiled pattern, and for a line rule what a line needs for a whole-line match (see
    `line_screen`): `furniture.match_furniture` does not try the pattern on a line without it."""

    rule: FurnitureRule
    regex: re.Pattern
    source: str
    max_chars: int = sys.maxsize                # no line longer than this matches the whole pattern
    needs: tuple[tuple[str, ...], ...] = ()     # a matching line holds one string of each (as the pattern compares)
    first_chars: frozenset[str] | None = None   # lower-case ASCII characters a matching line can open with (None: any)

    def __post_init__(self):
        # `needs` as the two views of a line the screen reads (`literal_view`) compare them: on an ASCII line
        # each literal in the lower-case ASCII characters it matches (a literal no ASCII text holds is left out:
        # a clause left empty says the rule matches no ASCII line); on another line, the clauses whose literals
        # are ASCII or uncased characters ('©'), in lower case (a clause with another literal is not asked).
        # The clause with the fewest strings is asked first (each string costs a scan of the text); the order
        # changes no answer: all must hold
        flags, needs = self.regex.flags, sorted(self.needs, key=len)
        object.__setattr__(self, "_ascii", tuple(
            tuple(a for w in clause if (a := _ascii_literal(w, flags)) is not None) for clause in needs))
        object.__setattr__(self, "_other", tuple(
            tuple(w.lower() for w in clause) for clause in needs
            if all(c.isascii() or c.lower() == c == c.upper() for w in clause for c in w)))

    def lacks_literals(self, view: tuple[str, bool] | None) -> bool:
        """Whether a line or tail, as `literal_view` gives it, holds no string of some clause of `needs`, so that
        the pattern cannot match it (`line_screen` says why). A view of None is never screened."""
        if view is None:
            return False
        lowered, is_ascii = view
        for clause in self._ascii if is_ascii else self._other:
            for w in clause:
                if w in lowered:
                    break
            else:
                return True
        return False


# The characters other than ASCII that IGNORECASE matches with an ASCII letter though their `lower()` is not
# that letter ('İ' lower-cases to two characters, 'ı' and 'ſ' to themselves; the Kelvin sign lower-cases to 'k'
# and is not one): on a line holding one, `literal in line.lower()` could miss what the pattern matches.
# Derived from the regex engine over every code point by tests/test_speed_furniture_screen.py. Three searches of
# one character each (`in`) cost a tenth of one search of their class with `re` on a line of 300 characters.
_UNSURE_LOWER = "\u0130\u0131\u017f"


def literal_view(text: str) -> tuple[str, bool] | None:
    """A line as `CompiledRule.lacks_literals` reads it: (its lower case, whether it is ASCII); None for a line
    whose lower case could hide a match (`_UNSURE_LOWER`).

    Exact: on an ASCII line, a pattern character matches a line character iff their lower cases are equal (the
    `_ascii` literals); on another line, an ASCII pattern character matches a line character iff the line
    character's `lower()` is that character's lower case, once the few characters for which that fails are
    ruled out, and an uncased one ('©': lower and upper case are itself) matches only itself, which is also
    the only character whose `lower()` it is; literals with other characters are not asked there."""
    if text.isascii():
        return text.lower(), True
    if _UNSURE_LOWER[0] in text or _UNSURE_LOWER[1] in text or _UNSURE_LOWER[2] in text:
        return None
    return text.lower(), False


def _ascii_literal(literal: str, flags: int) -> str | None:
    """`literal` in the lower-case ASCII characters its characters match with `flags`; None when one of them
    matches no ASCII character."""
    chars = [_ascii_equivalent(char, flags) for char in literal]
    return None if None in chars else "".join(chars)


@dataclass(frozen=True)
class LineRules:
    """The line rules, in order, that can match a line opening with one character (`Profile.line_rules_opening`),
    and a screen asking all of them at once: `joined`, one pattern of alternatives, one per rule without
    literals to look for (`CompiledRule.needs`) that can stand in an alternation, and `apart`, the others.

    Exact: `(?:A)|(?:B)|...` matches a whole line iff one of A, B, ... does (the engine tries every alternative,
    with all its backtracking, before it fails). So a line that `joined` does not match and that lacks the
    literals of every rule of `apart` (or is too long for it) matches no rule; any other line is tried against
    the rules one by one, in order, and the first that matches is the answer, as without the screen. One C-level
    match thus replaces a Python loop over 8-19 rules on the lines no rule matches (most lines)."""

    rules: tuple[CompiledRule, ...]
    joined: re.Pattern | None
    apart: tuple[CompiledRule, ...]

    @classmethod
    def of(cls, rules: tuple[CompiledRule, ...]) -> "LineRules":
        joinable = [r for r in rules if not r.needs and _joinable(r.regex)]
        joined = None
        if joinable:
            try:
                joined = re.compile("|".join(f"(?:{r.regex.pattern})" for r in joinable), re.IGNORECASE)
            except re.error:    # e.g. a future syntax that cannot stand in an alternation: every rule apart
                joinable = []
        return cls(rules, joined, tuple(r for r in rules if not any(r is j for j in joinable)))


def _joinable(regex: re.Pattern) -> bool:
    """Whether a rule's pattern means the same as one alternative of a joined pattern: no group names (two rules may
    use one), no references to groups (their numbers change once joined) and no inline flags applying to the whole
    pattern (only the IGNORECASE every rule is compiled with). Conservative: a back-slash and a digit anywhere
    count as a reference."""
    return (not regex.groupindex and regex.flags == _PLAIN_FLAGS
            and not re.search(r"\\[0-9]|\(\?P=|\(\?\(", regex.pattern))


_PLAIN_FLAGS = re.compile("", re.IGNORECASE).flags


def line_screen(regex: re.Pattern, searched: bool = False) -> tuple[int, tuple[tuple[str, ...], ...], frozenset[str] | None]:
    """What a whole line must have for `regex.fullmatch` to match: at most so many characters (the pattern's
    greatest width, sys.maxsize when unbounded), and literal strings the pattern requires: clauses, each a few
    strings one of which the line holds (no clauses when no literal is required, or when testing for them costs
    more than trying the pattern). Derived from Python's own parse of the pattern (`re._parser`, the parser
    `re.compile` uses); a construct it does not know gives no clause.

    Exact by construction: a clause holds a literal run of a sequence, or the body of a group or of a repeat
    of at least one; an alternation requires, for each choice of one clause per branch, one of the literals
    chosen. A literal is the pattern's own characters, looked for with the pattern's flags
    (`CompiledRule.lacks_literals`): the rules are compiled with IGNORECASE, so 'k' is found in 'K' and in the
    Kelvin sign as the pattern would match it, in any script. A line's possible first characters are those of the pattern's first
    element, and of the next one while an element can match nothing (a zero-width assertion is passed over,
    which only widens the set); a class's characters are found by asking the engine about each ASCII
    character. `searched`: the pattern is searched for (`regex.search`), not matched against the whole line:
    its literals are in the text searched whenever it matches, and they are always worth looking for."""
    try:
        from re import _parser
        parsed = _parser.parse(regex.pattern, regex.flags)
        width = parsed.getwidth()[1]
        # a pattern opening with a literal or a class fails at the line's first characters, faster than any
        # test of the line; one opening with '.' runs to the line's end and backtracks over every position
        worth = searched or _opens_with_any(parsed.data, _parser)
        clauses = _required_literals(parsed.data, _parser) if worth else []
        first = _first_chars(parsed, _parser, regex.flags)
    except Exception:       # a future Python's parser: no screen, the pattern is simply tried
        return sys.maxsize, (), None
    # the clause with the longest shortest literal first: likely the rarest
    clauses.sort(key=lambda clause: (-min(map(len, clause), default=99), len(clause)))
    return ((width if width < _parser.MAXREPEAT else sys.maxsize), tuple(tuple(sorted(c)) for c in clauses[:MAX_CLAUSES]),
            first)


MAX_CLAUSES = 3


def _opens_with_any(items, parser) -> bool:
    """Whether a parsed sequence can open with '.' (itself, repeated, in a group or in one branch)."""
    if not len(items):
        return False
    op, av = items[0]
    if op is parser.ANY:
        return True
    if op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
        return _opens_with_any(av[2], parser)
    if op is parser.SUBPATTERN:
        return _opens_with_any(av[-1], parser)
    if op is parser.BRANCH:
        return any(_opens_with_any(b, parser) for b in av[1])
    return False


def _first_chars(items, parser, flags: int) -> frozenset[str] | None:
    """The lower-case ASCII characters an ASCII text that `items` (a parsed sequence) matches can open with;
    None when it can open with any, or can be empty."""
    from re import _compiler

    c = parser
    found: set[str] = set()
    for item in items:
        op, av = item
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
            # one character: the engine itself says which ASCII characters it matches
            matcher = _compiler.compile(parser.SubPattern(items.state, [item]), flags)
            own = {chr(a).lower() for a in range(128) if matcher.fullmatch(chr(a))}
        elif op is c.SUBPATTERN:
            own = _first_chars(av[-1], parser, flags)
        elif op is c.ATOMIC_GROUP:
            own = _first_chars(av, parser, flags)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            own = _first_chars(av[2], parser, flags)
        elif op is c.BRANCH:
            branches = [_first_chars(b, parser, flags) for b in av[1]]
            own = None if None in branches else set().union(*branches)
        else:
            return None     # a back-reference, a conditional...
        if own is None or len(own) >= 127:
            return None
        found |= own
        if parser.SubPattern(items.state, [item]).getwidth()[0] > 0:
            return frozenset(found)
    return None     # every element can match nothing: so can the sequence


def _ascii_equivalent(char: str, flags: int) -> str | None:
    """The lower-case ASCII character `char` matches in a pattern compiled with `flags`, or None."""
    if char.isascii():
        return char.lower() if flags & re.IGNORECASE else char
    matcher = re.compile(re.escape(char), flags)
    return next((chr(c).lower() for c in range(128) if matcher.fullmatch(chr(c))), None)


def _required_literals(items, parser) -> list[frozenset[str]]:
    """Clauses for a text that `items` (a parsed sequence) matches: it holds a string of each clause, its
    characters compared as the pattern compares them (with the pattern's flags)."""
    c = parser
    clauses: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            clauses.append(frozenset(["".join(run)]))
            run = []
        if op is c.SUBPATTERN:
            clauses += _required_literals(av[-1], parser)
        elif op is c.ATOMIC_GROUP:
            clauses += _required_literals(av, parser)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) and av[0] >= 1:
            clauses += _required_literals(av[2], parser)
        elif op is c.BRANCH:
            choices = [frozenset()]        # the union of one clause per branch, for each choice
            for branch in av[1]:
                own = _required_literals(branch, parser)
                own.sort(key=lambda clause: (-min(map(len, clause), default=99), len(clause)))
                choices = [chosen | clause for chosen in choices for clause in own[:MAX_CLAUSES]]
            clauses += choices
    # a clause holding the empty string holds for every text; a literal holding another is redundant (the
    # characters of a match of the longer one match the shorter one)
    return [frozenset(w for w in clause if not any(v != w and v in w for v in clause))
            for clause in clauses if "" not in clause]
