"""Exact and near-duplicate detection with MinHash signatures and LSH banding.

Each unit's body is reduced to word shingles of its normalised text and a MinHash signature (rensa's
R-MinHash of the set of shingles); units whose signatures agree on a whole LSH band (datasketch's
`MinHashLSH` band layout for the related threshold) are candidate pairs, whose estimated Jaccard
similarity decides:

* at or above `same_article_threshold` (default 0.8): the same article printed twice (reposts
  with whitespace differences, small edits or scrape defects). They become one record; its provenance
  lists every copy, and its text, headline and metadata are those of the copy kept by one rule
  (`copy_rank`): a full page before a secondary copy (a truncated text, an AMP rendering), then the original
  before its re-posts (a copy whose text names its outlet, in a byline or a source line, and whose page names
  no re-poster; then one whose page or URL names its site; then one naming no outlet; a copy its page marks as
  re-posted last), then the earliest publication date, then
  the cleanest copy (`copy_defects`: the fewest scrape defects, `text_defects`, and a headline not in
  capitals), then the first in input order (sorted file path, then line).
* at or above `related_threshold` (default 0.5): related versions (an edited republication).
  They stay separate records but share a `duplicate_group`, and a group never straddles splits.
* the same opening (their first OPENING_WORDS words, `opening_key`): related too, whatever their
  similarity. A paywall teaser, a feed's excerpt or a truncated scrape prints the start of an article whose
  full copy is elsewhere in the corpus; its few shingles make the Jaccard similarity of the two small (a
  50-word teaser of an 800-word article: about 0.06), so MinHash alone never links them, and the two would
  land in different splits. An opening shared by more than OPENING_MAX_UNITS texts is a site's standard
  first paragraph (a disclaimer, a republishing notice), and links none. When the two also have the same
  headline and one of them is a secondary copy (`truncated`: a paywall teaser, a feed's excerpt; or an AMP
  rendering of the page), they are the same article, and the full copy is kept (`copy_rank`).

Units with the same content key (same title and text) are copies without further test.

Memory holds only compact arrays, never texts: per unit its 64-bit content key and one 32-bit hash
per LSH band (about 110 bytes at the defaults). The signatures themselves (4 bytes per permutation)
go to a spill file and are read back only for units that share a band hash with another. Candidates are
found once, at `resolve()` (the steps are in `dedup.links`); which pairs get linked is the same as
querying and inserting into a `MinHashLSH` one unit at a time, and so is the outcome (every set is
represented by its earliest unit, whatever order the links are found in). A pair is tested once (in the
first band it agrees on) and not at all when its units are already joined, and a block of hundreds or
thousands of near copies is walked a stripe at a time with bounded memory, so such groups cost no list of
all their pairs (`links.near_links`); only links that join two sets come out.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from itertools import chain
from pathlib import Path

import numpy as np
from rensa import RMinHash

from ..config import DedupConfig
from ..cues import ends_sentence
from .links import (DedupResult, band_hashes, band_runs, first_copies, link_units, lsh_layout,  # noqa: F401
                    near_links, pairs_sharing_a_value, sharing_a_band_hash)
from .shingling import (normalised, shingle_spans, shingle_strings, span_bytes, span_hashes,
                        token_hash_matches_rensa)

TOKEN = re.compile(r"\w+")
OPENING_WORDS = 25      # words two texts must open with alike to be versions of one article (a teaser and its full copy)
OPENING_MAX_UNITS = 8   # an opening more texts share is a site's standard first paragraph, not one article's
RUN_TOGETHER = re.compile(r"[a-z]{2}[A-Z][a-z]")          # 'peopleThese': a lost space or sentence end
#: RUN_TOGETHER's capital letter: a scan that stops at capitals only (few), not a match tried at every letter
RUN_TOGETHER_CAPITAL = re.compile(r"[A-Z](?<=[a-z]{2}[A-Z])(?=[a-z])")
OPEN_CLOSE_QUOTES = (("“", "”"), ("«", "»"))


def text_defects(text: str) -> int:
    """Scrape defects in a body text, counted so that two copies of one article can be compared: per
    paragraph, a quotation mark left open (“ without ”, or an odd number of straight double quotes),
    and a paragraph of prose (eight words or more) that does not end like a sentence; then words run
    together ('peopleThese') and U+FFFD replacement characters. Not a measure of quality across articles."""
    defects = text.count("\ufffd") + run_together(text)
    for paragraph in text.split("\n\n"):
        if "“" in paragraph or "«" in paragraph or "”" in paragraph or "»" in paragraph:
            defects += any(paragraph.count(a) != paragraph.count(b) for a, b in OPEN_CLOSE_QUOTES)
        defects += paragraph.count('"') % 2
        # prose of eight words or more; its last characters say whether it ends like a sentence
        defects += paragraph.count(" ") >= 7 and not ends_sentence(paragraph[-24:].rstrip("\"”’')] "))
    return defects


def copy_defects(title: str | None, text: str) -> int:
    """Defects of one copy of an article, to choose the cleanest of its copies: its text's `text_defects`, and
    one for a headline printed in capitals ('RYANAIR CANCELS 400 FLIGHTS'), as aggregators and re-posters print
    it: its letters' case is lost."""
    return text_defects(text) + bool(title and title.isupper() and len(title.split()) > 2)


#: `copy_rank`'s origin levels, the most original first
ORIGIN_NAMED_IN_TEXT, ORIGIN_SITE, ORIGIN_UNKNOWN, ORIGIN_REPOST = range(4)
DAY_ZERO = 693596           # 1900-01-01's ordinal: days are counted from it (17 bits reach the year 2258)
NO_DATE = (1 << 17) - 1
SECONDARY_BIT = 30          # copy_rank's bit of a secondary copy (a truncated text, an AMP rendering)
TITLE_BITS = 16             # opening_key's low bits: the headline's (a teaser and its full copy share it)


def copy_rank(unit) -> int:
    """The rank of one copy (an `extract.UnitRecord`) among the copies of its article, lowest kept (`link_units`;
    the first in input order among equals): a secondary copy (`truncated`, or an AMP rendering: `amp`) after the
    full ones, whose text is the article's; then its origin (`ORIGIN_*`: the outlet named by its text's byline or
    source line, its page naming no re-poster; else an outlet from its page's site name or URL; else no
    outlet; a page that names a re-poster, `host_site`, or a re-post date last), then its publication date
    (earliest first, undated last), then `copy_defects`. One int32: secondary (1 bit) << 30, origin (2 bits) <<
    28, days since 1900 (17 bits) << 11, defects (11 bits, capped)."""
    from ..extract import NAMED_IN_TEXT     # not at import: importing dedup does not load the extractor

    if unit.host_site or unit.provenance.repost_date:
        origin = ORIGIN_REPOST
    elif unit.outlet_evidence in NAMED_IN_TEXT:
        origin = ORIGIN_NAMED_IN_TEXT
    else:
        origin = ORIGIN_SITE if unit.outlet else ORIGIN_UNKNOWN
    day = min(max(unit.published_date.toordinal() - DAY_ZERO, 0), NO_DATE) if unit.published_date else NO_DATE
    secondary = unit.truncated or unit.amp
    return secondary << SECONDARY_BIT | origin << 28 | day << 11 | min(copy_defects(unit.title, unit.text), (1 << 11) - 1)


def run_together(text: str) -> int:
    """`len(RUN_TOGETHER.findall(text))`, three times faster: every capital RUN_TOGETHER can match is found by
    RUN_TOGETHER_CAPITAL; findall's matches do not overlap, and the only overlapping pair of them is a capital
    three characters after the last one counted (its match begins one character before that match ends: 'abCdeFg'
    is one match), which is skipped as findall skips it."""
    count, last = 0, -4
    for capital in RUN_TOGETHER_CAPITAL.finditer(text):
        if capital.start() - last >= 4:
            count, last = count + 1, capital.start()
    return count


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(normalised(text))


def opening_key(text: str, title: str | None = None) -> int:
    """A 64-bit key of the text's first OPENING_WORDS words (read as for shingles: `normalised` `\\w+` tokens) in
    its high bits and of its headline (`title`, the same tokens; none hashes as the empty headline) in its low
    TITLE_BITS, or 0 for a text with fewer words (no key: too short to tell a version from a chance match)."""
    tokens = _tokens(text[: OPENING_WORDS * 40])[:OPENING_WORDS]
    if len(tokens) < OPENING_WORDS:
        return 0
    opening = int.from_bytes(hashlib.blake2b(" ".join(tokens).encode(), digest_size=8).digest(), "big")
    headline = int.from_bytes(hashlib.blake2b(" ".join(_tokens(title or "")).encode(), digest_size=2).digest(), "big")
    return (opening >> TITLE_BITS << TITLE_BITS | headline) or 1


def opening_links(openings: np.ndarray, first_of: np.ndarray, config: DedupConfig,
                  ranks: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Links (pairs, similarity) joining the first copies (`first_of`, `first_copies`) whose `openings` (per unit,
    `opening_key`; 0 for none) open alike, for `link_units`: related versions (similarity = `related_threshold`),
    or the same article (`same_article_threshold`) when their headlines agree too and one of them is a secondary
    copy (`ranks`, per unit its `copy_rank`: its SECONDARY_BIT). An opening shared by more than OPENING_MAX_UNITS
    of them links none."""
    units = np.flatnonzero((first_of == np.arange(len(first_of))) & (openings != 0))
    opened = openings[units] >> np.uint64(TITLE_BITS)
    _, inverse, counts = np.unique(opened, return_inverse=True, return_counts=True)
    units = units[counts[inverse] <= OPENING_MAX_UNITS]
    pairs = pairs_sharing_a_value(openings[units] >> np.uint64(TITLE_BITS), units)
    similarity = np.full(len(pairs), config.related_threshold, dtype=np.float64)
    if ranks is not None and len(pairs):
        secondary = (np.asarray(ranks)[pairs] >> SECONDARY_BIT & 1).any(axis=1)
        similarity[secondary & (openings[pairs[:, 0]] == openings[pairs[:, 1]])] = config.same_article_threshold
    return pairs, similarity


def shingles(text: str, size: int) -> set[bytes]:
    """The set of the text's `size`-word shingles (`\\w+` tokens of its `shingling.normalised` form joined by a
    space), UTF-8."""
    return {s.encode() for s in shingle_strings(_tokens(text), size)}


class MinHasher:
    """`signatures(texts)`: (len(texts), num_perm) uint32, row i the MinHash signature of texts[i]'s set of
    `shingle_size`-word shingles (`shingles`): the digest of rensa's `RMinHash(num_perm, seed)` updated with
    them (R-MinHash, rensa's own variant of MinHash, `RMinHash.ALGORITHM_VERSION` 2 in rensa 0.5: rensa's
    64-bit hash of each shingle, then num_perm seeded permutations; https://github.com/beowolx/rensa).
    Order and repeats of the shingles do not matter. A text without a word has the all-0xFFFFFFFF signature.

    rensa does the permutations and the minimum over each in Rust, for all the texts of a call at once; the
    shingles are found and hashed with numpy, as byte spans of one buffer, never as Python strings
    (`dedup.shingling`: the same hashes as rensa's, so the same digests as rensa given the strings). Against
    datasketch's values with XXH32 shingle hashes (what the build computed before, in numpy) on a 3,000-article
    generated corpus and a 300-page seed-like one: estimates as close to the exact Jaccard similarity of the
    candidate pairs' shingle sets (benchmarks/HISTORY.md, "Pass 1, fourth round (issue 15): MinHash signatures";
    `benchmarks/minhash_options.py`)."""

    def __init__(self, config: DedupConfig):
        self.shingle_size, self.num_perm, self.seed = config.shingle_size, config.num_perm, config.seed

    def signatures(self, texts: list[str]) -> np.ndarray:
        buffer, starts, ends, row_offsets = shingle_spans(texts, self.shingle_size)
        if token_hash_matches_rensa():
            matrix = RMinHash.digest_matrix_from_flat_token_hashes(
                span_hashes(buffer, starts, ends), row_offsets.astype(np.uint64), self.num_perm, self.seed)
        else:       # a rensa that hashes tokens otherwise: let it hash the spans itself
            spans = span_bytes(buffer, starts, ends)
            matrix = RMinHash.digest_matrix_from_token_sets(
                [spans[a:b] for a, b in zip(row_offsets[:-1].tolist(), row_offsets[1:].tolist())],
                self.num_perm, self.seed)
        return np.array(matrix.to_rows(), dtype=np.uint32).reshape(len(texts), self.num_perm)


def content_key(unit_id: str) -> int:
    """A unit's 16-hex-digit content id as the 64-bit integer the deduplicator keeps."""
    return int(unit_id, 16)


class _Rows:
    """A numpy array that rows are appended to, kept in blocks of `block` rows (no object per append)."""

    def __init__(self, width: int, dtype, block: int = 1 << 16):
        self.width, self.dtype, self.block = width, dtype, block
        self.blocks: list[np.ndarray] = []
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        rows = rows.reshape(len(rows), self.width)
        while len(rows):
            used = self.n % self.block
            if used == 0:
                self.blocks.append(np.empty((self.block, self.width), dtype=self.dtype))
            take = min(self.block - used, len(rows))
            self.blocks[-1][used : used + take] = rows[:take]
            rows, self.n = rows[take:], self.n + take

    def array(self) -> np.ndarray:
        if not self.blocks:
            return np.empty((0, self.width), dtype=self.dtype)
        return np.concatenate(self.blocks)[: self.n]


class Deduplicator:
    """Add units in input order with `add(content_keys, signatures)`, then `resolve()`."""

    def __init__(self, config: DedupConfig, spill_dir: Path | None = None, processes: int = 1):
        """`processes`: how many processes `resolve()` may share the candidate blocks among (`links.near_links`;
        a build gives its number of workers, idle by then)."""
        self.config, self.processes = config, processes
        self.bands, self.rows = lsh_layout(config)
        self.hasher = MinHasher(config)
        self._keys = _Rows(1, np.uint64)
        self._ranks = _Rows(1, np.int32)
        self._openings = _Rows(1, np.uint64)
        self._band_hashes = _Rows(self.bands, np.uint32)
        self.n_units = 0
        handle, name = tempfile.mkstemp(prefix="signatures.", suffix=".u32", dir=spill_dir)
        self._spill_path = Path(name)
        self._spill = os.fdopen(handle, "w+b")

    def close(self) -> None:
        if not self._spill.closed:
            self._spill.close()
        self._spill_path.unlink(missing_ok=True)

    def __enter__(self) -> "Deduplicator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add_texts(self, content_keys: list[int], texts: list[str]) -> None:
        """Units known by their texts only: ranked by their `text_defects`."""
        self.add(content_keys, self.hasher.signatures(texts), [text_defects(t) for t in texts],
                 [opening_key(t) for t in texts])

    def add(self, content_keys: list[int], signatures: np.ndarray, ranks: list[int] | None = None,
            openings: list[int] | None = None) -> None:
        """Units in input order: their content keys (64-bit ints), MinHash signatures (n x num_perm uint32),
        ranks among the copies of their article (`copy_rank`, lowest kept; all equal when not given) and
        opening keys (`opening_key` of each text; none when not given)."""
        if not len(content_keys):
            return
        signatures = np.ascontiguousarray(signatures, dtype=np.uint32)
        self._keys.extend(np.array(content_keys, dtype=np.uint64))
        self._ranks.extend(np.array(ranks if ranks is not None else [0] * len(content_keys), dtype=np.int32))
        self._openings.extend(np.array(openings if openings is not None else [0] * len(content_keys), dtype=np.uint64))
        self._band_hashes.extend(self._hash_bands(signatures))
        self._spill.write(signatures.tobytes())
        self.n_units += len(content_keys)

    def _hash_bands(self, signatures: np.ndarray) -> np.ndarray:
        return band_hashes(signatures, self.bands, self.rows)

    # -- resolution --------------------------------------------------------------------------------

    def resolve(self) -> DedupResult:
        keys = self._keys.array()[:, 0]
        first_of = first_copies(keys)
        units = np.flatnonzero(first_of == np.arange(self.n_units))
        involved = sharing_a_band_hash(self._band_hashes.array()[units], units)
        signatures = self._read_signatures(involved)
        near = near_links(involved, signatures, self.bands, self.rows, self.config, processes=self.processes)
        ranks = self._ranks.array()[:, 0]
        openings = opening_links(self._openings.array()[:, 0], first_of, self.config, ranks)
        return link_units(keys, first_of, chain(near, [openings]), ranks, self.config)

    def _read_signatures(self, units: np.ndarray) -> np.ndarray:
        width = self.config.num_perm * np.dtype(np.uint32).itemsize     # bytes of one spilled signature
        self._spill.flush()
        out = np.empty((len(units), self.config.num_perm), dtype=np.uint32)
        fd = self._spill.fileno()
        for i, unit in enumerate(units.tolist()):
            out[i] = np.frombuffer(os.pread(fd, width, unit * width), dtype=np.uint32)
        return out
