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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from .detectors.base import Document
from .lexicon import lexicon
from .models import Action, ActionKind, Finding, Kind, Tier
from .reports import PII_RULES, removal_request, report_language
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
_TEMPLATE = {
    "damage": "courtesy_refund",
    "defect": "courtesy_refund",
    "wrong_item": "courtesy_refund",
    "fixable": "customer_support",
    "unclear": "customer_support",
}
_PROBLEM_WORDS = {
    "damage": "arrived damaged or not new",
    "defect": "a defect",
    "wrong_item": "a wrong item",
    "fixable": "a problem the seller can fix",
    "unclear": "a problem that is not clear yet",
}
_NO_CHANGE = "Never ask the customer to change or remove the review, before or after any refund."


# ---------------------------------------------------------------------------------------------------------------
# Phrase lexicons


def _atoms(term: str) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(term.casefold().translate(FOLD_TABLE).split()):
        if i:
            out.append(r"[\s\-]{1,3}")
        if word == "#":
            out.append(r"\d{1,4}")
            continue
        prefix = word.endswith("*")
        for ch in word.rstrip("*"):
            out.append("['’]?" if ch in "'’" else regex.escape(ch))
        if prefix:
            out.append(r"\w{0,24}")
    return out


def _trie(seqs: list[list[str]]) -> str:
    root: dict[str, dict[str, object]] = {}
    for seq in seqs:
        node: dict[str, object] = root  # type: ignore[assignment]
        for atom in seq:
            node = node.setdefault(atom, {})  # type: ignore[assignment]
        node[""] = {}

    def emit(node: dict[str, object]) -> str:
        terminal = "" in node
        alts = [atom + emit(child) for atom, child in node.items() if atom and isinstance(child, dict)]
        if not alts:
            return ""
        if len(alts) == 1 and not terminal:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if terminal else body

    return emit(root)  # type: ignore[arg-type]


class PhraseMatcher:
    """Whole-word phrases compiled once into one character-trie pattern, matched on a field's ``folded`` view
    (case, accents and look-alike letters folded). In terms, ``*`` ends a word prefix, ``#`` is a number and an
    apostrophe is optional."""

    __slots__ = ("pattern",)

    def __init__(self, terms: tuple[str, ...]) -> None:
        seqs = [a for a in (_atoms(t) for t in terms) if a]
        self.pattern: regex.Pattern[str] | None = (
            regex.compile(r"(?<!\w)" + _trie(seqs) + r"(?!\w)", regex.V0) if seqs else None
        )

    def __bool__(self) -> bool:
        return self.pattern is not None

    def finditer(self, folded: str, timeout: float | None = None) -> Iterator[tuple[int, int]]:
        if self.pattern is None:
            return
        for m in self.pattern.finditer(folded, timeout=timeout):
            yield m.span()

    def search(self, folded: str, timeout: float | None = None) -> tuple[int, int] | None:
        if self.pattern is None:
            return None
        m = self.pattern.search(folded, timeout=timeout)
        return m.span() if m else None


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The playbook's cue groups for one language (``report_cues``), compiled once."""

    language: str
    groups: dict[str, PhraseMatcher]
    negator: regex.Pattern[str] | None

    def get(self, group: str) -> PhraseMatcher | None:
        return self.groups.get(group)


@lru_cache(maxsize=16)
def cue_lexicon(language: str) -> CueLexicon:
    """Cues of ``data/lexicons/<language>/report_cues.txt`` (immutable once built, shared by engines)."""
    grouped: dict[str, list[str]] = {}
    for line in lexicon("report_cues", language):
        group, sep, term = line.partition(":")
        if sep and term.strip():
            grouped.setdefault(group.strip(), []).append(term.strip())
    negs = grouped.pop("negator", [])
    groups = {g: PhraseMatcher(tuple(terms)) for g, terms in grouped.items()}
    negator = None
    if negs:
        neg = _trie([_atoms(t) for t in negs])
        negator = regex.compile(r"(?<!\w)" + neg + r"(?:[\s\-]+[\w'’]{1,24}){0,2}[\s\-]*$", regex.V0)
    return CueLexicon(language, groups, negator)


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


def _negated(cues: CueLexicon, folded: str, start: int) -> bool:
    if cues.negator is None:
        return False
    return cues.negator.search(folded[max(0, start - 40) : start]) is not None


def find_problems(doc: Document) -> list[Problem]:
    """Problem cues in a review (damage, defect, wrong item, fixable, unclear), negated cues skipped."""
    cues = cue_lexicon(_lang(doc))
    out: list[Problem] = []
    for field in doc.texts():
        folded = field.folded
        for group in ("damage", "defect", "wrong_item", "fixable", "unclear"):
            matcher = cues.get(group)
            if not matcher:
                continue
            for s, e in matcher.finditer(folded, doc.timeout):
                if _negated(cues, folded, s):
                    continue
                rs, re_, text = field.span(field.folded_view, s, e)
                out.append(Problem(group, field.field, rs, re_, text))
    return out


def _sentence_has(matcher: PhraseMatcher | None, folded: str, timeout: float) -> bool:
    return bool(matcher) and matcher is not None and matcher.search(folded, timeout) is not None


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
    benefit, review = cues.get("benefit"), cues.get("review")
    actor, link = cues.get("actor"), cues.get("link")
    if not (benefit and review and actor and link):
        return tuple(reasons)
    for field in doc.texts():
        folded = field.folded
        if benefit is None or benefit.search(folded, doc.timeout) is None:
            continue
        for s, e in field.sentences:
            sent = folded[s:e]
            if (
                _sentence_has(benefit, sent, doc.timeout)
                and _sentence_has(review, sent, doc.timeout)
                and _sentence_has(link, sent, doc.timeout)
                and _sentence_has(actor, sent, doc.timeout)
            ):
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
    incentive = seller_incentive(doc, findings)
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
    rating = doc.rating
    threshold = doc.settings.negative_max_rating
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
    service = [f for f in findings if f.rule in _SERVICE_RULES or f.rule == "R-CONDITION-DAMAGE"]
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
