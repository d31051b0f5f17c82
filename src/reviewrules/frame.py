"""pandas helpers (optional extra ``reviewrules[pandas]``). Importing reviewrules never imports pandas; these
functions import it when called."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .engine import Engine
from .models import AuditReport, Review, Verdict
from .settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["audit_frame", "classify_frame", "verdict_rows"]

_REVIEW_FIELDS = ("id", "title", "rating", "reviewer_id", "product_id", "marketplace", "language")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("this function needs pandas: pip install 'reviewrules[pandas]'") from exc
    return pandas


def verdict_rows(v: Verdict, per: Literal["finding", "review"] = "finding") -> list[dict[str, Any]]:
    """Plain rows (dicts) for one verdict: one per finding (none when clean) or one per review."""
    if per == "review":
        clear = [f.rule for f in v.findings if f.tier.value == "clear"]
        hold = [f.rule for f in v.findings if f.tier.value == "hold"]
        return [{
            "subject_id": v.subject_id, "outcome": v.outcome.value, "kind": v.kind.value,
            "clear_rules": ",".join(clear), "hold_rules": ",".join(hold), "n_findings": len(v.findings),
            "action": v.actions[0].kind.value if v.actions else None,
            "max_confidence": max((f.confidence for f in v.findings), default=0.0),
        }]
    return [{
        "subject_id": v.subject_id, "rule": f.rule, "tier": f.tier.value, "confidence": f.confidence,
        "message": f.message, "evidence": " | ".join(s.text for s in f.spans), "field": f.spans[0].field if f.spans else None,
        "start": f.spans[0].start if f.spans else None, "end": f.spans[0].end if f.spans else None,
        "related": ",".join(f.related), "outcome": v.outcome.value, "kind": v.kind.value, "fingerprint": f.fingerprint,
    } for f in v.findings]


def classify_frame(
    df: pd.DataFrame,
    text: str = "body",
    *,
    title: str | None = None,
    rating: str | None = None,
    id: str | None = None,
    marketplace: str | None = None,
    per: Literal["finding", "review"] = "finding",
    settings: Settings | None = None,
    engine: Engine | None = None,
) -> pd.DataFrame:
    """Classify a DataFrame column of review bodies.

    ``per="finding"`` gives one row per finding (ready for ``groupby("rule")``); ``per="review"`` one row per input
    row, aligned with ``df.index``. Empty texts give an outcome of ``None`` rather than an error.
    """
    pd = _pandas()
    eng = engine or Engine(settings)
    out: list[dict[str, Any]] = []
    for idx, row in df.iterrows():
        body = row[text]
        body = body if isinstance(body, str) and body.strip() else None
        kw: dict[str, Any] = {"id": str(row[id]) if id else str(idx), "body": body}
        if title and isinstance(row[title], str) and row[title].strip():
            kw["title"] = row[title]
        if rating and row[rating] == row[rating] and row[rating] is not None:
            r = int(row[rating])
            kw["rating"] = r if 1 <= r <= 5 else None
        if marketplace and isinstance(row[marketplace], str):
            kw["marketplace"] = row[marketplace]
        if not (kw.get("body") or kw.get("title") or kw.get("rating")):
            if per == "review":
                out.append({"row": idx, "subject_id": kw["id"], "outcome": None})
            continue
        v = eng.classify(Review(**kw))
        for r_ in verdict_rows(v, per):
            out.append({"row": idx, **r_})
    frame = pd.DataFrame(out)
    if per == "review" and not frame.empty:
        frame = frame.set_index("row")
        frame.index.name = df.index.name
    return frame


def audit_frame(report: AuditReport) -> pd.DataFrame:
    """One row per finding of an audit (single reviews and groups); group findings list their members."""
    pd = _pandas()
    rows: list[dict[str, Any]] = []
    for v in report.verdicts:
        rows.extend(verdict_rows(v))
    for f in report.corpus_findings:
        rows.append({
            "subject_id": ",".join(f.subject_ids), "rule": f.rule, "tier": f.tier.value, "confidence": f.confidence,
            "message": f.message, "evidence": " | ".join(s.text for s in f.spans[:3]), "fingerprint": f.fingerprint,
            "group_size": len(f.subject_ids),
        })
    return pd.DataFrame(rows)
