"""HTML views of results for notebooks and reports: evidence highlighted in each rule's colour, everything escaped.

Review and message text is untrusted. Every piece of it goes through :func:`html.escape` (quotes included) before
it reaches the page, and the standalone report adds a Content-Security-Policy that only allows its own inline
script, so even a bug in escaping could not run a script from a review.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from .models import Finding, Tier

if TYPE_CHECKING:
    from .models import AuditReport, MessageReport, Verdict

__all__ = [
    "PII_RULES",
    "audit_html",
    "highlight",
    "mask",
    "message_html",
    "rule_colour",
    "verdict_html",
]

#: Rules whose evidence is personal information: masked in reports and exports unless the user asks otherwise.
PII_RULES = frozenset({"R-PII", "F-SELLER-PII", "M-CONTACT-INFO"})

_PALETTE = (
    "#ffb3b3", "#ffd699", "#fff099", "#c2f0c2", "#b3e0ff", "#d9c2ff", "#ffc2e6", "#c2fff0",
    "#e0e0a3", "#ffccb3", "#b3ccff", "#e6b3ff",
)

_CSS = """
.rr{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:14px;line-height:1.45;max-width:60em}
.rr .rr-head{margin:.2em 0 .4em 0}
.rr .rr-badge{display:inline-block;padding:0 .5em;border-radius:.6em;font-weight:600;margin-right:.4em;color:#111}
.rr .rr-clear{background:#ffb3b3}.rr .rr-hold{background:#ffe08a}.rr .rr-ok{background:#c2f0c2}
.rr .rr-text{white-space:pre-wrap;border-left:3px solid #ccc;padding:.3em .6em;margin:.4em 0;background:#fafafa;color:#111}
.rr mark.rr-mark{padding:0 .1em;border-radius:.2em;color:#111}
.rr mark.rr-tier-clear{outline:2px solid #c00}
.rr table{border-collapse:collapse;margin:.4em 0}
.rr td,.rr th{border:1px solid #ddd;padding:.15em .5em;text-align:left;vertical-align:top}
.rr .rr-field{font-size:12px;color:#666}
.rr ul{margin:.2em 0 .4em 1.2em;padding:0}
"""


def rule_colour(rule: str) -> str:
    """A stable colour per rule ID."""
    return _PALETTE[zlib.crc32(rule.encode()) % len(_PALETTE)]


def mask(text: str) -> str:
    """Mask personal information for display: letters and digits become dots, separators stay."""
    return "".join("•" if ch.isalnum() else ch for ch in text)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def highlight(text: str, findings: Iterable[Finding], field: str, *, show_pii: bool = True) -> str:
    """``text`` as escaped HTML with every evidence span of ``field`` wrapped in a ``<mark>`` in its rule's colour."""
    spans: list[tuple[int, int, Finding]] = []
    for f in findings:
        for s in f.spans:
            if s.field == field and 0 <= s.start < s.end <= len(text):
                spans.append((s.start, s.end, f))
    if not spans:
        return _esc(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        covering = [f for s, e, f in spans if s <= a and b <= e]
        if not covering:
            out.append(_esc(piece))
            continue
        top = max(covering, key=lambda f: (f.tier == Tier.clear, f.confidence))
        shown = piece if show_pii or not any(f.rule in PII_RULES for f in covering) else mask(piece)
        title = "; ".join(f"{f.rule} {f.tier.value} {f.confidence:.2f}: {f.message}" for f in covering)
        out.append(
            f'<mark class="rr-mark rr-tier-{top.tier.value}" data-rule="{_esc(top.rule)}" '
            f'style="background:{rule_colour(top.rule)}" title="{_esc(title)}">{_esc(shown)}</mark>'
        )
    return "".join(out)


def _findings_table(findings: Sequence[Finding], show_pii: bool = True) -> str:
    if not findings:
        return ""
    rows = []
    for f in findings:
        ev = ", ".join(
            (s.text if show_pii or f.rule not in PII_RULES else mask(s.text))[:120] for s in f.spans[:5]
        )
        rows.append(
            f'<tr><td><span class="rr-badge" style="background:{rule_colour(f.rule)}">{_esc(f.rule)}</span></td>'
            f'<td><span class="rr-badge rr-{f.tier.value}">{f.tier.value}</span></td><td>{f.confidence:.2f}</td>'
            f"<td>{_esc(f.message)}</td><td>{_esc(ev)}</td>"
            f"<td>{_esc(', '.join(f.related))}</td></tr>"
        )
    return (
        "<table><thead><tr><th>rule</th><th>tier</th><th>confidence</th><th>message</th><th>evidence</th>"
        "<th>related</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _texts_block(texts: dict[str, str], findings: Sequence[Finding], show_pii: bool = True) -> str:
    parts = []
    for field, text in texts.items():
        if field == "html":
            continue
        parts.append(
            f'<div class="rr-field">{_esc(field)}</div><div class="rr-text">'
            f"{highlight(text, findings, field, show_pii=show_pii)}</div>"
        )
    return "".join(parts)


def verdict_html(v: Verdict, *, show_pii: bool = True, standalone_css: bool = True) -> str:
    status = "rr-clear" if v.clear else ("rr-hold" if v.findings else "rr-ok")
    head = (
        f'<div class="rr-head"><span class="rr-badge {status}">{_esc(v.outcome.value)}</span>'
        f"{_esc(v.subject)} <b>{_esc(v.subject_id)}</b> · kind {_esc(v.kind.value)}"
        + (f" · rating {v.rating}" if v.rating is not None else "")
        + "</div>"
    )
    actions = "".join(
        f"<li><b>{_esc(a.kind.value)}</b>"
        + (f" ({_esc(a.template)})" if a.template else "")
        + f": {_esc(a.reason)}</li>"
        for a in v.actions
    )
    ex = "".join(f"<li>{_esc(e.rule)}: {_esc(e.message)}</li>" for e in v.exemptions)
    skipped = [s for s in v.coverage.skipped if s.reason.value != "disabled"]
    cov = (
        f'<div class="rr-field">language {_esc(v.coverage.language)}; {len(v.coverage.ran)} rules ran'
        + (f"; not evaluated: {_esc(', '.join(sorted({s.rule for s in skipped})))}" if skipped else "")
        + "</div>"
    )
    body = (
        head
        + (f"<ul>{actions}</ul>" if actions else "")
        + _texts_block(v.texts, v.findings, show_pii)
        + _findings_table(v.findings, show_pii)
        + (f'<div class="rr-field">allowed, not flagged:</div><ul>{ex}</ul>' if ex else "")
        + cov
    )
    return _wrap(body, standalone_css)


def message_html(r: MessageReport, *, standalone_css: bool = True) -> str:
    status = {"blocked": "rr-clear", "review": "rr-hold", "allowed": "rr-ok"}[r.status.value]
    head = (
        f'<div class="rr-head"><span class="rr-badge {status}">{_esc(r.status.value)}</span>'
        f"message <b>{_esc(r.subject_id)}</b>" + ("" if r.allowed else " · do not send") + "</div>"
    )
    compliant = (
        f'<div class="rr-field">compliant version</div><div class="rr-text">{_esc(r.compliant_version)}</div>'
        if r.compliant_version
        else ""
    )
    body = head + _texts_block(r.texts, r.findings) + _findings_table(r.findings) + compliant
    return _wrap(body, standalone_css)


def audit_html(a: AuditReport, *, limit: int = 50, show_pii: bool = False) -> str:
    counts = "".join(
        f'<tr><td><span class="rr-badge" style="background:{rule_colour(k)}">{_esc(k)}</span></td><td>{n}</td></tr>'
        for k, n in sorted(a.counts.items(), key=lambda kv: -kv[1])
    )
    shown = a.verdicts[:limit]
    more = len(a.verdicts) - len(shown)
    items = "".join(
        "<hr>" + verdict_html(v, show_pii=show_pii, standalone_css=False) for v in shown
    )
    groups = "".join(
        f"<li>{_esc(f.rule)} ({f.tier.value}, {f.confidence:.2f}): {_esc(f.message)} — "
        f"{_esc(', '.join(f.subject_ids[:20]))}{' …' if len(f.subject_ids) > 20 else ''}</li>"
        for f in a.corpus_findings
    )
    body = (
        f'<div class="rr-head"><b>{a.records}</b> records · <b>{len(a.verdicts)}</b> flagged · '
        f"<b>{len(a.corpus_findings)}</b> groups · <b>{len(a.bad_records)}</b> bad records</div>"
        + (f"<table><thead><tr><th>rule</th><th>findings</th></tr></thead><tbody>{counts}</tbody></table>" if counts else "")
        + (f"<ul>{groups}</ul>" if groups else "")
        + items
        + (f'<div class="rr-field">… and {more} more flagged reviews not shown</div>' if more > 0 else "")
    )
    return _wrap(body, True)


def _wrap(body: str, css: bool) -> str:
    return (f"<style>{_CSS}</style>" if css else "") + f'<div class="rr">{body}</div>'
