"""A small, dependency-free language guess for review-length text.

Latin-script languages are scored by hand-written function words (articles, pronouns, prepositions: the words that
every sentence has and that differ between languages) plus a few orthographic cues; other scripts are read from
the characters. It answers among en, es, de, fr, it (the US and EU-5 review languages) and names a few others
(pt, nl, tr, pl, sv, ja, zh, ko, ru, ar, he, el, hi, th) so that they are never mistaken for a supported language.
Short texts are unreliable: the guess says so and callers fall back to the marketplace's languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

__all__ = ["SUPPORTED", "LanguageGuess", "guess_language"]

SUPPORTED = ("en", "es", "de", "fr", "it")

_FUNCTION_WORDS: dict[str, str] = {
    "en": "the and is it this that to of for with was my but not you are have on they be so very in at just "
    "would had one as all if do can its it's i'm don't great good works well product bought does will when "
    "what use than from an or too really love like after them only our get these those has been were much",
    "es": "el la los las de que y en es un una por con para no lo muy pero se me mi su al del como más "
    "está este esta producto bien todo fue son tiene hay cuando también ya le muy bueno calidad porque sin "
    "funciona llegó lo recomiendo gracias",
    "de": "der die das und ist nicht ein eine es ich mit für auf sehr den dem zu von sich auch aber wie "
    "nur noch war sind hat habe wird kann bei nach wenn man gut produkt funktioniert einwandfrei alles "
    "schon dass oder mir mich wir sie leider gekauft",
    "fr": "le la les de des et est un une pas pour que qui dans en du je il elle avec très sur au ce "
    "mais ne plus bien tout sont été produit cette son sa se qualité bon bonne recommande ai fait avoir "
    "comme aussi donc car ça j'ai c'est n'est",
    "it": "il lo la gli le di che e è un una per non con del della sono molto ma si mi ho come anche "
    "questo questa prodotto bene tutto nel al alla da ottimo buono qualità funziona consiglio perché "
    "quando più ancora sempre",
    "pt": "o a os as de que e é um uma não com para por do da muito mas se me eu produto bom ótimo "
    "chegou recomendo qualidade está são foi tem isso também",
    "nl": "de het een en is van dat niet ik met voor op zijn maar ook als er aan dit goed product heel "
    "wel nog geen naar",
    "tr": "bir ve bu çok için ama ile da de ürün güzel iyi değil gibi daha olarak kısa ben var yok",
    "pl": "i w nie na się jest to z że do jak ale bardzo produkt dobry jest polecam tak co",
    "sv": "och är att det en ett jag som på med för inte av till men har bra produkt mycket den",
}
_WORDS: dict[str, frozenset[str]] = {lang: frozenset(ws.split()) for lang, ws in _FUNCTION_WORDS.items()}
# Which languages claim each word (shared words such as "de" count for each, weighted down).
_CLAIMS: dict[str, tuple[str, ...]] = {}
for _lang, _ws in _WORDS.items():
    for _w in _ws:
        _CLAIMS[_w] = (*_CLAIMS.get(_w, ()), _lang)

_CHAR_CUES: dict[str, str] = {
    "ñ": "es", "¿": "es", "¡": "es",
    "ß": "de", "ä": "de", "ö": "de", "ü": "de",
    "ç": "fr", "è": "fr", "ê": "fr", "à": "fr", "œ": "fr", "ë": "fr", "î": "fr", "û": "fr",
    "ì": "it", "ò": "it", "ù": "it",
    "ã": "pt", "õ": "pt",
    "ğ": "tr", "ı": "tr", "ş": "tr",
    "ł": "pl", "ą": "pl", "ę": "pl", "ś": "pl", "ż": "pl", "ź": "pl", "ń": "pl",
    "å": "sv",
}
_SCRIPTS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("ko", regex.compile(r"\p{Hangul}")),
    ("zh", regex.compile(r"\p{Han}")),
    ("ru", regex.compile(r"\p{Cyrillic}")),
    ("ar", regex.compile(r"\p{Arabic}")),
    ("he", regex.compile(r"\p{Hebrew}")),
    ("el", regex.compile(r"\p{Greek}")),
    ("hi", regex.compile(r"\p{Devanagari}")),
    ("th", regex.compile(r"\p{Thai}")),
)
_LETTER = regex.compile(r"\p{L}")
_TOKEN = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """``code`` is a language code, ``"other"`` or ``"unknown"``; ``reliable`` is False for short or unclear text."""

    code: str
    confidence: float
    reliable: bool
    scores: dict[str, float] = field(default_factory=dict)


def guess_language(text: str, fallback: tuple[str, ...] = ("en",)) -> LanguageGuess:
    """Guess the language of case-folded or raw text. ``fallback`` is the marketplace's languages, used when the
    text is too short to tell."""
    letters = len(_LETTER.findall(text[:4000]))
    if letters == 0:
        return LanguageGuess("unknown", 0.0, False)
    sample = text[:4000]
    # Non-Latin scripts: a share of the letters decides.
    for code, pat in _SCRIPTS:
        n = len(pat.findall(sample))
        if n and n / letters >= 0.3:
            if code == "zh" and _SCRIPTS[0][1].search(sample):
                code = "ja"
            return LanguageGuess(code, min(1.0, n / letters), n >= 4)
    low = sample.casefold()
    scores: dict[str, float] = {}
    tokens = _TOKEN.findall(low)
    for tok in tokens:
        claims = _CLAIMS.get(tok.replace("’", "'"))
        if claims:
            w = 1.0 / len(claims)
            for lang in claims:
                scores[lang] = scores.get(lang, 0.0) + w
    for ch, lang in _CHAR_CUES.items():
        if ch in low:
            scores[lang] = scores.get(lang, 0.0) + 0.75 * min(3, low.count(ch))
    if not scores:
        code = fallback[0] if fallback else "unknown"
        return LanguageGuess(code, 0.2 if len(tokens) < 4 else 0.1, False, {})
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    total = sum(scores.values())
    confidence = top / total if total else 0.0
    reliable = top >= 3.0 and top >= 1.5 * second and len(tokens) >= 4
    if not reliable and fallback:
        # Between close candidates, prefer a language of the marketplace.
        for lang, sc in ranked:
            if lang in fallback and sc >= 0.75 * top:
                best = lang
                break
    return LanguageGuess(best, confidence, reliable, scores)
