"""A teaser and its full article: versions of one article by their opening words (dedup.opening_key).

A paywall teaser or a feed excerpt prints an article's first paragraph or two; MinHash's Jaccard estimate of the
pair is small (few shared shingles against many), so without the opening key the two are unrelated records that
may land in different splits. Every page here was written for these tests.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from corpus_pkg import build
from corpus_pkg.config import DedupConfig
from corpus_pkg.dedup import OPENING_MAX_UNITS, OPENING_WORDS, Deduplicator, opening_key

LEAD = ("The harbour board approved on Thursday a plan to deepen the northern channel of the port, a project that "
        "fishermen and ferry operators have asked for since the storms of two winters ago silted it up.")
REST = [
    "Dredging will begin in late spring and take about eleven weeks, the board said, with the channel closed to "
    "large vessels on weekdays while the work goes on.",
    "The cost, estimated at four million euros, will be shared between the regional government and the port "
    "authority, which expects higher fees from cruise ships once the deeper channel opens.",
    "Environmental groups asked the board to publish its study of the seabed before the work starts. The board "
    "said the study would be online within a month and that no protected areas lie in the channel.",
    "Ferry operators welcomed the decision. One captain said the silted channel had forced his boats to wait for "
    "high tide twice a day, adding forty minutes to every crossing in winter.",
    "The board will hold a public meeting on the timetable next month in the town hall.",
]
OTHER_LEAD = ("The harbour board approved on Thursday a plan to rebuild the fish market on the western quay, which "
              "traders say has been too small since the fleet grew last year.")
OTHER_REST = ["Work on the new hall starts in autumn and should end before the summer season.",
              "Traders will sell from temporary stalls on the car park in the meantime."]


def page(headline: str, byline: str, paragraphs: list[str]) -> bytes:
    return ("\n\n".join([headline, byline, "March 7, 2025", *paragraphs]) + "\n").encode()


def test_the_opening_key_needs_the_same_first_words_and_enough_of_them():
    assert opening_key(LEAD) == opening_key(LEAD + " " + REST[0]) != 0
    assert opening_key("  " + LEAD.upper().replace(",", " ,")) == opening_key(LEAD)     # case and spacing
    assert opening_key(OTHER_LEAD) != opening_key(LEAD)
    assert opening_key(" ".join(LEAD.split()[: OPENING_WORDS - 1])) == 0                # too short to say


def test_a_teaser_and_its_full_article_share_a_duplicate_group_and_a_split(tmp_path):
    folder, out = tmp_path / "pages", tmp_path / "out"
    folder.mkdir()
    (folder / "full.txt").write_bytes(page("Harbour Board Approves Deeper Channel", "By Ines Moreau", [LEAD, *REST]))
    (folder / "teaser.txt").write_bytes(page("Harbour Board Approves Deeper Channel", "By Ines Moreau", [LEAD]))
    (folder / "market.txt").write_bytes(page("Harbour Board Approves New Fish Market", "By Tom Aalto",
                                             [OTHER_LEAD, *OTHER_REST]))
    for k in range(6):      # other articles, so that the three splits have something to hold
        (folder / f"filler{k}.txt").write_bytes(page(f"Council Notes Number {k} For The Week", "By Jo Lind", [
            f"The council met for the {k + 2}th time this year on Monday and agreed to review the bus timetable "
            f"number {k} again, after complaints about the evening services to the villages on the coast.",
            "A decision is expected at the next meeting of the transport committee in April."]))
    build(input_dir=folder, output_dir=out)
    rows = []
    for path in sorted((out / "data").glob("*.parquet")):
        split = path.name.split("-")[0]
        for r in pq.read_table(path).to_pylist():
            rows.append((r["provenance"][0]["source_file"], r["duplicate_group"], split, r["n_copies"]))
    by_file = {Path(f).name: (group, split, n) for f, group, split, n in rows}
    assert len(rows) == 9                                           # versions stay records of their own
    assert by_file["full.txt"][:2] == by_file["teaser.txt"][:2]     # one group, one split
    assert by_file["market.txt"][0] != by_file["full.txt"][0]       # a like opening sentence is not enough


def test_opening_links_join_related_versions_not_copies():
    config = DedupConfig()
    with Deduplicator(config) as dedup:
        dedup.add_texts([1, 2, 3], [" ".join([LEAD, *REST]), LEAD, " ".join([OTHER_LEAD, *OTHER_REST])])
        result = dedup.resolve()
    assert result.group_of[0] == result.group_of[1] != result.group_of[2]
    assert np.array_equal(result.article_of, np.arange(3))         # two records: related, not merged


def test_an_opening_many_texts_share_is_a_sites_standard_paragraph_and_links_none():
    notice = ("This article was first published by our partner newsroom and is republished here under its licence, "
              "with its headline and text unchanged except for style. ")
    rng = random.Random(5)
    words = [f"{a}{b}" for a in ("har", "mil", "sto", "ven", "lor", "pas") for b in ("ba", "ko", "ti", "ru", "me", "sa")]
    texts = [notice + " ".join(rng.choice(words) for _ in range(150)) for _ in range(OPENING_MAX_UNITS + 1)]
    with Deduplicator(DedupConfig()) as dedup:
        dedup.add_texts(list(range(1, len(texts) + 1)), texts)
        result = dedup.resolve()
    assert len(set(result.group_of.tolist())) == len(texts)
