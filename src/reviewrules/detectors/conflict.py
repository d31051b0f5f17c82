"""R-CONFLICT: the reviewer discloses a conflict of interest: their own product, a relative's, friend's, employer's
or business associate's product, or a competitor's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..extract._lazy import PerLanguage
from ..extract.cues import Phrase, PhraseSet, shared
from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from ..text.lang import SUPPORTED
from .base import Document, Hit, Subject

_CONF = {"own": 0.9, "family": 0.85, "friend": 0.85, "employer": 0.85, "associate": 0.75, "competitor": 0.85}
_MESSAGES = {
    "own": "the reviewer made, sells or owns the product",
    "family": "a relative of the reviewer makes or sells the product",
    "friend": "a friend of the reviewer makes or sells the product",
    "employer": "the reviewer works for the company behind the product",
    "associate": "the reviewer is a business associate of the company behind the product",
    "competitor": "the reviewer speaks for a competitor",
}


class ConflictOfInterestDetector:
    """Flags self-disclosed conflicts of interest; ``details["conflict"]`` says which: ``own`` ("I'm the designer
    of this product", "I wrote this book"), ``family`` ("My sister makes these by hand", "my husband's company"),
    ``friend``, ``employer`` ("I work for the company"), ``associate`` (business partner, distributor, reseller)
    or ``competitor`` ("As a rep for BrandY, I can tell you ours lasts twice as long", "I work for a competitor").

    Clear for explicit disclosures; hold where the words fit but the link to *this* product is loose ("my
    mother makes these" may be cooking with the product; "we make these"; "I work for Acme and we ...").

    Not flagged: a comparison with a rival product ("Compared to my old BrandY kettle, this boils faster":
    recorded as the X-COMPETITOR-COMPARISON exemption), a relative who only recommended or gave the product ("My
    sister recommended it"), the reviewer's own profession ("I work in a bakery and use this daily"), "our unit
    lasted two years" without any sign that the reviewer speaks for a brand, and denials ("I don't work for the
    company").
    """

    rules: ClassVar[tuple[str, ...]] = ("R-CONFLICT",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.phrases = PerLanguage(SUPPORTED, lambda lang: PhraseSet("conflict_terms", lang, ungated=("ours",)))

    def detect(self, doc: Document) -> Iterator[Hit]:
        phrases = self.phrases.get(doc.language.code)
        if not phrases:
            return
        found = []
        for field in doc.texts():
            words, tokens = shared(doc.memo, field)
            found.append((field, phrases.find(field, doc.timeout, tokens, words)))
        ours = any(p.kind == "ours" for _, ps in found for p in ps)
        flagged = False
        for field, ps in found:
            for p in ps:
                kind = p.kind
                if kind in ("ours", "compare"):
                    continue
                start, end = p.start, p.end
                if kind == "rep":
                    if ours:
                        kind = "competitor"
                        end = max(end, *(o.end for o in ps if o.kind == "ours" and o.start >= p.end))
                    else:
                        kind = "employer_hold"
                hold = kind.endswith("_hold")
                conflict = kind.removesuffix("_hold")
                tier, conf = (Tier.hold, 0.5) if hold else (Tier.clear, _CONF.get(conflict, 0.8))
                flagged = True
                yield doc.hit("R-CONFLICT", field, start, end, tier, conf, _MESSAGES.get(conflict, "conflict"),
                              view=field.folded_view, details={"conflict": conflict})
        if not flagged:
            self._comparison(doc, found)

    @staticmethod
    def _comparison(doc: Document, found: list[tuple[PreparedText, list[Phrase]]]) -> None:
        for field, ps in found:
            for p in ps:
                if p.kind == "compare":
                    doc.exempt("X-COMPETITOR-COMPARISON", field, p.start, p.end, "comparison with a rival product",
                               view=field.folded_view)
                    return


DETECTORS = (ConflictOfInterestDetector,)
