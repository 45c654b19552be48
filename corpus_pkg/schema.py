"""The record models: the single source of truth for every schema the project publishes.

Each config of the dataset is one pydantic model. From it we derive, and never write by hand:
the Arrow schema every Parquet shard is written with (field descriptions in the field metadata),
the `datasets.Features` (and so the card's YAML `features`), and the card's field table.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from .language import SAMPLE_CHARS, SAMPLE_PIECES

#: Annotate an ``int`` field with this to store it as int32 instead of int64.
Int32 = Annotated[int, "int32"]

LineRole = Literal["title", "byline", "body", "metadata", "boilerplate", "blank"]
UnitKind = Literal["article", "video_report", "preface"]


class Record(BaseModel):
    """Base of every published record: strict, so a typo in a field name fails loudly."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Provenance(Record):
    """One place where an article occurs in the inputs."""

    source_file: str = Field(description="Input file, relative to the input folder's parent (e.g. seeds/001_x.txt).")
    source_sha256: str = Field(description="SHA-256 of the input file's bytes as read.")
    line_start: Int32 = Field(description="First line of the article's span in that file (1-based, inclusive).")
    line_end: Int32 = Field(description="Last line of the article's span in that file (1-based, inclusive).")
    title_as_printed: str = Field(description="The headline exactly as printed in this copy.")
    host_site: str | None = Field(description="The re-posting site named on this page (e.g. an aggregator), if printed.")
    repost_date: dt.date | None = Field(description="The re-poster's own date for this copy, if printed.")
    repost_date_text: str | None = Field(description="The re-poster's date exactly as printed.")
    url: str | None = Field(None, description="URL of this copy: where it was fetched from (WARC-Target-URI), else the page's canonical URL or the record's URL; null for text pages. A canonical URL is also in the article's urls.")
    fetch_date: dt.datetime | None = Field(None, description="When this copy was fetched (WARC-Date, or the scraper's download time), UTC; null when unknown.")
    warc_record_id: str | None = Field(None, description="WARC-Record-ID of the response record this copy was read from.")
    record: str | None = Field(None, description="Where in a container file this copy is: 'offset N' (WARC), 'line N' (JSON Lines), 'item N' (JSON), 'row N' (Parquet).")


class Article(Record):
    """One unique article (or a re-poster's own preface) found in the input pages."""

    id: str = Field(description="Stable id: first 16 hex digits of SHA-256 over the normalised title and body of the kept copy.")
    title: str | None = Field(description="The article's own headline as printed (no-break spaces turned into spaces); "
                                          "null when the page prints none above the text.")
    subtitle: str | None = Field(description="Dek or standfirst printed with the headline, if any.")
    alt_titles: list[str] = Field(description="Other headings printed for the same article (a re-poster's heading, repeats).")
    authors: list[str] = Field(description="Persons named in the byline, or in the author bio when there is no byline; capitalisation normalised.")
    byline: str | None = Field(description="The byline line exactly as printed, if any.")
    outlet: str | None = Field(description="Publication the text itself attributes the article to; null when the text names none.")
    outlet_evidence: str | None = Field(description="Where the outlet was read: byline, source_line, dateline (the news agency an opening dateline names: 'ROMA (ANSA) -'), domain, url or site_name (an input's metadata), mirror_path (the host folder a mirrored file is saved under); with _domain appended (source_line_domain, byline_domain, site_name_domain) when a domain or URL printed there named a registered outlet; when the text names none, copyright_line (the page's copyright footer), masthead (its first line) or file_name (a saved page's file name, '<headline> - <site>.txt'), each only for a name the registry or the profiles know or that two of these three places print.")
    host_site: str | None = Field(description="Re-posting site of the kept copy, when its name is printed on the page.")
    published_date: dt.date | None = Field(description="The article's own publication date; numeric dates read day-first. When only an update date is printed, that date (see modified_date). Null when none is printed; relative dates ('3 hours ago') are not read.")
    published_date_text: str | None = Field(description="The publication date exactly as printed.")
    modified_date: dt.date | None = Field(description="The update date printed with the article ('Updated: ...', 'Mis à jour le ...'), if any.")
    text: str = Field(description="Body text, paragraphs separated by a blank line; furniture, bylines and captions removed, wording untouched.")
    language: str = Field(description="ISO 639-1 code of the body's language, identified by py3langid on a sample of "
                                      f"the text: {SAMPLE_CHARS:,} characters in {SAMPLE_PIECES} pieces spread from "
                                      "its beginning to its end (the whole text when it is no longer).")
    urls: list[str] = Field(description="URLs and bare domains printed with the article.")
    tags: list[str] = Field(description="Tags or categories printed with the article (e.g. a re-poster's categories).")
    word_count: Int32 = Field(description="Number of words in text: whitespace-separated tokens, each Han ideograph or Japanese kana counting as one word.")
    truncated: bool = Field(description="True when the page holds only part of the article (a 'read more' or 'continues' marker).")
    kind: str = Field(description="article, video_report (a video transcript) or preface (a re-poster's own introduction).")
    n_copies: Int32 = Field(description="Number of places in the inputs where this article occurs (length of provenance).")
    duplicate_group: str = Field(description="Id of the group of related (near-duplicate) articles; a group never straddles splits.")
    rights_holder: str | None = Field(description="Who holds the rights in the text (outlet-level, from the rights policy); null when unknown.")
    rights_status: str = Field(description="Rights status of the text under the build's rights policy (e.g. third-party-copyright, restricted).")
    provenance: list[Provenance] = Field(description="Every place the article occurs in the inputs; the first entry is the copy whose text is kept.")


class LineSpan(Record):
    """A run of consecutive lines of a page that received the same role."""

    line_start: Int32 = Field(description="First line of the span (1-based, inclusive).")
    line_end: Int32 = Field(description="Last line of the span (1-based, inclusive).")
    role: str = Field(description="title, byline, body, metadata, boilerplate or blank.")
    detail: str | None = Field(description="Why the role was given (e.g. share_bar, host_footer, caption, subtitle, "
                                           "source_line; text_withheld: the lines are emptied by the rights policy).")
    article_id: str | None = Field(description="Id of the article the span belongs to (after deduplication); null for page furniture.")


class Page(Record):
    """One input file with the audit of every line."""

    source_file: str = Field(description="Input file, relative to the input folder's parent.")
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    n_bytes: Int32 = Field(description="Size of the file in bytes.")
    encoding: str = Field(description="Encoding the file was decoded with.")
    n_lines: Int32 = Field(description="Number of lines (a final line without newline counts).")
    n_articles: Int32 = Field(description="Number of article units found on the page (before deduplication).")
    page_decision: str = Field(description="What the page holds, as decided before its articles were read: one, "
                                           "several or none (see page_decision_reason).")
    page_decision_reason: str = Field(description="The evidence for page_decision, in words (e.g. '3 units with their "
                                                  "own header and body', 'layout = single (config)').")
    text: str = Field(description="The decoded text of the file, line endings normalised to \\n; the body lines of "
                                  "articles whose text the rights policy withholds or excludes are emptied (their "
                                  "spans' detail is text_withheld).")
    spans: list[LineSpan] = Field(description="Audit: every line of the page in exactly one span, with its role and article.")
    input_kind: str | None = Field(None, description="text, html, warc, json-lines, json or parquet. For all but text, `text` is the extracted text (title, then paragraphs), not the input's bytes.")
    url: str | None = Field(None, description="URL of the page: where it was fetched from (WARC-Target-URI), else its canonical URL or the record's URL; null for text pages.")
    fetch_date: dt.datetime | None = Field(None, description="When the page was fetched (WARC-Date, or the scraper's download time), UTC.")
    warc_record_id: str | None = Field(None, description="WARC-Record-ID of the response record the page was read from.")
    record: str | None = Field(None, description="Where in a container file the page is: 'offset N' (WARC), 'line N' (JSON Lines), 'item N' (JSON), 'row N' (Parquet).")
    extraction: str | None = Field(None, description="How the text was obtained from HTML or a record: tool, version, and what it decided.")


# --------------------------------------------------------------------------------------------
# Derivations. Everything below reads the models; nothing restates a field.


def _arrow_type(annotation: Any) -> tuple[pa.DataType, bool]:
    """Arrow type of a model field's annotation, and whether it is nullable."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *marks = get_args(annotation)
        if base is int and "int32" in marks:
            return pa.int32(), False
        return _arrow_type(base)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        return _arrow_type(args[0])[0], True
    if origin is list:
        (item,) = get_args(annotation)
        return pa.list_(_arrow_type(item)[0]), False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(arrow_fields(annotation)), False
    scalar = {str: pa.string(), bool: pa.bool_(), int: pa.int64(), float: pa.float64(), dt.date: pa.date32(),
              dt.datetime: pa.timestamp("us", tz="UTC")}
    if annotation in scalar:
        return scalar[annotation], False
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_fields(model: type[BaseModel]) -> list[pa.Field]:
    fields = []
    for name, info in model.model_fields.items():
        typ, nullable = _arrow_type(info.rebuild_annotation())
        meta = {b"description": (info.description or "").encode()}
        fields.append(pa.field(name, typ, nullable=True, metadata=meta))
    return fields


def features(model: type[BaseModel]):
    """The `datasets.Features` of a model (imported lazily: datasets is slow to import)."""
    import datasets

    return datasets.Features.from_arrow_schema(described_schema(model))


def portable_feature_dict(feature: Any) -> Any:
    """A serialised `datasets` feature (`Features.to_dict()` of datasets >= 4) rewritten in the encoding that
    datasets 3.x reads too, with the same meaning for datasets >= 4.

    datasets 4 replaced `Sequence` by `List` (`{"_type": "List", ...}`), a type datasets 3.x does not know
    ("Feature type 'List' not found", huggingface/datasets#7676, #7739). Both versions read the older forms:
    a list of scalars (or of lists) as `{"_type": "Sequence", "feature": ...}`, and a list of structs as a
    one-element JSON list `[{...}]` (in 3.x a `Sequence` of a dict means a dict of lists, so it cannot be used
    for a list of structs). Structs stay plain dicts; `Value` and other types are kept as they are.
    """
    if isinstance(feature, list):
        return [portable_feature_dict(item) for item in feature]
    if not isinstance(feature, dict):
        return feature
    if feature.get("_type") == "List":
        inner = portable_feature_dict(feature["feature"])
        if isinstance(inner, dict) and "_type" not in inner and feature.get("length", -1) == -1:
            return [inner]
        extra = {"length": feature["length"]} if feature.get("length", -1) != -1 else {}
        return {"feature": inner, **extra, "_type": "Sequence"}
    if "_type" in feature:
        return feature
    return {name: portable_feature_dict(value) for name, value in feature.items()}


@cache
def described_schema(model: type[BaseModel]) -> pa.Schema:
    """The model's Arrow fields, each with its description, and no schema metadata: what a build's work files
    (pass 1's spools) are written with. Unlike `arrow_schema`, it needs no `datasets` import (about 0.6 s), so
    a process that only reads pages (a worker, a Ray task) never imports it. Derived once per model."""
    return pa.schema(arrow_fields(model))


@cache
def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The one schema every shard of a config is written with (derived once per model: a schema is immutable).

    It is `Features.arrow_schema` plus a description on every field and the model name. Its `huggingface`
    metadata (what `load_dataset("parquet", ...)` and `Dataset.from_parquet` read when there is no card)
    holds the model's Features in the encoding datasets 3.x and >= 4 both read (`portable_feature_dict`).
    """
    model_features = features(model)
    hf_schema = model_features.arrow_schema
    described = described_schema(model)
    if described.remove_metadata() != hf_schema.remove_metadata():
        raise AssertionError(f"Features round trip changed the schema of {model.__name__}")
    portable = {"info": {"features": portable_feature_dict(model_features.to_dict())}}
    meta = {b"huggingface": json.dumps(portable).encode(), b"corpus_pkg.model": model.__name__.encode()}
    return described.with_metadata(meta)


def field_table(model: type[BaseModel], prefix: str = "") -> list[dict[str, str]]:
    """Rows (name, type, nullable, description) for the card, nested models flattened with dots."""
    rows = []
    for name, info in model.model_fields.items():
        annotation = info.rebuild_annotation()
        typ, nullable = _arrow_type(annotation)
        rows.append({"name": prefix + name, "type": _type_name(typ), "nullable": "yes" if nullable else "no",
                     "description": info.description or ""})
        inner = annotation
        if get_origin(inner) is list:
            (inner,) = get_args(inner)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            rows += field_table(inner, prefix=f"{prefix}{name}[].")
    return rows


def _type_name(typ: pa.DataType) -> str:
    if pa.types.is_list(typ):
        return f"list<{_type_name(typ.value_type)}>"
    if pa.types.is_struct(typ):
        return "struct"
    return {"date32[day]": "date32", "bool": "bool"}.get(str(typ), str(typ))


def to_row(record: BaseModel) -> dict[str, Any]:
    """A record as the plain dict pyarrow writes (dates stay `datetime.date`)."""
    return record.model_dump(mode="python")


def features_yaml(model: type[BaseModel]) -> list[dict]:
    """The `dataset_info.features` list for the card's YAML, via datasets' own serialiser."""
    return features(model)._to_yaml_list()


def schema_fingerprint(model: type[BaseModel]) -> str:
    import hashlib

    text = json.dumps(features_yaml(model), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
