"""What a review or feedback text is about, sentence by sentence (clause by clause).

Amazon's seller, ordering and shipping rules for reviews (and the "entire comment" rules for seller feedback) turn on
one question: is there a genuine statement about the product, or is every sentence about the seller, the order, the
delivery, the packaging or the price somewhere else? :func:`aboutness` answers it once per document and is shared by
every detector that needs it (``doc.memo``).

How it reads a text:

1. Cue phrases per language (``data/lexicons/<lang>/topic_cues.txt``) are matched in one pass over the ``folded``
   view of each field (case and accents folded, so ``llegó`` and ``llego`` are the same). Each cue has one or more
   labels (``seller_service``, ``order_returns``, ``ship_packaging``, ``condition_damage``, ``ship_cost_speed``,
   ``fulfilment_delivery``, ``price_store``, ``availability``) and a polarity: ``-`` a complaint, ``0`` a neutral
   report ("I returned it"), ``+`` a passing positive remark ("arrived fast").
2. Sentences are cut into clauses at contrast words and commas ("arrived late, but the blade is sharp").
3. A clause without cues is a product statement when it says something (four words or more, or an evaluation word
   such as "love", "works", "tastes", "won't install"), unless it is filler ("Very disappointed.", "Thanks!", "Five
   stars", "I bought these for my son", "Needed it by the weekend", "This is my 2nd tablet"; matched on the
   clause's words, so "b-4 weekend" is "b 4 weekend"), or it names the store, the seller, customer service, a
   rebate or the order (``topic_offtopic.txt``) without evaluating anything ("Amazon would rather collect your
   money and ignore you"). In a sentence that has a cue or a store mention, a clause cut off by a comma or a
   parenthesis and opened by a fragment word must evaluate something to count ("Ordered on Thursday and paid for
   next-day shipping (because there is no delivery on Saturday)": no product statement); a clause opened by a
   contrast word ("but", "however",
   ``topic_contrast.txt``) or by anything but a word that starts a dependent fragment (``topic_fragment.txt``:
   "because", "like", "on"...) is judged on its own ("Arrived late, but my kids use it every day", "not what I
   ordered, this is a different model with fewer speeds", "arrived late, the battery lasts two days"). A
   clause with cues is a product statement only when what remains outside them still evaluates something ("fast
   shipping, great product"); an evaluation word inside a cue ("excellent buying experience") evaluates the
   purchase. A clause with a price/store mention of the store matcher (R-PRICING, R-AVAILABILITY, strong or weak)
   is a product statement when it evaluates something ("bought it at Best Buy and my kids love it").
4. ``kind``: ``seller`` when cue or store clauses exist and no product statement does (a review that only talks
   about a price at another store, a rebate or the buying experience is not about the product either); ``mixed``
   when cue clauses and product statements both exist; ``product`` when there are no cues (a store mention next to
   product statements leaves the review ``product``: R-PRICING/R-AVAILABILITY judge it); ``other`` when there is
   no text to speak of (a rating only, "Five stars").

A defect that appears with use ("broke after a week") carries no cue: it is a product statement. "Arrived broken"
is condition on arrival; the product's own retail box ("the box is pretty") is product, the shipping box crushed in
transit is packaging; "colour darker than the pictures" is a listing mismatch, which is product feedback.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import regex

from ..extract._lazy import PerLanguage
from ..lexicon import lexicon
from ..models import Kind
from ..text import PreparedText
from ..text.lang import SUPPORTED
from .anchored import AnchoredPatterns
from .stores import StoreMatcher, StoreMention

if TYPE_CHECKING:
    from ..detectors.base import Document

__all__ = [
    "LABELS",
    "LABEL_RULES",
    "SELLER_LABELS",
    "Aboutness",
    "AboutnessAnalyzer",
    "Cue",
    "SentenceTopic",
    "aboutness",
]

Polarity = Literal["negative", "neutral", "positive"]

#: Every topic label a cue can carry.
LABELS = frozenset(
    {
        "seller_service",
        "order_returns",
        "ship_packaging",
        "condition_damage",
        "ship_cost_speed",
        "fulfilment_delivery",
        "price_store",
        "availability",
        "promotion",
    }
)
#: Labels that mean "not about the product itself" (they make a review seller or mixed).
SELLER_LABELS = LABELS
#: Review rule for each seller/shipping label (``price_store`` and ``availability`` belong to R-PRICING and
#: R-AVAILABILITY, which have their own detector; ``promotion``, a rebate or promotional offer honoured or not, is
#: purchase content with no rule of its own: it makes a review seller or mixed, and R-PRICING judges any price).
LABEL_RULES: Mapping[str, str] = {
    "seller_service": "R-SELLER-SERVICE",
    "order_returns": "R-ORDER-RETURNS",
    "ship_packaging": "R-SHIP-PACKAGING",
    "condition_damage": "R-CONDITION-DAMAGE",
    "ship_cost_speed": "R-SHIP-COST-SPEED",
    "fulfilment_delivery": "R-SHIP-COST-SPEED",
}
_STORE_LABELS: Mapping[str, frozenset[str]] = {
    "R-PRICING": frozenset({"price_store"}),
    "R-AVAILABILITY": frozenset({"availability"}),
}
_STORE_ONLY = frozenset({"price_store", "availability"})
_POLARITY: Mapping[str, Polarity] = {"-": "negative", "0": "neutral", "+": "positive"}
_TEXT_FIELDS = ("title", "body", "comment")


@dataclass(frozen=True, slots=True)
class Cue:
    """One matched cue phrase: offsets in the field's ``norm`` view (``folded`` has the same offsets)."""

    field: str
    start: int
    end: int
    labels: frozenset[str]
    polarity: Polarity


@dataclass(frozen=True, slots=True)
class SentenceTopic:
    """One clause of a field: what it is about.

    ``start``/``end`` are offsets in the field's ``norm`` view (map them with ``doc.hit(..., view=field.norm_view)``);
    ``sentence`` is the enclosing sentence's span in the same view (the natural evidence span).
    """

    field: str
    start: int
    end: int
    sentence: tuple[int, int]
    labels: frozenset[str]
    cues: tuple[Cue, ...]
    product_statement: bool
    filler: bool
    #: The clause overlaps a price/store mention of the store matcher (R-PRICING or R-AVAILABILITY, any strength).
    store: bool = False

    @property
    def polarity(self) -> Polarity | None:
        """Negative when any cue complains; positive when a cue praises and none complains ("I called and customer
        service was great"); neutral otherwise; None without cues."""
        if not self.cues:
            return None
        pols = {c.polarity for c in self.cues}
        if "negative" in pols:
            return "negative"
        return "positive" if "positive" in pols else "neutral"


@dataclass(frozen=True, slots=True)
class Aboutness:
    """The analysis of one document: its clauses and what the whole text is about."""

    sentences: tuple[SentenceTopic, ...]
    kind: Kind
    language: str
    #: Sentences judged by the price/store matcher (R-PRICING, R-AVAILABILITY and the X-VALUE-PRICE /
    #: X-COMPETITOR-COMPARISON exemptions); strong ones also label their clauses ``price_store``/``availability``.
    stores: tuple[StoreMention, ...] = ()

    @property
    def topical(self) -> tuple[SentenceTopic, ...]:
        """Clauses with at least one seller/order/shipping/price cue (weak store mentions are not cues: see
        :attr:`SentenceTopic.store`)."""
        return tuple(s for s in self.sentences if s.labels)

    @property
    def product_statements(self) -> tuple[SentenceTopic, ...]:
        return tuple(s for s in self.sentences if s.product_statement)

    @property
    def has_product_statement(self) -> bool:
        return any(s.product_statement for s in self.sentences)

    def labels(self) -> frozenset[str]:
        out: set[str] = set()
        for s in self.sentences:
            out |= s.labels
        return frozenset(out)

    def only(self, labels: Iterable[str]) -> bool:
        """True when the text has cues, no product statement, and every cue carries one of ``labels``."""
        want = frozenset(labels)
        cued = self.topical
        return bool(cued) and not self.has_product_statement and all(s.labels & want for s in cued)


@dataclass(frozen=True, slots=True)
class _Pack:
    """Compiled cues of one language."""

    #: the cue patterns (indexes below ``n_cues``) followed by the store matcher's core patterns
    #: (:meth:`StoreMatcher.core_patterns`): both are looked for in one pass over each field
    cues: AnchoredPatterns | None
    meta: tuple[tuple[frozenset[str], Polarity], ...]
    split: regex.Pattern[str]
    filler: regex.Pattern[str] | None
    #: evaluation words (indexes below ``n_eval``) and store/seller words (the rest), found in one pass
    evaluation: AnchoredPatterns | None
    n_eval: int = 0
    contrast: regex.Pattern[str] | None = None
    fragment: regex.Pattern[str] | None = None
    n_cues: int = 0

    def scan(
        self, text: str, words: list[tuple[int, int]], tokens: list[str], timeout: float | None
    ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """The cue matches and the store matcher's core matches of one field (``folded`` view), in one pass."""
        if self.cues is None:
            return [], []
        found = self.cues.find(text, words, timeout, tokens)
        if not found:
            return [], []
        n = self.n_cues
        return [h for h in found if h[0] < n], [(i - n, s, e) for i, s, e in found if i >= n]


@dataclass(frozen=True, slots=True)
class _Scan:
    """One field's word tokens, cue hits, store core matches and (when searched) store mentions, found by the brief
    reading."""

    tokens: list[str]
    hits: list[tuple[int, int, int]]
    stores: list[StoreMention] | None
    core: list[tuple[int, int, int]] | None


_WORDS = regex.compile(r"\w+(?:['’]\w+)*", regex.V1)
_DEFAULT_SPLIT = r"[,;:]\s|\s[-–—]+\s|\s\(|\)\s"
_DEFAULT_SPLIT_RE = regex.compile(_DEFAULT_SPLIT)


def _alternation(lines: Iterable[str]) -> str:
    return "|".join(f"(?:{line})" for line in lines)


def _compile_pack(lang: str, store_patterns: tuple[str, ...] = ()) -> _Pack:
    meta: list[tuple[frozenset[str], Polarity]] = []
    branches: list[tuple[int, str]] = []
    for line in lexicon("topic_cues", lang):
        parts = line.split(None, 2)
        if len(parts) != 3 or parts[1] not in _POLARITY:
            raise ValueError(f"topic_cues.txt ({lang}): malformed line {line[:40]!r}")
        labels = frozenset(parts[0].split("+"))
        if not labels <= LABELS:
            raise ValueError(f"topic_cues.txt ({lang}): unknown label in {parts[0]!r}")
        branches.append((0 if parts[1] == "+" else 1, parts[2]))
        meta.append((labels, _POLARITY[parts[1]]))
    cues = AnchoredPatterns([b[1] for b in branches] + list(store_patterns)) if branches or store_patterns else None
    split_words = lexicon("topic_split", lang)
    split = _DEFAULT_SPLIT + (rf"|\s(?:{_alternation(split_words)})\s" if split_words else "")
    filler_lines = lexicon("topic_filler", lang)
    eval_lines = lexicon("topic_eval", lang)
    off_lines = lexicon("topic_offtopic", lang)
    contrast_lines = lexicon("topic_contrast", lang)
    fragment_lines = lexicon("topic_fragment", lang)
    return _Pack(
        cues=cues,
        meta=tuple(meta),
        split=regex.compile(split),
        filler=regex.compile(rf"(?:{_alternation(filler_lines)})[\s.!?…]*") if filler_lines else None,
        evaluation=AnchoredPatterns(eval_lines + off_lines) if eval_lines or off_lines else None,
        n_eval=len(eval_lines),
        contrast=regex.compile(rf"(?:{_alternation(contrast_lines)})(?!\w)") if contrast_lines else None,
        fragment=regex.compile(rf"(?:{_alternation(fragment_lines)})") if fragment_lines else None,
        n_cues=len(branches),
    )


class AboutnessAnalyzer:
    """Compiled cue lexicons of every supported language; build once, call :meth:`analyze` per document."""

    def __init__(self, languages: Iterable[str] = SUPPORTED) -> None:
        langs = tuple(languages)
        # each language's cues are compiled the first time a text in it is read (an English-only engine never
        # reads the other lexicons); :meth:`packs` builds them all (tests: a malformed lexicon fails there)
        self.stores = StoreMatcher(langs)
        stores = self.stores
        self._packs: PerLanguage[_Pack] = PerLanguage(langs, lambda lang: _compile_pack(lang, stores.core_patterns(lang)))

    def packs(self) -> dict[str, _Pack]:
        """Every language's compiled cues (built now if needed)."""
        return self._packs.all()

    def analyze(
        self, fields: Iterable[PreparedText], language: str, timeout: float | None = None, brief: bool = False
    ) -> Aboutness:
        """Read ``fields``. With ``brief``, a text without a single cue (the common case) is not cut into clauses:
        the result has no ``sentences``, only its ``kind`` (``product`` or ``other``, as the full reading gives)
        and its store mentions (X-VALUE-PRICE and friends)."""
        pack = self._packs.get(language)
        chosen = [f for f in fields if f.field in _TEXT_FIELDS]
        # what the brief reading already found per field (tokens, cue hits, store mentions): not searched again
        seen: dict[str, _Scan] = {}
        if brief:
            quick = self._brief(chosen, language, pack, timeout, seen)
            if quick is not None:
                return quick
        out: list[SentenceTopic] = []
        mentions: list[StoreMention] = []
        any_words = False
        for field in chosen:
            text = field.folded
            if not text.strip():
                continue
            any_words = any_words or _WORDS.search(text) is not None
            cues: list[Cue] = []
            scan = seen.get(field.field)
            tokens: list[str] | None = scan.tokens if scan is not None else None
            core: list[tuple[int, int, int]] | None = scan.core if scan is not None else None
            if pack is not None and pack.cues is not None:
                # Every cue that matches is kept ("llegó roto y tarde" is damage and lateness); a cue inside a
                # positive one ("none arrived broken") is dropped.
                if tokens is None:
                    tokens = [text[a:b] for a, b in field.words]
                if scan is not None:
                    hits = scan.hits
                else:
                    hits, core = pack.scan(text, field.words, tokens, timeout)
                for idx, cs, ce in hits:
                    labels, pol = pack.meta[idx]
                    cues.append(Cue(field.field, cs, ce, labels, pol))
                cues.sort(key=lambda c: (c.start, c.end))
                cues = _drop_inside_positive(cues)
            found = (
                scan.stores
                if scan is not None and scan.stores is not None
                else self.stores.find(field, language, timeout, tokens, core)
            )
            mentions.extend(found)
            stores: list[tuple[int, int]] = []
            for sm in found:
                if sm.rule in _STORE_LABELS:
                    stores.append((sm.cue_start, sm.cue_end))
                    if sm.strong:
                        cues.append(Cue(field.field, sm.cue_start, sm.cue_end, _STORE_LABELS[sm.rule], "neutral"))
            if found:
                cues.sort(key=lambda c: c.start)
            evals: list[int] = []
            off: list[int] = []
            if pack is not None and pack.evaluation is not None:
                for idx, hs, _he in pack.evaluation.find(text, field.words, timeout, tokens):
                    (evals if idx < pack.n_eval else off).append(hs)
                evals.sort()
                off.sort()
            out.extend(self._clauses(field, text, cues, stores, evals, off, pack, timeout))
        return Aboutness(tuple(out), _kind(out, any_words), language, tuple(mentions))

    def _brief(
        self,
        fields: list[PreparedText],
        language: str,
        pack: _Pack | None,
        timeout: float | None,
        seen: dict[str, _Scan],
    ) -> Aboutness | None:
        """The cheap reading of a text without cues; None when some field has a cue or a price/store mention (then
        the full reading runs, reusing what is in ``seen``)."""
        mentions: list[StoreMention] = []
        live: list[PreparedText] = []
        for field in fields:
            text = field.folded
            if not text.strip():
                continue
            tokens = [text[a:b] for a, b in field.words]
            core: list[tuple[int, int, int]] | None = None
            if pack is not None and pack.cues is not None:
                hits, core = pack.scan(text, field.words, tokens, timeout)
            else:
                hits = []
            if hits:
                seen[field.field] = _Scan(tokens, hits, None, core)
                return None
            found = self.stores.find(field, language, timeout, tokens, core)
            seen[field.field] = _Scan(tokens, hits, found, core)
            if any(sm.rule in _STORE_LABELS for sm in found):
                return None  # a price/store mention (strong or weak) may be all the review says
            mentions.extend(found)
            live.append(field)
        any_words = any(_WORDS.search(f.folded) is not None for f in live)
        if not any_words:
            kind = Kind.other
        else:
            # Without cues a clause is a product statement or filler; the kind is product as soon as one clause is
            # not filler, exactly as in the full reading.
            kind = Kind.other
            for field in live:
                if self._has_content(field, field.folded, pack, timeout):
                    kind = Kind.product
                    break
        return Aboutness((), kind, language, tuple(mentions))

    def _has_content(self, field: PreparedText, text: str, pack: _Pack | None, timeout: float | None) -> bool:
        """True when some clause of ``field`` is not filler (the same judgement as :meth:`_clauses` without cues).
        Clauses are cut lazily: the first one that is not filler (usually the first of the text) ends the search."""
        filler_re = pack.filler if pack is not None else None
        if filler_re is None:
            return any(ch.isalnum() for ch in text)
        split = pack.split if pack is not None else _DEFAULT_SPLIT_RE
        for s, e in field.sentences:
            pos = s
            for m in split.finditer(text, s, e, timeout=timeout):
                if _content(text, pos, m.start(), filler_re, timeout):
                    return True
                pos = m.end()
            if _content(text, pos, e, filler_re, timeout):
                return True
        return False

    def _clauses(
        self,
        field: PreparedText,
        text: str,
        cues: list[Cue],
        stores: list[tuple[int, int]],
        evals: list[int],
        off: list[int],
        pack: _Pack | None,
        timeout: float | None,
    ) -> list[SentenceTopic]:
        out: list[SentenceTopic] = []
        is_title = field.field == "title"
        filler_re = pack.filler if pack is not None else None
        spans = sorted([(c.start, c.end) for c in cues] + stores)
        for (s, e), clauses in _clause_bounds(field, text, pack, timeout):
            # a sentence with a cue or a store mention is about the purchase: its other clauses count as product
            # statements only when they evaluate something
            sent_topical = _overlaps(spans, s, e)
            whole = len(clauses) == 1
            for cs, ce, gs, ge in clauses:
                mine = tuple(c for c in cues if c.start < ce and c.end > cs)
                near = [(a, b) for a, b in stores if a < ce and b > cs]
                labels: frozenset[str] = frozenset().union(*(c.labels for c in mine)) if mine else frozenset()
                lo = bisect_left(evals, cs)
                in_clause = evals[lo : bisect_left(evals, ce, lo)]
                # a clause with cues is judged on what lies outside them: its word count and filler test are not read
                nwords = 0
                filler = False
                if not mine:
                    words = _WORDS.findall(text, cs, ce)
                    nwords = len(words)
                    filler = (
                        filler_re is not None
                        and nwords <= _FILLER_MAX_WORDS
                        and filler_re.fullmatch(" ".join(words), timeout=timeout) is not None
                    )
                if mine:
                    covered = [(c.start, c.end) for c in mine]
                    rest = [p for p in in_clause if not any(a <= p < b for a, b in covered)]
                    product = bool(rest) and len(_WORDS.findall(_outside(text, cs, ce, covered))) >= 3
                elif near:
                    # a store mention spans its whole sentence: an evaluation anywhere in the clause counts
                    # ("bought at Best Buy and they love it"), a bare narration does not
                    product = bool(in_clause)
                elif filler:
                    product = False
                elif sent_topical and not whole and not (pack is not None and _opens(text, cs, ce, gs, ge, pack, timeout)):
                    product = bool(in_clause)
                elif not in_clause and _any_in(off, cs, ce):
                    product = False  # "Amazon would rather collect your money": about the store, not the product
                else:
                    product = bool(in_clause) or (not is_title and nwords >= 4)
                out.append(
                    SentenceTopic(
                        field.field, cs, ce, (s, e), labels, mine, product, filler and not mine, bool(near)
                    )
                )
        return out


_FILLER_MAX_WORDS = 14


def _clause_bounds(
    field: PreparedText, text: str, pack: _Pack | None, timeout: float | None
) -> Iterator[tuple[tuple[int, int], list[tuple[int, int, int, int]]]]:
    """Every sentence span of ``field`` with its clauses ``(start, end, gap_start, gap_end)``, outer punctuation
    stripped; the gap is the separator before the clause (``-1, -1`` for the first clause of the sentence)."""
    split = pack.split if pack is not None else _DEFAULT_SPLIT_RE
    for s, e in field.sentences:
        bounds = [-1, s]
        for m in split.finditer(text, s, e, timeout=timeout):
            bounds.extend((m.start(), m.end()))
        bounds.append(e)
        mine: list[tuple[int, int, int, int]] = []
        for i in range(1, len(bounds), 2):
            cs, ce = bounds[i], bounds[i + 1]
            while cs < ce and not text[cs].isalnum():
                cs += 1
            while ce > cs and not text[ce - 1].isalnum():
                ce -= 1
            if ce > cs:
                mine.append((cs, ce, bounds[i - 1], bounds[i] if i > 1 else -1))
        yield (s, e), mine


def _opens(text: str, cs: int, ce: int, gs: int, ge: int, pack: _Pack, timeout: float | None) -> bool:
    """True when the clause is judged on its own, not as a fragment of a seller/shipping sentence: it starts with a
    contrast word ("but", "however"; also as the separator before it), or with anything but a word that starts a
    dependent fragment ("because", "like", "on", a digit: ``topic_fragment.txt``), so "the battery lasts two days"
    and "this is a different model" stand on their own."""
    if pack.contrast is not None and (
        pack.contrast.match(text, cs, ce, timeout=timeout) is not None
        or (gs >= 0 and pack.contrast.search(text, gs, ge, timeout=timeout) is not None)
    ):
        return True
    if pack.fragment is None:
        return True
    m = pack.fragment.match(text, cs, ce, timeout=timeout)
    if m is None:
        return True
    end = m.end()
    # a fragment word is a whole word ("on", not "only"); "qu'" and a digit end one by themselves
    return end < ce and text[end].isalnum() and text[end - 1] not in "'’" and not text[end - 1].isdigit()


def _content(text: str, cs: int, ce: int, filler_re: regex.Pattern[str], timeout: float | None) -> bool:
    """True when the clause ``[cs, ce)``, stripped of outer non-alphanumerics as in the full reading, has a word and
    is not filler."""
    while cs < ce and not text[cs].isalnum():
        cs += 1
    while ce > cs and not text[ce - 1].isalnum():
        ce -= 1
    if ce <= cs:
        return False
    words = _WORDS.findall(text, cs, ce)
    return len(words) > _FILLER_MAX_WORDS or filler_re.fullmatch(" ".join(words), timeout=timeout) is None


def _any_in(points: list[int], s: int, e: int) -> bool:
    """True when a position of ``points`` (sorted) lies in ``[s, e)``."""
    i = bisect_left(points, s)
    return i < len(points) and points[i] < e


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """True when a span of ``spans`` (sorted by start) overlaps ``[s, e)``."""
    for a, b in spans:
        if a >= e:
            return False
        if b > s:
            return True
    return False


def _drop_inside_positive(cues: list[Cue]) -> list[Cue]:
    """Drop complaint cues inside a positive cue at least as long ("none arrived broken", "arrived with no
    scratches"), positive cues inside a longer
    complaint or report, and repeats of the same span."""
    positive = [c for c in cues if c.polarity == "positive"]
    out: list[Cue] = []
    seen: set[tuple[int, int, frozenset[str], str]] = set()
    for c in cues:
        key = (c.start, c.end, c.labels, c.polarity)
        if key in seen:
            continue
        seen.add(key)
        if c.polarity != "positive" and any(
            p.start <= c.start and c.end <= p.end and (p.end - p.start) >= (c.end - c.start) for p in positive
        ):
            continue
        if c.polarity == "positive" and any(
            o.polarity != "positive" and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
            for o in cues
        ):
            continue  # "add another $7 to get free shipping": the praise is part of a complaint
        out.append(c)
    return out


def _outside(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> str:
    """The text of ``[s, e)`` outside ``spans`` (sorted by start)."""
    parts: list[str] = []
    pos = s
    for a, b in spans:
        if a > pos:
            parts.append(text[pos:a])
        pos = max(pos, b)
    if pos < e:
        parts.append(text[pos:e])
    return " ".join(parts)


def _kind(clauses: list[SentenceTopic], any_words: bool) -> Kind:
    if not any_words:
        return Kind.other
    # Seller/order/shipping content next to a product statement makes a mixed review; a price or store remark next
    # to one does not (R-PRICING and R-AVAILABILITY judge it on their own), but alone it is not about the product.
    topical = any(c.labels - _STORE_ONLY for c in clauses)
    store = any(c.store or c.labels for c in clauses)
    product = any(c.product_statement for c in clauses)
    if topical and product:
        return Kind.mixed
    if store and not product:
        return Kind.seller
    if product or any(not c.filler for c in clauses):
        return Kind.product
    return Kind.other


@lru_cache(maxsize=1)
def default_analyzer() -> AboutnessAnalyzer:
    """One analyzer per process (immutable once built), for callers that have none of their own."""
    return AboutnessAnalyzer()


def aboutness(
    doc: Document,
    field_names: Iterable[str] | None = None,
    analyzer: AboutnessAnalyzer | None = None,
    brief: bool = False,
) -> Aboutness:
    """What ``doc``'s text fields are about, computed once per document and field selection. ``brief``: a text
    without cues gets no ``sentences`` (see :meth:`AboutnessAnalyzer.analyze`); callers that only need the kind,
    the cued clauses and the store mentions pass it."""
    names = tuple(field_names) if field_names is not None else tuple(n for n in _TEXT_FIELDS if n in doc.fields)
    key = ("aboutness-brief:" if brief else "aboutness:") + ",".join(names)
    if brief and ("aboutness:" + ",".join(names)) in doc.notes:
        key = "aboutness:" + ",".join(names)  # a full reading already made serves as well

    def compute() -> Aboutness:
        an = analyzer or default_analyzer()
        fields = [doc.fields[n] for n in names if n in doc.fields]
        return an.analyze(fields, doc.language.code, doc.timeout, brief)

    result: Aboutness = doc.memo(key, compute)
    return result
