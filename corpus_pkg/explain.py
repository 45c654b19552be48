"""`corpus-pkg explain FILE`: the page with the role, reason and unit given to every line."""

from __future__ import annotations

from pathlib import Path

from .profiles import load_profile
from .read import read_page
from .registry import load_registry, outlet_key
from .segment import Classifier, Segmenter
from .extract import Extractor


def explain_file(path: Path, profiles: list[Path] | None = None) -> str:
    path = Path(path)
    source, report = read_page(path, path.parent)
    if source is None:
        raise ValueError(f"{path}: {report.reason}")
    profile = load_profile(tuple(profiles or ()))
    registry = load_registry()
    analysis = Segmenter(Classifier(profile, registry.known_keys(), outlet_key)).analyse(source.lines)
    records = Extractor(profile, registry).extract(analysis, source)
    lines = source.lines
    out = [f"# {source.source_file}: {len(lines)} lines, {len(records)} unit(s)"]
    for index, record in enumerate(records):
        p = record.provenance
        out.append(f"#   unit {index}: lines {p.line_start}-{p.line_end} {record.kind} {record.title!r} "
                   f"authors={record.authors} outlet={record.outlet!r} ({record.outlet_evidence}) "
                   f"date={record.published_date} truncated={record.truncated}")
    out.append("# line  unit  role         why (class / detail)")
    for block, (role, detail, unit) in zip(analysis.blocks, analysis.roles):
        for number in range(block.line_start, block.line_end + 1):
            text = lines[number - 1]
            why = block.cls if detail is None else f"{block.cls} / {detail}"
            unit_label = "-" if unit is None else str(unit)
            out.append(f"{number:6}  {unit_label:>4}  {role:<11}  {why:<28} | {text[:100]}")
    return "\n".join(out) + "\n"
