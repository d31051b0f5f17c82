"""M-EXTERNAL-LINK and M-CONTACT-INFO: links, email addresses, phone numbers and off-Amazon contact in messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urlsplit

import regex

from ..extract.emails import EmailExtractor
from ..extract.msgcues import MessageCues
from ..extract.phones import PhoneExtractor
from ..extract.urls import LinkExtractor
from ..lexicon import data_lines
from ..models import Tier
from ..settings import Settings, region_for
from ._messages import emit, emit_root, fields, reading
from .base import Document, Hit, Subject

_REVIEW_PATH = regex.compile(r"/(?:review/|product-reviews/|ryp/|reviews/|gp/customer-reviews)", regex.IGNORECASE)
_SERVICE_PATH = regex.compile(
    r"/(?:gp/css/|gp/your-account|your-orders|gp/help|hz/|returns|gp/orc|spr/returns|gp/message)", regex.IGNORECASE
)
# Cheap pre-filter: something that can be a link at all (scheme, www, a dotted name, a defanged or spelled dot).
_LINKISH = regex.compile(
    r"://|www|\w\.(?:[a-z]{2,24}|xn--)(?:\W|$)|\[\.\]|\(\.\)|\{\.\}|\bdot\b|\[dot\]|\(dot\)",
    regex.IGNORECASE,
)


class ExternalLinkDetector:
    """Flags links in messages (body, subject and the links inside ``html``). Clear: any site outside Amazon, URL
    shorteners, insecure ``http://`` links, Amazon links with affiliate or tracking tags. Hold: Amazon product
    detail and storefront pages (summaries of Amazon's rules disagree), Amazon short links, carrier tracking links
    (allowed when needed to complete the order; a person decides) and bare names such as ``Mint.com``. Not flagged:
    links to Amazon review pages and to the buyer's orders or returns (recorded as X-AMAZON-LINK)."""

    rules: ClassVar[tuple[str, ...]] = ("M-EXTERNAL-LINK",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.links = LinkExtractor()
        self.carriers = frozenset(data_lines("msg_carrier_hosts.txt"))

    def _carrier(self, host: str) -> bool:
        parts = host.split(".")
        return any(".".join(parts[i:]) in self.carriers for i in range(len(parts) - 1))

    def detect(self, doc: Document) -> Iterator[Hit]:
        for field in fields(doc):
            if not _LINKISH.search(field.text, timeout=doc.timeout):
                continue
            for link in self.links.find(field, doc.timeout):
                view = field.clean
                s, e = view.to_root(link.start, link.end)
                insecure = link.url.lower().startswith("http://")
                rule = "M-EXTERNAL-LINK"
                details = {"host": link.host, "link_kind": link.kind}
                if link.kind == "amazon":
                    path = urlsplit(link.url if link.has_scheme else "http://" + link.url).path or "/"
                    if _REVIEW_PATH.search(path) or _SERVICE_PATH.search(path):
                        doc.exempt("X-AMAZON-LINK", field, link.start, link.end, "Amazon review or order page link",
                                   view=view)
                        continue
                    tier, conf, msg = Tier.hold, 0.6, "link to an Amazon product or store page (rules disagree)"
                elif link.kind == "amazon_tagged":
                    tier, conf, msg = Tier.clear, 0.9, "Amazon link with affiliate or tracking tags"
                elif link.kind == "amazon_short":
                    tier, conf, msg = Tier.hold, 0.6, "Amazon short link: the target is hidden"
                elif link.kind == "shortener":
                    tier, conf, msg = Tier.clear, 0.9, "URL shortener: the target is hidden"
                elif self._carrier(link.host):
                    if insecure:
                        tier, conf, msg = Tier.clear, 0.85, "insecure (http) carrier link"
                    else:
                        tier, conf, msg = Tier.hold, 0.55, "carrier tracking link: allowed only if needed for the order"
                elif link.weak:
                    tier, conf, msg = Tier.hold, 0.45, "site name written like a domain"
                else:
                    tier, conf, msg = Tier.clear, 0.93, "link to a site outside Amazon" + (" (insecure http)" if insecure else "")
                yield emit_root(doc, rule, field.field, s, e, tier, conf, msg, details)


class ContactInfoDetector:
    """Flags email addresses and phone numbers in messages, and requests to contact the seller off Amazon
    ("WhatsApp us", "call us", "our website"). Phone numbers of a warranty line, a manufacturer or a carrier are
    allowed (the sentence names one). Phones come from the shared ``PhoneExtractor`` (python-phonenumbers for the
    marketplace's region behind a digit pre-filter; order numbers, prices and dates are never phones); a
    phone-shaped number that only a cue makes plausible is a hold."""

    rules: ClassVar[tuple[str, ...]] = ("M-CONTACT-INFO",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        self.emails = EmailExtractor()
        self.phones = PhoneExtractor(settings)
        self.cues = MessageCues()

    def detect(self, doc: Document) -> Iterator[Hit]:
        r = reading(doc, self.cues)
        region = region_for(doc.marketplace)
        for fc in r.fields:
            field = fc.prepared
            for m in self.emails.find(field, doc.timeout):
                s, e = field.clean.to_root(m.start, m.end)
                tier = Tier.hold if m.address.lower().endswith("amazon.com") else Tier.clear
                yield emit_root(doc, "M-CONTACT-INFO", field.field, s, e, tier, 0.95, "email address in a message",
                                {"contact": "email"})
            for pm in self.phones.find(field, region, doc.timeout, r.lang):
                sent = fc.sentence_of(pm.start) if fc.sentences else 0
                if fc.in_sentence("phone_ok", sent):
                    continue  # warranty, carrier or manufacturer line: allowed
                s, e = field.clean.to_root(pm.start, pm.end)
                tier, conf = (Tier.hold, 0.55) if pm.weak else (Tier.clear, 0.9)
                yield emit_root(doc, "M-CONTACT-INFO", field.field, s, e, tier, conf,
                                "phone number in a message (only warranty, carrier or manufacturer lines are allowed)",
                                {"contact": "phone"})
            for c in fc.cues.get("offamazon", ()):
                yield emit(doc, "M-CONTACT-INFO", field, c.start, c.end, Tier.clear, 0.85,
                           "asks the buyer to contact the seller outside Amazon")


DETECTORS = (ExternalLinkDetector, ContactInfoDetector)
