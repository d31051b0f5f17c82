"""R-PRICING and R-AVAILABILITY: prices and availability tied to another store or to one person's purchase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..analysis.aboutness import AboutnessAnalyzer, aboutness
from ..models import Tier
from ..settings import Settings
from .base import Document, Hit, Subject


class PricingDetector:
    """Flags prices tied to another store or to the reviewer's own purchase, and availability at a specific store.

    R-PRICING, clear: a price compared with a named store or "my local store" ("I saw the same item for $5 less on
    Walmart", "Bei MediaMarkt 10 € billiger", "Moins cher chez Carrefour"), a price change tied to the reviewer's
    purchase ("Price went from $19.99 to $27.99 two days after I bought it"). Hold: a comparison with an unnamed
    place ("cheaper than in the store", "other retailers"), a price change without the purchase.

    R-AVAILABILITY, clear: telling readers to buy elsewhere ("You can get this at Target", "Order it directly from
    the manufacturer's website instead"), a named store that has it in stock or sells it, or a named store with its
    price. Hold: "I bought mine at Best Buy", a store named in passing ("Thanks Best Buy"), "out of stock for a
    while" (Amazon only bans store-specific availability).

    Not flagged: value for money ("For only $29 this blender is really great", "Overpriced at $40"), recorded as
    the X-VALUE-PRICE exemption; a price comparison with another product ("Cheaper than the name-brand version"),
    recorded as X-COMPETITOR-COMPARISON; wishes about sizes, colours and formats ("I wish this came in paperback").
    Store names that are ordinary words (Target, Staples, Real, Otto) count only after "at", "from", "bei"... .
    """

    rules: ClassVar[tuple[str, ...]] = ("R-PRICING", "R-AVAILABILITY")
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.analyzer = AboutnessAnalyzer()

    def detect(self, doc: Document) -> Iterator[Hit]:
        ab = aboutness(doc, analyzer=self.analyzer, brief=True)
        for m in ab.stores:
            field = doc.fields[m.field]
            if m.rule in ("X-VALUE-PRICE", "X-COMPETITOR-COMPARISON"):
                doc.exempt(m.rule, field, m.cue_start, m.cue_end, m.reason)
                continue
            tier = Tier.clear if m.strong else Tier.hold
            yield doc.hit(m.rule, field, m.start, m.end, tier, m.confidence, m.reason,
                          details={"store": m.store} if m.store else None)


DETECTORS = (PricingDetector,)
