"""Issue 15 (memory): what a build keeps per file and per article, checked against the plain code it replaced.

- The build report's file list on disk (`report.FileReports`) against a list in memory: the same reports, the
  same `build-report.json` bytes, the same `duplicate_of` decisions (also when two hashes share a `hash()`).
- `build-report.json` read back one entry at a time (`report.read_report`, a buffer refilled a few characters at a
  time in the test) against pydantic's reading of the whole text.
- The card's figures that no longer use Arrow's `group_by` or Python rows per page (the pages' audit, the pages
  placed against the rule, the example records) against that plain code, on a generated corpus.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from corpus_pkg.config import SPLITS
from corpus_pkg.report import SUMMARY_FILE_LINES, BuildReport, FileReport, FileReports, read_report

ROOT = Path(__file__).resolve().parents[1]


def _reports(n: int, seed: int = 3) -> list[FileReport]:
    """`n` varied file reports: read, repaired, skipped, some with the bytes of an earlier file."""
    rng = random.Random(seed)
    hashes = [f"{rng.getrandbits(256):064x}" for _ in range(n)]
    files = []
    for i in range(n):
        status = rng.choice(["read", "read", "read", "repaired", "skipped"])
        sha = hashes[rng.randrange(i + 1)] if rng.random() < 0.3 else hashes[i]
        files.append(FileReport(
            source_file=f"pages/{i:04d} \"ü\".txt", status=status, n_bytes=rng.randrange(10**6),
            sha256=None if status == "skipped" else sha, reason="empty file (0 bytes)" if status == "skipped" else None,
            repairs=["mojibake repaired on 2 lines"] if status == "repaired" else [],
            encoding_confidence=rng.random() if i % 7 == 0 else None, page_type="multi-article",
            page_decision=f"several: {i} units\nwith \"quotes\"", n_articles=rng.randrange(5),
            warnings=["إنذار"] if i % 11 == 0 else [], records={"page": i} if i % 13 == 0 else {},
            record_notes=[f"record {i}: no main text"] if i % 13 == 0 else []))
    return files


def _built(files: list[FileReport], on_disk: Path | None) -> BuildReport:
    report = BuildReport(input_dir="in", output_dir="out", notes=["moved"], split_counts={"train": 3},
                         warnings=["a warning of the build"])
    if on_disk is not None:
        report.keep_files_on_disk(on_disk)
    for file in files:
        report.add_file(file.model_copy(deep=True))
    return report


def test_file_reports_on_disk_are_the_list_they_replace(tmp_path):
    files = _reports(300)
    in_memory, on_disk = _built(files, None), _built(files, tmp_path)
    assert isinstance(on_disk.files, FileReports) and isinstance(in_memory.files, list)
    assert list(tmp_path.iterdir()) == []      # an unnamed file: nothing is left in the folder
    assert len(on_disk.files) == len(in_memory.files) == 300
    assert list(on_disk.files) == in_memory.files
    assert on_disk.files[-1] == in_memory.files[-1] and on_disk.files[5:9] == in_memory.files[5:9]
    with pytest.raises(IndexError):
        on_disk.files[300]
    assert sum(f.duplicate_of is not None for f in in_memory.files) > 20     # the case is exercised
    in_memory.write_json(tmp_path / "a.json")
    on_disk.write_json(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "b.json").read_bytes() == (in_memory.model_dump_json(indent=2) + "\n").encode("utf-8")
    assert json.loads(on_disk.model_dump_json())["files"] == json.loads(in_memory.model_dump_json())["files"]
    assert on_disk.summary() == in_memory.summary() == _summary_in_passes(in_memory, SUMMARY_FILE_LINES)
    files = in_memory.files
    assert on_disk.strict_problems() == in_memory.strict_problems() == \
        [f"{f.source_file}: {f.outcome()}" for f in files if f.status != "read"] + in_memory.all_warnings() + \
        [f"{f.source_file}: {note}" for f in files for note in f.record_notes]


def _summary_in_passes(report: BuildReport, shown: int) -> str:
    """`BuildReport.summary` as it was written before, one pass over the files per figure."""
    files = list(report.files)
    copies = sum(1 for f in files if f.duplicate_of)
    lines = [f"files read      {sum(f.status != 'skipped' for f in files)} ({sum(f.status == 'repaired' for f in files)} "
             f"repaired, {sum(f.status == 'skipped' for f in files)} skipped, {copies} byte-identical copies) from "
             f"{report.input_dir}",
             f"articles        {report.n_articles} unique ({report.n_units} found on pages)",
             f"duplicates      {report.n_duplicate_copies} extra copies merged into {report.n_articles_with_copies} "
             f"articles; {report.n_duplicate_groups} duplicate groups",
             "splits          " + ", ".join(f"{name} {n}" for name, n in report.split_counts.items()),
             f"output          {report.output_dir}"]
    warnings = report.warnings + [f"{f.source_file}: {w}" for f in files for w in f.warnings]
    lines.append(f"warnings        {len(warnings)}")
    entries = [f"  {f.source_file}: {f.outcome()}" for f in files if f.status != "read"]
    entries += [f"  {f.source_file}: same bytes as {f.duplicate_of}" for f in files if f.duplicate_of]
    entries += [f"  {f.source_file}: records: " + ", ".join(f"{k} {v}" for k, v in f.records.items())
                for f in files if f.record_notes]
    entries += [f"  warning: {w}" for w in warnings] + [f"  note: {n}" for n in report.notes]
    lines += entries[:shown]
    if len(entries) > shown:
        lines.append(f"  ... and {len(entries) - shown} more in build-report.json")
    return "\n".join(lines)


def test_duplicate_of_is_exact_when_two_hashes_collide(monkeypatch, tmp_path):
    """`add_file` keys files by `hash(sha256)`; a collision must not make a file a copy of another."""
    files = [FileReport(source_file=f"f{i}", status="read", sha256=sha) for i, sha in
             enumerate(["a" * 64, "b" * 64, "a" * 64, "b" * 64, "c" * 64])]
    monkeypatch.setattr("corpus_pkg.report.hash", lambda value: 0, raising=False)   # every hash collides
    report = _built(files, tmp_path)
    assert [f.duplicate_of for f in report.files] == [None, None, "f0", "f1", None]


@pytest.mark.parametrize("block", [1, 7, 4096, 1 << 20])
def test_build_report_read_one_entry_at_a_time_is_the_whole_text_read(tmp_path, monkeypatch, block):
    monkeypatch.setattr("corpus_pkg.report.READ_BLOCK", block)    # values cut by the buffer at every place
    written = _built(_reports(120), tmp_path)
    written.n_units, written.stage_counts = 123456, {"dedup": {"units": 1234567}}   # numbers a buffer can cut
    written.write_json(tmp_path / "report.json")
    text = (tmp_path / "report.json").read_text(encoding="utf-8")
    read = read_report(tmp_path / "report.json", tmp_path)
    assert isinstance(read.files, FileReports) and list(tmp_path.iterdir()) == [tmp_path / "report.json"]
    assert read == BuildReport.model_validate_json(text).model_copy(update={"files": read.files})
    assert list(read.files) == BuildReport.model_validate_json(text).files
    read.write_json(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == text
    # any JSON layout of the same fields, and no file at all
    (tmp_path / "compact.json").write_text(json.dumps(json.loads(text), separators=(",", ":")), encoding="utf-8")
    assert list(read_report(tmp_path / "compact.json").files) == list(read.files)
    (tmp_path / "none.json").write_text('{"input_dir": "a", "output_dir": "b"}', encoding="utf-8")
    assert len(read_report(tmp_path / "none.json").files) == 0
    for damaged in (text[: len(text) // 2], text.replace('"files": [', '"files": {', 1), text[:-3]):
        (tmp_path / "bad.json").write_text(damaged, encoding="utf-8")
        with pytest.raises(ValueError):
            read_report(tmp_path / "bad.json")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small generated corpus, built once (one worker)."""
    import corpus_pkg

    root = tmp_path_factory.mktemp("memory")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), "--articles", "400", "--seed", "5",
                    str(root / "corpus")], check=True, capture_output=True)
    corpus_pkg.build(input_dir=root / "corpus" / "pages", output_dir=root / "out", workers=1)
    return root / "out"


def _audit_by_group_by(out_dir: Path, articles: pa.Table) -> tuple[pa.Array, pa.Table]:
    """The pages' audit as the card computed it before: Arrow `group_by` over every page's weights."""
    from corpus_pkg.card.figures.data import span_batches

    split_code = pc.index_in(articles.column("split"), value_set=pa.array(SPLITS)).combine_chunks()
    bylined, weights, first = [], [], 0
    for batch in span_batches(out_dir):
        spans = batch.column(0)
        flat = pc.list_flatten(spans)
        bylined.append(pc.filter(flat.field("article_id"), pc.equal(flat.field("role"), "byline")))
        index = pc.index_in(flat.field("article_id"), value_set=articles.column("id"))
        lines = pc.add(pc.subtract(flat.field("line_end"), flat.field("line_start")), 1)
        part = pa.table({"page": pc.add(pc.list_parent_indices(spans), first),
                         "split": pc.take(split_code, index), "lines": lines}).filter(pc.is_valid(index))
        weights.append(part.group_by(["page", "split"]).aggregate([("lines", "sum")]))
        first += batch.num_rows
    table = pa.concat_tables(weights).group_by(["page", "split"]).aggregate([("lines_sum", "sum")])
    ordered = table.sort_by([("page", "ascending"), ("lines_sum_sum", "descending"), ("split", "ascending")])
    pages = ordered.column("page").to_numpy()
    first_of_page = np.concatenate([[True], pages[1:] != pages[:-1]])
    return pc.unique(pa.chunked_array(bylined, pa.string())), ordered.filter(pa.array(first_of_page)).select(["page", "split"])


def test_the_pages_audit_weighed_with_numpy_is_the_group_by(built):
    from corpus_pkg.card.figures import data

    articles = data.read(built, "default", data.ARTICLE_COLUMNS)
    ids, majority = data._audit(built, articles)
    expected_ids, expected = _audit_by_group_by(built, articles)
    assert ids.equals(expected_ids)
    assert majority.column("page").to_pylist() == expected.column("page").to_pylist()
    assert majority.column("split").to_pylist() == expected.column("split").to_pylist()
    assert majority.num_rows > 100


def _page_splits_by_rows(d) -> str:
    """The figure as it was computed before: a Python name and a dict entry per page."""
    from corpus_pkg.card.figures.data import md_table, plural

    majority = dict(zip(d.page_majority.column("page").to_pylist(), d.page_majority.column("split").to_pylist()))
    rows = []
    names = [f"{name} ({record})" if record else name for name, record in
             zip(d.pages.column("source_file").to_pylist(), d.pages.column("record").to_pylist())]
    for page, (name, split) in enumerate(zip(names, d.pages.column("split").to_pylist())):
        if page not in majority:
            rows.append([f"`{name}`", split, "– (no article lines: placed by the hash of its bytes)"])
        elif SPLITS[majority[page]] != split:
            rows.append([f"`{name}`", split, f"{SPLITS[majority[page]]} (moved: {split} would otherwise be empty)"])
    text = f"{plural(d.pages.num_rows - len(rows), 'page')} of {d.pages.num_rows} sit in the split holding most of their article lines."
    return text + "\n" if not rows else text + " The others:\n\n" + md_table(["page", "split", "split of most of its article lines"], rows)


def test_pages_placed_against_the_rule_found_with_numpy(built):
    from corpus_pkg.card import figures

    d = figures.load(built, [])
    assert figures.FIGURES["page_splits"](d) == _page_splits_by_rows(d)
    # pages moved, pages with no article line, a page of a container (named with its record)
    d.pages = d.pages.set_column(d.pages.schema.get_field_index("split"), "split",
                                 pa.array([SPLITS[(i * 7) % 3] for i in range(d.pages.num_rows)]))
    d.pages = d.pages.set_column(d.pages.schema.get_field_index("record"), "record",
                                 pa.array([f"line {i}" if i % 5 == 0 else None for i in range(d.pages.num_rows)]))
    d.page_majority = d.page_majority.slice(0, d.page_majority.num_rows // 2)
    text = figures.FIGURES["page_splits"](d)
    assert text == _page_splits_by_rows(d) and "moved:" in text and "no article lines" in text and "(line 5)" in text


def _examples_by_sorting_articles(d) -> tuple[str, str]:
    """The ids of the typical and atypical records as chosen before: the articles' own columns filtered and sorted."""
    from corpus_pkg.card.figures.records import _trait_count

    a = d.articles
    median = pc.quantile(a.column("word_count"), q=0.5, interpolation="midpoint")[0].as_py()
    a = (a.append_column("traits", _trait_count(a))
          .append_column("reposted", pc.greater(a.column("n_copies"), 1))
          .append_column("distance", pc.abs(pc.subtract(pc.cast(a.column("word_count"), pa.float64()), median))))
    plain = a.filter(pc.equal(a.column("traits"), 0))
    source = plain if plain.num_rows else a
    typical = source.take(pc.sort_indices(source, sort_keys=[("distance", "ascending"), ("id", "ascending")])[:1])
    atypical = a.take(pc.sort_indices(a, sort_keys=[("reposted", "descending"), ("traits", "descending"),
                                                   ("word_count", "descending"), ("id", "descending")])[:1])
    return typical["id"][0].as_py(), atypical["id"][0].as_py()


def test_example_records_chosen_on_their_keys_are_those_of_the_whole_table(built):
    from corpus_pkg.card import figures

    d = figures.load(built, [])
    for variant in range(3):
        if variant == 1:       # no typical record: every article has a trait
            d.articles = d.articles.set_column(d.articles.schema.get_field_index("outlet"), "outlet",
                                               pa.nulls(d.articles.num_rows, pa.string()))
        if variant == 2:       # ties on length everywhere
            d.articles = d.articles.set_column(d.articles.schema.get_field_index("word_count"), "word_count",
                                               pa.array([300] * d.articles.num_rows, pa.int32()))
        typical, atypical = _examples_by_sorting_articles(d)
        text = figures.FIGURES["examples"](d)
        shown = [json.loads(block.split("```")[0])["id"] for block in text.split("```json\n")[1:]]
        assert shown == [typical, atypical]


def test_discover_keeps_strings_and_gives_the_paths_in_the_order_of_a_sorted_list(tmp_path):
    """`read.discover`'s FoundPaths against the list of Paths it replaced: same paths, same order (sorted POSIX
    paths relative to the input), hidden folders and symlinked ones listed, not entered."""
    import os

    from corpus_pkg.read import FoundPaths, discover

    for name in ["b.txt", "a/z.txt", "a/b/c.html", "A.txt", "a-b/x.txt", "a.b/y.txt", ".hidden/h.txt", "é/ü.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "link")
    found = discover(tmp_path)
    assert isinstance(found, FoundPaths)
    expected = sorted([p for p in tmp_path.rglob("*") if p.is_file() and ".hidden" not in p.parts and "link" not in p.parts]
                      + [tmp_path / ".hidden", tmp_path / "link"], key=lambda p: p.relative_to(tmp_path).as_posix())
    assert list(found) == expected and len(found) == len(expected) == 9
    assert found[0] == expected[0] and found[-1] == expected[-1] and found[2:5] == expected[2:5]
    assert all(type(p) is type(tmp_path) for p in found)


def _plain_build_data(out_dir: Path, files) -> "BuildData":  # noqa: F821
    """The card's columns as they were read before `compact_articles`: every string as stored, in one table per
    config, the copies taken from the whole provenance column; PRESENCE's booleans added for the figures."""
    from corpus_pkg.card.figures import BuildData, data
    from corpus_pkg.card.layout import read

    articles = read(out_dir, "default", data.ARTICLE_COLUMNS)
    provenance = articles.column("provenance").combine_chunks()
    flat = pc.list_flatten(provenance)
    copies = pa.table({"outlet": articles.column("outlet").take(pc.list_parent_indices(provenance)),
                       "host_site": flat.field("host_site"), "repost_date": flat.field("repost_date"),
                       "fetch_date": flat.field("fetch_date")})
    articles = articles.drop_columns(["provenance"])
    for name, answer in data.PRESENCE.items():
        articles = articles.append_column(name, answer(articles))
    bylined, majority = data._audit(out_dir, articles)
    return BuildData(out_dir=out_dir, articles=articles, copies=copies, pages=read(out_dir, "pages", data.PAGE_COLUMNS),
                     outlets=read(out_dir, "outlets").to_pylist(), files=files, bylined=bylined, page_majority=majority)


def test_card_figures_from_compact_columns_are_those_of_the_plain_columns(built, monkeypatch):
    """`figures.load` keeps repeated strings dictionary-encoded, batch by batch (dictionaries that differ from
    batch to batch, merged), and booleans for `authors`, `urls` and `byline`: every figure, the YAML's languages
    and the outlets table's counts must be those of the plain columns."""
    from corpus_pkg.card import figures
    from corpus_pkg.card.figures import data
    from corpus_pkg.pipeline import load_report

    files = load_report(built).files
    monkeypatch.setattr(data, "READ_BATCH", 7)      # many batches, each with its own dictionaries
    compact = figures.load(built, files)
    plain = _plain_build_data(built, files)
    a, p = compact.articles, plain.articles
    assert pa.types.is_dictionary(a.schema.field("outlet").type) and a.column("outlet").num_chunks == 1
    assert a.column("outlet").null_count > 0 and len(pc.unique(p.column("outlet"))) > 3
    assert a.num_rows == p.num_rows > 300 and compact.copies.num_rows == plain.copies.num_rows > a.num_rows
    assert figures.blocks(compact) == figures.blocks(plain)
    assert figures.data_languages(compact) == figures.data_languages(plain)
    assert figures.outlet_counts(compact) == figures.outlet_counts(plain)
    assert a.nbytes < p.nbytes / 2
    # `distinct` (no dictionary kernel for count_distinct) against count_distinct of the stored strings
    for table, plain_table, name in ((a, p, "outlet"), (compact.copies, plain.copies, "host_site")):
        assert data.distinct(table.column(name)) == pc.count_distinct(plain_table.column(name)).as_py() > 0
    # the booleans against the questions the figures asked of the stored columns
    for name in ("authors", "urls"):
        empty = pc.equal(pc.list_value_length(p.column(name)), 0)
        assert a.column(f"{name}_empty").to_pylist() == empty.to_pylist()
        assert 0 < pc.sum(empty).as_py() < a.num_rows or name == "urls"
    assert a.column("byline_null").to_pylist() == pc.is_null(p.column("byline")).to_pylist()


def test_card_figures_with_a_null_in_every_repeated_column_and_several_shards(built, tmp_path):
    """Nulls where a dictionary-encoded column has a value elsewhere, and a split with two shards: the figures
    of the compact columns are still those of the plain ones."""
    import shutil

    import pyarrow.parquet as pq

    from corpus_pkg.card import figures

    out = tmp_path / "out"
    shutil.copytree(built, out)
    train = out / "data" / "train-00000-of-00001.parquet"
    table = pq.read_table(train)
    nulls = pa.array([i % 3 == 0 for i in range(table.num_rows)])
    for name in ("outlet", "host_site", "kind", "language", "rights_holder"):
        column = table.column(name)
        table = table.set_column(table.schema.get_field_index(name), table.schema.field(name),
                                 pc.if_else(nulls, pa.nulls(table.num_rows, column.type), column))
    half = table.num_rows // 2
    train.unlink()
    pq.write_table(table.slice(0, half), out / "data" / "train-00000-of-00002.parquet")
    pq.write_table(table.slice(half), out / "data" / "train-00001-of-00002.parquet")
    compact, plain = figures.load(out, []), _plain_build_data(out, [])
    assert compact.articles.column("kind").null_count == (table.num_rows + 2) // 3
    assert figures.blocks(compact) == figures.blocks(plain)


def test_the_card_allocates_from_the_c_library_inside_and_restores_the_default_after():
    from corpus_pkg.card.layout import system_allocator

    default = pa.default_memory_pool().backend_name
    with pytest.raises(RuntimeError):
        with system_allocator():
            assert pa.default_memory_pool().backend_name == "system"
            raise RuntimeError("a failed card")
    assert pa.default_memory_pool().backend_name == default


def _source_files_by_passes(files) -> str:
    """The source-file figure as it was computed before `FileGroups`: one pass over the reports per question."""
    from corpus_pkg.card.figures.data import FILES_LISTED, md_table, plural

    def listing(chosen) -> str:
        rows = [[f"`{f.source_file}`", f"`{f.sha256}`" if f.sha256 else "–", f.n_bytes,
                 f.page_type or "–", f.n_articles, f.outcome()] for f in chosen]
        return md_table(["file", "sha256", "bytes", "page type", "articles found", "status"], rows)

    groups: dict[tuple[str, str], list[int]] = {}
    for f in files:
        totals = groups.setdefault((f.status, f.page_type or "–"), [0, 0, 0])
        totals[0], totals[1], totals[2] = totals[0] + 1, totals[1] + f.n_bytes, totals[2] + f.n_articles
    summary = md_table(["status", "page type", "files", "bytes", "articles found"],
                       [[*key, *totals] for key, totals in sorted(groups.items())])
    unusual = [f for f in files if f.status != "read"]
    text = (f"{plural(len(files), 'input file')}, too many to list here: the `pages` config has the name, "
            f"SHA-256 and size of every page read.\n\n{summary}")
    if unusual:
        text += (f"\nFiles skipped or repaired ({len(unusual)}"
                 + (f", the first {FILES_LISTED} in input order" if len(unusual) > FILES_LISTED else "")
                 + f"):\n\n{listing(unusual[:FILES_LISTED])}")
    return text


@pytest.mark.parametrize("n", [300, 150])
def test_the_files_added_up_in_one_pass_give_the_figures_of_one_pass_per_question(tmp_path, n):
    """`BuildData.file_groups` reads a report on disk once for the summary and the source-file table: the same
    table as a pass per question, with more or fewer files not simply read than the card lists."""
    from corpus_pkg.card.figures import BuildData, source_files
    from corpus_pkg.card.figures.data import FILES_LISTED

    files = _reports(n, seed=n)
    on_disk = FileReports(tmp_path)
    for f in files:
        on_disk.append(f)
    d = BuildData(out_dir=tmp_path, articles=None, copies=None, pages=None, outlets=[], files=on_disk)
    unusual = sum(f.status != "read" for f in files)
    assert (unusual > FILES_LISTED) == (n == 300) and unusual > 0
    assert source_files(d) == _source_files_by_passes(files)
    assert d.file_groups.skipped == sum(f.status == "skipped" for f in files) > 0


def test_the_manifest_taking_croissants_digests_is_the_manifest_hashed_anew(seed_build_copy):
    """The build's manifest takes the shards' SHA-256 from croissant.json instead of hashing them again: it is the
    manifest that hashes every file, and a digest given is indeed taken as it is."""
    from corpus_pkg.write import MANIFEST, write_manifest

    built = (seed_build_copy / MANIFEST).read_bytes()
    croissant = json.loads((seed_build_copy / "croissant.json").read_text(encoding="utf-8"))
    given = {o["contentUrl"]: o["sha256"] for o in croissant["distribution"] if "sha256" in o}
    assert any(path.startswith("data/") for path in given) and "LICENSE" in given
    write_manifest(seed_build_copy)
    assert (seed_build_copy / MANIFEST).read_bytes() == built
    taken = write_manifest(seed_build_copy, known={"LICENSE": "0" * 64})
    assert {f["path"]: f["sha256"] for f in taken["files"]}["LICENSE"] == "0" * 64
