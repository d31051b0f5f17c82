"""R-COMPENSATED: reviews written, changed or removed in exchange for free products, discounts, refunds, gift
cards or money. Vine reviews are exempt (X-VINE)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..extract._lazy import PerLanguage
from ..extract.cues import Cue, CueMatcher, shared
from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from ..text.lang import SUPPORTED
from .base import Document, Hit, Subject

_PUNCT = regex.compile(r"[,;:!?()\[\]\"“”]|\.(?!\d)")
# The ``folded`` view keeps offsets; words between two cues must all be gap words (see ``_only_gaps``).
_WORDS = regex.compile(r"[\w'’-]+")


def _only_gaps(text: str, start: int, end: int, gaps: list[Cue], max_words: int) -> bool:
    """True when ``text[start:end]`` holds no punctuation and only gap words (at most ``max_words`` words)."""
    seg = text[start:end]
    if _PUNCT.search(seg):
        return False
    covered = [(c.start, c.end) for c in gaps if start <= c.start and c.end <= end]
    n = 0
    for m in _WORDS.finditer(seg):
        n += 1
        s, e = m.start() + start, m.end() + start
        if not any(cs <= s and e <= ce for cs, ce in covered):
            return False
    return n <= max_words


def _benefit_kind(text: str) -> str:
    t = text.lower()
    if "refund" in t or "reimburs" in t or "rembours" in t or "rimbors" in t or "reembols" in t or "erstatt" in t:
        return "refund"
    if "gift" in t or "card" in t or "gutschein" in t or "carte" in t or "tarjeta" in t or "buono" in t:
        return "gift_card"
    if "discount" in t or "rabatt" in t or "descuento" in t or "remise" in t or "sconto" in t or "reduc" in t:
        return "discount"
    return "free_product"


class CompensatedReviewDetector:
    """Flags reviews that say they were written, changed or removed for a benefit.

    Clear: the reviewer received the product free, at a discount, or got a refund, gift card or money *in
    exchange for* the review ("I received this free in exchange for my honest review", "Got a $10 gift card for
    leaving this review", "the seller promised a full refund once I post a 5-star review", "they refunded me once
    I updated my review"; also in German, Spanish, French and Italian). A review copy of a book given "in exchange
    for an honest review" is clear too: the advance-copy exception only covers copies given without a review
    requirement.

    Also clear: a review changed because of a refund ("Updated to 5 stars because they refunded me after my
    complaint": the policy names reviews *edited* for compensation).

    Hold: a review posted or changed near a refund without a word that ties the two together, an advance reader
    copy (ARC, galley, NetGalley) given for a review.

    The finding's ``details`` say what the benefit was (``benefit``: free_product / discount / refund /
    gift_card) and, with ``seller_incentive: true``, that it came from the seller or brand itself: that is
    evidence of the *seller's* violation, and the negative-review playbook never proposes reporting such a review.

    Not flagged: Amazon Vine reviews (the review's ``vine`` flag or the "Vine Customer Review of Free Product"
    wording; recorded as the X-VINE exemption), an advance reader copy mentioned without a review requirement ("I
    received an ARC from the publisher"), gifts and deals not tied to the review ("Got this as a birthday gift",
    "Bought it on Prime Day for $15"), refunds for a faulty product ("They refunded me because it arrived
    broken"), free shipping or "sugar free", denials ("I was not given anything in exchange for this review"), and
    complaints about other people's incentivised reviews.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-COMPENSATED",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.matchers = PerLanguage(
            SUPPORTED,
            lambda lang: CueMatcher(
                "comp_terms", lang, gate=("review", "vine"), also=(("benefit", "exchange", "receive", "vine"),)
            ),
        )

    def detect(self, doc: Document) -> Iterator[Hit]:
        review = doc.review
        if review is not None and review.vine:
            for field in doc.texts():
                doc.exempt("X-VINE", field, 0, len(field.norm), "Amazon Vine review (vine flag)")
                break
            return
        matcher = self.matchers.get(doc.language.code)
        if matcher is None:
            return
        found: list[tuple[PreparedText, list[Cue]]] = []
        for field in doc.texts():
            words, tokens = shared(doc.memo, field)
            cues = matcher.find(field, doc.timeout, tokens, words)
            if not cues:
                continue
            vine = next((c for c in cues if c.category == "vine"), None)
            if vine is not None:
                doc.exempt("X-VINE", field, vine.start, vine.end, "Amazon Vine review of a free product")
                return
            found.append((field, cues))
        for field, cues in found:
            yield from self._field(doc, field, cues)

    def _field(self, doc: Document, field: PreparedText, cues: list[Cue]) -> Iterator[Hit]:
        text = field.folded
        for _sentence, cs in CueMatcher.by_sentence(field, cues):
            cats = {c.category for c in cs}
            if "review" not in cats or "others" in cats:
                continue
            gaps = [c for c in cs if c.category in ("gap", "post", "obj")]
            reviews = [c for c in cs if c.category == "review"]
            benefits = [c for c in cs if c.category == "benefit"]
            receives = [c for c in cs if c.category in ("receive", "got")]
            negs = [c for c in cs if c.category == "neg"]
            seller = "seller" in cats
            book = "book" in cats
            arc = "arc" in cats
            hit = self._exchange(text, cs, reviews, gaps, benefits, receives, negs)
            if hit is not None:
                link, rv = hit
                start = min([link.start, *(b.start for b in benefits + receives if b.start < link.start)])
                end = max([rv.end, *(b.end for b in benefits)])
                benefit = _benefit_kind(" ".join(text[b.start : b.end] for b in benefits))
                if arc:
                    tier, conf, msg = Tier.hold, 0.5, "advance reader copy given for a review"
                elif book and not benefits:
                    tier, conf, msg = Tier.clear, 0.8, "book copy received in exchange for a review"
                else:
                    tier, conf, msg = Tier.clear, 0.92, "product or benefit received in exchange for a review"
                yield doc.hit("R-COMPENSATED", field, start, end, tier, conf, msg, view=field.folded_view,
                              details={"benefit": benefit, "seller_incentive": seller, "trigger": "exchange"})
                continue
            hit2 = self._change(text, cs, reviews, benefits, negs)
            if hit2 is not None:
                start, end, level = hit2
                benefit = _benefit_kind(" ".join(text[b.start : b.end] for b in benefits))
                tier, conf = ((Tier.hold, 0.55), (Tier.clear, 0.75), (Tier.clear, 0.85))[level]
                yield doc.hit("R-COMPENSATED", field, start, end, tier, conf,
                              "review posted, changed or removed for a refund or other benefit",
                              view=field.folded_view,
                              details={"benefit": benefit, "seller_incentive": seller or benefit == "refund",
                                       "trigger": "review_action"})

    @staticmethod
    def _exchange(
        text: str, cs: list[Cue], reviews: list[Cue], gaps: list[Cue], benefits: list[Cue], receives: list[Cue],
        negs: list[Cue],
    ) -> tuple[Cue, Cue] | None:
        """An explicit trade: "in exchange for ... review", or a benefit/receipt plus "for/to [gap words] review"."""
        for link in cs:
            if link.category not in ("exchange", "for", "to"):
                continue
            if link.category != "exchange" and not (benefits or receives):
                continue
            if (link.category == "to" or not benefits) and link.category != "exchange":
                # Without a named benefit, "for/to review" needs "received/sent ... this/it": "the company sent me
                # this to review", not "they needed more time to review the status of my refund".
                rec = [r for r in receives if r.end <= link.start and link.start - r.end <= 40]
                if not rec or not any(o.category in ("obj", "book") and rec[-1].end <= o.start < link.start for o in cs):
                    continue
                if _PUNCT.search(text[rec[-1].end : link.start]):
                    continue
            if any(n.end <= link.start and link.start - n.end <= 60 for n in negs):
                continue  # "I was not given anything in exchange for this review"
            for rv in reviews:
                if rv.start < link.end:
                    continue
                if link.category == "exchange":
                    ok = rv.start - link.end <= 60 and not _PUNCT.search(text[link.end : rv.start])
                elif link.category == "to":
                    # "sent me this to review", not "updated to 5 stars"
                    ok = text.startswith(("review", "test", "rezens", "bewert", "rese", "recens", "evalu", "tester",
                                          "prob"), rv.start) and _only_gaps(text, link.end, rv.start, gaps, 3)
                else:
                    ok = _only_gaps(text, link.end, rv.start, gaps, 5)
                if ok:
                    if not (benefits or receives) and link.category == "exchange":
                        # "in exchange for a review" needs something given: a benefit or a receipt anywhere.
                        break
                    return link, rv
                break
        return None

    @staticmethod
    def _change(
        text: str, cs: list[Cue], reviews: list[Cue], benefits: list[Cue], negs: list[Cue]
    ) -> tuple[int, int, int] | None:
        """A benefit and a review action ("updated my review", "post a 5-star review") in one sentence."""
        if not benefits:
            return None
        actions = [c for c in cs if c.category in ("action", "post")]
        for a in actions:
            for rv in reviews:
                if a.end <= rv.start:
                    near = rv.start - a.end <= 25 and not _PUNCT.search(text[a.end : rv.start])
                else:
                    near = a.start >= rv.end and a.start - rv.end <= 15 and not _PUNCT.search(text[rv.end : a.start])
                if not near:
                    continue
                lo, hi = min(a.start, rv.start), max(a.end, rv.end)
                b = min(benefits, key=lambda c: abs(c.start - lo))
                first, last = min(b.start, lo), max(b.end, hi)
                if last - first > 100:
                    continue
                if any(n.end <= last and first - n.end <= 40 for n in negs):
                    continue  # "they never offered a refund to change my review"
                # A condition word between the benefit and the review action (not inside "updated to 5 stars").
                between = [c for c in cs if first <= c.start < last and not lo <= c.start < hi]
                # "for"/"to" link only when they lead into the action: "a refund to remove my review".
                links = [c for c in between
                         if c.category in ("strong", "exchange") or (c.category in ("for", "to") and c.end <= lo)]
                weak = [c for c in between if c.category == "weak"]
                if links:
                    return first, last, 2
                if a.category == "post":
                    if not weak:
                        continue
                    return first, last, 0
                # A review *changed* because of a refund ("Updated to 5 stars because they refunded me"): the
                # policy names this case; without a causal word the link is unclear.
                return first, last, 1 if weak else 0
        return None


DETECTORS = (CompensatedReviewDetector,)
