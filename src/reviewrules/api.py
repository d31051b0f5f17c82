"""Module-level shortcuts. They use a cached engine per settings value (settings are frozen and hashable), so the
first call builds the engine and later calls reuse it; nothing else is shared."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from .engine import Engine
from .models import AuditReport, Feedback, MessageReport, OrderContext, Review, SellerMessage, Verdict
from .settings import Settings

__all__ = ["audit", "check_message", "classify", "default_engine"]


@lru_cache(maxsize=8)
def default_engine(settings: Settings | None = None) -> Engine:
    """The engine behind the module-level functions, built once per distinct settings value."""
    return Engine(settings or Settings())


def classify(item: Review | Feedback | str, settings: Settings | None = None) -> Verdict:
    """Judge a review (a :class:`Review` or its body as a string) or a seller :class:`Feedback`."""
    return default_engine(settings).classify(item)


def check_message(
    message: SellerMessage | str, settings: Settings | None = None, context: OrderContext | None = None
) -> MessageReport:
    """May this message be sent to the buyer? ``context`` carries order metadata for the timing and repeat rules."""
    return default_engine(settings).check_message(message, context)


def audit(
    reviews: Iterable[Review | Mapping[str, Any] | str], settings: Settings | None = None, *, jobs: int = 1
) -> AuditReport:
    """Classify many reviews (any iterable, also a generator over a huge file) and run the corpus rules."""
    if jobs != 1:
        from .corpus.parallel import audit_parallel  # type: ignore[import-not-found,unused-ignore]

        result: AuditReport = audit_parallel(reviews, settings or Settings(), jobs=jobs)
        return result
    return default_engine(settings).audit(reviews)
