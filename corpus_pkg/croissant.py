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

from .card.figures import BuildData, date_range, latest_printed_date
from .card.layout import CONFIGS, ConfigLayout, shards
from .card.render import CARD_DATA, citation
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


def responsible_ai(data: BuildData) -> dict:
    span = date_range(data)
    latest = latest_printed_date(data)
    timeframe = [span[0], latest] if span and latest else []
    return {
        "rai:dataCollectionType": ["Web Scraping"],
        "rai:dataCollection": (
            "Pages of news, opinion and aggregator sites were saved as plain text (the inputs listed in the card with "
            "their SHA-256). Most pages carry no URL and no fetch date; the tool that saved them is not recorded. "
            "corpus_pkg segmented each page into articles, extracted metadata from the printed text, merged "
            "duplicates and split by duplicate group."),
        "rai:dataCollectionTimeframe": timeframe,
        "rai:dataCollectionMissingData": (
            "Fetch dates and page URLs were not recorded. Outlet, date, byline and URLs are null or empty when the "
            "page does not print them; `truncated` marks articles only partly on the page. The card counts each."),
        "rai:dataCollectionRawData": "The `pages` config holds every input page's full text and a role for every line.",
        "rai:dataPreprocessingProtocol": [
            "Segmentation of multi-article and aggregator pages into articles; page furniture (share bars, "
            "sidebars, captions, re-poster footers) removed; wording untouched.",
            "Text normalisation: Unicode NFC, no-break spaces turned into spaces, whitespace runs collapsed; "
            "paragraphs separated by a blank line.",
            "Near-duplicate detection with MinHash/LSH over word shingles; the copy with the fewest scrape defects "
            "is kept (the first in input order among equals) and every copy is listed in `provenance`.",
            "Language identification with py3langid.",
            "Splits by a salted hash of the duplicate group, so related articles never straddle splits.",
        ],
        "rai:dataAnnotationProtocol": [
            "No manual annotation of articles. Outlet-level facts and media-bias ratings (the `outlets` config) were "
            "compiled from public sources, each listed with the fact; they describe outlets, not articles.",
        ],
        "rai:machineAnnotationTools": ["corpus_pkg (rule-based segmentation and metadata extraction)",
                                       "py3langid (language)", "datasketch (MinHash/LSH deduplication)"],
        "rai:dataUseCases": [
            "Studying narratives, framing and propaganda techniques in partisan and state-affiliated media.",
            "Source-attribution and republication research (who re-posts whom).",
            "Robustness tests of text classifiers on out-of-distribution news.",
            "Out of scope: factual ground truth about events; training generators to imitate state-media style "
            "without safeguards; treating outlet-level labels as article labels; republishing the full texts.",
        ],
        "rai:dataBiases": [
            "Outlet selection is not random: mostly Russian- and Iranian-state-affiliated and alternative outlets and "
            "a re-posting aggregator; mainstream text appears mainly as quoted excerpts.",
            "Topical and temporal skew: ISIS, Iraq/Syria and Russia, in a few short time windows.",
            "Aggregator editorialising: re-posters add their own category tags (kept in `tags`).",
            "Media-bias ratings are point-in-time views of their raters; they drift and disagree, and MBFC says its "
            "methodology is tailored to the United States.",
        ],
        "rai:dataLimitations": [
            "Very small sample; figures in the card are not representative of any outlet.",
            "Rule-based extraction can attach boilerplate to a body, miss a byline or mis-read a date; the `pages` "
            "config lets a user audit every line.",
            "Embedded excerpts of third-party articles are not separated from the page author's text.",
            "Outlet-level facts and ratings are a noisy proxy and must not be used as article labels.",
        ],
        "rai:dataSocialImpact": (
            "Risks: amplifying disinformation, legitimising sanctioned outlets, misattributing quotes. The card "
            "documents outlets' state affiliation and sanctions with sources so users can weigh them."),
        "rai:personalSensitiveInformation": [
            "Names of public figures, bylined authors and anonymous sources as printed; possibly fake personas.",
            "Political opinions and religion (sensitive categories) as discussed in the texts; graphic war and "
            "terror content; antisemitic or conspiratorial claims in some texts.",
        ],
        "rai:dataReleaseMaintenancePlan": (
            "Rebuilt from its inputs by corpus_pkg; each release is validated (`corpus-pkg validate`) and the card is "
            "regenerated. Takedown requests remove the affected records from the next release (see the card)."),
    }


def croissant(out_dir: Path, config: BuildConfig, data: BuildData) -> dict:
    span = date_range(data)
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": ["http://mlcommons.org/croissant/1.1", "http://mlcommons.org/croissant/RAI/1.0"],
        "name": config.card.pretty_name,
        "description": ("English news and opinion articles about ISIS, the wars in Iraq and Syria, and Russia, "
                        "extracted from scraped pages of partisan, alternative and state-affiliated outlets, with "
                        "the provenance of every copy and documented outlet-level facts. See README.md."),
        "license": ("other: the compilation (metadata, code, card) is MIT-licensed; the article texts remain the "
                    "property of their publishers (see LICENSE)"),
        "version": config.card.dataset_version,
        "creator": {"@type": "sc:Organization", "name": "corpus_pkg maintainers"},
        "inLanguage": CARD_DATA["language"][0],
        "keywords": CARD_DATA["tags"],
        "citeAs": citation(config),
        "distribution": distribution(out_dir),
        "recordSet": [record_set(layout) for layout in CONFIGS],
        **responsible_ai(data),
    }
    if span:
        document["temporalCoverage"] = f"{span[0]}/{span[1]}"
    return document


def write_croissant(out_dir: Path, config: BuildConfig, data: BuildData) -> None:
    text = json.dumps(croissant(out_dir, config, data), indent=2, ensure_ascii=False)
    (out_dir / CROISSANT).write_text(text + "\n", encoding="utf-8")
