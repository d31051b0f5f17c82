"""R-SELLER-SERVICE, R-ORDER-RETURNS, R-SHIP-PACKAGING, R-CONDITION-DAMAGE, R-SHIP-COST-SPEED: reviews about the
seller, the order or the delivery instead of the product. Also decides the review's ``kind``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..analysis.aboutness import LABEL_RULES, AboutnessAnalyzer, SentenceTopic, aboutness, default_analyzer
from ..models import Kind, Tier
from ..settings import Settings
from .base import Document, Hit, Subject

_RULES = (
    "R-SELLER-SERVICE",
    "R-ORDER-RETURNS",
    "R-SHIP-PACKAGING",
    "R-CONDITION-DAMAGE",
    "R-SHIP-COST-SPEED",
)
_WHAT = {
    "R-SELLER-SERVICE": "the seller or its customer service",
    "R-ORDER-RETURNS": "the order, a return or a refund",
    "R-SHIP-PACKAGING": "the shipping packaging",
    "R-CONDITION-DAMAGE": "the item's condition on arrival",
    "R-SHIP-COST-SPEED": "shipping cost, speed or delivery",
}


#: Praise that answers a complaint in the same sentence (the seller's or customer service's response).
_ANSWERS = frozenset({"seller_service", "order_returns"})


class SellerShippingDetector:
    """Flags reviews that are about the seller, the order or the delivery rather than the product.

    Amazon's Community Guidelines say reviews must not focus on sellers and their customer service, ordering issues
    and returns, shipping packaging, product condition and damage, or shipping cost and speed. Each sentence (or
    clause) is read for cue phrases in the review's language (English, Spanish, German, French, Italian), and the
    review as a whole gets a ``kind``: ``seller`` when no sentence says anything about the product, ``mixed`` when
    some do, ``product`` when none of these topics come up, ``other`` for a rating without text.

    What counts as a product statement: something said about the product itself (its quality, function, taste,
    fit...). Narrating the purchase does not count: when it was ordered, that it was needed by a date, the
    reviewer's situation ("This is my 2nd tablet"), where it was bought or downloaded from, a sentence about Amazon
    or the seller. A review whose only content is a price at another store, a store, a rebate or promotion ("Did
    not honor the $20 rebate") or the buying experience is ``seller`` too (R-PRICING and R-AVAILABILITY judge the
    price); a price remark next to product statements leaves the review ``product``.

    Clear: the whole review is about these topics ("Took 3 weeks to arrive and the box was crushed.", "Seller never
    answered my messages and refused a refund.", "Needed it by the weekend. Ordered on Thursday and paid for
    next-day shipping."); the spans are the seller/shipping sentences. R-CONDITION-DAMAGE is hold even then:
    "arrived broken" and "broke on first use" are hard to tell apart from the text alone. Hold: a review that only
    praises the seller or the delivery ("Fast shipping, great seller!"), and a complaint about these topics next to
    a real product statement (the X-MIXED exemption is recorded: Amazon rarely removes a review that also talks
    about the product); praise in the same sentence as a complaint is part of the story ("came damaged, but
    customer service replaced it quickly" is condition and seller service). Not flagged: a passing positive remark
    in a product review ("Arrived fast. The blade is sharp."), a defect that shows with use ("The zipper broke after
    a week", "Would not install"), the product's own retail box ("The retail box is pretty"), a listing mismatch
    ("Colour is darker than the pictures"). A review whose only topic is a price, another store or a rebate is left
    to R-PRICING and R-AVAILABILITY (its ``kind`` is ``seller``).
    """

    rules: ClassVar[tuple[str, ...]] = _RULES
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        # one analyzer per process, shared with the other seller/pricing detectors (immutable once built)
        self.analyzer: AboutnessAnalyzer = default_analyzer()

    def detect(self, doc: Document) -> Iterator[Hit]:
        ab = aboutness(doc, analyzer=self.analyzer, brief=True)
        doc.notes["kind"] = ab.kind
        if ab.kind not in (Kind.seller, Kind.mixed):
            return
        cued = [s for s in ab.sentences if s.labels & LABEL_RULES.keys()]
        if not cued:
            return
        if ab.kind == Kind.seller:
            if any(s.polarity != "positive" for s in cued):
                for s in cued:
                    yield from self._hits(doc, s, Tier.clear, 0.85, "the whole review is about ")
            else:  # only praise of the seller or the delivery: off-topic, but rarely worth a removal request
                for s in cued:
                    yield from self._hits(doc, s, Tier.hold, 0.5, "the whole review praises ")
            return
        # A complaint makes its whole sentence a seller/order story: how the seller answered it in the same sentence
        # ("came damaged, but customer service replaced it") is part of it, not a passing remark.
        told = {(s.field, s.sentence) for s in cued if s.polarity != "positive"}
        complaints = [
            s for s in cued
            if s.polarity != "positive" or ((s.field, s.sentence) in told and s.labels & _ANSWERS)
        ]
        if not complaints:
            return  # passing positive remarks ("arrived fast") in a product review
        for p in ab.product_statements[:1]:
            doc.exempt(
                "X-MIXED", doc.fields[p.field], p.start, p.end,
                "the review also makes a product statement: seller/shipping content is at most hold",
            )
        for s in complaints:
            yield from self._hits(doc, s, Tier.hold, 0.5, "a product review that also complains about ")

    def _hits(self, doc: Document, s: SentenceTopic, tier: Tier, conf: float, prefix: str) -> Iterator[Hit]:
        field = doc.fields[s.field]
        rules = sorted({LABEL_RULES[lab] for lab in s.labels if lab in LABEL_RULES})
        start, end = s.sentence
        for rule in rules:
            t, c = tier, conf
            if rule == "R-CONDITION-DAMAGE" and tier == Tier.clear:
                # "arrived broken" vs "broke on first use" is the fuzziest boundary: a human decides (RULES.md)
                t, c = Tier.hold, 0.6
            yield doc.hit(
                rule, field, start, end, t, c, prefix + _WHAT[rule],
                details={"labels": sorted(s.labels), "polarity": s.polarity or ""},
            )


DETECTORS = (SellerShippingDetector,)
