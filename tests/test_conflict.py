from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_spans_quote
from reviewrules import Engine, Review, Settings
from reviewrules.detectors.conflict import ConflictOfInterestDetector

ENGINE = Engine(Settings(), detectors=[ConflictOfInterestDetector], builtins=False)


def found(text: str, lang: str = "en") -> list[tuple[str, str, dict[str, Any]]]:
    v = ENGINE.classify(Review(id="t", body=text, language=lang))
    return [(f.tier.value, s.text, dict(f.details)) for f in v.findings if f.rule == "R-CONFLICT" for s in f.spans]


@pytest.mark.parametrize(
    ("text", "lang", "tier", "evidence", "conflict"),
    [
        # RULES.md examples
        ("I'm the designer of this product and I'm proud of it.", "en", "clear", "I'm the designer of this product",
         "own"),
        ("My sister makes these by hand — they're amazing!", "en", "clear", "My sister makes these by hand", "family"),
        ("I work for the company and we tested it thoroughly.", "en", "clear", "I work for the company", "employer"),
        ("As a rep for BrandY, I can tell you ours lasts twice as long.", "en", "clear",
         "As a rep for BrandY, I can tell you ours lasts",
         "competitor"),
        # our own variants
        ("Full disclosure: I designed this.", "en", "clear", "Full disclosure: I designed", "own"),
        ("I wrote this book over ten years.", "en", "clear", "I wrote this book", "own"),
        ("My husband's company makes these.", "en", "clear", "My husband's company", "family"),
        ("A friend of mine designed this app.", "en", "clear", "A friend of mine designed this app", "friend"),
        ("I'm an employee of the manufacturer.", "en", "clear", "I'm an employee of the manufacturer", "employer"),
        ("I work for a competitor, and theirs is worse.", "en", "clear", "I work for a competitor", "competitor"),
        ("My business partner makes these bags.", "en", "clear", "My business partner makes", "associate"),
        ("I’M THE INVENTOR OF THIS PRODUCT.", "en", "clear", "I’M THE INVENTOR OF THIS PRODUCT", "own"),
        ("My mother makes this every Sunday.", "en", "hold", "My mother makes this", "family"),
        ("Disclaimer: I work for Acme, but this is honest.", "en", "clear", "Disclaimer: I work for", "employer"),
        ("We are the manufacturer of this kettle.", "en", "clear", "We are the manufacturer of this", "own"),
        ("I'm one of the developers, so take this with salt.", "en", "clear", "I'm one of the developers", "own"),
        # translations
        ("Ich bin der Erfinder dieses Produkt.", "de", "clear", "Ich bin der Erfinder dieses Produkt", "own"),
        ("Ich arbeite bei der Firma und wir haben es getestet.", "de", "clear", "Ich arbeite bei der Firma",
         "employer"),
        ("Soy el diseñador de este producto.", "es", "clear", "Soy el diseñador de este producto", "own"),
        ("Mi hermana vende estos en su tienda.", "es", "clear", "Mi hermana vende estos", "family"),
        ("Je travaille pour la marque depuis dix ans.", "fr", "clear", "Je travaille pour la marque", "employer"),
        ("Sono il produttore di questo prodotto.", "it", "clear", "Sono il produttore di questo prodotto", "own"),
    ],
)
def test_flagged(text: str, lang: str, tier: str, evidence: str, conflict: str) -> None:
    got = found(text, lang)
    assert (tier, evidence, conflict) in [(t, e, d["conflict"]) for t, e, d in got]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # RULES.md near-misses
        ("Compared to my old BrandY kettle, this boils faster.", "en"),
        ("My sister recommended it and she was right.", "en"),
        ("I work in a bakery and use this daily.", "en"),
        # our own
        ("I don't work for the company, I just like it.", "en"),
        ("As the owner of this blender for two years, I can say it lasts.", "en"),
        ("Ours lasted two years before the motor died.", "en"),
        ("I wrote them an email and never heard back.", "en"),
        ("We make it fairly strong and love this coffee.", "en"),
        ("My husband made this soup with the mix.", "en"),
        ("As the author explains in chapter two, the plot thickens.", "en"),
        ("I work at a hospital and these shoes are comfortable.", "en"),
        ("Meine Schwester hat es mir empfohlen.", "de"),
        ("Mi hermana me lo recomendó.", "es"),
    ],
)
def test_not_flagged(text: str, lang: str) -> None:
    assert found(text, lang) == []


def test_competitor_comparison_is_an_exemption() -> None:
    v = ENGINE.classify(Review(id="c", body="Compared to my old BrandY kettle, this boils faster.", language="en"))
    assert [e.rule for e in v.exemptions] == ["X-COMPETITOR-COMPARISON"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("I'm the designer of my sister makes .,’é\n")) | st.characters(),
               max_size=120))
def test_spans_are_evidence(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, ENGINE.classify(Review(id="p", body=text, language="en")).findings)


def test_long_input() -> None:
    ENGINE.classify(Review(id="l", body="my sister makes these by hand " * 2000, language="en"))
