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
  (X-COMPETITOR-COMPARISON), including an attributive one ("a less expensive bisquick from the grocery store": a
  cheaper rival product, not a store price);
* a price compared with Amazon's own ("best pricing is on Amazon": a comparison across stores, hold at most); a sale
  at a named store; an amount in a sentence right after the one naming the store ("I found it at a local market. I
  bought two bottles, which cost $3 each").

Names that are ordinary words (Target, Giant) count only after a preposition and, in a text written in mixed case,
only when capitalized ("than a giant book" is no store). An unknown "name.com" (Mint.com, Caloriecount.com) is a
site, not a known store: it may be a rival service or a source, so it never makes a clear finding; an e-mail
address is no site at all. Amounts after "another", "extra" or "additional" are fees, not prices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import regex

from ..lexicon import lexicon
from ..text import PreparedText
from ..text.lang import SUPPORTED
from .anchored import AnchoredPatterns, first_words, strip_optional_prefix

__all__ = ["StoreMatcher", "StoreMention"]

Rule = Literal["R-PRICING", "R-AVAILABILITY", "X-VALUE-PRICE", "X-COMPETITOR-COMPARISON"]

_MONEY = (
    r"(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£]|dollars?|bucks|cents|euros?|eur|pounds|usd)"
    r"|(?:one|two|three|four|five|ten|twenty|fifty) (?:dollars|bucks|euros?|cents))"
)
_MONEY_RE = regex.compile(rf"(?<!\w){_MONEY}(?!\w)")
_DOTCOM = regex.compile(r"(?<![\w.@])\w{2,40}\.(?:com|de|fr|es|it|co\.uk)(?![\w.@'’])")
#: Every amount holds a currency sign or word: a text with none of these ("version 2014") needs no amount scan
#: ("euro" holds "eur").
_MONEY_WORDS = ("$", "€", "£", "dollar", "buck", "cent", "eur", "pound", "usd")
_CONTEXT = frozenset({"cmp", "avail", "buy", "rec", "sale", "rival"})
_SIGNALS = ("cmp", "cmpx", "change", "avail", "buy", "rec", "oos", "value", "sale", "amzcmp", "rival")
#: Core signals that, without a store or an amount, no context signal can turn into a finding.
_ALONE = frozenset({"value", "cmpx", "oos"})
_PLACES = frozenset({"store", "store_amb", "generic", "maker", "category", "shop", "website"})
#: An amount right after these words is a fee or surcharge ("charge you another 39 bucks"), not the item's price.
_FEE_BEFORE = regex.compile(r"(?:\b(?:another|extra|additional|an extra|an additional)\s{1,4})$")
#: Buying words that are no advice to the reader: inside a relative clause, about another item ("Obsidian, which
#: you can get at Target"); the reviewer's own habit or obligation ("we used to get it directly from", "I generally
#: purchase directly from", "must buy direct from"); a wish ("wish you could buy them at the store"); a negation
#: ("I can't download directly from it").
_NOT_ADVICE_BEFORE = regex.compile(
    r"\b(?:which|that|those|these|i|we|they|he|she|who|to|must|wish|can['’]?t|cannot|couldn['’]?t|didn['’]?t|don['’]?t"
    r"|not|never)\s{1,4}(?:\w+\s{1,4})?$"
)
#: ... or a purchase from here, from Amazon or from the reader's own device ("download straight from my device").
_HERE_AFTER = regex.compile(r"\s{0,4}(?:the\s{1,4})?(?:amazon|amzn|here)\b")
_NOT_ADVICE_AFTER = regex.compile(r"\s{0,4}(?:my|it|them|here|amazon|your|our|this|home)\b")
_PREP_BEFORE = regex.compile(
    r"(?:\b(?:at|from|in|on|to|via|besides|than|bei|von|im|beim|chez|en|sur|da|di|al|dal|presso|au)\s(?:the |my |our |a |your |local |el |la |le |il |der |die |den |dem |ihrem |mi |mon |ma )?)$"
)
_PREP_SHOP = regex.compile(r"\b(?:at|in|from|than|to)\s(?:(?:the|a|an|my|our|your|any)\s)?(?:[\w'’-]+\s)?$")
_PREP_SITE = regex.compile(
    r"(?:\bthan\s(?:(?:on|at)\s)?(?:(?:the|their)\s)?(?:[\w'’.-]+\s)?"
    r"|\b(?:from|on|at|via|to)\s(?:the\s)?(?!(?:the|their|this|that|a|an|our|my|your|his|her|its|web)\s)[\w'’.-]+\s"
    r"(?:(?:own|official|home|[\w'’.-]+['’]s)\s)?)$"
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
    # a negation right before / after an availability phrase ("not available at", "gibt es das nicht")
    negated_before: regex.Pattern[str] | None = None
    negated_after: regex.Pattern[str] | None = None
    #: the patterns ``core`` was built from (a caller may look for them together with its own, in one pass)
    core_patterns: tuple[str, ...] = ()


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
        elif pat.startswith(("~ ", "^ ")):
            add("category" if pat[0] == "~" else "shop", False, pat[2:])
        elif pat.startswith("% "):
            add("website", False, pat[2:])
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
    core = _merge([(groups[i], branches[i]) for i in range(len(groups)) if groups[i][0] not in _CONTEXT])
    ctx = _merge([(groups[i], branches[i]) for i in range(len(groups)) if groups[i][0] in _CONTEXT])
    before = [pat for side, _, pat in (ln.partition(" ") for ln in lexicon("pricing_negation", lang)) if side == "before"]
    after = [pat for side, _, pat in (ln.partition(" ") for ln in lexicon("pricing_negation", lang)) if side == "after"]
    return _Pack(
        AnchoredPatterns([p for _g, p in core]),
        tuple(g for g, _p in core),
        AnchoredPatterns([p for _g, p in ctx]),
        tuple(g for g, _p in ctx),
        regex.compile(rf"(?<!\w)(?:{'|'.join(before)})\s{{1,4}}(?:\w+\s{{1,4}})?$") if before else None,
        regex.compile(rf"(?:\s{{1,4}}\w+){{0,2}}\s{{1,4}}(?:{'|'.join(after)})(?!\w)") if after else None,
        tuple(p for _g, p in core),
    )


def _merge(lines: list[tuple[tuple[str, bool], str]]) -> list[tuple[tuple[str, bool], str]]:
    """One alternation per (kind, strong) instead of one pattern per lexicon line: the matcher's cost grows with
    the number of patterns. Each line's leading optional words are dropped first (a match starts at the first
    required word either way); a line whose first words cannot be worked out, or that starts with a digit, stays
    on its own."""
    merged: dict[tuple[str, bool], list[str]] = {}
    alone: list[tuple[tuple[str, bool], str]] = []
    for g, p in lines:
        q = strip_optional_prefix(p)
        fw = first_words(q)
        if fw is None or any(not w[:1].isalpha() for w in fw):
            alone.append((g, p))
        else:
            merged.setdefault(g, []).append(q)
    out = [(g, ps[0] if len(ps) == 1 else "|".join(f"(?:{q})" for q in ps)) for g, ps in merged.items()]
    return out + alone


class StoreMatcher:
    """Per-language price/store/availability matcher; build once, call :meth:`find` per field."""

    def __init__(self, languages: Iterable[str] = SUPPORTED) -> None:
        self._packs = {lang: p for lang in languages if (p := _compile(lang)) is not None}

    def core_patterns(self, language: str) -> tuple[str, ...]:
        """The store, store-word, price-change, stock and value patterns looked for in every text of ``language``
        (the rest only next to one of them): a caller that reads the text for patterns of its own may look for
        these in the same pass (:class:`AnchoredPatterns` over its patterns followed by these) and hand the matches
        to :meth:`find` as ``core``."""
        pack = self._packs.get(language)
        return pack.core_patterns if pack is not None else ()

    def find(
        self,
        field: PreparedText,
        language: str,
        timeout: float | None = None,
        tokens: list[str] | None = None,
        core: list[tuple[int, int, int]] | None = None,
    ) -> list[StoreMention]:
        """``tokens``: the field's words as strings (``folded`` view), when the caller already has them; ``core``:
        the matches of :meth:`core_patterns` in the field's ``folded`` view (``(index, start, end)``, in the order
        :meth:`AnchoredPatterns.find` gives them), when the caller already looked for them."""
        pack = self._packs.get(language)
        if pack is None:
            return []
        text = field.folded
        if core is None:
            if tokens is None:
                tokens = [text[s:e] for s, e in field.words]
            found = pack.core.find(text, field.words, timeout, tokens)
        else:
            found = core
        # an amount, not just a digit: comparison and buying words alone never make a finding
        amounts = list(_MONEY_RE.finditer(text, timeout=timeout)) if _has_money_word(text) else []
        dotcom = ".com" in text or ".de" in text or ".fr" in text or ".es" in text or ".it" in text or ".co.uk" in text
        if not found and not amounts and not dotcom:
            return []
        hits = _kept(field, text, pack, [(pack.core_groups[i], s, e) for i, s, e in found])
        if dotcom:
            for m in _DOTCOM.finditer(text, timeout=timeout):
                dot = m.start() + m.group().index(".")
                around = field.span(field.folded_view, dot - 1, dot + 2)[2]  # original letter case
                if around[:1].islower() and around[-1:].isupper():
                    continue  # "again.It was": two sentences joined without a space, not a site
                if _AMAZON.search(m.group()) is None and _TRACKER.search(m.group()) is None:
                    hits.append((m.start(), m.end(), "site", False, m.group()))
        for m in amounts:
            fee = _FEE_BEFORE.search(text[max(0, m.start() - 16) : m.start()]) is not None
            hits.append((m.start(), m.end(), "fee" if fee else "money", False, m.group()))
        # Comparison, buying and stock words are looked for only next to a store, a site or an amount: a value
        # remark, an out-of-stock remark or a rival product alone can gain nothing from them (and a store word that
        # did not hold up, "than a giant book", "at the website", asks for nothing either).
        if any(h[2] not in _ALONE for h in hits):
            if tokens is None:
                tokens = [text[s:e] for s, e in field.words]
            ctx = [(pack.groups[i], s, e) for i, s, e in pack.patterns.find(text, field.words, timeout, tokens)]
            hits += _kept(field, text, pack, ctx)
        stores = [(h[0], h[1]) for h in hits if h[2] == "store"]
        rivals = [(h[0], h[1]) for h in hits if h[2] in ("cmpx", "rival")]
        if stores or rivals:
            # "best buy" is no buying word; "a less expensive bisquick" compares another product, not a store price
            hits = [
                h
                for h in hits
                if not (h[2] == "buy" and _overlaps(h, stores)) and not (h[2] == "cmp" and _overlaps(h, rivals))
            ]
        hits.sort(key=lambda h: (h[0], h[1]))
        if not hits:
            return []
        out: list[StoreMention] = []
        i = 0
        prev_store = ""  # a named store or strong store reference in the previous sentence
        for ss, se in field.sentences:
            sent: list[tuple[int, int, str, bool, str]] = []
            while i < len(hits) and hits[i][0] < se:
                if hits[i][1] > ss:
                    sent.append(hits[i])
                i += 1
            if sent:
                out.extend(_judge(field.field, ss, se, sent, prev_store))
            prev_store = next(
                (h[4] for h in sent if h[2] == "store" or (h[2] == "generic" and h[3])), ""
            )
        return out


def _has_money_word(text: str) -> bool:
    """True when ``text`` holds a currency sign or word (``_MONEY_WORDS``)."""
    return (
        "$" in text or "€" in text or "£" in text or "dollar" in text or "buck" in text or "cent" in text
        or "eur" in text or "pound" in text or "usd" in text
    )


def _kept(
    field: PreparedText, text: str, pack: _Pack, found: list[tuple[tuple[str, bool], int, int]]
) -> list[tuple[int, int, str, bool, str]]:
    """The matches that hold up in context, as ``(start, end, kind, strong, surface)``."""
    hits: list[tuple[int, int, str, bool, str]] = []
    for (kind, strong), s, e in found:
        surface = text[s:e]
        if kind in _PLACES and _AMAZON.search(surface):
            continue
        if kind == "store_amb":
            if _PREP_BEFORE.search(text[max(0, s - 24) : s]) is None and not text.startswith("'s", e):
                continue
            # in a text written in mixed case, a store name that is an ordinary word is capitalized
            if not field.span(field.folded_view, s, e)[2][:1].isupper() and not field.original.islower():
                continue
            kind = "store"
        elif kind == "shop":  # "in a salumeria", "from the local deli"
            if _PREP_SHOP.search(text[max(0, s - 40) : s]) is None:
                continue
            kind = "category"
        elif kind == "website":  # "on the Garmin website", "than the website"; not "at the website"
            before = text[max(0, s - 40) : s]
            if _PREP_SITE.search(before) is None or _AMAZON.search(before[-24:]) is not None:
                continue
            kind = "generic"
        elif kind == "rec" and strong and _not_advice(text, s, e):
            strong = False
        elif kind == "avail" and (
            _HERE_AFTER.match(text, e, min(len(text), e + 16)) is not None
            or (pack.negated_before is not None and pack.negated_before.search(text[max(0, s - 24) : s]) is not None)
            or (pack.negated_after is not None and pack.negated_after.match(text, e, min(len(text), e + 32)) is not None)
        ):
            continue  # "available from Amazon", "in stock here"; "our local one didn't have it in stock"
        hits.append((s, e, kind, strong, surface))
    return hits


def _not_advice(text: str, s: int, e: int) -> bool:
    if _NOT_ADVICE_BEFORE.search(text[max(0, s - 24) : s]) is not None:
        return True
    return text[e - 1 : e].isalpha() and _NOT_ADVICE_AFTER.match(text, e, min(len(text), e + 12)) is not None


def _overlaps(h: tuple[int, int, str, bool, str], spans: list[tuple[int, int]]) -> bool:
    return any(h[0] < e and s < h[1] for s, e in spans)


def _judge(
    field: str, s: int, e: int, sig: list[tuple[int, int, str, bool, str]], prev_store: str = ""
) -> list[StoreMention]:
    kinds: dict[str, list[tuple[bool, str]]] = {}
    for _s, _e, kind, strong, surface in sig:
        kinds.setdefault(kind, []).append((strong, surface))
    named = [x[1] for x in kinds.get("store", [])]
    sites = [x[1] for x in kinds.get("site", [])]
    maker = [x[1] for x in kinds.get("maker", [])]
    category = [x[1] for x in kinds.get("category", [])]
    # store references without a name: the maker's shop, "other retailers", a kind of shop, an unknown "x.com"
    generic = kinds.get("generic", []) + kinds.get("maker", []) + kinds.get("category", []) + kinds.get("site", [])
    strong_generic = [g for strong, g in generic if strong]
    store = named[0] if named else (generic[0][1] if generic else "")
    money = "money" in kinds
    price = "cmp" in kinds or money
    out: list[StoreMention] = []

    cs = min(x[0] for x in sig)
    ce = max(x[1] for x in sig)

    def add(rule: Rule, strong: bool, conf: float, reason: str) -> None:
        out.append(StoreMention(rule, field, s, e, strong, conf, reason, store, cs, ce))

    rec = kinds.get("rec", [])
    strong_rec = any(st for st, _ in rec)
    strong_buy = any(st for st, _ in kinds.get("buy", []))
    # telling readers to buy it at a place, with a price ("you can buy it in a deli in Brooklyn for $9.99")
    rec_priced = strong_rec and bool(named or generic) and money
    # the maker (or "their website") sells it, for a price ("iobit sells this on their website for $50")
    maker_priced = bool(maker) and money and ("avail" in kinds or strong_rec)
    # R-PRICING
    change = kinds.get("change", [])
    if change and any(st for st, _ in change):
        add("R-PRICING", True, 0.8, "price change tied to the reviewer's own purchase")
    elif named and price:
        add("R-PRICING", True, 0.85, f"price compared with another store ({named[0]})")
    elif strong_generic and price:
        add("R-PRICING", True, 0.75, f"price compared with {strong_generic[0]}")
    elif generic and any(st for st, _ in kinds.get("cmp", [])):
        add("R-PRICING", True, 0.7, f"price compared with {generic[0][1]}")
    elif rec_priced or maker_priced or (strong_rec and maker and price):
        add("R-PRICING", True, 0.75, f"a price elsewhere ({store})")
    elif generic and "cmp" in kinds:
        add("R-PRICING", False, 0.5, f"price compared with {generic[0][1]}")
    elif generic and money:
        add("R-PRICING", False, 0.45, f"a price paid at {generic[0][1]}")
    elif change:
        add("R-PRICING", False, 0.45, "price change or offer tied to a purchase")
    elif strong_rec and money and "avail" not in kinds:
        add("R-PRICING", False, 0.45, "a price elsewhere")
    elif named and "sale" in kinds:
        add("R-PRICING", False, 0.5, f"a sale at another store ({named[0]})")
    elif "amzcmp" in kinds:
        add("R-PRICING", False, 0.4, "Amazon's price compared with other stores")
    elif prev_store and money and "buy" in kinds:
        add("R-PRICING", False, 0.45, f"a price paid at {prev_store}")
    # R-AVAILABILITY
    if named or generic:
        only_site = not named and not maker and len(sites) == len(generic)
        if (strong_rec and (named or maker)) or rec_priced or maker_priced:
            add("R-AVAILABILITY", True, 0.85, f"tells readers to buy it elsewhere ({store})")
        elif named and ("avail" in kinds or price):
            add("R-AVAILABILITY", True, 0.8, f"availability at another store ({named[0]})")
        elif named and strong_buy:
            add("R-AVAILABILITY", True, 0.75, f"praises buying at another store ({named[0]})")
        elif named and rec:
            add("R-AVAILABILITY", False, 0.6, f"another store as an ordering option ({named[0]})")
        elif (named or sites) and "buy" in kinds:
            add("R-AVAILABILITY", False, 0.55 if named else 0.4, f"bought at another store ({store})")
        elif only_site:
            if "avail" in kinds and price:
                add("R-AVAILABILITY", False, 0.35, f"availability elsewhere ({store})")
        elif rec or ("avail" in kinds and len(category) < len(generic)):
            # a kind of shop ("available at the grocery store") is no specific store without more
            add("R-AVAILABILITY", False, 0.45 if strong_rec else 0.35, f"availability elsewhere ({store})")
    elif strong_rec and money:
        add("R-AVAILABILITY", False, 0.45, "tells readers where to buy it, with a price")
    elif "oos" in kinds:
        add("R-AVAILABILITY", False, 0.3, "out-of-stock remark without a store")
    # Must-not-flag knowledge: value remarks and comparisons with other products, when no store is involved.
    if not out:
        if "cmpx" in kinds or "rival" in kinds:
            add("X-COMPETITOR-COMPARISON", False, 0.0, "price compared with another product, not another store")
        elif "value" in kinds or (money and not change):
            add("X-VALUE-PRICE", False, 0.0, "a value-for-money remark")
    return out
