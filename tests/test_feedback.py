"""Seller feedback rules (F-*): every example and near-miss of RULES.md section 1B, translated and obfuscated
variants, the metadata-driven strike-through rules, kind routing, the 90-day window and feedback actions."""

from __future__ import annotations

import importlib.util
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewrules import Engine, Feedback, Kind, Outcome, Settings, Tier
from reviewrules.models import ActionKind, SkipReason, Verdict

AS_OF = datetime(2026, 11, 26, 12, 0)


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


needs_profanity = pytest.mark.skipif(
    not _has("reviewrules.extract.profanity"), reason="profanity matcher (conduct rules) not landed yet"
)
needs_phones = pytest.mark.skipif(
    not _has("reviewrules.extract.phones"), reason="phone extractor (personal information rules) not landed yet"
)
needs_names = pytest.mark.skipif(
    not _has("reviewrules.extract.names"), reason="name extractor (personal information rules) not landed yet"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings(as_of=AS_OF))


def fb(engine: Engine, comment: str, **kw: Any) -> Verdict:
    kw.setdefault("rating", 1)
    return engine.classify(Feedback(comment=comment, **kw))


def finding(v: Verdict, rule: str) -> Any:
    return next((f for f in v.findings if f.rule == rule), None)


def assert_spans_exact(v: Verdict, comment: str) -> None:
    for f in v.findings:
        for s in f.spans:
            assert s.field == "comment"
            assert comment[s.start : s.end] == s.text


FBA = {"fulfillment": "FBA"}
FBM = {"fulfillment": "merchant"}
BS_ON_TIME = {"fulfillment": "merchant", "buy_shipping": True, "shipped_on_time": True}
OWN_LABEL = {"fulfillment": "merchant", "buy_shipping": False}

# --------------------------------------------------------------------------------------------------------------
# F-OBSCENE


@needs_profanity
@pytest.mark.parametrize(
    ("comment", "market", "evidence"),
    [
        ("F***ing slow shipping", "US", "F***ing"),
        ("Seller is a piece of sh1t", "US", "sh1t"),
        ("Arschlöcher, nie wieder.", "DE", "Arschlöcher"),
        # variants of our own: spacing, leetspeak, other languages
        ("f u c k this seller", "US", "f u c k"),
        ("Seller is a fucking crook", "US", "fucking"),
        ("Vendedor de mierda, nunca más.", "ES", "mierda"),
        ("Vendeur de merde.", "FR", "merde"),
    ],
)
def test_obscene_is_removed(engine: Engine, comment: str, market: str, evidence: str) -> None:
    v = fb(engine, comment, marketplace=market)
    f = finding(v, "F-OBSCENE")
    assert f is not None and f.tier == Tier.clear
    assert any(evidence in s.text for s in f.spans)
    assert v.outcome == Outcome.remove
    assert_spans_exact(v, comment)


@needs_profanity
@pytest.mark.parametrize(
    "comment",
    ["Shipping was hellishly slow.", "Packed in a classic cardboard box.", "Shipped from Scunthorpe, arrived fine.",
     "Die Lampe ist sehr hell, schnelle Lieferung."],
)
def test_obscene_near_misses(engine: Engine, comment: str) -> None:
    v = fb(engine, comment, marketplace="DE" if "Lampe" in comment else "US")
    assert finding(v, "F-OBSCENE") is None


@needs_profanity
def test_mild_word_is_hold_not_removal(engine: Engine) -> None:
    v = fb(engine, "damn good packaging", rating=5)
    f = finding(v, "F-OBSCENE")
    assert f is not None and f.tier == Tier.hold and f.spans[0].text == "damn"
    assert v.outcome == Outcome.stays
    assert v.actions[0].kind == ActionKind.review_by_human


# --------------------------------------------------------------------------------------------------------------
# F-SELLER-PII


@pytest.mark.parametrize(
    ("comment", "market", "evidence", "kind"),
    [
        pytest.param("John Miller at the warehouse was rude", "US", "John Miller", "name", marks=needs_names),
        pytest.param("Call them on 0161 496 0000, they never answer", "UK", "0161 496 0000", "phone",
                     marks=needs_phones),
        ("emailed support@shop-xyz.com 5 times", "US", "support@shop-xyz.com", "email"),
        # variants of our own
        ("no answer from their owner: john (at) gmail [dot] com", "US", "john (at) gmail [dot] com", "email"),
        pytest.param("Spoke to Maria Lopez on the phone, she hung up on me", "US", "Maria Lopez", "name",
                     marks=needs_names),
        pytest.param("Ruft nie zurück: 030 12345678", "DE", "030 12345678", "phone", marks=needs_phones),
    ],
)
def test_seller_pii_is_removed(engine: Engine, comment: str, market: str, evidence: str, kind: str) -> None:
    v = fb(engine, comment, marketplace=market)
    f = finding(v, "F-SELLER-PII")
    assert f is not None and f.tier == Tier.clear
    assert evidence in [s.text for s in f.spans]
    assert f.details["pii"] == kind
    assert v.outcome == Outcome.remove
    assert_spans_exact(v, comment)
    # the removal request quotes the evidence masked
    text = v.actions[0].request_text
    assert v.actions[0].kind == ActionKind.report and text is not None
    assert evidence not in text and "F-SELLER-PII" in text


@pytest.mark.parametrize(
    "comment",
    ["The seller's support team was rude", "Order arrived on 12/03", "Arrived on 12/03/2026, 2 days late",
     "Item #4471 was fine, packed well"],
)
def test_seller_pii_near_misses(engine: Engine, comment: str) -> None:
    assert finding(fb(engine, comment), "F-SELLER-PII") is None


# --------------------------------------------------------------------------------------------------------------
# F-PRODUCT-REVIEW-ONLY


@pytest.mark.parametrize(
    ("comment", "market", "evidence"),
    [
        ("The blender is too loud and the jar leaks.", "US", "The blender is too loud"),
        ("Colour faded after two washes.", "US", "Colour faded after two washes"),
        ("Battery life is poor.", "US", "Battery life is poor"),
        # translated variants
        ("Der Akku hält nur zwei Stunden.", "DE", "Der Akku hält nur zwei Stunden"),
        ("La batterie ne tient pas la charge.", "FR", "La batterie ne tient pas la charge"),
        ("La batería dura muy poco.", "ES", "La batería dura muy poco"),
    ],
)
def test_product_review_only_is_removed(engine: Engine, comment: str, market: str, evidence: str) -> None:
    v = fb(engine, comment, marketplace=market)
    f = finding(v, "F-PRODUCT-REVIEW-ONLY")
    assert f is not None and f.tier == Tier.clear
    assert evidence in [s.text for s in f.spans]
    assert v.outcome == Outcome.remove
    assert v.kind == Kind.product  # routable: this is a product review posted as feedback
    assert_spans_exact(v, comment)


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        ("Seller shipped late and the jar leaks.", Kind.mixed),
        ("Well packed, product as described.", Kind.seller),
        ("Seller is a piece of junk", Kind.seller),
        ("Great seller, fast shipping!", Kind.seller),
        ("Order arrived on 12/03", Kind.seller),
        ("Thanks! The kettle works great.", Kind.mixed),
        ("Verkäufer antwortet nicht, aber der Akku ist gut.", Kind.mixed),
    ],
)
def test_mixed_or_service_comments_stay(engine: Engine, comment: str, kind: Kind) -> None:
    v = fb(engine, comment, marketplace="DE" if "Verkäufer" in comment else "US")
    assert finding(v, "F-PRODUCT-REVIEW-ONLY") is None
    assert v.kind == kind


def test_english_feedback_on_german_marketplace_is_not_misread(engine: Engine) -> None:
    v = fb(engine, "Arrived 4 days late.", marketplace="DE")
    assert finding(v, "F-PRODUCT-REVIEW-ONLY") is None and v.kind == Kind.seller


# --------------------------------------------------------------------------------------------------------------
# F-FBA-FULFILMENT and F-BUYSHIPPING: strike-through, decided by the comment AND the order's metadata


@pytest.mark.parametrize(
    ("comment", "market"),
    [
        ("Arrived 4 days late.", "US"),
        ("Box was crushed by the courier.", "US"),
        ("Delivery driver left it in the rain.", "US"),
        ("Paket kam nie an.", "DE"),
        ("Le colis est arrivé en retard.", "FR"),
        ("El paquete llegó tarde.", "ES"),
        ("Il pacco è arrivato in ritardo di 5 giorni.", "IT"),
    ],
)
def test_fba_delivery_comment_is_struck(engine: Engine, comment: str, market: str) -> None:
    v = fb(engine, comment, marketplace=market, **FBA)
    f = finding(v, "F-FBA-FULFILMENT")
    assert f is not None and f.tier == Tier.clear
    assert v.outcome == Outcome.strike
    assert f.details["fulfillment"] == "FBA"
    assert v.actions[0].kind == ActionKind.report
    assert "strike" in (v.actions[0].reason or "")
    assert_spans_exact(v, comment)
    # the same text on a merchant-fulfilled order is not eligible
    v2 = fb(engine, comment, marketplace=market, **FBM)
    assert finding(v2, "F-FBA-FULFILMENT") is None
    assert "F-FBA-FULFILMENT" in v2.coverage.ran


@pytest.mark.parametrize(
    "comment",
    [
        "Late, and it was listed as new but was used.",
        "Arrived late and the seller never replied to my message.",
        "Arrived 2 days late and the jar leaks.",
        "Arrived broken.",
    ],
)
def test_fba_mixed_comment_stays(engine: Engine, comment: str) -> None:
    v = fb(engine, comment, **FBA)
    assert finding(v, "F-FBA-FULFILMENT") is None or finding(v, "F-FBA-FULFILMENT").tier == Tier.hold
    assert v.outcome != Outcome.strike


@pytest.mark.parametrize(
    ("comment", "market"),
    [
        ("Never arrived.", "US"),
        ("Package still hasn't come after 3 weeks.", "US"),
        ("Delivered 5 days late.", "US"),
        ("Paket kam nie an.", "DE"),
        ("El paquete nunca llegó.", "ES"),
    ],
)
def test_buy_shipping_late_or_undelivered_is_struck(engine: Engine, comment: str, market: str) -> None:
    v = fb(engine, comment, marketplace=market, **BS_ON_TIME)
    f = finding(v, "F-BUYSHIPPING")
    assert f is not None and f.tier == Tier.clear
    assert v.outcome == Outcome.strike
    assert_spans_exact(v, comment)
    # own label (not Buy Shipping) or shipped late: not eligible, and the rule did run
    for meta in (OWN_LABEL, {**BS_ON_TIME, "shipped_on_time": False}):
        v2 = fb(engine, comment, marketplace=market, **meta)
        assert finding(v2, "F-BUYSHIPPING") is None
        assert "F-BUYSHIPPING" in v2.coverage.ran


@pytest.mark.parametrize(
    "comment",
    [
        "Arrived late and the seller never replied to my message.",
        "Shipping was way too expensive.",
        "Box was crushed by the courier.",
        "Late, and it was listed as new but was used.",
    ],
)
def test_buy_shipping_near_misses(engine: Engine, comment: str) -> None:
    v = fb(engine, comment, **BS_ON_TIME)
    assert finding(v, "F-BUYSHIPPING") is None


def test_missing_metadata_is_reported_not_passed(engine: Engine) -> None:
    v = fb(engine, "Never arrived.")
    skipped = {s.rule: s for s in v.coverage.skipped}
    assert skipped["F-FBA-FULFILMENT"].reason == SkipReason.missing_metadata
    assert skipped["F-BUYSHIPPING"].reason == SkipReason.missing_metadata
    assert "F-FBA-FULFILMENT" not in v.coverage.ran and "F-BUYSHIPPING" not in v.coverage.ran
    assert v.outcome == Outcome.stays
    # Buy Shipping without the on-time confirmation is not evaluated either
    v = fb(engine, "Never arrived.", fulfillment="merchant", buy_shipping=True)
    assert {s.rule: s.reason for s in v.coverage.skipped}["F-BUYSHIPPING"] == SkipReason.missing_metadata


def test_fba_orders_are_not_buy_shipping(engine: Engine) -> None:
    v = fb(engine, "Never arrived.", fulfillment="FBA", buy_shipping=True, shipped_on_time=True)
    assert finding(v, "F-BUYSHIPPING") is None and finding(v, "F-FBA-FULFILMENT") is not None


# --------------------------------------------------------------------------------------------------------------
# The 90-day window and the feedback actions


def test_window_is_information_relative_to_as_of(engine: Engine) -> None:
    recent = fb(engine, "Battery life is poor.", created_at=AS_OF - timedelta(days=10))
    f = finding(recent, "F-PRODUCT-REVIEW-ONLY")
    assert f.details["age_days"] == 10 and f.details["within_removal_window"] is True
    assert recent.actions[0].eligible is True
    old = fb(engine, "Battery life is poor.", created_at=AS_OF - timedelta(days=120))
    f = finding(old, "F-PRODUCT-REVIEW-ONLY")
    assert f.details["age_days"] == 120 and f.details["within_removal_window"] is False
    assert old.outcome == Outcome.remove  # information, not a condition
    assert old.actions[0].eligible is False
    assert any("90 days" in n for n in old.actions[0].eligibility_notes)
    from reviewrules.detectors.feedback import FeedbackDetector

    bare = Engine(Settings(), detectors=[FeedbackDetector], builtins=False)
    unknown = bare.classify(Feedback(comment="Battery life is poor.", rating=1))
    assert unknown.actions[0].eligible is None


def test_feedback_that_stays_says_so(engine: Engine) -> None:
    v = fb(engine, "Seller never answered my emails.", **FBM)
    assert v.outcome == Outcome.stays
    (a,) = v.actions
    assert a.kind == ActionKind.none and "does not remove" in a.reason
    assert "incentive" in a.reason  # the only allowed nudge: neutral, after resolving


def test_positive_product_feedback_is_not_worth_a_request(engine: Engine) -> None:
    v = fb(engine, "Battery life is great.", rating=5)
    assert v.outcome == Outcome.remove and v.kind == Kind.product
    assert v.actions[0].kind == ActionKind.none


def test_strike_request_text(engine: Engine) -> None:
    v = fb(engine, "Never arrived.", marketplace="DE", **BS_ON_TIME, id="fb-77")
    text = v.actions[0].request_text
    assert text is not None and "durchzustreichen" in text and "fb-77" in text and "Never arrived" in text


def test_empty_comment(engine: Engine) -> None:
    v = engine.classify(Feedback(rating=1))
    assert v.kind == Kind.other and v.outcome == Outcome.stays


# --------------------------------------------------------------------------------------------------------------
# Properties


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    comment=st.text(max_size=200),
    meta=st.sampled_from([{}, FBA, FBM, BS_ON_TIME, OWN_LABEL]),
    market=st.sampled_from(["US", "DE", "FR", "IT", "ES", "JP"]),
)
def test_any_text_spans_are_evidence(engine: Engine, comment: str, meta: dict[str, Any], market: str) -> None:
    v = fb(engine, comment, marketplace=market, **meta)
    assert v.subject == "feedback"
    assert v.outcome in (Outcome.remove, Outcome.strike, Outcome.stays)
    for f in v.findings:
        assert f.rule.startswith("F-")
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(comment)
            assert comment[s.start : s.end] == s.text
    assert v.actions
    assert v == fb(engine, comment, marketplace=market, **meta)  # deterministic


@pytest.mark.parametrize(
    ("comment", "rating"),
    [
        ("Arrived quickly and works perfectly", 5),  # praise of delivery is no complaint to strike
        ("Gut verpackt, schnelle Lieferung", 5),
        ("Fast shipping, thanks!", 1),  # a positive remark, whatever the stars
        ("Arrived 4 days late.", 4),  # strike-through is for critical feedback
    ],
)
def test_positive_delivery_remarks_are_not_struck(engine: Engine, comment: str, rating: int) -> None:
    v = fb(engine, comment, rating=rating, marketplace="DE" if "Gut" in comment else "US", **FBA)
    assert finding(v, "F-FBA-FULFILMENT") is None and v.outcome == Outcome.stays


@pytest.mark.parametrize("comment", ["Terrible", "Love it", "Awful!!", "5 stars"])
def test_an_evaluation_without_a_subject_is_not_a_product_review(engine: Engine, comment: str) -> None:
    v = fb(engine, comment)
    assert finding(v, "F-PRODUCT-REVIEW-ONLY") is None and v.kind == Kind.other


@needs_profanity
def test_english_obscenity_on_a_german_marketplace(engine: Engine) -> None:
    # short feedback: the language guess is unreliable, so the marketplace's other languages are read too,
    # but only for unambiguous obscenities
    v = fb(engine, "F***ing slow shipping", marketplace="DE")
    assert finding(v, "F-OBSCENE") is not None and finding(v, "F-OBSCENE").tier == Tier.clear
    for comment in ("Die Lampe ist sehr hell.", "Hell of a seller", "damn slow"):
        assert finding(fb(engine, comment, marketplace="DE"), "F-OBSCENE") is None
