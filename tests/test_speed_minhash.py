"""Issue 15: the shingles are found and hashed with numpy (`corpus_pkg.dedup.shingling`), and a worker signs
all the units of a batch of pages in one call: each fast part is compared here with the plain computation it
replaces (`re`'s `\\w+` words joined into strings, hashed by rensa), on text written or generated here in many
scripts. No test here times anything.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from rensa import RMinHash

from corpus_pkg.config import DedupConfig
from corpus_pkg.dedup import MinHasher, _tokens, shingles
from corpus_pkg.dedup import shingling as fast

WORDS = ["bridge", "council", "Brücke", "pont", "мост", "совет", "جسر", "المجلس", "桥梁", "議会", "다리", "köprü",
         "γέφυρα", "पुल", "สะพาน", "ﬁligree", "ＦＵＬＬ", "Straße", "İstanbul", "ǅemal", "x_y", "½", "①", "2024",
         "𝔘𝔫𝔦", "𐍈𐌰", "😀", "a", "I"]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "\n\n", " — ", "'", "-", "\u00a0", "\u3000", "!?", "\t", "«", "» "]


def random_text(rng: random.Random, n_words: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(n_words)).strip()


def plain_signatures(texts: list[str], config: DedupConfig) -> np.ndarray:
    sets = [fast.shingle_strings(_tokens(text), config.shingle_size) for text in texts]
    matrix = RMinHash.digest_matrix_from_token_sets(sets, config.num_perm, config.seed)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(len(texts), config.num_perm)


def texts_of_every_kind(seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [random_text(rng, rng.choice([0, 1, 2, 4, 5, 6, 30, 400])) for _ in range(40)]
    texts += ["", "!!! ...", "one", "one two three four", "one two three four five", "x" * 300 + " " + "é" * 90,
              "ascii only text with enough words to make some shingles", "\n".join(WORDS), "_ _ _ _ _ _"]
    rng.shuffle(texts)
    return texts


def test_word_characters_are_res():
    """The table of word characters says what `re`'s `\\w` says, for every character of the Basic Multilingual
    Plane and for characters beyond it."""
    points = np.arange(0x10000, dtype=np.uint32)
    word = re.compile(r"\w")
    expected = np.array([word.fullmatch(chr(c)) is not None for c in range(0x10000)])
    assert np.array_equal(fast._word_chars(points), expected)
    beyond = np.array([0x1D518, 0x10348, 0x1F600, 0x20000, 0x1D7CE, 0xE0001, 0x10FFFF], dtype=np.uint32)
    assert fast._word_chars(beyond).tolist() == [word.fullmatch(chr(c)) is not None for c in beyond.tolist()]


@pytest.mark.parametrize("size", [1, 2, 5, 9])
def test_shingle_spans_are_the_plain_shingle_strings(size):
    texts = texts_of_every_kind(size)
    buffer, starts, ends, rows = fast.shingle_spans(texts, size)
    spans = fast.span_bytes(buffer, starts, ends)
    for i, text in enumerate(texts):
        assert spans[rows[i] : rows[i + 1]] == [s.encode() for s in fast.shingle_strings(_tokens(text), size)]


def test_span_hashes_are_rensas_token_hashes():
    """rensa's own hash of every token of every length from 0 to 300 bytes (each length class of the hash and
    several 16-byte blocks), ASCII and not."""
    rng = random.Random(7)
    tokens = [bytes(rng.randrange(256) for _ in range(n)) for n in list(range(301)) * 2]
    tokens += ["".join(rng.choice(WORDS) for _ in range(8)).encode()[:n] for n in range(120)]
    lengths = np.array([len(t) for t in tokens], dtype=np.int64)
    ends = np.cumsum(lengths)
    got = fast.span_hashes(b"".join(tokens), ends - lengths, ends)
    assert got.tolist() == [RMinHash.hash_token_sets([[t]])[0][0] for t in tokens]
    assert fast.token_hash_matches_rensa()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_signatures_are_rensas_of_the_shingle_strings(seed):
    config = DedupConfig()
    texts = texts_of_every_kind(seed)
    got = MinHasher(config).signatures(texts)
    assert got.dtype == np.uint32 and np.array_equal(got, plain_signatures(texts, config))
    for text, signature in zip(texts[:10], got):      # and rensa's RMinHash updated with the set, one at a time
        reference = RMinHash(config.num_perm, config.seed)
        reference.update(sorted(shingles(text, config.shingle_size)))
        assert np.array_equal(signature, np.array(reference.digest(), dtype=np.uint32))
    assert MinHasher(config).signatures([]).shape == (0, config.num_perm)
    assert (MinHasher(config).signatures(["", "..."]) == np.iinfo(np.uint32).max).all()


def test_a_rensa_that_hashes_otherwise_hashes_the_spans_itself(monkeypatch):
    config = DedupConfig(shingle_size=3, num_perm=64, seed=5)
    texts = texts_of_every_kind(3)
    monkeypatch.setattr("corpus_pkg.dedup.token_hash_matches_rensa", lambda: False)
    assert np.array_equal(MinHasher(config).signatures(texts), plain_signatures(texts, config))


def test_a_batch_of_pages_is_signed_as_each_page_alone(tmp_path):
    """A reader's batch signs all its units in one call: each page's signatures are the ones it gets read alone."""
    from corpus_pkg.config import BuildConfig
    from corpus_pkg.reader import PageReader

    rng = random.Random(11)
    for i in range(6):
        articles = [random_text(rng, rng.randrange(60, 200)) + "." for _ in range(rng.randrange(1, 3))]
        (tmp_path / f"page{i}.txt").write_text(f"Headline number {i}\n\n" + "\n\n".join(articles) + "\n")
    (tmp_path / "empty.txt").write_text("")
    config = BuildConfig(input_dir=tmp_path, output_dir=tmp_path / "out")
    paths = sorted(tmp_path.glob("*.txt"))
    together = PageReader(config, tmp_path).batch(paths)
    assert sum(r.n_units > 0 for r in together) >= 4
    for path, result in zip(paths, together):
        alone = PageReader(config, tmp_path)(path)
        assert alone.keys == result.keys
        assert (alone.signatures is None) == (result.signatures is None)
        if result.signatures is not None:
            assert np.array_equal(alone.signatures, result.signatures)
            assert result.signatures.shape == (result.n_units, config.dedup.num_perm)


@pytest.mark.parametrize("limit", [1, 300, 5_000])
def test_a_batch_signed_in_calls_of_bounded_characters_gets_the_signatures_of_one_call(tmp_path, monkeypatch, limit):
    """`PageReader._signatures` signs a batch's texts in calls of at most SIGNED_CHARS characters: the rows, in
    order, are those of one `MinHasher.signatures` call over all of them (and of none for no text)."""
    from corpus_pkg import reader
    from corpus_pkg.config import BuildConfig

    monkeypatch.setattr(reader, "SIGNED_CHARS", limit)
    reader = reader.PageReader(BuildConfig(input_dir=tmp_path, output_dir=tmp_path / "out"), tmp_path)
    texts = texts_of_every_kind(4)
    assert sum(map(len, texts)) > 3 * limit
    calls = []
    monkeypatch.setattr(reader.hasher, "signatures", lambda t, plain=reader.hasher.signatures: calls.append(t) or plain(t))
    got = reader._signatures(texts)
    assert len(calls) > 1 and [t for call in calls for t in call] == texts
    assert np.array_equal(got, MinHasher(BuildConfig().dedup).signatures(texts))
    assert reader._signatures([]).shape == (0, BuildConfig().dedup.num_perm)
