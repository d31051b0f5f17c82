"""A self-contained HTML report of an audit, and CSV export of findings.

The report is one file: no network, no CDN, no external font. Counts per rule are an inline SVG bar chart, the
rating distribution of flagged reviews another; a table of findings filters by rule and tier with a small inline
script (allowed by a Content-Security-Policy hash, so nothing else can run); each flagged review is shown with its
evidence highlighted, up to a cap that keeps the file small (the report says when it capped). Personal information
is masked unless ``show_pii`` is set.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from .display import _CSS, PII_RULES, mask, rule_colour, verdict_html
from .models import AuditReport, Finding, Tier

__all__ = ["csv_safe", "render_report", "write_csv", "write_report"]

_SCRIPT = """
(function(){
  var rule=document.getElementById('rr-rule'), tier=document.getElementById('rr-tier');
  function apply(){
    var r=rule.value, t=tier.value, shown=0;
    var rows=document.querySelectorAll('#rr-findings tbody tr');
    for(var i=0;i<rows.length;i++){
      var ok=(!r||rows[i].getAttribute('data-rule')===r)&&(!t||rows[i].getAttribute('data-tier')===t);
      rows[i].style.display=ok?'':'none'; if(ok){shown++;}
    }
    document.getElementById('rr-shown').textContent=String(shown);
  }
  rule.addEventListener('change',apply); tier.addEventListener('change',apply); apply();
})();
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
_CSP = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{_SCRIPT_HASH}'"

_REPORT_CSS = """
body{margin:1.5em;background:#fff;color:#111}
h1{font-family:system-ui,sans-serif;font-size:20px} h2{font-family:system-ui,sans-serif;font-size:16px;margin-top:1.4em}
.rr-note{font-family:system-ui,sans-serif;font-size:13px;color:#555}
.rr-card{border:1px solid #ddd;border-radius:6px;padding:.4em .8em;margin:.6em 0}
svg text{font-family:system-ui,sans-serif;font-size:12px}
"""


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _bar_chart(counts: Mapping[str, tuple[int, int]], title: str) -> str:
    """Horizontal stacked bars (clear, hold) as inline SVG."""
    items = sorted(counts.items(), key=lambda kv: (-(kv[1][0] + kv[1][1]), kv[0]))
    if not items:
        return '<p class="rr-note">No findings.</p>'
    top = max(c + h for _, (c, h) in items) or 1
    bar_w, label_w, row_h = 420, 210, 22
    height = row_h * len(items) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="rr-chart" role="img" aria-label="{_esc(title)}" '
        f'width="{label_w + bar_w + 80}" height="{height}">'
    ]
    for i, (rule, (c, h)) in enumerate(items):
        y = 20 + i * row_h
        wc = bar_w * c / top
        wh = bar_w * h / top
        parts.append(f'<text x="0" y="{y + 14}">{_esc(rule)}</text>')
        parts.append(f'<rect class="rr-bar" x="{label_w}" y="{y}" width="{wc:.1f}" height="16" fill="#d9534f"><title>{_esc(rule)} clear: {c}</title></rect>')
        parts.append(f'<rect class="rr-bar" x="{label_w + wc:.1f}" y="{y}" width="{wh:.1f}" height="16" fill="#f0ad4e"><title>{_esc(rule)} hold: {h}</title></rect>')
        parts.append(f'<text x="{label_w + wc + wh + 6:.1f}" y="{y + 13}">{c} / {h}</text>')
    parts.append(f'<text x="{label_w}" y="12">clear (red) / hold (amber)</text></svg>')
    return "".join(parts)


def _rating_chart(ratings: Counter[int | None]) -> str:
    total = sum(ratings.values())
    if not total:
        return '<p class="rr-note">No ratings.</p>'
    keys: list[int | None] = [1, 2, 3, 4, 5, None]
    w, h = 320, 140
    top = max(ratings.values()) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="rr-ratings" width="{w}" height="{h + 30}" role="img" aria-label="ratings of flagged reviews">']
    for i, k in enumerate(keys):
        n = ratings.get(k, 0)
        bh = h * n / top
        x = 10 + i * 50
        parts.append(f'<rect x="{x}" y="{h - bh + 10:.1f}" width="36" height="{bh:.1f}" fill="#5b8def"><title>{n}</title></rect>')
        parts.append(f'<text x="{x + 4}" y="{h + 25}">{"★" * k if k else "none"}</text>')
        parts.append(f'<text x="{x + 4}" y="{h - bh + 6:.1f}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_report(
    report: AuditReport,
    *,
    title: str = "reviewrules report",
    show_pii: bool = False,
    max_reviews: int = 300,
    max_rows: int = 2000,
    rule_titles: Mapping[str, str] | None = None,
) -> str:
    """The whole report as one HTML string."""
    if rule_titles is None:
        from .rules import catalogue

        rule_titles = {k: v.title for k, v in catalogue().items()}
    counts: dict[str, list[int]] = {}
    for f in report.findings:
        c = counts.setdefault(f.rule, [0, 0])
        c[0 if f.tier == Tier.clear else 1] += 1
    ratings: Counter[int | None] = Counter(v.rating for v in report.verdicts)
    rows: list[str] = []
    all_rows = [(v.subject_id, f) for v in report.verdicts for f in v.findings]
    all_rows += [(", ".join(f.subject_ids[:5]), f) for f in report.corpus_findings]
    for sid, f in all_rows[:max_rows]:
        ev = " | ".join((s.text if show_pii or f.rule not in PII_RULES else mask(s.text))[:160] for s in f.spans[:3])
        rows.append(
            f'<tr data-rule="{_esc(f.rule)}" data-tier="{f.tier.value}"><td>{_esc(sid)}</td>'
            f'<td><span class="rr-badge" style="background:{rule_colour(f.rule)}">{_esc(f.rule)}</span></td>'
            f'<td><span class="rr-badge rr-{f.tier.value}">{f.tier.value}</span></td><td>{f.confidence:.2f}</td>'
            f"<td>{_esc(f.message)}</td><td>{_esc(ev)}</td></tr>"
        )
    rules_opts = "".join(f'<option value="{_esc(r)}">{_esc(r)}</option>' for r in sorted(counts))
    cards = [
        f'<div class="rr-card">{verdict_html(v, show_pii=show_pii, standalone_css=False)}</div>'
        for v in report.verdicts[:max_reviews]
    ]
    groups = []
    for f in report.corpus_findings[:max_reviews]:
        members = ", ".join(_esc(s) for s in f.subject_ids[:50]) + (" …" if len(f.subject_ids) > 50 else "")
        ev = f.spans[0].text if f.spans else ""
        groups.append(
            f'<div class="rr-card"><span class="rr-badge" style="background:{rule_colour(f.rule)}">{_esc(f.rule)}</span>'
            f'<span class="rr-badge rr-{f.tier.value}">{f.tier.value}</span> {_esc(f.message)}'
            f'<div class="rr-field">{len(f.subject_ids)} reviews: {members}</div>'
            f'<div class="rr-text">{_esc(ev[:400])}</div></div>'
        )
    notes = []
    if len(all_rows) > max_rows:
        notes.append(f"The findings table shows the first {max_rows:,} of {len(all_rows):,} findings.")
    if len(report.verdicts) > max_reviews:
        notes.append(f"Showing the first {max_reviews:,} of {len(report.verdicts):,} flagged reviews; the counts and charts cover all.")
    if not show_pii:
        notes.append("Personal information is masked (use --show-pii to keep it).")
    legend = "".join(
        f'<li><span class="rr-badge" style="background:{rule_colour(r)}">{_esc(r)}</span> {_esc(rule_titles.get(r, ""))}</li>'
        for r in sorted(counts)
    )
    bad = "".join(f"<li>line {b.line}: {_esc(b.error)}</li>" for b in report.bad_records[:200])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title>
<style>{_CSS}{_REPORT_CSS}</style></head>
<body><div class="rr">
<h1>{_esc(title)}</h1>
<p><b>{report.records:,}</b> reviews audited · <b>{len(report.verdicts):,}</b> flagged · <b>{len(report.corpus_findings):,}</b> groups · <b>{len(report.bad_records):,}</b> bad records</p>
<p class="rr-note">{_esc(" ".join(notes))} reviewrules is unofficial and not legal advice.</p>
<h2>Findings per rule</h2>{_bar_chart({k: (v[0], v[1]) for k, v in counts.items()}, "findings per rule")}
<ul>{legend}</ul>
<h2>Ratings of flagged reviews</h2>{_rating_chart(ratings)}
<h2>Findings</h2>
<p>rule <select id="rr-rule"><option value="">all</option>{rules_opts}</select>
tier <select id="rr-tier"><option value="">all</option><option value="clear">clear</option><option value="hold">hold</option></select>
· <span id="rr-shown">{len(rows)}</span> shown</p>
<table id="rr-findings"><thead><tr><th>review</th><th>rule</th><th>tier</th><th>confidence</th><th>message</th><th>evidence</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<h2>Groups of reviews</h2>{"".join(groups) or '<p class="rr-note">No corpus findings.</p>'}
<h2>Flagged reviews</h2>{"".join(cards) or '<p class="rr-note">None.</p>'}
{f"<h2>Bad records</h2><ul>{bad}</ul>" if bad else ""}
</div><script>{_SCRIPT}</script></body></html>
"""


def write_report(report: AuditReport, path: str | Path, **kw: object) -> Path:
    p = Path(path)
    p.write_text(render_report(report, **kw), encoding="utf-8")  # type: ignore[arg-type]
    return p


def csv_safe(value: object) -> str:
    """A cell value that spreadsheet programs will not run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR)."""
    s = "" if value is None else str(value)
    if s and s[0] in "=+-@\t\r":
        return "'" + s
    return s


CSV_COLUMNS = ("subject_id", "rule", "tier", "confidence", "message", "field", "start", "end", "evidence", "related")


def write_csv(findings: Iterable[tuple[str, Finding]], out: IO[str], *, show_pii: bool = False) -> int:
    """Write one row per finding span; personal information masked unless ``show_pii``. Returns the row count."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    n = 0
    for sid, f in findings:
        spans = f.spans or ()
        for s in spans or (None,):
            ev = "" if s is None else (s.text if show_pii or f.rule not in PII_RULES else mask(s.text))
            w.writerow([
                csv_safe(sid), f.rule, f.tier.value, f"{f.confidence:.3f}", csv_safe(f.message),
                "" if s is None else s.field, "" if s is None else s.start, "" if s is None else s.end,
                csv_safe(ev), ";".join(f.related),
            ])
            n += 1
    return n
