"""The builder's card file: what only the person who collected the pages can say about them.

A dataset card mixes two kinds of statement. Figures (counts, languages, dates, outlets, splits) are
computed from the data (`card.figures`). Everything else (the title, what the texts are about, why and
how the pages were collected and selected, who wrote them, the intended and out-of-scope uses, known
issues, licence notes, a contact) only the builder can state: it comes from a TOML file the builder
writes (`corpus-pkg init` writes the documented template, `CARD_TEMPLATE`), named by `--card FILE` or
`[card] file` in the build configuration. Nothing of it is invented: an item the file leaves out is
printed as "not stated by the builder", and `corpus-pkg validate` lists it as a warning.

The build copies the file, byte for byte, into the output folder (`BUILDER_CARD`), so `validate` can
check the card's YAML and Croissant against what the builder stated, on any copy of the folder.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

from typing import Annotated

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError, field_validator,
                      model_validator)

from ..config import ConfigError, unknown_key
from .hub_terms import LICENSE_IDS

NOT_STATED = "not stated by the builder"
#: The copy of the builder's card file in a built folder.
BUILDER_CARD = "builder-card.toml"


#: A date the template leaves as "" (TOML has no empty date): "" reads as not stated.
OptionalDate = Annotated[dt.date | None, BeforeValidator(lambda value: None if value == "" else value)]


#: The Croissant RAI vocabulary of `rai:dataCollectionType` (Croissant RAI 1.0 specification,
#: mlcommons/croissant docs/croissant-rai-spec.md): the builder picks from it in `collection.types`.
COLLECTION_TYPES = ("Surveys", "Secondary Data analysis", "Physical data collection", "Direct measurement",
                    "Document analysis", "Manual Human Curator", "Software Collection", "Experiments", "Web Scraping",
                    "Web API", "Focus groups", "Self-reporting", "Customer feedback data",
                    "User-generated content data", "Passive Data Collection", "Others")
#: How `licence` names a licence the Hub has no id for: "other: " and its terms in words.
OTHER_LICENCE = "other:"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Curation(_Section):
    rationale: str | None = Field(None, description="why the dataset exists: the research question or gap it serves")
    selection: str | None = Field(None, description="how pages were chosen: topics, keywords, outlets, sampling")
    curators: str | None = Field(None, description="who collected and curated the pages, with affiliation")
    funding: str | None = Field(None, description="who funded the work")
    conflicts_of_interest: str | None = Field(None, description="conflicts of interest")


class Collection(_Section):
    method: str | None = Field(None, description="how the pages were saved: tool and version, RSS, index pages, URLs")
    start: OptionalDate = Field(None, description="first day pages were fetched")
    end: OptionalDate = Field(None, description="last day pages were fetched")
    types: list[str] = Field(default_factory=list, description="the kinds of collection, from the Croissant RAI "
                             "vocabulary of rai:dataCollectionType (COLLECTION_TYPES)")

    @field_validator("types")
    @classmethod
    def _known_types(cls, types: list[str]) -> list[str]:
        unknown = [t for t in types if t not in COLLECTION_TYPES]
        if unknown:
            raise ValueError(f"{unknown} not in the Croissant RAI vocabulary: {', '.join(COLLECTION_TYPES)}")
        return types

    @model_validator(mode="after")
    def _in_order(self) -> "Collection":
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


class Sources(_Section):
    producers: str | None = Field(None, description="who wrote the texts (outlets, authors, their audience)")
    language_variety: str | None = Field(None, description="varieties of the languages, and who speaks them")


class Uses(_Section):
    intended: list[str] = Field(default_factory=list, description="what the dataset is for")
    out_of_scope: list[str] = Field(default_factory=list, description="what it must not be used for")


class Risks(_Section):
    known_issues: list[str] = Field(default_factory=list, description="limitations the builder knows of")
    offensive_content: str | None = Field(None, description="offensive, graphic or contested content in the texts")
    personal_information: str | None = Field(None, description="people named, sensitive categories, consent")
    social_impact: str | None = Field(None, description="possible harms and benefits")
    legal: str | None = Field(None, description="legal and regulatory notes (sanctions, bans, export controls)")


class Contact(_Section):
    contact: str | None = Field(None, description="how to reach the maintainers (and send takedown requests)")
    card_authors: str | None = Field(None, description="who wrote this card")
    maintenance: str | None = Field(None, description="how releases are maintained, versioned and corrected")
    url: str | None = Field(None, description="where the dataset is published (cited in the citation)")


class BuilderCard(_Section):
    """The parsed card file. Every key is optional; an unstated one is reported by `unstated()`."""

    title: str | None = Field(None, description="the dataset's name (the YAML's pretty_name)")
    summary: str | None = Field(None, description="one paragraph: what is in the dataset and why it exists")
    version: str | None = Field(None, description="the dataset's version")
    date: OptionalDate = Field(None, description="the date of this release")
    topics: list[str] = Field(default_factory=list, description="what the texts are about")
    tags: list[str] = Field(default_factory=list, description="the Hub tags of the dataset")
    task_categories: list[str] = Field(default_factory=list, description="Hub task categories the builder intends")
    task_ids: list[str] = Field(default_factory=list, description="Hub task ids the builder intends")
    licence: str | None = Field(None, description="the licence under which the builder releases the compilation "
                                "(structure, extracted metadata, card; never the article texts): a Hub/SPDX licence "
                                "id such as \"CC-BY-4.0\", or \"other: \" and its terms in words")
    licence_notes: str | None = Field(None, description="the builder's notes on licences and publishers' terms")
    glossary: dict[str, str] = Field(default_factory=dict, description="terms of the builder's own prose")
    curation: Curation = Field(default_factory=Curation)
    collection: Collection = Field(default_factory=Collection)
    sources: Sources = Field(default_factory=Sources)
    uses: Uses = Field(default_factory=Uses)
    risks: Risks = Field(default_factory=Risks)
    contact: Contact = Field(default_factory=Contact)
    #: the file's text as the builder wrote it (copied into the built folder); None without a file
    _text: str | None = PrivateAttr(None)

    @field_validator("licence")
    @classmethod
    def _licence_id_or_other(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if value.casefold() in LICENSE_IDS - {"other", "unknown"}:
            return value
        if value.casefold().startswith(OTHER_LICENCE) and value[len(OTHER_LICENCE):].strip():
            return value
        raise ValueError("not a Hub/SPDX licence id (e.g. \"CC-BY-4.0\", \"MIT\"); for any other licence write "
                         "\"other: \" followed by its terms")

    @property
    def text(self) -> str | None:
        return self._text


#: Items left out without a warning: the task categories have a label-free default, the glossary is optional.
OPTIONAL = ("task_categories", "task_ids", "glossary")


class CardFileError(ConfigError):
    """A card file that cannot be read or has unknown keys or wrong types; one line per problem."""


def load_card_file(path: Path | None) -> BuilderCard:
    """The builder's statements from a TOML card file; an empty BuilderCard for None.

    Raises CardFileError (one line per problem, naming the file and the key) for a missing or
    malformed file, unknown keys and wrong types."""
    if path is None:
        return BuilderCard()
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CardFileError(f"{path}: cannot read the card file: {error}") from None
    try:
        card = BuilderCard.model_validate(data)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            key = ".".join(str(p) for p in problem["loc"])
            if problem["type"] == "extra_forbidden":
                lines.append(f"{path}: {unknown_key(BuilderCard, problem['loc'])}")    # (init's template's keys)
            else:
                lines.append(f"{path}: {key}: {problem['msg']} (got {problem.get('input')!r})")
        raise CardFileError("\n".join(lines)) from None
    card._text = text
    return card


def unstated(card: BuilderCard) -> list[str]:
    """The dotted keys of every item the builder left out (empty strings and lists count as left out)."""
    missing = []
    for name, field in type(card).model_fields.items():
        value = getattr(card, name)
        if isinstance(value, BaseModel):
            missing += [f"{name}.{key}" for key in type(value).model_fields if not _given(getattr(value, key))]
        elif name not in OPTIONAL and not _given(value):
            missing.append(name)
    return missing


def _given(value) -> bool:
    return value is not None and (not isinstance(value, (str, list, dict)) or bool(value if not isinstance(value, str) else value.strip()))


def card_template() -> str:
    """The documented template `corpus-pkg init` writes (every key, commented, with what it is for)."""
    return (resources.files("corpus_pkg") / "card" / "card-template.toml").read_text(encoding="utf-8")
