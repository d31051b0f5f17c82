"""reviewrules: Amazon's review, seller-feedback and buyer-messaging rules as code.

Unofficial; not legal advice. Every answer carries the rule behind it and the exact evidence span.
"""

from typing import TYPE_CHECKING, Any

from .api import audit, check_message, classify
from .engine import Engine, PluginError
from .models import (
    Action,
    ActionKind,
    AuditReport,
    Coverage,
    Feedback,
    Finding,
    Kind,
    MessageReport,
    MessageStatus,
    OrderContext,
    Outcome,
    Review,
    SellerMessage,
    Span,
    Tier,
    Verdict,
)
from .rules import RuleInfo, rules
from .settings import AllowEntry, Settings

if TYPE_CHECKING:
    from .redact import redact

__version__ = "0.1.0.dev0"

__all__ = [
    "Action",
    "ActionKind",
    "AllowEntry",
    "AuditReport",
    "Coverage",
    "Engine",
    "Feedback",
    "Finding",
    "Kind",
    "MessageReport",
    "MessageStatus",
    "OrderContext",
    "Outcome",
    "PluginError",
    "Review",
    "RuleInfo",
    "SellerMessage",
    "Settings",
    "Span",
    "Tier",
    "Verdict",
    "__version__",
    "audit",
    "check_message",
    "classify",
    "redact",
    "rules",
]


def __getattr__(name: str) -> Any:
    # ``redact`` pulls in the PII extractors (phonenumbers, email-validator): imported on first use only, so
    # ``import reviewrules`` stays cheap.
    if name == "redact":
        from .redact import redact as fn

        globals()["redact"] = fn
        return fn
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
