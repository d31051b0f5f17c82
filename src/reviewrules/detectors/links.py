"""R-LINKS: external links, shorteners and affiliate or tracking tags in reviews. Plain Amazon product links are
allowed (X-AMAZON-LINK)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..extract.urls import LinkExtractor
from ..models import Tier
from ..settings import Settings
from .base import Document, Hit, Subject


class LinkDetector:
    """Flags links that take shoppers off Amazon or carry referral codes.

    Clear: a link to a site outside Amazon written as a link (with a scheme, ``www.`` or a path; also defanged
    spellings such as ``hxxp://`` or ``example[.]com``), a URL shortener (``bit.ly/...``: its target is unknown),
    an Amazon URL with affiliate or tracking parameters (``tag=``, ``linkCode=``, ``ascsubtag=``, ``utm_*``).

    Hold: Amazon short links (``amzn.to``: the target and any tag are hidden), and bare site names without a path
    (``irs.gov``, ``camelcamelcamel.com``, ``mint dot com``), which are often a service named in passing; when
    such a name comes with a call to action ("visit mystore.com") R-PROMO reports it. A capitalised name
    written like a domain (``Mint.com``, ``CNET.com``) is a brand name and is not reported.

    Not flagged: plain Amazon links, including Amazon's own ``ref=`` paths and old ``<a href=...>`` markup
    (recorded as the X-AMAZON-LINK exemption); file names (``PAYMENT.zip``, ``setup.exe``); version numbers
    (``v1.10``); programming names (``Node.js``, ``ASP.NET``); e-mail addresses (R-PII); sentences joined without a
    space (``end.Next``, ``salad.so very good``, ``expires.it seems``): a bare name whose ending is a word-like
    top-level domain (``.so``, ``.me``, ``.it`` in English text) is not read as a link.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-LINKS",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.links = LinkExtractor()

    def detect(self, doc: Document) -> Iterator[Hit]:
        lang = doc.language.code
        for field in doc.texts():
            for link in self.links.find_shared(doc.memo, field, doc.timeout, lang):
                view = field.clean
                details = {"host": link.host, "link_kind": link.kind}
                if link.kind == "amazon":
                    doc.exempt("X-AMAZON-LINK", field, link.start, link.end, "plain Amazon link", view=view)
                    continue
                if link.kind == "amazon_tagged":
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.clear, 0.95,
                                  f"Amazon link with affiliate/tracking parameters ({', '.join(link.tags)})",
                                  view=view, details={**details, "tags": list(link.tags)})
                elif link.kind == "amazon_short":
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.hold, 0.6,
                                  "Amazon short link: the target and any tracking tag are hidden",
                                  view=view, details=details)
                elif link.kind == "shortener":
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.clear, 0.9,
                                  "URL shortener: the link leaves Amazon for an unknown target",
                                  view=view, details=details)
                elif link.weak:
                    continue  # "Mint.com", "CNET.com": a brand named in passing, not a link
                elif link.bare:
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.hold, 0.55,
                                  "bare site name without a path; may be a service named in passing",
                                  view=view, details={**details, "link_kind": "bare"})
                else:
                    conf = 0.97 if link.has_scheme or link.host.startswith("www.") else 0.9
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.clear, conf,
                                  "link to a site outside Amazon" + (" (defanged spelling)" if link.defanged else ""),
                                  view=view, details=details)


DETECTORS = (LinkDetector,)
