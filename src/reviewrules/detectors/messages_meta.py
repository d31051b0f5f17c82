"""Message rules that need metadata: buyer's language, order ID, one request per order, the review-request
window. Without the metadata a rule is reported as not evaluated (``doc.needs``), never as passed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import ClassVar

import regex

from ..extract.msgcues import MessageCues
from ..models import MessagePurpose, Tier
from ..settings import Settings
from ..text import guess_language
from ._messages import emit_root, fields, purpose, reading
from .base import Document, Hit, Subject

_ORDER_ID = regex.compile(r"(?<!\d)\d{3}[-‐–]\d{7}[-‐–]\d{7}(?!\d)")


def _anchor(doc: Document) -> str | None:
    for name in ("body", "subject", "html"):
        if name in doc.fields:
            return name
    return None


def _day(value: datetime | None) -> date | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.date()


def _is_review_request(doc: Document, cues: MessageCues) -> bool:
    if purpose(doc) == MessagePurpose.review_request:
        return True
    if purpose(doc) == MessagePurpose.reply:
        return False
    r = reading(doc, cues)
    return bool(r.solicits()) or bool(r.positive_asks())


class LanguageDetector:
    """Flags proactive messages not written in the buyer's language of preference (``buyer_language``, e.g.
    ``de_DE``): clear when the body's language is reliably another one, hold when the guess is weak or only part of
    the message is in another language. Without ``buyer_language`` the rule is not evaluated. Replies are not
    checked (the buyer may have written in another language)."""

    rules: ClassVar[tuple[str, ...]] = ("M-LANGUAGE",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        pass

    def detect(self, doc: Document) -> Iterator[Hit]:
        msg = doc.message
        if msg is None or purpose(doc) == MessagePurpose.reply:
            return
        if not msg.buyer_language:
            doc.needs("M-LANGUAGE", "the buyer's language of preference (message.buyer_language)")
            return
        want = msg.buyer_language.replace("-", "_").split("_")[0].lower()
        body = doc.fields.get("body")
        anchor = _anchor(doc)
        if body is None or anchor is None:
            return
        text = _ORDER_ID.sub(" ", body.norm)
        g = guess_language(text, ())
        lead = g.scores.get(g.code, 0.0) if g.scores else 0.0
        if not g.reliable and (lead < 1.5 or lead < 2 * g.scores.get(want, 0.0)):
            g = guess_language(text, (want,))
        if g.code in ("unknown", "other") or g.code == want:
            # Whole body reads as the buyer's language; look for long sentences in another one.
            for s, e in body.sentences:
                part = _ORDER_ID.sub(" ", body.norm[s:e])
                if len(part.split()) < 6:
                    continue
                gs = guess_language(part, ())
                if gs.reliable and gs.code not in (want, "unknown", "other"):
                    rs, re_ = body.norm_view.to_root(s, e)
                    yield emit_root(doc, "M-LANGUAGE", "body", rs, re_, Tier.hold, 0.5,
                                    f"part of the message reads as {gs.code}, the buyer prefers {want}",
                                    {"detected": gs.code, "expected": want}, drop=False)
                    return
            return
        tier = Tier.clear if g.reliable else Tier.hold
        yield emit_root(doc, "M-LANGUAGE", anchor, 0, 0, tier, 0.85 if g.reliable else 0.5,
                        f"message reads as {g.code}, the buyer prefers {want}",
                        {"detected": g.code, "expected": want}, drop=False)


class OrderIdDetector:
    """Proactive messages (and review requests) should carry the 17-digit order ID (3-7-7 digits) in the body or
    subject, or be sent on the order (``order_id`` on the message or the context). A hold, not a block: messages
    sent from the order page carry the order ID in Amazon's subject line. Replies are not checked."""

    rules: ClassVar[tuple[str, ...]] = ("M-ORDER-ID",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        pass

    def detect(self, doc: Document) -> Iterator[Hit]:
        msg = doc.message
        if msg is None or purpose(doc) == MessagePurpose.reply:
            return
        if msg.order_id or (doc.context is not None and doc.context.order_id):
            return
        for f in fields(doc):
            if _ORDER_ID.search(f.text, timeout=doc.timeout):
                return
        anchor = _anchor(doc)
        if anchor is None:
            return
        yield emit_root(doc, "M-ORDER-ID", anchor, 0, 0, Tier.hold, 0.6,
                        "proactive message without the 17-digit order ID", drop=False)


class RepeatSolicitDetector:
    """One review or feedback request per order: flags a review request when ``context.messages_sent`` already
    has one (a custom request or Amazon's Request a Review button). Without the order context it is not
    evaluated."""

    rules: ClassVar[tuple[str, ...]] = ("M-REPEAT-SOLICIT",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        if not _is_review_request(doc, self.cues):
            return
        ctx = doc.context
        if ctx is None:
            doc.needs("M-REPEAT-SOLICIT", "the order context: review requests already sent on this order")
            return
        prior = [m for m in ctx.messages_sent if m.review_request or m.via_request_a_review
                 or m.purpose == MessagePurpose.review_request]
        anchor = _anchor(doc)
        if prior and anchor is not None:
            how = "Request a Review" if any(m.via_request_a_review for m in prior) else "a custom request"
            yield emit_root(doc, "M-REPEAT-SOLICIT", anchor, 0, 0, Tier.clear, 0.95,
                            f"a review request was already sent on this order ({how})", {"prior_requests": len(prior)},
                            drop=False)


class SolicitTimingDetector:
    """Review requests belong between 5 and 30 days after delivery (Amazon's Request a Review window): flags
    requests before delivery or shipping, earlier than day 5 or later than day 30 (clear). Other proactive
    messages more than 30 days after the order was completed are a hold. Needs the order context (delivery dates)
    and the sending time (``message.sent_at`` or ``Settings.as_of``); replies are not checked."""

    rules: ClassVar[tuple[str, ...]] = ("M-SOLICIT-TIMING",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        msg = doc.message
        if msg is None or purpose(doc) == MessagePurpose.reply:
            return
        solicit = _is_review_request(doc, self.cues)
        ctx = doc.context
        if ctx is None:
            doc.needs("M-SOLICIT-TIMING", "the order context: delivery dates")
            return
        sent = _day(msg.sent_at or doc.settings.as_of)
        if sent is None:
            doc.needs("M-SOLICIT-TIMING", "the sending time (message.sent_at or Settings.as_of)")
            return
        anchor = _anchor(doc)
        if anchor is None:
            return
        rule = "M-SOLICIT-TIMING"
        if solicit:
            first = _day(ctx.delivered_at or ctx.earliest_delivery)
            last = _day(ctx.delivered_at or ctx.latest_delivery or ctx.earliest_delivery)
            if first is None or last is None:
                if ctx.shipped_at is None and ctx.ordered_at is not None:
                    yield emit_root(doc, rule, anchor, 0, 0, Tier.clear, 0.9,
                                    "review request before the order has shipped", drop=False)
                elif ctx.shipped_at is not None:
                    yield emit_root(doc, rule, anchor, 0, 0, Tier.hold, 0.5,
                                    "review request with no delivery date: the order may not be delivered yet",
                                    drop=False)
                else:
                    doc.needs(rule, "the delivery date (context.delivered_at or earliest/latest_delivery)")
                return
            days = (sent - first).days
            if days < 5:
                yield emit_root(doc, rule, anchor, 0, 0, Tier.clear, 0.95,
                                f"review request {days} days after delivery (the window opens on day 5)",
                                {"days_after_delivery": days}, drop=False)
            elif (sent - last).days > 30:
                late = (sent - last).days
                yield emit_root(doc, rule, anchor, 0, 0, Tier.clear, 0.95,
                                f"review request {late} days after delivery (the window closes on day 30)",
                                {"days_after_delivery": late}, drop=False)
            return
        done = _day(ctx.order_completed_at or ctx.delivered_at or ctx.latest_delivery)
        if done is not None and (sent - done).days > 30:
            yield emit_root(doc, rule, anchor, 0, 0, Tier.hold, 0.5,
                            "proactive message more than 30 days after the order was completed",
                            {"days_after_completion": (sent - done).days}, drop=False)


DETECTORS = (LanguageDetector, OrderIdDetector, RepeatSolicitDetector, SolicitTimingDetector)
