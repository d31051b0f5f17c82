"""What a seller may do with a review: report it, contact the customer through Amazon's templates, ask a human,
or nothing. Never a request to change or remove a review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .detectors.base import Document
from .models import Action, ActionKind, Finding, Kind, Tier

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["plan_actions"]


def plan_actions(doc: Document, findings: list[Finding], kind: Kind, engine: Engine) -> list[Action]:
    clear = [f for f in findings if f.tier == Tier.clear]
    hold = [f for f in findings if f.tier == Tier.hold]
    actions: list[Action] = []
    if clear:
        actions.append(
            Action(
                kind=ActionKind.report,
                reason="breaks " + ", ".join(sorted({f.rule for f in clear})),
                rules=tuple(sorted({f.rule for f in clear})),
            )
        )
    if hold:
        actions.append(
            Action(
                kind=ActionKind.review_by_human,
                reason="possible violation, a person must decide: " + ", ".join(sorted({f.rule for f in hold})),
                rules=tuple(sorted({f.rule for f in hold})),
            )
        )
    if not actions:
        actions.append(Action(kind=ActionKind.none, reason="breaks no rule the library checks"))
    return actions
