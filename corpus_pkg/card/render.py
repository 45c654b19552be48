"""Render the card: YAML front matter (configs, dataset_info) + the Jinja template's prose."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import jinja2
import yaml

from ..config import BuildConfig
from ..report import BuildReport
from ..schema import Article, Page, features_yaml, field_table
from .figures import compute

CONFIGS = {"default": ("data", Article), "pages": ("pages", Page)}


def metadata(config: BuildConfig, written: dict, out_dir: Path) -> dict:
    configs, infos = [], []
    for name, (folder, model) in CONFIGS.items():
        present = [w for w in written[name] if w.num_examples]  # datasets cannot load an empty split
        configs.append({"config_name": name,
                        "data_files": [{"split": w.split, "path": f"{folder}/{w.split}-*"} for w in present]})
        splits = [{"name": w.split, "num_bytes": w.num_bytes, "num_examples": w.num_examples} for w in present]
        download = sum((out_dir / f).stat().st_size for w in written[name] for f in w.files)
        infos.append({"config_name": name, "features": features_yaml(model), "splits": splits,
                      "download_size": download, "dataset_size": sum(s["num_bytes"] for s in splits)})
    return {
        "pretty_name": config.card.pretty_name,
        "language": ["en"],
        "license": "other",
        "license_name": "mixed-third-party-copyright",
        "license_link": "LICENSE",
        "configs": configs,
        "dataset_info": infos,
    }


def render(config: BuildConfig, report: BuildReport, written: dict, out_dir: Path) -> str:
    env = jinja2.Environment(loader=jinja2.PackageLoader("corpus_pkg", "card"), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    front = yaml.safe_dump(metadata(config, written, out_dir), sort_keys=False, allow_unicode=True, width=120)
    body = env.get_template("template.md.j2").render(
        config=config, report=report, figures=compute(out_dir),
        article_fields=field_table(Article), page_fields=field_table(Page))
    return f"---\n{front}---\n\n{body}"


def write(out_dir: Path, *, config: BuildConfig, report: BuildReport, written: dict) -> None:
    license_text = resources.files("corpus_pkg") / "card" / "LICENSE.md"
    with resources.as_file(license_text) as path:
        shutil.copyfile(path, out_dir / "LICENSE")
    (out_dir / "README.md").write_text(render(config, report, written, out_dir), encoding="utf-8")
