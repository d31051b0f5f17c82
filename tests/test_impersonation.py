from __future__ import annotations

import pytest
from hypothesis import given, settings

from conftest import assert_spans_quote, jumbles
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.impersonation import ImpersonationDetector
from reviewrules.models import Finding

RULE = "R-PLAGIARISM-IMPERSONATION"
ENGINE = Engine(Settings(only=frozenset({RULE})), detectors=[ImpersonationDetector], builtins=False)


def found(body: str, marketplace: str = "US") -> list[Finding]:
    v = ENGINE.classify(Review(body=body, marketplace=marketplace))
    return [f for f in v.findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "marketplace", "evidence"),
    [
        # RULES.md and task examples
        ("This is Apple Support: please update your firmware to fix the issue.", "US", "This is Apple Support"),
        ("We are writing as the official Samsung team to apologise.", "US", "as the official Samsung team"),
        ("Copied from the manufacturer's description: 1200W motor, 6 blades.", "US",
         "Copied from the manufacturer's description"),
        ("Great blender, quiet and strong. (from the magazine review)", "US", "(from the magazine review)"),
        # gold-set style and our own
        ("For those who need to know how to return it, this is from Intuit's website: call us.", "US",
         "this is from Intuit's website:"),
        ("Bear with me while I copy from the Lakewood website: Nutrition facts...", "US",
         "copy from the Lakewood website"),
        ("Samsung Support here: we are sorry for the trouble.", "US", "Samsung Support here:"),
        ("Dear valued customers, we have fixed the problem.", "US", "Dear valued customers"),
        # translations
        ("Este es el soporte técnico de Apple: actualice el firmware.", "ES", "Este es el soporte técnico de Apple"),
        ("Copiado de la descripción del fabricante: motor de 1200W.", "ES", "Copiado de la descripción"),
        ("Hier ist der Apple Support: bitte aktualisieren Sie die Firmware.", "DE", "Hier ist der Apple Support"),
        ("Von der Herstellerseite kopiert: 1200 Watt Motor, sehr gut.", "DE", "Von der Herstellerseite kopiert"),
        ("Ici le support Apple : mettez à jour le firmware.", "FR", "Ici le support Apple"),
        ("Copié depuis la fiche du fabricant : moteur 1200W.", "FR", "Copié depuis la fiche"),
        ("Questo è il supporto Apple: aggiornate il firmware.", "IT", "Questo è il supporto Apple"),
        ("Copiato dal sito del produttore: motore da 1200W.", "IT", "Copiato dal sito"),
    ],
)
def test_flagged_hold(text: str, marketplace: str, evidence: str) -> None:
    (f,) = found(text, marketplace)
    assert f.tier == Tier.hold
    assert f.spans[0].text == evidence


@pytest.mark.parametrize(
    ("text", "marketplace"),
    [
        # RULES.md near-misses
        ("The manual says to descale it monthly, which is fair.", "US"),
        ("John Smith", "US"),
        # our own
        ("This is the best customer service I have ever had.", "US"),
        ("This is a rip-off. Customer Service for Intuit is a voicemail hell.", "US"),
        ("Since this is from the same company as my old one, setup was easy.", "US"),
        ("I'm writing this on behalf of my mother, who loves it.", "US"),
        ("I did not copy the description, these are my own words.", "US"),
        ("El servicio de atención al cliente fue excelente.", "ES"),
        ("Der Kundenservice war sehr freundlich.", "DE"),
        ("Le service client est très réactif.", "FR"),
        ("Il servizio clienti è stato ottimo.", "IT"),
    ],
)
def test_not_flagged(text: str, marketplace: str) -> None:
    assert found(text, marketplace) == []


@settings(max_examples=150, deadline=None)
@given(jumbles(["This", "is", "Apple", "Support", "copied", "from", "the", "website", ":", "(", ")", "ß", "İ"],
               max_words=30))
def test_spans_are_exact(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, found(text))


def test_case_and_spacing_variants() -> None:
    (f,) = found("THIS IS APPLE SUPPORT: update now")
    assert f.spans[0].text == "THIS IS APPLE SUPPORT"
    (f,) = found("copied  straight from the  manufacturer's website, sorry")
    assert f.spans[0].text == "copied  straight from the  manufacturer's website"
