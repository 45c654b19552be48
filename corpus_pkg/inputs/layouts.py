"""Record layouts: which keys of a scraper's record hold our fields, as data (`record_layouts.toml`).

A layout names the tool, the keys only that tool writes (`marks`), and for each of our fields the record's keys
that may hold it. The built-in layouts (newspaper3k/4k, trafilatura's JSON, news-please, NewsAPI, generic text
tables) are in `record_layouts.toml`; a build config adds or replaces layouts under `[inputs.layouts.NAME]` in
the same format, and `[inputs.fields]` forces one mapping for every file. `recognise` picks a file's layout from
its first record's keys; `unread_keys` lists the keys of a record that no field of the layout reads.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

FIELDS = ("text", "title", "url", "date", "updated_date", "authors", "description", "site_name", "language", "tags",
          "fetch_date")
SPLIT_FIELDS = ("authors", "tags")      # fields that are lists: a string value is split into items
CONFIG_MAPPING = "the build config's [inputs.fields]"


class LayoutError(ValueError):
    """A record layout that cannot be used; the message names the layout and the problem."""


class RecordLayout(BaseModel):
    """How one tool's records are read (see `record_layouts.toml` for what each key holds)."""

    model_config = ConfigDict(extra="forbid")

    tool: str | None = Field(None, description="The tool's name as the build report gives it.")
    fields: dict[str, list[str]] = Field(description="Our field -> the record's keys that may hold it, first "
                                         "non-empty wins (dotted for nested objects).")
    marks: list[str] = Field(default_factory=list, description="Keys that identify the tool; none: a generic table, "
                             "used when no tool's marks are found.")
    split: dict[str, str] = Field(default_factory=dict, description="authors/tags given as one string: the "
                                  "characters that separate items (default ',').")
    empty: list[str] = Field(default_factory=list, description="Values the tool writes for 'none'.")
    not_read: list[str] = Field(default_factory=list, description="Keys holding nothing a field of this dataset "
                                "takes; not named in the warning about keys left unread.")
    cut_mark: str | None = Field(None, description="A regular expression the tool prints at the end of a text it "
                                 "cut short (NewsAPI's '… [+1834 chars]'): removed, and the article marked truncated.")

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} (allowed: {', '.join(FIELDS)})")
        if not value.get("text"):
            raise ValueError("a layout must name the record's text key (text = [\"...\"])")
        return value

    @field_validator("split")
    @classmethod
    def _list_fields(cls, value: dict[str, str]) -> dict[str, str]:
        if set(value) - set(SPLIT_FIELDS):
            raise ValueError(f"split applies to {' and '.join(SPLIT_FIELDS)} only")
        return value

    @classmethod
    def of_mapping(cls, mapping: Mapping[str, str]) -> "RecordLayout":
        """The layout of a build config's `[inputs.fields]` (our field -> one key)."""
        return cls(tool=CONFIG_MAPPING, fields={name: [key] for name, key in mapping.items()})

    def name(self, key: str) -> str:
        return self.tool or key

    def read_keys(self) -> set[str]:
        """The top-level keys some field reads (a dotted key's first part)."""
        return {key.split(".")[0] for keys in self.fields.values() for key in keys}

    def separators(self, field: str) -> str:
        return self.split.get(field, ",")


@cache
def builtin_layouts() -> dict[str, RecordLayout]:
    """The layouts of `record_layouts.toml`, by name, in the file's order."""
    text = (resources.files("corpus_pkg") / "inputs" / "record_layouts.toml").read_text(encoding="utf-8")
    return {name: RecordLayout.model_validate(table) for name, table in tomllib.loads(text).items()}


def layouts(extra: Mapping[str, RecordLayout] | None = None) -> dict[str, RecordLayout]:
    """The built-in layouts with the user's (`[inputs.layouts]`) added: a user's layout of a built-in's name
    replaces it; the user's come first, so they win a tie."""
    extra = dict(extra or {})
    return extra | {name: layout for name, layout in builtin_layouts().items() if name not in extra}


def recognise(record: Mapping[str, Any], known: Mapping[str, RecordLayout]) -> tuple[str, RecordLayout] | None:
    """(name, layout) of a file whose first record is `record`: among the layouts whose text key it has, the one
    with the most of its marks present (at least one; the first on a tie); else the first generic layout (no
    marks) whose text key it has; None when no layout fits."""
    def fits(layout: RecordLayout) -> bool:
        return any(_present(record, key) for key in layout.fields["text"])

    scored = [(sum(1 for mark in layout.marks if mark in record), -order, name)
              for order, (name, layout) in enumerate(known.items()) if layout.marks and fits(layout)]
    best = max(scored, default=None)
    if best is not None and best[0] > 0:
        return best[2], known[best[2]]
    generic = next((name for name, layout in known.items() if not layout.marks and fits(layout)), None)
    return (generic, known[generic]) if generic else None


def _present(record: Mapping[str, Any], key: str) -> bool:
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return False
        value = value[part]
    return True


def unread_keys(record: Mapping[str, Any], layout: RecordLayout) -> list[str]:
    """The keys of `record` that hold a value (not null, empty, or one of the layout's `empty` values) which no
    field of `layout` reads and the layout does not list as `not_read`: metadata this build leaves out."""
    skip = layout.read_keys() | {key.split(".")[0] for key in layout.not_read}
    return [key for key, value in record.items()
            if key not in skip and value not in (None, "", [], {}) and not (isinstance(value, str) and (
                not value.strip() or value in layout.empty))]
