"""R-PRICING and R-AVAILABILITY: prices and availability tied to another store or to one person's purchase."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewrules import Engine
from reviewrules.models import Review, Tier

RULES = {"R-PRICING", "R-AVAILABILITY"}
_ENGINE = Engine()
# Review languages are only supported on their own marketplaces (R-LANGUAGE would flag German on US).
_MARKET = {"de": "DE", "fr": "FR", "es": "ES", "it": "IT"}


def _mine(text: str, language: str | None = None) -> dict[str, tuple[Tier, list[str]]]:
    v = _ENGINE.classify(Review(body=text, language=language, marketplace=_MARKET.get(language or "en", "US")))
    out: dict[str, tuple[Tier, list[str]]] = {}
    for f in v.findings:
        for rule in (f.rule, *f.related):
            if rule in RULES:
                out.setdefault(rule, (f.tier, [s.text for s in f.spans]))
    return out


def _exemptions(text: str) -> set[str]:
    return {e.rule for e in _ENGINE.classify(Review(body=text)).exemptions}


@pytest.mark.parametrize(
    ("text", "rule", "tier", "lang"),
    [
        # RULES.md R-PRICING violating examples
        ("I saw the same item for $5 less on Walmart.", "R-PRICING", Tier.clear, None),
        ("Price went from $19.99 to $27.99 two days after I bought it.", "R-PRICING", Tier.clear, None),
        ("Costco sells a 3-pack for what this costs.", "R-PRICING", None, None),
        ("Bei MediaMarkt 10 € billiger.", "R-PRICING", Tier.clear, "de"),
        ("Moins cher chez Carrefour.", "R-PRICING", Tier.clear, "fr"),
        ("Lo encontré más barato en El Corte Inglés.", "R-PRICING", Tier.clear, "es"),
        ("Da Unieuro costa meno.", "R-PRICING", Tier.clear, "it"),
        # Amazon's own example, and own variants
        ("Found it $5 less than at my local store.", "R-PRICING", Tier.clear, None),
        ("WALMART has it for   $3 cheaper.", "R-PRICING", Tier.clear, None),
        ("Cheaper than the store, works fine.", "R-PRICING", Tier.hold, None),
        # RULES.md R-AVAILABILITY violating examples
        ("You can get this at Target in-store, no need to wait for shipping.", "R-AVAILABILITY", Tier.clear, None),
        ("Best Buy had it in stock when Amazon didn't.", "R-AVAILABILITY", Tier.clear, None),
        ("Order it directly from the manufacturer's website instead.", "R-AVAILABILITY", Tier.clear, None),
        ("It was out of stock for a while; glad I finally got it.", "R-AVAILABILITY", Tier.hold, None),
        ("I bought mine at Best Buy.", "R-AVAILABILITY", Tier.hold, None),
    ],
)
def test_flagged(text: str, rule: str, tier: Tier | None, lang: str | None) -> None:
    got = _mine(text, lang)
    assert rule in got, got
    if tier is not None:
        assert got[rule][0] == tier
    assert got[rule][1] and all(s in text for s in got[rule][1])


@pytest.mark.parametrize(
    ("text", "exemption"),
    [
        ("The price was fair for what you get.", "X-VALUE-PRICE"),
        ("For only $29 this blender is really great.", "X-VALUE-PRICE"),
        ("Overpriced at $40 for a plastic toy.", "X-VALUE-PRICE"),
        ("way overpriced at $19.99", "X-VALUE-PRICE"),
        ("Cheaper than the name-brand version and works just as well.", "X-COMPETITOR-COMPARISON"),
        ("I wish this came in a larger size.", None),
        ("I wish this book were also available in paperback.", None),
        ("Hope they bring back the blue version.", None),
        ("We hit our target weight and the staples held.", None),  # ordinary words, not stores
        ("Make A Wish foundation project for school.", None),
    ],
)
def test_not_flagged(text: str, exemption: str | None) -> None:
    assert _mine(text) == {}
    if exemption:
        assert exemption in _exemptions(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_spans_are_exact(text: str) -> None:
    if not text.strip():
        return
    for f in _ENGINE.classify(Review(body=text)).findings:
        for s in f.spans:
            assert text[s.start : s.end] == s.text


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Walmart", "WALMART", "Wal-Mart", "walmart"]), st.integers(min_value=1, max_value=99))
def test_store_price_variants(store: str, amount: int) -> None:
    text = f"Same thing is ${amount} cheaper at {store}."
    assert _mine(text).get("R-PRICING", (None,))[0] == Tier.clear


def test_price_history_tracker_is_not_another_store() -> None:
    # camelcamelcamel/keepa track Amazon's own price: a price tied to one purchase is at most hold, no availability
    got = _mine("Works well. I paid $50 and see the low historically is $44 at camelcamelcamel.com.")
    assert got.get("R-PRICING", (None,))[0] == Tier.hold
    assert "R-AVAILABILITY" not in got
