"""M-REVIEW-FOR-REFUND, M-CHANGE-REMOVE-REVIEW and F-RESOLVED-REQUEST: benefits tied to a review, requests to change
or remove a review, and what a seller may say about seller feedback after resolving a problem."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import ClassVar

from ..extract.msgcues import Ask, Cue, FieldCues, MessageCues, Reading
from ..models import Concerns, Tier
from ..settings import Settings
from ._messages import concerns, emit, reading
from .base import Document, Hit, Subject

_LABEL = MappingProxyType(
    {"remedy": "refund or replacement", "nocost": "free product or no-charge offer", "perk": "perk (voucher, gift card, discount)"}
)


def _nearest(ask: Ask, cues: list[tuple[FieldCues, Cue]]) -> tuple[FieldCues, Cue] | None:
    if not cues:
        return None
    same = [x for x in cues if x[0] is ask.field]
    pool = same or cues
    return min(pool, key=lambda x: (abs(x[1].sent - ask.sent), abs(x[1].start - ask.start)))


def _neutral(r: Reading, ask: Ask) -> bool:
    fc = ask.field
    return bool(fc.in_sentence("neutral", ask.sent)) and not fc.in_sentence("pressure", ask.sent) and not (
        fc.in_sentence("positive", ask.sent)
    )


def _feedback_ok(doc: Document, ask: Ask) -> bool:
    """The asymmetry: a note about SELLER FEEDBACK is judged by F-RESOLVED-REQUEST; reviews never are."""
    return ask.target == "feedback" and concerns(doc) == Concerns.seller_feedback


class ReviewForRefundDetector:
    """Flags any refund, replacement, discount, freebie or other benefit tied to removing, changing, updating or
    improving a review, in any order and across sentences: "we'll refund you if you remove your review", "once you
    update your review we'll send the refund", "we've refunded you in full; could you now change your rating?",
    "keep the product, no charge, just delete the review", "many customers update their reviews after a replacement
    like this" (en, es, de, fr, it; Japanese by substring cues such as レビュー + 削除 + 返金).

    Clear: a request to change, remove or improve a product review (or a feedback when the message's ``concerns``
    is not ``seller_feedback``) in a message that also offers or mentions a benefit; for seller feedback, a request
    in the same sentence as a benefit, with a perk (voucher, gift card, discount) anywhere, or an insistent request
    next to a refund. Hold: a benefit offered in a message that refers to the buyer's review ("we saw your 1-star
    review and have issued a refund"), because Amazon bans refund offers made to the author of a review.

    Not flagged: a plain refund or replacement for a problem that never mentions the review; Amazon's own Contact
    Customer courtesy-refund template (Amazon sends it, the seller cannot write it).
    """

    rules: ClassVar[tuple[str, ...]] = ("M-REVIEW-FOR-REFUND",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        benefits = r.benefits()
        if not benefits:
            return
        perks = [x for x in benefits if x[1].cat == "perk"]
        found = False
        asks = list(r.asks())
        asked = {(a.field.name, a.sent) for a in asks}
        for fc, c in r.positive_asks():
            if (fc.name, c.sent) not in asked:  # "a 5-star rating would be great" next to a refund
                asks.append(Ask(fc, c.sent, c.start, c.end, "review", c))
        for ask in asks:
            if _feedback_ok(doc, ask):
                same = [x for x in benefits if x[0] is ask.field and x[1].sent == ask.sent]
                if not (perks or same or not _neutral(r, ask)):
                    continue
            b = _nearest(ask, benefits)
            if b is None:
                continue
            found = True
            msg = f"{_LABEL[b[1].cat]} tied to changing or removing the {ask.target}"
            yield emit(doc, "M-REVIEW-FOR-REFUND", ask.field.prepared, ask.start, ask.end, Tier.clear, 0.95, msg,
                       review=True, details={"target": ask.target})
            yield emit(doc, "M-REVIEW-FOR-REFUND", b[0].prepared, b[1].start, b[1].end, Tier.clear, 0.95, msg,
                       review=True, drop=b[1].cat == "perk", details={"target": ask.target})
        if found:
            return
        seller_fb = concerns(doc) == Concerns.seller_feedback
        for fc, c in r.buyer_review_mentions():
            if seller_fb and c.cat == "feedback":
                continue
            b = _nearest(Ask(fc, c.sent, c.start, c.end, c.cat, c), benefits)
            if b is None:
                continue
            msg = "benefit offered in a message about the buyer's review: Amazon bans refund offers to review authors"
            yield emit(doc, "M-REVIEW-FOR-REFUND", fc.prepared, c.start, c.end, Tier.hold, 0.6, msg, review=True)
            yield emit(doc, "M-REVIEW-FOR-REFUND", b[0].prepared, b[1].start, b[1].end, Tier.hold, 0.6, msg,
                       review=True, drop=b[1].cat == "perk")
            return


class ChangeRemoveReviewDetector:
    """Flags requests to change, update, revise or remove a product review ("could you kindly remove your review?",
    "now that it's fixed, please update your review", "would you consider changing your rating?",
    "レビューの削除をお願いできますか"), also when the review is named in an earlier sentence ("we saw your review.
    Could you take it down?"). The neutral note "you can update or remove the feedback you left" is allowed only
    for seller feedback (``concerns="seller_feedback"``, see F-RESOLVED-REQUEST); about a product review, or when
    the message's concerns are unknown, it breaks this rule.

    Not flagged: thanks for a review, "we've updated the manual after your review" (the seller changes something),
    "we will review your return request" (the verb).
    """

    rules: ClassVar[tuple[str, ...]] = ("M-CHANGE-REMOVE-REVIEW",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        for ask in r.asks():
            if _feedback_ok(doc, ask):
                continue
            what = "product review" if ask.target == "review" else "feedback (judged as a review: concerns are not seller_feedback)"
            yield emit(doc, "M-CHANGE-REMOVE-REVIEW", ask.field.prepared, ask.start, ask.end, Tier.clear, 0.92,
                       f"asks the buyer to change or remove their {what}", review=True, details={"target": ask.target})


class ResolvedRequestDetector:
    """Judges what a seller says about SELLER FEEDBACK (messages with ``concerns="seller_feedback"``). After a
    problem is resolved, a neutral note that the buyer may update or remove their feedback is allowed ("if you're
    satisfied we resolved your concerns, you can update or remove the feedback you left").

    Clear: pressure ("please remove the negative feedback, it hurts our account"), asking for positive feedback, or
    the note sent while ``context.problem_resolved`` is False. Hold: a request rather than a note ("would you
    delete your feedback?"), or a note when nothing says the problem was resolved. Benefits offered for feedback
    are M-REVIEW-FOR-REFUND.
    """

    rules: ClassVar[tuple[str, ...]] = ("F-RESOLVED-REQUEST",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        if concerns(doc) != Concerns.seller_feedback:
            return
        r = reading(doc, self.cues)
        for ask in r.asks():
            if ask.target != "feedback":
                continue
            fc = ask.field
            pressure = fc.in_sentence("pressure", ask.sent) or fc.in_sentence("abuse", ask.sent)
            positive = fc.in_sentence("positive", ask.sent)
            if pressure or positive:
                yield emit(doc, "F-RESOLVED-REQUEST", fc.prepared, ask.start, ask.end, Tier.clear, 0.9,
                           "pressures the buyer over their feedback" if pressure else "asks for positive feedback",
                           review=True)
                continue
            resolved_flag = doc.context.problem_resolved if doc.context is not None else None
            if resolved_flag is False:
                yield emit(doc, "F-RESOLVED-REQUEST", fc.prepared, ask.start, ask.end, Tier.clear, 0.85,
                           "feedback note sent before the problem is resolved", review=True)
                continue
            if not _neutral(r, ask):
                yield emit(doc, "F-RESOLVED-REQUEST", fc.prepared, ask.start, ask.end, Tier.hold, 0.55,
                           "asks (rather than notes) that the feedback be changed; keep it a neutral note", review=True)
                continue
            if resolved_flag is None and not r.has("resolved", "remedy"):
                yield emit(doc, "F-RESOLVED-REQUEST", fc.prepared, ask.start, ask.end, Tier.hold, 0.5,
                           "send this note only after the problem is resolved (nothing says it is)", drop=False)


DETECTORS = (ReviewForRefundDetector, ChangeRemoveReviewDetector, ResolvedRequestDetector)
