from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_spans_quote
from reviewrules import Engine, Review, Settings
from reviewrules.detectors.compensated import CompensatedReviewDetector

ENGINE = Engine(Settings(), detectors=[CompensatedReviewDetector], builtins=False)


def found(text: str, lang: str = "en", **kw: Any) -> list[tuple[str, str, dict[str, Any]]]:
    v = ENGINE.classify(Review(id="t", body=text, language=lang, **kw))
    return [(f.tier.value, f.spans[0].text, dict(f.details)) for f in v.findings if f.rule == "R-COMPENSATED"]


@pytest.mark.parametrize(
    ("text", "lang", "tier", "evidence"),
    [
        # RULES.md examples
        ("I received this free in exchange for my honest review.", "en", "clear",
         "received this free in exchange for my honest review"),
        ("The seller promised a full refund once I post a 5-star review.", "en", "clear", "refund once I post a 5-star"),
        ("Got a $10 gift card for leaving this review.", "en", "clear", "Got a $10 gift card for leaving this review"),
        ("Updated to 5 stars because they refunded me after my complaint.", "en", "clear",
         "Updated to 5 stars because they refunded"),
        ("Im Austausch für eine Bewertung kostenlos erhalten.", "de", "clear",
         "Im Austausch für eine Bewertung kostenlos"),
        ("Lo recibí gratis a cambio de mi opinión.", "es", "clear", "recibí gratis a cambio de mi opinión"),
        # the brief's example
        ("They refunded me once I updated my review.", "en", "clear", "refunded me once I updated my review"),
        # our own variants
        ("I received this product at a discount in exchange for my honest and unbiased review.", "en", "clear",
         "received this product at a discount in exchange for my honest and unbiased review"),
        ("The company sent me this to review.", "en", "clear", "sent me this to review"),
        ("The seller offered me a refund if I removed my review.", "en", "clear", "refund if I removed my review"),
        ("I RECEIVED THIS FREE IN EXCHANGE FOR MY HONEST REVIEW", "en", "clear",
         "RECEIVED THIS FREE IN EXCHANGE FOR MY HONEST REVIEW"),
        ("I recеived this frее in exchange for my honest review.", "en", "clear",  # Cyrillic е
         "recеived this frее in exchange for my honest review"),
        ("I received a copy of this book in exchange for an honest review.", "en", "clear",
         "received a copy of this book in exchange for an honest review"),
        ("I changed my rating to 5 stars and they refunded me.", "en", "hold",
         "changed my rating to 5 stars and they refunded"),
        ("I was given an ARC in exchange for an honest review.", "en", "hold",
         "given an ARC in exchange for an honest review"),
        ("J'ai reçu ce produit gratuitement en échange de mon avis honnête.", "fr", "clear",
         "J'ai reçu ce produit gratuitement en échange de mon avis"),
        ("Ho ricevuto questo prodotto gratis in cambio di una recensione onesta.", "it", "clear",
         "Ho ricevuto questo prodotto gratis in cambio di una recensione"),
        ("Der Verkäufer hat mir eine Erstattung angeboten, wenn ich meine Bewertung lösche.", "de", "clear",
         "Erstattung angeboten, wenn ich meine Bewertung lösche"),
        ("El vendedor me ofreció un reembolso si cambiaba mi reseña.", "es", "clear",
         "reembolso si cambiaba mi reseña"),
        ("Le vendeur m'a proposé un remboursement si je supprime mon avis.", "fr", "clear",
         "remboursement si je supprime mon avis"),
        ("Il venditore mi ha offerto un rimborso se cancello la recensione.", "it", "clear",
         "rimborso se cancello la recensione"),
    ],
)
def test_flagged(text: str, lang: str, tier: str, evidence: str) -> None:
    got = found(text, lang)
    assert [(t, e) for t, e, _ in got] == [(tier, evidence)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # RULES.md near-misses
        ("Vine Customer Review of Free Product", "en"),
        ("Got this as a birthday gift from my mom.", "en"),
        ("They refunded me because it arrived broken.", "en"),
        ("Bought it on Prime Day for $15.", "en"),
        # the brief and our own
        ("I received an ARC from the publisher.", "en"),
        ("I was not given anything in exchange for this review.", "en"),
        ("I didn't receive this for free or at a discount in exchange for a review.", "en"),
        ("Free shipping, happy to review it.", "en"),
        ("I received this for my birthday, review to follow.", "en"),
        ("Beware, many reviews are from people who got it free in exchange for reviews.", "en"),
        ("They never offered me a refund to change my review.", "en"),
        ("I returned it for a refund and left a review.", "en"),
        ("Sugar free and tasty, five stars.", "en"),
        ("They needed more time to review the status of my refund.", "en"),
        ("Lo compré con descuento y funciona bien, cinco estrellas.", "es"),
        ("Kostenloser Versand, fünf Sterne.", "de"),
        ("Vine Customer Review of Free Product: I received this free in exchange for my honest review.", "en"),
    ],
)
def test_not_flagged(text: str, lang: str) -> None:
    assert found(text, lang) == []


def test_vine_flag_is_an_exemption() -> None:
    v = ENGINE.classify(Review(id="v", body="I received this free in exchange for my honest review.", vine=True))
    assert v.findings == () or all(f.rule != "R-COMPENSATED" for f in v.findings)
    assert [e.rule for e in v.exemptions] == ["X-VINE"]


def test_vine_wording_is_an_exemption() -> None:
    v = ENGINE.classify("Vine Customer Review of Free Product: the kettle boils fast.")
    assert [e.rule for e in v.exemptions] == ["X-VINE"]


@pytest.mark.parametrize(
    ("text", "seller"),
    [
        ("The seller promised a full refund once I post a 5-star review.", True),
        ("The company sent me this to review.", True),
        ("They refunded me once I updated my review.", True),
        ("I received this free in exchange for my honest review.", False),
    ],
)
def test_seller_incentive_detail(text: str, seller: bool) -> None:
    ((_, _, details),) = found(text)
    assert details["seller_incentive"] is seller


def test_benefit_detail() -> None:
    ((_, _, details),) = found("Got a $10 gift card for leaving this review.")
    assert details["benefit"] == "gift_card"


def test_other_language_is_not_read_with_english_words() -> None:
    # An English lexicon must not fire on a review declared Portuguese (no lexicon: the rule is skipped).
    v = ENGINE.classify(Review(id="p", body="I received this free in exchange for my honest review.", language="pt"))
    assert not v.findings
    assert any(s.rule == "R-COMPENSATED" for s in v.coverage.skipped)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("free review exchange refund Iinmy.,!é\n")) | st.characters(),
               max_size=120))
def test_spans_are_evidence(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, ENGINE.classify(Review(id="p", body=text, language="en")).findings)


def test_long_input() -> None:
    ENGINE.classify(Review(id="l", body="free review for " * 3000, language="en"))
