"""R-PLAGIARISM-IMPERSONATION: a review that speaks as a brand's staff, or says that it is copied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..lexicon import lexicon
from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from ..text.confusables import FOLD_TABLE
from ._patterns import PatternBook, PatternMatch, negated, word_set
from .base import Document, Hit, Subject

_RULE = "R-PLAGIARISM-IMPERSONATION"
_LANGS = ("en", "es", "de", "fr", "it")
_SMALL = frozenset(["the", "an", "a", "official", "of", "de", "la", "le", "el", "il", "der", "die", "das"])


def _named(f: PreparedText, m: PatternMatch) -> bool:
    """A brand or team name in the match must be written with a capital ("This is Apple Support", not "this is the
    best customer service")."""
    text = f.text
    if len(text) != len(f.folded):
        return True  # case changed length somewhere: do not second-guess the pattern
    words = text[m.start:m.end].split()
    return any(w[:1].isupper() and w.casefold() not in _SMALL for w in words[1:])


class ImpersonationDetector:
    """Flags reviews that impersonate a brand's staff or mark their text as copied. Always hold: a human decides.

    Impersonation: "This is Apple Support: ...", "as the official Samsung team", "Samsung Support here:",
    "writing on behalf of the company", "Dear valued customers". A named team must be written with a capital, so
    "this is the best customer service" is not flagged. Copied text: "copied from the manufacturer's description",
    "(from the magazine review)", "this is from Intuit's website:". Not flagged: quoting one line of the manual
    without saying it is copied ("the manual says to descale monthly"), a reviewer who happens to be called John
    Smith, "I'm not copying the description". Copies without such a mark (the same text under another product)
    need the corpus rules.
    """

    rules: ClassVar[tuple[str, ...]] = (_RULE,)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.book = PatternBook("imperson_claims", _LANGS)
        self.negators = {
            lang: frozenset(w.translate(FOLD_TABLE) for w in lexicon("imperson_negators", lang)) for lang in _LANGS
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
                if m.category == "named" and not _named(f, m):
                    continue
                copied = m.category == "copied"
                yield doc.hit(_RULE, f, m.start, m.end, Tier.hold, 0.6 if copied else 0.55,
                              "text marked as copied from another source" if copied
                              else "speaks as a brand's staff or team", view=f.folded_view,
                              details={"kind": "copied" if copied else "impersonation"})


DETECTORS = (ImpersonationDetector,)
