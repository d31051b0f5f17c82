"""A small, dependency-free language guess for review-length text.

Latin-script languages are scored by hand-written function words (articles, pronouns, prepositions, auxiliaries:
the words that every sentence has and that differ between languages, plus a handful of very common review words)
and a few orthographic cues; other scripts are read from the characters. It answers among en, es, de, fr, it (the
US and EU-5 review languages) and names a few others (pt, nl, tr, pl, sv, da, ro, cs, hu, fi, id, tl, vi, ja, zh,
ko, ru, ar, he, el, hi, th) so that they are never mistaken for a supported language. A long Latin-script text in
which almost no known word occurs is ``"other"``. Short texts are unreliable: the guess says so and callers fall back
to the marketplace's languages.

:func:`word_votes` exposes the per-word evidence (words that only one language claims), so that a detector can find
the passages of a review written in another language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

__all__ = ["SUPPORTED", "LanguageGuess", "guess_language", "word_votes"]

SUPPORTED = ("en", "es", "de", "fr", "it")

_FUNCTION_WORDS: dict[str, str] = {
    "en": "the a an and or but if so because as of to in on at by for with from about into over after before "
    "than then there here this that these those it its it's is are was were be been being am do does did done "
    "have has had having will would can could should might must i i'm i've i'd i'll me my we our us you your "
    "he him his she her they them their what which who when where why how not no yes very really just too also "
    "only all any some more most much many other one two out up down off again still even well great good nice "
    "love loved like works worked work working product use used using bought buy get got make made easy price "
    "quality fit size little back time recommend doesn't don't didn't can't won't isn't wasn't that's you're "
    "they're there's it'll what's wouldn't couldn't haven't item"
    " though through while without every each both never always excellent super perfect cute awesome per via",
    "es": "el la los las un una unos unas de del al y o pero que qué en con por para sin sobre entre es son "
    "está están estaba era fue ser estar muy más menos no sí lo le les se me mi mis tu su sus nos yo él ella "
    "ellos este esta esto estos estas ese esa eso hay tiene tengo porque como cuando donde también ya bien bueno "
    "buena buen excelente producto calidad precio llegó funciona recomiendo gracias todo todos nada algo poco "
    "mucho hace tiempo corto envío rápido rápida descripción perfecto compra artículo recibí",
    "de": "der die das den dem des ein eine einen einem einer und oder aber nicht kein keine ist sind war waren "
    "bin hat haben habe hatte wird werden wurde kann können muss ich du er sie es wir ihr mein meine mir mich "
    "sich mit für auf aus bei nach von zu zum zur im am um über unter vor durch sehr auch noch nur schon dass "
    "wie wenn weil als dann doch leider gut super produkt funktioniert einwandfrei alles gekauft preis qualität "
    "ganz etwas immer wieder jetzt hier diese dieser dieses gutes man was will also so in an bestens gerne "
    "lieferung schnell artikel beschreibung versand",
    "fr": "le la les l un une des du de d au aux et ou mais pas ne n ni que qui dans en sur pour par avec sans "
    "très plus moins bien tout tous toute cette ce cet ces il elle ils elles je j on nous vous me m mon ma mes "
    "son sa ses leur est sont était été être avoir ai a fait faire va peut comme aussi donc car ça c'est j'ai "
    "n'est produit qualité bon bonne excellent recommande livraison rapide parfait merci envoi commande reçu "
    "conforme",
    "it": "il lo la i gli le un uno una di del della dei delle da dal dalla in nel nella su sul per con tra e ed "
    "o ma non che chi è sono era hanno essere molto più poco anche ancora sempre già solo questo questa "
    "questi quello quella mi ti si ci ne mio mia suo sua come quando perché se bene ottimo ottima buono buona "
    "prodotto qualità prezzo funziona consiglio consigliato tutto tutti niente arrivato a alla alle allo agli "
    "nella sulla spedizione veloce descrizione consegna perfetto perfettamente acquisto acquistato",
    "pt": "o a os as um uma de do da dos das no na em com para por sem e ou mas não que é são está foi ser tem "
    "muito mais bem bom boa ótimo produto qualidade chegou recomendo isso este esta também eu meu minha você",
    "nl": "de het een en is van dat die niet ik met voor op zijn maar ook als er aan dit goed product heel wel "
    "nog geen naar bij om te je we ze wat hij zij",
    "tr": "bir ve bu çok için ama ile da de ürün güzel iyi değil gibi daha olarak kısa ben var yok mi mı şu "
    "her kadar sonra ürünü aldım tavsiye ederim",
    "pl": "i w nie na się jest to z że do jak ale bardzo produkt dobry polecam tak co jestem był była są przez "
    "po od za dla",
    "sv": "och är att det en ett jag som på med för inte av till men har bra produkt mycket den var kan så",
    "da": "og er det at en et jeg som på med for ikke af til men har godt produkt meget",
    "ro": "și în este nu cu pe la un o care mai foarte produs bun",
    "cs": "a je se na v to že s z do jsem ale velmi produkt dobrý",
    "hu": "a az és hogy nem is van egy de ez nagyon jó termék",
    "fi": "ja on ei se että oli mutta tämä hyvä tuote erittäin",
    "id": "yang dan di ini itu dengan untuk tidak ada saya dari akan juga sudah bisa barang bagus sangat "
    "kualitas sesuai pengiriman cepat terima kasih",
    "tl": "ang ng mga sa na at ay hindi ko ito siya ako maganda po salamat lang talaga",
    "vi": "và có không của là được cho này rất sản phẩm tốt",
}
_WORDS: dict[str, frozenset[str]] = {lang: frozenset(ws.split()) for lang, ws in _FUNCTION_WORDS.items()}


def _claims() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang, ws in _WORDS.items():
        for w in ws:
            out[w] = (*out.get(w, ()), lang)
    return out


# Which languages claim each word (shared words such as "de" count for each, weighted down).
_CLAIMS: dict[str, tuple[str, ...]] = _claims()


def _vote_of(claims: tuple[str, ...] | None) -> str | None:
    """The one language a word is evidence for: its only claimant, or its only claimant among the five review
    languages ("product" is English here, although Dutch spells it the same)."""
    if not claims:
        return None
    if len(claims) == 1:
        return claims[0]
    major = [c for c in claims if c in SUPPORTED]
    return major[0] if len(major) == 1 else None


# Per claimed word, precomputed once: (its vote, its weight per language, the claiming languages).
_INFO: dict[str, tuple[str | None, float, tuple[str, ...]]] = {
    w: (_vote_of(c), 1.0 / len(c), c) for w, c in _CLAIMS.items()
}


# Elisions: the part before the apostrophe ("l'appareil", "dell'acqua") or after it ("don't", "we've").
_ELISION_PREFIX: dict[str, tuple[str, ...]] = {
    "l": ("fr", "it"), "d": ("fr",), "j": ("fr",), "qu": ("fr",), "n": ("fr",), "s": ("fr",), "c": ("fr",),
    "m": ("fr",), "t": ("fr",), "jusqu": ("fr",), "lorsqu": ("fr",), "puisqu": ("fr",),
    "un": ("it",), "dell": ("it",), "all": ("it",), "dall": ("it",), "nell": ("it",), "sull": ("it",),
    "quest": ("it",), "quell": ("it",), "po": ("it",),
}
_ELISION_SUFFIX: dict[str, tuple[str, ...]] = {
    "t": ("en",), "s": ("en",), "ll": ("en",), "ve": ("en",), "re": ("en",), "d": ("en",), "m": ("en",),
}

_CHAR_CUES: tuple[tuple[str, str], ...] = (
    ("ñ", "es"), ("¿", "es"), ("¡", "es"),
    ("ß", "de"), ("ä", "de"), ("ö", "de"), ("ü", "de"),
    ("ç", "fr"), ("è", "fr"), ("ê", "fr"), ("à", "fr"), ("œ", "fr"), ("ë", "fr"), ("î", "fr"), ("û", "fr"),
    ("ì", "it"), ("ò", "it"), ("ù", "it"),
    ("ã", "pt"), ("õ", "pt"),
    ("ğ", "tr"), ("ı", "tr"), ("ş", "tr"),
    ("ł", "pl"), ("ą", "pl"), ("ę", "pl"), ("ś", "pl"), ("ż", "pl"), ("ź", "pl"), ("ń", "pl"),
    ("å", "sv"), ("ø", "da"), ("æ", "da"),
    ("ș", "ro"), ("ț", "ro"), ("ă", "ro"),
    ("ř", "cs"), ("ě", "cs"), ("ů", "cs"),
    ("ő", "hu"), ("ű", "hu"),
    ("ơ", "vi"), ("ư", "vi"), ("đ", "vi"), ("ạ", "vi"), ("ả", "vi"), ("ấ", "vi"), ("ầ", "vi"), ("ệ", "vi"),
    ("ộ", "vi"), ("ờ", "vi"), ("ủ", "vi"), ("ố", "vi"),
)
_CUE_CHARS = frozenset(c for c, _ in _CHAR_CUES)
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
_NON_LATIN = regex.compile(r"[\p{L}--\p{Latin}]", regex.V1)
_LETTER = regex.compile(r"\p{L}")
_TOKEN = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")
# The same tokenizer for ASCII text (``\p{L}`` is ``[A-Za-z]`` there, and "’" cannot occur): the standard library's
# engine is about twice as fast on this simple, linear pattern.
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """``code`` is a language code, ``"other"`` or ``"unknown"``; ``reliable`` is False for short or unclear text."""

    code: str
    confidence: float
    reliable: bool
    scores: dict[str, float] = field(default_factory=dict)
    #: How many words only one language claims, per language (the evidence for mixed-language text).
    votes: dict[str, int] = field(default_factory=dict)


def _claims_of(tok: str) -> tuple[str, ...] | None:
    claims = _CLAIMS.get(tok)
    if claims is not None:
        return claims
    if "'" in tok or "’" in tok:
        tok = tok.replace("’", "'")
        claims = _CLAIMS.get(tok)
        if claims is not None:
            return claims
        head, _, tail = tok.partition("'")
        return _ELISION_PREFIX.get(head) or _ELISION_SUFFIX.get(tail)
    return None


def _script_guess(sample: str, letters: int) -> LanguageGuess | None:
    if not _NON_LATIN.search(sample):
        return None
    for code, pat in _SCRIPTS:
        n = len(pat.findall(sample))
        if n and n / letters >= 0.3:
            if code == "zh" and _SCRIPTS[0][1].search(sample):
                code = "ja"
            return LanguageGuess(code, min(1.0, n / letters), n >= 4)
    return None


def guess_language(text: str, fallback: tuple[str, ...] = ("en",)) -> LanguageGuess:
    """Guess the language of case-folded or raw text. ``fallback`` is the marketplace's languages, used when the
    text is too short to tell."""
    sample = text[:4000]
    ascii_only = sample.isascii()
    low = sample.lower() if ascii_only else sample.casefold()
    tokenize = _ASCII_TOKEN.findall if ascii_only else _TOKEN.findall
    if low == sample:
        tokens: list[str] = tokenize(low)
    else:
        # Raw text: acronyms ("OS", "DOS", "EST") are not words of any language (unless it is all shouted).
        raw: list[str] = tokenize(sample)
        shouted = sum(1 for t in raw if t.isupper()) * 2 > len(raw)
        tokens = [t.casefold() for t in raw if shouted or not (t.isupper() and len(t) <= 5)]
    if ascii_only:
        if not tokens:
            return LanguageGuess("unknown", 0.0, False)
    else:
        letters = len(_LETTER.findall(sample))
        if letters == 0:
            return LanguageGuess("unknown", 0.0, False)
        # Non-Latin scripts: a share of the letters decides.
        by_script = _script_guess(sample, letters)
        if by_script is not None:
            return by_script
    scores: dict[str, float] = {}
    votes: dict[str, int] = {}
    info_of = _INFO.get
    for tok in tokens:
        info = info_of(tok)
        if info is None:
            if "'" not in tok and "’" not in tok:
                continue
            found = _claims_of(tok)
            if not found:
                continue
            info = (_vote_of(found), 1.0 / len(found), found)
        vote, w, claims = info
        if vote is not None:
            votes[vote] = votes.get(vote, 0) + 1
        for lang in claims:
            scores[lang] = scores.get(lang, 0.0) + w
    if not ascii_only and not _CUE_CHARS.isdisjoint(low):
        for ch, lang in _CHAR_CUES:
            if ch in low:
                scores[lang] = scores.get(lang, 0.0) + 0.75 * min(3, low.count(ch))
    if not scores:
        if len(tokens) >= 12:
            return LanguageGuess("other", 0.3, False, {})
        code = fallback[0] if fallback else "unknown"
        return LanguageGuess(code, 0.2 if len(tokens) < 4 else 0.1, False, {})
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    total = sum(scores.values())
    confidence = top / total if total else 0.0
    if len(tokens) >= 12 and total < 0.06 * len(tokens):
        # Plenty of words and almost none known: a language this guesser does not know.
        return LanguageGuess("other", 0.3, False, scores, votes)
    reliable = top >= 3.0 and top >= 1.5 * second and len(tokens) >= 4
    if not reliable and fallback and best not in fallback and top < 2.0:
        # One or two words ("Excellent", "Super cute!") say too little to overrule the marketplace.
        return LanguageGuess(fallback[0], confidence / 2, False, scores, votes)
    if not reliable and fallback:
        # Between close candidates, prefer a language of the marketplace.
        for lang, sc in ranked:
            if lang in fallback and sc >= 0.75 * top:
                best = lang
                break
    return LanguageGuess(best, confidence, reliable, scores, votes)


def word_votes(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, language)`` of the words of ``text`` (case-folded) that are evidence for one language.

    Function words are the evidence for a passage in another language; content words with accents are not
    counted, so loanwords ("crème brûlée") and brand names never vote.
    """
    out: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text):
        if m.end() - m.start() < 2:
            continue  # single letters: initials, "S&V", spaced-out words
        vote = _vote_of(_claims_of(m.group()))
        if vote is not None:
            out.append((m.start(), m.end(), vote))
    return out
