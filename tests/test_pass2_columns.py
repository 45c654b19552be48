"""Issue 15: pass 2 computes on Arrow columns and numpy arrays what it used to compute row by row in Python.

Each columnar function is checked here against the per-row code it replaced (kept below as the reference, written
out plainly), on random plans and pages made up by the test: spans of many roles, units of several pages,
duplicates, articles whose text the rights policy holds back, and authors printed in several spellings. Equal
values are not enough for byte-identical shards: the Arrow byte count a split reports (`Spool.num_bytes`, the
card's `num_bytes`) must be equal too, including when a batch goes to a split whole, without a filter that
would compact it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import numpy as np
import pyarrow as pa
import pytest

from corpus_pkg.config import SPLITS, BuildConfig
from corpus_pkg.dedup import DedupResult
from corpus_pkg.plan import Plan
from corpus_pkg.pass2 import COPY_COLUMNS, FILLED_GROUPS, article_spans, article_tables, copy_provenance, hex_ids, page_split_weights, page_tables
from corpus_pkg.rights import ACTIONS_BY_RESTRICTION, RESTRICTED, TEXT_WITHHELD
from corpus_pkg.schema import Article, Page, arrow_schema
from corpus_pkg.split import unit_interval
from corpus_pkg.reader import page_schema, unit_schema
from corpus_pkg.write import Spool

ROLES = ["title", "byline", "body", "metadata", "boilerplate", "blank"]
DETAILS = [None, None, "share_bar", "caption", "subtitle"]
NAMES = ["Ann Lee", "ann lee", "A. Lee", "Bo Chen", "Carla Díaz", "carla diaz", "Dmitri Ivanov"]


# ------------------------------------------------------------------------------------------------
# the per-row code pass 2 had before issue 15 (the reference)


def reference_article_spans(spans: list[dict], first_unit: int, plan: Plan) -> list[dict]:
    out: list[dict] = []
    for span in spans:
        unit = span.pop("unit")
        span["article_id"] = plan.article_id(first_unit + unit) if unit is not None else None
        if unit is not None and span["role"] == "body" and plan.held_back[first_unit + unit]:
            span["detail"] = TEXT_WITHHELD
        last = out[-1] if out else None
        if last and (last["role"], last["detail"], last["article_id"]) == (span["role"], span["detail"], span["article_id"]) \
                and last["line_end"] == span["line_start"] - 1:
            last["line_end"] = span["line_end"]
        else:
            out.append(span)
    return out


def reference_split_weights(config, pages: list[dict], first_unit, plan) -> tuple[np.ndarray, np.ndarray]:
    split = np.full(len(pages), -1, dtype=np.int8)
    position = np.zeros(len(pages), dtype=np.float64)
    for page, row in enumerate(pages):
        weight = Counter()
        for span in row["spans"]:
            if span["unit"] is not None:
                article = int(plan.dedup.article_of[first_unit[page] + span["unit"]])
                if plan.is_article[article]:
                    weight[SPLITS[plan.split[article]]] += span["line_end"] - span["line_start"] + 1
        if weight:
            split[page] = SPLITS.index(max(SPLITS, key=lambda s: (weight[s], -SPLITS.index(s))))
        position[page] = unit_interval(row["sha256"], config.split.salt)
    return split, position


def restriction_of(row: dict) -> int:
    return 2 * ACTIONS_BY_RESTRICTION.index(row["rights_action"]) + (row["rights_status"] == RESTRICTED)


def reference_articles(units: list[dict], plan: Plan, spellings: dict[str, str]) -> list[dict]:
    dedup = plan.dedup
    copies = dedup.copies()
    out = []
    for unit, row in enumerate(units):
        if not plan.is_article[unit]:
            continue
        group = copies.get(unit, [unit])
        article = {k: v for k, v in row.items() if k != "rights_action"}
        for fields in FILLED_GROUPS:    # what the kept copy lacks, from the first other copy that has it
            knowing = next((units[m] for m in group[1:] if units[m][fields[0]]), None) if not row[fields[0]] else None
            article.update({name: knowing[name] for name in fields} if knowing else {})
        # the kept copy's rights holder and status are those of the copy that gave its outlet, if another did
        own = {**row, "rights_holder": article["rights_holder"], "rights_status": article["rights_status"]}
        # the rights of the most restrictive copy; the kept copy's among equals, then the first in input order
        decider = max(((m, own if m == unit else units[m]) for m in group),
                      key=lambda found: (restriction_of(found[1]), found[0] == unit, -found[0]))[1]
        withheld = decider["rights_action"] == "withhold_text"
        article["rights_holder"] = decider["rights_holder"]
        article.update(provenance=[row["provenance"], *(units[m]["provenance"] for m in group[1:])],
                       n_copies=len(group), duplicate_group=f"{int(dedup.keys[dedup.group_of[unit]]):016x}",
                       text="" if withheld else row["text"],
                       rights_status="withheld" if withheld else decider["rights_status"],
                       authors=[spellings.get(a, a) for a in article["authors"]])
        out.append(article)
    return out


# ------------------------------------------------------------------------------------------------
# made-up plans, units and pages


def make_plan(rng: random.Random, n_units: int) -> Plan:
    """Units copying earlier ones (article_of), related groups, content keys (copies share their article's),
    some units excluded, some held back."""
    article_of = np.arange(n_units)
    for unit in range(1, n_units):
        if rng.random() < 0.35:
            article_of[unit] = article_of[rng.randrange(unit)]
    group_of = article_of.copy()
    for unit in range(1, n_units):
        if article_of[unit] == unit and rng.random() < 0.2:
            group_of[unit] = group_of[rng.randrange(unit)]
    keys = np.array([rng.getrandbits(64) for _ in range(n_units)], dtype=np.uint64)
    keys = keys[article_of]
    keys[rng.randrange(n_units)] = 0              # a key with leading zero digits
    dedup = DedupResult(article_of=article_of, group_of=group_of, keys=keys)
    is_article = dedup.is_kept() & np.array([rng.random() > 0.1 for _ in range(n_units)])
    split = np.where(is_article, np.array([rng.randrange(len(SPLITS)) for _ in range(n_units)]), -1).astype(np.int8)
    held_back = np.array([rng.random() < 0.2 for _ in range(n_units)])[article_of]
    return Plan(dedup, is_article, split, held_back)


def make_pages(rng: random.Random, n_units: int) -> tuple[list[dict], np.ndarray]:
    """Pages whose spans name their own units (or none), runs of equal neighbours included; first_unit per page
    (one more entry: the number of units)."""
    pages, first_unit, unit = [], [0], 0
    while unit < n_units:
        n = min(rng.randint(0, 4), n_units - unit)
        spans, line = [], 1
        for _ in range(rng.randint(0, 14)):
            length = rng.randint(1, 4)
            own = rng.randrange(n) if n and rng.random() < 0.7 else None
            spans.append({"line_start": line, "line_end": line + length - 1, "role": rng.choice(ROLES),
                          "detail": rng.choice(DETAILS), "unit": own})
            if rng.random() < 0.4:      # a neighbour like the one before it, on the next line or after a gap
                gap = int(rng.random() < 0.3)
                spans.append({**spans[-1], "line_start": line + length + gap, "line_end": line + length + gap})
                length += 1 + gap
            line += length + (1 if rng.random() < 0.15 else 0)   # sometimes a gap: no merge across it
        text = "\n".join(f"line {i} of page {len(pages)}" for i in range(1, line))
        pages.append({"source_file": f"in/p{len(pages)}.txt", "sha256": f"{rng.getrandbits(256):064x}",
                      "n_bytes": len(text), "encoding": "utf-8", "n_lines": line - 1, "n_articles": n,
                      "page_decision": "one", "page_decision_reason": "made up", "text": text, "spans": spans})
        unit += n
        first_unit.append(unit)
    return pages, np.array(first_unit, dtype=np.int64)


def make_units(rng: random.Random, n_units: int) -> list[dict]:
    units = []
    for unit in range(n_units):
        units.append({
            "id": f"{unit:016x}", "title": f"Title {unit}", "subtitle": None, "alt_titles": [],
            "authors": rng.sample(NAMES, rng.randint(0, 2)), "byline": None, "outlet": rng.choice([None, "Outlet"]),
            "outlet_evidence": None, "host_site": None, "published_date": None, "published_date_text": None,
            "modified_date": rng.choice([None, dt.date(2024, 3, 1 + unit % 28)]), "text": f"Body of unit {unit}.",
            "language": "en", "urls": rng.choice([[], [f"https://example.org/{unit}"]]), "tags": rng.choice([[], [f"topic-{unit % 3}"]]),
            "word_count": 4, "truncated": False, "kind": "article", "rights_holder": rng.choice([None, "A", "B"]),
            "rights_status": rng.choice(["third-party-copyright", "third-party-copyright", "unknown", RESTRICTED]),
            "provenance": {"source_file": f"in/p{unit}.txt", "source_sha256": "ab" * 32, "line_start": 1,
                           "line_end": 3, "title_as_printed": f"Title {unit}", "host_site": rng.choice([None, "host"]),
                           "repost_date": None, "repost_date_text": None},
            "rights_action": rng.choice(["include", "include", "include", "withhold_text", "exclude"]),
        })
        if rng.random() < 0.5:
            units[-1].update(published_date=dt.date(2023, 1 + unit % 12, 2), published_date_text=f"printed {unit}")
        if units[-1]["authors"]:
            units[-1]["byline"] = "By " + " and ".join(units[-1]["authors"])
        if units[-1]["outlet"]:
            units[-1]["outlet_evidence"] = rng.choice(["byline", "site_name"])
    return units


def batches_of(rows: list[dict], schema: pa.Schema, size: int) -> list[pa.RecordBatch]:
    return pa.Table.from_pylist(rows, schema=schema).to_batches(max_chunksize=size)


def arrow_bytes(table: pa.Table) -> int:
    """What a Spool counts for the table written as one batch, as is (no filter compacting it first)."""
    if not table.num_rows:
        return 0
    batch = table.combine_chunks().to_batches()[0]
    return pa.ipc.read_record_batch(batch.serialize(), table.schema).nbytes


# ------------------------------------------------------------------------------------------------


def test_hex_ids_are_python_formatted_keys_and_nulls_store_nothing():
    keys = np.array([0, 1, 0xABCDEF, 2**64 - 1, 2**63], dtype=np.uint64)
    assert hex_ids(keys).to_pylist() == [f"{int(k):016x}" for k in keys]
    valid = np.array([True, False, True, False, True])
    ids = hex_ids(keys, valid)
    plain = pa.array([f"{int(k):016x}" if v else None for k, v in zip(keys, valid)], pa.string())
    assert ids.equals(plain)
    assert ids.buffers()[2].size == plain.buffers()[2].size == 16 * 3
    assert hex_ids(np.zeros(0, dtype=np.uint64)).to_pylist() == []


@pytest.mark.parametrize("seed", range(6))
def test_page_spans_and_splits_match_the_per_row_code(seed):
    rng = random.Random(seed)
    n_units = rng.randint(1, 60)
    plan = make_plan(rng, n_units)
    pages, first_unit = make_pages(rng, n_units)
    batches = batches_of(pages, page_schema(), rng.choice([1, 3, 7, 512]))
    span_type = arrow_schema(Page).field("spans").type

    expected_spans = [reference_article_spans([dict(s) for s in page["spans"]], int(first_unit[p]), plan)
                      for p, page in enumerate(pages)]
    got, page = [], 0
    for batch in batches:
        spans = article_spans(batch.column("spans"), first_unit[page : page + batch.num_rows], plan, span_type)
        assert spans.equals(pa.array(expected_spans[page : page + batch.num_rows], span_type))
        got += spans.to_pylist()
        page += batch.num_rows
    assert got == expected_spans

    config = BuildConfig()
    split, position = page_split_weights(config, [b.select(["sha256", "spans"]) for b in batches], first_unit[:-1], plan)
    expected_split, expected_position = reference_split_weights(config, pages, first_unit, plan)
    assert split.tolist() == expected_split.tolist()
    assert position.tolist() == expected_position.tolist()

    # the whole page rows: held-back body lines emptied, the same values and Arrow bytes as pa.array's rows
    schema = arrow_schema(Page)
    tables = [t for t, _ in page_tables(batches, first_unit, plan, np.zeros(len(pages), dtype=np.int8))]
    rows = [r for t in tables for r in t.to_pylist()]
    for row, spans in zip(rows, expected_spans):
        assert row["spans"] == spans
        lines = row["text"].split("\n")
        for span in spans:
            if span["detail"] == TEXT_WITHHELD:
                assert set(lines[span["line_start"] - 1 : span["line_end"]]) <= {""}
    start = 0
    for table in tables:
        plain = pa.Table.from_pylist(rows[start : start + table.num_rows], schema=schema)
        assert table.equals(plain) and arrow_bytes(table) == arrow_bytes(plain)
        start += table.num_rows


@pytest.mark.parametrize("seed", range(6))
def test_article_rows_match_the_per_row_code(seed, tmp_path):
    rng = random.Random(100 + seed)
    n_units = rng.randint(1, 80)
    plan = make_plan(rng, n_units)
    units = make_units(rng, n_units)
    spellings = {} if seed % 3 == 0 else {"ann lee": "Ann Lee", "A. Lee": "Ann Lee", "carla diaz": "Carla Díaz"}
    size = rng.choice([1, 4, 9, 512])
    spool = Spool(tmp_path / "units.arrow", unit_schema(), batch_rows=size)
    for row in units:
        spool.append(row)
    spool.close()

    copies = copy_provenance(spool.batches(columns=COPY_COLUMNS), 0, plan.dedup)
    tables = [t for t, _ in article_tables(spool.batches(), 0, plan, copies, spellings)]
    expected = reference_articles(units, plan, spellings)
    schema = arrow_schema(Article)
    start = 0
    for table in tables:
        plain = pa.Table.from_pylist(expected[start : start + table.num_rows], schema=schema)
        assert table.equals(plain)
        assert arrow_bytes(table) == arrow_bytes(plain)
        start += table.num_rows
    assert start == len(expected)


def test_every_metadata_field_a_copy_can_lack_is_filled_from_another_copy():
    """Tags too (an AMP or print copy kept for its text prints none; the canonical page lists them): what one
    copy of an article knows is not lost because another copy was kept."""
    filled = {group[0] for group in FILLED_GROUPS}
    assert {"authors", "outlet", "published_date", "modified_date", "urls", "tags"} <= filled
