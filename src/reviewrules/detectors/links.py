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

    Clear: a link to a non-Amazon site (with or without scheme, defanged spellings such as ``hxxp`` or ``[.]``), a
    URL shortener (its target is unknown), an Amazon URL with affiliate or tracking parameters (``tag=``,
    ``linkCode=``, ``ascsubtag=``, ``utm_*``). Hold: Amazon short links (``amzn.to``) and capitalised bare names
    such as ``Mint.com`` that may be a brand named in passing. Not flagged: plain Amazon links (recorded as the
    X-AMAZON-LINK exemption), file names, version numbers, ``end.Next`` sentence joins.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-LINKS",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.links = LinkExtractor()

    def detect(self, doc: Document) -> Iterator[Hit]:
        for field in doc.texts():
            for link in self.links.find(field, doc.timeout):
                view = field.clean
                if link.kind == "amazon":
                    doc.exempt("X-AMAZON-LINK", field, link.start, link.end, "plain Amazon link", view=view)
                    continue
                if link.kind == "amazon_tagged":
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.clear, 0.95,
                                  f"Amazon link with affiliate/tracking parameters ({', '.join(link.tags)})",
                                  view=view, details={"host": link.host, "link_kind": link.kind})
                elif link.kind == "amazon_short":
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.hold, 0.6,
                                  "Amazon short link: the target and any tracking tag are hidden",
                                  view=view, details={"host": link.host, "link_kind": link.kind})
                elif link.kind == "shortener":
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.clear, 0.9,
                                  "URL shortener: the link leaves Amazon for an unknown target",
                                  view=view, details={"host": link.host, "link_kind": link.kind})
                elif link.weak:
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.hold, 0.4,
                                  "site name written like a domain; may be a brand named in passing",
                                  view=view, details={"host": link.host, "link_kind": "name"})
                else:
                    conf = 0.97 if link.has_scheme or link.host.startswith("www.") else 0.85
                    yield doc.hit("R-LINKS", field, link.start, link.end, Tier.clear, conf,
                                  "link to a site outside Amazon" + (" (defanged spelling)" if link.defanged else ""),
                                  view=view, details={"host": link.host, "link_kind": link.kind})


DETECTORS = (LinkDetector,)
