"""The engine: built once from settings, then one pass per review, feedback or message.

No module-level mutable state: everything an engine needs (compiled detectors, the effective catalogue, which rules
are on) lives on the engine. Two engines with different settings in one process give their own results, and an
engine can be rebuilt in a worker process from ``engine.spec()``.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from typing import Any, NamedTuple

from . import corpus as _corpus_pkg
from . import detectors as _detectors_pkg
from .detectors.base import CorpusDetector, CorpusItem, Detector, Document, Hit, Subject
from .models import (
    AuditReport,
    BadRecord,
    Coverage,
    Exemption,
    Feedback,
    Finding,
    Kind,
    MessageReport,
    MessageStatus,
    OrderContext,
    Outcome,
    Review,
    SellerMessage,
    SkippedRule,
    SkipReason,
    Span,
    Tier,
    Verdict,
)
from .rules import RuleInfo, catalogue
from .settings import Settings
from .text import LanguageGuess, PreparedText, guess_language

__all__ = ["AuditRow", "Engine", "EngineSpec", "PluginError"]

log = logging.getLogger("reviewrules")

ENTRY_POINT_GROUP = "reviewrules.detectors"
_TIER_RANK = {Tier.clear: 2, Tier.hold: 1}
_GROUP_WORDS = frozenset({"review", "feedback", "message", "corpus"})
#: Rules whose clear finding means "strike through", not "remove", for feedback.
STRIKE_RULES = frozenset({"F-FBA-FULFILMENT", "F-BUYSHIPPING"})


class PluginError(RuntimeError):
    """A detector could not be loaded or declares rules wrongly. The message names the detector or distribution."""


@dataclass(frozen=True)
class EngineSpec:
    """Everything needed to rebuild an engine in another process (picklable)."""

    settings: Settings
    detector_paths: tuple[str, ...]


def _import_path(path: str) -> Any:
    module, _, attr = path.partition(":")
    if not attr:
        module, _, attr = path.rpartition(".")
    try:
        obj = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise PluginError(f"cannot import detector {path!r}: {type(exc).__name__}") from exc
    return obj


def _builtin_detector_classes() -> list[type]:
    out: list[type] = []
    for pkg in (_detectors_pkg, _corpus_pkg):
        for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if mod.name.startswith("_") or mod.name == "base":
                continue
            module = importlib.import_module(f"{pkg.__name__}.{mod.name}")
            out.extend(getattr(module, "DETECTORS", ()))
    return out


def _class_path(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


class Engine:
    """Compile every detector once; classify reviews and feedback, check messages, audit corpora."""

    def __init__(
        self,
        settings: Settings | None = None,
        detectors: Sequence[type] = (),
        *,
        builtins: bool = True,
    ) -> None:
        self.settings: Settings = settings or Settings()
        self._catalogue: dict[str, RuleInfo] = dict(catalogue())
        self._plugin_rules: set[str] = set()
        classes: list[tuple[type, str]] = []
        if builtins:
            classes += [(c, "builtin") for c in _builtin_detector_classes()]
        classes += [(_import_path(p), "settings") for p in self.settings.detectors]
        classes += [(c, "user") for c in detectors]
        if self.settings.load_plugins:
            classes += self._entry_point_classes()
        self._extra_paths = tuple(_class_path(c) for c, origin in classes if origin == "user")
        self._item: list[tuple[Detector, frozenset[str], frozenset[str]]] = []
        self._corpus: list[tuple[CorpusDetector, frozenset[str]]] = []
        self._implemented: set[str] = set()
        for cls, origin in classes:
            self._add(cls, origin)
        self._enabled: frozenset[str] = self._compute_enabled()
        self._plans: dict[tuple[str, str, bool], _Plan] = {}

    # ---------------------------------------------------------------------------------------------------------
    # Building

    def _entry_point_classes(self) -> list[tuple[type, str]]:
        out: list[tuple[type, str]] = []
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = getattr(getattr(ep, "dist", None), "name", "?")
            try:
                obj = ep.load()
            except Exception as exc:
                raise PluginError(
                    f"plugin {ep.name!r} from distribution {dist!r} failed to load: {type(exc).__name__}"
                ) from exc
            objs = obj if isinstance(obj, (list, tuple)) else (obj,)
            for o in objs:
                if not isinstance(o, type):
                    raise PluginError(f"plugin {ep.name!r} from distribution {dist!r} is not a detector class")
                out.append((o, "plugin"))
        return out

    def _add(self, cls: type, origin: str) -> None:
        name = _class_path(cls)
        declared = getattr(cls, "rules", None)
        if not declared:
            raise PluginError(f"detector {name} declares no rules")
        ids: list[str] = []
        for r in declared:
            if isinstance(r, str):
                if r not in self._catalogue:
                    raise PluginError(f"detector {name} declares unknown rule {r!r}")
                ids.append(r)
            elif isinstance(r, RuleInfo):
                known = self._catalogue.get(r.id)
                if known is not None and known != r:
                    raise PluginError(f"detector {name} redefines rule {r.id!r}; rule IDs are never reused")
                self._catalogue[r.id] = r
                ids.append(r.id)
            else:
                raise PluginError(f"detector {name}: rules must be rule IDs or RuleInfo values")
            if origin == "plugin":
                self._plugin_rules.add(ids[-1])
        try:
            instance = cls(self.settings)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(f"detector {name} failed to build: {type(exc).__name__}: {exc}") from exc
        if getattr(cls, "corpus", False):
            self._corpus.append((instance, frozenset(ids)))
        else:
            subjects = frozenset(getattr(cls, "subjects", ()) or ())
            if not subjects:
                raise PluginError(f"detector {name} declares no subjects")
            self._item.append((instance, frozenset(ids), subjects))
        self._implemented.update(ids)

    def _matches(self, selector: frozenset[str], info: RuleInfo) -> bool:
        if info.id in selector or info.group in selector:
            return True
        if "preview" in selector and info.status == "preview":
            return True
        return any(s in selector for s in info.subjects if s in _GROUP_WORDS)

    def _compute_enabled(self) -> frozenset[str]:
        s = self.settings
        unknown = {
            x
            for x in (s.enable | s.disable | (s.only or frozenset()))
            if x not in self._catalogue
            and x not in _GROUP_WORDS
            and x != "preview"
            and not any(i.group == x for i in self._catalogue.values())
        }
        if unknown:
            raise ValueError(f"unknown rule IDs or groups in settings: {sorted(unknown)}")
        on: set[str] = set()
        for rid, info in self._catalogue.items():
            if info.kind != "rule":
                continue
            default = info.enabled_by_default and info.status != "retired" and rid not in self._plugin_rules
            enabled = default or self._matches(s.enable, info)
            if s.only is not None:
                enabled = self._matches(s.only, info)
            if self._matches(s.disable, info):
                enabled = False
            if enabled:
                on.add(rid)
        return frozenset(on)

    # ---------------------------------------------------------------------------------------------------------
    # Introspection

    @property
    def enabled_rules(self) -> frozenset[str]:
        return self._enabled

    def rule(self, rule_id: str) -> RuleInfo:
        return self._catalogue[rule_id]

    def rules(self) -> list[RuleInfo]:
        return list(self._catalogue.values())

    def spec(self) -> EngineSpec:
        """A picklable description of this engine (settings plus user detector paths) for worker processes."""
        return EngineSpec(self.settings, self._extra_paths)

    @classmethod
    def from_spec(cls, spec: EngineSpec) -> Engine:
        return cls(spec.settings, [_import_path(p) for p in spec.detector_paths])

    # ---------------------------------------------------------------------------------------------------------
    # Documents

    def document(
        self, subject: Review | Feedback | SellerMessage, context: OrderContext | None = None
    ) -> Document:
        """Prepare a subject once: fields, language, marketplace."""
        s = self.settings
        fields: dict[str, PreparedText] = {}
        if isinstance(subject, Review):
            kind: Subject = "review"
            raw = {"title": subject.title, "body": subject.body}
        elif isinstance(subject, Feedback):
            kind = "feedback"
            raw = {"comment": subject.comment}
        elif isinstance(subject, SellerMessage):
            kind = "message"
            raw = {"subject": subject.subject, "body": subject.body, "html": subject.html}
        else:  # pragma: no cover - guarded by callers
            raise TypeError(f"cannot classify {type(subject).__name__}")
        for name, value in raw.items():
            if value:
                fields[name] = PreparedText(value, name, s.max_chars)
        marketplace = (subject.marketplace or s.marketplace).upper()
        fallback = s.languages_for(marketplace)
        declared = subject.language if isinstance(subject, Review) else None
        sample = " ".join(f.norm for n, f in fields.items() if n != "html")
        if declared:
            lang = LanguageGuess(declared.split("_")[0].split("-")[0].lower(), 1.0, True)
        else:
            lang = guess_language(sample, fallback)
        return Document(
            subject=subject,
            subject_type=kind,
            id=subject.id,
            fields=fields,
            language=lang,
            marketplace=marketplace,
            settings=s,
            context=context,
            timeout=s.regex_timeout,
        )

    def _plan(self, subject_type: str, lang: str, has_fields: bool) -> _Plan:
        """Which detectors run, with which rules, for one kind of subject in one language: computed once per
        engine and key (a handful of keys), not per review."""
        key = (subject_type, lang, has_fields)
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        steps: list[tuple[Detector, tuple[str, ...], frozenset[str]]] = []
        skipped: list[SkippedRule] = []
        covered: set[str] = set()
        for detector, ids, subjects in self._item:
            if subject_type not in subjects:
                continue
            active = []
            for rid in sorted(ids):
                info = self._catalogue[rid]
                if rid not in self._enabled or subject_type not in info.subjects:
                    continue
                covered.add(rid)
                if not info.supports(lang) and not (lang == "unknown" and not has_fields):
                    skipped.append(
                        SkippedRule(rule=rid, reason=SkipReason.unsupported_language, detail=f"language {lang}")
                    )
                    continue
                active.append(rid)
            if active:
                steps.append((detector, tuple(active), frozenset(active)))
        missing = tuple(
            SkippedRule(rule=rid, reason=SkipReason.not_evaluated, detail=f"status {self._catalogue[rid].status}: no detector")
            for rid in sorted(self._enabled)
            if subject_type in self._catalogue[rid].subjects and rid not in covered
        )
        plan = _Plan(tuple(steps), tuple(dict.fromkeys(skipped)), missing)
        if len(self._plans) < 256:
            self._plans[key] = plan
        return plan

    def _run(self, doc: Document) -> tuple[list[Finding], list[Exemption], Coverage]:
        ran: list[str] = []
        hits: list[Hit] = []
        lang = doc.language.code
        truncated = any(f.truncated for f in doc.fields.values())
        plan = self._plan(doc.subject_type, lang, bool(doc.fields))
        skipped: list[SkippedRule] = list(plan.skipped)
        for detector, active, active_set in plan.steps:
            try:
                for h in detector.detect(doc):
                    if h.rule in active_set:
                        hits.append(h)
                ran.extend(active)
            except TimeoutError:
                skipped.extend(
                    SkippedRule(rule=r, reason=SkipReason.input_bound, detail="regex time budget exhausted")
                    for r in active
                )
            except Exception as exc:  # a faulty detector must not take the whole verdict down
                log.warning("detector %s failed: %s", type(detector).__name__, type(exc).__name__)
                skipped.extend(
                    SkippedRule(rule=r, reason=SkipReason.error, detail=type(exc).__name__) for r in active
                )
        skipped.extend(plan.missing)
        for rid, what in sorted(doc.missing.items()):
            if rid in ran:
                ran.remove(rid)
            skipped.append(SkippedRule(rule=rid, reason=SkipReason.missing_metadata, detail=what))
        if truncated:
            skipped.extend(
                SkippedRule(
                    rule=r,
                    reason=SkipReason.input_bound,
                    detail=f"only the first {self.settings.max_chars} characters of a field were read",
                )
                for r in ran
            )
        findings = self._findings(doc, hits)
        exemptions = self._exemptions(doc)
        cov = Coverage(
            ran=tuple(dict.fromkeys(ran)),
            skipped=tuple(skipped),
            language=lang,
            language_confidence=round(doc.language.confidence, 3),
            truncated=truncated,
        )
        return findings, exemptions, cov

    def _allowed(self, rule: str, evidence: str) -> bool:
        ev = evidence.casefold().strip()
        return any((a.rule in (rule, "*")) and a.text.casefold().strip() == ev for a in self.settings.allow)

    def _findings(self, doc: Document, hits: list[Hit]) -> list[Finding]:
        if not hits:
            return []
        originals = {name: f.original for name, f in doc.fields.items()}
        hits = [h for h in hits if not (self.settings.allow and self._allowed(h.rule, originals[h.field][h.start : h.end]))]
        # Most specific rule wins on the same evidence; the others become related.
        prec = {h.rule: self._catalogue[h.rule].precedence for h in hits}

        def strength(h: Hit) -> tuple[int, int, float]:
            return (_TIER_RANK[h.tier], prec[h.rule], h.confidence)

        order = sorted(range(len(hits)), key=lambda i: strength(hits[i]), reverse=True)
        kept: list[int] = []
        related: dict[int, set[str]] = {}
        for i in order:
            h = hits[i]
            absorbed = False
            for k in kept:
                w = hits[k]
                if w.rule == h.rule or w.field != h.field:
                    continue
                inter = min(w.end, h.end) - max(w.start, h.start)
                longer = max(w.end - w.start, h.end - h.start, 1)
                if inter > 0 and inter >= 0.5 * longer:
                    related.setdefault(k, set()).add(h.rule)
                    absorbed = True
                    break
            if not absorbed:
                kept.append(i)
        by_rule: dict[str, list[int]] = {}
        for i in kept:
            by_rule.setdefault(hits[i].rule, []).append(i)
        out: list[Finding] = []
        for rule, idx in by_rule.items():
            idx.sort(key=lambda i: (hits[i].field, hits[i].start, hits[i].end))
            best = max(idx, key=lambda i: strength(hits[i]))
            spans: list[Span] = []
            seen: set[tuple[str, int, int]] = set()
            for i in idx:
                h = hits[i]
                key = (h.field, h.start, h.end)
                if key in seen:
                    continue
                seen.add(key)
                spans.append(
                    Span(subject_id=doc.id, field=h.field, start=h.start, end=h.end, text=originals[h.field][h.start : h.end])
                )
            rel = sorted(set().union(*(related.get(i, set()) for i in idx)) - {rule})
            b = hits[best]
            details = {k: v for k, v in (b.details or {}).items() if isinstance(v, (str, int, float, bool, list)) or v is None}
            out.append(
                Finding(
                    rule=rule,
                    tier=b.tier,
                    confidence=round(max(0.0, min(1.0, b.confidence)), 3),
                    message=b.message,
                    spans=tuple(spans),
                    subject_ids=(doc.id,),
                    related=tuple(rel),
                    details=details,
                )
            )
        out.sort(key=lambda f: (-_TIER_RANK[f.tier], -self._catalogue[f.rule].precedence, f.rule))
        return out

    def _exemptions(self, doc: Document) -> list[Exemption]:
        out: list[Exemption] = []
        for sup in doc.exemptions:
            text = doc.fields[sup.field].original if sup.field in doc.fields else ""
            out.append(
                Exemption(
                    rule=sup.rule,
                    message=sup.message,
                    spans=(
                        Span(subject_id=doc.id, field=sup.field, start=sup.start, end=sup.end, text=text[sup.start : sup.end]),
                    ),
                )
            )
        return out

    # ---------------------------------------------------------------------------------------------------------
    # Public operations

    def classify(self, item: Review | Feedback | str) -> Verdict:
        """Judge one review (a :class:`Review` or a plain body string) or one seller :class:`Feedback`."""
        if isinstance(item, str):
            item = _empty_review(item)
        if not isinstance(item, (Review, Feedback)):
            raise TypeError(f"classify() takes a Review, a Feedback or a str, not {type(item).__name__}")
        return self.verdict_for(self.document(item))

    def verdict_for(self, doc: Document) -> Verdict:
        """Judge a prepared review or feedback document: ``classify`` after ``document`` (``audit`` reuses the
        document for the corpus rules instead of preparing the text twice)."""
        item = doc.subject
        findings, exemptions, cov = self._run(doc)
        from .playbook import plan_actions

        kind = doc.notes.get("kind")
        if not isinstance(kind, Kind):
            kind = Kind.product if doc.fields else Kind.other
        if isinstance(item, Review):
            if any(f.tier == Tier.clear for f in findings):
                outcome = Outcome.removable
            elif findings:
                outcome = Outcome.needs_review
            else:
                outcome = Outcome.not_removable
            subject = "review"
        else:
            clear = {f.rule for f in findings if f.tier == Tier.clear}
            if clear - STRIKE_RULES:
                outcome = Outcome.remove
            elif clear & STRIKE_RULES:
                outcome = Outcome.strike
            else:
                outcome = Outcome.stays
            subject = "feedback"
        actions = plan_actions(doc, findings, kind, self)
        verdict = Verdict(
            subject_id=doc.id,
            subject=subject,  # type: ignore[arg-type]
            findings=tuple(findings),
            kind=kind,
            outcome=outcome,
            actions=tuple(actions),
            exemptions=tuple(exemptions),
            coverage=cov,
        )
        verdict._texts = {name: f.original for name, f in doc.fields.items()}
        verdict._rating = doc.rating
        return verdict

    def check_message(self, message: SellerMessage | str, context: OrderContext | None = None) -> MessageReport:
        """May this message be sent to the buyer?"""
        if isinstance(message, str):
            message = SellerMessage(body=message)
        if not isinstance(message, SellerMessage):
            raise TypeError(f"check_message() takes a SellerMessage or a str, not {type(message).__name__}")
        doc = self.document(message, context)
        findings, exemptions, cov = self._run(doc)
        if any(f.tier == Tier.clear for f in findings):
            status = MessageStatus.blocked
        elif findings:
            status = MessageStatus.review
        else:
            status = MessageStatus.allowed
        compliant = doc.notes.get("compliant_version")
        report = MessageReport(
            subject_id=doc.id,
            allowed=status != MessageStatus.blocked,
            status=status,
            findings=tuple(findings),
            exemptions=tuple(exemptions),
            coverage=cov,
            compliant_version=compliant if isinstance(compliant, str) else None,
        )
        report._texts = {name: f.original for name, f in doc.fields.items()}
        return report

    def audit(self, reviews: Iterable[Review | Mapping[str, Any] | str], *, jobs: int | None = 1) -> AuditReport:
        """Classify every review of an iterable (a generator over a huge file is fine) and run the corpus rules.

        Only flagged verdicts are kept; texts are never all held at once: the corpus rules keep compact signatures.
        Records that fail validation are reported with their position (1-based, or the line number given as
        ``(line, record)`` pairs) and skipped. ``jobs`` > 1 classifies in that many worker processes (``None`` or
        0: one per core), each with an engine rebuilt from :meth:`spec`; the result does not depend on it, nor on
        the input order. When ``reviews`` can be iterated twice (a list, or an object whose ``__iter__`` starts
        over), the records of corpus findings are read again for their evidence text.
        """
        run = _AuditRun(self)
        items = _numbered(reviews)
        if jobs == 1:
            for line, item in items:
                run.take(self.audit_row(line, item))
        else:
            from .corpus.parallel import pooled_rows

            for row in pooled_rows(self, items, jobs):
                run.take(row)
        return run.finish(reviews if not isinstance(reviews, Iterator) else None)

    def audit_row(self, line: int, item: Any) -> AuditRow:
        """One record's part of an audit (runs in a worker process): its verdict when flagged, or why it is a
        bad record, and the corpus detectors' sketches."""
        try:
            review = _to_review(item, line)
        except (ValueError, TypeError) as exc:
            return AuditRow(line, None, BadRecord(line=line, error=_safe_error(exc)), (), None)
        verdict = None
        if self._review_rules_on:
            doc = self.document(review)
            v = self.verdict_for(doc)
            verdict = v if v.findings else None
        elif self._light_corpus:
            doc = self._light_document(review)
        else:
            doc = self.document(review)
        sketches: list[Any] = []
        plain = False
        for det, _ in self._active_corpus:
            sketch = getattr(det, "sketch", None)
            if sketch is None:
                plain = True
                sketches.append(None)
            else:
                sketches.append(sketch(_corpus_item(review, doc, line)))
        return AuditRow(line, verdict, None, tuple(sketches), review if plain else None)

    @cached_property
    def _review_rules_on(self) -> bool:
        return any("review" in self._catalogue[r].subjects for r in self._enabled)

    @cached_property
    def _active_corpus(self) -> list[tuple[CorpusDetector, frozenset[str]]]:
        return [(det, ids) for det, ids in self._corpus if ids & self._enabled]

    @cached_property
    def _light_corpus(self) -> bool:
        """Only corpus rules that read no language guess (``light_documents = True``) are on."""
        return all(getattr(det, "light_documents", False) for det, _ in self._active_corpus)

    def _light_document(self, review: Review) -> Document:
        """A review prepared for the corpus rules alone: text fields without a language guess (the costliest part
        of :meth:`document`), for audits where no per-review rule is on."""
        fields = {
            name: PreparedText(value, name, self.settings.max_chars)
            for name, value in (("title", review.title), ("body", review.body))
            if value
        }
        return Document(
            subject=review,
            subject_type="review",
            id=review.id,
            fields=fields,
            language=LanguageGuess("unknown", 0.0, False),
            marketplace=(review.marketplace or self.settings.marketplace).upper(),
            settings=self.settings,
            timeout=self.settings.regex_timeout,
        )


class _Plan(NamedTuple):
    steps: tuple[tuple[Detector, tuple[str, ...], frozenset[str]], ...]
    skipped: tuple[SkippedRule, ...]
    missing: tuple[SkippedRule, ...]


class AuditRow(NamedTuple):
    """What a worker sends back for one record (picklable, small)."""

    line: int
    verdict: Verdict | None
    bad: BadRecord | None
    sketches: tuple[Any, ...]
    review: Review | None  # only for corpus detectors without ``sketch``


def _corpus_item(review: Review, doc: Document, line: int) -> CorpusItem:
    return CorpusItem(
        id=review.id,
        reviewer_id=review.reviewer_id,
        product_id=review.product_id,
        parent_product_id=review.parent_product_id,
        rating=review.rating,
        created_at=review.created_at,
        marketplace=doc.marketplace,
        doc=doc,
        line=line,
    )


class _AuditRun:
    """The main-process side of an audit: keeps flagged verdicts, counts, bad records and corpus state."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.verdicts: list[Verdict] = []
        self.counts: dict[str, int] = {}
        self.bad: list[BadRecord] = []
        self.records = 0
        self.accs = [(det.accumulator(), ids) for det, ids in engine._active_corpus]

    def take(self, row: AuditRow) -> None:
        if row.bad is not None:
            self.bad.append(row.bad)
            return
        self.records += 1
        v = row.verdict
        if v is not None:
            self.verdicts.append(v)
            for f in v.findings:
                self.counts[f.rule] = self.counts.get(f.rule, 0) + 1
        item = None
        for (acc, _), sketch in zip(self.accs, row.sketches, strict=False):
            if sketch is not None:
                acc.add_sketch(sketch)  # type: ignore[attr-defined]
            elif row.review is not None:
                if item is None:
                    item = _corpus_item(row.review, self.engine.document(row.review), row.line)
                acc.add(item)

    def _evidence(self, reviews: Iterable[Any]) -> None:
        """Second pass: give the accumulators the records of their findings' members (texts for evidence)."""
        wants = [(acc, frozenset(acc.wanted())) for acc, _ in self.accs if hasattr(acc, "wanted")]
        wants = [(acc, w) for acc, w in wants if w]
        if not wants:
            return
        every = frozenset().union(*(w for _, w in wants))
        seen = 0
        select = getattr(reviews, "select", None)  # e.g. ReviewFile: reads only those lines
        for line, item in select(every) if select is not None else _numbered(reviews):
            if line not in every:
                continue
            try:
                review = _to_review(item, line)
            except (ValueError, TypeError):
                continue
            ci = _corpus_item(review, self.engine.document(review), line)
            for acc, w in wants:
                if line in w:
                    acc.supply(ci)  # type: ignore[attr-defined]
            seen += 1
            if seen >= len(every):
                break

    def finish(self, again: Iterable[Any] | None) -> AuditReport:
        if again is not None and self.accs:
            self._evidence(again)
        group: list[Finding] = []
        enabled = self.engine.enabled_rules
        for acc, ids in self.accs:
            for f in acc.finish():
                if f.rule in enabled and f.rule in ids:
                    group.append(f)
                    self.counts[f.rule] = self.counts.get(f.rule, 0) + 1
        group.sort(key=lambda f: (f.rule, f.subject_ids))
        self.verdicts.sort(key=lambda v: v.subject_id)
        self.bad.sort(key=lambda b: b.line)
        return AuditReport(
            verdicts=tuple(self.verdicts),
            corpus_findings=tuple(group),
            counts=dict(sorted(self.counts.items())),
            records=self.records,
            bad_records=tuple(self.bad),
        )


def _empty_review(text: str) -> Review:
    if not text.strip():
        raise ValueError("an empty string is not a review: give a body, a title or a rating")
    return Review(body=text)


def _numbered(items: Iterable[Any]) -> Iterator[tuple[int, Any]]:
    for i, item in enumerate(items, start=1):
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], int):
            yield item[0], item[1]
        else:
            yield i, item


def _to_review(item: Any, line: int) -> Review:
    if isinstance(item, Review):
        return item
    if isinstance(item, str):
        return Review(id=f"line-{line}", body=item)
    if isinstance(item, ValueError):
        raise item
    if isinstance(item, Mapping):
        data = dict(item)
        data.setdefault("id", f"line-{line}")
        return Review.model_validate(data)
    raise TypeError(f"record is a {type(item).__name__}, not a review")


def _safe_error(exc: Exception) -> str:
    """An error text without the record's content (pydantic hides inputs; others get their type only)."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in exc.errors()]
        return "; ".join(parts)[:500]
    msg = getattr(exc, "error", None) or str(exc)
    return msg[:200] if msg.startswith(("invalid JSON", "record is", "an empty", "row has", "cannot convert")) else type(exc).__name__
