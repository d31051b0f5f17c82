"""R-MEDICAL-CLAIMS: claims that a product cures or prevents a serious medical condition."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..lexicon import lexicon
from ..models import Tier
from ..settings import Settings
from ..text.confusables import FOLD_TABLE
from ._patterns import PatternBook, negated, word_set
from .base import Document, Hit, Subject

_RULE = "R-MEDICAL-CLAIMS"
_LANGS = ("en", "es", "de", "fr", "it")


class MedicalClaimDetector:
    """Flags claims that a product cures, reverses or prevents a serious medical condition or severe symptom.

    Hold (a human decides; never auto-filed): a verb of curing or preventing next to a serious condition ("cured
    my diabetes", "prevents cancer", "cured my depression in a week", "a noteworthy fighter of heart disease"),
    or a condition said to be gone ("my arthritis is completely gone"). Per-language lexicons (en, es, de, fr, it)
    list the conditions (cancer, diabetes, depression, dementia, heart disease, ...) and the verbs. Not flagged:
    relief of everyday complaints ("soothes my sore back", "helped me feel less bloated", "nice for dry skin"),
    "helps with", and denials or reported claims ("it won't cure your diabetes", "claims to prevent cancer").
    """

    rules: ClassVar[tuple[str, ...]] = (_RULE,)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.book = PatternBook("medical_claims", _LANGS)
        self.negators = {
            lang: frozenset(w.translate(FOLD_TABLE) for w in lexicon("medical_negators", lang)) for lang in _LANGS
        }

    def detect(self, doc: Document) -> Iterator[Hit]:
        lang = doc.language.code
        patterns = self.book.get(lang)
        if patterns is None:
            return
        for f in doc.texts():
            for m in patterns.find(f, word_set(doc, f), doc.timeout):
                if negated(f.folded, m.start, self.negators[lang]):
                    continue
                yield doc.hit(_RULE, f, m.start, m.end, Tier.hold, 0.6,
                              "claims to cure or prevent a serious medical condition", view=f.folded_view,
                              details={"claim": m.category})


DETECTORS = (MedicalClaimDetector,)
