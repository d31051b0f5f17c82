"""PhoneExtractor: formats, regions, obfuscations, and the numbers that are not phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewrules import Settings
from reviewrules.extract.phones import PhoneExtractor
from reviewrules.text import prepare

EX = PhoneExtractor()


def found(text: str, region: str = "US", language: str | None = None) -> list[str]:
    p = prepare(text)
    return [p.span(p.clean, m.start, m.end)[2] for m in EX.find(p, region, None, language)]


@pytest.mark.parametrize(
    ("text", "region", "language", "evidence"),
    [
        ("Call me at (415) 555-2671 and I'll tell you more.", "US", None, "(415) 555-2671"),
        ("my cell is 415.555.2671", "US", None, "415.555.2671"),
        ("text me 415_555_2671", "US", None, "415_555_2671"),
        ("call +1 415 555 2671 now", "US", None, "+1 415 555 2671"),
        ("ring me on 07700 900123 tonight", "GB", None, "07700 900123"),
        ("ring me on 07700 900123 tonight", "US", "en", "07700 900123"),  # cue-backed fallback
        ("Ruf mich an: 0171 2345678", "DE", "de", "0171 2345678"),
        ("Ruf mich an: 0171 2345678", "US", "de", "0171 2345678"),  # the language's format as second reading
        ("Appelez-moi au 06 12 34 56 78", "FR", "fr", "06 12 34 56 78"),
        ("Chiamami al 347 123 4567", "IT", "it", "347 123 4567"),
        ("Llámame al 612 345 678", "ES", "es", "612 345 678"),
        ("WhatsApp +49 171 2345678", "US", None, "+49 171 2345678"),
        ("call 0044 20 7946 0958", "US", None, "0044 20 7946 0958"),
        ("電話は０３-１２３４-５６７８まで", "JP", "ja", "０３-１２３４-５６７８"),
        ("電話は０３-１２３４-５６７８まで", "US", "ja", "０３-１２３４-５６７８"),
        ("call me at 4I5 555 2671".replace("I", "1"), "US", None, "415 555 2671"),
        ("call me at 2O2 555 O1O9", "US", None, "2O2 555 O1O9"),  # letter O for zero
        ("Desk: +1-903-140-4508x769", "US", None, "+1-903-140-4508x769"),
        ("They're not answering at 780-999-2181", "US", None, "780-999-2181"),
        ("Phone: 0490 75 40 81", "US", None, "0490 75 40 81"),
        ("call me 4 1 5 5 5 5 2 6 7 1 tonight", "US", None, "4 1 5 5 5 5 2 6 7 1"),
        ("call me 4-1-5-5-5-5-2-6-7-1", "US", None, "4-1-5-5-5-5-2-6-7-1"),
    ],
)
def test_finds_phone_numbers(text: str, region: str, language: str | None, evidence: str) -> None:
    assert evidence in found(text, region, language)


@pytest.mark.parametrize(
    ("text", "language", "evidence"),
    [
        ("Text me on five five five, two six seven one, four four two", "en",
         "five five five, two six seven one, four four two"),
        ("call me: four one five five five five two six seven one", "en", "four one five five five five two six seven one"),
        ("null eins sieben eins, zwei drei vier fünf sechs sieben acht", "de",
         "null eins sieben eins, zwei drei vier fünf sechs sieben acht"),
        ("Llámame: seis uno dos, tres cuatro cinco, seis siete ocho", "es",
         "seis uno dos, tres cuatro cinco, seis siete ocho"),
        ("appelez-moi: zéro six un deux trois quatre cinq six sept huit", "fr",
         "zéro six un deux trois quatre cinq six sept huit"),
        ("chiamami: tre quattro sette uno due tre quattro cinque sei sette", "it",
         "tre quattro sette uno due tre quattro cinque sei sette"),
        ("five 5 five, 2 six 7 one, four four two", "en", "five 5 five, 2 six 7 one, four four two"),
        ("ring me on oh seven seven double oh nine double oh one two three", "en",
         "oh seven seven double oh nine double oh one two three"),
    ],
)
def test_spelled_out_digits(text: str, language: str, evidence: str) -> None:
    matches = EX.find(prepare(text), "US", None, language)
    assert [prepare(text).text[m.start:m.end] for m in matches] == [evidence]
    assert matches[0].spelled


@pytest.mark.parametrize(
    "text",
    [
        "Battery lasts 8–10 hours.",
        "Fits model number WX-1234-5678.",
        "Holds 1,000–2,000 pages.",
        "Measures 12 x 34 x 56 cm.",
        "ISBN 978-3-16-148410-0 matches the paperback.",
        "ISBN 9783161484100 matches the paperback.",
        "My order 112-4567890-1234567 came broken.",
        "Order arrived on 12/03/2024 at 10:30.",
        "On 2007-01-17 23:08:55 the update failed",
        "Paid $1 234 567 for it, lol",
        "It was 1299.99 euros",
        "Version 10.2.3.4 fixed it",
        "my router is at 192.168.100.254",
        "my SSN is 460-89-9847",
        "card 4454 7945 1139 0933 was charged",
        "between 1990-2005 they made these",
        "Part number 12345-67890 fits",
        "I bought 3 packs of 250 sheets, 1500 sheets total",
        "rated 4.5 out of 5 by 12,345 people",
        "I took 2000 mg, then 3000 mg",
        "I reached the top shelf at 5'2\".",
        "office 2013/365 looks good",
        "one two three four five six seven eight, counting sheep",
        "uno due tre quattro cinque sei sette otto",
        "The restaurant is at 17151 2450 Crown St",
        "Score: 100 200 300",
        "Tracking number 1Z999AA10123456784",
        "zip 90210",
        "a double bed and triple room, one two three four five six seven",
        "sizes 10 12 14 16 18 all fit",
        "how can there be 2.124.821.694 views",
        "see example.com/x/8692160#home",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert found(text, "US", "en") == []


def test_public_numbers_are_flagged_public() -> None:
    p = prepare("Called Norton support (800-844-3362). They fixed it.")
    (m,) = EX.find(p, "US")
    assert m.public and not m.weak and m.e164 == "+18008443362"
    p = prepare("Kundenservice erreichbar unter 030 12345678")
    (m,) = EX.find(p, "DE", None, "de")
    assert m.public
    p = prepare("call me at (415) 555-2671")
    (m,) = EX.find(p, "US")
    assert not m.public


def test_fallback_can_be_turned_off() -> None:
    strict = PhoneExtractor(Settings(options={"R-PII": {"phone_fallback": False}}))
    p = prepare("They're not answering at 78 651 450")
    assert EX.find(p, "US") and not strict.find(p, "US")


def test_no_phonenumbers_call_without_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    import phonenumbers

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("phonenumbers called")

    monkeypatch.setattr(phonenumbers, "parse", boom)
    assert EX.find(prepare("Great kettle, 5 stars, boils in 3 minutes."), "US") == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"0123456789 -.()+xOo_/,:", "five ", "null ", "ext", "call me "]), max_size=40)
       .map("".join) | st.text(max_size=80))
def test_property_spans_in_bounds(text: str) -> None:
    p = prepare(text)
    for m in EX.find(p, "US", None, "en"):
        assert 0 <= m.start < m.end <= len(p.text)
        assert 6 <= len(m.digits) <= 15 and m.digits.isdigit()
