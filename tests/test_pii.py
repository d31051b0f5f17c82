"""R-PII and the shared personal-information extractors (emails, addresses, names)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_rows
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.extract.addresses import AddressExtractor
from reviewrules.extract.emails import EmailExtractor
from reviewrules.extract.names import NameExtractor
from reviewrules.extract.phones import PhoneExtractor
from reviewrules.text import prepare

ENGINE = Engine(Settings(only=frozenset({"R-PII"})))


def pii(text: str, marketplace: str = "US", language: str | None = None) -> list[tuple[str, str]]:
    """(tier, evidence) of every R-PII finding's spans."""
    v = ENGINE.classify(Review(id="t", body=text, marketplace=marketplace, language=language))
    return [(f.tier.value, s.text) for f in v.findings if f.rule == "R-PII" for s in f.spans]


# --- RULES.md: every example and near-miss -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Call me at (415) 555-2671 and I'll tell you more.", "(415) 555-2671"),
        ("Email me: john.doe@gmail.com", "john.doe@gmail.com"),
        ("My order 112-4567890-1234567 came broken.", "112-4567890-1234567"),
        ("reach me: j o h n (at) gmail [dot] com", "j o h n (at) gmail [dot] com"),
        ("I live at 42 Elm Street, Springfield, so the courier should know.", "42 Elm Street, Springfield"),
        ("電話は０３-１２３４-５６７８まで", "０３-１２３４-５６７８"),
    ],
)
def test_rules_examples_are_clear(text: str, evidence: str) -> None:
    assert ("clear", evidence) in pii(text)


@pytest.mark.parametrize(
    "text",
    [
        "Battery lasts 8–10 hours.",
        "Fits model number WX-1234-5678.",
        "Holds 1,000–2,000 pages.",
        "Measures 12 x 34 x 56 cm.",
        "ISBN 978-3-16-148410-0 matches the paperback.",
        "Contact customer service through Amazon.",
        "I reached the top shelf at 5'2\".",
        "I reached the top shelf at 5'2\" and was reached at 312.714.8142",  # scrubadub #8: no email here
    ],
)
def test_rules_near_misses_are_not_flagged(text: str) -> None:
    found = pii(text)
    assert all(ev != "" for _, ev in found)
    if "312.714.8142" in text:  # the number may be a phone (hold at most), never an email
        assert all("@" not in ev and "at" not in ev for _, ev in found)
    else:
        assert found == []


# --- obfuscated and translated variants ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Call me at (４１５) ５５５-２６７１ and I'll tell you more.", "(４１５) ５５５-２６７１"),  # full-width
        ("Call me at 415.555.2671", "415.555.2671"),
        ("Call me at 415_555_2671", "415_555_2671"),
        ("Call me at 4l5 555 2671".replace("l", "1"), "415 555 2671"),
        ("call me at 2O2 555 O1O9", "2O2 555 O1O9"),
        ("Text me on five five five, two six seven one, four four two",
         "five five five, two six seven one, four four two"),
        ("Email me: john.doe＠gmail.com", "john.doe＠gmail.com"),
        ("mail me: john.doe [at] gmail [dot] com", "john.doe [at] gmail [dot] com"),
        ("mail me: john.doe(at)gmail(dot)com", "john.doe(at)gmail(dot)com"),
        ("write to john at gmail dot com", "john at gmail dot com"),
        ("write to john at gmail.com", "john at gmail.com"),
        ("mail john @ gmail.com", "john @ gmail.com"),
        ("mail john ＠ gmail ． com", "john ＠ gmail ． com"),
        ("mail john{at}gmail{dot}com", "john{at}gmail{dot}com"),
        ("mail john AT gmail DOT com", "john AT gmail DOT com"),
        ("My order 112–4567890–1234567 came broken.", "112–4567890–1234567"),
        ("Mi pedido 112-4567890-1234567 llegó roto.", "112-4567890-1234567"),
        ("Ruf mich an: null eins sieben eins, zwei drei vier fünf sechs sieben acht",
         "null eins sieben eins, zwei drei vier fünf sechs sieben acht"),
        ("Appelez-moi au 06 12 34 56 78", "06 12 34 56 78"),
        ("Llámame al 612 345 678", "612 345 678"),
        ("Chiamami al 347 123 4567", "347 123 4567"),
        ("Schreib mir: max.mustermann@web.de", "max.mustermann@web.de"),
        ("Ich wohne in der Hauptstraße 5, 10115 Berlin.", "Hauptstraße 5, 10115 Berlin"),
        ("J'habite 12 rue de la Paix, 75002 Paris.", "12 rue de la Paix, 75002 Paris"),
        ("Abito in Via Roma 10, 00184 Roma.", "Via Roma 10, 00184 Roma"),
        ("Vivo en Calle Mayor 3, 28013 Madrid.", "Calle Mayor 3, 28013 Madrid"),
        ("Send it to 10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA"),
    ],
)
def test_obfuscated_and_translated_are_clear(text: str, evidence: str) -> None:
    assert ("clear", evidence) in pii(text)


@pytest.mark.parametrize("marketplace", ["US", "UK", "DE", "FR", "IT", "ES", "JP"])
@pytest.mark.parametrize(
    "text",
    ["Works with Office 360 2013 edition", "Bought it in 2011. 2011 was a good year", "office 2013/365 looks good",
     "ref 213-31054 on the box", "PO Box 123, Columbia SC 29334-0386"],
)
def test_flexible_numbering_plans_do_not_turn_numbers_into_phones(text: str, marketplace: str) -> None:
    assert [ev for _, ev in pii(text, marketplace=marketplace) if any(c.isdigit() for c in ev)] == []


def test_marketplace_region_is_used() -> None:
    assert ("clear", "07700 900123") in pii("Text me on 07700 900123", marketplace="UK")
    assert ("clear", "0171 2345678") in pii("Mein Handy: 0171 2345678", marketplace="DE", language="de")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Called Norton support (800-844-3362). They fixed it.", "800-844-3362"),
        ("Call 1-800-445-1875 to find out about the free upgrade.", "1-800-445-1875"),
        ("Customer service line: (415) 555-2671, they were helpful", "(415) 555-2671"),
        ("Email support@acme-brand.com for the warranty.", "support@acme-brand.com"),
        ("No email from ereturns@intuit.com about my refund.", "ereturns@intuit.com"),
        ("Their store is at 42 Elm Street, Springfield.", "42 Elm Street, Springfield"),
        ("My license plate is ABC 1234 lol", "ABC 1234"),
        ("Send it to SW1A 1AA please", "SW1A 1AA"),
        ("They're not answering at 78 651 450", "78 651 450"),
    ],
)
def test_public_or_uncertain_is_hold(text: str, evidence: str) -> None:
    assert ("hold", evidence) in pii(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cheaper at Amazon.com than in the store.",
        "I bought it at Amazon.com, have it shipped monthly.",
        "Great price at MINT.com too",
        "It is a 2 way street. Ordered via Amazon 2 days ago. Via Amazon 3 days later it came.",
        "I took 2 Advil Dr said it was fine",
        "John Miller at the warehouse was rude",  # a name is not R-PII in a review
        "Kate Spade bag, love it",
        "Office 2013/365 is nice",
        "Die Lampe kostet 29,99 € und hat 1200 Lumen.",
        "Rated 4.5 by 12,345 people since 2019-2020.",
        "Fits models 1234-5678 and 8765-4321",
        "5 Star Court rating",
        "one two three four five six seven eight nine, done",
        "I am at work dot com",
        "meet me @ home. Shop there",
        "rate: 5 @ 10.00 each",
    ],
)
def test_innocent_texts_are_not_flagged(text: str) -> None:
    assert pii(text) == []


# --- extractors ------------------------------------------------------------------------------------------------

def test_email_extractor_flags_business_addresses() -> None:
    ex = EmailExtractor()
    (m,) = ex.find(prepare("ernie7764@roadrunner.com"))
    assert not m.public and not m.obfuscated
    (m,) = ex.find(prepare("Email SwitchToBlock@hrblock.com"))
    assert m.public
    (m,) = ex.find(prepare("email me at bob@smithfamily.net"))
    assert not m.public


@pytest.mark.parametrize(
    ("text", "country", "complete"),
    [
        ("42 Elm Street, Springfield", "US/UK", True),
        ("1600 Pennsylvania Avenue NW, Washington, DC 20500", "US/UK", True),
        ("Hauptstraße 5, 10115 Berlin", "DE", True),
        ("Berliner Straße 12a", "DE", False),
        ("12 rue de la Paix, 75002 Paris", "FR", True),
        ("Via Roma 10, 00184 Roma", "IT", True),
        ("Calle Mayor 3, 28013 Madrid", "ES", True),
    ],
)
def test_address_formats(text: str, country: str, complete: bool) -> None:
    (m,) = AddressExtractor().find(prepare(text))
    assert (m.kind, m.country, m.complete) == ("street", country, complete)
    assert m.start == 0


@pytest.mark.parametrize(
    ("text", "language", "evidence", "cue"),
    [
        ("John Miller at the warehouse was rude", "en", "John Miller", True),
        ("I spoke to Maria Lopez yesterday", "en", "Maria Lopez", True),
        ("Thanks Mr. Smith!", "en", "Mr. Smith", True),
        ("Herr Becker vom Kundenservice war freundlich", "de", "Herr Becker", True),
        ("J'ai parlé avec Marie Dupont du service client", "fr", "Marie Dupont", True),
        ("Ho parlato con Giulia Rossi", "it", "Giulia Rossi", True),
        ("Hablé con José García", "es", "José García", True),
        ("Mark Twain wrote it", "en", "Mark Twain", False),
    ],
)
def test_names(text: str, language: str, evidence: str, cue: bool) -> None:
    p = prepare(text)
    got = [(p.text[m.start:m.end], m.cue) for m in NameExtractor().find(p, language)]
    assert (evidence, cue) in got


@pytest.mark.parametrize(
    "text",
    [
        "The seller's support team was rude",
        "Order arrived on 12/03",
        "Great Product And Fast Shipping",
        "Amazon Prime delivered it Monday",
        "Bought it for John. Great gift",
    ],
)
def test_no_names(text: str) -> None:
    assert NameExtractor().find(prepare(text), "en") == []


# --- properties ------------------------------------------------------------------------------------------------

_PIECES = ["Call me at ", "(415) 555-2671", " j o h n (at) gmail [dot] com", " 42 Elm Street, Springfield",
           " 112-4567890-1234567", " ５５５", " five ", "&amp;", "<br />", "\u200b", "é", " Via Roma 10"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join) | st.text(max_size=120))
def test_property_spans_are_evidence(text: str) -> None:
    if not text.strip():
        return
    v = ENGINE.classify(Review(id="p", body=text))
    for f in v.findings:
        for s in f.spans:
            assert 0 <= s.start < s.end <= len(text)
            assert text[s.start:s.end] == s.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_property_extractors_never_crash(text: str) -> None:
    p = prepare(text)
    for m in EmailExtractor().find(p):
        assert 0 <= m.start < m.end <= len(p.text)
    for a in AddressExtractor().find(p):
        assert 0 <= a.start < a.end <= len(p.text)
    for n in NameExtractor().find(p, "en"):
        assert 0 <= n.start < n.end <= len(p.text)


# --- evaluation data (skips without ../shared/data) -------------------------------------------------------------

def test_presidio_email_and_phone_f1() -> None:
    rows = shared_rows("presidio_synthetic_pii")
    emails, phones = EmailExtractor(), PhoneExtractor()
    counts = {"EMAIL_ADDRESS": [0, 0, 0], "PHONE_NUMBER": [0, 0, 0]}
    for r in rows:
        p = prepare(r["full_text"])
        pred = {
            "EMAIL_ADDRESS": {p.clean.to_root(e.start, e.end) for e in emails.find(p)},
            "PHONE_NUMBER": {p.clean.to_root(m.start, m.end) for m in phones.find(p, "US")},
        }
        for kind, c in counts.items():
            gold = {(s["start_position"], s["end_position"]) for s in r["spans"] if s["entity_type"] == kind}
            c[0] += len(gold & pred[kind])
            c[1] += len(pred[kind] - gold)
            c[2] += len(gold - pred[kind])
    for kind, floor in (("EMAIL_ADDRESS", 0.99), ("PHONE_NUMBER", 0.90)):
        tp, fp, fn = counts[kind]
        assert 2 * tp / (2 * tp + fp + fn) >= floor, (kind, counts[kind])


def test_real_reviews_rarely_have_phone_findings() -> None:
    rows = shared_rows("amazon_us_digital_software_10k")
    n = flagged = 0
    for r in rows[:3000]:
        body = r.get("review_body")
        if not isinstance(body, str) or not body.strip():
            continue
        n += 1
        v = ENGINE.classify(Review(id=str(r["row_id"]), body=body))
        flagged += any(f.details.get("pii") == "phone" for f in v.findings)
    assert flagged / n <= 0.005


def test_gold_pii_labels_found() -> None:
    rows = shared_rows("gold_reviews")
    for r in rows:
        gold = [lab for lab in r["labels"] if lab["rule"] == "R-PII"]
        if not gold:
            continue
        found = {(f.tier, s.text) for f in ENGINE.classify(Review(id=r["id"], body=r["text"])).findings for s in f.spans}
        for lab in gold:
            assert (Tier(lab["tier"]), lab["evidence"]) in found, lab
