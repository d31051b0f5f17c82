"""Cues in seller messages: who is asked to do what to which review, and what is offered.

Built once per engine (:class:`MessageCues`), then :meth:`MessageCues.read` reads a prepared message once: the
``folded`` view (case, accents and look-alike letters folded; same offsets as ``norm``) is split into words, and
every word is looked up in per-language phrase lexicons (``data/lexicons/<lang>/msg_<category>.txt``: one phrase a
line, ``word*`` for a prefix, ``_`` for any one word). Japanese has no spaces, so its lexicons are matched as
substrings. The result (:class:`Reading`) lists the cues per category with their word indexes, offsets and
sentence, and the derived facts the message rules share:

* :meth:`Reading.asks` -- requests to change, update, remove or improve a review or feedback ("please update your
  review", "once the review is deleted", "take it down" after a review was mentioned). A verb whose subject is the
  seller ("we've updated the manual") is not a request.
* :meth:`Reading.positive_asks` -- "5 stars", "a positive review", stars emoji, unless they only thank for a
  review the buyer already wrote.
* :meth:`Reading.buyer_review_mentions` -- "your review", "the review you left".
* benefits, split into remedies (refund, replacement), no-cost wording (free, no charge, keep the item) and perks
  (gift cards, vouchers, discounts, prizes).

Other rule families may reuse it: it knows nothing about rules or tiers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import regex

from ..lexicon import lexicon
from ..text import PreparedText
from ..text.confusables import FOLD_TABLE

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "Ask",
    "Cue",
    "FieldCues",
    "MessageCues",
    "Reading",
    "record_offence",
]

LANGUAGES = ("en", "es", "de", "fr", "it", "ja")
CATEGORIES = (
    "review", "feedback", "notnoun", "alter", "firstperson", "secondperson", "possessive", "pronoun", "remedy",
    "nocost", "perk", "positive", "solicit", "happy", "unhappy", "contact", "divert", "offamazon", "phone_ok",
    "marketing", "marketing_weak", "abuse", "pressure", "neutral", "resolved", "filler", "greeting", "gap", "aux",
    "request", "divert_weak", "descriptive", "thanks",
)
#: Categories used as plain word sets (looked up around another cue), not as phrases to report.
_WORDSETS = ("notnoun", "firstperson", "secondperson", "pronoun", "gap", "aux", "descriptive")
_BENEFITS = ("remedy", "nocost", "perk")
_TOKEN = regex.compile(r"\w+(?:['’]\w+)*|[%$€£=+]", regex.V1)
# Romance languages elide articles ("l'avis", "d'achat"): the apostrophe separates words there.
_TOKEN_SPLIT = regex.compile(r"\w+|[%$€£=+]", regex.V1)
_STARS = regex.compile(r"(?:[⭐🌟★✨]\s?){3,}")
_MEMO_MAX = 200_000
_JA = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Han}]")


class Cue(NamedTuple):
    """One lexicon phrase found: word indexes ``[t0, t1]`` (inclusive), offsets in ``folded``/``norm``, sentence."""

    cat: str
    t0: int
    t1: int
    start: int
    end: int
    sent: int


class Ask(NamedTuple):
    """A request that a review or feedback be changed: the verb, the review it applies to, and the kind of target
    (``review`` or ``feedback``)."""

    field: FieldCues
    sent: int
    start: int
    end: int
    target: str
    verb: Cue


@dataclass(slots=True)
class FieldCues:
    prepared: PreparedText
    tokens: list[tuple[int, int, str]]
    sentences: list[tuple[int, int]]
    cues: dict[str, list[Cue]]
    words: dict[str, frozenset[int]]  # category -> token indexes of single-word set members

    @property
    def name(self) -> str:
        return str(self.prepared.field)

    def sentence_of(self, offset: int) -> int:
        starts = [s for s, _ in self.sentences]
        return max(0, bisect_right(starts, offset) - 1)

    def sentence_tokens(self, sent: int) -> tuple[int, int]:
        """Token index range ``[a, b)`` of a sentence."""
        if not self.sentences:
            return 0, len(self.tokens)
        s, e = self.sentences[sent]
        a = 0
        while a < len(self.tokens) and self.tokens[a][0] < s:
            a += 1
        b = a
        while b < len(self.tokens) and self.tokens[b][1] <= e:
            b += 1
        return a, b

    def t0_missing(self, c: Cue) -> bool:
        return c.t0 < 0

    def t0_missing_field(self) -> bool:
        """Substring-matched (Japanese) field: cues have no word positions."""
        return not self.tokens and bool(self.cues)

    def in_sentence(self, cat: str, sent: int) -> list[Cue]:
        return [c for c in self.cues.get(cat, ()) if c.sent == sent]


class _Lexicon:
    """All message cue phrases of one language, indexed by first word (exact or prefix)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.substring = lang == "ja"
        self.token = _TOKEN if lang == "en" else _TOKEN_SPLIT
        self.exact: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
        self.prefix: dict[int, dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]]] = {}
        self.sets: dict[str, frozenset[str]] = {}
        self.strings: dict[str, tuple[str, ...]] = {}
        for cat in CATEGORIES:
            terms = lexicon(f"msg_{cat}", lang)
            if self.substring:
                self.strings[cat] = tuple(t.casefold() for t in terms)
                continue
            if cat in _WORDSETS:
                self.sets[cat] = frozenset(w for t in terms for w in self.token.findall(_fold(t)))
                continue
            for term in terms:
                specs = _specs(term, self.token)
                if not specs or specs[0][0] == "_":
                    continue
                kind, word = specs[0]
                if kind == "=":
                    self.exact.setdefault(word, []).append((cat, specs))
                else:
                    self.prefix.setdefault(len(word), {}).setdefault(word, []).append((cat, specs))
        self.prefix_lengths = tuple(sorted(self.prefix))
        stems = sorted(
            {specs[0][1] for w in self.exact.values() for cat, specs in w if cat in ("review", "feedback")}
            | {specs[0][1] for d in self.prefix.values() for w in d.values() for cat, specs in w if cat in ("review", "feedback")}
        )
        self.target_hint = (
            regex.compile(r"\b(?:" + "|".join(regex.escape(x) for x in stems) + ")", regex.V1) if stems and not self.substring else None
        )
        # Per-word lookups are memoised on this engine-owned object (bounded; never shared between engines).
        self._memo: dict[str, tuple[tuple[tuple[str, tuple[tuple[str, str], ...]], ...], tuple[str, ...]]] = {}

    def lookup(self, w: str) -> tuple[tuple[tuple[str, tuple[tuple[str, str], ...]], ...], tuple[str, ...]]:
        """Phrases that may start with word ``w``, and the word sets ``w`` belongs to."""
        hit = self._memo.get(w)
        if hit is not None:
            return hit
        cands = list(self.exact.get(w, ()))
        for ln in self.prefix_lengths:
            if len(w) < ln:
                break
            more = self.prefix[ln].get(w[:ln])
            if more:
                cands.extend(more)
        out = (tuple(cands), tuple(cat for cat, members in self.sets.items() if w in members))
        if len(self._memo) < _MEMO_MAX:
            self._memo[w] = out
        return out


def _fold(s: str) -> str:
    return s.casefold().translate(FOLD_TABLE).replace("’", "'")


def _specs(term: str, token: regex.Pattern[str]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for piece in term.split():
        if piece == "_":
            out.append(("_", ""))
            continue
        star = piece.endswith("*")
        words = [m.group(0) for m in token.finditer(_fold(piece.rstrip("*")))]
        for i, w in enumerate(words):
            out.append(("*" if star and i == len(words) - 1 else "=", w))
    return tuple(out)


class MessageCues:
    """Built once per engine; :meth:`read` is a pure function of the prepared fields and the language."""

    def __init__(self) -> None:
        # Each language's lexicon is read the first time a message in it arrives (most engines see one or two
        # languages). Two threads may both build one: the results are equal and the first stored is kept.
        self._langs = frozenset(LANGUAGES)
        self._built: dict[str, _Lexicon] = {}

    def _lexicon(self, lang: str) -> _Lexicon | None:
        lex = self._built.get(lang)
        if lex is None:
            if lang not in self._langs:
                return None
            lex = self._built.setdefault(lang, _Lexicon(lang))
        return lex

    def mentions_target(self, lang: str, text: str) -> bool:
        """Whether ``text`` (folded) contains one of ``lang``'s review or feedback words (a cheap pre-check before
        reading a mixed-language message in a second language)."""
        lex = self._lexicon(lang)
        return lex is not None and lex.target_hint is not None and lex.target_hint.search(text) is not None

    def lexicon_language(self, lang: str) -> str:
        return lang if lang in self._langs else "en"

    def read(self, fields: list[PreparedText], lang: str, timeout: float | None = None) -> Reading:
        lang = self.lexicon_language(lang)
        out = []
        for f in fields:
            lex = self._lexicon("ja" if lang != "ja" and _JA.search(f.norm[:2000]) else lang)
            if lex is None:
                raise KeyError(lang)
            out.append(self._field(f, lex, timeout))
        return Reading(out, lang)

    def _field(self, f: PreparedText, lex: _Lexicon, timeout: float | None) -> FieldCues:
        text = f.folded
        sentences = f.sentences
        starts = [s for s, _ in sentences]
        cues: dict[str, list[Cue]] = {}
        if lex.substring:
            for cat, terms in lex.strings.items():
                for t in terms:
                    i = text.find(t)
                    while i >= 0:
                        sent = max(0, bisect_right(starts, i) - 1)
                        cues.setdefault(cat, []).append(Cue(cat, -1, -1, i, i + len(t), sent))
                        i = text.find(t, i + len(t))
            return FieldCues(f, [], sentences, cues, {})
        if "’" in text:
            tokens = [(m.start(), m.end(), m.group(0).replace("’", "'")) for m in lex.token.finditer(text, timeout=timeout)]
        else:
            tokens = [(m.start(), m.end(), m.group(0)) for m in lex.token.finditer(text, timeout=timeout)]
        words = [t[2] for t in tokens]
        n = len(words)
        sets: dict[str, set[int]] = {}
        lookup = lex.lookup
        for i, w in enumerate(words):
            cands, in_sets = lookup(w)
            for cat in in_sets:
                sets.setdefault(cat, set()).add(i)
            for cat, specs in cands:
                k = len(specs)
                if i + k > n:
                    continue
                ok = True
                for j in range(1, k):
                    kind, sw = specs[j]
                    wj = words[i + j]
                    if (kind == "=" and wj != sw) or (kind == "*" and not wj.startswith(sw)):
                        ok = False
                        break
                if ok:
                    s0 = tokens[i][0]
                    cues.setdefault(cat, []).append(
                        Cue(cat, i, i + k - 1, s0, tokens[i + k - 1][1], max(0, bisect_right(starts, s0) - 1))
                    )
        # "review" right after "to", "will", "we" ... is a verb ("we will review your case"), not a review.
        if "review" in cues and sets.get("notnoun"):
            nn = sets["notnoun"]
            cues["review"] = [c for c in cues["review"] if not (c.t0 > 0 and (c.t0 - 1) in nn and words[c.t0].startswith("rev"))]
        # "5 stars review", "seller feedback rating": keep the head noun only.
        heads = {c.t0 for cat in ("review", "feedback") for c in cues.get(cat, ())}
        for cat in ("review", "feedback"):
            if cat in cues:
                cues[cat] = [c for c in cues[cat] if (c.t1 + 1) not in heads]
        return FieldCues(f, tokens, sentences, cues, {k: frozenset(v) for k, v in sets.items()})


@dataclass(slots=True)
class Reading:
    """Cues of a whole message (subject, body, html) and the facts derived from them."""

    fields: list[FieldCues]
    lang: str
    cache: dict[str, Any] = field(default_factory=dict)

    def cues(self, *cats: str) -> Iterator[tuple[FieldCues, Cue]]:
        for fc in self.fields:
            for cat in cats:
                for c in fc.cues.get(cat, ()):
                    yield fc, c

    def has(self, *cats: str) -> bool:
        return any(fc.cues.get(cat) for fc in self.fields for cat in cats)

    def benefits(self) -> list[tuple[FieldCues, Cue]]:
        return list(self.cues(*_BENEFITS))

    def targets(self) -> list[tuple[FieldCues, Cue]]:
        return sorted(self.cues("review", "feedback"), key=lambda x: (x[0].name, x[1].start))

    def buyer_review_mentions(self) -> list[tuple[FieldCues, Cue]]:
        """Targets the buyer wrote: "your (1-star) review", "the review you left"."""
        out = []
        for fc, c in self.targets():
            if fc.t0_missing(c):
                out.append((fc, c))  # Japanese: no word positions; any mention counts
                continue
            poss = fc.cues.get("possessive", ())
            if any(p.t1 < c.t0 and c.t0 - p.t1 <= 3 and p.sent == c.sent for p in poss) or any(
                p.t0 > c.t1 and p.t0 - c.t1 <= 3 and p.sent == c.sent and p.t1 > p.t0 for p in poss
            ):
                out.append((fc, c))
        return out

    def asks(self) -> list[Ask]:
        """Requests that a review or feedback be changed, removed or improved."""
        if "asks" in self.cache:
            cached: list[Ask] = self.cache["asks"]
            return cached
        out: list[Ask] = []
        all_targets = self.targets()
        for fc in self.fields:
            targets = fc.cues.get("review", []) + fc.cues.get("feedback", [])
            if fc.t0_missing_field():
                # Japanese: a target and a change verb in one sentence.
                for a in fc.cues.get("alter", ()):
                    ts = [t for t in targets if t.sent == a.sent]
                    if ts:
                        t = min(ts, key=lambda t: abs(t.start - a.start))
                        out.append(Ask(fc, a.sent, min(a.start, t.start), max(a.end, t.end), t.cat, a))
                continue
            first = fc.words.get("firstperson", frozenset())
            second = fc.words.get("secondperson", frozenset())
            pron = fc.words.get("pronoun", frozenset())
            gapw = fc.words.get("gap", frozenset())
            auxw = fc.words.get("aux", frozenset())
            words = [t[2] for t in fc.tokens]
            for a in fc.cues.get("alter", ()):
                sa, sb = fc.sentence_tokens(a.sent)
                subject = None
                for i in range(a.t0 - 1, max(sa, a.t0 - 7) - 1, -1):
                    if i in first:
                        subject = "seller"
                        break
                    if i in second:
                        subject = "buyer"
                        break
                if subject == "seller":
                    continue
                near = []
                for t in targets:
                    if t.sent != a.sent:
                        continue
                    if t.t0 > a.t1:
                        between = range(a.t1 + 1, t.t0)
                        ok = len(between) <= 4 and all(i in gapw or words[i][:1].isdigit() for i in between)
                    elif a.t0 > t.t1:
                        between = range(t.t1 + 1, a.t0)
                        ok = len(between) <= 3 and all(i in auxw for i in between)
                    else:
                        ok = True
                    if ok:
                        near.append(t)
                if near:
                    t = min(near, key=lambda t: _gap(a, t))
                    out.append(Ask(fc, a.sent, min(a.start, t.start), max(a.end, t.end), t.cat, a))
                    continue
                inherent = a.t1 > a.t0 and any(i in pron for i in range(a.t0, a.t1 + 1))
                follows = a.t1 + 1 < sb and (a.t1 + 1) in pron
                if not (inherent or follows):
                    continue
                if not (inherent or subject == "buyer" or fc.in_sentence("request", a.sent)):
                    continue
                prior = [
                    (f2, t)
                    for f2, t in all_targets
                    if (f2 is not fc) or (t.start < a.start and a.sent - t.sent <= 2)
                ]
                if prior:
                    out.append(Ask(fc, a.sent, a.start, a.end, prior[-1][1].cat, a))
        self.cache["asks"] = out
        return out

    def solicits(self) -> list[tuple[FieldCues, Cue]]:
        """Review requests ("leave a review", "share your experience"); thanks for a review already written
        ("thanks for your honest review") are not requests."""
        out = []
        for fc, c in self.cues("solicit"):
            thanks = fc.cues.get("thanks", ())
            if c.t0 >= 0 and any(t.t1 < c.t0 and c.t0 - t.t1 <= 3 and t.sent == c.sent for t in thanks):
                continue
            out.append((fc, c))
        return out

    def positive_asks(self) -> list[tuple[FieldCues, Cue]]:
        """Requests for a positive rating; thanks for a positive review already written are not asks."""
        if "positive_asks" in self.cache:
            cached: list[tuple[FieldCues, Cue]] = self.cache["positive_asks"]
            return cached
        out = []
        for fc, c in self.cues("positive"):
            if c.t0 >= 0:
                poss = fc.cues.get("possessive", ())
                thanked = any(p.t1 < c.t0 and c.t0 - p.t1 <= 2 for p in poss)
                desc = fc.words.get("descriptive", frozenset())
                described = any(i in desc for i in range(max(0, c.t0 - 2), c.t0))
                asked = fc.in_sentence("alter", c.sent) or fc.in_sentence("solicit", c.sent) or fc.in_sentence(
                    "request", c.sent
                )
                if (thanked or described) and not asked:
                    continue
            out.append((fc, c))
        for fc in self.fields:
            for m in _STARS.finditer(fc.prepared.norm):
                out.append((fc, Cue("positive", -1, -1, m.start(), m.end(), fc.sentence_of(m.start()))))
        self.cache["positive_asks"] = out
        return out


def _gap(a: Cue, b: Cue) -> int:
    if b.t0 > a.t1:
        return b.t0 - a.t1 - 1
    if a.t0 > b.t1:
        return a.t0 - b.t1 - 1
    return 0


# ------------------------------------------------------------------------------------------------------------------
# Compliant version: the message without the sentences that break a rule.


def record_offence(doc: Any, field_name: str, start: int, end: int, *, review: bool = False, emoji: bool = False) -> None:
    """Note that ``[start, end)`` of a field (original offsets) breaks a rule, and refresh the compliant version.

    ``review`` marks review-manipulation rules: then every sentence that still mentions a review or feedback is
    dropped too. ``emoji`` removes only the characters, not the sentence. Only the body gets a compliant version.
    """
    if field_name != "body":
        return
    state = doc.notes.get("msg_compliant")
    if not isinstance(state, _Compliant):
        body = doc.fields.get("body")
        if body is None:
            return
        state = _Compliant(body, doc.notes.get("msg_reading"))
        doc.notes["msg_compliant"] = state
    if state.add(start, end, review, emoji):
        doc.notes["compliant_version"] = state.text()


class _Compliant:
    """The body without its offending sentences; recomputed only when another sentence is dropped."""

    __slots__ = ("body", "cuts", "drop", "mentions", "reading", "sentences", "substantive")

    def __init__(self, body: PreparedText, reading: Reading | None) -> None:
        self.body = body
        self.reading = reading if isinstance(reading, Reading) else None
        view = body.norm_view
        self.sentences = [view.to_root(s, e) for s, e in body.sentences]
        self.drop: set[int] = set()
        self.cuts: list[tuple[int, int]] = []
        self.mentions: set[int] | None = None
        self.substantive: list[bool] | None = None

    def _fc(self) -> FieldCues | None:
        if self.reading is None:
            return None
        return next((f for f in self.reading.fields if f.prepared is self.body), None)

    def _fcs(self) -> list[FieldCues]:
        return [f for f in self.reading.fields if f.prepared is self.body] if self.reading is not None else []

    def add(self, start: int, end: int, review: bool, emoji: bool) -> bool:
        before = (len(self.drop), len(self.cuts))
        if emoji:
            self.cuts.append((start, end))
        else:
            self.drop.update(i for i, (ss, se) in enumerate(self.sentences) if ss < end and start < se)
        if review and self.mentions is None:
            self.mentions = set()
            for fc in self._fcs():
                has_target = bool(fc.cues.get("review") or fc.cues.get("feedback"))
                for cat in ("review", "feedback", "solicit", "positive", "alter"):
                    if cat == "alter" and not has_target:
                        continue
                    self.mentions.update(c.sent for c in fc.cues.get(cat, ()))
            self.drop |= self.mentions
        return (len(self.drop), len(self.cuts)) != before

    def text(self) -> str | None:
        original = self.body.original
        cut = sorted(self.cuts + [self.sentences[i] for i in self.drop if i < len(self.sentences)])
        parts: list[str] = []
        pos = 0
        for s, e in cut:
            if s > pos:
                parts.append(original[pos:s])
            pos = max(pos, e)
        parts.append(original[pos:])
        text: str = _SPACES.sub(" ", _BLANKS.sub("\n\n", _TRAIL_WS.sub("\n", "".join(parts)))).strip()
        if not text or not self._useful():
            return None
        return text

    def _useful(self) -> bool:
        """Something beyond greetings, order numbers, thanks and signatures remains."""
        fc = self._fc()
        if fc is None:
            return len(self.drop) < len(self.sentences)
        if self.substantive is None:
            self.substantive = [sentence_is_substantive(fc, i) for i in range(len(self.body.sentences))]
        return any(ok for i, ok in enumerate(self.substantive) if i not in self.drop)


_TRAIL_WS = regex.compile(r"[ \t]+\n")
_BLANKS = regex.compile(r"\n{3,}")
_SPACES = regex.compile(r"[ \t]{2,}")


def sentence_is_substantive(fc: FieldCues, sent: int) -> bool:
    """A sentence with a purpose: not only a greeting, a signature, an order number, thanks or "we're here"."""
    if fc.t0_missing_field():
        return True
    a, b = fc.sentence_tokens(sent)
    words = [fc.tokens[i][2] for i in range(a, b)]
    if not words:
        return False
    covered: set[int] = set()
    for cat in ("greeting", "filler"):
        for c in fc.cues.get(cat, ()):
            if c.sent == sent:
                covered.update(range(c.t0, c.t1 + 1))
    rest = [w for i, w in zip(range(a, b), words, strict=True) if i not in covered and not w.isdigit()]
    if any(fc.in_sentence(cat, sent) for cat in ("remedy", "solicit", "review", "feedback", "alter", "perk", "nocost")):
        return True
    s, e = fc.sentences[sent] if fc.sentences else (0, 0)
    if "?" in fc.prepared.norm[s:e]:
        return True
    if fc.in_sentence("filler", sent):
        return len(rest) > 6
    return len(rest) > 2
