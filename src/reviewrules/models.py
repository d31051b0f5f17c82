"""Typed records and results.

Every model is a frozen pydantic v2 model: it validates strictly for Python callers, round-trips through JSON,
publishes a JSON Schema, and never echoes the offending input in a validation error (review text is personal
data; ``hide_input_in_errors``).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictBool, StrictInt, model_validator

__all__ = [
    "Action",
    "ActionKind",
    "Attachment",
    "AuditReport",
    "BadRecord",
    "Concerns",
    "Coverage",
    "Exemption",
    "Feedback",
    "Finding",
    "Fulfillment",
    "Kind",
    "MessagePurpose",
    "MessageReport",
    "MessageStatus",
    "OrderContext",
    "Outcome",
    "Review",
    "SellerMessage",
    "SentMessage",
    "SkipReason",
    "SkippedRule",
    "Span",
    "Tier",
    "Verdict",
]

_STRICT = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)
_RESULT = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

Rating = Annotated[StrictInt, Field(ge=1, le=5)]
Id = Annotated[str, Field(min_length=1, max_length=256)]


class Tier(str, Enum):
    """How sure a finding is: ``clear`` is safe to report or block; ``hold`` needs a human."""

    clear = "clear"
    hold = "hold"


class Kind(str, Enum):
    """What a review or feedback text is about."""

    product = "product"
    seller = "seller"
    mixed = "mixed"
    other = "other"


class Fulfillment(str, Enum):
    fba = "FBA"
    merchant = "merchant"


class MessagePurpose(str, Enum):
    proactive = "proactive"
    reply = "reply"
    review_request = "review_request"


class Concerns(str, Enum):
    """What a seller message is about. ``unknown`` is judged as strictly as ``product_review``."""

    product_review = "product_review"
    seller_feedback = "seller_feedback"
    order = "order"
    unknown = "unknown"


# --------------------------------------------------------------------------------------------------------------
# Inputs


class Review(BaseModel):
    """A product review as Amazon shows it. A review needs a body, a title or a rating (rating-only reviews exist)."""

    model_config = _STRICT

    id: Id = "review"
    body: str | None = None
    title: str | None = None
    rating: Rating | None = None
    reviewer_id: str | None = None
    product_id: str | None = None
    parent_product_id: str | None = None
    marketplace: str | None = None
    language: str | None = None
    created_at: datetime | None = None
    verified_purchase: StrictBool | None = None
    vine: StrictBool = False

    @model_validator(mode="after")
    def _needs_content(self) -> Review:
        if not (self.body or self.title) and self.rating is None:
            raise ValueError("a review needs a body, a title or a rating")
        return self


class Feedback(BaseModel):
    """Seller feedback: it rates the seller (shipping, packaging, service), not the product."""

    model_config = _STRICT

    id: Id = "feedback"
    order_id: str | None = None
    rating: Rating | None = None
    comment: str = ""
    created_at: datetime | None = None
    fulfillment: Fulfillment | None = None
    buy_shipping: StrictBool | None = None
    shipped_on_time: StrictBool | None = None
    marketplace: str | None = None


class Attachment(BaseModel):
    model_config = _STRICT

    name: str
    media_type: str | None = None
    size: int | None = Field(default=None, ge=0)


class SellerMessage(BaseModel):
    """A message a seller wants to send to a buyer through Buyer-Seller Messaging."""

    model_config = _STRICT

    id: Id = "message"
    order_id: str | None = None
    subject: str | None = None
    body: str = ""
    html: str | None = None
    attachments: tuple[Attachment, ...] = ()
    purpose: MessagePurpose = MessagePurpose.proactive
    concerns: Concerns = Concerns.unknown
    sent_at: datetime | None = None
    buyer_language: str | None = None
    marketplace: str | None = None


class SentMessage(BaseModel):
    """A message already sent on the order (for the one-request-per-order rule)."""

    model_config = _STRICT

    sent_at: datetime | None = None
    purpose: MessagePurpose = MessagePurpose.proactive
    review_request: bool = False
    via_request_a_review: bool = False


class OrderContext(BaseModel):
    """Order metadata for the message rules that cannot be judged from text (timing, repeats)."""

    model_config = _STRICT

    order_id: str | None = None
    ordered_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    earliest_delivery: datetime | None = None
    latest_delivery: datetime | None = None
    order_completed_at: datetime | None = None
    messages_sent: tuple[SentMessage, ...] = ()
    problem_resolved: bool | None = None
    brand_registered: bool | None = None
    seller_of_record: bool | None = None


# --------------------------------------------------------------------------------------------------------------
# Results


class Span(BaseModel):
    """Evidence: ``text`` equals ``original[start:end]`` of the named field of the named subject."""

    model_config = _RESULT

    subject_id: str
    field: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Finding(BaseModel):
    """One rule broken by one subject (or a group of subjects, for corpus rules)."""

    model_config = _RESULT

    rule: str
    tier: Tier
    confidence: float = Field(ge=0.0, le=1.0)
    message: str
    spans: tuple[Span, ...] = ()
    subject_ids: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    details: dict[str, str | int | float | bool | list[str] | None] = Field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Stable across edits that only move text around: rule, subjects and evidence, never offsets."""
        h = hashlib.sha256()
        h.update(self.rule.encode())
        for sid in sorted(self.subject_ids):
            h.update(b"\x00s" + sid.encode())
        for ev in sorted({s.text.casefold() for s in self.spans}):
            h.update(b"\x00e" + ev.encode())
        return h.hexdigest()[:16]


class Exemption(BaseModel):
    """A must-not-flag rule (X-*) that applied: something looked like a violation and is allowed."""

    model_config = _RESULT

    rule: str
    message: str
    spans: tuple[Span, ...] = ()


class SkipReason(str, Enum):
    disabled = "disabled"
    unsupported_language = "unsupported_language"
    missing_metadata = "missing_metadata"
    input_bound = "input_bound"
    not_evaluated = "not_evaluated"
    error = "error"


class SkippedRule(BaseModel):
    model_config = _RESULT

    rule: str
    reason: SkipReason
    detail: str = ""


class Coverage(BaseModel):
    """Which rules ran on a subject, and which did not and why. A skipped rule is never a pass."""

    model_config = _RESULT

    ran: tuple[str, ...] = ()
    skipped: tuple[SkippedRule, ...] = ()
    language: str = "unknown"
    language_confidence: float = 0.0
    truncated: bool = False

    @property
    def complete(self) -> bool:
        return not any(s.reason in (SkipReason.input_bound, SkipReason.error) for s in self.skipped)

    def skipped_rules(self, reason: SkipReason | None = None) -> tuple[str, ...]:
        return tuple(s.rule for s in self.skipped if reason is None or s.reason == reason)


class ActionKind(str, Enum):
    report = "report"
    contact_customer = "contact_customer"
    review_by_human = "review_by_human"
    none = "none"


class Action(BaseModel):
    """What the seller may do with a review, first the one to take. Never a request to change a review."""

    model_config = _RESULT

    kind: ActionKind
    reason: str
    rules: tuple[str, ...] = ()
    template: Literal["courtesy_refund", "customer_support"] | None = None
    eligible: bool | None = None
    eligibility_notes: tuple[str, ...] = ()
    request_text: str | None = None


class Outcome(str, Enum):
    removable = "removable"
    needs_review = "needs_review"
    not_removable = "not_removable"
    remove = "remove"
    strike = "strike"
    stays = "stays"


class Verdict(BaseModel):
    """The result of ``classify`` for a review or a seller feedback."""

    model_config = _RESULT

    subject_id: str
    subject: Literal["review", "feedback"]
    findings: tuple[Finding, ...] = ()
    kind: Kind = Kind.product
    outcome: Outcome
    actions: tuple[Action, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    coverage: Coverage = Field(default_factory=Coverage)
    # The judged texts by field and the rating, for display only: never serialized.
    _texts: dict[str, str] = PrivateAttr(default_factory=dict)
    _rating: int | None = PrivateAttr(default=None)

    @property
    def texts(self) -> dict[str, str]:
        """The judged text fields (for display; not part of the JSON form)."""
        return dict(self._texts)

    @property
    def rating(self) -> int | None:
        return self._rating

    def _repr_html_(self) -> str:
        from .display import verdict_html

        return verdict_html(self)

    @property
    def clear(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.tier == Tier.clear)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(f.rule for f in self.findings)

    def __repr__(self) -> str:  # short on purpose: notebooks print many of these
        rules = ", ".join(f"{f.rule}:{f.tier.value}" for f in self.findings) or "no findings"
        return f"<Verdict {self.subject} {self.subject_id!r} {self.outcome.value} kind={self.kind.value} [{rules}]>"


class MessageStatus(str, Enum):
    allowed = "allowed"
    review = "review"
    blocked = "blocked"


class MessageReport(BaseModel):
    """The result of ``check_message``: may this message be sent?"""

    model_config = _RESULT

    subject_id: str
    allowed: bool
    status: MessageStatus
    findings: tuple[Finding, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    coverage: Coverage = Field(default_factory=Coverage)
    compliant_version: str | None = None
    _texts: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def texts(self) -> dict[str, str]:
        """The checked message fields (for display; not part of the JSON form)."""
        return dict(self._texts)

    def _repr_html_(self) -> str:
        from .display import message_html

        return message_html(self)

    def __repr__(self) -> str:
        rules = ", ".join(f"{f.rule}:{f.tier.value}" for f in self.findings) or "no findings"
        return f"<MessageReport {self.subject_id!r} {self.status.value} [{rules}]>"


class BadRecord(BaseModel):
    model_config = _RESULT

    line: int
    error: str


class AuditReport(BaseModel):
    """The result of ``audit``: findings of single reviews and of groups, counts, bad records."""

    model_config = _RESULT

    verdicts: tuple[Verdict, ...] = ()
    corpus_findings: tuple[Finding, ...] = ()
    counts: dict[str, int] = Field(default_factory=dict)
    records: int = 0
    bad_records: tuple[BadRecord, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for v in self.verdicts for f in v.findings) + self.corpus_findings

    def _repr_html_(self) -> str:
        from .display import audit_html

        return audit_html(self)

    def __repr__(self) -> str:
        return (
            f"<AuditReport records={self.records} flagged={sum(1 for v in self.verdicts if v.findings)} "
            f"groups={len(self.corpus_findings)} bad={len(self.bad_records)}>"
        )


def as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value
