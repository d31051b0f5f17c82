from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewrules.text import guess_language, prepare

TRICKY = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["&amp;", "&#34;", "<br />", "<a href=\"http://x.com\">", "</a>", "\u200b", "\u200d", "ß", "İ", "ﬁ", "Ｓ", "𝔇", "\r\n"]),
    ),
    max_size=40,
).map("".join)


def _check_all_spans(original: str) -> None:
    p = prepare(original)
    for view in (p.clean, p.norm_view, p.folded_view, p.leet_view):
        n = len(view.text)
        for a in range(0, n + 1, max(1, n // 7 or 1)):
            for b in range(a, n + 1, max(1, n // 5 or 1)):
                s, e = view.to_root(a, b)
                assert 0 <= s <= e <= len(original)


@given(TRICKY)
@settings(max_examples=300, deadline=None)
def test_views_map_back_inside_the_original(text: str) -> None:
    _check_all_spans(text)


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_unicode_prepares(text: str) -> None:
    p = prepare(text)
    assert isinstance(p.norm, str) and isinstance(p.leet, str)
    assert len(p.folded) == len(p.norm) == len(p.leet)
    for s, e in p.sentences:
        assert 0 <= s < e <= len(p.norm)


def test_html_entities_and_tags_are_decoded_with_exact_spans() -> None:
    original = 'I said &#34;wow&#34;<br />Buy at <a href="http://shop.example.com/x">here</a> &amp; more'
    p = prepare(original)
    assert '"wow"' in p.text and "\n" in p.text and "&" in p.text
    m = regex.search("shop.example.com/x", p.text)
    assert m
    s, e, ev = p.span(p.clean, *m.span())
    assert ev == "shop.example.com/x" == original[s:e]
    m = regex.search('"wow"', p.text)
    assert m
    s, e, ev = p.span(p.clean, *m.span())
    assert ev == "&#34;wow&#34;"


def test_zero_width_and_homoglyphs_fold_but_evidence_is_original() -> None:
    original = "what a s\u200bh\u200bi\u200bt product, ѕhit"
    p = prepare(original)
    assert "shit" in p.norm
    m = regex.search("shit", p.norm)
    assert m
    assert p.span(p.norm_view, *m.span())[2] == "s\u200bh\u200bi\u200bt"
    hits = [p.span(p.folded_view, *x.span())[2] for x in regex.finditer("shit", p.folded)]
    assert hits[-1] == "ѕhit"


def test_nfkc_and_casefold_expansions() -> None:
    p = prepare("ＳＴＲＡßＥ ﬁne")
    assert p.norm == "strasse fine"
    m = regex.search("fine", p.norm)
    assert m
    assert p.span(p.norm_view, *m.span())[2] == "ﬁne"
    m = regex.search("strasse", p.norm)
    assert m
    assert p.span(p.norm_view, *m.span())[2] == "ＳＴＲＡßＥ"


def test_leet_view() -> None:
    p = prepare("sh1t and a$$")
    assert "shit" in p.leet and "ass" in p.leet


def test_sentences() -> None:
    p = prepare("Arrived fast. The blade is sharp!  Version 1.5 works.\n\nNew para")
    texts = [p.norm[s:e] for s, e in p.sentences]
    assert texts == ["arrived fast.", "the blade is sharp!", "version 1.5 works.", "new para"]


def test_language_guess() -> None:
    assert guess_language("Produit de très bonne qualité, je recommande.").code == "fr"
    assert guess_language("Sehr gutes Produkt, funktioniert einwandfrei.").code == "de"
    assert guess_language("Muy buen producto, lo recomiendo.").code == "es"
    assert guess_language("Prodotto ottimo, funziona molto bene e lo consiglio.").code == "it"
    assert guess_language("Works great with my Nintendo Switch and the battery lasts.").code == "en"
    assert guess_language("Bu ürünü beğendim ama kablo kısa.").code == "tr"
    assert guess_language("電話は０３-１２３４-５６７８まで").code == "ja"
    short = guess_language("ok", ("de", "en"))
    assert not short.reliable and short.code == "de"
    assert guess_language("12345 !!!").code == "unknown"
