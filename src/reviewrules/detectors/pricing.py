"""R-PRICING and R-AVAILABILITY: prices and availability tied to another store or to one person's purchase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..analysis.aboutness import AboutnessAnalyzer, aboutness, default_analyzer
from ..models import Tier
from ..settings import Settings
from .base import Document, Hit, Subject


class PricingDetector:
    """Flags prices tied to another store or to the reviewer's own purchase, and availability at a specific store.

    R-PRICING, clear: a price compared with a named store or "my local store" ("I saw the same item for $5 less on
    Walmart", "Bei MediaMarkt 10 € billiger", "Moins cher chez Carrefour"), or with "the store" right next to it
    ("instead of buying the disc at a higher price at the store"); a price change tied to the reviewer's purchase
    ("Price went from $19.99 to $27.99 two days after I bought it"); a rebate or price not honoured, with its amount
    ("Did not honor $20 rebate"); a price elsewhere given while telling readers to buy there ("you can buy it in a
    deli in Brooklyn for $9.99", "Pay the extra $5 and get it directly from Garmin", "iobit sells this on their
    website for $50"). Hold: a comparison with an unnamed place ("cheaper than in the store", "other retailers",
    "cheaper than the Norton website"), a price change without the purchase, "I paid 3 times more than I should
    have", Amazon's price compared with other stores ("most times best pricing is on Amazon"), a sale at a named
    store ("thank you Best Buy for the great sale"), an amount in the sentence after the one naming the store.

    R-AVAILABILITY, clear: telling readers to buy elsewhere ("You can get this at Target", "Order it directly from
    the manufacturer's website instead"), a named store that has it in stock or sells it, or a named store with its
    price, praise for buying at a named store ("excellent buying experience at my local Best Buy"). Hold: "I bought
    mine at Best Buy", a store named in passing ("Thanks Best Buy"), a regret or a weak pointer ("Should have
    purchased this at Costco", "did not buy here, but at BestBuy instead"), "out of stock for a while" (Amazon only
    bans store-specific availability), an unknown "name.com" site with buying words ("bought it from MS.com").

    Not flagged: value for money ("For only $29 this blender is really great", "Overpriced at $40"), recorded as
    the X-VALUE-PRICE exemption; a price comparison with another product ("Cheaper than the name-brand version", "a
    less expensive bisquick from the grocery store"), recorded as X-COMPETITOR-COMPARISON; wishes about sizes,
    colours and formats ("I wish this came in paperback"); a service or brand named like a site used as a product or
    a rival ("I switched from Mint.com"), an e-mail address; "instead of a trip to Best Buy", an errand ("we had to go
    to Walmart") or a relative clause about another item ("Obsidian, which you can get at Target") as a clear
    finding; a kind of shop where it happened to be available ("available at the grocery store"); availability denied
    ("not available at my local stores", "Bei Rewe gibt es das nicht": the reason to order here, in every language);
    a product the maker discontinued; "in the market";
    fees ("charge you another 39 bucks"). Store names that are ordinary words (Target, Giant, Real) count only after
    "at", "from", "bei"... and, in a text written in mixed case, only capitalized.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-PRICING", "R-AVAILABILITY")
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        # one analyzer per process, shared with the other seller/pricing detectors (immutable once built)
        self.analyzer: AboutnessAnalyzer = default_analyzer()

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
