"""The encoding of bytes that do not say what they are in: one detector for text pages and HTML pages.

Detection is chardet's (https://github.com/chardet/chardet, version 7: a rewrite that scores each candidate
encoding's decoded bytes against per-language byte-pair models, 0BSD). It is asked only about bytes that are not
UTF-8 and name no encoding (no byte-order mark, no usable HTTP or `<meta>` charset), and only among the encodings
web pages use: chardet's `MODERN_WEB` era (Windows-125x, KOI8, Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR, GB18030,
Big5...) and `LEGACY_ISO` (the ISO-8859 parts, ISO-8859-2 among them), not DOS, Mac or mainframe code pages, which
a scraped page practically never is and which short texts can be mistaken for. Its answer is a guess, recorded as one by the callers.

Why chardet and not charset-normalizer (used before): on short news texts charset-normalizer's mess ratios are
equal for the Windows code pages of Western, Central European, Turkish and Baltic languages, so Polish, Czech,
Hungarian or Turkish pages came out as Windows-1252 with their letters replaced (`zatwierdzi³a`), and short
Japanese pages came out as Korean; chardet's language models tell them apart (the comparison is in
`benchmarks/HISTORY.md`, "Encodings"). Whether the decoded text is plausible at all is charset-normalizer's mess
ratio (`charset_normalizer.md.mess_ratio`: symbols, accents and letter cases out of place), which tells text
from noise better than chardet's confidence does: real texts measure 0-0.05 in any script, random bytes about 3.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

DETECTION_BYTES = 200_000       # chardet's own default window: enough for a page, bounded for a huge one
DOUBTFUL_MESS = 0.1             # a mess ratio above this: no code page reads the bytes as text
MESS_SAMPLE_CHARS = 100_000     # the mess ratio of a page's first characters stands for the page
ISO_2022_ESCAPE = b"\x1b"       # 7-bit ISO-2022 encodings (Japanese, Korean, Chinese) shift with ESC sequences
# an answer whose Windows superset has the same letters and also decodes what the ISO set leaves to C1 controls
# (curly quotes, the euro sign): the superset reads the whole file where the subset was only seen in the window
SUPERSETS = {"ascii": "cp1252", "iso8859-1": "cp1252"}
WESTERN = "cp1252"              # the legacy code page of most Latin-script pages, the fallback on short texts
# chardet's confidence below this: next to no evidence (a page of ASCII text with one or two accented words, where
# Windows-1250 and -1252 differ only in which rare letter a byte is); real texts of a sentence or more in any of
# the benchmark's 30 languages measure 0.15 or more (`benchmarks/codepage_accuracy.py`)
LITTLE_EVIDENCE = 0.1
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Guess:
    """A detected encoding: `encoding` a Python codec name, `confidence` chardet's (0..1, comparable only
    between answers for the same bytes), `text` the whole of the bytes decoded with it."""

    encoding: str
    confidence: float
    text: str

    @property
    def doubtful(self) -> bool:
        """The decoded text is not plausible text (its mess ratio is above DOUBTFUL_MESS)."""
        from charset_normalizer.md import mess_ratio

        return mess_ratio(self.text[:MESS_SAMPLE_CHARS], DOUBTFUL_MESS) > DOUBTFUL_MESS


def guess_encoding(data: bytes) -> Guess | None:
    """The most likely encoding of `data` (bytes that are not UTF-8, or 7-bit bytes with ISO-2022 escapes)
    and the bytes decoded with it; None when no candidate decodes all of them.

    chardet's answer, unless Windows-1252 reads the bytes and either reads them letter for letter as the answer
    does (then it is named: the same text, the more common code page), or chardet had next to no evidence
    (confidence below LITTLE_EVIDENCE: English text with one 'déjà' is not Central European because 0xE0 is also
    'ŕ' there), or reads them with fewer words that mix two scripts: on a short Latin-script text a detector may
    pick a Cyrillic or Greek code page that turns a few accented letters into Cyrillic or Greek ones inside Latin
    words ("cafй", "trиs"), which no real text prints."""
    import chardet

    found = chardet.detect(data[:DETECTION_BYTES], compat_names=False, prefer_superset=False,
                           encoding_era=chardet.EncodingEra.MODERN_WEB | chardet.EncodingEra.LEGACY_ISO)
    confidence = round(float(found.get("confidence") or 0.0), 3)
    detected = _decoded(data, found.get("encoding"), confidence)
    if detected is None or detected.encoding == WESTERN:
        return detected or _decoded(data, WESTERN, 0.0)
    western = _decoded(data, WESTERN, 0.0)
    if western is not None and (confidence < LITTLE_EVIDENCE or western.text == detected.text
                                or mixed_script_words(western.text) < mixed_script_words(detected.text)):
        return western
    return detected


def _decoded(data: bytes, encoding: str | None, confidence: float) -> Guess | None:
    for candidate in (SUPERSETS.get(encoding or ""), encoding):
        if candidate:
            try:
                return Guess(codecs.lookup(candidate).name, confidence, data.decode(candidate))
            except (UnicodeDecodeError, LookupError):
                continue
    return None


def mixed_script_words(text: str) -> int:
    """How many words of `text` (runs of 2+ letters) mix Latin letters with letters of another script
    ("cafй": Unicode names LATIN... and CYRILLIC...), the sign of a Latin-script text decoded with a code page of
    another script. Words of other scripts alone are not counted (Japanese mixes kanji and kana by design)."""
    mixed = 0
    for word in WORD.findall(text):
        if word.isascii():
            continue
        latin = [unicodedata.name(c, "").startswith("LATIN") for c in word]
        mixed += any(latin) and not all(latin)
    return mixed


def iso_2022_text(data: bytes) -> Guess | None:
    """`data` decoded as a 7-bit ISO-2022 encoding (ISO-2022-JP mail and old Japanese pages) when it is one:
    ASCII bytes with ESC shift sequences, which UTF-8 would read as control characters. None otherwise."""
    if ISO_2022_ESCAPE not in data or not data.isascii():
        return None
    guess = guess_encoding(data)
    return guess if guess is not None and guess.encoding.startswith("iso2022") else None
