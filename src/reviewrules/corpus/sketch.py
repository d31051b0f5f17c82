"""Compact, stable text signatures for the corpus rules: word-pair MinHash sketches and LSH band keys.

Everything here is a pure function of one review's text, so it runs in worker processes (or on a Dask/Spark
executor) and only the small :class:`ReviewSig` travels back. Nothing uses Python's randomized ``hash()`` for
strings: words are hashed with CRC-32 (``zlib``), word pairs are mixed with a fixed 64-bit multiplier, so two
processes, two machines or two runs give the same sketch for the same text.

The sketch is a one-permutation MinHash (Li, Owen and Zhang 2012) with rotation densification (Shrivastava and Li
2014): each word pair goes to one of :data:`BINS` bins by its hash and each bin keeps its minimum. One pass over the
pairs, no per-permutation loop, which keeps pure Python at a few microseconds per review. The share of equal bins
of two sketches estimates the Jaccard similarity of their word-pair sets.

Word pairs made only of generic words (function words and stock praise: ``"great product"``, ``"fast
shipping"``) are left out, and a review needs :data:`MIN_SHINGLES` content pairs to get a sketch at all: short
stock texts never look copied.
"""

from __future__ import annotations

import re
import zlib
from datetime import datetime
from typing import NamedTuple

from ..detectors.base import CorpusItem
from ..lexicon import lexicon

__all__ = [
    "BANDS",
    "BINS",
    "MIN_SHINGLES",
    "ROWS",
    "ReviewSig",
    "Sketcher",
    "band_keys",
    "bottomk_similarity",
    "item_signature",
    "shingle_spans",
    "similarity",
]

#: Languages with a generic-word list (``data/lexicons/<lang>/corpus_generic.txt``); others use none.
CORPUS_LANGUAGES = ("en", "es", "de", "fr", "it")
#: Bins of the one-permutation MinHash sketch (all of them verify a candidate pair: the estimate's standard
#: deviation is at most 0.0625).
BINS = 64
#: LSH banding over the first ``BANDS * ROWS`` bins: ``BANDS`` bands of ``ROWS`` bins. A pair with Jaccard 0.7
#: becomes a candidate with probability 1 - (1 - 0.7**4)**8 = 0.87, at 0.8 with 0.98, at 0.9 with 0.9999; a
#: cluster of three or more members is joined through any of its pairs, so clusters are found with a far higher
#: probability than single pairs.
BANDS = 8
ROWS = 4
#: Content word pairs a review needs before it gets a sketch (short stock texts get none).
MIN_SHINGLES = 10
#: Characters of text a review needs before it gets a sketch.
MIN_CHARS = 40
#: Bottom-k size of the word-set summary used to tell an edit or a mirror from a different review.
BOTTOM_K = 24

_MASK64 = (1 << 64) - 1
_MASK32 = (1 << 32) - 1
_MIX = 0x9E3779B97F4A7C15  # 2**64 / golden ratio, odd
_EMPTY = _MASK32 + 1  # larger than any bin value
_WORD = re.compile(r"\w+(?:'\w+)?")
_DIGIT = re.compile(r"\d")


class ReviewSig(NamedTuple):
    """What the corpus rules keep of one review: metadata and a few hundred bytes of sketches, never the text."""

    line: int
    id: str
    reviewer_id: str | None
    product_id: str | None
    parent_product_id: str | None
    rating: int | None
    time: int | None  # seconds since the epoch (UTC), or None
    text_hash: int  # 64-bit hash of the normalized word sequence; 0 for a review without words
    words: int  # number of words
    sketch: tuple[int, ...] | None  # BINS values, or None for short/generic texts
    bottom: tuple[int, ...]  # up to BOTTOM_K smallest word hashes, sorted
    bands: tuple[int, ...] = ()  # LSH band keys of the sketch (computed where the sketch is, not in the main process)


def _token(w: str) -> str:
    return "0" if _DIGIT.search(w) else w


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


class Sketcher:
    """Build once per engine (it loads the generic-word lists); then :meth:`signature` per review."""

    def __init__(self) -> None:
        self._generic: dict[str, frozenset[int]] = {
            lang: frozenset(_crc(w.casefold()) for w in lexicon("corpus_generic", lang)) for lang in CORPUS_LANGUAGES
        }
        self._none: frozenset[int] = frozenset()

    def words(self, norm: str) -> list[str]:
        """Word tokens of case-folded text, every number read as ``0`` (changed numbers stay near-identical)."""
        return [w if w.isalpha() else _token(w) for w in _WORD.findall(norm.replace("’", "'"))]

    def hashes(self, words: list[str]) -> list[int]:
        return [_crc(w) for w in words]

    def language(self, hashes: list[int]) -> str:
        """The language whose generic words the text uses most (cheap; ties go to the first of
        :data:`CORPUS_LANGUAGES`). The corpus rules vote themselves, so they need no per-review language guess."""
        best, top = CORPUS_LANGUAGES[0], 0
        seen = set(hashes)
        for lang, generic in self._generic.items():
            n = len(generic.intersection(seen))
            if n > top:
                best, top = lang, n
        return best

    def shingles(self, hashes: list[int], language: str) -> set[int]:
        """64-bit mixed hashes of adjacent word pairs, leaving out pairs made only of generic words."""
        generic = self._generic.get(language, self._none)
        flags = [h in generic for h in hashes]
        return {
            (((a << 32) | b) * _MIX) & _MASK64
            for a, b, ga, gb in zip(hashes, hashes[1:], flags, flags[1:], strict=False)
            if not (ga and gb)
        }

    def sketch(self, shingles: set[int]) -> tuple[int, ...] | None:
        """One-permutation MinHash with rotation densification; None when there are too few content pairs."""
        if len(shingles) < MIN_SHINGLES:
            return None
        # Top 6 bits pick the bin (BINS == 64), the next 32 bits are the value: in descending order the last write
        # to a bin is its minimum.
        filled = {m >> 58: (m >> 26) & _MASK32 for m in sorted(shingles, reverse=True)}
        if len(filled) == BINS:
            return tuple(filled[i] for i in range(BINS))
        # Densify: an empty bin borrows from the next non-empty bin to its right, marked by the distance.
        sig = [0] * BINS
        nxt, dist = 0, 0
        for i in range(2 * BINS - 1, -1, -1):
            j = i % BINS
            v = filled.get(j)
            if v is not None:
                nxt, dist = v, 0
                sig[j] = v
            else:
                dist += 1
                if i < BINS:
                    sig[j] = (nxt * 31 + dist) & _MASK32
        return tuple(sig)

    def signature(
        self,
        *,
        line: int,
        id: str,
        norm: str,
        language: str | None = None,
        chars: int,
        reviewer_id: str | None,
        product_id: str | None,
        parent_product_id: str | None,
        rating: int | None,
        created_at: datetime | None,
    ) -> ReviewSig:
        words = self.words(norm)
        hashes = self.hashes(words)
        lang = language or self.language(hashes)
        sketch = self.sketch(self.shingles(hashes, lang)) if chars >= MIN_CHARS else None
        joined = " ".join(words).encode("utf-8")
        text_hash = ((zlib.crc32(joined) << 32) | zlib.adler32(joined)) if words else 0
        bottom = tuple(sorted(set(hashes))[:BOTTOM_K])
        t = int(created_at.timestamp()) if created_at is not None else None
        return ReviewSig(
            line, id, reviewer_id, product_id, parent_product_id, rating, t, text_hash, len(words), sketch, bottom,
            band_keys(sketch) if sketch is not None else (),
        )


def band_keys(sketch: tuple[int, ...]) -> tuple[int, ...]:
    """One 64-bit key per band; equal keys in a band make two reviews a candidate pair. ``hash`` of a tuple of
    ints is not randomized, so the keys are stable across processes."""
    return tuple(hash((b, *sketch[b * ROWS:(b + 1) * ROWS])) for b in range(BANDS))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two sketches' word-pair sets (share of equal bins)."""
    return sum(1 for x, y in zip(a, b, strict=False) if x == y) / BINS


def bottomk_similarity(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two word sets from their bottom-k summaries.

    Exact when both texts have fewer than :data:`BOTTOM_K` distinct words; an estimate otherwise.
    """
    if not a or not b:
        return (1.0, 1.0) if a == b else (0.0, 0.0)
    sa, sb = set(a), set(b)
    if len(a) < BOTTOM_K and len(b) < BOTTOM_K:
        inter = len(sa & sb)
        return inter / len(sa | sb), inter / min(len(sa), len(sb))
    union = sorted(sa | sb)[:BOTTOM_K]
    both = sum(1 for u in union if u in sa and u in sb)
    j = both / len(union)
    return j, j


def item_signature(sketcher: Sketcher, item: CorpusItem) -> ReviewSig:
    """The signature of a corpus item, computed once per document and shared by every corpus detector."""

    def compute() -> ReviewSig:
        field = item.doc.fields.get("body") or item.doc.fields.get("title")
        return sketcher.signature(
            line=item.line,
            id=item.id,
            norm=field.norm if field is not None else "",
            chars=len(field.text) if field is not None else 0,
            reviewer_id=item.reviewer_id,
            product_id=item.product_id,
            parent_product_id=item.parent_product_id,
            rating=item.rating,
            created_at=item.created_at,
        )

    sig: ReviewSig = item.doc.memo("corpus.signature", compute)
    return sig


def shingle_spans(sketcher: Sketcher, norm: str) -> list[tuple[int, int, int]]:
    """``(pair hash, start, end)`` in ``norm`` offsets for every content word pair (for evidence spans)."""
    found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm.replace("’", "'"))]
    hashes = [_crc(w if w.isalpha() else _token(w)) for _, _, w in found]
    generic = sketcher._generic.get(sketcher.language(hashes), sketcher._none)
    out: list[tuple[int, int, int]] = []
    for k in range(1, len(found)):
        a, b = hashes[k - 1], hashes[k]
        if not (a in generic and b in generic):
            out.append(((((a << 32) | b) * _MIX) & _MASK64, found[k - 1][0], found[k][1]))
    return out
