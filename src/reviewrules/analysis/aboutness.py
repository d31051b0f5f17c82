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
   such as "love", "works", "tastes"), unless it is filler ("Very disappointed.", "Thanks!", "Five stars", "I bought
   these for my son"). A clause with cues is a product statement only when what remains outside its cues still
   evaluates something ("fast shipping, great product").
4. ``kind``: ``seller`` when cue clauses exist and no product statement does; ``mixed`` when both exist; ``product``
   when there are no cues; ``other`` when there is no text to speak of (a rating only, "Five stars").

A defect that appears with use ("broke after a week") carries no cue: it is a product statement. "Arrived broken"
is condition on arrival; the product's own retail box ("the box is pretty") is product, the shipping box crushed in
transit is packaging; "colour darker than the pictures" is a listing mismatch, which is product feedback.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import regex

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
    }
)
#: Labels that mean "not about the product itself" (they make a review seller or mixed).
SELLER_LABELS = LABELS
#: Review rule for each seller/shipping label (``price_store`` and ``availability`` belong to R-PRICING and
#: R-AVAILABILITY, which have their own detector).
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
        """Clauses with at least one seller/order/shipping/price cue."""
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

    cues: AnchoredPatterns | None
    meta: tuple[tuple[frozenset[str], Polarity], ...]
    split: regex.Pattern[str]
    filler: regex.Pattern[str] | None
    evaluation: AnchoredPatterns | None


_WORDS = regex.compile(r"\w+(?:['’]\w+)*", regex.V1)
_DEFAULT_SPLIT = r"[,;:]\s|\s[-–—]+\s|\s\(|\)\s"


def _alternation(lines: Iterable[str]) -> str:
    return "|".join(f"(?:{line})" for line in lines)


def _compile_pack(lang: str) -> _Pack:
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
    cues = AnchoredPatterns([b[1] for b in branches]) if branches else None
    split_words = lexicon("topic_split", lang)
    split = _DEFAULT_SPLIT + (rf"|\s(?:{_alternation(split_words)})\s" if split_words else "")
    filler_lines = lexicon("topic_filler", lang)
    eval_lines = lexicon("topic_eval", lang)
    return _Pack(
        cues=cues,
        meta=tuple(meta),
        split=regex.compile(split),
        filler=regex.compile(rf"(?:{_alternation(filler_lines)})[\s.!?…]*") if filler_lines else None,
        evaluation=AnchoredPatterns(eval_lines) if eval_lines else None,
    )


class AboutnessAnalyzer:
    """Compiled cue lexicons of every supported language; build once, call :meth:`analyze` per document."""

    def __init__(self, languages: Iterable[str] = SUPPORTED) -> None:
        langs = tuple(languages)
        self._packs: dict[str, _Pack] = {lang: _compile_pack(lang) for lang in langs}
        self.stores = StoreMatcher(langs)

    def analyze(
        self, fields: Iterable[PreparedText], language: str, timeout: float | None = None, brief: bool = False
    ) -> Aboutness:
        """Read ``fields``. With ``brief``, a text without a single cue (the common case) is not cut into clauses:
        the result has no ``sentences``, only its ``kind`` (``product`` or ``other``, as the full reading gives)
        and its store mentions (X-VALUE-PRICE and friends)."""
        pack = self._packs.get(language)
        chosen = [f for f in fields if f.field in _TEXT_FIELDS]
        if brief:
            quick = self._brief(chosen, language, pack, timeout)
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
            tokens: list[str] | None = None
            if pack is not None and pack.cues is not None:
                # Every cue that matches is kept ("llegó roto y tarde" is damage and lateness); a cue inside a
                # positive one ("none arrived broken") is dropped.
                tokens = [text[a:b] for a, b in field.words]
                for idx, cs, ce in pack.cues.find(text, field.words, timeout, tokens):
                    labels, pol = pack.meta[idx]
                    cues.append(Cue(field.field, cs, ce, labels, pol))
                cues.sort(key=lambda c: (c.start, c.end))
                cues = _drop_inside_positive(cues)
            found = self.stores.find(field, language, timeout, tokens)
            mentions.extend(found)
            for sm in found:
                if sm.strong and sm.rule in _STORE_LABELS:
                    cues.append(Cue(field.field, sm.cue_start, sm.cue_end, _STORE_LABELS[sm.rule], "neutral"))
            if found:
                cues.sort(key=lambda c: c.start)
            evals: list[int] = []
            if pack is not None and pack.evaluation is not None:
                evals = sorted(h[1] for h in pack.evaluation.find(text, field.words, timeout, tokens))
            out.extend(self._clauses(field, text, cues, evals, pack, timeout))
        return Aboutness(tuple(out), _kind(out, any_words), language, tuple(mentions))

    def _brief(
        self, fields: list[PreparedText], language: str, pack: _Pack | None, timeout: float | None
    ) -> Aboutness | None:
        """The cheap reading of a text without cues; None when some field has a cue (then the full reading runs)."""
        mentions: list[StoreMention] = []
        live: list[PreparedText] = []
        for field in fields:
            text = field.folded
            if not text.strip():
                continue
            tokens = [text[a:b] for a, b in field.words]
            if pack is not None and pack.cues is not None and pack.cues.find(text, field.words, timeout, tokens):
                return None
            found = self.stores.find(field, language, timeout, tokens)
            if any(sm.strong and sm.rule in _STORE_LABELS for sm in found):
                return None
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
        """True when some clause of ``field`` is not filler."""
        split = pack.split if pack is not None else regex.compile(_DEFAULT_SPLIT)
        filler_re = pack.filler if pack is not None else None
        for s, e in field.sentences:
            bounds = [s]
            for m in split.finditer(text, s, e, timeout=timeout):
                bounds.extend((m.start(), m.end()))
            bounds.append(e)
            for i in range(0, len(bounds), 2):
                cs, ce = bounds[i], bounds[i + 1]
                while cs < ce and not text[cs].isalnum():
                    cs += 1
                while ce > cs and not text[ce - 1].isalnum():
                    ce -= 1
                if ce <= cs:
                    continue
                clause = text[cs:ce]
                if filler_re is None or len(_WORDS.findall(clause)) > 14:
                    return True
                if filler_re.fullmatch(clause, timeout=timeout) is None:
                    return True
        return False

    def _clauses(
        self,
        field: PreparedText,
        text: str,
        cues: list[Cue],
        evals: list[int],
        pack: _Pack | None,
        timeout: float | None,
    ) -> list[SentenceTopic]:
        out: list[SentenceTopic] = []
        is_title = field.field == "title"
        split = pack.split if pack is not None else regex.compile(_DEFAULT_SPLIT)
        for s, e in field.sentences:
            bounds = [s]
            for m in split.finditer(text, s, e, timeout=timeout):
                bounds.extend((m.start(), m.end()))
            bounds.append(e)
            for i in range(0, len(bounds), 2):
                cs, ce = bounds[i], bounds[i + 1]
                while cs < ce and not text[cs].isalnum():
                    cs += 1
                while ce > cs and not text[ce - 1].isalnum():
                    ce -= 1
                if ce <= cs:
                    continue
                mine = tuple(c for c in cues if c.start < ce and c.end > cs)
                labels: frozenset[str] = frozenset().union(*(c.labels for c in mine)) if mine else frozenset()
                clause = text[cs:ce]
                nwords = len(_WORDS.findall(clause))
                filler = pack is not None and pack.filler is not None and nwords <= 14 and (
                    pack.filler.fullmatch(clause, timeout=timeout) is not None
                )
                lo = bisect_left(evals, cs)
                in_clause = evals[lo : bisect_left(evals, ce, lo)]
                if mine:
                    rest = [p for p in in_clause if not any(c.start <= p < c.end for c in mine)]
                    product = bool(rest) and len(_WORDS.findall(_outside(text, cs, ce, mine))) >= 3
                elif filler:
                    product = False
                else:
                    product = bool(in_clause) or (not is_title and nwords >= 4)
                out.append(SentenceTopic(field.field, cs, ce, (s, e), labels, mine, product, filler and not mine))
        return out


def _drop_inside_positive(cues: list[Cue]) -> list[Cue]:
    """Drop complaint cues inside a longer positive cue ("none arrived broken"), positive cues inside a longer
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
            p.start <= c.start and c.end <= p.end and (p.end - p.start) > (c.end - c.start) for p in positive
        ):
            continue
        if c.polarity == "positive" and any(
            o.polarity != "positive" and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
            for o in cues
        ):
            continue  # "add another $7 to get free shipping": the praise is part of a complaint
        out.append(c)
    return out


def _outside(text: str, s: int, e: int, cues: tuple[Cue, ...]) -> str:
    parts: list[str] = []
    pos = s
    for c in sorted(cues, key=lambda c: c.start):
        if c.start > pos:
            parts.append(text[pos : c.start])
        pos = max(pos, c.end)
    if pos < e:
        parts.append(text[pos:e])
    return " ".join(parts)


def _kind(clauses: list[SentenceTopic], any_words: bool) -> Kind:
    if not any_words:
        return Kind.other
    topical = any(c.labels for c in clauses)
    product = any(c.product_statement for c in clauses)
    if topical and product:
        return Kind.mixed
    if topical:
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
