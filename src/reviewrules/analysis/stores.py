"""Prices and availability tied to another store or to one person's purchase, sentence by sentence.

Amazon allows price remarks about value ("For only $29 this blender is great") and wishes about availability ("I
wish this came in paperback"); it does not allow prices tied to another store or to an individual purchase ("$5
less than at my local store") or availability at a specific store ("You can get this at Target"). The matcher reads
the ``folded`` view of a field in one pass with per-language lexicons (``pricing_stores``, ``pricing_generic``,
``pricing_signals``) and judges each sentence from the signals it holds:

* a named store (Walmart, MediaMarkt, Carrefour, "MS.com"...) or a store reference ("my local store", "the
  manufacturer's website", "other retailers");
* a price comparison or an amount; a price change tied to the reviewer's purchase;
* the store has, sells or stocks it; the reviewer bought it there; the reviewer tells readers to buy there;
* out of stock (no store); a value-for-money remark (X-VALUE-PRICE); a comparison with another product
  (X-COMPETITOR-COMPARISON).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import regex

from ..lexicon import lexicon
from ..text import PreparedText
from ..text.lang import SUPPORTED
from .anchored import AnchoredPatterns

__all__ = ["StoreMatcher", "StoreMention"]

Rule = Literal["R-PRICING", "R-AVAILABILITY", "X-VALUE-PRICE", "X-COMPETITOR-COMPARISON"]

_MONEY = (
    r"(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£]|dollars?|bucks|cents|euros?|eur|pounds|usd)"
    r"|(?:one|two|three|four|five|ten|twenty|fifty) (?:dollars|bucks|euros?|cents))"
)
_MONEY_RE = regex.compile(rf"(?<!\w){_MONEY}(?!\w)")
_DOTCOM = regex.compile(r"(?<![\w.])\w{2,40}\.(?:com|de|fr|es|it|co\.uk)(?![\w.])")
_DOTS = (".com", ".de", ".fr", ".es", ".it", ".co.uk")
_MONEY_GUARD = regex.compile(r"[\d$€£]|dollars|bucks|euro|cents")
_CONTEXT = frozenset({"cmp", "avail", "buy", "rec"})
_SIGNALS = ("cmp", "cmpx", "change", "avail", "buy", "rec", "oos", "value")
_PREP_BEFORE = regex.compile(
    r"(?:\b(?:at|from|in|on|to|via|besides|than|bei|von|im|beim|chez|en|sur|da|di|al|dal|presso|au)\s(?:the |my |our |a |your |local |el |la |le |il |der |die |den |dem |ihrem |mi |mon |ma )?)$"
)
_AMAZON = regex.compile(r"amazon|amzn")
#: Price-history sites that track Amazon's own price: not another store (``pricing_generic`` has them, weak).
_TRACKER = regex.compile(r"camelcamelcamel|keepa")


@dataclass(frozen=True, slots=True)
class StoreMention:
    """One judged sentence: ``start``/``end`` are the sentence's offsets in the field's ``norm`` view."""

    rule: Rule
    field: str
    start: int
    end: int
    strong: bool
    confidence: float
    reason: str
    store: str
    cue_start: int
    cue_end: int


@dataclass(frozen=True, slots=True)
class _Pack:
    core: AnchoredPatterns
    core_groups: tuple[tuple[str, bool], ...]
    patterns: AnchoredPatterns
    groups: tuple[tuple[str, bool], ...]  # per group index: (kind, strong)


def _lines(name: str, lang: str) -> list[tuple[bool, bool, str]]:
    """(ambiguous, strong, pattern) per line."""
    out = []
    for line in lexicon(name, lang):
        amb = line.startswith("? ")
        strong = line.startswith("! ")
        out.append((amb, strong, line[2:] if amb or strong else line))
    return out


def _compile(lang: str) -> _Pack | None:
    branches: list[str] = []
    groups: list[tuple[str, bool]] = []

    def add(kind: str, strong: bool, pat: str) -> None:
        groups.append((kind, strong))
        branches.append(pat)

    for amb, _strong, pat in _lines("pricing_stores", lang):
        add("store_amb" if amb else "store", True, pat)
    for _amb, strong, pat in _lines("pricing_generic", lang):
        if pat.startswith("@ "):
            add("maker", False, pat[2:])
        else:
            add("generic", strong, pat)
    for line in lexicon("pricing_signals", lang):
        kind, _, pat = line.partition(" ")
        if kind not in _SIGNALS:
            raise ValueError(f"pricing_signals.txt ({lang}): unknown signal {kind!r}")
        strong = pat.startswith("! ")
        add(kind, strong, pat[2:] if strong else pat)
    if not branches:
        return None
    # Store names, store words, price changes, stock and value remarks are rare; comparison and buying words are
    # common. The common ones are looked for only in a text that has one of the rare ones (or an amount).
    core = [i for i, g in enumerate(groups) if g[0] not in _CONTEXT]
    ctx = [i for i, g in enumerate(groups) if g[0] in _CONTEXT]
    return _Pack(
        AnchoredPatterns([branches[i] for i in core]),
        tuple(groups[i] for i in core),
        AnchoredPatterns([branches[i] for i in ctx]),
        tuple(groups[i] for i in ctx),
    )


class StoreMatcher:
    """Per-language price/store/availability matcher; build once, call :meth:`find` per field."""

    def __init__(self, languages: Iterable[str] = SUPPORTED) -> None:
        self._packs = {lang: p for lang in languages if (p := _compile(lang)) is not None}

    def find(
        self, field: PreparedText, language: str, timeout: float | None = None, tokens: list[str] | None = None
    ) -> list[StoreMention]:
        """``tokens``: the field's words as strings (``folded`` view), when the caller already has them."""
        pack = self._packs.get(language)
        if pack is None:
            return []
        text = field.folded
        hits: list[tuple[int, int, str, bool, str]] = []
        if tokens is None:
            tokens = [text[s:e] for s, e in field.words]
        found = [(pack.core_groups[i], s, e) for i, s, e in pack.core.find(text, field.words, timeout, tokens)]
        # an amount, not just a digit: comparison and buying words alone never make a finding
        amounts = list(_MONEY_RE.finditer(text, timeout=timeout)) if _MONEY_GUARD.search(text) is not None else []
        money = bool(amounts)
        dotcom = any(d in text for d in _DOTS)
        if not found and not money and not dotcom:
            return []
        found += [(pack.groups[i], s, e) for i, s, e in pack.patterns.find(text, field.words, timeout, tokens)]
        for (kind, strong), s, e in sorted(found, key=lambda h: (h[1], h[2])):
            surface = text[s:e]
            if kind in ("store", "store_amb", "generic", "maker") and _AMAZON.search(surface):
                continue
            if kind == "store_amb":
                if _PREP_BEFORE.search(text[max(0, s - 24) : s]) is None and not text.startswith("'s", e):
                    continue
                kind = "store"
            hits.append((s, e, kind, strong, surface))
        if dotcom:
            for m in _DOTCOM.finditer(text, timeout=timeout):
                if _AMAZON.search(m.group()) is None and _TRACKER.search(m.group()) is None:
                    hits.append((m.start(), m.end(), "store", True, m.group()))
        hits.extend((m.start(), m.end(), "money", False, m.group()) for m in amounts)
        hits.sort(key=lambda h: (h[0], h[1]))
        if not hits:
            return []
        out: list[StoreMention] = []
        i = 0
        for ss, se in field.sentences:
            sent: list[tuple[int, int, str, bool, str]] = []
            while i < len(hits) and hits[i][0] < se:
                if hits[i][1] > ss:
                    sent.append(hits[i])
                i += 1
            if sent:
                out.extend(_judge(field.field, ss, se, sent))
        return out


def _judge(field: str, s: int, e: int, sig: list[tuple[int, int, str, bool, str]]) -> list[StoreMention]:
    kinds: dict[str, list[tuple[bool, str]]] = {}
    for _s, _e, kind, strong, surface in sig:
        kinds.setdefault(kind, []).append((strong, surface))
    named = [x[1] for x in kinds.get("store", [])]
    maker = [x[1] for x in kinds.get("maker", [])]
    generic = kinds.get("generic", []) + kinds.get("maker", [])
    strong_generic = [g for strong, g in generic if strong]
    store = named[0] if named else (generic[0][1] if generic else "")
    price = "cmp" in kinds or "money" in kinds
    out: list[StoreMention] = []

    cs = min(x[0] for x in sig)
    ce = max(x[1] for x in sig)

    def add(rule: Rule, strong: bool, conf: float, reason: str) -> None:
        out.append(StoreMention(rule, field, s, e, strong, conf, reason, store, cs, ce))

    # R-PRICING
    change = kinds.get("change", [])
    if change and any(st for st, _ in change):
        add("R-PRICING", True, 0.8, "price change tied to the reviewer's own purchase")
    elif named and price:
        add("R-PRICING", True, 0.85, f"price compared with another store ({named[0]})")
    elif strong_generic and price:
        add("R-PRICING", True, 0.75, f"price compared with {strong_generic[0]}")
    elif generic and "cmp" in kinds:
        add("R-PRICING", False, 0.5, f"price compared with {generic[0][1]}")
    elif generic and "money" in kinds:
        add("R-PRICING", False, 0.45, f"a price paid at {generic[0][1]}")
    elif change:
        add("R-PRICING", False, 0.45, "price change or offer tied to a purchase")
    elif "rec" in kinds and "money" in kinds and "avail" not in kinds:
        add("R-PRICING", False, 0.45, "a price elsewhere")
    # R-AVAILABILITY
    rec = kinds.get("rec", [])
    strong_rec = any(st for st, _ in rec)
    if named or generic:
        if (rec and named) or (strong_rec and maker):
            add("R-AVAILABILITY", True, 0.85, f"tells readers to buy it elsewhere ({store})")
        elif named and ("avail" in kinds or price):
            add("R-AVAILABILITY", True, 0.8, f"availability at another store ({named[0]})")
        elif named and "buy" in kinds:
            add("R-AVAILABILITY", False, 0.55, f"bought at another store ({named[0]})")
        elif "avail" in kinds or rec:
            add("R-AVAILABILITY", False, 0.45 if strong_rec else 0.35, f"availability elsewhere ({store})")
    elif strong_rec and "money" in kinds:
        add("R-AVAILABILITY", False, 0.45, "tells readers where to buy it, with a price")
    elif "oos" in kinds:
        add("R-AVAILABILITY", False, 0.3, "out-of-stock remark without a store")
    # Must-not-flag knowledge: value remarks and comparisons with other products, when no store is involved.
    if not out:
        if "cmpx" in kinds:
            add("X-COMPETITOR-COMPARISON", False, 0.0, "price compared with another product, not another store")
        elif "value" in kinds or ("money" in kinds and not change):
            add("X-VALUE-PRICE", False, 0.0, "a value-for-money remark")
    return out
