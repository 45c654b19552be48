"""`corpus-pkg explain FILE`: the page decision and why, each unit with its article id, and every line
with its role, reason, unit and content score.

FILE is read by the build's own readers (`read.read_page` for a text page, `inputs.tasks` for an HTML page and
for the records of a WARC, JSON Lines, JSON or Parquet file), and each page is read as the build reads it: a
text page by the segmenter and the extractor, a document (an HTML page, a WARC response, a scraper's record) by
`inputs.units.document_units`. A container's pages are explained one after the other (or only the one chosen
with `record`), then its records that are not pages, as the build report names them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .config import BuildConfig, InputsConfig
from .extract import Extractor
from .inputs import CONTAINER_KINDS, kind_of
from .inputs.document import Document, InputError
from .inputs.tasks import ContainerDone, container_tasks, describe, read_html_file, warc_document
from .inputs.decision import PageTitles, decided_units
from .inputs.units import document_page
from .inputs.warc import WarcPage
from .profiles import load_profile
from .read import SourcePage, read_page
from .registry import load_registry, outlet_key
from .segment import Classifier, PageAnalysis, PageDecision, Segmenter
from .segment.score import score_blocks


def explain_file(path: Path, profiles: list[Path] | None = None, layout: str | None = None, title: str | None = None,
                 record: int | None = None, config: BuildConfig | None = None) -> str:
    """The file as the builder reads it, as text. For each page: a header with the page decision and one line
    per unit (its article id: the content id a build gives it, unless it is a duplicate of another page's),
    then one line per line of the page (for a document, the text the build reads: its title, then its
    paragraphs). `layout` and `title` apply to text pages (the build reads documents as one article each).
    `record` (1-based) explains only that page of a container (WARC, JSON Lines, JSON, Parquet).
    `config`: the build's config, read as the build reads it: its extra profiles (before `profiles`), whether
    the built-in ones apply, its record field mapping, and its layout and title for the file's path relative to
    its input folder (the file's name when it lies elsewhere); `layout` and `title` given here win.
    Raises ValueError when the file cannot be read, or has no page `record`."""
    path = Path(path)
    config = config or BuildConfig()
    explainer = _Explainer([*config.profiles, *(profiles or [])], config.use_builtin_profiles)
    page_layout, page_title = config.page_options(_relative_to_input(path, config.input_dir))
    layout, title = layout or page_layout, title or page_title
    kind = kind_of(path)
    if kind in CONTAINER_KINDS:
        return "".join(explainer.container(path, kind, record, config.inputs))
    if record is not None:
        raise ValueError(f"{path}: --record applies to a WARC, JSON Lines, JSON or Parquet file, not one page")
    if kind == "html":
        document, report = read_html_file(path, path.parent)
        if document is None:
            raise ValueError(f"{path}: {report.reason}")
        return explainer.document(document, _notes(report.repairs, report.warnings))
    source, report = read_page(path, path.parent)
    if source is None:
        raise ValueError(f"{path}: {report.reason}")
    return explainer.text_page(source, layout, title, _notes(report.repairs, report.warnings))


class _Explainer:
    def __init__(self, profiles: list[Path], use_builtin_profiles: bool):
        profile = load_profile(tuple(profiles), use_builtin_profiles)
        registry = load_registry()
        self.extractor = Extractor(profile, registry)
        self.segmenter = Segmenter(Classifier(profile, self.extractor.known_outlets, outlet_key))
        self.page_titles = PageTitles.of(profile)

    def text_page(self, source: SourcePage, layout: str, title: str, notes: list[str]) -> str:
        analysis = self.segmenter.analyse(source.lines, layout, title)
        records = self.extractor.extract(analysis, source)
        roles = [role for block, role in zip(analysis.blocks, analysis.roles)
                 for _ in range(block.line_start, block.line_end + 1)]
        return _render(source, analysis, records, roles, [f"# {source.source_file}"], notes)

    def document(self, document: Document, notes: list[str], where: str | None = None) -> str:
        source = document_page(document)
        analysis = self.segmenter.analyse(source.lines)
        decision, records, spans = decided_units(document, source, analysis, self.page_titles, self.extractor,
                                                  self.segmenter)
        roles = [(s["role"], s["detail"], s["unit"]) for s in spans for _ in range(s["line_start"], s["line_end"] + 1)]
        head = [f"# {source.source_file}{f' {where}' if where else ''}",
                f"# {document.kind} input; the text read: its title, then its paragraphs; {document.extraction}"]
        return _render(source, analysis, records, roles, head, notes, decision)

    def container(self, path: Path, kind: str, record: int | None, inputs: InputsConfig) -> Iterator[str]:
        pages = 0
        for task in container_tasks(path, path.parent, kind, inputs):
            if isinstance(task, ContainerDone):
                yield from _container_report(path, task, pages, record)
                return
            pages += 1
            if record is not None and pages != record:
                continue
            item: WarcPage | Document = task.item
            where = f"page {pages}, {describe(item) if isinstance(item, WarcPage) else item.record}"
            if isinstance(item, WarcPage):
                try:
                    item = warc_document(task.container, item)
                except InputError as exc:      # the build notes such a response in the file's report
                    yield f"# {task.container} {where}: no page: {exc}\n\n"
                    continue
            yield self.document(item, _notes(item.repairs, item.warnings), where) + "\n"


def _relative_to_input(path: Path, input_dir: Path | str) -> str:
    """The path the config's layout and title globs are matched against: relative to the input folder, as in a
    build; the file's name when it lies outside that folder (or the input is a URI)."""
    try:
        return path.resolve().relative_to(Path(input_dir).resolve()).as_posix()
    except (ValueError, TypeError):
        return path.name


def _container_report(path: Path, done: ContainerDone, pages: int, record: int | None) -> Iterator[str]:
    report = done.report
    if report.status == "skipped" and not pages:
        raise ValueError(f"{path}: {report.reason}")
    if record is not None and not 1 <= record <= pages:
        raise ValueError(f"{path}: no page {record}: the file holds {pages} page(s)")
    counts = ", ".join(f"{n} {what}" for what, n in sorted(report.records.items()))
    layout = f"; fields read as {report.record_layout}" if report.record_layout else ""
    yield f"# {report.source_file}: {report.input_kind}: {pages} page(s) read; records: {counts or 'none'}{layout}\n"
    yield "".join(f"#   {note}\n" for note in report.record_notes)
    yield "".join(f"# warning: {warning}\n" for warning in report.warnings)


def _render(source: SourcePage, analysis: PageAnalysis, records: list, roles: list[tuple], head: list[str],
            notes: list[str], decision: PageDecision | None = None) -> str:
    """The explanation of one page; `roles`: (role, detail, unit) per line; `head`: its first lines (the first
    names the page, and gets the counts); `decision`: the page's, when it is not the segmenter's (a document's)."""
    lines = source.lines
    decision = decision or analysis.decision
    scores = analysis.scores or score_blocks(analysis.blocks)[0]   # a page read as several has none of its own
    out = [f"{head[0]}: {len(lines)} lines, {len(records)} unit(s)", *head[1:],
           *(f"# {note}" for note in notes), *(f"# warning: {w}" for w in analysis.warnings),
           f"# page decision: {decision.kind} ({decision.reason})"]
    for index, record in enumerate(records):
        p = record.provenance
        out.append(f"#   unit {index}: id {record.unit_id} lines {p.line_start}-{p.line_end} {record.kind} {record.title!r} "
                   f"authors={record.authors} outlet={record.outlet!r} ({record.outlet_evidence}) "
                   f"date={record.published_date} truncated={record.truncated}")
    out.append("# line  unit  role         score  why (class / detail; score reason)")
    block_of = {n: (block, scored) for block, scored in zip(analysis.blocks, scores)
                for n in range(block.line_start, block.line_end + 1)}
    for number, (text, (role, detail, unit)) in enumerate(zip(lines, roles), start=1):
        block, scored = block_of.get(number, (None, None))
        why = (block.cls if block else "-") if detail is None else f"{block.cls if block else '-'} / {detail}"
        first = block is not None and number == block.line_start
        if scored is not None and first:
            why += f"; {scored.reason}"
        value = f"{scored.score:6.1f}" if scored is not None and first else "      "
        unit_label = "-" if unit is None else str(unit)
        out.append(f"{number:6}  {unit_label:>4}  {role:<11} {value}  {why:<44} | {text[:100]}")
    return "\n".join(out) + "\n"


def _notes(repairs: list[str], warnings: list[str]) -> list[str]:
    """What the reader changed decoding the page, and what it warns of, as the build report lists them."""
    return [f"repaired: {r}" for r in repairs] + [f"warning: {w}" for w in warnings]
