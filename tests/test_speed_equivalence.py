"""Issue 15: the faster paths of pass 1 give byte for byte what the slower ones gave.

* each text page of the first look (`stream.site_lines`) is decoded once and handed to pass 1: builds with
  that hand-over switched off (`KEEP_DECODED_CHARS = 0`, every such file read and decoded twice, the code
  before issue 15) write the same files, on the seeds, on a generated corpus and on a seed-like corpus of
  long multi-article pages, with one and two workers;
* `segment.similar` tries difflib's upper bounds before the matching: the same answers as the plain
  ratio on every pair of short lines of the seeds and edited copies of them;
* the MinHash signatures are computed from every shingle, repeats included, instead of the set: the same
  values (`test_streaming.py` compares the signatures with rensa's plain `RMinHash` of the set).

No test here times anything: the figures come from benchmarks/bench_build.py.
"""

from __future__ import annotations

import difflib
import random
import re
import sys
from pathlib import Path

import pytest

from corpus_pkg import build, cues, read, reader, stream
from corpus_pkg.segment import similar

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_corpus  # noqa: E402
import seedlike_corpus  # noqa: E402
from tree_hashes import output_hashes


def counted_reads(monkeypatch) -> dict[str, int]:
    """How many times each file goes through `read_page` (decoding) during a build, by file name."""
    counts: dict[str, int] = {}
    real = read.read_page

    def read_page(path, input_dir):
        counts[path.name] = counts.get(path.name, 0) + 1
        return real(path, input_dir)

    monkeypatch.setattr(stream, "read_page", read_page)      # the first look's reads
    monkeypatch.setattr(reader, "read_page", read_page)      # pass 1's
    return counts


def build_both(monkeypatch, input_dir: Path, out: Path, fast_workers: int = 1, **options) -> tuple[Path, Path]:
    """The same input built with the decoded pages handed over (fast) and without (slow, one worker)."""
    fast, slow = out / "fast", out / "slow"
    with monkeypatch.context() as m:
        reads = counted_reads(m)
        build(input_dir=input_dir, output_dir=fast, workers=fast_workers, **options)
        if fast_workers == 1:
            assert reads and set(reads.values()) == {1}, "a file was decoded twice"
    with monkeypatch.context() as m:
        m.setattr(stream, "KEEP_DECODED_CHARS", 0)
        reads = counted_reads(m)
        build(input_dir=input_dir, output_dir=slow, workers=1, **options)
        assert set(reads.values()) == {2}, "the slow path should decode each file of the first look twice"
    return fast, slow


def test_seeds_decoded_once_give_the_same_files(monkeypatch, tmp_path):
    fast, slow = build_both(monkeypatch, SEEDS, tmp_path, card={"file": ROOT / "examples" / "seeds-card.toml"})
    assert output_hashes(fast) == output_hashes(slow)


def test_a_generated_corpus_decoded_once_gives_the_same_files(monkeypatch, tmp_path):
    generate_corpus.generate(tmp_path / "corpus", 200, seed=5)
    fast, slow = build_both(monkeypatch, tmp_path / "corpus" / "pages", tmp_path)
    assert output_hashes(fast) == output_hashes(slow)
    assert len(list((fast / "data").rglob("*.parquet"))) >= 1


def test_seed_like_pages_decoded_once_by_two_workers_give_the_same_files(monkeypatch, tmp_path):
    summary = seedlike_corpus.generate(tmp_path / "corpus", 15, seed=3)
    assert summary["pages"] == 15
    fast, slow = build_both(monkeypatch, tmp_path / "corpus" / "pages", tmp_path, fast_workers=2)
    assert output_hashes(fast) == output_hashes(slow)


def test_the_first_look_keeps_no_more_text_than_its_bound(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for k in range(6):
        (pages / f"{k}.txt").write_text(f"Page {k}\n\n" + "A line of prose that is long enough. " * 50, encoding="utf-8")
    paths = sorted(pages.iterdir())
    keep: dict = {}
    stream.site_lines(pages, paths, keep=keep, keep_chars=3000)
    assert 1 <= len(keep) < len(paths)      # each page is about 1,900 characters: two fit under 3,000
    assert all(source.text == read.read_page(path, pages)[0].text for path, (source, _) in keep.items())


def difflib_similar(a: str, b: str) -> bool:
    """`similar` as it was before issue 15: the plain difflib ratio of the comparison keys."""
    ka, kb = cues.comparison_key(a), cues.comparison_key(b)
    if not ka or not kb:
        return False
    return ka == kb or difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= 0.9


def edited(line: str, rng: random.Random) -> str:
    chars = list(line)
    for _ in range(rng.randint(0, 4)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        chars[i : i + 1] = rng.choice([[], [rng.choice("abcdefghij ")], [chars[i].upper()], [chars[i], chars[i]]])
    return "".join(chars)


def test_similar_answers_as_the_plain_difflib_ratio():
    rng = random.Random(15)
    lines = sorted({line.strip() for f in SEEDS.glob("*.txt") for line in f.read_text(encoding="utf-8").splitlines()
                    if 0 < len(line.strip()) < 120})
    sample = rng.sample(lines, min(150, len(lines)))
    pairs = [(a, b) for a in sample[:60] for b in sample[60:]]
    pairs += [(line, edited(line, rng)) for line in sample for _ in range(4)]
    answers = [similar(a, b) for a, b in pairs]
    assert answers == [difflib_similar(a, b) for a, b in pairs]
    assert any(answers) and not all(answers)
    # the near-threshold cases exist: pairs that are alike but not equal once keyed
    assert any(a and cues.comparison_key(x) != cues.comparison_key(y) for a, (x, y) in zip(answers, pairs))


def test_lines_the_cheap_mojibake_test_passes_over_are_lines_ftfy_leaves_alone():
    """`read.MOJIBAKE_POSSIBLE` must find something wherever ftfy's badness regex does (else a line with
    mojibake would be left unrepaired): checked on the regex's own categories, on random strings of its
    characters, on real mojibake, and on the seeds (whose lines it mostly passes over)."""
    import ftfy
    from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

    # no category of the regex holds an ASCII character (the argument for the test rests on this)
    for name, chars in MOJIBAKE_CATEGORIES.items():
        assert not [c for c in map(chr, range(128)) if re.fullmatch(f"[{chars}]", c)], name
    pool_non_ascii = sorted({c for c in map(chr, range(0x80, 0x2600)) if BADNESS_RE.pattern.find(c) >= 0
                             or any(re.fullmatch(f"[{chars}]", c) for chars in MOJIBAKE_CATEGORIES.values())})
    pool = list("abcdefXYZ .,?!\t0") * 3 + pool_non_ascii
    rng = random.Random(15)
    bad = 0
    for _ in range(40_000):
        s = "".join(rng.choice(pool) if rng.random() < 0.3 else rng.choice("ab cd.") for _ in range(rng.randint(1, 8)))
        if BADNESS_RE.search(s):
            bad += 1
            assert read.MOJIBAKE_POSSIBLE.search(s), s
    assert bad > 1000
    for word in ("café", "naïve", "Zürich", "“quoted”", "São Paulo", "à la", "œuvre", "Москва", "€5", "Ωμέγα"):
        mojibake = word.encode("utf-8").decode("cp1252", errors="ignore")
        if ftfy.fix_encoding(mojibake) != mojibake:
            assert read.MOJIBAKE_POSSIBLE.search(mojibake), mojibake
    lines = [line for f in SEEDS.glob("*.txt") for line in f.read_text(encoding="utf-8").split("\n") if not line.isascii()]
    skipped = [line for line in lines if not read.MOJIBAKE_POSSIBLE.search(line)]
    assert skipped and all(ftfy.fix_encoding(line) == line for line in skipped)


def test_mojibake_repair_with_the_cheap_test_is_the_repair_without_it(monkeypatch):
    """Seed pages with every third non-ASCII line turned into mojibake (UTF-8 read as Windows-1252 or
    Latin-1): the same text and repair note as handing every non-ASCII line to ftfy."""
    for k, f in enumerate(sorted(SEEDS.glob("*.txt"))):
        lines = f.read_text(encoding="utf-8").split("\n")
        codec = ("cp1252", "latin-1")[k % 2]
        lines = [line.encode("utf-8").decode(codec, errors="ignore") if i % 3 == 0 and not line.isascii() else line
                 for i, line in enumerate(lines)]
        text = "\n".join(lines)
        fast = read.fix_mojibake(text)
        with monkeypatch.context() as m:
            m.setattr(read, "MOJIBAKE_POSSIBLE", re.compile(""))
            slow = read.fix_mojibake(text)
        assert fast == slow
        assert fast[1] or all(line.isascii() for line in lines)


def test_the_language_of_an_article_from_its_sample_is_that_of_the_whole_text():
    """`language.classify_sample` (SAMPLE_CHARS characters spread over the text) against `classify` on the whole text,
    on long texts made of the seeds' paragraphs and of generated articles."""
    from corpus_pkg import language

    paragraphs = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(4)
    texts = ["\n\n".join(rng.sample(paragraphs, 12)) for _ in range(30)]
    texts += ["\n\n".join(generate_corpus.article(7, k)["paragraphs"] * 3) for k in range(30)]
    long = [t for t in texts if len(t) > language.SAMPLE_CHARS]
    assert len(long) >= 20
    assert [language.classify_sample(t) for t in long] == [language.classify(t) for t in long]


def test_language_features_are_np_uniques_in_order_of_first_occurrence():
    """`FastIdentifier.features` counts features without np.unique: the same ids, order and counts."""
    import numpy as np

    from corpus_pkg.language import identifier

    fast = identifier()
    rng = random.Random(4)
    texts = [p.read_text(encoding="utf-8")[:4000] for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 600))) for _ in range(30)]
    for text in texts:
        data = fast.identifier._encode(text)
        got = fast.features(data)
        states = np.zeros(len(data), dtype=fast.nextmove.dtype)
        codes = np.frombuffer(data, dtype=np.uint8).astype(np.int32)
        for step in range(fast.depth):
            lag = fast.depth - 1 - step
            if lag < len(data):
                states[lag:] = fast.nextmove[fast.rowbase[states[lag:]] + codes[: len(data) - lag]]
        found = fast.output[states]
        found = found[found >= 0]
        if not len(found):
            assert got is None
            continue
        ids, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        assert got[0].tolist() == ids[order].tolist() and got[1].tolist() == counts[order].tolist()
