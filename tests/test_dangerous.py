from __future__ import annotations

import pytest
from hypothesis import given, settings

from conftest import assert_spans_quote, jumbles
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.dangerous import DangerousContentDetector
from reviewrules.models import Finding

RULE = "R-ILLEGAL-DANGEROUS"
ENGINE = Engine(Settings(only=frozenset({RULE})), detectors=[DangerousContentDetector], builtins=False)


def found(body: str, marketplace: str = "US") -> list[Finding]:
    v = ENGINE.classify(Review(body=body, marketplace=marketplace))
    return [f for f in v.findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "marketplace", "tier", "evidence"),
    [
        # RULES.md examples
        ("Remove the blade guard and it cuts twice as fast.", "US", Tier.clear, "Remove the blade guard"),
        ("Perfect for brewing beer with my 15-year-old.", "US", Tier.clear, "brewing beer with my 15-year-old"),
        ("If it breaks again I'll shoot the seller, lol.", "US", Tier.clear, "I'll shoot the seller"),
        # our own, English
        ("Great saw. Remove the blade guard and it cuts twice as fast.", "US", Tier.clear, "Remove the blade guard"),
        ("I removed the safety switch and now it works much better.", "US", Tier.clear, "removed the safety switch"),
        ("Just bypass the thermal fuse, trust me.", "US", Tier.clear, "bypass the thermal fuse"),
        ("I removed the blade guard last week.", "US", Tier.hold, "removed the blade guard"),
        ("The designer should be shot.", "US", Tier.clear, "designer should be shot"),
        ("I'm going to strangle the delivery guy.", "US", Tier.clear, "I'm going to strangle the delivery guy"),
        ("I wanted to strangle the delivery guy.", "US", Tier.hold, "I wanted to strangle the delivery guy"),
        ("Perfect for beer pong with my fifteen year old.", "US", Tier.clear, "beer pong with my fifteen year old"),
        ("Bought the beer kit for my 19 year old.", "US", Tier.hold, "beer kit for my 19 year old"),
        ("Great for snorting cocaine.", "US", Tier.hold, "Great for snorting cocaine"),
        ("Perfect for spying on my wife.", "US", Tier.hold, "spying on my wife"),
        # translations
        ("Quita el protector de la cuchilla y corta el doble de rápido.", "ES", Tier.clear,
         "Quita el protector de la cuchilla"),
        ("Perfecto para hacer cerveza con mi hijo de 15 años.", "ES", Tier.clear,
         "hacer cerveza con mi hijo de 15 años"),
        ("Si se vuelve a romper voy a matar al vendedor, jaja.", "ES", Tier.clear, "voy a matar al vendedor"),
        ("Einfach den Sägeblattschutz entfernen, dann schneidet sie doppelt so schnell.", "DE", Tier.clear,
         "Sägeblattschutz entfernen"),
        ("Perfekt zum Bier brauen mit meinem 15-jährigen.", "DE", Tier.clear, "Bier brauen mit meinem 15-jährigen"),
        ("Wenn es nochmal kaputt geht, bringe ich den Verkäufer um, lol.", "DE", Tier.clear,
         "bringe ich den Verkäufer um"),
        ("Retirez le protège-lame et ça coupe deux fois plus vite.", "FR", Tier.clear, "Retirez le protège-lame"),
        ("Parfait pour brasser de la bière avec mon fils de 15 ans.", "FR", Tier.clear,
         "brasser de la bière avec mon fils de 15 ans"),
        ("Si ça casse encore, je vais buter le vendeur, mdr.", "FR", Tier.clear, "je vais buter le vendeur"),
        ("Togliete la protezione della lama e taglia il doppio più veloce.", "IT", Tier.clear,
         "Togliete la protezione della lama"),
        ("Perfetto per fare la birra con mio figlio di 15 anni.", "IT", Tier.clear,
         "fare la birra con mio figlio di 15 anni"),
        ("Se si rompe ancora ammazzo il venditore, lol.", "IT", Tier.clear, "ammazzo il venditore"),
    ],
)
def test_flagged(text: str, marketplace: str, tier: Tier, evidence: str) -> None:
    (f,) = found(text, marketplace)
    assert f.tier == tier
    assert f.spans[0].text == evidence


@pytest.mark.parametrize(
    ("text", "marketplace"),
    [
        # RULES.md near-misses
        ("Keep the guard on — I nicked my finger once without it.", "US"),
        ("Very sharp knife, be careful.", "US"),
        ("Killer sound quality.", "US"),
        # from the task and our own
        ("This blender is a beast.", "US"),
        ("To die for!", "US"),
        ("My wife will kill me when she sees the price.", "US"),
        ("Don't remove the guard, ever.", "US"),
        ("Never remove the blade guard.", "US"),
        ("I removed the guard to clean it.", "US"),
        ("Bought this beer kit for my 25 year old son.", "US"),
        ("Shoot me an email if you have questions.", "US"),
        ("I wanted to throw it out the window.", "US"),
        ("The battery is dead and it killed my weekend.", "US"),
        ("Perfect for shooting video of the kids.", "US"),
        ("The software flagged it as pirated software, do not buy.", "US"),
        ("We were victims of tax fraud after the breach.", "US"),
        ("Nunca quites el protector.", "ES"),
        ("Ich werde den Verkäufer um eine Erstattung bitten.", "DE"),
        ("Gardez la protection, je me suis coupé une fois.", "FR"),
        ("Coltello molto affilato, fate attenzione.", "IT"),
    ],
)
def test_not_flagged(text: str, marketplace: str) -> None:
    assert found(text, marketplace) == []


@settings(max_examples=150, deadline=None)
@given(jumbles(["i'll", "shoot", "the", "seller", "remove", "guard", "beer", "15-year-old", "ü",
                "and it cuts twice as fast", "."], max_words=30))
def test_spans_are_exact(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, found(text))


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("IF IT BREAKS AGAIN I'LL SHOOT THE SELLER", "I'LL SHOOT THE SELLER"),
        ("if it breaks again i’ll shoot the seller", "i’ll shoot the seller"),  # curly apostrophe
        ("Remove   the   blade guard and it cuts twice as fast", "Remove   the   blade guard"),
    ],
)
def test_case_spacing_and_apostrophes(text: str, evidence: str) -> None:
    (f,) = found(text)
    assert f.tier == Tier.clear and f.spans[0].text == evidence


def test_outcome_is_read_per_sentence_for_each_match() -> None:
    """Several safety-feature removals in one text: each is clear only when its own sentence goes on to praise the
    outcome (what is learnt about a sentence is reused, never carried over to another sentence)."""
    from reviewrules.text import prepare

    det = DangerousContentDetector(Settings())
    text = "I remove the guard. Then I remove the safety switch and it cuts twice as fast. I remove the guard."
    doc = ENGINE.document(Review(body=text))
    hits = [(text[h.start:h.end], h.tier) for h in det.detect(doc)]
    assert hits == [
        ("remove the guard", Tier.hold),
        ("remove the safety switch", Tier.clear),
        ("remove the guard", Tier.hold),
    ]
    same = "I remove the guard, then I remove the safety switch and it cuts twice as fast"
    doc = ENGINE.document(Review(body=same))
    assert [h.tier for h in det.detect(doc)] == [Tier.clear, Tier.clear]
    # Long repetitive input stays cheap and gives one finding per removal.
    long = "remove the guard " * 1000
    assert len(list(det.detect(ENGINE.document(Review(body=long))))) == len(prepare(long, "body").folded.split()) // 3
