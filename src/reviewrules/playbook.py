"""What a seller may do with a review or a seller feedback: report it, contact the customer through one of Amazon's
two fixed Contact Customer templates, ask a human, or nothing. Never a request to change or remove a review.

For a review at or below ``Settings.negative_max_rating`` (default 3 stars) the actions are, first the one to take:

``report``
    a rule is broken with tier clear; ``request_text`` is a ready removal request (for Report Abuse or an email to
    Amazon) in the marketplace's language that names each broken guideline in plain words and quotes the evidence,
    personal information masked (:mod:`reviewrules.reports`).
``review_by_human``
    hold findings, a case the rules could not fully check, or the EXCEPTION: the review shows the seller's own
    violation (R-COMPENSATED with ``details["seller_incentive"]``, or text saying the seller or brand offered a
    refund, gift or freebie for the review). Then no report is ever proposed: reporting it would put the seller's own
    breach of Amazon's anti-manipulation policy in front of Amazon; it is a compliance matter.
``contact_customer``
    an honest product problem the seller can fix. ``template`` is ``"courtesy_refund"`` for damage, a defect or a
    wrong item and ``"customer_support"`` when the problem is unclear or fixable (missing parts, set-up, fit, a
    pending refund); ``eligible`` and ``eligibility_notes`` say whether Amazon's tool is likely to offer it
    (marketplace, rating, review age against ``Settings.as_of``; Brand Registry and being the seller of record are
    the seller's to confirm). The library recommends the template; Amazon sends it.
``none``
    an honest negative opinion that breaks no rule and names nothing to fix: it says so.

Positive reviews get ``report`` for clear findings (unless they show the seller's own incentive), otherwise
``none``. Seller feedback gets ``report`` (removal or strike-through request) for clear F-* findings,
``review_by_human`` for hold ones and ``none`` otherwise, with the 90-day removal window as information.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import regex

from .detectors.base import Document
from .lexicon import lexicon
from .models import Action, ActionKind, Finding, Kind, Tier
from .reports import PII_RULES, removal_request, report_language
from .text import PreparedText
from .text.confusables import FOLD_TABLE

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["CueLexicon", "PhraseMatcher", "Problem", "age_days", "find_problems", "plan_actions", "seller_incentive"]

#: Amazon keeps reviews in the Contact Customer tool, and accepts feedback removal requests, for about 90 days.
WINDOW_DAYS = 90
_STRIKE_RULES = frozenset({"F-FBA-FULFILMENT", "F-BUYSHIPPING"})
#: Feedback rules not worth a request on positive feedback (obscene words and personal data still are).
_NOT_FOR_POSITIVE = frozenset({"F-FBA-FULFILMENT", "F-BUYSHIPPING", "F-PRODUCT-REVIEW-ONLY"})
#: Review rules about the seller, the order or shipping: a problem the seller can look into with the customer.
_SERVICE_RULES = frozenset({"R-SELLER-SERVICE", "R-ORDER-RETURNS", "R-SHIP-COST-SPEED", "R-SHIP-PACKAGING"})
#: Hold findings that rarely lead to removal (seller/shipping content next to product statements).
_WEAK_HOLD = _SERVICE_RULES | {"R-CONDITION-DAMAGE", "R-SELLER-ORDER-SHIPPING"}
_TEMPLATE: Mapping[str, str] = MappingProxyType({
    "damage": "courtesy_refund",
    "defect": "courtesy_refund",
    "wrong_item": "courtesy_refund",
    "fixable": "customer_support",
    "unclear": "customer_support",
})
_PROBLEM_WORDS: Mapping[str, str] = MappingProxyType({
    "damage": "arrived damaged or not new",
    "defect": "a defect",
    "wrong_item": "a wrong item",
    "fixable": "a problem the seller can fix",
    "unclear": "a problem that is not clear yet",
})
_NO_CHANGE = "Never ask the customer to change or remove the review, before or after any refund."


# ---------------------------------------------------------------------------------------------------------------
# Phrase lexicons

_TOKEN = regex.compile(r"\w+(?:['’]\w+)*", regex.V1)
_SPLIT = regex.compile(r"[\s\-]+")
# A negator cancels a cue only within the same clause.
_CLAUSE_BREAK = regex.compile(r"[.!?;,:]")

# One token of a phrase: (kind, value) with kind "w" exact word, "p" word prefix, "n" a number.
_Tok = tuple[str, str]
# A phrase in the index: (group, the phrase's tokens after the first)
_Entry = tuple[str, tuple[_Tok, ...]]


def _fold(term: str) -> str:
    return term.casefold().translate(FOLD_TABLE).replace("’", "'")


def _parse(term: str) -> tuple[_Tok, ...]:
    out: list[_Tok] = []
    for word in _SPLIT.split(_fold(term).strip()):
        if not word:
            continue
        if word == "#":
            out.append(("n", ""))
        elif word.endswith("*") and len(word) > 1:
            out.append(("p", word.rstrip("*")))
        else:
            out.append(("w", word))
    return tuple(out)


#: Letters of a word prefix used as its anchor (prefix terms are at least this long).
_HEAD = 4
#: Function words never used as a phrase's anchor (they occur in nearly every text).
_COMMON_TEXT = (
    "a an the i it its to in on of for if is was were be been am are as and or but no not we he she they me my "
    "you at did does do will would could can got get once so this that with from by had has have any all too "
    "der die das ein eine und ist nicht ich es zu mit wenn le la les un une et est pas je il de du si en "
    "il lo la un una e non io di se el los las y no yo en que por"
)
_COMMON = frozenset(_COMMON_TEXT.split())


def _anchor(toks: tuple[_Tok, ...]) -> tuple[int, str, str]:
    """The token a phrase is looked up by: the longest specific word, else a long enough prefix, else a number,
    else its longest word."""
    words = [(len(v), i) for i, (k, v) in enumerate(toks) if k == "w" and v not in _COMMON]
    if words:
        i = max(words)[1]
        return i, "w", toks[i][1]
    prefixes = [(len(v), i) for i, (k, v) in enumerate(toks) if k == "p" and len(v) >= _HEAD]
    if prefixes:
        i = max(prefixes)[1]
        return i, "p", toks[i][1]
    nums = [i for i, (k, _v) in enumerate(toks) if k == "n"]
    if nums:
        return nums[0], "n", ""
    plain = [(len(v), i) for i, (k, v) in enumerate(toks) if k == "w"]
    if plain:
        i = max(plain)[1]
        return i, "w", toks[i][1]
    raise ValueError(f"phrase term without a usable word: {toks!r}")


def _tok_ok(tok: _Tok, word: str) -> bool:
    kind, value = tok
    if kind == "w":
        return word == value
    if kind == "p":
        return word.startswith(value)
    return word.isdigit()


class PhraseMatcher:
    """Whole-word phrases of one or more named groups, matched over a text's words.

    Each phrase is indexed by an *anchor*: its most specific word (not a function word such as "the" or "if"), or
    the first four letters of a word prefix. A text is checked with one set intersection of its words (and word
    heads) against the anchors; only the phrases whose anchor occurs are then verified around that word. Most
    texts cost one tokenization and two set operations.

    Terms are matched case-, accent- and look-alike-insensitively (``folded``); in terms, ``*`` ends a word prefix,
    ``#`` is a number, apostrophes are optional (``doesn't`` = ``doesnt``) and a hyphen is a word break.
    """

    __slots__ = ("_by_head", "_by_word", "_heads", "_num", "_words", "groups")

    def __init__(self, terms: tuple[str, ...] | dict[str, tuple[str, ...]]) -> None:
        grouped = {"": terms} if isinstance(terms, tuple) else terms
        self.groups: frozenset[str] = frozenset(g for g, ts in grouped.items() if ts)
        by_word: dict[str, list[tuple[str, tuple[_Tok, ...], int]]] = {}
        by_head: dict[str, list[tuple[str, tuple[_Tok, ...], int]]] = {}
        num: list[tuple[str, tuple[_Tok, ...], int]] = []
        for group, ts in grouped.items():
            variants = [v for t in ts for v in ((t, t.replace("'", "").replace("’", "")) if ("'" in t or "’" in t)
                                                else (t,))]
            for t in variants:
                toks = _parse(t)
                if not toks:
                    continue
                k, kind, value = _anchor(toks)
                entry = (group, toks, k)
                if kind == "w":
                    by_word.setdefault(value, []).append(entry)
                elif kind == "p":
                    by_head.setdefault(value[:_HEAD], []).append(entry)
                else:
                    num.append(entry)
        self._by_word = {w: tuple(es) for w, es in by_word.items()}
        self._by_head = {h: tuple(es) for h, es in by_head.items()}
        self._words = frozenset(self._by_word)
        self._heads = frozenset(self._by_head)
        self._num = tuple(num)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def scan_words(self, words: list[str], heads_of: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
        """Matches as ``(group, first word index, last word index + 1)``, the longest per group at each start.
        ``heads_of`` is the set of the words' first four letters, when the caller shares it between matchers."""
        present = self._words.intersection(words)
        if self._heads:
            heads = self._heads.intersection(heads_of if heads_of is not None else {w[:_HEAD] for w in words})
        else:
            heads = frozenset()
        if not present and not heads and not self._num:
            return []
        # Where each anchor occurs: one pass over the words, only when some anchor is there at all.
        at_word: dict[str, list[int]] = {w: [] for w in present}
        at_head: dict[str, list[int]] = {h: [] for h in heads}
        at_num: list[int] = []
        num = bool(self._num)
        for i, w in enumerate(words):
            if w in at_word:
                at_word[w].append(i)
            if at_head and w[:_HEAD] in at_head:
                at_head[w[:_HEAD]].append(i)
            if num and w.isdigit():
                at_num.append(i)
        checks: list[tuple[tuple[str, tuple[_Tok, ...], int], list[int]]] = []
        for w, where in at_word.items():
            checks.extend((e, where) for e in self._by_word[w])
        for h, where in at_head.items():
            checks.extend((e, where) for e in self._by_head[h])
        if at_num:
            checks.extend((e, at_num) for e in self._num)
        n = len(words)
        best: dict[tuple[str, int], int] = {}
        for (group, toks, k), where in checks:
            m = len(toks)
            for i in where:
                start = i - k
                if start < 0 or start + m > n:
                    continue
                ok = True
                for x in range(m):
                    if not _tok_ok(toks[x], words[start + x]):
                        ok = False
                        break
                if ok and start + m > best.get((group, start), 0):
                    best[(group, start)] = start + m
        return sorted(((g, i, j) for (g, i), j in best.items()), key=lambda t: (t[1], t[0]))

    def scan(self, text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[str, int, int]]:
        """Matches in ``text`` (a folded or case-folded view) as ``(group, start, end)`` character offsets.
        ``spans`` are the text's word spans when the caller already has them (``PreparedText.words``)."""
        words = _TOKEN.findall(text.replace("’", "'"))
        found = self.scan_words(words)
        if not found:
            return []
        if spans is None or len(spans) != len(words):
            spans = [m.span() for m in _TOKEN.finditer(text)]
        return [(g, spans[i][0], spans[j - 1][1]) for g, i, j in found]

    def finditer(self, text: str, timeout: float | None = None) -> Iterator[tuple[int, int]]:
        for _g, s, e in self.scan(text):
            yield s, e

    def search(self, text: str, timeout: float | None = None) -> tuple[int, int] | None:
        return next(self.finditer(text), None)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The playbook's cue groups for one language (``report_cues``), compiled once: problem cues, the words that
    cancel them, and the seller-incentive cues (with a cheap gate: a benefit and a review word must both occur)."""

    language: str
    problems: PhraseMatcher
    negators: PhraseMatcher
    gate: PhraseMatcher
    incentive: PhraseMatcher


_PROBLEM_GROUPS = ("damage", "defect", "wrong_item", "fixable", "unclear")
_INCENTIVE_GROUPS = ("actor", "link", "benefit", "review")


@lru_cache(maxsize=16)
def cue_lexicon(language: str) -> CueLexicon:
    """Cues of ``data/lexicons/<language>/report_cues.txt`` (immutable once built, shared by engines)."""
    grouped: dict[str, list[str]] = {}
    for line in lexicon("report_cues", language):
        group, sep, term = line.partition(":")
        if sep and term.strip():
            grouped.setdefault(group.strip(), []).append(term.strip())

    def pick(*groups: str) -> PhraseMatcher:
        return PhraseMatcher({g: tuple(grouped.get(g, ())) for g in groups})

    return CueLexicon(language, pick(*_PROBLEM_GROUPS), PhraseMatcher(tuple(grouped.get("negator", ()))),
                      pick("benefit", "review"), pick(*_INCENTIVE_GROUPS))


# ---------------------------------------------------------------------------------------------------------------
# What the review says


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem the seller could fix, found in a review: its kind and the cue in original-text offsets."""

    kind: str  # damage | defect | wrong_item | fixable | unclear
    field: str
    start: int
    end: int
    text: str

    @property
    def template(self) -> str:
        return _TEMPLATE[self.kind]


def _lang(doc: Document) -> str:
    code = doc.language.code
    if code in ("en", "de", "fr", "it", "es"):
        return code
    for lang in doc.settings.languages_for(doc.marketplace):
        if lang in ("en", "de", "fr", "it", "es"):
            return lang
    return "en"


@dataclass(frozen=True, slots=True)
class _Scan:
    field: PreparedText
    matches: tuple[tuple[str, int, int], ...]  # (group, start, end) in the folded/norm view
    negated: frozenset[int]  # indexes of matches right after a negator in the same clause


def _words(doc: Document) -> list[tuple[PreparedText, list[str], frozenset[str]]]:
    """Each field's words (folded) and their four-letter heads, computed once for all the playbook's matchers."""

    def compute() -> list[tuple[PreparedText, list[str], frozenset[str]]]:
        out = []
        for f in doc.texts():
            words = _TOKEN.findall(f.folded.replace("’", "'"))
            out.append((f, words, frozenset(w[:_HEAD] for w in words)))
        return out

    result: list[tuple[PreparedText, list[str], frozenset[str]]] = doc.memo("playbook_words", compute)
    return result


def _spans(field: PreparedText, words: list[str]) -> list[tuple[int, int]]:
    spans = field.words
    return spans if len(spans) == len(words) else [m.span() for m in _TOKEN.finditer(field.folded)]


def _scan(doc: Document) -> list[_Scan]:
    """Problem cues of the review's language, one pass per field, negated cues marked."""

    def compute() -> list[_Scan]:
        cues = cue_lexicon(_lang(doc))
        out: list[_Scan] = []
        for field, words, heads in _words(doc):
            found = cues.problems.scan_words(words, heads)
            if not found:
                out.append(_Scan(field, (), frozenset()))
                continue
            spans = _spans(field, words)
            negs = cues.negators.scan_words(words, heads) if cues.negators else []
            folded = field.folded
            matches: list[tuple[str, int, int]] = []
            negated: set[int] = set()
            for k, (g, i, j) in enumerate(found):
                matches.append((g, spans[i][0], spans[j - 1][1]))
                for _ng, ni, nj in negs:
                    if i - 3 <= nj - 1 < i and ni < i and not _CLAUSE_BREAK.search(folded, spans[nj - 1][1], spans[i][0]):
                        negated.add(k)
                        break
            out.append(_Scan(field, tuple(matches), frozenset(negated)))
        return out

    result: list[_Scan] = doc.memo("playbook_cues", compute)
    return result


def find_problems(doc: Document) -> list[Problem]:
    """Problem cues in a review (damage, defect, wrong item, fixable, unclear), negated cues skipped."""
    out: list[Problem] = []
    for sc in _scan(doc):
        for k, (g, s, e) in enumerate(sc.matches):
            if g in _TEMPLATE and k not in sc.negated:
                rs, re_, text = sc.field.span(sc.field.folded_view, s, e)
                out.append(Problem(g, sc.field.field, rs, re_, text))
    order = list(_TEMPLATE)
    out.sort(key=lambda p: (order.index(p.kind), p.field, p.start))
    return out


def seller_incentive(doc: Document, findings: list[Finding] | tuple[Finding, ...] = ()) -> tuple[str, ...]:
    """Evidence that the review shows the seller's OWN violation: a benefit from the seller or brand tied to the
    review. Returns the reasons found (empty when none).

    Two sources: an R-COMPENSATED finding with ``details["seller_incentive"]`` (set by its detector), and one
    sentence that names an actor (seller, brand, "they", "I was offered", an email or card), a benefit (refund,
    gift card, free product, discount) and the review (review, rating, stars), linked by an offer or a condition
    ("offered", "promised", "if I", "in exchange", "to remove").
    """
    reasons: list[str] = []
    for f in findings:
        if f.rule == "R-COMPENSATED" and f.details.get("seller_incentive") is True:
            reasons.append("R-COMPENSATED: the benefit came from the seller or brand")
    cues = cue_lexicon(_lang(doc))
    need = set(_INCENTIVE_GROUPS)
    for field, words, heads in _words(doc):
        if {g for g, _i, _j in cues.gate.scan_words(words, heads)} != {"benefit", "review"}:
            continue
        found = cues.incentive.scan_words(words, heads)
        if {g for g, _i, _j in found} < need:
            continue
        spans = _spans(field, words)
        for s, e in field.sentences:
            inside = {g for g, i, j in found if s <= spans[i][0] and spans[j - 1][1] <= e}
            if need <= inside:
                reasons.append("the text says the seller or brand offered a benefit tied to the review")
                return tuple(reasons)
    return tuple(reasons)


# ---------------------------------------------------------------------------------------------------------------
# Dates


def age_days(created_at: datetime | None, as_of: datetime | None) -> int | None:
    """Whole days from ``created_at`` to ``as_of`` (naive datetimes are read as UTC); None when either is missing."""
    if created_at is None or as_of is None:
        return None
    a = created_at if created_at.tzinfo else created_at.replace(tzinfo=timezone.utc)
    b = as_of if as_of.tzinfo else as_of.replace(tzinfo=timezone.utc)
    return (b - a).days


# ---------------------------------------------------------------------------------------------------------------
# Actions


def _rules(fs: list[Finding]) -> tuple[str, ...]:
    return tuple(sorted({f.rule for f in fs}))


def _report(doc: Document, clear: list[Finding], findings: list[Finding], engine: Engine, reason: str) -> Action:
    review = doc.review
    text = removal_request(
        clear,
        subject="review",
        language=report_language(doc.settings.languages_for(doc.marketplace)),
        subject_id=doc.id,
        product_id=review.product_id if review else None,
        pii=[f for f in findings if f.rule in PII_RULES],
        title=lambda r: engine.rule(r).title,
    )
    return Action(kind=ActionKind.report, reason=reason, rules=_rules(clear), request_text=text)


def _contact(doc: Document, problems: list[Problem], service: list[Finding]) -> Action:
    s = doc.settings
    courtesy = [p for p in problems if p.template == "courtesy_refund"]
    if courtesy:
        template = "courtesy_refund"
        kinds = sorted({p.kind for p in courtesy}, key=list(_TEMPLATE).index)
        what = " and ".join(_PROBLEM_WORDS[k] for k in kinds)
        cue = courtesy[0].text
        reason = (f"an honest product problem ({what}: \u201c{cue}\u201d): Amazon's Courtesy Refund template offers "
                  "the customer a full refund, not tied to the review")
    else:
        template = "customer_support"
        if problems:
            kinds = sorted({p.kind for p in problems}, key=list(_TEMPLATE).index)
            what = " and ".join(_PROBLEM_WORDS[k] for k in kinds)
            cue = f": \u201c{problems[0].text}\u201d"
        else:
            what, cue = "a seller, order or shipping problem", ""
        reason = (f"{what}{cue}: Amazon's Customer Support template asks the customer's permission to contact them "
                  "through Buyer-Seller Messaging to sort it out")
    notes: list[str] = []
    eligible: bool | None = True
    if doc.marketplace in s.contact_customer_marketplaces:
        notes.append(f"Contact Customer is assumed available on marketplace {doc.marketplace} (a setting; Amazon "
                     "may change it)")
    else:
        eligible = False
        notes.append(f"Contact Customer is not assumed available on marketplace {doc.marketplace} "
                     "(Settings.contact_customer_marketplaces)")
    rating = doc.rating
    if rating is not None and rating <= s.negative_max_rating:
        extra = "" if rating < 3 else " (some summaries of Amazon's tool say below 3 stars: check it is offered)"
        notes.append(f"rating {rating} star(s) is at or below the negative threshold of "
                     f"{s.negative_max_rating}{extra}")
    else:
        eligible = False
        notes.append("the tool is offered only for critical reviews (Amazon says lower than four stars)")
    review = doc.review
    age = age_days(review.created_at if review else None, s.as_of)
    if age is None:
        if eligible:
            eligible = None
        notes.append("review age not checked: needs the review's created_at and Settings.as_of "
                     f"(the tool keeps reviews about {WINDOW_DAYS} days)")
    elif age > WINDOW_DAYS:
        eligible = False
        notes.append(f"the review is {age} days old: Amazon keeps reviews in the tool for about {WINDOW_DAYS} days")
    else:
        notes.append(f"the review is {age} days old, within about {WINDOW_DAYS} days")
    notes.append("needs Brand Registry (Brand Representative role), a professional account in good standing and "
                 "being the seller of record for the order: yours to confirm")
    notes.append("the library only recommends the template; Amazon sends the fixed text, which cannot be edited")
    notes.append(_NO_CHANGE)
    return Action(
        kind=ActionKind.contact_customer,
        reason=reason,
        rules=_rules(service),
        template=template,  # type: ignore[arg-type]
        eligible=eligible,
        eligibility_notes=tuple(notes),
    )


def _unchecked(doc: Document) -> str:
    """Why the text rules could not read a review fully ('' when they could)."""
    if any(f.truncated for f in doc.fields.values()):
        return "only the start of a long text was read"
    code = doc.language.code
    if doc.fields and code not in ("en", "de", "fr", "it", "es", "unknown"):
        return f"language {code} is not one the text rules read"
    return ""


def plan_actions(doc: Document, findings: list[Finding], kind: Kind, engine: Engine) -> list[Action]:
    """The seller's options for one review or feedback, first the one to take. Called by ``Engine.classify``."""
    if doc.subject_type == "feedback":
        return _feedback_actions(doc, findings, engine)
    if doc.subject_type != "review":
        return []
    clear = [f for f in findings if f.tier == Tier.clear]
    hold = [f for f in findings if f.tier == Tier.hold]
    rating = doc.rating
    threshold = doc.settings.negative_max_rating
    negative = rating is not None and rating <= threshold
    # The seller's own incentive only changes a plan that would report or contact: skip the scan otherwise.
    compensated = any(f.rule == "R-COMPENSATED" for f in findings)
    incentive = seller_incentive(doc, findings) if (clear or negative or compensated) else ()
    if incentive:
        others = [r for r in _rules(findings) if r != "R-COMPENSATED"]
        also = f" It also shows {', '.join(others)}; still do not report it." if others else ""
        return [
            Action(
                kind=ActionKind.review_by_human,
                reason=("compliance matter, do not report: the review shows the seller's own violation ("
                        + "; ".join(incentive) + "). Offering a refund, gift or free product for a review, or for "
                        "changing or removing one, breaks Amazon's anti-manipulation policy; check your messages, "
                        "package inserts, agencies and staff." + also),
                rules=_rules([f for f in findings if f.rule == "R-COMPENSATED"]) or ("R-COMPENSATED",),
            )
        ]
    actions: list[Action] = []
    if clear:
        actions.append(_report(doc, clear, findings, engine,
                               "breaks " + ", ".join(_rules(clear)) + ": report it to Amazon with the request text"))
    if rating is not None and rating > threshold:
        if not actions:
            held = f" (possible {', '.join(_rules(hold))} left aside: not worth acting on)" if hold else ""
            actions.append(Action(kind=ActionKind.none,
                                  reason=f"a positive review ({rating} stars) that breaks no rule clearly{held}"))
        return actions
    if hold:
        actions.append(Action(kind=ActionKind.review_by_human,
                              reason="possible violation, a person must decide: " + ", ".join(_rules(hold)),
                              rules=_rules(hold)))
    if rating is None:
        if not actions:
            actions.append(Action(kind=ActionKind.none,
                                  reason="breaks no rule the library checks; without a star rating the "
                                         "negative-review playbook (Contact Customer) does not apply"))
        return actions
    problems = find_problems(doc)
    service = [
        f for f in findings
        if (f.rule in _SERVICE_RULES or f.rule == "R-CONDITION-DAMAGE")
        and f.details.get("polarity") != "positive"
        and (f.tier == Tier.clear or f.details.get("polarity") in (None, "negative"))
    ]
    if any(f.rule == "R-CONDITION-DAMAGE" for f in findings) and not any(p.kind == "damage" for p in problems):
        f = next(f for f in findings if f.rule == "R-CONDITION-DAMAGE")
        if f.spans:
            sp = f.spans[0]
            problems.insert(0, Problem("damage", sp.field, sp.start, sp.end, sp.text))
    if problems or service:
        contact = _contact(doc, problems, service)
        if hold and not clear and all(f.rule in _WEAK_HOLD for f in hold):
            # A seller/shipping remark in a mixed review is at most hold (X-MIXED): fixing the problem comes first.
            actions.insert(0, contact)
        else:
            actions.append(contact)
    unchecked = _unchecked(doc)
    if not actions and unchecked:
        actions.append(Action(kind=ActionKind.review_by_human,
                              reason=f"the rules could not check this review fully ({unchecked}): a person must read it"))
    if not actions:
        actions.append(Action(
            kind=ActionKind.none,
            reason=(f"an honest negative opinion ({rating} stars): it breaks no rule the library checks and names "
                    "no problem the seller can fix. Amazon does not remove honest negative reviews; leave it. "
                    + _NO_CHANGE),
        ))
    return actions


def _feedback_actions(doc: Document, findings: list[Finding], engine: Engine) -> list[Action]:
    fb = doc.feedback
    clear = [f for f in findings if f.tier == Tier.clear]
    hold = [f for f in findings if f.tier == Tier.hold]
    age = age_days(fb.created_at if fb else None, doc.settings.as_of)
    notes: list[str] = []
    within: bool | None = None
    if age is None:
        notes.append(f"feedback age not checked: needs its created_at and Settings.as_of (Amazon normally accepts "
                     f"removal requests for feedback up to {WINDOW_DAYS} days old)")
    elif age > WINDOW_DAYS:
        within = False
        notes.append(f"the feedback is {age} days old: removal requests are normally accepted only up to "
                     f"{WINDOW_DAYS} days")
    else:
        within = True
        notes.append(f"the feedback is {age} days old, within the {WINDOW_DAYS}-day removal window")
    actions: list[Action] = []
    rating = doc.rating
    if clear and rating is not None and rating >= 4 and all(f.rule in _NOT_FOR_POSITIVE for f in clear):
        actions.append(Action(
            kind=ActionKind.none,
            reason=(f"positive feedback ({rating} stars): Amazon would act on {', '.join(_rules(clear))} on request, "
                    "but removing or striking a positive rating only costs you"),
            rules=_rules(clear),
            eligibility_notes=tuple(notes),
        ))
        return actions
    if clear:
        remove = [f for f in clear if f.rule not in _STRIKE_RULES]
        strike = not remove
        text = removal_request(
            clear,
            subject="feedback",
            language=report_language(doc.settings.languages_for(doc.marketplace)),
            subject_id=doc.id,
            strike=strike,
            pii=[f for f in findings if f.rule in PII_RULES],
            title=lambda r: engine.rule(r).title,
        )
        what = "strike-through (the rating stops counting)" if strike else "removal"
        actions.append(Action(
            kind=ActionKind.report,
            reason=f"meets Amazon's criteria for feedback {what}: {', '.join(_rules(clear))}; request it from "
                   "Feedback Manager with the request text",
            rules=_rules(clear),
            eligible=within,
            eligibility_notes=tuple(notes),
            request_text=text,
        ))
    if hold:
        actions.append(Action(kind=ActionKind.review_by_human,
                              reason="possible removal case, a person must decide: " + ", ".join(_rules(hold)),
                              rules=_rules(hold), eligibility_notes=tuple(notes)))
    if not actions:
        actions.append(Action(
            kind=ActionKind.none,
            reason=("meets none of Amazon's criteria for removing or striking feedback; Amazon does not remove "
                    "feedback just because it is unwarranted. Resolve the buyer's problem; afterwards you may "
                    "neutrally tell them they can update or remove their feedback, never with an incentive or "
                    "pressure"),
            eligibility_notes=tuple(notes),
        ))
    return actions
