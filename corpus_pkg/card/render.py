"""Write the card: the `outlets` config, LICENSE, README.md (YAML + template + figures) and croissant.json.

The YAML's `configs` and `dataset_info` come from the written shards and the record models, its
`language` from the data; title, tags and tasks from the builder's card file (`statement.py`). The
prose is `template.md.j2` (maintainers edit it), filled with the builder's statements (or "not stated
by the builder") and every figure from `figures.blocks()`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import subprocess
from importlib import metadata as package_metadata
from pathlib import Path

import jinja2
import pyarrow.compute as pc
import yaml

from ..config import BuildConfig
from ..registry import Outlet, cite, load_registry
from ..report import BuildReport
from ..rights import RESTRICTED, STATUS_MEANINGS, WITHHELD
from ..schema import arrow_schema, features_yaml, to_row
from ..write import WrittenSplit, write_split
from . import figures
from .layout import CONFIGS, OUTLETS_SPLIT, read, system_allocator
from .licence import compilation_licence, mit_terms, yaml_licence
from .statement import BUILDER_CARD, NOT_STATED, BuilderCard, load_card_file, unstated

#: What the card's YAML says about any build (valid Hub values only; see hub_terms.py): the texts were found,
#: not written for the dataset; segmentation and metadata are machine-generated. The licence keys come from
#: the builder's card file (`licence.yaml_licence`).
CARD_DATA = {
    "language_creators": ["found"],
    "annotations_creators": ["machine-generated"],
    "source_datasets": ["original"],
}
#: Task categories that need no labels, declared when the builder's card file names none: the dataset
#: has texts and metadata, not class labels, so no classification task is claimed on its behalf.
UNLABELLED_TASKS = {"task_categories": ["text-generation", "feature-extraction"], "task_ids": ["language-modeling"]}
UNTITLED = f"Untitled corpus (title {NOT_STATED})"
GATE = {
    "extra_gated_prompt": ("The article texts remain the property of their publishers; some publishers' terms forbid "
                           "their use in datasets or for AI training. Access is for research on the texts; do not "
                           "redistribute the full texts."),
    "extra_gated_fields": {"Affiliation": "text", "Intended use": "text",
                           "I will use the texts for research only and will not redistribute them": "checkbox"},
}
#: The tools named in the card, with the version installed when the build ran.
TOOLS = ("rensa", "py3langid", "python-dateutil", "ftfy", "pyarrow", "datasets")
PACKAGE = "corpus-pkg"
ENVIRONMENT = re.compile(r"<!-- build-environment -->\n.*?<!-- /build-environment -->", re.S)


def data_metadata(written: dict[str, list[WrittenSplit]], out_dir: Path) -> dict:
    """`configs` and `dataset_info`, from what was written (the validator rebuilds `written` from disk)."""
    configs, infos = [], []
    for layout in CONFIGS:
        present = [w for w in written[layout.name] if w.num_examples]  # datasets cannot load an empty split
        if not present:     # nor a config without files (an outlets table when the texts name no outlet)
            continue
        configs.append({"config_name": layout.name,
                        "data_files": [{"split": w.split, "path": f"{layout.folder}/{w.split}-*"} for w in present]})
        splits = [{"name": w.split, "num_bytes": w.num_bytes, "num_examples": w.num_examples} for w in present]
        download = sum((out_dir / f).stat().st_size for w in written[layout.name] for f in w.files)
        infos.append({"config_name": layout.name, "features": features_yaml(layout.model), "splits": splits,
                      "download_size": download, "dataset_size": sum(s["num_bytes"] for s in splits)})
    return {"configs": configs, "dataset_info": infos}


def metadata(config: BuildConfig, statement: BuilderCard, data: figures.BuildData, written: dict) -> dict:
    """The YAML front matter: the builder's title, tags and tasks; everything else computed from the data."""
    languages = figures.data_languages(data)
    tasks = ({"task_categories": statement.task_categories, "task_ids": statement.task_ids}
             if statement.task_categories else UNLABELLED_TASKS)
    return {"pretty_name": statement.title or UNTITLED,
            **({"language": languages} if languages else {}),
            "multilinguality": ["multilingual" if len(languages) > 1 else "monolingual"],
            **CARD_DATA, **yaml_licence(statement),
            "size_categories": [figures.size_category(data.articles.num_rows)],
            **{key: value for key, value in tasks.items() if value},
            **({"tags": statement.tags} if statement.tags else {}),
            **(GATE if config.card.gated else {}), **data_metadata(written, data.out_dir)}


def card_date(statement: BuilderCard) -> tuple[dt.date, str]:
    """The card's date and what it is: the builder's release date, else the build's date (SOURCE_DATE_EPOCH,
    the reproducible-builds convention, when set, so a rebuild can be byte-identical; else today, UTC)."""
    if statement.date:
        return statement.date, "release date stated by the builder"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.date(), "the date of the build: the builder states no release date"


def citation(statement: BuilderCard) -> str:
    """BibTeX for the card and the Croissant file: title, authors, year, version and URL as far as stated."""
    date, _ = card_date(statement)
    title = statement.title or UNTITLED
    key = re.sub(r"[^a-z0-9]+", "_", (statement.title or "corpus").casefold()).strip("_")[:40] or "corpus"
    fields = {"title": f"{{{title}}}", "author": f"{{{{{statement.curation.curators}}}}}" if statement.curation.curators else None,
              "year": str(date.year), "version": f"{{{statement.version}}}" if statement.version else None,
              "url": f"{{{statement.contact.url}}}" if statement.contact.url else None,
              "note": f"{{Built with corpus\\_pkg {installed_version(PACKAGE)}}}"}
    body = ",\n".join(f"  {name:<7} = {value}" for name, value in fields.items() if value)
    return f"@misc{{{key}_{date.year},\n{body}\n}}"


def installed_version(name: str) -> str:
    """The version of an installed distribution (importlib.metadata), or "not installed"."""
    try:
        return package_metadata.version(name)
    except package_metadata.PackageNotFoundError:
        return "not installed"


def tool_versions() -> dict[str, str]:
    """The version of each tool the card names, as installed where the build ran (importlib.metadata)."""
    return {tool: installed_version(tool) for tool in TOOLS}


def code_source() -> str:
    """Where the running corpus_pkg came from: the repository and commit pip recorded for a VCS install
    (PEP 610 direct_url.json), or the commit of the git checkout an editable install points to; else
    says they are not known."""
    try:
        direct = json.loads(package_metadata.distribution(PACKAGE).read_text("direct_url.json") or "{}")
    except package_metadata.PackageNotFoundError:
        direct = {}
    if "vcs_info" in direct:
        return f"from repository {direct['url']}, commit {direct['vcs_info'].get('commit_id', 'not recorded')}"
    folder = Path(__file__).resolve().parents[2]
    commit = _git(folder, "rev-parse", "HEAD")
    if not commit:
        return "repository and commit not known: not installed from a git repository"
    remote = public_remote(_git(folder, "config", "--get", "remote.origin.url"))
    where = f"from repository {remote}" if remote else "from a local git checkout with no public remote"
    dirty = ", with uncommitted changes" if _git(folder, "status", "--porcelain", "--untracked-files=no") else ""
    return f"{where}, commit {commit}{dirty}"


def public_remote(url: str) -> str | None:
    """A git remote as the card may print it: a URL without its user and password (a token in
    `https://user:token@host/...` must not reach a published card), `host:path` for `user@host:path`; None for
    a remote that is a path on the building machine (a clone of a local folder says nothing to a reader and
    names the builder's folders)."""
    from urllib.parse import urlsplit, urlunsplit

    if "://" in url:
        parts = urlsplit(url)
        if parts.scheme == "file" or not parts.hostname:
            return None
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    head, colon, path = url.partition(":")
    if colon and "/" not in head and len(head) > 1:          # scp-like 'git@github.com:org/repo.git'
        return f"{head.rpartition('@')[2]}:{path}"
    return None


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def environment() -> str:
    """The build-environment block: corpus_pkg's version and source, and the tools' installed versions.
    It describes the machine that built the folder, so `validate` does not recompute it."""
    tools = ", ".join(f"{tool} {version}" for tool, version in tool_versions().items())
    return (f"<!-- build-environment -->\nBuilt with corpus_pkg {installed_version(PACKAGE)} ({code_source()}) on Python "
            f"{platform.python_version()}, with {tools}.\n<!-- /build-environment -->")


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("corpus_pkg", "card"), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(value=figures.render_value, format_code=lambda code: f"`{code}`", cite=cite)
    return env


def licence_file(config: BuildConfig, statement: BuilderCard, outlets: list[dict]) -> str:
    """The folder's LICENSE (`LICENSE-dataset.md.j2`): the compilation's holder and licence as the builder's
    card file states them, corpus_pkg's own MIT licence for the software and the registry's outlet facts, and
    the publisher terms the registry documents for the outlets whose texts the data contains (`outlets`: rows of
    the `outlets` config)."""
    contained = [o for o in outlets if o["n_articles"]
                 and (o["rights_status"] == RESTRICTED or any(f["kind"] == "terms" for f in o["facts"]))]
    return _templates().get_template("LICENSE-dataset.md.j2").render(
        lic=compilation_licence(statement), year=card_date(statement)[0].year, mit=mit_terms(),
        not_stated=NOT_STATED, has_outlets=bool(outlets), terms_outlets=sorted(contained, key=lambda o: o["name"]),
        rights=config.rights)


def render(config: BuildConfig, statement: BuilderCard, data: figures.BuildData, written: dict,
           unmatched_rules: list[str] = ()) -> str:
    """The card's text. `unmatched_rules`: the per-outlet rights rules that matched no outlet of the build
    (`rights.unmatched_rules`), which the card's rule table says decided nothing."""
    env = _templates()
    meta = metadata(config, statement, data, written)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=120)
    outlets = {o["name"]: o for o in data.outlets}
    terms = sorted(name for name, o in outlets.items()
                   if o["rights_status"] == RESTRICTED or any(f["kind"] == "terms" for f in o["facts"]))
    date, date_kind = card_date(statement)
    raters = {r["rater"] for o in outlets.values() for r in o["ratings"]}
    body = env.get_template("template.md.j2").render(
        config=config, meta=meta, figure=figures.blocks(data),
        configs=[c for c in CONFIGS if c.name in {declared["config_name"] for declared in meta["configs"]}],
        raters=[note for note in load_registry().raters if note.rater in raters], status_meanings=STATUS_MEANINGS, terms_outlets=terms,
        restricted_outlets=[o for o in outlets.values() if o["rights_status"] == RESTRICTED],
        has_outlets=bool(data.outlets), rights_over_copies=rights_over_copies(data), licence=compilation_licence(statement),
        markup_inputs=figures.markup_inputs(data), stated=statement, not_stated=NOT_STATED, unstated=unstated(statement), languages=meta.get("language", []),
        date=date.isoformat(), date_kind=date_kind, environment=environment(), citation=citation(statement),
        card_file=BUILDER_CARD if statement.text is not None else None, unmatched_rules=list(unmatched_rules))
    return f"---\n{front}---\n\n{body}"


def rights_over_copies(data: figures.BuildData) -> bool:
    """Whether an article printed more than once (`n_copies` > 1) has its text withheld or flagged `restricted`:
    then the card says how the rights of such an article are decided (over all its copies: rights.py)."""
    articles = data.articles
    if not articles.num_rows:
        return False
    status = articles.column("rights_status")
    held = pc.or_(pc.equal(status, WITHHELD), pc.equal(status, RESTRICTED))
    return bool(pc.any(pc.and_(held, pc.greater(articles.column("n_copies"), 1))).as_py())


def outlet_rows(data: figures.BuildData) -> list[Outlet]:
    """The `outlets` config: the outlets and re-posting sites the data names, with the registry's facts
    about each (or none); registry outlets the data does not name are not published."""
    return [row for row in load_registry().outlet_rows(*figures.outlet_counts(data))
            if row.n_articles or row.n_hosted_copies]


def write_outlets(out_dir: Path, config: BuildConfig, data: figures.BuildData) -> WrittenSplit:
    """Write the `outlets` config (see `outlet_rows`)."""
    rows = [to_row(r) for r in outlet_rows(data)]
    return write_split(out_dir, "outlets", OUTLETS_SPLIT, rows, arrow_schema(Outlet), config.parquet)


def write(out_dir: Path, *, config: BuildConfig, report: BuildReport, written: dict,
          statement: BuilderCard | None = None) -> dict[str, str]:
    """Write the outlets config, LICENSE, the builder's card file (as given), README.md and croissant.json.
    Returns croissant.json's SHA-256 of each file it lists (relative path -> hex digest; see `write_croissant`)."""
    statement = statement if statement is not None else load_card_file(config.card.file)
    if statement.text is not None:
        (out_dir / BUILDER_CARD).write_text(statement.text, encoding="utf-8")
    with system_allocator():    # the figures' columns: see `layout.system_allocator`
        return _write_card(out_dir, config, statement, written, figures.load(out_dir, report.files),
                           report.unmatched_rights_rules)


def _write_card(out_dir: Path, config: BuildConfig, statement: BuilderCard, written: dict,
                data: figures.BuildData, unmatched_rules: list[str] = ()) -> dict[str, str]:
    from ..croissant import write_croissant  # imported here: croissant imports this module

    written = {**written, "outlets": [write_outlets(out_dir, config, data)]}
    data.outlets = read(out_dir, "outlets").to_pylist()  # as written, so the card shows what the table holds
    (out_dir / "LICENSE").write_text(licence_file(config, statement, data.outlets), encoding="utf-8")
    (out_dir / "README.md").write_text(render(config, statement, data, written, unmatched_rules), encoding="utf-8")
    return write_croissant(out_dir, config, statement, data)
