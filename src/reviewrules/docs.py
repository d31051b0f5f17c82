"""Render one documentation page per rule from the catalogue and the detectors' docstrings.

``python -m reviewrules.docs docs/rules`` rewrites the pages; a test fails when a committed page is stale.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from .engine import Engine
from .rules import RuleInfo

__all__ = ["render_rule", "write_pages"]

SOURCES = {
    "CG": "Amazon Community Guidelines",
    "CPRP": "Seller Central: Customer product reviews policies",
    "ANS": "Seller Central: Answers to questions about product reviews",
    "PROMO": "Amazon: About Promotional Content",
    "FBR": "Seller Central: Can Amazon remove buyer feedback?",
    "FBA-FB": "Seller Central: Buyer feedback for FBA listings",
    "NEGFB": "Seller Central: Respond to negative feedback",
    "COMM": "Seller Central: Communication Guidelines",
    "COMM20": "Third-party summaries of the 2020 Communication Guidelines update",
    "F5": "eComEngine FeedbackFive compliance help",
    "SOL": "Selling Partner API: Solicitations",
    "CC": "Contact Customer (Brand Dashboard)",
    "AM": "Anti-manipulation policy for customer reviews",
}

_DISCLAIMER = "reviewrules is unofficial and not legal advice; Amazon's own pages are the authority."


def _detector_docs(engine: Engine, rule_id: str) -> list[tuple[str, str]]:
    out = []
    found: list[tuple[object, frozenset[str]]] = [(d, ids) for d, ids, _s in engine._item]
    found += [(d, ids) for d, ids in engine._corpus]
    for det, ids in found:
        if rule_id in ids:
            out.append((type(det).__name__, inspect.getdoc(type(det)) or ""))
    return out


def render_rule(info: RuleInfo, engine: Engine | None = None) -> str:
    engine = engine or Engine()
    lines = [f"# {info.id}: {info.title}", ""]
    meta = [
        ("Applies to", ", ".join(info.subjects)),
        ("Kind", info.kind),
        ("Group", info.group),
        ("Default tier", info.default_tier or "n/a"),
        ("Languages", "any" if "*" in info.languages else ", ".join(info.languages)),
        ("Status", info.status),
        ("On by default", "yes" if info.enabled_by_default and info.kind == "rule" else "no"),
    ]
    lines += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in meta] + [""]
    lines += ["## Why", "", info.why or info.summary, ""]
    docs = _detector_docs(engine, info.id)
    lines += ["## What it flags", ""]
    if docs:
        for name, doc in docs:
            lines += [f"Detector `{name}`:", "", doc, ""]
    elif info.kind == "exemption":
        lines += ["Nothing: this is a must-not-flag rule. Detectors record it in a verdict's `exemptions` when it "
                  "applies, so a user can see why something that looked like a violation was not flagged.", ""]
    elif info.kind == "group":
        lines += ["Nothing by itself: findings use the sub-rule IDs of this group.", ""]
    else:
        lines += ["No detector implements this rule yet (status planned): verdicts list it under "
                  "`coverage.skipped` as not evaluated, never as passed.", ""]
    lines += ["## Flagged examples", ""]
    lines += [f"- {e}" for e in info.examples.flagged] or ["- (none listed)"]
    lines += ["", "## Not flagged", ""]
    lines += [f"- {e}" for e in info.examples.not_flagged] or ["- (none listed)"]
    lines += ["", "## Options", ""]
    lines += [
        f"- Turn it off: `Settings(disable={{'{info.id}'}})`; run only it: `Settings(only={{'{info.id}'}})`.",
        f"- Accept a piece of evidence: `Settings(allow=(AllowEntry(rule='{info.id}', text='...', reason='...'),))`.",
        "",
        "## Source",
        "",
    ]
    src = info.source or "see ../shared/RULES.md"
    named = [f"{k} ({v})" for k, v in SOURCES.items() if k in src.replace("+", " ").replace(";", " ").split()]
    lines += [f"{src}" + (f": {'; '.join(named)}" if named else "") + f". Confidence marker: {info.confidence}.", ""]
    lines += [f"_{_DISCLAIMER}_", ""]
    return "\n".join(lines)


def write_pages(folder: Path) -> list[Path]:
    engine = Engine()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for info in engine.rules():
        if not info.builtin:
            continue
        path = folder / f"{info.id}.md"
        path.write_text(render_rule(info, engine), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    print(f"wrote {len(write_pages(target))} pages to {target}")
