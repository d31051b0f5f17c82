"""R-PROMO: advertising and promotion in a review: codes, referral ids, "follow me", "my channel", calls to action
that send shoppers off Amazon."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..extract._lazy import PerLanguage
from ..extract.cues import PhraseSet, shared
from ..extract.urls import LinkExtractor, LinkMatch
from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from ..text.lang import SUPPORTED
from .base import Document, Hit, Subject

_CLEAR = {
    "code": (0.9, "promotional, referral or sponsor code"),
    "follow": (0.9, "asks readers to follow an account on a social network"),
    "channel": (0.85, "promotes the reviewer's channel, blog or account"),
    "subscribe": (0.85, "asks readers to subscribe"),
    "site": (0.85, "call to action towards the reviewer's or seller's own site or shop"),
}
_HOLD = {
    "code_hold": (0.5, "discount code written out; may be promotion"),
    "channel_hold": (0.45, "mentions the reviewer's channel, blog or account"),
    "earn_hold": (0.5, "money-making or team-joining pitch"),
    "follow_hold": (0.5, "asks readers to follow an account"),
    "site_hold": (0.5, "points to the writer's own site or shop"),
    "subscribe_hold": (0.45, "asks for subscribers"),
}
_BREAK = regex.compile(r"[.!?\n]\s")


class PromotionDetector:
    """Flags content whose purpose is to promote something or to take shoppers off Amazon.

    Clear: discount, referral, invite and sponsor codes with their value ("Use code SAVE20 on our website", "use
    my referral code k9rfbq", "sponsor id is 1126135"), "follow me/us on Instagram", an @handle with a social
    network, "check out my channel", "subscribe to my channel", calls to action towards the writer's own site or
    shop ("visit our website", "buy it directly from our store") and a promotional call to action followed by a
    link outside Amazon ("check out www.mystore.com"; the link itself is also an R-LINKS finding, and the
    engine keeps the more specific R-PROMO and lists R-LINKS as related).

    Hold: a sale code mentioned without an invitation to use it ("promo code SPRING10"), "my channel" or "my blog"
    in passing, money-making pitches ("earn money", "join our team").

    Not flagged: recommendations ("I'd recommend it to anyone who bakes"), brand service ("The brand replaced it
    quickly under warranty"), Amazon's own coupons and deals ("Used the Amazon coupon on the listing"), error or
    product codes ("error code 0x80070005"), software subscriptions ("you have to subscribe yearly").
    """

    rules: ClassVar[tuple[str, ...]] = ("R-PROMO",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.phrases = PerLanguage(SUPPORTED, lambda lang: PhraseSet("promo_terms", lang, ungated=("cta",)))
        self.links = LinkExtractor()

    def detect(self, doc: Document) -> Iterator[Hit]:
        phrases = self.phrases.get(doc.language.code)
        if not phrases:
            return
        for field in doc.texts():
            ctas: list[tuple[int, int]] = []
            # A call to action only matters before a link; without a link outside Amazon the cheap gate decides.
            links = self.links.find_shared(doc.memo, field, doc.timeout, doc.language.code)
            links = [lk for lk in links if lk.kind in ("external", "shortener")]
            words, tokens = shared(doc.memo, field)
            for p in phrases.find(field, doc.timeout, tokens, words, gated=not links):
                if p.kind == "cta":
                    ctas.append(field.norm_view.to_root(p.start, p.end))
                    continue
                if p.kind in _CLEAR:
                    conf, msg = _CLEAR[p.kind]
                    tier = Tier.clear
                elif p.kind in _HOLD:
                    conf, msg = _HOLD[p.kind]
                    tier = Tier.hold
                else:
                    continue
                yield doc.hit("R-PROMO", field, p.start, p.end, tier, conf, msg, view=field.folded_view,
                              details={"promo": p.kind.removesuffix("_hold")})
            if ctas and links:
                yield from self._cta_links(field, ctas, links)

    @staticmethod
    def _cta_links(field: PreparedText, ctas: list[tuple[int, int]], links: list[LinkMatch]) -> Iterator[Hit]:
        original = field.original
        for link in links:
            ls, le = field.clean.to_root(link.start, link.end)
            for cs, ce in ctas:
                if ce <= ls and ls - ce <= 25 and not _BREAK.search(original, ce, ls):
                    full = not (link.bare or link.weak)
                    tier, conf = (Tier.clear, 0.8) if full else (Tier.hold, 0.55)
                    yield Hit("R-PROMO", field.field, cs, le, tier, conf, "call to action with a link outside Amazon",
                              {"promo": "call_to_action", "host": link.host})
                    break


DETECTORS = (PromotionDetector,)
