"""R-LANGUAGE: a review in a language its marketplace does not support, or several languages mixed in one review."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import ClassVar

import regex

from ..models import Tier
from ..settings import Settings
from ..text import PreparedText, guess_language
from ..text.lang import word_votes
from ._patterns import text_lines as _lines
from .base import Document, Hit, Subject

_RULE = "R-LANGUAGE"
# Links, HTML tags and e-mail addresses are not written in any language.
_NOT_PROSE = regex.compile(r"\S{0,200}(?:https?://|www\.|\.com\b|@)\S{0,2000}|<[^<>]{0,400}>|&[a-z]{2,8};")
_SCRIPT_CODES = frozenset({"ja", "zh", "ko", "ru", "ar", "he", "el", "hi", "th"})
_NAMES = {
    "en": "English", "es": "Spanish", "de": "German", "fr": "French", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "tr": "Turkish", "pl": "Polish", "sv": "Swedish", "da": "Danish", "ro": "Romanian",
    "cs": "Czech", "hu": "Hungarian", "fi": "Finnish", "id": "Indonesian", "tl": "Tagalog", "vi": "Vietnamese",
    "ja": "Japanese", "zh": "Chinese", "ko": "Korean", "ru": "Russian", "ar": "Arabic", "he": "Hebrew",
    "el": "Greek", "hi": "Hindi", "th": "Thai", "other": "a language reviewrules does not know",
}


def _name(code: str) -> str:
    return _NAMES.get(code, code)


class _Block:
    __slots__ = ("end", "field", "lang", "start", "words")

    def __init__(self, field: PreparedText, lang: str, start: int, end: int, word: str) -> None:
        self.field = field
        self.lang = lang
        self.start = start
        self.end = end
        self.words = {word}

    @property
    def votes(self) -> int:
        return len(self.words)


def _blocks(field: PreparedText) -> list[_Block]:
    """Runs of words that only one language claims; isolated words (loanwords, quoted phrases) are dropped."""
    norm = field.norm
    cased = field.text if len(field.text) == len(norm) else None
    skip = [m.span() for m in _NOT_PROSE.finditer(norm)] if ("/" in norm or "@" in norm or "<" in norm
                                                            or "&" in norm or ".com" in norm) else []
    raw: list[_Block] = []
    for s, e, lang in word_votes(norm):
        if cased is not None and cased[s:e].isupper():
            continue  # acronyms and shouting: "EST", "OS", "DOS"
        if skip and any(a <= s < b for a, b in skip):
            continue
        word = norm[s:e]
        if raw and raw[-1].lang == lang:
            raw[-1].end = e
            raw[-1].words.add(word)
        else:
            raw.append(_Block(field, lang, s, e, word))
    merged: list[_Block] = []
    for b in raw:
        if b.votes < 2:
            continue  # one word (or one word repeated) is a loanword or a quote, not a passage
        if merged and merged[-1].lang == b.lang:
            merged[-1].end = b.end
            merged[-1].words |= b.words
        else:
            merged.append(b)
    return merged


class _Extender:
    """Grows blocks to their sentence(s), stopping where a neighbouring block of another language begins. Blocks of
    a field come in text order without overlapping, and so do sentences: bisection finds the neighbours (a scan
    over all blocks and sentences per block was quadratic on long mixed texts)."""

    def __init__(self, blocks: list[_Block]) -> None:
        self._by_field: dict[int, tuple[list[int], list[int]]] = {}
        for b in blocks:
            starts, ends = self._by_field.setdefault(id(b.field), ([], []))
            starts.append(b.start)
            ends.append(b.end)
        for starts, ends in self._by_field.values():
            starts.sort()
            ends.sort()
        self._sentences: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def extend(self, block: _Block) -> tuple[int, int]:
        field = block.field
        starts, ends = self._by_field[id(field)]
        i = bisect_right(ends, block.start)
        prev_end = ends[i - 1] if i else -1
        j = bisect_left(starts, block.end)
        next_start = starts[j] if j < len(starts) else len(field.norm)
        known = self._sentences.get(id(field))
        if known is None:
            sentences = field.sentences
            known = self._sentences[id(field)] = (sentences, [ss for ss, _ in sentences])
        sentences, sent_starts = known
        start, end = block.start, block.end
        k = bisect_right(sent_starts, block.start) - 1
        if k >= 0:
            ss, se = sentences[k]
            if block.start < se and prev_end < ss:
                start = ss
        k = bisect_left(sent_starts, block.end) - 1
        if k >= 0:
            ss, se = sentences[k]
            if block.end <= se and next_start >= se:
                end = se
        return start, end


class LanguageDetector:
    """Flags reviews written in a language the marketplace does not support, and reviews that mix languages.

    The supported languages per marketplace are configuration (``Settings.languages``; amazon.com takes English
    and Spanish, amazon.co.uk English, the EU marketplaces their own language). The whole review is the evidence
    when it is written in another language: ``clear`` when the guess is reliable and the text has a few sentences'
    worth of words, ``hold`` for short or unclear texts (a one-word review says too little). Mixed languages are
    found from runs of function words ("the", "pero el", "und die") that only one language uses; the evidence is
    the passage in the other language, ``clear`` when both languages have whole clauses, ``hold`` when one side
    is only a few words ("Great product pero el cable es muy corto"). Loanwords and brand names ("crème brûlée",
    "café au lait", "Nintendo Switch") never count: content words do not vote and a single foreign word is
    ignored. Reviews in a script other than Latin (Japanese, Cyrillic, ...) are judged by their characters.
    """

    rules: ClassVar[tuple[str, ...]] = (_RULE,)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def detect(self, doc: Document) -> Iterator[Hit]:
        fields = [f for f in doc.texts() if f.text.strip()]
        if not fields:
            return
        supported = doc.settings.languages_for(doc.marketplace)
        lang = doc.language
        if lang.code == "unknown":
            return
        declared = not lang.scores and lang.confidence == 1.0 and lang.reliable
        if declared:
            own = guess_language(" ".join(f.norm for f in fields), supported)
            if lang.code not in supported and own.reliable and own.code in supported:
                # The record's language tag disagrees with a confident reading of the text: trust the text.
                lang = own
            elif lang.code not in supported:
                agree = own.code == lang.code and own.reliable
                yield from self._whole(doc, fields, lang.code, supported, clear=agree, conf=0.85 if agree else 0.5)
                return
            else:
                lang = own
        blocks: list[_Block] = []
        votes = lang.votes
        if not votes or sorted(votes.values(), reverse=True)[1:2] >= [2]:
            # At least two languages have two words of their own: look for passages in each.
            blocks = [b for f in fields for b in _blocks(f)]
        langs = {b.lang for b in blocks}
        if lang.code not in supported and not (langs & set(supported) and len(langs) >= 2):
            yield from self._unsupported(doc, fields, lang.code, lang.reliable, lang.confidence, supported)
            return
        if len(langs) < 2:
            return
        totals: dict[str, int] = {}
        for b in blocks:
            totals[b.lang] = totals.get(b.lang, 0) + b.votes
        main = lang.code if lang.code in totals and lang.code in supported else max(
            (k for k in totals if k in supported), key=lambda k: (totals[k], k))
        others = [b for b in blocks if b.lang != main]
        unsupported = [b for b in others if b.lang not in supported]
        evidence = unsupported or others
        minority = sum(b.votes for b in evidence)
        longest = max(len(b.field.norm[b.start:b.end].split()) for b in evidence)
        clear = minority >= 4 and totals[main] >= 4 and longest >= 5
        names = sorted({_name(b.lang) for b in evidence})
        msg = (f"mixes {_name(main)} with {', '.join(names)}"
               + (" (not supported on this marketplace)" if unsupported else ""))
        extender = _Extender(blocks)
        for b in evidence:
            s, e = extender.extend(b)
            yield doc.hit(_RULE, b.field, s, e, Tier.clear if clear else Tier.hold, 0.8 if clear else 0.45, msg,
                          view=b.field.norm_view, details={"language": b.lang, "main_language": main,
                                                           "mixed": True})

    def _unsupported(self, doc: Document, fields: list[PreparedText], code: str, reliable: bool,
                     confidence: float, supported: tuple[str, ...]) -> Iterator[Hit]:
        prose = _NOT_PROSE.sub(" ", " ".join(f.text for f in fields))
        cased = guess_language(prose, supported)
        if cased.code in supported or cased.code == "unknown":
            return  # without links and markup, and with acronyms dropped, the text is in a supported language
        if code != "other" and cased.code != code and not cased.reliable:
            return  # the two readings disagree: too unclear to say
        tokens = sum(len(f.words) for f in fields)
        if code in _SCRIPT_CODES:
            letters = sum(1 for f in fields for c in f.norm if c.isalpha())
            clear = reliable and letters >= 8
        else:
            # Clear needs words of that language, not only accented letters ("0:A×D:À ÇÛ").
            clear = reliable and tokens >= 5 and cased.votes.get(code, 0) >= 2
        if code == "other":
            clear = False
            if tokens < 12:
                return
        elif not clear and tokens < 2:
            return
        yield from self._whole(doc, fields, code, supported, clear=clear,
                               conf=min(0.95, 0.6 + 0.35 * confidence) if clear else 0.45)

    def _whole(self, doc: Document, fields: list[PreparedText], code: str, supported: tuple[str, ...], *,
               clear: bool, conf: float) -> Iterator[Hit]:
        msg = f"written in {_name(code)}; this marketplace takes {', '.join(_name(c) for c in supported)}"
        chosen = [f for f in fields if _field_language(f, code, supported)] or fields
        for f in chosen:
            for s, e in _lines(f.text):
                yield doc.hit(_RULE, f, s, e, Tier.clear if clear else Tier.hold, conf, msg, view=f.clean,
                              details={"language": code, "mixed": False})


def _field_language(field: PreparedText, code: str, supported: tuple[str, ...]) -> bool:
    """Whether this field on its own reads as the unsupported language (an English auto-title such as "Five Stars"
    over a French body is not evidence)."""
    g = guess_language(field.norm, supported)
    return g.code == code or (g.code not in supported and g.code != "unknown")


DETECTORS = (LanguageDetector,)
