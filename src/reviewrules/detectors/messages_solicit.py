"""Review requests that break the rules: asking for a positive review, incentives for a review, asking only happy
buyers (review gating) and steering unhappy buyers away from reviews."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..extract.msgcues import MessageCues
from ..models import MessagePurpose, Tier
from ..settings import Settings
from ._messages import emit, purpose, reading
from .base import Document, Hit, Subject


class AskPositiveDetector:
    """Flags requests for a positive review or positive feedback: "please leave us a 5-star review", "a positive
    review would mean the world", a row of star emoji, "change your feedback to positive". Not flagged: neutral
    requests ("would you share your experience?", "your honest review helps other shoppers") and thanks for a
    positive review the buyer already wrote."""

    rules: ClassVar[tuple[str, ...]] = ("M-ASK-POSITIVE",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        for fc, c in r.positive_asks():
            yield emit(doc, "M-ASK-POSITIVE", fc.prepared, c.start, c.end, Tier.clear, 0.9,
                       "asks for a positive rating; review requests must be neutral", review=True)


class IncentiveForReviewDetector:
    """Flags any benefit offered for leaving a review or feedback: "leave a review and get 20% off your next order",
    "post a review with a photo for a $10 gift card", "review us and be entered to win", "send us a screenshot of
    your review and we'll refund 50%". Clear when the benefit is in the same sentence as the request, or when a perk
    (voucher, gift card, discount, prize) is anywhere in a message that asks for a review. Hold: a review request in
    the same message as a refund or replacement for a problem (not conditioned, but the two should be separate
    messages). Not flagged: "we'd love to hear your honest feedback", a warranty card, a partial refund with no
    review request."""

    rules: ClassVar[tuple[str, ...]] = ("M-INCENTIVE-FOR-REVIEW",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        solicits = r.solicits() + r.positive_asks()
        if not solicits:
            return
        benefits = r.benefits()
        if not benefits:
            return
        for fc, s in solicits:
            same = [(f, b) for f, b in benefits if f is fc and b.sent == s.sent]
            if same:
                f, b = same[0]
                msg = "benefit offered for a review"
                yield emit(doc, "M-INCENTIVE-FOR-REVIEW", fc.prepared, s.start, s.end, Tier.clear, 0.92, msg, review=True)
                yield emit(doc, "M-INCENTIVE-FOR-REVIEW", f.prepared, b.start, b.end, Tier.clear, 0.92, msg, review=True)
                return
        fc, s = solicits[0]
        perks = [x for x in benefits if x[1].cat == "perk"]
        if perks:
            f, b = perks[0]
            msg = "perk offered in a message that asks for a review"
            yield emit(doc, "M-INCENTIVE-FOR-REVIEW", fc.prepared, s.start, s.end, Tier.clear, 0.85, msg, review=True)
            yield emit(doc, "M-INCENTIVE-FOR-REVIEW", f.prepared, b.start, b.end, Tier.clear, 0.85, msg, review=True)
            return
        f, b = benefits[0]
        msg = "review request in the same message as a refund or replacement: send them separately"
        yield emit(doc, "M-INCENTIVE-FOR-REVIEW", fc.prepared, s.start, s.end, Tier.hold, 0.5, msg, review=True)


class SelectiveSolicitDetector:
    """Flags review gating: asking only buyers with a good experience to review ("if you're happy, please leave a
    review", "only review us if you loved it"). Hold: a review request in the same message as an offer of help for
    problems ("if something is wrong, contact us"), which can read as gating. Not flagged: "whatever your
    experience, we'd appreciate an honest review", a support offer without a review request."""

    rules: ClassVar[tuple[str, ...]] = ("M-SELECTIVE-SOLICIT",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        solicits = r.solicits() + r.positive_asks()
        if not solicits and purpose(doc) != MessagePurpose.review_request:
            return
        for fc, h in r.cues("happy"):
            strong = h.t1 > h.t0 and fc.tokens[h.t0][2] == "only"
            near = [s for f, s in solicits if f is fc and abs(s.sent - h.sent) <= 1]
            if near or strong:
                yield emit(doc, "M-SELECTIVE-SOLICIT", fc.prepared, h.start, h.end, Tier.clear, 0.88,
                           "asks for a review only from buyers with a good experience", review=True)
                return
        if not solicits:
            return
        support = list(r.cues("unhappy"))
        if support:
            fc, u = support[0]
            yield emit(doc, "M-SELECTIVE-SOLICIT", fc.prepared, u.start, u.end, Tier.hold, 0.5,
                       "support offer for problems in a review request: may read as review gating", review=True)


class DivertNegativeDetector:
    """Flags steering unhappy buyers away from reviews: "before leaving a negative review, please email us",
    "unhappy? don't review, message us instead", "contact us first", "rate us here first" (a private survey before
    the Amazon review). Not flagged: "if you have any problem with your order, reply to this message" without a
    review in sight."""

    rules: ClassVar[tuple[str, ...]] = ("M-DIVERT-NEGATIVE",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        for fc, d in list(r.cues("divert")) + list(r.cues("divert_weak")):
            strong = d.cat == "divert"
            first = fc.words.get("firstperson", frozenset())
            if d.t0 >= 0 and any(i in first for i in range(max(0, d.t0 - 2), d.t0)):
                continue  # "I don't write reviews": the writer about themselves
            about = [
                c
                for cat in ("review", "feedback", "solicit", "positive")
                for c in fc.cues.get(cat, ())
                if abs(c.sent - d.sent) <= 1
            ]
            if not about:
                continue
            if strong or fc.in_sentence("contact", d.sent):
                yield emit(doc, "M-DIVERT-NEGATIVE", fc.prepared, d.start, d.end, Tier.clear, 0.88,
                           "steers unhappy buyers away from the review system", review=True)
                return


DETECTORS = (AskPositiveDetector, IncentiveForReviewDetector, SelectiveSolicitDetector, DivertNegativeDetector)
