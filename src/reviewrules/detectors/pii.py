"""R-PII: personal information in reviews: emails, phone numbers, street addresses, licence plates, order numbers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..extract.addresses import AddressExtractor
from ..extract.emails import EmailExtractor
from ..extract.phones import PhoneExtractor
from ..models import Tier
from ..settings import Settings, region_for
from .base import Document, Hit, Subject

__all__ = ["ORDER_NUMBER", "PersonalInfoDetector"]

#: Amazon order number: 3-7-7 digits (any dash).
ORDER_NUMBER = regex.compile(r"(?<!\d)\d{3}[-‐‑–][ ]?\d{7}[ ]?[-‐‑–][ ]?\d{7}(?!\d)")
_PERSONAL_PHONE_CUE = regex.compile(
    r"\b(?:call|text|ring|whatsapp|reach|contact|message|phone|sms)\s(?:me|us)\b|\bmy\s(?:phone|cell|mobile|number|"
    r"tel|whatsapp)|\bme\s(?:on|at)\s?$|\bmeine?\s(?:nummer|handynummer|telefonnummer)|\bruf(?:t|en\ssie)?\smich|"
    r"\bmi\s(?:número|numero|teléfono|telefono|móvil|cellulare)|\bllám(?:a|e)me|\bchiamami|\bmon\s(?:numéro|"
    r"portable|téléphone)|\bappelez[-\s]moi",
    regex.V1,
)


class PersonalInfoDetector:
    """Flags personal information in a review, as Amazon's Community Guidelines list it: **email addresses**,
    **phone numbers**, **mailing addresses**, **licence plates** and **Amazon order numbers** (3-7-7 digits).

    - Emails are validated with email-validator (syntax only, never the network) and are also found when written
      ``j o h n (at) gmail [dot] com``, with brackets or full-width signs.
    - Phone numbers are read with python-phonenumbers for the marketplace's region (UK → GB) and as
      international ``+CC`` numbers, behind a cheap digit pre-filter. Full-width digits, letter O for zero,
      ``_``/``.``/space separators and digits spelled out in English, Spanish, German, French or Italian ("five five
      five ...", "null eins sieben ...") are read too. A phone-shaped number that phonenumbers does not accept is
      reported only next to a phone cue ("call me on", "Tel.", "Handy"), as a hold.
    - Street addresses in US, UK, German, French, Italian and Spanish formats ("42 Elm Street, Springfield",
      "Hauptstraße 5, 10115 Berlin", "12 rue de la Paix", "Via Roma 10", "Calle Mayor 3"); a UK postcode alone and
      a licence plate after a cue ("licence plate", "Kennzeichen") are holds.

    Not flagged: prices, dates, times, dimensions ("12 x 34 x 56 cm"), ranges ("8–10 hours", "1,000–2,000 pages"),
    model, part, ISBN, IP and version numbers, payment-card-like digit runs, and "contact customer service" without
    an identifier. A person's name is not personal information under this rule (the review PII list has no names;
    seller feedback's F-SELLER-PII reads them with the same extractors).

    A company's public contact (a toll-free number, a number or address given as customer service, support line,
    store or head office, an address such as ``support@brand.example``) is a **hold**: sharing it is often meant
    to help other buyers, and a human should decide. A private person's is **clear**.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-PII",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.emails = EmailExtractor()
        self.phones = PhoneExtractor(settings)
        self.addresses = AddressExtractor()

    def detect(self, doc: Document) -> Iterator[Hit]:
        region = region_for(doc.marketplace)
        language = doc.language.code
        for field in doc.texts():
            view = field.clean
            for e in self.emails.find(field, doc.timeout):
                tier = Tier.hold if e.public else Tier.clear
                conf = 0.6 if e.public else (0.97 if not e.obfuscated else 0.9)
                msg = "email address" + (" (obfuscated)" if e.obfuscated else "") + (" of a company" if e.public else "")
                yield doc.hit("R-PII", field, e.start, e.end, tier, conf, msg, view=view,
                              details={"pii": "email", "public": e.public})
            text = field.text
            orders: list[tuple[int, int]] = []
            if "-" in text or "‐" in text or "–" in text or "‑" in text:
                for m in ORDER_NUMBER.finditer(text, timeout=doc.timeout):
                    orders.append(m.span())
                    yield doc.hit("R-PII", field, m.start(), m.end(), Tier.clear, 0.9, "Amazon order number",
                                  view=view, details={"pii": "order_number"})
            taken = list(orders)
            for a in self.addresses.find(field, doc.timeout):
                if a.kind == "street" and (a.complete or a.personal) and not a.public:
                    tier, conf = Tier.clear, 0.85 if a.personal else 0.8
                else:
                    tier, conf = Tier.hold, 0.55
                what = {"street": "mailing address", "postcode": "postcode", "plate": "licence plate"}[a.kind]
                if a.public:
                    what += " of a business"
                taken.append((a.start, a.end))
                yield doc.hit("R-PII", field, a.start, a.end, tier, conf, what, view=view,
                              details={"pii": "plate" if a.kind == "plate" else "address", "public": a.public})
            for p in self.phones.find(field, region, doc.timeout, language):
                if any(s < p.end and p.start < e for s, e in taken):
                    continue
                personal = _PERSONAL_PHONE_CUE.search(field.norm[max(0, p.start - 40):p.start]) is not None
                if p.public and not personal:
                    tier, conf, msg = Tier.hold, 0.55, "phone number of a company (support or toll-free line)"
                elif p.weak and not (personal or p.spelled):
                    tier, conf, msg = Tier.hold, 0.6, "phone-shaped number next to a phone cue"
                else:
                    tier, conf = Tier.clear, 0.9 if not p.weak else 0.8
                    msg = "phone number" + (" (spelled out or disguised)" if p.spelled else "")
                yield doc.hit("R-PII", field, p.start, p.end, tier, conf, msg, view=view,
                              details={"pii": "phone", "public": p.public, "validated": not p.weak})


DETECTORS = (PersonalInfoDetector,)
