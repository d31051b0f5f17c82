"""Message content rules: marketing, non-essential messages (thanks or confirmations only) and abuse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..extract.msgcues import MessageCues, sentence_is_substantive
from ..models import MessagePurpose, Tier
from ..settings import Settings
from ._messages import emit, purpose, reading
from .base import Document, Hit, Subject

_INSULTS = frozenset({"liar", "idiot", "idiots", "stupid", "scammer", "moron"})


class MarketingDetector:
    """Flags marketing in a message: "check out our new summer collection", "use code THANKS10 on your next order",
    "our sister brand also sells great knives", newsletters, follow-us calls. Hold: weaker cues such as "your next
    order" or "sale". Not flagged: the manual for the product bought, a replacement part that ships Monday."""

    rules: ClassVar[tuple[str, ...]] = ("M-MARKETING",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        strong = list(r.cues("marketing"))
        if strong:
            for fc, c in strong:
                yield emit(doc, "M-MARKETING", fc.prepared, c.start, c.end, Tier.clear, 0.88,
                           "marketing or promotion: messages may only serve the order")
            return
        for fc, c in r.cues("marketing_weak"):
            if fc.in_sentence("remedy", c.sent):
                continue
            yield emit(doc, "M-MARKETING", fc.prepared, c.start, c.end, Tier.hold, 0.45,
                       "may be promotional wording")


class NonEssentialDetector:
    """Flags proactive messages whose only content is thanks, an order or shipping confirmation (Amazon sends
    those) or "we're here if you need anything". Not flagged: thanks followed by a real purpose ("we need your
    engraving text", "please confirm a delivery slot"), replies to the buyer."""

    rules: ClassVar[tuple[str, ...]] = ("M-NONESSENTIAL",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        if purpose(doc) == MessagePurpose.reply or "body" not in doc.fields:
            return
        r = reading(doc, self.cues)
        fc = next((f for f in r.fields if f.name == "body"), None)
        if fc is None or fc.t0_missing_field() or not fc.cues.get("filler"):
            return
        if any(sentence_is_substantive(fc, i) for i in range(len(fc.sentences))):
            return
        c = fc.cues["filler"][0]
        yield emit(doc, "M-NONESSENTIAL", fc.prepared, c.start, c.end, Tier.clear, 0.8,
                   "only thanks, a confirmation or an offer of help: not a permitted message", drop=False)


class AbuseDetector:
    """Flags threats, insults and pressure about a review or feedback: "remove your review or we'll sue you for
    defamation", "we'll report your account if you don't change the rating", "your review is destroying our family
    business". Insults are clear anywhere; legal threats and pressure are clear next to a review, feedback or
    change request and a hold otherwise. Not flagged: "we respect your opinion", "here's how to request a return"."""

    rules: ClassVar[tuple[str, ...]] = ("M-ABUSE",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        if not r.has("abuse", "pressure"):
            return
        about_review = r.has("review", "feedback") or bool(r.asks())
        for fc, c in r.cues("abuse"):
            insult = c.t0 >= 0 and fc.tokens[c.t0][2] in _INSULTS
            if insult or about_review:
                yield emit(doc, "M-ABUSE", fc.prepared, c.start, c.end, Tier.clear, 0.85,
                           "insult" if insult else "threat over a review or feedback", review=about_review)
            else:
                yield emit(doc, "M-ABUSE", fc.prepared, c.start, c.end, Tier.hold, 0.5, "threatening wording")
        if about_review:
            for fc, c in r.cues("pressure"):
                near = [t for cat in ("review", "feedback", "alter") for t in fc.cues.get(cat, ()) if abs(t.sent - c.sent) <= 1]
                if near:
                    yield emit(doc, "M-ABUSE", fc.prepared, c.start, c.end, Tier.clear, 0.8,
                               "pressure on the buyer over a review or feedback", review=True)


DETECTORS = (MarketingDetector, NonEssentialDetector, AbuseDetector)
