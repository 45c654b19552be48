"""Write the card: the `outlets` config, LICENSE, README.md (YAML + template + figures) and croissant.json.

The YAML's `configs` and `dataset_info` come from the written shards and the record models, the
prose from `template.md.j2` (maintainers edit it), and every figure from `figures.blocks()`.
"""

from __future__ import annotations

import shutil
from importlib import metadata as package_metadata
from importlib import resources
from pathlib import Path

import jinja2
import yaml

from ..config import BuildConfig
from ..registry import Outlet, cite, load_registry
from ..report import BuildReport
from ..rights import RESTRICTED, STATUS_MEANINGS
from ..schema import arrow_schema, features_yaml, to_row
from ..write import WrittenSplit, write_split
from . import figures
from .layout import CONFIGS, OUTLETS_SPLIT, read

LICENSE_NAME = "mixed-third-party-copyright"
#: What the card's YAML says about the dataset beyond its configs (valid Hub values only; see hub_terms.py).
CARD_DATA = {
    "language": ["en"],
    "language_creators": ["found"],
    "annotations_creators": ["machine-generated"],
    "multilinguality": ["monolingual"],
    "source_datasets": ["original"],
    "task_categories": ["text-classification", "zero-shot-classification", "feature-extraction"],
    "task_ids": ["multi-class-classification", "topic-classification"],
    "tags": ["news", "opinion", "propaganda", "state-media", "misinformation", "geopolitics", "isis", "syria",
             "iraq", "russia-ukraine", "web-scrape", "provenance"],
    "license": "other",
    "license_name": LICENSE_NAME,
    "license_link": "LICENSE",
}
GATE = {
    "extra_gated_prompt": ("The article texts remain the property of their publishers; some publishers' terms forbid "
                           "their use in datasets or for AI training. Access is for research on the texts; do not "
                           "redistribute the full texts."),
    "extra_gated_fields": {"Affiliation": "text", "Intended use": "text",
                           "I will use the texts for research only and will not redistribute them": "checkbox"},
}
#: The tools named in the card, with the version range the package requires.
TOOLS = ("datasketch", "py3langid", "python-dateutil", "pyarrow", "datasets")


def data_metadata(written: dict[str, list[WrittenSplit]], out_dir: Path) -> dict:
    """`configs` and `dataset_info`, from what was written (the validator rebuilds `written` from disk)."""
    configs, infos = [], []
    for layout in CONFIGS:
        present = [w for w in written[layout.name] if w.num_examples]  # datasets cannot load an empty split
        configs.append({"config_name": layout.name,
                        "data_files": [{"split": w.split, "path": f"{layout.folder}/{w.split}-*"} for w in present]})
        splits = [{"name": w.split, "num_bytes": w.num_bytes, "num_examples": w.num_examples} for w in present]
        download = sum((out_dir / f).stat().st_size for w in written[layout.name] for f in w.files)
        infos.append({"config_name": layout.name, "features": features_yaml(layout.model), "splits": splits,
                      "download_size": download, "dataset_size": sum(s["num_bytes"] for s in splits)})
    return {"configs": configs, "dataset_info": infos}


def metadata(config: BuildConfig, written: dict, out_dir: Path, n_articles: int) -> dict:
    return {"pretty_name": config.card.pretty_name, **CARD_DATA,
            "size_categories": [figures.size_category(n_articles)],
            **(GATE if config.card.gated else {}), **data_metadata(written, out_dir)}


def citation(config: BuildConfig) -> str:
    """BibTeX for the card and the Croissant file (no DOI has been minted)."""
    version = config.card.dataset_version
    return (f"@misc{{corpus_pkg_news_{version.replace('.', '_')},\n"
            f"  title  = {{{config.card.pretty_name}}},\n"
            f"  author = {{{{corpus_pkg maintainers}}}},\n"
            f"  note   = {{Dataset version {version}, built with corpus\\_pkg}}\n}}")


def tool_requirements() -> dict[str, str]:
    """The version ranges corpus_pkg requires of the tools the card names (from the installed metadata)."""
    try:
        requires = package_metadata.requires("corpus-pkg") or []
    except package_metadata.PackageNotFoundError:
        requires = []
    found = {}
    for requirement in requires:
        if ";" in requirement:  # an optional (extra) dependency
            continue
        name = requirement.split(">")[0].split("=")[0].split("<")[0].strip()
        if name in TOOLS:
            found[name] = requirement.replace(name, "", 1).strip() or "any version"
    return {tool: found.get(tool, "any version") for tool in TOOLS}


def registry_fact(outlet: str, words: str) -> str:
    """The registry's fact or rating about `outlet` that contains `words`, with its sources, for the prose:
    the template quotes outlet facts through this, so they live in the registry only."""
    entry = load_registry().lookup(outlet)
    for item in [*(entry.facts if entry else []), *(entry.ratings if entry else [])]:
        text = getattr(item, "statement", None) or f"{item.rater} rates {entry.name} \"{item.label}\""
        if words in text:
            uncertain = f" [uncertain: {item.uncertain}]" if item.uncertain else ""
            return f"{text.rstrip('.')} (sources: {'; '.join(cite(s) for s in item.sources)}){uncertain}"
    raise KeyError(f"the outlet registry has no fact about {outlet!r} containing {words!r}")


def render(config: BuildConfig, data: figures.BuildData, written: dict) -> str:
    env = jinja2.Environment(loader=jinja2.PackageLoader("corpus_pkg", "card"), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["cite"] = cite
    meta = metadata(config, written, data.out_dir, data.articles.num_rows)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=120)
    restricted = [o for o in data.outlets if o["rights_status"] == RESTRICTED]
    body = env.get_template("template.md.j2").render(
        config=config, meta=meta, figure=figures.blocks(data), configs=CONFIGS, raters=load_registry().raters,
        status_meanings=STATUS_MEANINGS, restricted_outlets=restricted, tools=tool_requirements(),
        citation=citation(config), registry_fact=registry_fact)
    return f"---\n{front}---\n\n{body}"


def write_outlets(out_dir: Path, config: BuildConfig, data: figures.BuildData) -> WrittenSplit:
    """The `outlets` config: the registry's outlets plus every outlet of the data it lacks, with counts."""
    rows = [to_row(r) for r in load_registry().outlet_rows(*figures.outlet_counts(data))]
    return write_split(out_dir, "outlets", OUTLETS_SPLIT, rows, arrow_schema(Outlet), config.parquet)


def write(out_dir: Path, *, config: BuildConfig, report: BuildReport, written: dict) -> None:
    from ..croissant import write_croissant  # imported here: croissant imports this module

    data = figures.load(out_dir, report.files)
    written = {**written, "outlets": [write_outlets(out_dir, config, data)]}
    data.outlets = read(out_dir, "outlets").to_pylist()  # as written, so the card shows what the table holds
    license_text = resources.files("corpus_pkg") / "card" / "LICENSE.md"
    with resources.as_file(license_text) as path:
        shutil.copyfile(path, out_dir / "LICENSE")
    (out_dir / "README.md").write_text(render(config, data, written), encoding="utf-8")
    write_croissant(out_dir, config, data)
