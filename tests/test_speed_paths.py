"""The fast paths give the same results as the plain ones.

Lazily compiled patterns, per-word gates and pre-filters are speed devices only: these tests compare each of them
with the straightforward computation it replaces, on lexicon phrases of every language (texts that do match) and
on ordinary sentences (texts that mostly do not).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import regex

from reviewrules import Engine
from reviewrules.analysis.anchored import AnchoredPatterns, spaces, strip_optional_prefix
from reviewrules.detectors._patterns import PatternBook
from reviewrules.extract.cues import CueMatcher, PhraseSet, tokenize, word_set
from reviewrules.lexicon import lexicon
from reviewrules.text import PreparedText

LANGS = ("en", "es", "de", "fr", "it")

PLAIN = [
    "Great kettle, boils fast. The seller never answered my emails and it arrived two weeks late!",
    "I received this product free in exchange for my honest review.",
    "My husband designed this app; follow us on Instagram @brewco and use code SAVE20 at checkout.",
    "Je l'ai reçu gratuitement en échange d'un avis. Le vendeur n'a jamais répondu.",
    "Lo recibí gratis a cambio de una reseña. Llegó tarde y la caja estaba rota.",
    "Ich habe es kostenlos im Austausch für eine Bewertung erhalten. Mein Mann verkauft es.",
    "L'ho ricevuto gratis in cambio di una recensione. Il venditore non ha mai risposto.",
    "3 weeks late\nand the  box was\tcrushed; 10 dollars cheaper at Walmart.",
    "",
]


def _lexicon_texts(names: tuple[str, ...]) -> list[str]:
    """Each lexicon line of every language, stripped of its syntax, inside a short sentence."""
    out: list[str] = []
    for lang in LANGS:
        for name in names:
            for line in lexicon(name, lang):
                body = line.partition(":")[2] or line
                body = regex.sub(r"[{}\[\]()*?|\\^$+]", " ", body)
                out.append(f"Well, {body.strip()} 3 weeks later")
    return out


def _words(text: str) -> list[tuple[int, int]]:
    return PreparedText(text).words


def _brute_force(patterns: list[str], text: str) -> list[tuple[int, int, int]]:
    """Every pattern tried at every word start (what AnchoredPatterns.find returns, without its index)."""
    compiled = [regex.compile(rf"(?:{spaces(strip_optional_prefix(p))})(?!\w)") for p in patterns]
    out = []
    for s, _e in _words(text):
        for i, rx in enumerate(compiled):
            m = rx.match(text, s)
            if m is not None:
                out.append((i, s, m.end()))
    return sorted(out)


def _anchored_lexicons(lang: str) -> list[list[str]]:
    lists = []
    cues = [line.split(None, 2)[2] for line in lexicon("topic_cues", lang) if len(line.split(None, 2)) == 3]
    if cues:
        lists.append(cues)
    evals = list(lexicon("topic_eval", lang))
    if evals:
        lists.append(evals)
    return lists


@pytest.mark.parametrize("lang", LANGS)
def test_anchored_patterns_equal_brute_force(lang: str) -> None:
    texts = [PreparedText(t).folded for t in PLAIN + _lexicon_texts(("topic_cues",))[::3]]
    for patterns in _anchored_lexicons(lang):
        ap = AnchoredPatterns(patterns)
        for text in texts:
            got = sorted(ap.find(text, _words(text)))
            assert got == _brute_force(patterns, text), text[:60]


def _phrase_matchers() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for lang in LANGS:
        out.append((f"comp_terms/{lang}", CueMatcher("comp_terms", lang, gate=("review", "vine"))))
        out.append((f"promo_terms/{lang}", PhraseSet("promo_terms", lang, ungated=("cta",))))
        out.append((f"conflict_terms/{lang}", PhraseSet("conflict_terms", lang, ungated=("ours",))))
    return out


def test_first_word_gates_change_nothing() -> None:
    """A matcher whose per-first-word gates are removed finds exactly the same cues."""
    texts = [PreparedText(t) for t in PLAIN + _lexicon_texts(("comp_terms", "promo_terms", "conflict_terms"))]
    for name, matcher in _phrase_matchers():
        ungated = copy.copy(matcher)
        ungated._index = copy.copy(matcher._index)
        ungated._index.first_gate = {}
        assert matcher._index.first_gate or name.endswith(("de", "es", "fr", "it")), name
        for p in texts:
            words = word_set(p.folded)
            for tokens in (None, tokenize(p.folded)):
                a = matcher.find(p, None, tokens, words)
                b = ungated.find(p, None, tokens, words)
                assert a == b, (name, p.original[:60])


def test_every_lexicon_pattern_compiles() -> None:
    """Patterns are compiled on first use; a malformed lexicon line must still fail in the test suite."""
    for _name, matcher in _phrase_matchers():
        matcher.compile_all()
    for lang in LANGS:
        for patterns in _anchored_lexicons(lang):
            AnchoredPatterns(patterns).compile_all()
    for name in ("danger_claims", "medical_claims", "imperson_claims"):
        for pattern_set in PatternBook(name, LANGS).sets.values():
            pattern_set.compile_all()


def test_every_lazy_pack_builds() -> None:
    """Packs built on first use (per language, per detector) still fail in the test suite when a lexicon is
    malformed: build every one of them here."""
    from reviewrules import Settings
    from reviewrules.detectors.conduct import _Analyzer
    from reviewrules.extract.msgcues import LANGUAGES as MSG_LANGUAGES
    from reviewrules.extract.msgcues import MessageCues

    analyzer = _Analyzer(Settings())
    assert set(analyzer.context) >= set(LANGS)
    cues = MessageCues()
    for lang in MSG_LANGUAGES:
        assert cues._lexicon(lang) is not None, lang
    engine = Engine()
    for detector, _ids, _subjects in engine._item:
        for attr in ("phrases", "matchers"):
            per_language = getattr(detector, attr, None)
            if per_language is not None and hasattr(per_language, "all"):
                assert set(per_language.all()) == set(LANGS), (type(detector).__name__, attr)
        book = getattr(detector, "book", None)
        if book is not None:
            for pattern_set in book.sets.values():
                pattern_set.compile_all()


def test_lazy_engine_equals_warm_engine() -> None:
    """An engine that has compiled everything on earlier reviews gives the same verdicts as a fresh one."""
    warm = Engine()
    for t in _lexicon_texts(("promo_terms", "conflict_terms", "comp_terms"))[::4]:
        warm.classify(t)
    fresh = Engine()
    for t in PLAIN[:-1]:
        assert fresh.classify(t).model_dump() == warm.classify(t).model_dump(), t


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("j['’]ai (?:renvoye|retourne)", "bref j'ai renvoye le colis"),
        ("j['’]ai (?:renvoye|retourne)", "j’ai retourne"),
        ("l['’]ho restituito", "alla fine l'ho restituito"),
        ("(?:je l['’]ai |j['’]ai )(?:commande|achete)", "j'ai commande hier"),
    ],
)
def test_apostrophe_inside_the_first_word_is_anchored(pattern: str, text: str) -> None:
    """A first word with an apostrophe class ("j['’]ai") is one token ("j'ai"), not the one-letter word "j"."""
    folded = PreparedText(text).folded
    got = AnchoredPatterns([pattern]).find(folded, _words(folded))
    assert got and got == _brute_force([pattern], folded)
