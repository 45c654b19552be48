"""`<out>/croissant.json`: Croissant 1.1 metadata with file hashes, one record set per config, and the
Responsible-AI (RAI) properties.

The Hub generates only basic Croissant (no RAI, no provenance) for Parquet datasets, so the build
writes its own. It is plain JSON built from the record models (no mlcroissant at build time); the
tests load it with mlcroissant, validate it and iterate every record set against the Parquet rows.
Every path is relative to the folder, so the file describes the folder wherever it is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
from pydantic import BaseModel

from .card.figures import BuildData, data_languages, date_range, markup_inputs, summary
from .card.layout import CONFIGS, ConfigLayout, shards
from .card.licence import croissant_licence
from .card.render import UNTITLED, citation
from .card.render import installed_version as tool_version
from .card.statement import NOT_STATED, BuilderCard
from .config import BuildConfig
from .schema import arrow_fields
from .write import sha256_file

CROISSANT = "croissant.json"
PARQUET = "application/x-parquet"
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "arrayShape": "cr:arrayShape", "citeAs": "cr:citeAs",
    "column": "cr:column", "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
}
SCALARS = {pa.string(): "sc:Text", pa.int32(): "sc:Integer", pa.int64(): "sc:Integer", pa.bool_(): "sc:Boolean",
           pa.date32(): "sc:Date", pa.float64(): "sc:Float", pa.timestamp("us", tz="UTC"): "sc:DateTime"}
SPLIT_FROM_FILENAME = r"^([a-z]+)-\d{5}-of-\d{5}\.parquet$"


# ------------------------------------------------------------------------------------------------
# Files and record sets (the validator recomputes these two parts and compares)


def file_object(out_dir: Path, path: str, encoding: str) -> dict:
    file = out_dir / path
    return {"@type": "cr:FileObject", "@id": path, "name": path, "contentUrl": path, "encodingFormat": encoding,
            "contentSize": f"{file.stat().st_size} B", "sha256": sha256_file(file)}


def distribution(out_dir: Path) -> list[dict]:
    """A FileObject (with SHA-256) per shard and for LICENSE, and a FileSet per config to read from."""
    files = [file_object(out_dir, "LICENSE", "text/markdown")] if (out_dir / "LICENSE").is_file() else []
    for layout in CONFIGS:
        files += [file_object(out_dir, p.relative_to(out_dir).as_posix(), PARQUET)
                  for paths in shards(out_dir, layout.folder).values() for p in paths]
    files += [{"@type": "cr:FileSet", "@id": f"{layout.folder}-parquet", "name": f"{layout.folder}-parquet",
               "description": f"The Parquet shards of the `{layout.name}` config.", "encodingFormat": PARQUET,
               "includes": f"{layout.folder}/*.parquet"} for layout in CONFIGS]
    return files


def _field(layout: ConfigLayout, field: pa.Field, parent: str | None = None) -> dict:
    """A Croissant field for an Arrow field: lists become arrays, structs get sub-fields (read by jsonPath)."""
    path = f"{parent}/{field.name}" if parent else f"{layout.name}/{field.name}"
    source = {"fileSet": {"@id": f"{layout.folder}-parquet"}, "extract": {"column": parent.split("/")[1] if parent else field.name}}
    if parent:  # a sub-field of a struct (or of each struct of a list) is read from the parent's column
        source["transform"] = {"jsonPath": field.name}
    out = {"@type": "cr:Field", "@id": path, "name": field.name,
           "description": (field.metadata or {}).get(b"description", b"").decode()}
    typ = field.type
    if pa.types.is_list(typ):
        out.update(isArray=True, arrayShape="-1")
        typ = typ.value_type
    if pa.types.is_struct(typ):
        out["subField"] = [_field(layout, typ.field(i), parent=path) for i in range(typ.num_fields)]
    else:
        out.update(dataType=SCALARS[typ], source=source)
    return out


def record_set(layout: ConfigLayout) -> dict:
    model: type[BaseModel] = layout.model
    fields = [_field(layout, f) for f in arrow_fields(model)]
    fields.append({"@type": "cr:Field", "@id": f"{layout.name}/split", "name": "split", "dataType": "sc:Text",
                   "description": "The split (train, validation or test), read from the shard's file name.",
                   "source": {"fileSet": {"@id": f"{layout.folder}-parquet"}, "extract": {"fileProperty": "filename"},
                              "transform": {"regex": SPLIT_FROM_FILENAME}}})
    return {"@type": "cr:RecordSet", "@id": layout.name, "name": layout.name, "description": layout.summary,
            "field": fields}


# ------------------------------------------------------------------------------------------------
# The dataset and its Responsible-AI properties


def responsible_ai(statement: BuilderCard, data: BuildData) -> dict:
    """The RAI properties: the builder's statements where only they can say it (left out when not stated),
    the processing and missing-data notes that hold for every corpus_pkg build."""
    timeframe = collection_timeframe(statement)
    markup = markup_inputs(data)
    risks, curation = statement.risks, statement.curation
    stated = {
        "rai:dataCollection": " ".join(x for x in (statement.collection.method, curation.selection) if x),
        "rai:dataCollectionTimeframe": timeframe,
        "rai:dataUseCases": [*statement.uses.intended, *(f"Out of scope: {use}" for use in statement.uses.out_of_scope)],
        "rai:dataBiases": [curation.selection] if curation.selection else [],
        "rai:dataLimitations": statement.risks.known_issues,
        "rai:dataSocialImpact": risks.social_impact,
        "rai:personalSensitiveInformation": [x for x in (risks.personal_information, risks.offensive_content) if x],
        "rai:dataReleaseMaintenancePlan": " ".join(
            x for x in (statement.contact.maintenance,
                        statement.contact.contact and f"Contact: {statement.contact.contact}.") if x),
    }
    return {
        # the builder's own choice from the RAI vocabulary: a method in words ("typed by hand") is not a type
        **({"rai:dataCollectionType": statement.collection.types} if statement.collection.types else {}),
        **{key: value for key, value in stated.items() if value},
        "rai:dataCollectionMissingData": (
            ("Plain-text inputs carry no fetch dates or page URLs; HTML, WARC and scrapers' records give the page's "
             "URL, and WARC and records their fetch time. " if markup else
             "The plain-text inputs carry no fetch dates or page URLs. ")
            + "Outlet, date, byline and URLs are null or empty when the page does not print them; `truncated` marks "
            "articles only partly on the page. The card counts each."),
        "rai:dataCollectionRawData": (
            "The `pages` config holds every plain-text page's full text and a role for every line"
            + ("; for HTML, WARC and records it holds the extracted text (the raw HTML is not republished), with "
               "the page's URL, fetch date and the extractor's decision." if markup else ".")),
        "rai:dataPreprocessingProtocol": [
            "Segmentation of multi-article and aggregator pages into articles; page furniture (share bars, "
            "sidebars, captions, re-poster footers) removed; wording untouched.",
            "Text normalisation: Unicode NFC, no-break spaces turned into spaces, whitespace runs collapsed; "
            "paragraphs separated by a blank line.",
            "Near-duplicate detection with MinHash/LSH over word shingles; the original copy is kept (the outlet's "
            "own before re-posts, then the earliest date, then the fewest scrape defects, then the first in input "
            "order) and every copy is listed in `provenance`.",
            "Language identification with py3langid.",
            "Splits by a salted hash of the duplicate group, so related articles never straddle splits.",
        ],
        "rai:dataAnnotationProtocol": [
            "No manual annotation of articles. Outlet-level facts and media-bias ratings (the `outlets` config) of "
            "the outlets the texts name come from corpus_pkg's outlet registry, each listed with its sources; they "
            "describe outlets, not articles.",
        ],
        "rai:machineAnnotationTools": [f"corpus_pkg {tool_version('corpus-pkg')} (rule-based segmentation and "
                                       "metadata extraction)",
                                       f"py3langid {tool_version('py3langid')} (language)",
                                       f"rensa {tool_version('rensa')} (R-MinHash signatures for near-duplicate detection; "
                                       "LSH banding as in datasketch's MinHashLSH, computed by corpus_pkg)",
                                       *([f"trafilatura {tool_version('trafilatura')} (HTML main text and metadata)",
                                          f"htmldate {tool_version('htmldate')} (HTML publication and update dates)"]
                                         if markup else [])],
    }


def collection_timeframe(statement: BuilderCard) -> list[str]:
    """`rai:dataCollectionTimeframe` (ISO 8601 dates): the collection dates the builder states, never the
    publication dates (a recent crawl of old articles is the usual case); empty when not stated."""
    return [d.isoformat() for d in (statement.collection.start, statement.collection.end) if d]


def croissant(out_dir: Path, config: BuildConfig, statement: BuilderCard, data: BuildData) -> dict:
    span = date_range(data)
    languages = data_languages(data)
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": ["http://mlcommons.org/croissant/1.1", "http://mlcommons.org/croissant/RAI/1.0"],
        "name": statement.title or UNTITLED,
        "description": (statement.summary or f"Summary {NOT_STATED}.") + " " + summary(data).strip().replace("**", ""),
        "license": croissant_licence(statement),
        **({"version": statement.version} if statement.version else {}),
        **({"datePublished": statement.date.isoformat()} if statement.date else {}),
        **({"url": statement.contact.url} if statement.contact.url else {}),
        **({"creator": {"@type": "sc:Person", "name": statement.curation.curators}} if statement.curation.curators else {}),
        **({"inLanguage": languages if len(languages) > 1 else languages[0]} if languages else {}),
        **({"keywords": keywords(statement)} if keywords(statement) else {}),
        "citeAs": citation(statement),
        "distribution": distribution(out_dir),
        "recordSet": [record_set(layout) for layout in CONFIGS],
        **responsible_ai(statement, data),
    }
    if span:
        document["temporalCoverage"] = f"{span[0]}/{span[1]}"
    return document


def keywords(statement: BuilderCard) -> list[str]:
    """Croissant `keywords`: the builder's tags, then the topics not already among them."""
    return list(dict.fromkeys([*statement.tags, *statement.topics]))


def write_croissant(out_dir: Path, config: BuildConfig, statement: BuilderCard, data: BuildData) -> dict[str, str]:
    """Write croissant.json; returns the SHA-256 it gives each file (relative path -> hex digest), which the
    manifest takes instead of hashing the shards again (`write.write_manifest`)."""
    document = croissant(out_dir, config, statement, data)
    (out_dir / CROISSANT).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {item["contentUrl"]: item["sha256"] for item in document["distribution"] if "sha256" in item}
