"""Which copy of an article printed several times is kept (`dedup.copy_rank`): the original before its re-posts,
then the earliest date, then the cleanest copy; its headline is the kept copy's, and the rights holder is the
outlet's (it comes with the outlet when the outlet is another copy's). A lightly re-edited wire copy (a
word dropped, 'a.m.' printed 'am') is the same article."""

from __future__ import annotations

from corpus_pkg.config import DedupConfig
from corpus_pkg.dedup import Deduplicator, _tokens, copy_defects
from inputs_pages import build

HEADLINE = "Harbour ferry strike halts crossings for a second day"
BODY = [
    "Ferry crews at the northern harbour walked out again on Tuesday, halting every crossing to the islands for a "
    "second day as talks over rosters and overtime pay broke down late on Monday evening.",
    "The operator said about 9,000 passengers had been affected and that it would run a reduced timetable from "
    "6 a.m. on Wednesday if enough crews returned, using two chartered boats from the south coast.",
    "Union officials said the strike would continue until the company withdrew its plan to cut the number of "
    "crew members on the night services, which they said would put passengers at risk.",
    "Island councils asked the regional government to step in, warning that deliveries of fresh food and "
    "medicine to the smaller islands would run short by the end of the week.",
]


def wire(body: list[str]) -> str:
    return (f"{HEADLINE}\n\nBy Jane Roe, Harbour Wire\nMarch 5, 2024\n\n"
            f"NORTHPORT (Harbour Wire) - {body[0]}\n\n" + "\n\n".join(body[1:]) + "\n")


def aggregator(body: list[str]) -> str:
    """Re-posted without a byline, the headline in capitals, two small edits: a word dropped and 'a.m.' as 'am'."""
    edited = [body[0].replace("again on Tuesday", "on Tuesday"), body[1].replace("6 a.m.", "6 am"), *body[2:]]
    return f"{HEADLINE.upper()}\n\n" + "\n\n".join(edited) + "\n\nShare this: Facebook | Twitter\n"


def daily(body: list[str]) -> str:
    """A newspaper's copy: the reporter's byline without the wire's name, its own later date."""
    return f"{HEADLINE} as talks fail\n\nBy Jane Roe\nPublished: 6 March 2024\n\n" + "\n\n".join(body) + "\n"


def test_the_original_is_kept_and_gives_the_headline_and_the_rights_holder(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    # input order puts the re-posts first: the rule, not the order, must choose the wire's copy
    (folder / "a_aggregator.txt").write_text(aggregator(BODY), encoding="utf-8")
    (folder / "b_daily.txt").write_text(daily(BODY), encoding="utf-8")
    (folder / "c_wire.txt").write_text(wire(BODY), encoding="utf-8")
    _, (article,), _ = build(folder, tmp_path / "out")
    assert article["n_copies"] == 3
    assert article["title"] == HEADLINE and article["outlet"] == "Harbour Wire"
    assert article["rights_holder"] == "Harbour Wire" and article["authors"] == ["Jane Roe"]
    assert article["provenance"][0]["source_file"] == "pages/c_wire.txt"


def test_a_kept_copy_without_outlet_takes_the_rights_holder_with_the_outlet(tmp_path):
    """A copy naming no outlet is kept before a re-post (a record of an aggregator's page whose text names the
    wire): the article takes the outlet the re-post names, and the rights holder comes with it (the outlet,
    not the reporter the kept copy names)."""
    import json

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a_feed.jsonl").write_text(json.dumps(
        {"text": "By Jane Roe, Harbour Wire\n\n" + "\n\n".join(BODY), "title": HEADLINE,
         "url": "https://aggregator.example/ferry", "publisher": "Island Aggregator", "date": "2024-03-05"}) + "\n",
        encoding="utf-8")
    (folder / "b_daily.txt").write_text(daily(BODY), encoding="utf-8")
    _, (article,), _ = build(folder, tmp_path / "out")
    assert article["provenance"][0]["source_file"] == "pages/b_daily.txt"
    assert article["provenance"][1]["host_site"] == "Island Aggregator"
    assert article["outlet"] == "Harbour Wire" and article["rights_holder"] == "Harbour Wire"


def test_a_headline_in_capitals_is_a_defect_of_its_copy():
    assert copy_defects(HEADLINE.upper(), "\n\n".join(BODY)) == copy_defects(HEADLINE, "\n\n".join(BODY)) + 1
    assert copy_defects("NATO", "\n\n".join(BODY)) == copy_defects(HEADLINE, "\n\n".join(BODY))


def test_abbreviations_with_or_without_periods_are_the_same_words():
    """The edited copy is one article with the original only because 'a.m.' and 'am' are one word (and not
    numbers: '3.5' stays two)."""
    assert _tokens("at 6 a.m. in the U.S.A., 3.5 km") == ["at", "6", "am", "in", "the", "usa", "3", "5", "km"]
    texts = ["\n\n".join(BODY), aggregator(BODY).split("\n\n", 1)[1].rsplit("\n\nShare", 1)[0]]
    with Deduplicator(DedupConfig()) as dedup:
        dedup.add_texts([1, 2], texts)
        assert dedup.resolve().article_of.tolist() == [0, 0]
