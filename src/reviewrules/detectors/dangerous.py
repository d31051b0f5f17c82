"""R-ILLEGAL-DANGEROUS: threats or jokes about harming someone, encouraging dangerous misuse, underage drinking,
drug use and other illegal acts."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import ClassVar

import regex

from ..lexicon import lexicon
from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from ..text.confusables import FOLD_TABLE
from ._patterns import PatternBook, PatternMatch, negated, word_set
from .base import Document, Hit, Subject

_RULE = "R-ILLEGAL-DANGEROUS"
_LANGS = ("en", "es", "de", "fr", "it")
_NUMBERS = {
    # en, es, de, fr, it number words up to twenty (ages)
    **dict.fromkeys(("one", "uno", "un", "eins", "ein", "une"), 1),
    **dict.fromkeys(("two", "dos", "zwei", "deux", "due"), 2),
    **dict.fromkeys(("three", "tres", "drei", "trois", "tre"), 3),
    **dict.fromkeys(("four", "cuatro", "vier", "quatre", "quattro"), 4),
    **dict.fromkeys(("five", "cinco", "funf", "cinq", "cinque"), 5),
    **dict.fromkeys(("six", "seis", "sechs", "sei"), 6),
    **dict.fromkeys(("seven", "siete", "sieben", "sept", "sette"), 7),
    **dict.fromkeys(("eight", "ocho", "acht", "huit", "otto"), 8),
    **dict.fromkeys(("nine", "nueve", "neun", "neuf", "nove"), 9),
    **dict.fromkeys(("ten", "diez", "zehn", "dix", "dieci"), 10),
    **dict.fromkeys(("eleven", "once", "elf", "onze", "undici"), 11),
    **dict.fromkeys(("twelve", "doce", "zwolf", "douze", "dodici"), 12),
    **dict.fromkeys(("thirteen", "trece", "dreizehn", "treize", "tredici"), 13),
    **dict.fromkeys(("fourteen", "catorce", "vierzehn", "quatorze", "quattordici"), 14),
    **dict.fromkeys(("fifteen", "quince", "funfzehn", "quinze", "quindici"), 15),
    **dict.fromkeys(("sixteen", "dieciseis", "sechzehn", "seize", "sedici"), 16),
    **dict.fromkeys(("seventeen", "diecisiete", "siebzehn", "dix-sept", "diciassette"), 17),
    **dict.fromkeys(("eighteen", "dieciocho", "achtzehn", "dix-huit", "diciotto"), 18),
    **dict.fromkeys(("nineteen", "diecinueve", "neunzehn", "dix-neuf", "diciannove"), 19),
    **dict.fromkeys(("twenty", "veinte", "zwanzig", "vingt", "venti"), 20),
}
_AGE = regex.compile(r"(?<!\w)(\d{1,2}|[a-z-]{2,12})(?=[\s-]{0,3}(?:year|yr|ano|jahr|an|anni|enne|anno|jahrig|ans))")
_ENCOURAGE = regex.compile(
    r"(?:[.!?;:\n]\s{0,3}|\b(?:just|simply|you\s(?:can|should|could)|recommend|tip:?|trick:?|einfach|simplemente|"
    r"solo|basta|juste|il\ssuffit\sde|semplicemente|man\skann)\s)(?:(?:the|den|die|das|el|la|los|le|les|il|lo|l')\s?)?$"
)
_OUTCOME = regex.compile(
    r"\b(?:twice|2x|much|way|a lot|lot)\s(?:as\s)?(?:fast|faster|better|quicker|more)|\bworks\s(?:much\s|way\s)?better"
    r"|\bfaster\b|\bno\smore\s|\bbest\s(?:thing|mod|hack)|\bgame\schanger|\bmuch\sbetter|\bmucho\smas|\bviel\sbesser"
    r"|\bschneller|\bplus\svite|\bmolto\smeglio|\bpiu\sveloce|\bmas\srapido|\bbeaucoup\smieux|\bhack\b"
    r"|\bdoppelt\sso|\bdeux\sfois|\bil\sdoppio|\bel\sdoble|\bdel\sdoble|\bviel\sschneller"
)
_BREAK = regex.compile(r"[.!?\n]")
_CLEANING = regex.compile(r"^\W{0,3}(?:to|for|when|before|while|and)\s(?:clean|wash|rins|replac|sharpen|empty|store)")
_MESSAGES = {
    "threat": "threat or joke about harming a person",
    "threat_wish": "wish or joke about harming a person",
    "misuse": "encourages removing or defeating a safety feature",
    "underage": "alcohol with a minor",
    "drugs": "illegal drug use",
    "illegal": "illegal act",
    "abuse": "violence against a child, partner or animal",
}


def _age(text: str) -> int | None:
    for m in _AGE.finditer(text):
        tok = m.group(1)
        if tok.isdigit():
            return int(tok)
        if tok in _NUMBERS:
            return _NUMBERS[tok]
    return None


class _Sentences:
    """Per field: where each sentence ends, and whether an outcome phrase ("twice as fast") follows a position in its
    sentence. What is learnt about a sentence is kept, so many matches in one long text stay linear in its length."""

    __slots__ = ("_ends", "_known", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: list[int] | None = None
        # sentence end -> (an outcome phrase starts at or after every position up to here, none starts from here on)
        self._known: dict[int, tuple[int, int]] = {}

    def outcome_after(self, pos: int) -> bool:
        """Whether ``_OUTCOME`` matches in ``text[pos:end]``, ``end`` being the first sentence break at or after
        ``pos`` (searched in place: every outcome phrase starts with a word character, so the answer is the
        slice's)."""
        text = self._text
        if self._ends is None:
            self._ends = [b.start() for b in _BREAK.finditer(text)]
        ends = self._ends
        k = bisect_left(ends, pos)
        end = ends[k] if k < len(ends) else len(text)
        yes_upto, no_from = self._known.get(end, (-1, end + 1))
        if pos <= yes_upto:
            return True
        if pos >= no_from:
            return False
        found = _OUTCOME.search(text, pos, end)
        if found is not None:
            self._known[end] = (max(yes_upto, found.start()), no_from)
            return True
        self._known[end] = (yes_upto, pos)
        return False


class DangerousContentDetector:
    """Flags content that encourages illegal acts or dangerous misuse, and threats or jokes about harming someone.

    Clear: a first-person threat against a person, joking or not ("If it breaks again I'll shoot the seller,
    lol", "the designer should be shot"); removing or defeating a safety feature presented as a tip ("Remove the
    blade guard and it cuts twice as fast"); alcohol with a child under 18 ("Perfect for brewing beer with my
    15-year-old"). Hold: wishes ("I wanted to strangle the delivery guy"), a safety feature removed without
    encouragement, alcohol with 18 to 20 year olds or unaged "kids", drug use, shoplifting, piracy, fraud,
    spying on a partner, violence against children or animals. Not flagged: safety warnings ("Keep the guard on:
    I nicked my finger once without it", "don't remove the guard"), "Very sharp knife, be careful", removing a
    guard to clean it, idioms ("killer sound quality", "this blender is a beast", "to die for", "my wife will kill
    me"), harm to things rather than people ("I wanted to throw it out the window"). Threats against people are
    also R-HARASSMENT's territory; the engine keeps the most specific finding.
    """

    rules: ClassVar[tuple[str, ...]] = (_RULE,)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.book = PatternBook("danger_claims", _LANGS)
        self.negators = {
            lang: frozenset(w.translate(FOLD_TABLE) for w in lexicon("danger_negators", lang)) for lang in _LANGS
        }

    def detect(self, doc: Document) -> Iterator[Hit]:
        lang = doc.language.code
        patterns = self.book.get(lang)
        if patterns is None:
            return
        for f in doc.texts():
            sentences = _Sentences(f.folded)
            for m in patterns.find(f, word_set(doc, f), doc.timeout):
                judged = self._judge(f, m, lang, sentences)
                if judged is not None:
                    tier, conf = judged
                    yield doc.hit(_RULE, f, m.start, m.end, tier, conf, _MESSAGES.get(m.category, m.category),
                                  view=f.folded_view, details={"danger": m.category})

    def _judge(self, f: PreparedText, m: PatternMatch, lang: str, sentences: _Sentences) -> tuple[Tier, float] | None:
        text = f.folded
        cat = m.category
        if cat not in ("threat", "threat_wish") and negated(text, m.start, self.negators[lang]):
            return None
        if cat == "threat":
            return Tier.clear, 0.85
        if cat == "threat_wish":
            return Tier.hold, 0.55
        if cat == "misuse":
            after = text[m.end:m.end + 60]
            if _CLEANING.search(after):
                return None
            before = ("." if m.start <= 30 else "") + text[max(0, m.start - 30):m.start]
            if _ENCOURAGE.search(before) or sentences.outcome_after(m.end):
                return Tier.clear, 0.8
            return Tier.hold, 0.5
        if cat == "underage":
            age = _age(text[m.start:m.end])
            if age is None:
                return Tier.hold, 0.5
            if age < 18:
                return Tier.clear, 0.85
            if age < 21:
                return Tier.hold, 0.5
            return None
        return Tier.hold, 0.5


DETECTORS = (DangerousContentDetector,)
