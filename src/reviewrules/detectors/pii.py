"""R-PII: personal information in reviews: email addresses and Amazon order numbers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..extract.emails import EmailExtractor
from ..models import Tier
from ..settings import Settings
from .base import Document, Hit, Subject

_ORDER = regex.compile(r"(?<!\d)\d{3}[-‐–]\d{7}[-‐–]\d{7}(?!\d)")


class PersonalInfoDetector:
    """Flags personal information: email addresses (also obfuscated, ``john (at) gmail [dot] com``; validated with
    email-validator, never the network) and Amazon order numbers (3-7-7 digits)."""

    rules: ClassVar[tuple[str, ...]] = ("R-PII",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.emails = EmailExtractor()

    def detect(self, doc: Document) -> Iterator[Hit]:
        for field in doc.texts():
            for e in self.emails.find(field, doc.timeout):
                yield doc.hit("R-PII", field, e.start, e.end, Tier.clear, 0.97 if not e.obfuscated else 0.9,
                              "email address" + (" (obfuscated)" if e.obfuscated else ""), view=field.clean,
                              details={"pii": "email"})
            if "-" in field.text or "‐" in field.text or "–" in field.text:
                for m in _ORDER.finditer(field.text, timeout=doc.timeout):
                    yield doc.hit("R-PII", field, m.start(), m.end(), Tier.clear, 0.9, "Amazon order number",
                                  view=field.clean, details={"pii": "order_number"})


DETECTORS = (PersonalInfoDetector,)
