"""Word shingles of many texts at once, hashed as rensa hashes them, without a Python string per shingle.

The plain way (`shingle_strings`: `\\w+` words of the `normalised` text, each run of `size`
words joined by a space, hashed by rensa) builds one Python string per shingle: about 1.6 million for a
3,000-article corpus, most of the MinHash stage's time. Here, for all the texts of a call at once:

* the words are found with numpy over the texts' code points: a character is a word character exactly when
  `re`'s `\\w` matches it (`str.isalnum()` or "_", the test `_sre` applies), looked up in a table of the Basic
  Multilingual Plane built from `str.isalnum` itself (characters beyond it are asked one by one);
* the words are laid out in one UTF-8 buffer, one space between two words: a shingle is then one span of it,
  byte for byte the UTF-8 of the plain way's string;
* each span is hashed with rensa's own token hash (`calculate_hash_fast` in rensa's src/utils.rs: rustc-hash
  2's FxHasher over the bytes; https://github.com/beowolx/rensa), written with numpy's uint64 arithmetic, and
  the hashes go to rensa's `digest_matrix_from_flat_token_hashes`, which gives the same digests as
  `digest_matrix_from_token_sets` given the strings. `token_hash_matches_rensa()` checks the numpy hash against
  rensa's `hash_token_sets` on strings of every length class; a rensa release that hashed otherwise would make
  it false, and the MinHasher would then hash the spans with rensa itself (`span_bytes`).

`tests/test_speed_minhash.py` checks the signatures against the plain way's on generated texts in many scripts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import numpy as np

U64 = np.uint64
LOW32 = U64(0xFFFF_FFFF)
# rensa's constants (src/utils.rs, 64-bit targets)
FX_K = U64(0xF135_7AEA_2E62_A9C5)
SEED1, SEED2 = U64(0x243F_6A88_85A3_08D3), U64(0x1319_8A2E_0370_7344)
PREVENT_TRIVIAL_ZERO_COLLAPSE = U64(0xA409_3822_299F_31D0)
ROTATE = 26


@cache
def _bmp_word_chars() -> np.ndarray:
    """bool per code point below U+10000: does `re`'s `\\w` match it (`str.isalnum()` or '_')."""
    word = np.fromiter((chr(c).isalnum() for c in range(0x10000)), dtype=bool, count=0x10000)
    word[ord("_")] = True
    return word


def _word_chars(points: np.ndarray) -> np.ndarray:
    """bool per code point (uint32): is it a word character of `re`'s `\\w`."""
    if len(points) and int(points.max()) < 0x10000:
        return _bmp_word_chars()[points]
    word = np.zeros(len(points), dtype=bool)
    bmp = points < 0x10000
    word[bmp] = _bmp_word_chars()[points[bmp]]
    beyond = np.flatnonzero(~bmp)
    if len(beyond):
        values, where = np.unique(points[beyond], return_inverse=True)
        word[beyond] = np.array([chr(v).isalnum() for v in values.tolist()], dtype=bool)[where]
    return word


#: a period between two single letters of an abbreviation ('a.m.', 'U.S.A.', 'e.g.'): dropped, so that a copy
#: edited to another house style ('am', 'USA') has the same words; the period is found first (a literal the
#: engine scans for), the letters around it checked after (not digits: '3.5' keeps its two numbers)
ABBREVIATION_PERIOD = re.compile(r"\.(?<=\b[^\W\d_]\.)(?=[^\W\d_]\b)")


def normalised(text: str) -> str:
    """A text as its words are read for shingles: NFKC-normalised, casefolded, the periods inside abbreviations
    dropped (`ABBREVIATION_PERIOD`)."""
    return ABBREVIATION_PERIOD.sub("", unicodedata.normalize("NFKC", text).casefold())


def shingle_strings(tokens: list[str], size: int) -> list[str]:
    """The text's `size`-word shingles in order, repeats included (a text shorter than `size` is one shingle)."""
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def shingle_spans(texts: list[str], size: int) -> tuple[bytes, np.ndarray, np.ndarray, np.ndarray]:
    """The shingles of all `texts` as spans of one buffer: (buffer, starts, ends, row_offsets), where
    `buffer[starts[i]:ends[i]]` is the UTF-8 of `shingle_strings(words, size)[j]` for the text it belongs to,
    and text t's shingles are those from row_offsets[t] to row_offsets[t + 1] (int64 arrays)."""
    forms = [normalised(text) for text in texts]
    joined = "\n".join(forms)              # a non-word character between two texts
    if joined.isascii():
        points = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    else:
        points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    word = _word_chars(points)
    after_word = np.concatenate(([False], word[:-1]))
    # the words, each run of other characters after a word reduced to one space (a run before the first word
    # of all is dropped; a space after the last word of a text is never inside a shingle)
    kept = word | after_word
    chars = np.where(word, points, 32)[kept]
    kept_word = word[kept]
    starts = np.flatnonzero(kept_word & ~np.concatenate(([False], kept_word[:-1])))
    ends = np.flatnonzero(kept_word & ~np.concatenate((kept_word[1:], [False]))) + 1
    # the text each word is in: from its first character's place in `joined`
    text_starts = np.cumsum([0] + [len(t) + 1 for t in forms[:-1]], dtype=np.int64)
    text_of_word = np.searchsorted(text_starts, np.flatnonzero(kept)[starts], side="right") - 1
    n_words = np.bincount(text_of_word, minlength=len(texts))
    if points.dtype == np.uint8 or int(chars.max(initial=0)) < 0x80:
        buffer = chars.astype(np.uint8).tobytes()
    else:       # byte offsets of the UTF-8 encoding: 1 to 4 bytes per character
        widths = 1 + (chars >= 0x80) + (chars >= 0x800) + (chars >= 0x10000)
        offsets = np.concatenate(([0], np.cumsum(widths)))
        buffer = chars.astype("<u4").tobytes().decode("utf-32-le").encode("utf-8")
        starts, ends = offsets[starts], offsets[ends]
    first_word = np.concatenate(([0], np.cumsum(n_words)[:-1]))
    n_shingles = np.where(n_words > 0, np.maximum(n_words - size + 1, 1), 0)
    row_offsets = np.concatenate(([0], np.cumsum(n_shingles)))
    text_of = np.repeat(np.arange(len(texts)), n_shingles)
    first = first_word[text_of] + np.arange(row_offsets[-1]) - row_offsets[text_of]
    last = np.minimum(first + size - 1, (first_word + n_words - 1)[text_of])
    return buffer, starts[first], ends[last], row_offsets


def span_bytes(buffer: bytes, starts: np.ndarray, ends: np.ndarray) -> list[bytes]:
    """The spans as bytes objects (for rensa to hash)."""
    return list(map(buffer.__getitem__, map(slice, starts.tolist(), ends.tolist())))


def _multiply_mix(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """rensa's `multiply_mix`: the low and the high 64 bits of the 128-bit product x * y, xor-ed (the high
    half from 32-bit halves: numpy has no 128-bit integers)."""
    x_low, x_high, y_low, y_high = x & LOW32, x >> U64(32), y & LOW32, y >> U64(32)
    low_low, low_high, high_low = x_low * y_low, x_low * y_high, x_high * y_low
    middle = (low_low >> U64(32)) + (low_high & LOW32) + (high_low & LOW32)
    high = x_high * y_high + (low_high >> U64(32)) + (high_low >> U64(32)) + (middle >> U64(32))
    return (x * y) ^ high


def span_hashes(buffer: bytes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """rensa's 64-bit token hash (`calculate_hash_fast`) of each span `buffer[starts[i]:ends[i]]`, as uint64."""
    data = np.frombuffer(buffer + bytes(8), dtype=np.uint8)
    # every (unaligned) little-endian 8- and 4-byte word of the buffer, by its first byte's offset
    words64 = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    words32 = np.ndarray((len(data) - 3,), dtype="<u4", buffer=data, strides=(1,))
    lengths = (ends - starts).astype(np.int64)
    s0, s1 = np.full(len(starts), SEED1), np.full(len(starts), SEED2)
    long = np.flatnonzero(lengths > 16)
    if len(long):       # 16-byte blocks while more than 16 bytes are left, then the last 16 bytes
        at, length = starts[long], lengths[long]
        a, b = s0[long], s1[long]
        blocks = (length - 1) // 16
        going = np.arange(len(long))
        block = 0
        while len(going):
            offset = at[going] + 16 * block
            mixed = _multiply_mix(a[going] ^ words64[offset], PREVENT_TRIVIAL_ZERO_COLLAPSE ^ words64[offset + 8])
            a[going] = b[going]
            b[going] = mixed
            block += 1
            going = going[blocks[going] > block]
        s0[long] = a ^ words64[at + length - 16]
        s1[long] = b ^ words64[at + length - 8]
    if len(long) < len(starts):
        eight = np.flatnonzero((lengths >= 8) & (lengths <= 16))
        s0[eight] ^= words64[starts[eight]]
        s1[eight] ^= words64[starts[eight] + lengths[eight] - 8]
        four = np.flatnonzero((lengths >= 4) & (lengths < 8))
        s0[four] ^= words32[starts[four]]
        s1[four] ^= words32[starts[four] + lengths[four] - 4]
        few = np.flatnonzero((lengths > 0) & (lengths < 4))
        at, length = starts[few], lengths[few]
        s0[few] ^= data[at]
        s1[few] ^= (data[at + length - 1].astype(U64) << U64(8)) | data[at + length // 2]
    hashed = (_multiply_mix(s0, s1) ^ lengths.astype(U64)) * FX_K
    return (hashed << U64(ROTATE)) | (hashed >> U64(64 - ROTATE))


@cache
def token_hash_matches_rensa() -> bool:
    """Whether `span_hashes` gives rensa's `hash_token_sets` hash on strings of 0 to 80 bytes (every length
    class of the hash), ASCII and not."""
    from rensa import RMinHash

    tokens = [("ab\u00e9 \u0436\u4e2dxyz0123" * 8).encode()[:n] for n in range(81)]
    buffer = b"".join(tokens)
    ends = np.cumsum([len(t) for t in tokens], dtype=np.int64)
    ours = span_hashes(buffer, ends - [len(t) for t in tokens], ends)
    return [int(h) for h in ours] == [RMinHash.hash_token_sets([[t]])[0][0] for t in tokens]
