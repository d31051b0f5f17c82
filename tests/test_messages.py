"""Seller-message compliance: every example and near-miss of RULES.md 1B-1D, paraphrases, the asymmetry between
seller feedback and product reviews, metadata rules, the compliant version, the labelled message set, templates."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewrules import Engine, Settings
from reviewrules.cli import main
from reviewrules.models import (
    Attachment,
    Concerns,
    MessagePurpose,
    MessageReport,
    MessageStatus,
    OrderContext,
    Review,
    SellerMessage,
    SentMessage,
    SkipReason,
    Tier,
)
from reviewrules.templates import TEXT_KINDS, compliant_message, contact_customer_options, message_text

OID = "114-3941689-8772232"
DATA = Path(__file__).parent / "data" / "messages.jsonl"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def check(engine: Engine, body: str, **kw: object) -> MessageReport:
    kw.setdefault("order_id", OID)
    return engine.check_message(SellerMessage(body=body, **kw))  # type: ignore[arg-type]


def rules_of(report: MessageReport, tier: Tier | None = None) -> set[str]:
    return {f.rule for f in report.findings if tier is None or f.tier == tier}


def evidence(report: MessageReport, rule: str) -> list[str]:
    return [s.text for f in report.findings if f.rule == rule for s in f.spans]


# ----------------------------------------------------------------------------------------------------------------
# M-REVIEW-FOR-REFUND: RULES.md violating examples (with the evidence), paraphrases, languages.

REFUND_FOR_REVIEW = [
    ("We'll give you a full refund if you remove your 1-star review.", "remove your 1-star review"),
    ("Once you update your review, we'll send the refund right away.", "update your review"),
    ("We've refunded you in full — could you please change your rating now?", "change your rating"),
    ("Happy to send a free replacement; would you consider revising your review?", "revising your review"),
    ("Delete the review and keep the product, no charge.", "Delete the review"),
    ("Wir erstatten den vollen Betrag, wenn Sie Ihre Bewertung löschen.", "Bewertung löschen"),
    ("Nous vous remboursons si vous retirez votre avis.", "retirez votre avis"),
    ("Le devolvemos el dinero si elimina su reseña.", "elimina su reseña"),
    ("Rimborso completo se modifica la recensione.", "modifica la recensione"),
    ("keep the product, no charge, just delete the review", "delete the review"),
    ("we'll refund you if you remove your review", "remove your review"),
    ("once you update your review we'll send the refund", "update your review"),
    ("we've refunded you in full; could you now change your rating?", "change your rating"),
    ("Many customers update their reviews after a replacement like this.", "update their reviews"),
    # paraphrases: word order, politeness, typos, line breaks, pronoun reference, passive voice
    ("If you could possibly take down your review, we would happily refund the whole order.", "take down your review"),
    ("Refund first? Sure. But please remove the review afterwards.", "remove the review"),
    ("We noticed your review.\n\nIf you take it down, we can refund the full price.", "take it down"),
    ("Your refund will be processed as soon as the review is deleted.", "review is deleted"),
    ("pls remove ur reveiw and we refund u full amount", "remove ur reveiw"),
    ("We sent you a brand new unit for free.\n\n\nWould you be so kind as to amend your rating?", "amend your rating"),
    ("A gift card is yours once your review has been updated.", "review has been updated"),
    ("Kindly withdraw the negative review you posted and we will reimburse 100%.", "withdraw the negative review"),
    ("We will compensate you. Could you reconsider your 2 star rating?", "reconsider your 2 star rating"),
    ("Könnten Sie Ihre Rezension bitte ändern? Wir schicken Ihnen kostenlos ein neues Gerät.", "Rezension bitte ändern"),
    ("Pourriez-vous modifier votre évaluation ? Nous vous remboursons intégralement.", "modifier votre évaluation"),
    ("Si cambia su valoración, le enviamos un producto de sustitución gratis.", "cambia su valoración"),
    ("Le invieremo un rimborso se elimina la sua recensione negativa.", "elimina la sua recensione"),
    ("レビューを削除していただければ、全額返金いたします。", "レビュー"),
]


@pytest.mark.parametrize(("body", "ev"), REFUND_FOR_REVIEW)
def test_refund_for_review_is_blocked(engine: Engine, body: str, ev: str) -> None:
    r = check(engine, body)
    assert r.status == MessageStatus.blocked and not r.allowed
    assert "M-REVIEW-FOR-REFUND" in rules_of(r, Tier.clear)
    assert any(ev in t or t in ev for t in evidence(r, "M-REVIEW-FOR-REFUND")), evidence(r, "M-REVIEW-FOR-REFUND")


@pytest.mark.parametrize(
    "body",
    [
        "Sorry the kettle arrived damaged. We've issued a full refund for order 112-4567890-1234567; no need to return it.",
        "We saw you had trouble with the lid. Could you tell us more so we can help?",
        "Your replacement has shipped; tracking is in your order details.",
        "We have removed the duplicate charge and refunded it to your card.",
        "We updated the instructions in the box after feedback from customers like you; a free copy is on its way.",
        "We will review your return request within 24 hours and then issue the refund.",
        "To change the filter, twist the cap. A free replacement filter is in the parcel.",
        "Wir haben Ihnen den vollen Betrag erstattet. Sie müssen das Gerät nicht zurücksenden.",
        "Nous vous avons remboursé intégralement. Inutile de renvoyer le produit.",
        "Le hemos reembolsado el importe completo; no es necesario devolverlo.",
        "Abbiamo effettuato il rimborso completo. Non è necessario restituire l'articolo.",
        "全額返金いたしました。返品は不要です。",
    ],
)
def test_plain_refund_is_allowed(engine: Engine, body: str) -> None:
    r = check(engine, body, purpose="reply")
    assert r.status == MessageStatus.allowed, r.findings


def test_refund_to_review_author_is_a_hold(engine: Engine) -> None:
    r = check(engine, "We saw your 1-star review and have issued a full refund.")
    assert r.status == MessageStatus.review
    assert evidence(r, "M-REVIEW-FOR-REFUND") == ["review", "refund"]


# ----------------------------------------------------------------------------------------------------------------
# F-RESOLVED-REQUEST and the asymmetry between seller feedback and product reviews.

NEUTRAL_FEEDBACK = [
    "If you're satisfied we've resolved your concerns, you can update or remove the feedback you left.",
    "Your refund is processed. You're welcome to revisit your feedback if you wish.",
    "We have refunded the shipping fee. If you feel we resolved the issue, you can update your feedback.",
]


@pytest.mark.parametrize("body", NEUTRAL_FEEDBACK)
def test_neutral_feedback_note_allowed_for_seller_feedback(engine: Engine, body: str) -> None:
    r = check(engine, body, concerns="seller_feedback")
    assert r.status == MessageStatus.allowed, r.findings


@pytest.mark.parametrize("body", NEUTRAL_FEEDBACK)
@pytest.mark.parametrize("concerns", ["product_review", "unknown"])
def test_same_words_break_the_rules_for_reviews_or_unknown(engine: Engine, body: str, concerns: str) -> None:
    r = check(engine, body, concerns=concerns)
    assert r.status == MessageStatus.blocked
    assert rules_of(r, Tier.clear) & {"M-CHANGE-REMOVE-REVIEW", "M-REVIEW-FOR-REFUND"}


def test_same_words_about_a_review_break_even_for_seller_feedback(engine: Engine) -> None:
    r = check(engine, "If you're satisfied we resolved your concerns, you can update or remove the review you left.",
              concerns="seller_feedback")
    assert "M-CHANGE-REMOVE-REVIEW" in rules_of(r, Tier.clear)


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("We'll give you a 25% voucher if you remove your feedback.", "M-REVIEW-FOR-REFUND"),
        ("Change your feedback to positive and we'll refund shipping.", "M-REVIEW-FOR-REFUND"),
        ("Please remove the negative feedback, it hurts our account.", "F-RESOLVED-REQUEST"),
        ("We'd like to offer you a full refund.\n\nAlso, would you be so kind as to delete your feedback?",
         "M-REVIEW-FOR-REFUND"),
    ],
)
def test_feedback_violations(engine: Engine, body: str, rule: str) -> None:
    r = check(engine, body, concerns="seller_feedback")
    assert r.status == MessageStatus.blocked
    assert rule in rules_of(r, Tier.clear)


def test_feedback_note_before_resolution(engine: Engine) -> None:
    body = "You can update or remove the feedback you left."
    unresolved = OrderContext(order_id=OID, problem_resolved=False)
    r = engine.check_message(SellerMessage(body=body, concerns=Concerns.seller_feedback, order_id=OID), unresolved)
    assert "F-RESOLVED-REQUEST" in rules_of(r, Tier.clear)
    resolved = OrderContext(order_id=OID, problem_resolved=True)
    r = engine.check_message(SellerMessage(body=body, concerns=Concerns.seller_feedback, order_id=OID), resolved)
    assert "F-RESOLVED-REQUEST" not in rules_of(r)
    r = check(engine, body, concerns="seller_feedback")
    assert rules_of(r) == {"F-RESOLVED-REQUEST"} and r.status == MessageStatus.review


# ----------------------------------------------------------------------------------------------------------------
# The other message rules: RULES.md violating examples with evidence, and near-misses.

VIOLATIONS = [
    ("M-CHANGE-REMOVE-REVIEW", "Could you kindly remove your review?", "remove your review", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Now that it's fixed, please update your review to reflect that.", "update your review", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Would you consider changing your rating?", "changing your rating", {}),
    ("M-CHANGE-REMOVE-REVIEW", "レビューの削除をお願いできますか。", "レビューの削除", {}),
    ("M-CHANGE-REMOVE-REVIEW", "We saw your review. Could you delete it please?", "delete it", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Würden Sie Ihre Bewertung bitte überarbeiten?", "Bewertung bitte überarbeiten", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Pourriez-vous supprimer votre avis ?", "supprimer votre avis", {}),
    ("M-CHANGE-REMOVE-REVIEW", "¿Podría eliminar su reseña?", "eliminar su reseña", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Potrebbe aggiornare la sua recensione?", "aggiornare la sua recensione", {}),
    ("M-ASK-POSITIVE", "Please leave us a 5-star review!", "5-star", {}),
    ("M-ASK-POSITIVE", "If you loved it, a positive review would mean the world.", "positive review", {}),
    ("M-ASK-POSITIVE", "Help a small business with 5 stars ⭐⭐⭐⭐⭐.", "5 stars", {}),
    ("M-ASK-POSITIVE", "Bitte hinterlassen Sie uns eine 5-Sterne-Bewertung.", "5-Sterne", {}),
    ("M-ASK-POSITIVE", "Nous espérons recevoir un avis 5 étoiles.", "5 étoiles", {}),
    ("M-INCENTIVE-FOR-REVIEW", "Leave a review and get 20% off your next order.", "Leave a review", {}),
    ("M-INCENTIVE-FOR-REVIEW", "Post a review with a photo for a $10 Amazon gift card.", "gift card", {}),
    ("M-INCENTIVE-FOR-REVIEW", "Review us and be entered to win an iPad.", "Review us", {}),
    ("M-INCENTIVE-FOR-REVIEW", "Send us a screenshot of your review and we'll refund 50%.", "screenshot", {}),
    ("M-INCENTIVE-FOR-REVIEW", "Schreiben Sie eine Bewertung und erhalten Sie einen Gutschein.", "Gutschein", {}),
    ("M-SELECTIVE-SOLICIT", "If you're happy, please leave a review; if not, contact us first.", "If you're happy", {}),
    ("M-SELECTIVE-SOLICIT", "Only review us if you loved it!", "Only review", {}),
    ("M-DIVERT-NEGATIVE", "Before leaving a negative review, please email us so we can fix it.", "Before leaving", {}),
    ("M-DIVERT-NEGATIVE", "Unhappy? Don't review — message us instead.", "Don't review", {}),
    ("M-DIVERT-NEGATIVE", "Rate us here first: our survey; 5-star raters will be sent to Amazon.", "Rate us here first", {}),
    ("M-EXTERNAL-LINK", "Visit www.mybrand.com for tips", "www.mybrand.com", {}),
    ("M-EXTERNAL-LINK", "Join our Facebook group: facebook.com/groups/mybrand", "facebook.com/groups/mybrand", {}),
    ("M-EXTERNAL-LINK", "Setup video: http://videos.mybrand.example.com/setup", "http://videos.mybrand.example.com/setup", {}),
    ("M-EXTERNAL-LINK", "Details: https://bit.ly/3xYz", "https://bit.ly/3xYz", {}),
    ("M-CONTACT-INFO", "Email us at help@mybrand.com", "help@mybrand.com", {}),
    ("M-CONTACT-INFO", "Call our support line +1 415 555 2671", "+1 415 555 2671", {}),
    ("M-CONTACT-INFO", "WhatsApp us on our business number.", "WhatsApp", {}),
    ("M-MARKETING", "Check out our new summer collection!", "summer collection", {}),
    ("M-MARKETING", "Use code THANKS10 on your next order.", "Use code", {}),
    ("M-MARKETING", "Our sister brand also sells great knives.", "sister brand", {}),
    ("M-NONESSENTIAL", "Your order has shipped!", "Your order has shipped", {}),
    ("M-NONESSENTIAL", "Thank you for your purchase!", "Thank you for your purchase", {}),
    ("M-NONESSENTIAL", "Just letting you know we're here if you need anything.", "Just letting you know", {}),
    ("M-NONESSENTIAL", "Dear Anna,\n\nthanks for your order!\n\nBest regards,\nTom", "thanks for your order", {}),
    ("M-EMOJI-STYLE", "Thanks for your order 😊 We need your engraving text.", "😊", {}),
    ("M-ABUSE", "Remove your review or we'll sue you for defamation.", "sue you", {}),
    ("M-ABUSE", "We'll report your account if you don't change the rating.", "report your account", {}),
    ("M-ABUSE", "Your review is destroying our family business, take it down.", "destroying our", {}),
]


@pytest.mark.parametrize(("rule", "body", "ev", "kw"), VIOLATIONS)
def test_violations(engine: Engine, rule: str, body: str, ev: str, kw: dict[str, object]) -> None:
    r = check(engine, body, **kw)
    assert rule in rules_of(r), r.findings
    assert any(ev.casefold() in t.casefold() or t.casefold() in ev.casefold() for t in evidence(r, rule) if t), evidence(r, rule)


NEAR_MISSES = [
    ("M-ASK-POSITIVE", "Would you share your experience with other customers?", {"purpose": "review_request"}),
    ("M-ASK-POSITIVE", "Your honest review helps other shoppers.", {"purpose": "review_request"}),
    ("M-ASK-POSITIVE", "Please leave feedback about your delivery.", {"purpose": "review_request"}),
    ("M-ASK-POSITIVE", "Thank you for your 5-star review, we have passed it to the team.", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Thanks for your review; we've passed your comments to our product team.", {}),
    ("M-CHANGE-REMOVE-REVIEW", "We're sorry about your experience — here is how to contact us about a return.", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Please remove the protective film before first use.", {}),
    ("M-CHANGE-REMOVE-REVIEW", "We have changed the delivery address as you asked.", {}),
    ("M-CHANGE-REMOVE-REVIEW", "Our engineer will review the photos; you can change the delivery preferences.", {}),
    ("M-INCENTIVE-FOR-REVIEW", "We'd love to hear your honest feedback.", {}),
    ("M-INCENTIVE-FOR-REVIEW", "Here's the warranty card for your product.", {}),
    ("M-INCENTIVE-FOR-REVIEW", "A 10% partial refund has been issued for the scratch you reported.", {}),
    ("M-SELECTIVE-SOLICIT", "Whatever your experience, we'd appreciate an honest review.", {"purpose": "review_request"}),
    ("M-SELECTIVE-SOLICIT", "If something is wrong, you can contact us through Amazon messages.", {}),
    ("M-DIVERT-NEGATIVE", "If you have any problem with your order, reply to this message.", {}),
    ("M-DIVERT-NEGATIVE", "We're here if you need help with setup.", {}),
    ("M-EXTERNAL-LINK", "Please use the 'Contact seller' button in Your Orders.", {}),
    ("M-EXTERNAL-LINK", "Review page: https://www.amazon.com/review/create-review?asin=B0ABCDE123", {}),
    ("M-EXTERNAL-LINK", "Version 1.10 fixes the bug; see setup.pdf for details.", {}),
    ("M-CONTACT-INFO", "The manufacturer's warranty line is 1-800-555-0199.", {}),
    ("M-CONTACT-INFO", "Reply to this message.", {}),
    ("M-CONTACT-INFO", "Your order 114-3941689-8772232 was refunded on 12/03/2024.", {}),
    ("M-MARKETING", "Here is the user manual for the blender you bought.", {}),
    ("M-MARKETING", "Your replacement part ships Monday.", {}),
    ("M-NONESSENTIAL", "Thank you for your order. We need your engraving text to start production.", {}),
    ("M-NONESSENTIAL", "Thanks for your purchase — please confirm a delivery slot for your sofa.", {}),
    ("M-NONESSENTIAL", "Your order has shipped!", {"purpose": "reply"}),
    ("M-EMOJI-STYLE", "Dear customer,\n\nYour replacement ships today.", {}),
    ("M-ABUSE", "We're sorry to hear that; here's how to request a return.", {}),
    ("M-ABUSE", "We respect your opinion.", {}),
    ("M-MEDIA", "The invoice is attached.", {"attachments": (Attachment(name="invoice.pdf"),)}),
    ("M-MEDIA", "The setup guide is attached.", {"attachments": (Attachment(name="setup-guide.pdf"),)}),
]


@pytest.mark.parametrize(("rule", "body", "kw"), NEAR_MISSES)
def test_near_misses(engine: Engine, rule: str, body: str, kw: dict[str, object]) -> None:
    r = check(engine, body, **kw)
    assert rule not in rules_of(r), r.findings


def test_support_offer_in_review_request_is_a_hold(engine: Engine) -> None:
    r = check(engine, "We'd appreciate an honest review. If something is wrong, you can contact us through Amazon "
              "messages.", purpose="review_request")
    assert rules_of(r) == {"M-SELECTIVE-SOLICIT"} and r.status == MessageStatus.review


def test_links_tiers(engine: Engine) -> None:
    r = check(engine, "See our full range: amazon.com/stores/MyBrand")
    assert any(f.rule == "M-EXTERNAL-LINK" and f.tier == Tier.hold for f in r.findings)
    r = check(engine, "Track it here: https://www.ups.com/track?tracknum=1Z999AA10123456784")
    assert [(f.rule, f.tier) for f in r.findings] == [("M-EXTERNAL-LINK", Tier.hold)]
    r = check(engine, "Write it here: https://www.amazon.com/review/create-review?asin=B0ABCDE123")
    assert not r.findings and [e.rule for e in r.exemptions] == ["X-AMAZON-LINK"]
    r = engine.check_message(SellerMessage(body="See the guide.", order_id=OID,
                                           html='<p>See the <a href="https://mybrand.example.com/guide">guide</a>.</p>'))
    assert "M-EXTERNAL-LINK" in rules_of(r, Tier.clear)


def test_media_and_style(engine: Engine) -> None:
    html = ('<p>Hello</p><a href="https://www.amazon.com/stores/x"><img src="https://cdn.example.com/logo.png"></a>'
            '<img src="http://cdn.example.com/p.jpg"><img src="https://cdn.example.com/x.gif">'
            '<p style="text-align:center">Thanks</p>')
    r = engine.check_message(SellerMessage(body="Hello. Your replacement ships today.", html=html, order_id=OID))
    media = [f for f in r.findings if f.rule == "M-MEDIA"]
    assert media and media[0].tier == Tier.clear
    assert any("<img" in s.text for f in media for s in f.spans)
    assert "M-EMOJI-STYLE" in rules_of(r, Tier.clear)  # the GIF
    r = check(engine, "Catalogue attached.", attachments=(Attachment(name="Catalogue-2025.pdf"),))
    assert "M-MEDIA" in rules_of(r, Tier.clear)
    r = check(engine, "Photo attached.", attachments=(Attachment(name="product.jpg", media_type="image/jpeg"),))
    assert "M-MEDIA" in rules_of(r, Tier.hold)
    r = check(engine, "Line one.\n\n\n\nLine two about your replacement.")
    assert "M-EMOJI-STYLE" in rules_of(r, Tier.hold)


def test_spelling_and_grammar_are_never_reported_as_passed(engine: Engine) -> None:
    r = check(engine, "Pls revew ur order")
    skipped = {s.rule: s for s in r.coverage.skipped}
    assert "M-EMOJI-STYLE" in skipped and "spelling" in skipped["M-EMOJI-STYLE"].detail
    assert "M-EMOJI-STYLE" not in r.coverage.ran


# ----------------------------------------------------------------------------------------------------------------
# Metadata rules: language, order ID, one request per order, timing.


def test_language(engine: Engine) -> None:
    body = f"Order {OID}: we are sorry the kettle arrived damaged and we have refunded the full amount to your card."
    r = check(engine, body, buyer_language="de_DE")
    assert "M-LANGUAGE" in rules_of(r, Tier.clear)
    assert not check(engine, body, buyer_language="en_GB").findings
    r = check(engine, body)
    assert any(s.rule == "M-LANGUAGE" and s.reason == SkipReason.missing_metadata for s in r.coverage.skipped)
    de = f"Bestellung {OID}: Es tut uns leid, dass der Wasserkocher beschädigt ankam. Wir haben den Betrag erstattet."
    assert "M-LANGUAGE" not in rules_of(check(engine, de, buyer_language="de_DE"))
    fr = f"Commande {OID} : nous sommes désolés, la bouilloire est arrivée endommagée et nous vous avons remboursé."
    assert "M-LANGUAGE" in rules_of(check(engine, fr, buyer_language="de_DE"))


def test_order_id(engine: Engine) -> None:
    body = "Would you share your experience with this product?"
    r = engine.check_message(SellerMessage(body=body, purpose=MessagePurpose.review_request))
    assert [(f.rule, f.tier) for f in r.findings] == [("M-ORDER-ID", Tier.hold)]
    for msg in (
        SellerMessage(body=body, subject=f"Your order {OID}"),
        SellerMessage(body=f"Order {OID}. {body}"),
        SellerMessage(body=body, order_id=OID),
        SellerMessage(body=body, purpose=MessagePurpose.reply),
    ):
        assert "M-ORDER-ID" not in rules_of(engine.check_message(msg))
    assert "M-ORDER-ID" in rules_of(engine.check_message(SellerMessage(body="About order 112-45678…: " + body)))
    assert "M-ORDER-ID" not in rules_of(engine.check_message(SellerMessage(body=body), OrderContext(order_id=OID)))


def _request(sent: datetime) -> SellerMessage:
    return SellerMessage(body="Would you share your experience with this product in a review?", order_id=OID,
                         purpose=MessagePurpose.review_request, sent_at=sent)


def test_repeat_and_timing(engine: Engine) -> None:
    delivered = datetime(2026, 3, 1, 15, 0)
    ctx = OrderContext(order_id=OID, ordered_at=delivered - timedelta(days=3), shipped_at=delivered - timedelta(days=2),
                       delivered_at=delivered)
    for day, bad in ((2, True), (5, False), (30, False), (45, True)):
        r = engine.check_message(_request(delivered + timedelta(days=day)), ctx)
        assert ("M-SOLICIT-TIMING" in rules_of(r, Tier.clear)) is bad, day
    early = OrderContext(order_id=OID, ordered_at=delivered)
    assert "M-SOLICIT-TIMING" in rules_of(engine.check_message(_request(delivered), early), Tier.clear)
    again = ctx.model_copy(update={"messages_sent": (SentMessage(via_request_a_review=True),)})
    r = engine.check_message(_request(delivered + timedelta(days=7)), again)
    assert "M-REPEAT-SOLICIT" in rules_of(r, Tier.clear)
    other = ctx.model_copy(update={"messages_sent": (SentMessage(purpose=MessagePurpose.proactive),)})
    assert not engine.check_message(_request(delivered + timedelta(days=7)), other).findings
    # Support reply on day 60 is fine; no context means not evaluated, never passed.
    reply = SellerMessage(body="Here is the manual you asked for.", order_id=OID, purpose=MessagePurpose.reply,
                          sent_at=delivered + timedelta(days=60))
    assert not engine.check_message(reply, ctx).findings
    r = engine.check_message(_request(delivered))
    missing = {s.rule for s in r.coverage.skipped if s.reason == SkipReason.missing_metadata}
    assert {"M-SOLICIT-TIMING", "M-REPEAT-SOLICIT"} <= missing
    assert not ({"M-SOLICIT-TIMING", "M-REPEAT-SOLICIT"} & set(r.coverage.ran))


# ----------------------------------------------------------------------------------------------------------------
# Verdict and compliant version.


def test_compliant_version_drops_offending_sentences(engine: Engine) -> None:
    body = (f"Hello Anna,\n\nWe are sorry the lamp arrived broken (order {OID}). We have shipped a replacement today. "
            "Once it arrives, could you update your review?\n\nKind regards,\nLuminaire Team")
    r = check(engine, body)
    assert r.status == MessageStatus.blocked
    cv = r.compliant_version
    assert cv is not None and "replacement" in cv and "review" not in cv.lower()
    assert not check(engine, cv).findings


def test_no_compliant_version_when_nothing_useful_remains(engine: Engine) -> None:
    assert check(engine, "Please remove your 1-star review and we will refund you.").compliant_version is None
    assert check(engine, "Hi Anna, please remove your review. Thanks, Tom").compliant_version is None


def test_compliant_version_never_mentions_the_review(engine: Engine) -> None:
    body = "Thanks for your review. We have refunded you in full. Could you now change your rating? The refund shows in 3 days."
    r = check(engine, body)
    assert r.compliant_version is not None and "review" not in r.compliant_version.lower()
    assert "rating" not in r.compliant_version.lower()


def test_verdict_status(engine: Engine) -> None:
    assert check(engine, "Your replacement ships Monday.").status == MessageStatus.allowed
    r = check(engine, "Track it here: https://www.ups.com/track?tracknum=1Z999AA10123456784")
    assert r.status == MessageStatus.review and r.allowed
    assert not check(engine, "Could you remove your review?").allowed


# ----------------------------------------------------------------------------------------------------------------
# The labelled message set (written before tuning, never edited afterwards).


def _load_set() -> list[dict[str, object]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labelled_message_set(engine: Engine) -> None:
    rows = _load_set()
    assert len(rows) >= 150
    compliant = [r for r in rows if r["expect"] == "allowed"]
    assert len(compliant) >= 0.45 * len(rows)
    keys = ("body", "subject", "order_id", "purpose", "concerns", "buyer_language", "attachments", "html")
    results = {}
    for row in rows:
        msg = SellerMessage.model_validate({"id": row["id"], **{k: row[k] for k in keys if k in row}})
        results[row["id"]] = engine.check_message(msg).status
    bfr = [r for r in rows if r["benefit_for_review"]]
    assert bfr and all(results[r["id"]] == MessageStatus.blocked for r in bfr)  # type: ignore[index]
    flagged = [r["id"] for r in compliant if results[r["id"]] != MessageStatus.allowed]  # type: ignore[index]
    assert len(flagged) <= 0.05 * len(compliant), flagged
    violating = [r for r in rows if r["expect"] == "blocked"]
    caught = [r for r in violating if results[r["id"]] != MessageStatus.allowed]  # type: ignore[index]
    assert len(caught) >= 0.95 * len(violating)


# ----------------------------------------------------------------------------------------------------------------
# Templates: Amazon's Contact Customer options and the texts the library may write.


@pytest.mark.parametrize("lang", ["en", "es", "de", "fr", "it"])
@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_library_texts_pass_the_checker(engine: Engine, lang: str, kind: str) -> None:
    msg = compliant_message(kind, lang, OID)  # type: ignore[arg-type]
    r = engine.check_message(msg)
    assert r.status == MessageStatus.allowed, r.findings
    assert "M-LANGUAGE" in r.coverage.ran
    if kind != "review_request":
        low = msg.body.lower()
        assert not any(w in low for w in ("review", "rezension", "bewertung", "reseña", "recensione", "commentaire", "avis"))


def test_library_texts_reject_unknown_language() -> None:
    with pytest.raises(ValueError):
        message_text("refund_issued", "pt")


def test_contact_customer_options() -> None:
    now = datetime(2026, 6, 1)
    review = Review(body="Broke in a week.", rating=2, marketplace="UK", created_at=now - timedelta(days=10))
    opts = contact_customer_options(review, brand_registered=True, seller_of_record=True, as_of=now)
    assert [o.template for o in opts] == ["courtesy_refund", "customer_support"]
    assert all(o.eligible is True for o in opts)
    assert all(not hasattr(o, "text") for o in opts)  # options, never text for the seller to send
    old = review.model_copy(update={"created_at": now - timedelta(days=120)})
    assert contact_customer_options(old, brand_registered=True, seller_of_record=True, as_of=now)[0].eligible is False
    happy = review.model_copy(update={"rating": 4})
    assert contact_customer_options(happy, brand_registered=True, seller_of_record=True, as_of=now)[0].eligible is False
    assert contact_customer_options(happy, brand_registered=True, seller_of_record=True, as_of=now,
                                    max_rating=4)[0].eligible is True
    assert contact_customer_options(review, as_of=now)[0].eligible is None  # brand registry unknown
    s = Settings(contact_customer_marketplaces=frozenset({"US"}))
    assert contact_customer_options(review, brand_registered=True, seller_of_record=True, as_of=now,
                                    settings=s)[0].eligible is False


# ----------------------------------------------------------------------------------------------------------------
# CLI and properties.


def test_cli_check_message_shows_spans_and_compliant_version(capsys: pytest.CaptureFixture[str]) -> None:
    body = f"Order {OID}. We shipped a replacement today. Please update your review once it arrives."
    assert main(["check-message", body]) == 1
    out, _ = capsys.readouterr()
    assert "M-REVIEW-FOR-REFUND" in out and "»update your review«" in out
    assert "compliant version" in out and "We shipped a replacement today." in out
    assert main(["check-message", "--order-id", OID, "Your replacement ships Monday."]) == 0


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300), st.sampled_from(list(Concerns)), st.sampled_from(list(MessagePurpose)))
def test_property_spans_exact(body: str, concerns: Concerns, purpose: MessagePurpose) -> None:
    engine = _ENGINE
    r = engine.check_message(SellerMessage(body=body, subject=body[:40] or None, concerns=concerns, purpose=purpose))
    texts = {"body": body, "subject": body[:40]}
    for f in r.findings:
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(texts[s.field])
            assert texts[s.field][s.start : s.end] == s.text
    assert r.allowed == (r.status != MessageStatus.blocked)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b for b, _ in REFUND_FOR_REVIEW[:14]]), st.sampled_from(["\n", "  ", " \u200b", "\t"]))
def test_property_whitespace_variants_still_blocked(body: str, sep: str) -> None:
    r = _ENGINE.check_message(SellerMessage(body=body.replace(" ", sep, 2), order_id=OID))
    assert r.status == MessageStatus.blocked


_ENGINE = Engine()


_PIECES = [
    "refund", "remove", "your review", "5-star", "Bewertung löschen", "reseña", "avis", "レビュー削除", "返金",
    "ß", "İ", "ﬁ", "\u200b", "😊", "⭐⭐⭐", "&amp;", "<br>", "help@brand.example", "+1 415 555 2671",
    "www.brand.example.com", OID, "If you're happy", "contact us first", "\n\n", ". ", "? ", "it", "please",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), min_size=1, max_size=25), st.sampled_from(list(Concerns)))
def test_property_cue_rich_spans_exact(parts: list[str], concerns: Concerns) -> None:
    body = " ".join(parts)
    r = _ENGINE.check_message(SellerMessage(body=body, concerns=concerns, html=body if len(parts) % 2 else None))
    for f in r.findings:
        for s in f.spans:
            text = body
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.text
    if r.compliant_version is not None:
        assert r.compliant_version.strip()
        assert not r.compliant_version.isspace()


_USEFUL = [
    "We have shipped a replacement today.",
    "The refund will show on your card within 3 days.",
    "Please keep the original box for the courier.",
    "Hello Anna,",
    "Kind regards, Tom",
]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([b for b, _ in REFUND_FOR_REVIEW[:27]]),
       st.lists(st.sampled_from(_USEFUL), max_size=4),
       st.booleans())
def test_property_compliant_version_is_clean(bad: str, good: list[str], bad_first: bool) -> None:
    sentences = [bad, *good] if bad_first else [*good, bad]
    r = _ENGINE.check_message(SellerMessage(body="\n".join(sentences), order_id=OID))
    assert r.status == MessageStatus.blocked
    if r.compliant_version is not None:
        again = _ENGINE.check_message(SellerMessage(body=r.compliant_version, order_id=OID))
        assert not again.findings, (r.compliant_version, again.findings)
        assert "review" not in r.compliant_version.lower()
