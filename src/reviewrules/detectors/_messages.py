"""Shared plumbing of the message detectors (not a detector module: the engine skips names starting with ``_``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..extract.msgcues import LANGUAGES, MessageCues, Reading, record_offence
from ..models import Concerns, MessagePurpose, Tier
from ..text import PreparedText
from .base import Document, Hit

__all__ = ["concerns", "emit", "emit_root", "fields", "purpose", "reading"]

_FIELDS = ("subject", "body", "html")


def fields(doc: Document) -> list[PreparedText]:
    return [doc.fields[n] for n in _FIELDS if n in doc.fields]


def reading(doc: Document, cues: MessageCues) -> Reading:
    """The message read once per document, shared by every message detector."""
    r = doc.notes.get("msg_reading")
    if not isinstance(r, Reading):
        lang = reading_language(doc)
        r = cues.read(fields(doc), lang, doc.timeout)
        if not doc.language.reliable and lang != "ja":
            # Short text: the language guess may be wrong. Read it in each plausible language and keep the reading
            # that explains most of the message (one language's lexicons at a time, never a union).
            best = _weight(r)
            for other in _candidates(doc, lang):
                alt = cues.read(fields(doc), other, doc.timeout)
                w = _weight(alt)
                if w > best:
                    r, best = alt, w
        if not r.asks() and lang != "ja":
            # A sentence in another language ("Hello Anna, ... Bitte löschen Sie Ihre Bewertung."): read the message
            # in that language too, and keep the extra reading only when it finds a change request.
            folded = " ".join(f.folded for f in fields(doc))
            for other in LANGUAGES:
                if other in (r.lang, "ja") or not cues.mentions_target(other, folded):
                    continue
                alt = cues.read(fields(doc), other, doc.timeout)
                if alt.asks():
                    r = Reading(r.fields + alt.fields, r.lang)
                    break
        doc.notes["msg_reading"] = r
    return r


def _weight(r: Reading) -> int:
    n = 10 * len(r.asks())
    for fc in r.fields:
        for cat in ("review", "feedback", "alter", "remedy", "perk", "nocost", "solicit", "positive", "greeting", "filler"):
            n += len(fc.cues.get(cat, ()))
    return n


def _candidates(doc: Document, lang: str) -> list[str]:
    out: list[str] = []
    scores = doc.language.scores or {}
    for code in sorted(scores, key=lambda c: -scores[c]):
        if code in LANGUAGES and code not in (lang, "ja") and code not in out:
            out.append(code)
    for code in doc.settings.languages_for(doc.marketplace):
        if code in LANGUAGES and code not in (lang, "ja") and code not in out:
            out.append(code)
    return out[:3]


def reading_language(doc: Document) -> str:
    """The detected language, or the buyer's language of preference when the text is too short to tell."""
    lang = doc.language.code
    m = doc.message
    if m is not None and m.buyer_language and not doc.language.reliable:
        want = m.buyer_language.replace("-", "_").split("_")[0].lower()
        if want in LANGUAGES:
            return want
    return lang


def concerns(doc: Document) -> Concerns:
    m = doc.message
    return m.concerns if m is not None else Concerns.unknown


def purpose(doc: Document) -> MessagePurpose:
    m = doc.message
    return m.purpose if m is not None else MessagePurpose.proactive


def emit(
    doc: Document,
    rule: str,
    prepared: PreparedText,
    start: int,
    end: int,
    tier: Tier,
    confidence: float,
    message: str,
    *,
    review: bool = False,
    emoji: bool = False,
    drop: bool = True,
    details: Mapping[str, Any] | None = None,
) -> Hit:
    """A hit in ``norm`` offsets; the sentence it falls in is left out of the compliant version (``drop``)."""
    h = doc.hit(rule, prepared, start, end, tier, confidence, message, details=details)
    if drop:
        record_offence(doc, h.field, h.start, h.end, review=review, emoji=emoji)
    return h


def emit_root(
    doc: Document,
    rule: str,
    field: str,
    start: int,
    end: int,
    tier: Tier,
    confidence: float,
    message: str,
    details: Mapping[str, Any] | None = None,
    *,
    drop: bool = True,
    emoji: bool = False,
) -> Hit:
    """A hit already in original offsets of ``field``."""
    if drop:
        record_offence(doc, field, start, end, emoji=emoji)
    return Hit(rule, field, start, end, tier, confidence, message, details)
