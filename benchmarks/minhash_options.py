"""MinHash implementations compared on the unit texts of a real build: CPU seconds, the duplicate decisions each
gives, and how close each one's estimates are to the exact Jaccard similarity of the candidate pairs.

    python benchmarks/minhash_options.py --input PAGES --output OUT      # prints a Markdown table

The build (`corpus_pkg.build`, one worker) runs once, recording the texts of every call of
`dedup.MinHasher.signatures` (one call per page) and what `Deduplicator.add` receives (content keys, scrape
defects). Each option then computes the signatures of the same texts in the same calls (CPU seconds of this
process, best of 3; datasketch once), and `Deduplicator.resolve()` decides with them. "build" is
`corpus_pkg.dedup.MinHasher` of the code on the path: run with `PYTHONPATH` naming an older copy of corpus_pkg to
measure that one; the other options are the libraries called directly, so they do not depend on it. Decisions are
compared with the build's: units whose article (kept copy) or group differs. Candidate pairs are the pairs of
distinct texts agreeing on a whole LSH band under some option; against their exact Jaccard similarity (shingle
sets, `dedup.shingles`) each option's estimate (share of equal signature values) is on the wrong side of the
same-article (0.8) or related (0.5) threshold, or off by the mean absolute error given.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import numpy as np


def record_build(pages: Path, out: Path) -> dict:
    from corpus_pkg import build
    from corpus_pkg import dedup as module

    calls, keys, defects = [], [], []
    signatures, add = module.MinHasher.signatures, module.Deduplicator.add

    def recording_signatures(self, texts):
        calls.append(list(texts))
        return signatures(self, texts)

    def recording_add(self, content_keys, signature_rows, unit_defects=None):
        keys.extend(content_keys)
        defects.extend(unit_defects)
        return add(self, content_keys, signature_rows, unit_defects)

    module.MinHasher.signatures, module.Deduplicator.add = recording_signatures, recording_add
    try:
        shutil.rmtree(out, ignore_errors=True)
        build(input_dir=pages, output_dir=out, workers=1)
    finally:
        module.MinHasher.signatures, module.Deduplicator.add = signatures, add
    return {"calls": calls, "keys": keys, "defects": defects}


def options(config) -> dict:
    import xxhash
    from rensa import CMinHash, RMinHash

    from corpus_pkg.dedup import MinHasher, _tokens, shingle_strings, shingles

    hasher = MinHasher(config)
    perm, seed, size = config.num_perm, config.seed, config.shingle_size

    def shingle_lists(texts):
        return [shingle_strings(_tokens(text), size) for text in texts]

    def datasketch(hashfunc):
        from datasketch import MinHash

        def signatures(texts):
            kwargs = {"hashfunc": hashfunc} if hashfunc else {}
            found = MinHash.bulk([shingles(text, size) for text in texts], num_perm=perm, seed=seed, **kwargs)
            return np.array([m.hashvalues for m in found], dtype=np.uint32).reshape(len(texts), perm)
        return signatures

    return {
        "build (corpus_pkg.dedup.MinHasher)": hasher.signatures,
        "rensa RMinHash": lambda texts: np.array(
            RMinHash.digest_matrix_from_token_sets(shingle_lists(texts), perm, seed).to_rows(),
            dtype=np.uint32).reshape(len(texts), perm),
        "rensa CMinHash": lambda texts: np.array(
            CMinHash.digests_from_token_sets(shingle_lists(texts), perm, seed), dtype=np.uint32).reshape(len(texts), perm),
        "datasketch MinHash, XXH32": datasketch(xxhash.xxh32_intdigest),
        "datasketch MinHash, SHA-1 (its default)": datasketch(None),
    }


def candidate_pairs(signatures: list[np.ndarray], units: np.ndarray, bands: int, rows: int) -> np.ndarray:
    pairs = set()
    for matrix in signatures:
        for band in range(bands):
            values = np.ascontiguousarray(matrix[units, band * rows : (band + 1) * rows])
            _, inverse = np.unique(values, axis=0, return_inverse=True)
            inverse = inverse.ravel()
            for value in np.flatnonzero(np.bincount(inverse) > 1).tolist():
                members = units[inverse == value].tolist()
                pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, required=True)
    ap.add_argument("--output", type=Path, required=True)
    args = ap.parse_args(argv)
    from corpus_pkg.config import DedupConfig
    from corpus_pkg.dedup import Deduplicator, lsh_layout, shingles

    config = DedupConfig()
    recorded = record_build(args.input, args.output)
    texts = [text for call in recorded["calls"] for text in call]
    cpu, signatures = {}, {}
    for name, function in options(config).items():
        best = float("inf")
        for _ in range(1 if name.startswith("datasketch") else 3):
            started = time.process_time()
            matrix = np.concatenate([function(call) for call in recorded["calls"]])
            best = min(best, time.process_time() - started)
        cpu[name], signatures[name] = best, matrix

    def resolve(matrix):
        with Deduplicator(config) as dedup:
            dedup.add(recorded["keys"], matrix, recorded["defects"])
            return dedup.resolve()

    results = {name: resolve(matrix) for name, matrix in signatures.items()}
    build = results["build (corpus_pkg.dedup.MinHasher)"]
    _, first = np.unique(np.array(recorded["keys"], dtype=np.uint64), return_index=True)
    pairs = candidate_pairs(list(signatures.values()), np.sort(first), *lsh_layout(config))
    sets = [shingles(text, config.shingle_size) for text in texts]
    exact = np.array([len(sets[a] & sets[b]) / max(1, len(sets[a] | sets[b])) for a, b in pairs.tolist()])
    print(f"{args.input}: {len(texts)} units in {len(recorded['calls'])} calls, {len(first)} distinct content keys, "
          f"{len(pairs)} candidate pairs")
    print("| option | CPU s | units whose article differs from the build's | units whose group differs | articles | "
          "groups of 2+ | pairs on the wrong side of 0.8 | of 0.5 | mean abs(estimate - exact) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, result in results.items():
        matrix = signatures[name]
        estimate = (matrix[pairs[:, 0]] == matrix[pairs[:, 1]]).mean(axis=1) if len(pairs) else np.zeros(0)
        _, sizes = np.unique(result.group_of, return_counts=True)
        wrong = [int(((estimate >= t) != (exact >= t)).sum()) for t in (config.same_article_threshold,
                                                                         config.related_threshold)]
        print(f"| {name} | {cpu[name]:.3f} | {int((result.article_of != build.article_of).sum())} | "
              f"{int((result.group_of != build.group_of).sum())} | {int(result.is_kept().sum())} | "
              f"{int((sizes > 1).sum())} | {wrong[0]} | {wrong[1]} | "
              f"{float(np.abs(estimate - exact).mean()) if len(pairs) else 0.0:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
