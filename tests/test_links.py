from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.links import LinkDetector
from reviewrules.detectors.promo import PromotionDetector
from reviewrules.extract.urls import LinkExtractor, LinkMatch
from reviewrules.text import prepare

ENGINE = Engine(Settings(), detectors=[LinkDetector], builtins=False)


def links(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    v = ENGINE.classify(Review(id="t", body=text, language=lang))
    return [(f.tier.value, s.text) for f in v.findings if f.rule == "R-LINKS" for s in f.spans]


@pytest.mark.parametrize(
    ("text", "tier", "evidence"),
    [
        # RULES.md examples
        ("Cheaper at https://mystore.com/blender", "clear", "https://mystore.com/blender"),
        ("Full video review: youtube.com/watch?v=abc123", "clear", "youtube.com/watch?v=abc123"),
        ("https://www.amazon.com/dp/B07XYZ1234?tag=myaffil-20", "clear",
         "https://www.amazon.com/dp/B07XYZ1234?tag=myaffil-20"),
        ("bit.ly/3xYz9", "clear", "bit.ly/3xYz9"),
        # our own variants
        ("Buy direct: hxxps://mystore[.]com/deal", "clear", "hxxps://mystore[.]com/deal"),
        ("my shop is mystore[.]com", "clear", "mystore[.]com"),
        ("See www.mystore.com for spare parts.", "clear", "www.mystore.com"),
        ("Full video: mystore dot com/videos", "clear", "mystore dot com/videos"),
        ("amazon.com/dp/B07XYZ1234?linkCode=ll1&ascsubtag=x", "clear", "amazon.com/dp/B07XYZ1234?linkCode=ll1&ascsubtag=x"),
        ("https://www.amazon.de/dp/B07XYZ1234?utm_source=blog", "clear",
         "https://www.amazon.de/dp/B07XYZ1234?utm_source=blog"),
        ("Short link: amzn.to/3abcDEF", "hold", "amzn.to/3abcDEF"),
        ("I track prices on camelcamelcamel.com before buying.", "hold", "camelcamelcamel.com"),
        ("It is on mystore dot com", "hold", "mystore dot com"),
        ("Tutorial: ｈｔｔｐｓ://mystore.com/x", "clear", "ｈｔｔｐｓ://mystore.com/x"),
        ("Vídeo completo en https://tienda.es/licuadora", "clear", "https://tienda.es/licuadora"),
    ],
)
def test_flagged(text: str, tier: str, evidence: str) -> None:
    assert (tier, evidence) in links(text)


def test_country_domain_in_its_language() -> None:
    assert links("Günstiger bei shop.de", lang="de") == [("hold", "shop.de")]


@pytest.mark.parametrize(
    "text",
    [
        # RULES.md near-misses
        "I also bought the matching case: https://www.amazon.com/dp/B07XYZ1234",
        "Supports USB-C 3.1 and Wi-Fi 6.",
        "Firmware v1.10 fixed the bug.",
        "Saved it as PAYMENT.zip",
        # our own
        'See <a href="http://www.amazon.com/gp/product/B000E7L2R4">this one</a> too.',
        "https://www.amazon.com/gp/product/B0001/ref=cm_cr_arp_d_rvw_ttl?ie=UTF8",
        "The docs for Node.js and ASP.NET are fine.",
        "It ended.Next day it worked again.",
        "Write to jo@example.com if you care.",
        "add more and make a salad.so very good.",
        "when the license expires.it seems fine",
        "These are NOTHING like Oreos.You think wow.",
        "the read.me file was wrong",
        "Version 2.0.1 is out and setup.exe runs.",
        "Great examples . It works.",
        "Try www.c**king.com.",
        "I used Mint.com before this.",
        "CNET.com gives it a good rating.",
    ],
)
def test_not_flagged(text: str) -> None:
    assert links(text) == []


def test_amazon_link_is_exempt() -> None:
    v = ENGINE.classify("I also bought the matching case: https://www.amazon.com/dp/B07XYZ1234")
    assert [e.rule for e in v.exemptions] == ["X-AMAZON-LINK"]


def test_italian_country_domain_counts_in_italian_text() -> None:
    assert links("Lo trovate anche su negozio.it", lang="it") == [("hold", "negozio.it")]
    assert links("when the license expires.it seems fine", lang="en") == []


def test_extractor_api_is_backward_compatible() -> None:
    found = LinkExtractor().find(prepare("go to https://x.example.com/a"), 0.5)
    assert isinstance(found[0], LinkMatch)
    m = found[0]
    assert (m.url, m.host, m.kind, m.weak, m.has_scheme) == ("https://x.example.com/a", "x.example.com", "external",
                                                              False, True)


def test_details_name_the_tags() -> None:
    v = ENGINE.classify("https://www.amazon.com/dp/B07XYZ1234?tag=myaffil-20")
    (f,) = v.findings
    assert f.details["tags"] == ["tag"] and f.tier == Tier.clear


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.:/ wxhtps[]()-@é1?=&Ｗ\n")) | st.characters(), max_size=80))
def test_spans_are_evidence(text: str) -> None:
    if not text.strip():
        return
    v = ENGINE.classify(Review(id="p", body=text))
    for f in v.findings:
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.text


def test_promotion_wins_over_link_and_lists_it_as_related() -> None:
    engine = Engine(Settings(), detectors=[LinkDetector, PromotionDetector], builtins=False)
    v = engine.classify(Review(id="r", body="Check out www.mystore.com for more.", language="en"))
    rules = {f.rule: f for f in v.findings}
    assert "R-PROMO" in rules and "R-LINKS" in rules["R-PROMO"].related


@pytest.mark.parametrize("text", ["word. " * 3000, "a." * 5000, "http://" + "x" * 5000, "[.]" * 3000])
def test_long_inputs_do_not_blow_up(text: str) -> None:
    ENGINE.classify(Review(id="long", body=text))
