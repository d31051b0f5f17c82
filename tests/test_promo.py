from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_spans_quote
from reviewrules import Engine, Review, Settings
from reviewrules.detectors.promo import PromotionDetector

ENGINE = Engine(Settings(), detectors=[PromotionDetector], builtins=False)


def found(text: str, lang: str = "en") -> list[tuple[str, str, dict[str, Any]]]:
    v = ENGINE.classify(Review(id="t", body=text, language=lang))
    return [(f.tier.value, s.text, dict(f.details)) for f in v.findings if f.rule == "R-PROMO" for s in f.spans]


@pytest.mark.parametrize(
    ("text", "lang", "tier", "evidence"),
    [
        # RULES.md examples
        ("Use code SAVE20 on our website for 20% off!", "en", "clear", "Use code SAVE20"),
        ("Follow @gadgetguru on Instagram for more reviews.", "en", "clear", "Follow @gadgetguru"),
        ("Check out my channel for the full unboxing.", "en", "clear", "Check out my channel"),
        # the brief's examples
        ("Great app, use my referral code k9rfbq to get a bonus.", "en", "clear", "use my referral code k9rfbq"),
        ("Join now, my sponsor id is 1126135", "en", "clear", "my sponsor id is 1126135"),
        ("Sponsor id is 1126135, join now", "en", "clear", "Sponsor id is 1126135"),
        ("Follow us on Instagram!", "en", "clear", "Follow us on Instagram"),
        ("Please subscribe to my channel.", "en", "clear", "Please subscribe"),
        ("Visit our website for more colours.", "en", "clear", "Visit our website"),
        ("Check out www.mystore.com for more.", "en", "clear", "Check out www.mystore.com"),
        # obfuscated / variants
        ("USE CODE: SAVE20 AT CHECKOUT", "en", "clear", "USE CODE: SAVE20"),
        ("use promo code ＳＡＶＥ２０ now", "en", "clear", "use promo code ＳＡＶＥ２０"),
        ("Ref id 115190", "en", "clear", "Ref id 115190"),
        ("I saw promo code SPRING10 printed on the box.", "en", "hold", "promo code SPRING10"),
        ("There is more on my blog.", "en", "hold", "my blog"),
        ("Full test in my video on YouTube.", "en", "clear", "my video on YouTube"),
        ("Check out this video on YouTube:", "en", "clear", "Check out this video on YouTube"),
        # translations
        ("Folgt mir auf Instagram für mehr Tests!", "de", "clear", "Folgt mir auf Instagram"),
        ("Nutzt meinen Rabattcode SPAR20 im Shop.", "de", "clear", "meinen Rabattcode SPAR20"),
        ("Sígueme en Instagram para más reseñas.", "es", "clear", "Sígueme en Instagram"),
        ("Usa el código DESCUENTO20 en nuestra web.", "es", "clear", "Usa el código DESCUENTO20"),
        ("Abonnez-vous à ma chaîne pour plus de tests.", "fr", "clear", "Abonnez-vous à ma chaîne"),
        ("Seguitemi su Instagram per altre recensioni.", "it", "clear", "Seguitemi su Instagram"),
    ],
)
def test_flagged(text: str, lang: str, tier: str, evidence: str) -> None:
    got = found(text, lang)
    assert (tier, evidence) in [(t, e) for t, e, _ in got]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # RULES.md near-misses
        ("I'd recommend it to anyone who bakes.", "en"),
        ("The brand replaced it quickly under warranty.", "en"),
        ("Used the Amazon coupon on the listing.", "en"),
        # our own
        ("Error code 0x80070005 keeps coming back.", "en"),
        ("You have to subscribe yearly to keep the antivirus.", "en"),
        ("My YouTube videos load at once on my iPad.", "en"),
        ("See my video above: the lid leaks.", "en"),
        ("I follow the instructions on the box.", "en"),
        ("Email support at the address on the box.", "en"),
        ("See http://support.microsoft.com/kb/2810106 for the fix.", "en"),
        ("Ich empfehle es jedem.", "de"),
        ("Lo recomiendo a todos.", "es"),
    ],
)
def test_not_flagged(text: str, lang: str) -> None:
    assert found(text, lang) == []


def test_details_name_the_kind() -> None:
    ((_, _, d),) = found("Use code SAVE20 on our website for 20% off!")
    assert d["promo"] == "code"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("use code SAVE20 follow @me on instagram .,é\n")) | st.characters(),
               max_size=120))
def test_spans_are_evidence(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, ENGINE.classify(Review(id="p", body=text, language="en")).findings)


def test_long_input() -> None:
    ENGINE.classify(Review(id="l", body="check out my channel use code SAVE20 " * 2000, language="en"))
