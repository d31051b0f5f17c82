"""The per-language term matcher: whole tokens, phrases, stems, allow-lists and the disguises it sees through."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewrules.extract.lexmatch import LexMatcher, prefilter_tokens, tokens
from reviewrules.text import prepare

TERMS = [
    ("shit", "profanity"),
    ("shit*", "profanity"),
    ("*shit", "profanity"),
    ("fuck", "profanity"),
    ("fucking", "profanity"),
    ("ass", "mild"),
    ("hell", "mild"),
    ("piece of shit", "profanity"),
    ("i know where you live", "threat"),
    ("deliberately poison*", "defamation"),
    ("coño", "profanity"),
]
ALLOW = ["shitake", "mishit", "hell of a"]
M = LexMatcher(TERMS, ALLOW)


def found(text: str, matcher: LexMatcher[str] = M) -> list[tuple[str, str, str]]:
    p = prepare(text)
    out = []
    for m in matcher.find(p):
        s, e, ev = p.span(p.norm_view, m.start, m.end)
        assert p.original[s:e] == ev
        out.append((ev, m.value, m.form))
    return out


@pytest.mark.parametrize(
    ("text", "evidence", "form"),
    [
        ("This is shit.", "shit", "plain"),
        ("SHITTY build", "SHITTY", "plain"),
        ("total bullshit", "bullshit", "plain"),
        ("a piece of shit, really", "a piece of shit"[2:], "plain"),
        ("I know where you live.", "I know where you live", "plain"),
        ("They deliberately poisoned us", "deliberately poisoned", "plain"),
        ("sh1t quality", "sh1t", "leet"),
        ("what a$$ hats", "a$$", "leet"),
        ("@ss", "@ss", "leet"),
        ("sh!t happens", "sh!t", "leet"),
        ("f*cking waste", "f*cking", "mask"),
        ("f**k", "f**k", "mask"),
        ("PRICY AS SH**!", "SH**", "mask"),
        ("f u c k this", "f u c k", "spaced"),
        ("f.u.c.k this", "f.u.c.k", "spaced"),
        ("fuuuuck", "fuuuuck", "elongated"),
        ("shiiiiit", "shiiiiit", "elongated"),
        ("ѕhit", "ѕhit", "homoglyph"),  # Cyrillic dze
        ("𝔣𝔲𝔠𝔨 this", "𝔣𝔲𝔠𝔨", "plain"),  # fancy letters: NFKC
        ("fu\u200bck this", "fu\u200bck", "plain"),  # zero-width space
        ("¡Qué coño!", "coño", "plain"),
    ],
)
def test_finds_terms_and_disguises(text: str, evidence: str, form: str) -> None:
    got = found(text)
    assert (evidence, form) in [(ev, f) for ev, _v, f in got], got


@pytest.mark.parametrize(
    "text",
    [
        "Great gift for my nephew in Scunthorpe.",
        "a classic design, easy to assemble",
        "The assessment was fair; the cocktail was good.",
        "The analytics dashboard is useful.",
        "Shitake mushrooms and a golf mishit.",
        "One hell of a deal.",
        "Hello, shell, hellenic",
        "Galaxy A55 phone, 455 pages, 5h",  # digit-heavy tokens are not leetspeak
        "un cono de helado",  # Spanish cone, not coño
        "*great* product **really**",
        "a b c d e",
        "I was deliberately slow.",
        "",
    ],
)
def test_innocent_texts(text: str) -> None:
    assert found(text) == []


def test_phrase_needs_all_tokens_in_order() -> None:
    assert found("you live where I know") == []
    assert [v for _e, v, _f in found("piece of shit")] == ["profanity"]


def test_no_overlapping_matches_and_text_order() -> None:
    got = found("shit, fuck and hell")
    assert [e for e, _v, _f in got] == ["shit", "fuck", "hell"]


def test_prefilter_is_shared() -> None:
    p = prepare("what a pile of shit")
    pre = prefilter_tokens(p)
    assert "shit" in pre
    assert [m.term for m in M.find(p, pre=pre)] == ["shit"]
    assert tokens("don't stop") == ["don", "t", "stop"]


def test_substring_mode_with_allow_list() -> None:
    ja = LexMatcher([("クソ", "mild"), ("死ね", "threat")], ["ジャクソン"], substring=True)
    assert [m.value for m in ja.find(prepare("このクソ製品、死ね"))] == ["mild", "threat"]
    assert ja.find(prepare("マイケル・ジャクソンのCD")) == []
    assert ja.find(prepare("plain ascii")) == []


def test_obfuscation_can_be_switched_off() -> None:
    plain = LexMatcher(TERMS, obfuscation=False)
    assert found("sh!t f*ck f u c k", plain) == []
    assert [e for e, _v, _f in found("shit", plain)] == ["shit"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_spans_in_bounds_on_any_text(text: str) -> None:
    p = prepare(text)
    for m in M.find(p):
        assert 0 <= m.start <= m.end <= len(p.norm)
        s, e, ev = p.span(p.norm_view, m.start, m.end)
        assert 0 <= s <= e <= len(text)
        assert text[s:e] == ev


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="shitfuck*$@!1 .-_ѕһ", max_size=60))
def test_no_crash_on_disguise_alphabet(text: str) -> None:
    p = prepare(text)
    for m in M.find(p):
        assert p.original[slice(*p.norm_view.to_root(m.start, m.end))]
