from __future__ import annotations

import pytest
from hypothesis import given, settings

from conftest import assert_spans_quote, jumbles
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.medical import MedicalClaimDetector
from reviewrules.models import Finding

RULE = "R-MEDICAL-CLAIMS"
ENGINE = Engine(Settings(only=frozenset({RULE})), detectors=[MedicalClaimDetector], builtins=False)


def found(body: str, marketplace: str = "US") -> list[Finding]:
    v = ENGINE.classify(Review(body=body, marketplace=marketplace))
    return [f for f in v.findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "marketplace", "evidence"),
    [
        # RULES.md examples
        ("This tea cured my diabetes.", "US", "cured my diabetes"),
        ("Prevents cancer, my doctor is amazed.", "US", "Prevents cancer"),
        ("Cured my depression in a week.", "US", "Cured my depression"),
        # our own, English
        ("My arthritis is completely gone!", "US", "arthritis is completely gone"),
        ("It's a noteworthy fighter of heart disease and Alzheimer's type dementia.", "US",
         "fighter of heart disease"),
        ("This oil cured my wife's migraines.", "US", "cured my wife's migraines"),
        ("Helps prevent strokes and heart attacks.", "US", "Helps prevent strokes"),
        ("C-U-R-E-D my diabetes", "US", None),
        ("Great anti-cancer tea.", "US", "anti-cancer"),
        # translations
        ("Este té curó mi diabetes.", "ES", "curó mi diabetes"),
        ("Previene el cáncer, mi médico está asombrado.", "ES", "Previene el cáncer"),
        ("Me curó la depresión en una semana.", "ES", "Me curó la depresión"),
        ("Dieser Tee hat meinen Diabetes geheilt.", "DE", "Diabetes geheilt"),
        ("Beugt Krebs vor, mein Arzt ist erstaunt.", "DE", "Beugt Krebs vor"),
        ("Heilt Lungenkrebs!", "DE", "Heilt Lungenkrebs"),
        ("Ce thé a guéri mon diabète.", "FR", "guéri mon diabète"),
        ("Prévient le cancer, mon médecin est stupéfait.", "FR", "Prévient le cancer"),
        ("Questo tè ha curato il mio diabete.", "IT", "curato il mio diabete"),
        ("Previene il cancro, il mio medico è stupito.", "IT", "Previene il cancro"),
        ("La mia depressione è sparita in una settimana.", "IT", "depressione è sparita"),
    ],
)
def test_flagged_hold(text: str, marketplace: str, evidence: str | None) -> None:
    fs = found(text, marketplace)
    if evidence is None:  # spelled-out letters are not read (documented limit)
        assert fs == []
        return
    (f,) = fs
    assert f.tier == Tier.hold
    assert f.spans[0].text == evidence


@pytest.mark.parametrize(
    ("text", "marketplace"),
    [
        # RULES.md near-misses
        ("The heating pad soothes my sore back.", "US"),
        ("Helped me feel less bloated.", "US"),
        ("Nice for dry skin.", "US"),
        # our own
        ("It won't cure your diabetes but it tastes good.", "US"),
        ("It claims to prevent cancer, yeah right.", "US"),
        ("Great dog treats for my diabetic dog.", "US"),
        ("Helps with my arthritis pain a little.", "US"),
        ("Let the epoxy cure for 24 hours.", "US"),
        ("Prevents scratches on the screen.", "US"),
        ("Cured my craving for chips.", "US"),
        ("No cura el cáncer, claro, pero sabe bien.", "ES"),
        ("Muy bueno para la piel seca.", "ES"),
        ("Sehr angenehm für meinen Rücken.", "DE"),
        ("Parfait pour la peau sèche.", "FR"),
        ("Ottimo per la pelle secca.", "IT"),
    ],
)
def test_not_flagged(text: str, marketplace: str) -> None:
    assert found(text, marketplace) == []


@settings(max_examples=150, deadline=None)
@given(jumbles(["cured", "my", "diabetes", "cancer", "prevents", "is", "gone", "não", "ü", " "], max_words=30))
def test_spans_are_exact(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, found(text))


@pytest.mark.parametrize(
    ("text", "marketplace", "evidence"),
    [
        ("This tea сured my diabetes.", "US", "сured my diabetes"),  # Cyrillic "с"
        ("Previene el cancer, sin tilde.", "ES", "Previene el cancer"),
        ("CURED MY DEPRESSION!!!", "US", "CURED MY DEPRESSION"),
        ("Hat meine Depression komplett geheilt.", "DE", "Depression komplett geheilt"),
    ],
)
def test_disguised_and_unaccented(text: str, marketplace: str, evidence: str) -> None:
    (f,) = found(text, marketplace)
    assert f.spans[0].text == evidence
