"""`corpus-pkg explain FILE`: the page decision and why, each unit with its article id, and every line
with its role, reason, unit and content score."""

from __future__ import annotations

from pathlib import Path

from .extract import Extractor
from .profiles import load_profile
from .read import read_page
from .registry import load_registry, outlet_key
from .segment import Classifier, Segmenter
from .segment.score import score_blocks


def explain_file(path: Path, profiles: list[Path] | None = None, layout: str = "auto", title: str = "auto") -> str:
    """The page as the builder reads it, as text: a header with the page decision and one line per unit
    (its article id: the content id a build gives it, unless it is a duplicate of another page's), then
    one line per input line. Raises ValueError when the file cannot be read."""
    path = Path(path)
    source, report = read_page(path, path.parent)
    if source is None:
        raise ValueError(f"{path}: {report.reason}")
    profile = load_profile(tuple(profiles or ()))
    registry = load_registry()
    analysis = Segmenter(Classifier(profile, registry.known_keys(), outlet_key)).analyse(source.lines, layout, title)
    records = Extractor(profile, registry).extract(analysis, source)
    lines = source.lines
    decision = analysis.decision
    scores = analysis.scores or score_blocks(analysis.blocks)[0]   # a page read as several has none of its own
    out = [f"# {source.source_file}: {len(lines)} lines, {len(records)} unit(s)",
           f"# page decision: {decision.kind} ({decision.reason})"]
    for index, record in enumerate(records):
        p = record.provenance
        out.append(f"#   unit {index}: id {record.unit_id} lines {p.line_start}-{p.line_end} {record.kind} {record.title!r} "
                   f"authors={record.authors} outlet={record.outlet!r} ({record.outlet_evidence}) "
                   f"date={record.published_date} truncated={record.truncated}")
    out.append("# line  unit  role         score  why (class / detail; score reason)")
    for block, (role, detail, unit), scored in zip(analysis.blocks, analysis.roles, scores):
        for number in range(block.line_start, block.line_end + 1):
            text = lines[number - 1]
            why = block.cls if detail is None else f"{block.cls} / {detail}"
            if scored is not None and number == block.line_start:
                why += f"; {scored.reason}"
            value = f"{scored.score:6.1f}" if scored is not None and number == block.line_start else "      "
            unit_label = "-" if unit is None else str(unit)
            out.append(f"{number:6}  {unit_label:>4}  {role:<11} {value}  {why:<44} | {text[:100]}")
    return "\n".join(out) + "\n"
