"""The ``reviewrules`` command: scan a file of reviews, check a seller message, list and explain rules.

Exit codes: 0 nothing at or above ``--fail-on``; 1 violations (or a blocked message); 2 usage or input errors.
Only the CLI reads the environment (``REVIEWRULES_MARKETPLACE``); the library never does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .engine import Engine, PluginError
from .io import ReviewFile
from .models import Action, ActionKind, Concerns, Finding, MessagePurpose, SellerMessage, Tier
from .settings import Settings

__all__ = ["main"]


def _settings(args: argparse.Namespace) -> Settings:
    kw: dict[str, Any] = {}
    mk = getattr(args, "marketplace", None) or os.environ.get("REVIEWRULES_MARKETPLACE")
    if mk:
        kw["marketplace"] = mk
    if getattr(args, "enable", None):
        kw["enable"] = frozenset(args.enable)
    if getattr(args, "disable", None):
        kw["disable"] = frozenset(args.disable)
    if getattr(args, "only", None):
        kw["only"] = frozenset(args.only)
    return Settings(**kw)


def _columns(pairs: Sequence[str] | None) -> dict[str, str]:
    out = {}
    for p in pairs or ():
        field, sep, col = p.partition("=")
        if not sep or not field or not col:
            raise SystemExit(f"reviewrules: --column takes FIELD=COLUMN, got {p!r}")
        out[field.strip()] = col.strip()
    return out


def _progress(items: Iterator[tuple[int, Any]], enabled: bool, stream: TextIO) -> Iterator[tuple[int, Any]]:
    start = time.monotonic()
    n = 0
    last = start
    for item in items:
        n += 1
        now = time.monotonic()
        if enabled and now - last >= 1.0:
            stream.write(f"\rreviewrules: {n:,} records, {n / max(now - start, 1e-9):,.0f}/s")
            stream.flush()
            last = now
        yield item
    if enabled:
        stream.write(f"\rreviewrules: {n:,} records in {time.monotonic() - start:.1f}s\n")


def _corpus_action(f: Finding) -> Action:
    """A group finding (several reviews, several accounts) is reported when clear, else checked by a person."""
    if f.tier == Tier.clear:
        return Action(kind=ActionKind.report, reason=f"report the {len(f.subject_ids)} reviews together", rules=(f.rule,))
    return Action(kind=ActionKind.review_by_human, reason="check the reviewers' histories before reporting", rules=(f.rule,))


class _ProgressOnce:
    """Iterates ``source`` with progress on the first pass only (``audit`` reads a file again for evidence)."""

    def __init__(self, source: Iterable[tuple[int, Any]], enabled: bool, stream: TextIO) -> None:
        self.source, self.enabled, self.stream, self.passes = source, enabled, stream, 0

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        self.passes += 1
        it = iter(self.source)
        return _progress(it, self.enabled, self.stream) if self.passes == 1 else it

    def select(self, lines: frozenset[int]) -> Iterator[tuple[int, Any]]:
        select = getattr(self.source, "select", None)
        return select(lines) if select is not None else (x for x in self.source if x[0] in lines)


def _cmd_scan(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file != "-" else Path("-")
    if args.file != "-" and not path.exists():
        print(f"reviewrules: no such file: {args.file}", file=sys.stderr)
        return 2
    engine = Engine(_settings(args))
    source = ReviewFile(path, args.format, _columns(args.column))
    show_progress = args.progress if args.progress is not None else sys.stderr.isatty()
    jobs = args.jobs if args.jobs and args.jobs > 0 else None
    report = engine.audit(_ProgressOnce(source, show_progress, sys.stderr), jobs=jobs)  # type: ignore[arg-type]
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for v in report.verdicts:
            for f in v.findings:
                row = {"subject_id": v.subject_id, "kind": v.kind.value, "outcome": v.outcome.value, **f.model_dump(mode="json")}
                row["fingerprint"] = f.fingerprint
                if args.actions:
                    row["actions"] = [a.model_dump(mode="json", exclude_none=True) for a in v.actions]
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        for f in report.corpus_findings:
            row = {"subject_id": None, **f.model_dump(mode="json"), "fingerprint": f.fingerprint}
            if args.actions:
                row["actions"] = [_corpus_action(f).model_dump(mode="json", exclude_none=True)]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    _write_exports(args, report, engine)
    if not args.quiet:
        _summary(report, engine, sys.stderr)
    for b in report.bad_records:
        print(f"reviewrules: skipped line {b.line}: {b.error}", file=sys.stderr)
    if args.fail_on == "never":
        return 0
    tiers = {Tier.clear} if args.fail_on == "clear" else {Tier.clear, Tier.hold}
    return 1 if any(f.tier in tiers for f in report.findings) else 0


def _write_exports(args: argparse.Namespace, report: Any, engine: Engine) -> None:
    """``--html`` (a self-contained report) and ``--csv`` (one row per finding); PII masked unless --show-pii."""
    show_pii = bool(getattr(args, "show_pii", False))
    if getattr(args, "html", None):
        from .report import write_report

        write_report(report, args.html, show_pii=show_pii, rule_titles={r.id: r.title for r in engine.rules()},
                     title=f"reviewrules report: {Path(args.file).name}")
    if getattr(args, "csv", None):
        from .report import write_csv

        pairs = [(v.subject_id, f) for v in report.verdicts for f in v.findings]
        pairs += [(",".join(f.subject_ids), f) for f in report.corpus_findings]
        with open(args.csv, "w", encoding="utf-8", newline="") as fh:
            write_csv(pairs, fh, show_pii=show_pii)


def _summary(report: Any, engine: Engine, stream: TextIO) -> None:
    clear: dict[str, int] = {}
    hold: dict[str, int] = {}
    for f in report.findings:
        (clear if f.tier == Tier.clear else hold)[f.rule] = (clear if f.tier == Tier.clear else hold).get(f.rule, 0) + 1
    stream.write(f"\n{report.records} records, {len(report.verdicts)} flagged, {len(report.bad_records)} bad\n")
    rules = sorted(set(clear) | set(hold))
    if rules:
        w = max(len(r) for r in rules)
        stream.write(f"{'rule'.ljust(w)}  clear   hold  title\n")
        for r in rules:
            stream.write(f"{r.ljust(w)}  {clear.get(r, 0):5d}  {hold.get(r, 0):5d}  {engine.rule(r).title}\n")


def _cmd_check_message(args: argparse.Namespace) -> int:
    if args.text is not None and args.file is not None:
        print("reviewrules: give the message as TEXT or --file, not both", file=sys.stderr)
        return 2
    if args.file is not None:
        try:
            body = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"reviewrules: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
    elif args.text is not None:
        body = args.text
    else:
        body = sys.stdin.read()
    msg = SellerMessage(
        body=body,
        subject=args.subject,
        order_id=args.order_id,
        purpose=MessagePurpose(args.purpose),
        concerns=Concerns(args.concerns),
        buyer_language=args.buyer_language,
        marketplace=args.marketplace,
    )
    engine = Engine(_settings(args))
    report = engine.check_message(msg)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(f"status: {report.status.value}" + ("" if report.allowed else " (do not send)"))
        for f in report.findings:
            print(f"  {f.rule} [{f.tier.value} {f.confidence:.2f}] {f.message}")
            for s in f.spans:
                if s.end > s.start:  # metadata rules (order ID, timing, language) have no text evidence
                    where = _sentence_with(msg.body if s.field == "body" else None, s.start, s.end, color)
                    print(f"      {s.field}[{s.start}:{s.end}]: {where or _highlight(s.text, color)}")
        if report.compliant_version:
            print("compliant version:\n" + "\n".join("  " + ln for ln in report.compliant_version.splitlines()))
        skipped = [s for s in report.coverage.skipped if s.reason.value != "disabled"]
        if skipped:
            print("not evaluated: " + ", ".join(f"{s.rule} ({s.reason.value})" for s in skipped))
    return 0 if report.allowed else 1


def _sentence_with(text: str | None, start: int, end: int, color: bool) -> str | None:
    """The sentence of ``text`` around ``[start, end)``, with the evidence highlighted (messages: which sentence
    breaks which rule)."""
    if not text:
        return None
    from .text import split_sentences

    for ss, se in split_sentences(text):
        if ss <= start and end <= se:
            return (text[ss:start] + _highlight(text[start:end], color) + text[end:se]).replace("\n", " ")
    return None


def _highlight(text: str, color: bool) -> str:
    return f"\x1b[1;31m{text}\x1b[0m" if color else f"»{text}«"


def _cmd_rules(args: argparse.Namespace) -> int:
    engine = Engine(_settings(args))
    infos = [r for r in engine.rules() if args.subject is None or args.subject in r.subjects]
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in infos], indent=2, ensure_ascii=False))
        return 0
    w = max(len(r.id) for r in infos)
    for r in infos:
        on = "on " if r.id in engine.enabled_rules else "off"
        print(f"{r.id.ljust(w)}  {on}  {r.status:8s} {(r.default_tier or '-'):5s}  {r.title}")
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from .docs import render_rule

    engine = Engine(_settings(args))
    rid = args.rule.upper()
    try:
        info = engine.rule(rid)
    except KeyError:
        print(f"reviewrules: unknown rule {args.rule!r}; `reviewrules rules` lists them", file=sys.stderr)
        return 2
    print(render_rule(info, engine))
    return 0


def _cmd_redact(args: argparse.Namespace) -> int:
    from .redact import redact

    settings = _settings(args)
    try:
        stream: TextIO = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        print(f"reviewrules: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        for line in stream:
            body = line[:-1] if line.endswith("\n") else line
            sys.stdout.write(redact(body, settings, names=args.names, language=args.language) + line[len(body):])
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reviewrules", description="Amazon review, feedback and messaging rules as code (unofficial; not legal advice).")
    p.add_argument("--version", action="version", version=f"reviewrules {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--marketplace", help="default marketplace (US, UK, DE, FR, IT, ES, ...)")
        sp.add_argument("--enable", action="append", metavar="RULE", help="turn on a rule or group (repeatable)")
        sp.add_argument("--disable", action="append", metavar="RULE", help="turn off a rule or group (repeatable)")
        sp.add_argument("--only", action="append", metavar="RULE", help="run only these rules or groups")

    s = sub.add_parser("scan", help="audit a JSONL or CSV file of reviews; findings as JSONL on stdout")
    s.add_argument("file", help="JSONL or CSV file ('-' for JSONL on stdin)")
    s.add_argument("--format", choices=["jsonl", "csv"], help="input format (default: from the file name)")
    s.add_argument("--column", action="append", metavar="FIELD=COLUMN", help="map a review field to a column")
    s.add_argument("--fail-on", choices=["clear", "hold", "never"], default="clear")
    s.add_argument("--output", "-o", help="write findings here instead of stdout")
    s.add_argument("--actions", action="store_true", help="add the recommended seller actions to each finding")
    s.add_argument("--quiet", "-q", action="store_true", help="no summary table")
    s.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress on stderr")
    s.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes that classify reviews (default: one per core; 1: no workers)")
    s.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    s.add_argument("--csv", metavar="FILE", help="also write the findings as CSV (formula-safe)")
    s.add_argument("--show-pii", action="store_true", help="keep personal information unmasked in --html/--csv")
    common(s)
    s.set_defaults(func=_cmd_scan)

    m = sub.add_parser("check-message", help="may this seller message be sent? exit 1 when blocked")
    m.add_argument("text", nargs="?", help="the message body (or --file, or stdin)")
    m.add_argument("--file", "-f", help="read the body from a file ('-' for stdin)")
    m.add_argument("--subject")
    m.add_argument("--order-id")
    m.add_argument("--purpose", choices=[x.value for x in MessagePurpose], default="proactive")
    m.add_argument("--concerns", choices=[x.value for x in Concerns], default="unknown")
    m.add_argument("--buyer-language")
    m.add_argument("--json", action="store_true", help="print the full report as JSON")
    common(m)
    m.set_defaults(func=_cmd_check_message)

    r = sub.add_parser("rules", help="list the rules")
    r.add_argument("--subject", choices=["review", "feedback", "message", "corpus"])
    r.add_argument("--json", action="store_true")
    common(r)
    r.set_defaults(func=_cmd_rules)

    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("rule")
    common(e)
    e.set_defaults(func=_cmd_explain)

    rd = sub.add_parser("redact", help="mask emails, phone numbers, addresses and order numbers in a text file")
    rd.add_argument("file", help="text file, one record per line ('-' for stdin); written to stdout")
    rd.add_argument("--names", action="store_true", help="also mask people's full names")
    rd.add_argument("--language", help="language of the text (en, de, fr, it, es); guessed when not given")
    common(rd)
    rd.set_defaults(func=_cmd_redact)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (PluginError, ValueError) as exc:
        print(f"reviewrules: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover
        return 0
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
