from __future__ import annotations

import pytest
from hypothesis import given, settings

from conftest import assert_spans_quote, jumbles, shared_rows
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.language import LanguageDetector
from reviewrules.models import Finding
from reviewrules.text import guess_language
from reviewrules.text.lang import word_votes

RULE = "R-LANGUAGE"
ENGINE = Engine(Settings(only=frozenset({RULE})), detectors=[LanguageDetector], builtins=False)


def found(body: str, marketplace: str = "US", title: str | None = None, language: str | None = None) -> list[Finding]:
    v = ENGINE.classify(Review(body=body, title=title, marketplace=marketplace, language=language))
    return [f for f in v.findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "marketplace", "tier", "evidence"),
    [
        # RULES.md examples (amazon.com)
        ("Produit de très bonne qualité, je recommande.", "US", Tier.clear,
         "Produit de très bonne qualité, je recommande."),
        ("Sehr gutes Produkt, funktioniert einwandfrei.", "US", Tier.clear,
         "Sehr gutes Produkt, funktioniert einwandfrei."),
        ("Bu ürünü beğendim ama kablo kısa.", "US", Tier.clear, "Bu ürünü beğendim ama kablo kısa."),
        ("Great product pero el cable es muy corto y no funciona bien.", "US", Tier.hold, "Great product"),
        # our own: other marketplaces and languages
        ("Great product pero el cable es muy corto y no funciona bien.", "UK", Tier.hold,
         "pero el cable es muy corto y no funciona bien."),
        ("Il prodotto è arrivato rotto e non funziona, sono molto deluso.", "US", Tier.clear,
         "Il prodotto è arrivato rotto e non funziona, sono molto deluso."),
        ("This blender is great and the motor is very strong.", "FR", None, None),
        ("Das Produkt ist sehr gut und kommt schnell an, ich bin zufrieden.", "FR", Tier.clear,
         "Das Produkt ist sehr gut und kommt schnell an, ich bin zufrieden."),
        ("Produto muito bom, chegou rápido e recomendo a todos.", "ES", Tier.clear,
         "Produto muito bom, chegou rápido e recomendo a todos."),
        ("この商品はとても良いです。また買いたいです。", "US", Tier.clear, "この商品はとても良いです。また買いたいです。"),
        ("Отличный товар, рекомендую всем.", "UK", Tier.clear, "Отличный товар, рекомендую всем."),
        ("The blender works well and the motor is strong. Das Produkt ist leider nach zwei Wochen kaputt gegangen "
         "und ich bin sehr enttäuscht.", "US", Tier.clear,
         "Das Produkt ist leider nach zwei Wochen kaputt gegangen und ich bin sehr enttäuscht."),
        ("Il prodotto è ottimo e lo consiglio. The battery lasts all day and it charges fast.", "IT", Tier.hold,
         "The battery lasts all day and it charges fast."),
        ("Barang bagus dan pengiriman cepat, terima kasih", "US", Tier.clear,
         "Barang bagus dan pengiriman cepat, terima kasih"),
        ("Prodotto conforme alla descrizione, spedizione veloce.", "US", Tier.clear,
         "Prodotto conforme alla descrizione, spedizione veloce."),
        ("Envío rápido y producto perfecto.", "UK", Tier.clear, "Envío rápido y producto perfecto."),
        ("Schnelle Lieferung, Artikel wie beschrieben.", "US", Tier.clear,
         "Schnelle Lieferung, Artikel wie beschrieben."),
        ("Sehr gut!", "US", Tier.hold, "Sehr gut!"),
        ("Muito bom", "US", Tier.hold, "Muito bom"),
        ("Çok güzel", "US", Tier.hold, "Çok güzel"),
    ],
)
def test_flagged(text: str, marketplace: str, tier: Tier | None, evidence: str | None) -> None:
    fs = found(text, marketplace)
    if tier is None:
        assert fs and fs[0].spans[0].text == text  # English is not a language of the German marketplace here
        return
    (f,) = fs
    assert f.tier == tier
    assert [s.text for s in f.spans] == [evidence]


@pytest.mark.parametrize(
    ("text", "marketplace"),
    [
        # RULES.md near-misses
        ("Muy buen producto, lo recomiendo.", "US"),
        ("Excellent produit, livraison rapide.", "CA"),
        ("Perfect for crème brûlée and café au lait.", "US"),
        ("Works great with my Nintendo Switch", "US"),
        # our own
        ("Excellent", "US"),
        ("Gracias", "US"),
        ("Super cute!", "US"),
        ("Ok", "FR"),
        ("The box said hecho en Mexico, fine by me.", "US"),
        ("I bought the S&V chips, the S/V flavour is great.", "US"),
        ("Price per unit is $1.73 per package.", "US"),
        ("Runs on Mac OS and DOS OS emulators.", "US"),
        ("Das Produkt ist super und funktioniert einwandfrei.", "DE"),
        ("Le produit est arrivé cassé, je suis déçu.", "FR"),
        ("Il prodotto è arrivato rotto, non lo consiglio.", "IT"),
        ("El producto llegó roto y no funciona.", "ES"),
        ("A joke.", "US"),
        ("Bon appétit! These cookies are a great snack for the whole family.", "US"),
    ],
)
def test_not_flagged(text: str, marketplace: str) -> None:
    assert found(text, marketplace) == []


def test_english_auto_title_over_foreign_body_points_at_the_body() -> None:
    (f,) = found("Produit de très bonne qualité, je le recommande à tous.", title="Five Stars")
    assert [s.field for s in f.spans] == ["body"]


def test_declared_language_is_checked_against_the_text() -> None:
    # The record says German, the text is plainly English: trust the text.
    assert found("This blender is great and the motor is very strong.", language="de") == []
    (f,) = found("Sehr gutes Produkt, funktioniert einwandfrei und ist schnell.", language="de")
    assert f.tier == Tier.clear


def test_marketplace_languages_are_configuration() -> None:
    eng = Engine(Settings(only=frozenset({RULE}), languages={"US": ("en",)}), detectors=[LanguageDetector],
                 builtins=False)
    v = eng.classify(Review(body="El producto llegó roto y no funciona, no lo recomiendo.", marketplace="US"))
    assert [f.rule for f in v.findings] == [RULE]


def test_guess_language_other_and_votes() -> None:
    g = guess_language("zzq vrk plth mnbv xcq wrtz plk nnx qqw rrt zzm vvb kkq")
    assert g.code == "other" and not g.reliable
    assert {lang for _, _, lang in word_votes("the cat and el perro")} == {"en", "es"}
    assert guess_language("Excellent", ("en", "es")).code == "en"
    assert guess_language("Great product pero el cable es muy corto", ("en",)).votes["es"] >= 3


def test_english_amazon_reviews_are_not_clear() -> None:
    rows = shared_rows("amazon_us_digital_software_10k")[:1500]
    clear = 0
    for r in rows:
        body = r.get("review_body") or ""
        if body.strip():
            clear += sum(1 for f in found(body) if f.tier == Tier.clear)
    assert clear <= 3


@settings(max_examples=150, deadline=None)
@given(jumbles(["the", "and", "el", "pero", "und", "die", "très", "è", " ", ". ", "ü", "日本"]))
def test_spans_are_exact(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, found(text))


def test_accented_junk_is_not_clear_and_evidence_is_per_line() -> None:
    fs = found("0:A×D:À\nÇÛ")
    assert all(f.tier == Tier.hold for f in fs)
    assert all("\n" not in s.text for f in fs for s in f.spans)
