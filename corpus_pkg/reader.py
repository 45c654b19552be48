"""Pass 1 on one input: a file (or a container's record) read, segmented and extracted into the rows the spools hold.

`PageReader` is what each worker process (or a one-process build) runs: it builds its segmenter, extractor and
MinHash signer once, and turns a file into a `FileResult`: the page row (its line spans still name units by their
index on the page, since article ids are known only after deduplication), one row per unit, and the units' content
keys, MinHash signatures, rights actions and author names. `stream` hands files to readers and gathers their
results in input order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa

from .config import RIGHTS_ACTIONS, BuildConfig
from .dedup import MinHasher, content_key, copy_rank, opening_key
from .extract import Extractor, UnitRecord, identify_languages
from .inputs import kind_of
from .inputs.decision import PageTitles, decided_units
from .inputs.document import Document, InputError
from .inputs.tasks import ContainerDone, FileTask, RecordTask, describe, read_html_file, warc_document
from .inputs.units import document_page
from .inputs.warc import WarcPage
from .profiles import load_profile
from .read import read_page
from .registry import load_registry, outlet_key
from .report import FileReport
from .rights import RightsDecision, decide
from .schema import Article, Page, described_schema
from .segment import Classifier, PageAnalysis, Segmenter


#: Distinct (outlet, host, authors, kind) whose rights decision a PageReader remembers.
RIGHTS_REMEMBERED = 4096


#: Characters of text signed in one `MinHasher.signatures` call at most: its cost is mostly per call, but past a few
#: hundred thousand characters its numpy arrays (several bytes a character) no longer stay in the cache; 32 pages of
#: a seed-like corpus (800,000 characters) cost a quarter more than 8.
SIGNED_CHARS = 250_000


#: Fields of an Article that deduplication decides; everything else comes from the kept copy's unit row.
DECIDED = ("n_copies", "duplicate_group", "provenance")


@cache
def unit_schema() -> pa.Schema:
    """A unit as extracted from one page: the Article fields of its own copy, its single provenance
    entry and the rights action for its outlet (a work file's schema: `schema.described_schema`)."""
    article = described_schema(Article)
    fields = [article.field(name) for name in article.names if name not in DECIDED]
    provenance = article.field("provenance").type.value_type
    return pa.schema(fields + [pa.field("provenance", provenance), pa.field("rights_action", pa.string())])


@cache
def page_schema() -> pa.Schema:
    """A page as read: the Page fields, its spans naming a unit index on the page instead of an article id."""
    page = described_schema(Page)
    span = page.field("spans").type.value_type
    span_fields = [pa.field("unit", pa.int32()) if f.name == "article_id" else f for f in span]
    return page.set(page.get_field_index("spans"), pa.field("spans", pa.list_(pa.struct(span_fields))))


@dataclass
class SpooledRows:
    """Rows a worker spooled: one Arrow IPC record batch (`RecordBatch.serialize()`) of `rows` rows, `size` bytes
    at `offset` in the file `path`."""

    path: str
    offset: int
    size: int
    rows: int


@dataclass
class FileResult:
    report: FileReport | None                      # None for a page of a container (its report comes after)
    page: dict | None = None                       # a row of page_schema(); None for a skipped file or once spooled
    units: list[dict] = field(default_factory=list)  # rows of unit_schema() (none once spooled)
    keys: list[int] = field(default_factory=list)  # 64-bit content keys of the units
    signatures: np.ndarray | None = None           # (units, num_perm) uint32
    record_notes: list[str] = field(default_factory=list)   # a container's record that is not a page, and why
    record_repairs: list[str] = field(default_factory=list)  # changes made decoding a container's record
    record_warnings: list[str] = field(default_factory=list)  # what a container's record holds that a user should know
    copy_ranks: list[int] = field(default_factory=list)  # each unit's rank among copies (dedup.copy_rank)
    openings: list[int] = field(default_factory=list)  # each unit's opening and headline key (dedup.opening_key)
    has_page: bool = False                         # the file (or record) gave a page row, spooled or in `page`
    actions: list[int] = field(default_factory=list)  # per unit: its rights action, as a code into RIGHTS_ACTIONS
    authors: list[list[str]] = field(default_factory=list)  # per unit: its printed author names
    # set on the first result of a batch a worker spooled: where its (units, pages) rows are
    spooled: tuple[SpooledRows | None, SpooledRows | None] | None = None

    @property
    def n_units(self) -> int:
        return len(self.keys)


def page_type(analysis: PageAnalysis, units: list[UnitRecord], listing: bool = False) -> str:
    """The build report's page type; `listing`: a document decided a listing of teasers (`inputs.decision`), as
    the segmenter's teasers say of a text page (`segment.decide`)."""
    hosted = any(u.provenance.host_site for u in units)
    if not units:
        return "listing" if listing or analysis.teasers else "no-article"
    kinds = Counter(u.kind for u in units)
    if len(units) == 1:
        return "single-article"
    if kinds.get("preface"):
        return "repost-with-preface"
    return "aggregator" if hosted else "multi-article"


def unit_spans(analysis: PageAnalysis) -> list[dict]:
    """Consecutive lines with the same role, detail and unit merged into spans (every line in one)."""
    spans: list[dict] = []
    for block, (role, detail, unit) in zip(analysis.blocks, analysis.roles):
        last = spans[-1] if spans else None
        if last and (last["role"], last["detail"], last["unit"]) == (role, detail, unit) \
                and last["line_end"] == block.line_start - 1:
            last["line_end"] = block.line_end
        else:
            spans.append({"line_start": block.line_start, "line_end": block.line_end, "role": role,
                          "detail": detail, "unit": unit})
    return spans


class PageReader:
    """Reads, segments and extracts one file at a time (one per worker process)."""

    def __init__(self, config: BuildConfig, input_dir: Path, site_lines: frozenset[str] = frozenset(),
                 decoded: dict | None = None):
        self.input_dir = input_dir
        self.decoded = decoded if decoded is not None else {}   # pages `site_lines` decoded already, by path
        self.config = config
        self.rights = config.rights
        self.registry = load_registry()
        profile = load_profile(tuple(config.profiles), config.use_builtin_profiles)
        self.extractor = Extractor(profile, self.registry)
        self.segmenter = Segmenter(Classifier(profile, self.extractor.known_outlets, outlet_key), site_lines)
        self.page_titles = PageTitles.of(profile)
        self.hasher = MinHasher(config.dedup)
        # the unit row's fields a UnitRecord holds, in the schema's order (the others are set by `_unit_row`)
        self.unit_names = [name for name in unit_schema().names if name in UnitRecord.__dataclass_fields__
                           and name != "provenance"]
        self.decisions: dict[tuple, RightsDecision] = {}   # see `_rights`
        self._unsigned: list[tuple[FileResult, list[str]]] = []    # see `batch`
        self._unidentified: list[dict] = []         # unit rows whose language `batch` identifies

    def __call__(self, task: FileTask | RecordTask | ContainerDone | Path) -> FileResult:
        """One work item of `inputs.tasks` (a bare path is a FileTask)."""
        return self.batch([task])[0]

    def _read(self, task: FileTask | RecordTask | ContainerDone | Path) -> FileResult:
        if isinstance(task, ContainerDone):
            return FileResult(task.report)
        if isinstance(task, RecordTask):
            return self._record(task)
        path = task.path if isinstance(task, FileTask) else task
        if kind_of(path) == "html":
            document, file_report = read_html_file(path, self.input_dir)
            return self._document(document, file_report) if document is not None else FileResult(file_report)
        ahead = self.decoded.pop(path, None)
        source, file_report = ahead if ahead is not None else read_page(path, self.input_dir)
        if source is None:
            return FileResult(file_report)
        lines = source.lines
        layout, title = self.config.page_options(path.relative_to(self.input_dir).as_posix()
                                                 if path.is_relative_to(self.input_dir) else path.name)
        analysis = self.segmenter.analyse(lines, layout, title)
        units = self.extractor.extract(analysis, source, identify=False)      # identified by `batch`
        decision = analysis.decision
        file_report.n_articles = len(units)
        file_report.page_type = page_type(analysis, units)
        file_report.page_decision = f"{decision.kind}: {decision.reason}"
        file_report.warnings += analysis.warnings
        if not units:
            file_report.warnings.append(f"no article found on the page ({decision.reason}); all its lines are kept "
                                        "in the pages audit")
        page = {"source_file": source.source_file, "sha256": source.sha256, "n_bytes": source.n_bytes,
                "encoding": source.encoding, "n_lines": len(lines), "n_articles": len(units), "text": source.text,
                "page_decision": decision.kind, "page_decision_reason": decision.reason,
                "spans": unit_spans(analysis), "input_kind": "text"}
        return self._result(file_report, page, units)

    def _record(self, task: RecordTask) -> FileResult:
        """A page of a container: a WARC response to extract, or a scraper's record."""
        document = task.item
        if isinstance(document, WarcPage):
            try:
                document = warc_document(task.container, task.item)
            except InputError as exc:
                return FileResult(None, record_notes=[f"{describe(task.item)}: {exc}"])
        result = self._document(document, None)
        where = describe(task.item) if isinstance(task.item, WarcPage) else document.record
        result.record_repairs = [f"{where}: {r}" for r in document.repairs]
        result.record_warnings = [f"{where}: {w}" for w in document.warnings]
        return result

    def _document(self, document: Document, file_report: FileReport | None) -> FileResult:
        """A Document as the text path's page and units (see `inputs.units`), or as a page with no article when
        its decision is `none` (`inputs.decision`: every line kept in the pages audit, the reason reported)."""
        source = document_page(document)
        lines = source.lines
        analysis = self.segmenter.analyse(lines)
        decision, units, spans = decided_units(document, source, analysis, self.page_titles, self.extractor,
                                                self.segmenter)
        if not units:
            note = f"no article found on the page ({decision.reason}); all its lines are kept in the pages audit"
            (file_report.warnings if file_report is not None else document.warnings).append(note)
        if file_report is not None:
            file_report.n_articles = len(units)
            file_report.page_type = page_type(analysis, units, listing=bool(document.teasers))   # (a preface: 2 units)
            file_report.page_decision = f"{decision.kind}: {decision.reason}"
        page = {"source_file": source.source_file, "sha256": source.sha256, "n_bytes": source.n_bytes,
                "encoding": source.encoding, "n_lines": len(lines), "n_articles": len(units), "text": source.text,
                "page_decision": decision.kind, "page_decision_reason": decision.reason,
                "spans": spans, "input_kind": document.kind, "url": document.fetch_url or document.url,
                "fetch_date": document.fetch_date, "warc_record_id": document.warc_record_id,
                "record": document.record, "extraction": document.extraction}
        return self._result(file_report, page, units)

    def _result(self, file_report: FileReport | None, page: dict, units: list[UnitRecord]) -> FileResult:
        """A page's FileResult: its units' rows, content keys, MinHash signatures and copy ranks."""
        rows = [self._unit_row(u) for u in units]
        result = FileResult(file_report, page, rows, [content_key(u.unit_id) for u in units],
                            copy_ranks=[copy_rank(u) for u in units],
                            openings=[opening_key(u.text, u.title) for u in units], has_page=True,
                            actions=[RIGHTS_ACTIONS.index(row["rights_action"]) for row in rows],
                            authors=[row["authors"] for row in rows])
        self._unsigned.append((result, [u.text for u in units]))    # signed by `batch`
        self._unidentified += [row for row in rows if row["language"] is None]
        return result

    def _unit_row(self, unit: UnitRecord) -> dict:
        rights = self._rights(unit)
        row = {name: getattr(unit, name) for name in self.unit_names}
        row.update(id=unit.unit_id, provenance=unit.provenance.model_dump(), rights_holder=rights.holder,
                   rights_status=rights.status, rights_action=rights.action)
        return row

    def _rights(self, unit: UnitRecord) -> RightsDecision:
        """`rights.decide` for the unit, remembered: it depends only on the arguments it is given (the policy and
        the registry are the build's), and most units repeat an outlet, host and kind seen before (at most
        `RIGHTS_REMEMBERED` are kept, so the memory does not grow with the corpus)."""
        key = (unit.outlet, unit.host_site, tuple(unit.authors), unit.kind)
        decision = self.decisions.get(key)
        if decision is None:
            decision = decide(unit.outlet, unit.host_site, self.rights, self.registry, authors=unit.authors,
                              kind=unit.kind)
            if len(self.decisions) < RIGHTS_REMEMBERED:
                self.decisions[key] = decision
        return decision

    def batch(self, items: list) -> list[FileResult]:
        """The items' results in order, with the MinHash signatures of all their units from as few
        `MinHasher.signatures` calls as SIGNED_CHARS allows (whose cost is mostly per call, not per text: see
        `dedup.shingling`) and the languages of their text pages' units from one `identify_languages` call (one
        walk of the language automaton)."""
        self._unsigned, self._unidentified = [], []
        results = [self._read(item) for item in items]
        rows = self._unidentified
        for row, code in zip(rows, identify_languages([r["text"] for r in rows], [r["word_count"] for r in rows])):
            row["language"] = code
        signatures = self._signatures([text for _, texts in self._unsigned for text in texts])
        start = 0
        for result, texts in self._unsigned:
            result.signatures, start = signatures[start : start + len(texts)], start + len(texts)
        self._unsigned, self._unidentified = [], []
        return results

    def _signatures(self, texts: list[str]) -> np.ndarray:
        """`self.hasher.signatures(texts)`, in calls of at most SIGNED_CHARS characters (one text may be longer)."""
        if not texts:
            return self.hasher.signatures([])
        parts, start, chars = [], 0, 0
        for end, text in enumerate(texts, 1):
            chars += len(text)
            if chars >= SIGNED_CHARS or end == len(texts):
                parts.append(self.hasher.signatures(texts[start:end]))
                start, chars = end, 0
        return parts[0] if len(parts) == 1 else np.concatenate(parts)
