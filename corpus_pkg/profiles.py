"""Site profiles: the furniture patterns, page conventions and site facts the extractor reads as data.

Built-in profiles live in `corpus_pkg/profiles/*.toml`; users add their own files in the same format.
Nothing in the extractor names a site: everything site-specific is here.
"""

from __future__ import annotations

import difflib
import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .config import ConfigError
from .screens import CompiledRule, LineRules, line_screen


class ProfileError(ConfigError):
    """A profile file that cannot be used; the message (one line) names the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FurnitureRule(_Strict):
    kind: str
    pattern: str
    match: str = Field("line", pattern="^(line|inline_end)$")
    closes: bool = False
    truncates: bool = False
    attach: str | None = Field(None, pattern="^previous$")


class Lexicon(_Strict):
    credit_prefixes: list[str] = Field(default_factory=list)
    preface_labels: list[str] = Field(default_factory=list)
    source_prefixes: list[str] = Field(default_factory=list)
    organisation_words: list[str] = Field(default_factory=list)
    # outlets a byline may name whatever the page, such as wire services ('By Jane Roe, Reuters'); the outlets with
    # documented facts are the registry's (a name here carries no facts)
    outlet_names: list[str] = Field(default_factory=list)
    # an outlet's short name as printed -> the name it is recorded under ('AP' -> 'Associated Press'); each is an
    # outlet name too
    outlet_short_names: dict[str, str] = Field(default_factory=dict)
    # the legal forms closing a company's name ('Company', 'Inc.', 'GmbH & Co. KG'): a copyright line's holder without
    # them may name the outlet ('© 2023 The New York Times Company'; cues/outlet_evidence.py)
    company_forms: list[str] = Field(default_factory=list)
    # reader tools' envelope at the top of a page ('Title: ...', 'URL Source: ...'): field -> its labels
    envelope_fields: dict[str, list[str]] = Field(default_factory=dict)
    # tags a clipping tool puts in every envelope it writes (Obsidian Web Clipper's 'clippings'): not the article's
    envelope_tool_tags: list[str] = Field(default_factory=list)


class LanguageCues(_Strict):
    """Function words of one language (see `profiles/languages.toml` for what each key holds)."""

    byline_prefixes: list[str] = Field(default_factory=list)
    byline_suffixes: list[str] = Field(default_factory=list)
    role_words: list[str] = Field(default_factory=list)
    editor_labels: list[str] = Field(default_factory=list)
    joiners: list[str] = Field(default_factory=list)
    published_labels: list[str] = Field(default_factory=list)
    updated_labels: list[str] = Field(default_factory=list)
    date_words: list[str] = Field(default_factory=list)
    ad_labels: list[str] = Field(default_factory=list)
    read_more_labels: list[str] = Field(default_factory=list)
    continuation: list[str] = Field(default_factory=list)
    paywall_prompts: list[str] = Field(default_factory=list)
    subscriber_labels: list[str] = Field(default_factory=list)
    repost_labels: list[str] = Field(default_factory=list)
    reading_time_words: list[str] = Field(default_factory=list)
    minute_words: list[str] = Field(default_factory=list)
    time_units: list[str] = Field(default_factory=list)
    time_ago_words: list[str] = Field(default_factory=list)
    staff_credits: list[str] = Field(default_factory=list)
    photo_credit_labels: list[str] = Field(default_factory=list)
    # boilerplate printed inside an article's text (`segment.captions`, `Classifier`): phrases opening a call to
    # action or a comment form's field, labels opening a caption, credits ending one
    call_to_action: list[str] = Field(default_factory=list)
    comment_form: list[str] = Field(default_factory=list)
    caption_labels: list[str] = Field(default_factory=list)
    caption_credits: list[str] = Field(default_factory=list)
    month_first_marks: list[str] = Field(default_factory=list)
    day_first_marks: list[str] = Field(default_factory=list)
    # dates the date parsers do not read (see `cues.calendars`): era name -> Gregorian year of its year 0;
    # dateparser's calendars; 'first-last' printed years -> the number that makes them Gregorian; words printed before
    # a year; the language's own month names -> their numbers
    era_years: dict[str, int] = Field(default_factory=dict)
    calendars: list[str] = Field(default_factory=list)
    shifted_years: dict[str, int] = Field(default_factory=dict)
    year_words: list[str] = Field(default_factory=list)
    month_names: dict[str, int] = Field(default_factory=dict)
    # regular expressions of an opening dateline, matched at the start of an article's first paragraph (cues/datelines.py)
    datelines: list[str] = Field(default_factory=list)
    # whether a person's name is written without a space (Korean '홍길동', Chinese '张三'): then a space between such
    # names separates persons ('홍길동 김영희 기자')
    names_without_spaces: bool | None = None
    # personal names that English writes as function words (Vietnamese 'An' in 'Nguyễn Văn An'): in a name, not the
    # function word that tells a title from a name
    name_words: list[str] = Field(default_factory=list)
    # whether the language's news sites sign an article with the author's name alone on a line under the text
    # (Vietnamese: 'Nguyễn Văn An' closing the article)
    signature_under_text: bool | None = None
    # titles of a site's pages that are not articles (see `profiles/pages.toml` and `inputs.decision`)
    error_page_titles: list[str] = Field(default_factory=list)
    consent_page_titles: list[str] = Field(default_factory=list)
    legal_page_titles: list[str] = Field(default_factory=list)
    # whether the language's headlines are printed in title case ('Council Approves Harbour Plan'), so that a long
    # sentence-case heading under one is its standfirst; None: not stated (read as False, see Profile.title_case)
    title_case_headlines: bool | None = None

    @field_validator("datelines")
    @classmethod
    def _patterns(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad pattern {pattern!r}: {exc}") from None
        return patterns

    @model_validator(mode="after")
    def _calendar_data(self) -> "LanguageCues":
        from .cues.calendars import check_calendar_data     # (the cues import this module)
        check_calendar_data(self.calendars, self.shifted_years, self.month_names)
        return self

    def merged(self, other: "LanguageCues") -> "LanguageCues":
        """This language's words followed by the other's (each word once); each entry of the other's tables (`era_years`,
        `shifted_years`, `month_names`) and each value it states (`title_case_headlines`, `names_without_spaces`...)
        replaces this one's (a later profile file restates a language)."""
        fields = LanguageCues.model_fields.items()
        words = {name: list(dict.fromkeys(getattr(self, name) + getattr(other, name)))
                 for name, info in fields if info.annotation == list[str]}
        tables = {name: {**getattr(self, name), **getattr(other, name)} for name, info in fields
                  if info.annotation == dict[str, int]}
        stated = {name: getattr(self, name) if getattr(other, name) is None else getattr(other, name)
                  for name, info in fields if info.annotation == bool | None}
        return LanguageCues(**words, **tables, **stated)


class Site(_Strict):
    name: str
    mastheads: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)


class ProfileFile(_Strict):
    name: str | None = None
    description: str | None = None
    lexicon: Lexicon = Field(default_factory=Lexicon)
    common: LanguageCues = Field(default_factory=LanguageCues)
    language: dict[str, LanguageCues] = Field(default_factory=dict)
    furniture: list[FurnitureRule] = Field(default_factory=list)
    site: list[Site] = Field(default_factory=list)


@dataclass
class Profile:
    """All loaded profile files merged: what the extractor consults."""

    rules: list[CompiledRule] = field(default_factory=list)
    lexicon: Lexicon = field(default_factory=Lexicon)
    sites: list[Site] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    common: LanguageCues = field(default_factory=LanguageCues)      # applies to every page
    languages: dict[str, LanguageCues] = field(default_factory=dict)  # ISO 639-1 code -> its words
    _by_first: dict[str, LineRules] = field(default_factory=dict, repr=False, compare=False)
    _by_set: dict[tuple[int, ...], LineRules] = field(default_factory=dict, repr=False, compare=False)
    _inline: list[CompiledRule] | None = field(default=None, repr=False, compare=False)

    def cues_for(self, language: str | None) -> LanguageCues:
        """The words that apply to a page in `language`: [common], English, and that language's own."""
        words = self.common.merged(self.languages.get("en", LanguageCues()))
        if language and language != "en" and language in self.languages:
            words = words.merged(self.languages[language])
        return words

    def title_case(self, language: str | None) -> bool:
        """Whether headlines of a page in `language` are printed in title case (the language's own
        `title_case_headlines`; a page whose language is not identified is read as English)."""
        return bool(self.languages.get(language or "en", LanguageCues()).title_case_headlines)

    def line_rules(self) -> list[CompiledRule]:
        return [r for r in self.rules if r.rule.match == "line"]

    def line_rules_opening(self, first: str) -> tuple[CompiledRule, ...]:
        """The line rules, in order, that can match a line opening with the character `first`: those that can open
        with it (`CompiledRule.first_chars`, ASCII lines only; every rule for another character)."""
        return self.line_rules_for(first).rules

    def line_rules_for(self, first: str) -> LineRules:
        """`line_rules_opening(first)` with their joined screen (`LineRules`). Built when a line first opens with
        the character (most characters never open one) and kept: the rules do not change once loaded, and a set
        of rules is joined once (many characters share one)."""
        first = first if first.isascii() else ""     # a line opening with another character may match any rule
        found = self._by_first.get(first)
        if found is None:
            rules = tuple(r for r in self.line_rules()
                          if first == "" or r.first_chars is None or first.lower() in r.first_chars)
            key = tuple(map(id, rules))
            found = self._by_first[first] = self._by_set.get(key) or self._by_set.setdefault(key, LineRules.of(rules))
        return found

    def inline_rules(self) -> list[CompiledRule]:
        if self._inline is None:    # listed once: asked for every body line
            self._inline = [r for r in self.rules if r.rule.match == "inline_end"]
        return self._inline

    def site_for_masthead(self, line: str) -> Site | None:
        key = line.strip().casefold()
        return next((s for s in self.sites if key in {m.casefold() for m in s.mastheads}), None)

    def site_for_domain(self, domain: str) -> Site | None:
        domain = domain.lower().removeprefix("www.")
        return next((s for s in self.sites if domain in {d.lower() for d in s.domains}), None)

    def known_categories(self) -> list[str]:
        return [c for s in self.sites for c in s.categories]


def _parse(text: str, source: str) -> ProfileFile:
    try:
        return ProfileFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        raise ProfileError(f"{source}: {'; '.join(_problem(e) for e in exc.errors())}") from None


def _problem(error: dict) -> str:
    """One validation problem of a profile file, naming the key and, for an unknown key, the keys allowed there."""
    key = ".".join(map(str, error["loc"]))
    if error["type"] != "extra_forbidden":
        return f"{key}: {error['msg']}"
    model: type[BaseModel] = ProfileFile
    for part in error["loc"][:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = getattr(annotation, "__args__", (annotation,))[0]
    guess = difflib.get_close_matches(str(error["loc"][-1]), list(model.model_fields), n=1)
    return (f"unknown key '{key}' (allowed here: {', '.join(model.model_fields)})"
            + (f", did you mean '{guess[0]}'?" if guess else ""))


def _merge(files: list[tuple[str, ProfileFile]]) -> Profile:
    profile = Profile()
    lex: dict[str, list[str]] = {name: [] for name in Lexicon.model_fields
                                 if name not in ("envelope_fields", "outlet_short_names")}
    envelope: dict[str, list[str]] = {}
    short_names: dict[str, str] = {}
    for source, pf in files:
        profile.sources.append(source)
        for rule in pf.furniture:
            # line rules are used with fullmatch; inline_end rules with search, anchored at the end
            pattern = rule.pattern if rule.match == "line" else rf"(?:{rule.pattern})\Z"
            try:
                regex = re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ProfileError(f"{source}: furniture kind {rule.kind!r}: bad pattern: {exc}") from None
            if rule.match == "line":
                screen = line_screen(regex)
            else:   # searched for: every position is tried, so the literals are always worth testing first
                screen = (sys.maxsize, line_screen(regex, searched=True)[1], None)
            profile.rules.append(CompiledRule(rule, regex, source, *screen))
        for name in lex:
            lex[name] += [w for w in getattr(pf.lexicon, name) if w not in lex[name]]
        for name, labels in pf.lexicon.envelope_fields.items():
            envelope[name] = list(dict.fromkeys(envelope.get(name, []) + labels))
        short_names.update(pf.lexicon.outlet_short_names)     # a later file may name an agency otherwise
        profile.sites += pf.site
        profile.common = profile.common.merged(pf.common)
        for code, words in pf.language.items():
            profile.languages[code] = profile.languages.get(code, LanguageCues()).merged(words)
    profile.lexicon = Lexicon(**lex, envelope_fields=envelope, outlet_short_names=short_names)
    return profile


def builtin_profile_texts() -> list[tuple[str, str]]:
    folder = resources.files("corpus_pkg") / "profiles"
    return sorted((f"builtin:{entry.name}", entry.read_text(encoding="utf-8"))
                  for entry in folder.iterdir() if entry.name.endswith(".toml"))


@cache
def load_profile(extra: tuple[Path, ...] = (), builtin: bool = True) -> Profile:
    """Merge the built-in profiles (unless `builtin=False`) with the user's files, in that order.

    Raises ProfileError (a ConfigError), one line naming the file, when a file cannot be read, is not TOML,
    has an unknown key or a bad pattern."""
    texts = builtin_profile_texts() if builtin else []
    for path in extra:
        try:
            texts.append((str(path), Path(path).read_text(encoding="utf-8")))
        except OSError as exc:
            raise ProfileError(f"{path}: cannot read profile: {exc.strerror or exc}") from None
    return _merge([(source, _parse(text, source)) for source, text in texts])
