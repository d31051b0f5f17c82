from __future__ import annotations

import pytest
from hypothesis import given, settings

from conftest import assert_spans_quote, jumbles
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.spam import SpamDetector
from reviewrules.models import Finding

RULE = "R-SPAM"
ENGINE = Engine(Settings(only=frozenset({RULE})), detectors=[SpamDetector], builtins=False)


def found(body: str, title: str | None = None) -> list[Finding]:
    v = ENGINE.classify(Review(body=body, title=title))
    return [f for f in v.findings if f.rule == RULE]


CAT = " /\\_/\\\n( o.o )\n > ^ <\n /|   |\\\n(_|   |_)"
BOX = "╔══════════╗\n║  BUY ME  ║\n╚══════════╝"


@pytest.mark.parametrize(
    ("text", "tier", "evidence"),
    [
        # RULES.md examples
        ("good good good good good good good good", Tier.clear, "good good good good good good good good"),
        ("!!!!!!!!!!!!!!!!!!!!!!!!!!!!", Tier.clear, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!"),
        ("asdfghjkl qwertyuiop zxcvbnm", Tier.clear, "asdfghjkl qwertyuiop zxcvbnm"),
        (CAT, Tier.clear, CAT.strip()),
        # variants of our own
        (BOX, Tier.clear, BOX),
        ("GOOD GOOD GOOD GOOD GOOD GOOD", Tier.clear, "GOOD GOOD GOOD GOOD GOOD GOOD"),
        ("good, good, good, good, good, good!", Tier.clear, "good, good, good, good, good, good"),
        ("great product great product great product great product", Tier.clear,
         "great product great product great product great product"),
        ("Muy bueno muy bueno muy bueno muy bueno", Tier.clear, "Muy bueno muy bueno muy bueno muy bueno"),
        ("Sehr gut sehr gut sehr gut sehr gut", Tier.clear, "Sehr gut sehr gut sehr gut sehr gut"),
        ("Très bien très bien très bien très bien", Tier.clear, "Très bien très bien très bien très bien"),
        ("Ottimo ottimo ottimo ottimo ottimo ottimo", Tier.clear, "Ottimo ottimo ottimo ottimo ottimo ottimo"),
        ("Great. good good good good good good good good good good good good good", Tier.clear,
         "good good good good good good good good good good good good good"),
        ("jkhgfdsz wqpzxr", Tier.clear, "jkhgfdsz wqpzxr"),
        ("azertyuiop qsdfghjklm", Tier.clear, "azertyuiop qsdfghjklm"),
        ("?!?!?!?!?!?!?!", Tier.clear, "?!?!?!?!?!?!?!"),
        ("Lorem ipsum dolor sit amet", Tier.clear, "Lorem ipsum dolor sit amet"),
        # hold
        ("🌟🌟🌟🌟🌟 Best product ever! 🌟🌟🌟🌟🌟", Tier.hold, "🌟🌟🌟🌟🌟"),
        ("😍😍😍😍", Tier.hold, "😍😍😍😍"),
        ("very very very very very good product, I use it daily and it works well for my needs", Tier.hold,
         "very very very very very"),
        ("Great blender, strong motor and easy to clean. asdfghjkl", Tier.hold, "asdfghjkl"),
        ("???", Tier.hold, "???"),
    ],
)
def test_flagged(text: str, tier: Tier, evidence: str) -> None:
    (f,) = found(text)
    assert f.tier == tier
    assert f.spans[0].text == evidence


@pytest.mark.parametrize(
    "text",
    [
        # RULES.md near-misses
        "Love it!!!",
        "5/5, would buy again.",
        "Works. Works well. Works every single time.",
        "10/10 😍",
        # our own
        "Sooooooooo good",
        "Mmmmmmm, tasty.",
        "It is very very good.",
        "Nutrition facts:\n-----------------\nCalories 125\nFat 2g",
        "Step 1: open the lid. Step 2: fill it. Step 3: press start.",
        "Our typewriter, a territory map and property taxes: pretty quiet stuff.",
        "Rhythm and strengths.",
        "The HTML and CSS export works, and the PDF too.",
        "Me encanta, funciona muy bien.",
        "Ich bin sehr zufrieden, sehr gut verarbeitet.",
        "¯\\_(ツ)_/¯ it works",
        ":)",
    ],
)
def test_not_flagged(text: str) -> None:
    assert found(text) == []


def test_title_symbols_with_real_body_not_flagged() -> None:
    assert found("Strong motor, blends ice well.", title="!!!!!!!") == []


def test_symbols_in_both_fields_flagged() -> None:
    fs = found("!!!!!!!!!!", title="??????")
    assert fs and fs[0].tier == Tier.clear


def test_whole_review_elongated_letter_is_spam_but_not_with_content() -> None:
    assert found("aaaaaaaaaaaaaaa")[0].tier == Tier.clear
    assert found("Tasty chowder, better than other canned ones.", title="MMMMMM") == []


@settings(max_examples=150, deadline=None)
@given(jumbles(["good", "asdfghjkl", "!!!", "🌟", "\n", "/\\_", "|#|", " ", "ok"], ""))
def test_spans_are_exact(text: str) -> None:
    if not text.strip():
        return
    assert_spans_quote(text, found(text))


def test_single_letter_noise_inside_text_is_not_repetition() -> None:
    assert found("Short, Sexy and Steamy&iexcl;K&iexcl;K&iexcl;K&iexcl;K&iexcl;K. My three favourite colours! "
                 "Sean is up for a promotion at his law firm and the dinner is a test.") == []


def test_symbols_only_evidence_is_one_span_per_line() -> None:
    (f,) = found("!!!!!\n?????")
    assert f.tier == Tier.clear
    assert [s.text for s in f.spans] == ["!!!!!", "?????"]
