"""How an article's language sample (`language.sample`) answers, against the first 4,000 characters (the sample
before issue 15's fourth round) and the whole text, and what each costs.

Texts: synthetic ones mixing paragraphs of two of 20 languages (a minority language of 10-45% of the
paragraphs at the start, in the middle, at the end or scattered; words drawn from stopwordsiso's lists), texts
in one language, and, with --input, the text of every article a build of each folder identifies (before
deduplication). Prints, per group of texts and per sample, how many answers differ from the other two and
the CPU milliseconds per text (warm caches: a build's are higher).

    python benchmarks/language_sample.py --seeds 15 16 --input seeds /tmp/p15/gen3k/pages
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

LANGS = ["en", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "ar", "fa", "tr", "zh", "ja", "ko", "pl", "el",
         "hi", "he", "sv"]
LAYOUTS = ("start", "middle", "end", "scattered")


def paragraph(rng: random.Random, words: list[str], joiner: str) -> str:
    end = "。" if joiner == "" else "."
    sentences = [joiner.join(rng.choices(words, k=rng.randrange(8, 25))).capitalize() + end
                 for _ in range(rng.randrange(2, 6))]
    return joiner.join(sentences)


def synthetic(seed: int, per_layout: int = 150) -> dict[str, list[str]]:
    """{layout: texts}: two-language texts in each layout, and 'one language' texts."""
    import stopwordsiso

    words = {lang: sorted(w for w in stopwordsiso.stopwords(lang) if w.isalpha()) for lang in LANGS}
    joiner = {lang: "" if lang in ("zh", "ja") else " " for lang in LANGS}
    rng = random.Random(seed)
    groups: dict[str, list[str]] = {}
    for layout in LAYOUTS:
        groups[layout] = []
        for _ in range(per_layout):
            a, b = rng.sample(LANGS, 2)
            n = rng.randrange(6, 40)
            k = max(1, round(n * rng.choice([0.1, 0.2, 0.3, 0.45])))
            if layout == "start":
                langs = [b] * k + [a] * (n - k)
            elif layout == "end":
                langs = [a] * (n - k) + [b] * k
            elif layout == "middle":
                i = rng.randrange(1, n - k + 1) if n - k > 1 else 0
                langs = [a] * i + [b] * k + [a] * (n - k - i)
            else:
                langs = [a] * n
                for i in rng.sample(range(n), k):
                    langs[i] = b
            groups[layout].append("\n\n".join(paragraph(rng, words[x], joiner[x]) for x in langs))
    groups["one language"] = ["\n\n".join(paragraph(rng, words[x], joiner[x]) for _ in range(rng.randrange(3, 30)))
                              for x in LANGS for _ in range(10)]
    return groups


def built_texts(folder: Path) -> list[str]:
    """The text of every article a one-worker build of `folder` identifies the language of."""
    import corpus_pkg
    from corpus_pkg import language
    from corpus_pkg.config import BuildConfig

    texts: list[str] = []
    plain = language.classify_sample

    def recording(text: str) -> str:
        texts.append(text)
        return plain(text)

    language.classify_sample = recording
    try:
        with tempfile.TemporaryDirectory() as out:
            corpus_pkg.build(BuildConfig(input_dir=folder, output_dir=Path(out) / "out", workers=1))
    finally:
        language.classify_sample = plain
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, nargs="*", default=[15, 16], help="seeds of the synthetic texts")
    ap.add_argument("--input", type=Path, nargs="*", default=[], help="folders to build and take articles from")
    args = ap.parse_args()
    from corpus_pkg import language

    classify = language.identifier().classify
    samples = {"first 4,000": lambda t: t[:4000], "language.sample": language.sample}
    groups: dict[str, list[str]] = {}
    for seed in args.seeds:
        for name, texts in synthetic(seed).items():
            groups.setdefault(name, []).extend(texts)
    for folder in args.input:
        groups[str(folder)] = built_texts(folder)
    print("| texts | n | longer than the sample | sample | ms per text | differs from first 4,000 "
          "| differs from whole text |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, texts in groups.items():
        whole = [classify(t) for t in texts]
        first = [classify(t[:4000]) for t in texts]
        longer = sum(len(t) > language.SAMPLE_CHARS for t in texts)
        for label, cut in samples.items():
            start = time.process_time()
            got = [classify(cut(t)) for t in texts]
            ms = 1000 * (time.process_time() - start) / max(1, len(texts))
            changed, wrong = sum(g != f for g, f in zip(got, first)), sum(g != w for g, w in zip(got, whole))
            print(f"| {name} | {len(texts)} | {longer} | {label} | {ms:.3f} | {changed} | {wrong} |")


if __name__ == "__main__":
    main()
