"""Seller feedback rules (F-*): what Amazon removes (obscene words, seller-specific personal information, a comment
that is entirely a product review) and what it strikes through (an FBA order's delivery complaint, a late or
undelivered Buy Shipping order shipped on time). Reuses the review analyses: what the text is about
(:mod:`reviewrules.analysis.aboutness`), offensive words (:mod:`reviewrules.extract.profanity`) and personal
information (:mod:`reviewrules.extract.emails`, ``phones``, ``names``)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import regex

from ..analysis.aboutness import SentenceTopic, aboutness, default_analyzer
from ..extract.emails import EmailExtractor
from ..lexicon import lexicon
from ..models import Fulfillment, Kind, Tier
from ..playbook import WINDOW_DAYS, PhraseMatcher, age_days
from ..settings import Settings, region_for
from ..text import PreparedText, View
from .base import Document, Hit, Subject

__all__ = ["FeedbackDetector", "feedback_topics"]

_LANGS = ("en", "de", "fr", "it", "es")
#: Labels of what Amazon does when it fulfils an order (delivery, its speed and cost, the shipping box).
_FBA_LABELS = frozenset({"fulfilment_delivery", "ship_cost_speed", "ship_packaging"})
#: Labels a late or undelivered complaint carries.
_LATE_LABELS = frozenset({"fulfilment_delivery", "ship_cost_speed"})
#: Fewer words than this in all product clauses together is an evaluation without a subject ("Terrible").
_MIN_PRODUCT_WORDS = 3
_WORDS = regex.compile(r"\w+")
#: Offensive-word categories that count as obscene or profane for feedback (threats are not this rule's business).
_OBSCENE_CATEGORIES = frozenset({"profanity", "mild", "insult", "slur", "sexual"})


def _optional(module: str, name: str) -> Any:
    """A class from another family's module, or None while that module is not in this build."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


@lru_cache(maxsize=8)
def _lex(language: str) -> PhraseMatcher:
    return PhraseMatcher({"late": lexicon("fb_late_undelivered", language), "refs": lexicon("fb_seller_refs", language)})


@dataclass(frozen=True, slots=True)
class FeedbackTopics:
    """What a feedback comment is about, clause by clause, read for the F-* rules."""

    kind: Kind
    clauses: tuple[SentenceTopic, ...]
    product: tuple[SentenceTopic, ...]  # product statements with no seller/order/delivery word
    service: tuple[SentenceTopic, ...]  # clauses with a topic cue or a seller/order/delivery word
    late: tuple[SentenceTopic, ...]  # clauses with a late/undelivered cue
    unknown: tuple[SentenceTopic, ...]  # clauses that are none of the above and not filler


def feedback_topics(doc: Document) -> FeedbackTopics:
    """Aboutness of the comment, made stricter for feedback: feedback rates the seller, so a clause that names the
    seller, the order, the delivery or a thank-you is never a product statement here (``Seller is a piece of
    junk`` reads as a product sentence to a review analysis).

    Feedback is short and its language guess often unreliable ("Arrived 4 days late." on amazon.de guesses German).
    Then every candidate language (the guess and the marketplace's languages) is read: the reading with the most
    seller/order/delivery evidence gives ``kind``, and ``product`` is kept only when every reading agrees.
    """

    def compute() -> FeedbackTopics:
        field = doc.fields.get("comment")
        if field is None:
            return FeedbackTopics(Kind.other, (), (), (), (), ())
        guess = doc.language.code
        candidates = [guess] if guess in _LANGS else []
        if not doc.language.reliable:
            candidates += [c for c in doc.settings.languages_for(doc.marketplace) if c in _LANGS]
        candidates = list(dict.fromkeys(candidates))
        if not candidates:
            return FeedbackTopics(Kind.other, (), (), (), (), ())
        readings = [_read(doc, field, lang) for lang in candidates]
        best = max(readings, key=lambda r: (len(r.service), -len(r.unknown)))
        if best.kind == Kind.product and any(r.kind != Kind.product for r in readings):
            return FeedbackTopics(Kind.other, best.clauses, (), best.service, best.late, best.unknown)
        return best

    result: FeedbackTopics = doc.memo("feedback_topics", compute)
    return result


def _read(doc: Document, field: PreparedText, lang: str) -> FeedbackTopics:
    if lang == doc.language.code:
        a = aboutness(doc, ("comment",))
    else:
        a = default_analyzer().analyze([field], lang, doc.timeout)
    found = _lex(lang).scan(field.folded, field.words)
    product: list[SentenceTopic] = []
    service: list[SentenceTopic] = []
    late: list[SentenceTopic] = []
    unknown: list[SentenceTopic] = []
    for c in a.sentences:
        inside = {g for g, s, e in found if c.start <= s and e <= c.end}
        is_late = "late" in inside
        ref = is_late or "refs" in inside
        if is_late:
            late.append(c)
        if c.labels or ref:
            service.append(c)
        elif c.product_statement:
            product.append(c)
        elif not c.filler:
            unknown.append(c)
    if (
        product
        and not service
        and sum(len(_WORDS.findall(field.norm[c.start : c.end])) for c in product) < _MIN_PRODUCT_WORDS
    ):
        # "Terrible", "Love it": an evaluation with no subject says nothing about the product as such.
        unknown.extend(product)
        product = []
    if a.kind == Kind.other and not service:
        kind = Kind.other
    elif service and product:
        kind = Kind.mixed
    elif service:
        kind = Kind.seller
    elif product:
        kind = Kind.product
    else:
        kind = Kind.other
    return FeedbackTopics(kind, a.sentences, tuple(product), tuple(service), tuple(late), tuple(unknown))


class FeedbackDetector:
    """Seller feedback that Amazon removes or strikes through, and what the comment is about (``kind``).

    Removal (outcome ``remove``):

    - **F-OBSCENE**: obscene or profane words, also disguised (``F***ing``, ``sh1t``), found by the profanity
      matcher of the review rules. Mild words ("damn", "crap") are hold, not removal. No Scunthorpe false alarms
      ("hellishly", "classic"). A short comment whose language is unsure is also read in the marketplace's other
      languages, for unambiguous obscenities only (English "F***ing" on amazon.de; never German "hell").
    - **F-SELLER-PII**: email addresses and telephone numbers (a company's own number too: Amazon names phone
      numbers without exception), and full names of people ("John Miller at the warehouse"), using the
      personal-information extractors of the review rules. A phone-shaped number that the phone library does not
      validate is hold.
    - **F-PRODUCT-REVIEW-ONLY**: the ENTIRE comment is about the product. Any clause about the seller, the order,
      delivery, packing, the listing or a thank-you makes the comment mixed or seller feedback, and it stays
      ("Seller shipped late and the jar leaks."). An evaluation without a subject ("Terrible", "Love it") is not
      a product review.

    Strike-through (outcome ``strike``; the rating stops counting) is for critical feedback (up to 3 stars) that
    complains about delivery ("fast shipping, thanks" is not struck), decided from the comment AND the order's
    metadata:

    - **F-FBA-FULFILMENT**: ``fulfillment == FBA`` and every clause is about delivery, its speed or cost, or the
      shipping box ("Box was crushed by the courier."). A clause about the item's condition, the listing or the
      seller's own service keeps it ("Late, and it was listed as new but was used."). A clause the analysis cannot
      place makes it hold.
    - **F-BUYSHIPPING**: ``buy_shipping`` and ``shipped_on_time`` are true and every clause is about a late or
      undelivered package ("Never arrived.", "Delivered 5 days late."); shipping cost or packaging complaints are
      not covered.

    Without the metadata (``fulfillment``, ``buy_shipping``, ``shipped_on_time`` left empty) those two rules are
    reported in the verdict's coverage as not evaluated (missing metadata), never as passed. Each finding's details
    carry the feedback's age against ``Settings.as_of`` and whether it is inside Amazon's 90-day removal window
    (information, not a condition). ``verdict.kind`` says what the comment is about, so a seller can route feedback
    that is really a product review.
    """

    rules: ClassVar[tuple[str, ...]] = (
        "F-OBSCENE",
        "F-SELLER-PII",
        "F-PRODUCT-REVIEW-ONLY",
        "F-FBA-FULFILMENT",
        "F-BUYSHIPPING",
    )
    subjects: ClassVar[frozenset[Subject]] = frozenset({"feedback"})

    def __init__(self, settings: Settings) -> None:
        self.emails = EmailExtractor()
        phones = _optional("reviewrules.extract.phones", "PhoneExtractor")
        self.phones: Any = phones(settings) if phones is not None else None
        names = _optional("reviewrules.extract.names", "NameExtractor")
        self.names: Any = _build(names, settings)
        offensive = _optional("reviewrules.extract.profanity", "OffensiveMatcher")
        self.offensive: Any = _build(offensive, settings)

    def detect(self, doc: Document) -> Iterator[Hit]:
        fb = doc.feedback
        field = doc.fields.get("comment")
        if fb is None:
            return
        info = _window(doc)
        if field is None:
            doc.notes["kind"] = Kind.other
            self._metadata(doc)
            return
        yield from self._obscene(doc, field, info)
        yield from self._pii(doc, field, info)
        topics = feedback_topics(doc)
        doc.notes["kind"] = topics.kind
        yield from self._topics(doc, field, topics, info)

    # -- F-OBSCENE ------------------------------------------------------------------------------------------------

    def _obscene(self, doc: Document, field: PreparedText, info: Mapping[str, Any]) -> Iterator[Hit]:
        if self.offensive is None:
            doc.needs("F-OBSCENE", "the profanity matcher (reviewrules.extract.profanity) is not in this build")
            return
        guess = doc.language.code
        readings = [(guess, False)]
        if not doc.language.reliable:
            # Short feedback: "F***ing slow shipping" on amazon.de guesses German. The marketplace's other
            # languages are read too, but only their unambiguous obscenities count (never "hell" or "damn").
            readings += [(lang, True) for lang in doc.settings.languages_for(doc.marketplace)
                         if lang != guess and lang in _LANGS]
        seen: set[tuple[int, int]] = set()
        for lang, strict in readings:
            for m in self.offensive.find(field, lang, doc.timeout):
                span = (int(m.start), int(m.end))
                category = str(getattr(m, "category", "profanity"))
                if category not in _OBSCENE_CATEGORIES or span in seen:
                    continue
                unsure = _tier(getattr(m, "tier", Tier.clear)) == Tier.hold and getattr(m, "form", "") != "mask"
                if strict and (category in ("mild", "insult") or unsure):
                    continue
                seen.add(span)
                yield self._obscene_hit(doc, field, m, category, info)

    def _obscene_hit(self, doc: Document, field: PreparedText, m: Any, category: str, info: Mapping[str, Any]) -> Hit:
        tier = _tier(getattr(m, "tier", Tier.clear))
        form = str(getattr(m, "form", "plain"))
        view = _view(field, getattr(m, "view", "norm"))
        if category == "profanity" and form == "mask" and tier == Tier.hold:
            # "F***ing slow shipping": a masked obscenity is still commonly understood as one (RULES.md 1B).
            tier, conf, msg = Tier.clear, 0.8, "obscene or profane word (masked)"
        elif category in ("mild", "insult") or tier == Tier.hold:
            tier, conf = Tier.hold, 0.5
            msg = "mild or insulting word: Amazon removes feedback with obscene or profane words; a person decides"
        else:
            conf, msg = 0.92, "obscene or profane word"
        return doc.hit("F-OBSCENE", field, int(m.start), int(m.end), tier, conf, msg, view=view,
                       details={**info, "category": category})

    # -- F-SELLER-PII ---------------------------------------------------------------------------------------------

    def _pii(self, doc: Document, field: PreparedText, info: Mapping[str, Any]) -> Iterator[Hit]:
        for e in self.emails.find(field, doc.timeout):
            yield doc.hit("F-SELLER-PII", field, e.start, e.end, Tier.clear, 0.95,
                          "email address" + (" (obfuscated)" if e.obfuscated else ""), view=field.clean,
                          details={**info, "pii": "email"})
        if self.phones is not None:
            for p in _phone_matches(self.phones, field, doc):
                weak = bool(getattr(p, "weak", False))
                yield doc.hit("F-SELLER-PII", field, p.start, p.end, Tier.hold if weak else Tier.clear,
                              0.55 if weak else 0.9,
                              "phone-shaped number next to a phone cue" if weak else "telephone number",
                              view=field.clean, details={**info, "pii": "phone"})
        if self.names is not None:
            for n in _name_matches(self.names, field, doc):
                full = bool(getattr(n, "first", "")) and bool(getattr(n, "last", ""))
                conf = float(getattr(n, "confidence", 0.8))
                clear = full and (bool(getattr(n, "cue", False)) or conf >= 0.8)
                yield doc.hit("F-SELLER-PII", field, int(n.start), int(n.end), Tier.clear if clear else Tier.hold,
                              round(min(conf, 0.9), 3) if clear else 0.5,
                              "full name of a person" if clear else "possibly a person's name",
                              view=field.clean, details={**info, "pii": "name"})

    # -- F-PRODUCT-REVIEW-ONLY, F-FBA-FULFILMENT, F-BUYSHIPPING ---------------------------------------------------

    def _metadata(self, doc: Document) -> tuple[bool | None, bool | None]:
        """Whether the FBA and Buy Shipping rules apply to this order (None: metadata missing, reported)."""
        fb = doc.feedback
        assert fb is not None
        fba: bool | None = None
        if fb.fulfillment is None:
            doc.needs("F-FBA-FULFILMENT", "the order's fulfillment (FBA or merchant)")
        else:
            fba = fb.fulfillment == Fulfillment.fba
        bs: bool | None = None
        if fba:
            bs = False  # Amazon ships FBA orders: Buy Shipping does not apply
        elif fb.buy_shipping is None:
            doc.needs("F-BUYSHIPPING", "whether the order shipped with Buy Shipping (buy_shipping)")
        elif not fb.buy_shipping:
            bs = False
        elif fb.shipped_on_time is None:
            doc.needs("F-BUYSHIPPING", "whether the Buy Shipping order shipped on time (shipped_on_time)")
        else:
            bs = fb.shipped_on_time
        return fba, bs

    def _topics(
        self, doc: Document, field: PreparedText, t: FeedbackTopics, info: Mapping[str, Any]
    ) -> Iterator[Hit]:
        fba, bs = self._metadata(doc)
        view = field.norm_view
        if t.kind == Kind.product and t.product and not t.late:
            for c in t.product:
                yield doc.hit("F-PRODUCT-REVIEW-ONLY", field, c.start, c.end, Tier.clear, 0.85,
                              "the entire comment is a product review, not feedback about the seller",
                              view=view, details={**info, "kind": "product"})
        if not t.clauses:
            return
        # Identity sets: clauses are compared by object, not by value (cheap, and equal clauses are the same).
        late, service, unknown = ({id(c) for c in group} for group in (t.late, t.service, t.unknown))
        cued = [c for c in t.clauses if c.labels or id(c) in late]
        if not cued or t.product:
            return
        rating = doc.rating
        complaint = any(id(c) in late or c.polarity in ("negative", "neutral") for c in cued)
        if not complaint or (rating is not None and rating > 3):
            # Strike-through is for critical feedback about a delivery problem, not "fast shipping, thanks".
            return
        if fba:
            blocking = [c for c in t.clauses if c.labels - _FBA_LABELS or (id(c) in service and not c.labels
                                                                          and id(c) not in late)]
            if not blocking:
                tier = Tier.hold if t.unknown else Tier.clear
                msg = ("FBA order: the entire comment is about delivery or fulfilment, which Amazon handles"
                       if tier == Tier.clear else
                       "FBA order: about delivery, but part of the comment could not be placed; a person decides")
                for c in cued:
                    yield doc.hit("F-FBA-FULFILMENT", field, c.start, c.end, tier, 0.85 if tier == Tier.clear else 0.5,
                                  msg, view=view, details={**info, "fulfillment": "FBA"})
        if bs:
            ok = all(
                (id(c) in late and not (c.labels - _LATE_LABELS)) or (c.filler and not c.labels)
                for c in t.clauses
                if id(c) not in unknown
            )
            if ok and t.late:
                tier = Tier.hold if t.unknown else Tier.clear
                msg = ("Buy Shipping order shipped on time: the entire comment is about a late or undelivered package"
                       if tier == Tier.clear else
                       "Buy Shipping order shipped on time: about a late package, but part of the comment could not "
                       "be placed; a person decides")
                for c in t.late:
                    yield doc.hit("F-BUYSHIPPING", field, c.start, c.end, tier, 0.85 if tier == Tier.clear else 0.5,
                                  msg, view=view, details={**info, "buy_shipping": True, "shipped_on_time": True})


def _build(cls: Any, settings: Settings) -> Any:
    if cls is None:
        return None
    try:
        return cls(settings)
    except TypeError:
        return cls()


def _tier(value: Any) -> Tier:
    try:
        return Tier(str(getattr(value, "value", value)))
    except ValueError:
        return Tier.hold


def _view(field: PreparedText, name: Any) -> View:
    if isinstance(name, View):
        return name
    return {"text": field.clean, "clean": field.clean, "folded": field.folded_view, "leet": field.leet_view}.get(
        str(name), field.norm_view
    )


def _phone_matches(phones: Any, field: PreparedText, doc: Document) -> list[Any]:
    region = region_for(doc.marketplace)
    try:
        return list(phones.find(field, region, doc.timeout, language=doc.language.code))
    except TypeError:
        return list(phones.find(field, region, doc.timeout))


def _name_matches(names: Any, field: PreparedText, doc: Document) -> list[Any]:
    try:
        return list(names.find(field, doc.language.code, doc.timeout))
    except TypeError:
        return list(names.find(field))


def _window(doc: Document) -> dict[str, Any]:
    fb = doc.feedback
    age = age_days(fb.created_at if fb else None, doc.settings.as_of)
    if age is None:
        return {"removal_window_days": WINDOW_DAYS}
    return {"age_days": age, "removal_window_days": WINDOW_DAYS, "within_removal_window": age <= WINDOW_DAYS}


DETECTORS = (FeedbackDetector,)
