"""Ready-to-send removal request texts: for Report Abuse or an email to Amazon about a review, and for a seller
feedback removal or strike-through request.

A request names each broken guideline in plain words and quotes the evidence, in the marketplace's language (en,
de, fr, it, es; others fall back to English). It carries no personal data beyond the quoted evidence: no reviewer
id, no names, no order numbers, and evidence of personal-information rules (R-PII, F-SELLER-PII) is quoted masked,
as is any part of another rule's evidence that overlaps personal information. The texts are data
(``data/lexicons/<lang>/report_texts.txt``) so that a translation can be corrected without touching code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

import regex

from .lexicon import lexicon
from .models import Finding, Span

__all__ = ["LANGUAGES", "PII_RULES", "mask", "quote_evidence", "removal_request", "report_language"]

#: Languages with hand-written request texts.
LANGUAGES = ("en", "de", "fr", "it", "es")
#: Rules whose evidence is personal information: quoted masked, never in clear.
PII_RULES = frozenset({"R-PII", "F-SELLER-PII"})
#: Longest quote per piece of evidence (characters); longer evidence is cut with an ellipsis.
MAX_QUOTE = 160
#: Pieces of evidence quoted per rule.
MAX_QUOTES_PER_RULE = 3

_ALNUM = regex.compile(r"[\p{L}\p{N}]")
# Ids that look like contact data or long digit runs (order numbers, phones) are left out of the request.
_UNSAFE_ID = regex.compile(r"@|\d{6,}|\d{3}[-\s]\d{3,}")
_ALWAYS_MASK = regex.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}|\+?\d[\d\s().\-]{5,30}\d")
_DEFAULT_IDS = frozenset({"review", "feedback", "message"})
_QUOTES = MappingProxyType({"en": ("\u201c", "\u201d"), "de": ("\u201e", "\u201c"), "fr": ("« ", " »"),
                            "it": ("\u00ab", "\u00bb"), "es": ("\u00ab", "\u00bb")})


@lru_cache(maxsize=8)
def _texts(language: str) -> MappingProxyType[str, str]:
    out: dict[str, str] = {}
    for line in lexicon("report_texts", language):
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return MappingProxyType(out)


def report_language(languages: Sequence[str]) -> str:
    """The first of a marketplace's languages that has request texts, else English."""
    for lang in languages:
        if lang in LANGUAGES:
            return lang
    return "en"


def mask(text: str) -> str:
    """Replace every letter and digit with a bullet, keeping separators: ``jo@example.com`` -> ``••@•••••••.•••``."""
    masked: str = _ALNUM.sub("•", text)
    return masked


def quote_evidence(span: Span, pii: Iterable[Span], *, masked: bool = False) -> str:
    """The evidence text of ``span``, with every part that overlaps a personal-information span masked (or all of
    it when ``masked``), cut to :data:`MAX_QUOTE` characters."""
    text = span.text
    if masked:
        text = mask(text)
    else:
        chars = list(text)
        for p in pii:
            if p.field != span.field or p.subject_id != span.subject_id:
                continue
            lo, hi = max(p.start, span.start), min(p.end, span.end)
            for i in range(lo, hi):
                c = chars[i - span.start]
                if _ALNUM.match(c):
                    chars[i - span.start] = "•"
        text = "".join(chars)
    # Belt and braces: contact data and long numbers are masked even when no personal-information rule saw them.
    text = _ALWAYS_MASK.sub(lambda m: mask(m.group(0)), text)
    text = " ".join(text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1].rstrip() + "…"
    return text


def _safe_id(value: str | None) -> str | None:
    if not value or value in _DEFAULT_IDS or _UNSAFE_ID.search(value) or len(value) > 64:
        return None
    return value


def removal_request(
    findings: Sequence[Finding],
    *,
    subject: Literal["review", "feedback"] = "review",
    language: str = "en",
    subject_id: str | None = None,
    product_id: str | None = None,
    strike: bool = False,
    pii: Sequence[Finding] = (),
    title: Callable[[str], str] | None = None,
) -> str:
    """A request text for the given (clear) findings.

    ``pii`` lists the personal-information findings of the same subject (any tier): their spans are masked
    wherever other evidence overlaps them. ``title`` gives a plain description of a rule that has no hand-written
    text (plugin rules), in English. ``strike`` asks for a seller feedback strike-through instead of removal.
    """
    lang = language if language in LANGUAGES else "en"
    t = _texts(lang)
    en = _texts("en")
    open_q, close_q = _QUOTES[lang]
    pii_spans = [s for f in (*pii, *findings) if f.rule in PII_RULES for s in f.spans]
    sid = _safe_id(subject_id)
    pid = _safe_id(product_id)
    ident = f" {sid}" if sid else ""
    if subject == "review":
        product = " " + t["product"].format(product=pid) if pid else ""
        intro = t["intro_review"].format(id=ident.strip(), product=product)
        closing = t["closing_review"]
    else:
        intro = t["intro_feedback_strike" if strike else "intro_feedback_remove"].format(id=ident.strip(), product="")
        closing = t["closing_feedback"]
    intro = " ".join(intro.split()).replace(" ,", ",")
    if lang != "fr":
        intro = intro.replace(" :", ":")
    lines = [t["greeting"], "", intro, ""]
    seen: set[str] = set()
    n = 0
    for f in findings:
        if f.rule in seen:
            continue
        seen.add(f.rule)
        n += 1
        what = t.get(f.rule) or en.get(f.rule) or (title(f.rule) if title else f.rule)
        lines.append(f"{n}. {what[:1].upper()}{what[1:]} ({f.rule}).")
        quotes: list[str] = []
        for s in f.spans:
            q = quote_evidence(s, pii_spans, masked=f.rule in PII_RULES)
            if q and q not in quotes:
                quotes.append(q)
            if len(quotes) >= MAX_QUOTES_PER_RULE:
                break
        if quotes:
            label = t["evidence"]
            sep = " : " if lang == "fr" else ": "
            suffix = f" {t['masked']}" if f.rule in PII_RULES else ""
            lines.append(f"   {label}{sep}" + "; ".join(f"{open_q}{q}{close_q}" for q in quotes) + suffix)
    lines += ["", closing]
    return "\n".join(lines)
