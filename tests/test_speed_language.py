"""Issue 15: the numpy language identifier (`corpus_pkg.language`) gives py3langid's scores bit for bit.

The walk of the automaton uses tables derived from the model ((row, byte) -> next row, -> feature), and the
features are counted with one sort of (feature, position) keys: these tests compare each fast part with the
plain computation it replaces, on the seeds, on multilingual text written here, on mixtures of it and on
random text. No test here times anything.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from corpus_pkg import language

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The council voted on Tuesday to close the old bridge to traffic until the repairs are finished.",
    "Le conseil municipal a voté mardi la fermeture du vieux pont jusqu'à la fin des travaux.",
    "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke bis zum Ende der Arbeiten zu sperren.",
    "El ayuntamiento votó el martes cerrar el puente viejo hasta que terminen las obras.",
    "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte fino alla fine dei lavori.",
    "O conselho votou na terça-feira o fecho da ponte velha até ao fim das obras.",
    "De gemeenteraad stemde dinsdag voor het sluiten van de oude brug tot de werken klaar zijn.",
    "Городской совет во вторник проголосовал за закрытие старого моста до окончания ремонта.",
    "Міська рада у вівторок проголосувала за закриття старого мосту до завершення ремонту.",
    "صوّت المجلس البلدي يوم الثلاثاء على إغلاق الجسر القديم حتى انتهاء أعمال الإصلاح.",
    "شورای شهر روز سه‌شنبه به بستن پل قدیمی تا پایان تعمیرات رأی داد.",
    "市议会周二投票决定关闭旧桥，直到维修工程结束。",
    "市議会は火曜日、修理が終わるまで古い橋を閉鎖することを決めた。",
    "시의회는 화요일 수리가 끝날 때까지 옛 다리를 폐쇄하기로 의결했다.",
    "Belediye meclisi salı günü eski köprünün onarım bitene kadar kapatılmasına karar verdi.",
    "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu do końca remontu.",
    "Το δημοτικό συμβούλιο ψήφισε την Τρίτη το κλείσιμο της παλιάς γέφυρας μέχρι το τέλος των εργασιών.",
    "नगर परिषद ने मंगलवार को मरम्मत पूरी होने तक पुराने पुल को बंद करने के लिए मतदान किया।",
    "สภาเมืองลงมติเมื่อวันอังคารให้ปิดสะพานเก่าจนกว่าการซ่อมแซมจะเสร็จสิ้น",
    "מועצת העיר הצביעה ביום שלישי על סגירת הגשר הישן עד לסיום התיקונים.",
]


def texts() -> list[str]:
    """Seed pages (their beginnings), sentences in 20 languages, mixtures of them, random code points."""
    rng = random.Random(15)
    found = [p.read_text(encoding="utf-8")[:4000] for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found += SENTENCES + [s.upper() for s in SENTENCES[:5]]
    found += [" ".join(rng.choices(SENTENCES, k=rng.randrange(1, 40))) for _ in range(60)]
    found += [" ".join([rng.choice(SENTENCES)] * rng.randrange(2, 30)) for _ in range(10)]
    found += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 600))) for _ in range(40)]
    found += ["", "a", "ab", "abcdef", "\u00a0", "1234567890"]
    return found


def plain_features(fast: language.FastIdentifier, data: bytes) -> tuple[list[int], list[int]] | None:
    """The automaton walked one byte at a time as py3langid walks it, counted with a dict (insertion order)."""
    counts: dict[int, int] = {}
    state = 0
    for byte in data:
        state = int(fast.nextmove[fast.rowbase[state] + byte])
        feature = int(fast.output[state])
        if feature >= 0:
            counts[feature] = counts.get(feature, 0) + 1
    return (list(counts), list(counts.values())) if counts else None


def test_the_walk_on_derived_tables_finds_the_features_of_the_byte_by_byte_walk():
    fast = language.identifier()
    for text in texts():
        data = fast.identifier._encode(text)
        got = fast.features(data)
        want = plain_features(fast, data)
        assert (got is None) == (want is None), text[:60]
        if got is not None:
            assert (got[0].tolist(), got[1].tolist()) == want, text[:60]


def test_the_scores_are_py3langids_bit_for_bit():
    """The float32 score of every class, not only the class chosen: the features are summed in py3langid's
    order, so not even the last bit differs."""
    fast = language.identifier()
    for text in texts():
        assert np.array_equal(fast.scores(text), fast.identifier._decide(text)), text[:60]


def test_the_scores_from_the_reused_buffer_are_py3langids_in_every_thread_and_beyond_it(monkeypatch):
    """The gathered rows go into a per-thread buffer (`FastIdentifier._rows`): threads classifying at once, and
    texts with more distinct features than the buffer holds (here 200), still get py3langid's scores bit for bit."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(language, "BUFFER_ROWS", 200)
    fast = language.identifier()
    work = texts() * 3
    assert any(len(fast.features(fast.identifier._encode(t))[0]) > 200 for t in work[:len(work) // 3])
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(fast.scores, work))
    for text, scores in zip(work, got):
        assert np.array_equal(scores, fast.identifier._decide(text)), text[:60]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 9, 255, 256, 257, 4096, 10_000])
def test_counts_by_first_occurrence_are_np_uniques_reordered(n):
    rng = np.random.default_rng(n)
    for high in (1, 5, n, 200_000):
        found = rng.integers(0, high, size=n).astype(np.int32)
        ids, counts = language._counts_by_first_occurrence(found)
        values, first, numbers = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first)
        assert ids.tolist() == values[order].tolist() and counts.tolist() == numbers[order].tolist()


def test_an_articles_language_sample_is_bounded_and_spread_from_its_beginning_to_its_end():
    """`language.sample`: the whole text up to SAMPLE_CHARS characters; a longer one gives SAMPLE_PIECES equal
    slices of it, the first at its beginning, the last at its end, in order."""
    rng = random.Random(8)
    for n in [0, 1, 100, language.SAMPLE_CHARS - 1, language.SAMPLE_CHARS]:
        text = "".join(rng.choice("abcdefgh ") for _ in range(n))
        assert language.sample(text) == text
    for n in [language.SAMPLE_CHARS + 1, 2 * language.SAMPLE_CHARS + 7, 50_000]:
        text = "".join(rng.choice("abcdefgh ") for _ in range(n))
        pieces = language.sample(text).split("\n")
        size = language.SAMPLE_CHARS // language.SAMPLE_PIECES
        assert len(pieces) == language.SAMPLE_PIECES and {len(p) for p in pieces} == {size}
        assert text.startswith(pieces[0]) and text.endswith(pieces[-1])
        at = 0
        for piece in pieces:
            at = text.index(piece, at) + len(piece)     # (raises when the pieces are out of order)


def test_a_text_whose_language_changes_after_its_beginning_is_identified_from_all_of_it():
    """A text of 5,000 characters of French then 15,000 of German is German as a whole; its first 4,000
    characters (the sample before issue 15's fourth round) say French, its sample German. A text in one
    language gets the whole text's answer."""
    french, german = SENTENCES[1], SENTENCES[2]
    text = " ".join([french] * (5000 // len(french))) + "\n\n" + " ".join([german] * (15000 // len(german)))
    assert language.classify(text) == "de" and language.classify(text[:4000]) == "fr"
    assert language.classify_sample(text) == "de"
    rng = random.Random(9)
    for sentence in SENTENCES:
        one = " ".join([sentence] * rng.randrange(20, 200))
        assert language.classify_sample(one) == language.classify(one)


def test_texts_walked_together_give_each_texts_own_features_and_scores_bit_for_bit():
    """`features_many` joins the texts by a byte the automaton cannot cross (SEPARATOR) and counts all their
    features in one sort: each text must get exactly `features` of it alone (ids, order, counts) and py3langid's
    scores, whatever its neighbours (the same text twice, empty and one-byte texts, texts ending mid-character)."""
    fast = language.identifier()
    assert fast.separable
    rng = random.Random(16)
    work = texts()
    groups = [work, work[::-1], ["", "a", "", "b"], [work[5], work[5]], [""]]
    groups += [rng.sample(work, rng.randrange(2, 30)) for _ in range(20)]
    for group in groups:
        datas = [fast.identifier._encode(t) for t in group]
        datas[0] = datas[0][:-1] if len(datas[0]) > 1 else datas[0]      # a cut UTF-8 sequence before the join
        for data, got in zip(datas, fast.features_many(datas)):
            want = fast.features(data)
            assert (got is None) == (want is None)
            if got is not None:
                assert (got[0].tolist(), got[1].tolist()) == (want[0].tolist(), want[1].tolist())
        for text, scores in zip(group, fast.scores_many(group)):
            assert np.array_equal(scores, fast.identifier._decide(text)), text[:60]
        assert language.classify_samples(group) == [language.classify_sample(t) for t in group]


def test_without_a_separating_byte_texts_are_walked_one_by_one(monkeypatch):
    """A model in which SEPARATOR could be crossed (not the shipped one) walks each text alone: same answers."""
    fast = language.identifier()
    monkeypatch.setattr(fast, "separable", False)
    calls = []
    monkeypatch.setattr(fast, "features", lambda data, plain=fast.features: calls.append(data) or plain(data))
    group = texts()[:12]
    assert language.classify_samples(group) == [language.classify(language.sample(t)) for t in group]
    assert len(calls) == len(group) * 2


def test_the_separator_moves_every_state_of_the_shipped_model_to_the_start():
    fast = language.identifier()
    assert np.all(fast.nextmove.reshape(-1, 256)[:, language.SEPARATOR] == 0) and fast.output[0] < 0
    assert language.SEPARATOR_BYTE not in "".join(texts()).encode("utf-8", errors="surrogatepass")


def test_a_batch_of_pages_gets_the_languages_each_article_gets_alone(tmp_path):
    """A reader's batch identifies the articles of all its text pages in one call (`PageReader.batch`): every unit
    row's language is what `identify_language` (one article at a time, py3langid's sample) gives its text, and what
    the page read alone gives; texts too short to tell stay 'und'."""
    from corpus_pkg.config import BuildConfig
    from corpus_pkg.extract import identify_language, identify_languages
    from corpus_pkg.reader import PageReader

    rng = random.Random(12)
    for i in range(12):
        sentences = rng.sample(SENTENCES, 3)
        body = "\n\n".join(" ".join([s] * rng.randrange(1, 12)) for s in sentences)
        (tmp_path / f"page{i:02}.txt").write_text(f"Headline number {i}\n\n{body}\n", encoding="utf-8")
    config = BuildConfig(input_dir=tmp_path, output_dir=tmp_path / "out")
    paths = sorted(tmp_path.glob("*.txt"))
    together = PageReader(config, tmp_path).batch(paths)
    rows = [row for result in together for row in result.units]
    assert len({row["language"] for row in rows}) >= 4
    for row in rows:
        assert row["language"] == identify_language(row["text"])
    for path, result in zip(paths, together):
        alone = PageReader(config, tmp_path)(path)
        assert [row["language"] for row in alone.units] == [row["language"] for row in result.units]
    mixed = ["Too short.", rows[0]["text"], "", "สวัสดี", rows[-1]["text"], "Four words only here."]
    assert identify_languages(mixed) == [identify_language(t) for t in mixed]
    assert identify_languages(mixed)[0] == "und" and identify_languages([]) == []
    from corpus_pkg import cues

    assert identify_languages(mixed, [cues.word_count(t) for t in mixed]) == identify_languages(mixed)
