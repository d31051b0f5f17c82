"""Mask personal information in a text before storing it: emails, phone numbers, street addresses, licence plates
and Amazon order numbers (optionally people's full names).

``redact`` uses the same extractors as the R-PII rule, with every candidate masked (also the holds: masking a
company's support number costs little, leaking a person's costs much). The text outside the masks is kept
exactly as given; offsets come from the original text, so HTML entities and full-width characters are masked
where they stand.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache

from .detectors.pii import ORDER_NUMBER
from .extract.addresses import AddressExtractor
from .extract.emails import EmailExtractor
from .extract.names import NameExtractor
from .extract.phones import PhoneExtractor
from .settings import Settings, region_for
from .text import guess_language, prepare

__all__ = ["MASKS", "redact"]

#: The placeholder written for each kind of personal information.
MASKS = {
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "address": "[ADDRESS]",
    "postcode": "[ADDRESS]",
    "plate": "[PLATE]",
    "order_number": "[ORDER]",
    "name": "[NAME]",
}


class _Redactor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.emails = EmailExtractor()
        self.phones = PhoneExtractor(settings)
        self.addresses = AddressExtractor()
        self.names = NameExtractor()

    def spans(self, text: str, names: bool, language: str | None) -> list[tuple[int, int, str]]:
        s = self.settings
        field = prepare(text, "body")
        timeout = s.regex_timeout
        found: list[tuple[int, int, str]] = []
        for e in self.emails.find(field, timeout):
            found.append((e.start, e.end, "email"))
        for m in ORDER_NUMBER.finditer(field.text, timeout=timeout):
            found.append((m.start(), m.end(), "order_number"))
        for a in self.addresses.find(field, timeout):
            found.append((a.start, a.end, "plate" if a.kind == "plate" else "address"))
        lang = language
        if lang is None:
            lang = guess_language(field.norm, s.languages_for(s.marketplace)).code
        for p in self.phones.find(field, region_for(s.marketplace), timeout, lang):
            found.append((p.start, p.end, "phone"))
        if names:
            for n in self.names.find(field, lang, timeout):
                if n.confidence >= 0.6:
                    found.append((n.start, n.end, "name"))
        # Map to the original text, keep the earliest of overlapping spans (longest first at equal starts).
        mapped = sorted(((*field.clean.to_root(s0, e0), k) for s0, e0, k in found), key=lambda t: (t[0], -t[1]))
        out: list[tuple[int, int, str]] = []
        for start, end, kind in mapped:
            if out and start < out[-1][1]:
                if end > out[-1][1]:
                    out[-1] = (out[-1][0], end, out[-1][2])
                continue
            out.append((start, end, kind))
        return out


@lru_cache(maxsize=8)
def _redactor(settings: Settings) -> _Redactor:
    return _Redactor(settings)


def redact(
    text: str, settings: Settings | None = None, *, names: bool = False, language: str | None = None
) -> str:
    """Return ``text`` with personal information replaced by placeholders (``[EMAIL]``, ``[PHONE]``,
    ``[ADDRESS]``, ``[PLATE]``, ``[ORDER]``; ``[NAME]`` with ``names=True``).

    ``settings`` selects the marketplace whose phone format is read (default US); ``language`` the first-name
    list and a second phone format (guessed from the text when not given).

    >>> redact("Call me at (415) 555-2671 or mail jo@example.com")
    'Call me at [PHONE] or mail [EMAIL]'
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if not text:
        return text
    r = _redactor(settings or Settings())
    parts: list[str] = []
    last = 0
    for a, b, kind in r.spans(text, names, language):
        parts.append(text[last:a])
        parts.append(MASKS[kind])
        last = b
    parts.append(text[last:])
    return "".join(parts)


class _CallableModule(types.ModuleType):
    """``reviewrules.redact`` is imported lazily; once this module is loaded the package attribute ``redact`` may
    be this module rather than the function, so the module itself calls through to :func:`redact`."""

    def __call__(
        self, text: str, settings: Settings | None = None, *, names: bool = False, language: str | None = None
    ) -> str:
        return redact(text, settings, names=names, language=language)


sys.modules[__name__].__class__ = _CallableModule
