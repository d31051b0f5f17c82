"""The detector contract: what a detector receives, what it yields, and how it declares its rules.

A per-item detector is a class. The engine builds it once with the engine's :class:`~reviewrules.Settings` (compile
patterns and load lexicons in ``__init__``), then calls ``detect(doc)`` for every review, feedback or message whose
subject the detector declares. ``detect`` is a pure function of the prepared :class:`Document`: it yields
:class:`Hit` values (cheap tuples, not pydantic objects) with offsets in any view of a field, and the engine maps
them to the original text, resolves overlaps between rules, applies allow-lists and builds findings.

Built-in detectors and users' detectors are written the same way::

    class ShoutingDetector:
        rules = (RuleInfo(id="ACME-SHOUTING", title="Review written in capitals", subjects=("review",)),)
        subjects = frozenset({"review"})

        def __init__(self, settings: Settings) -> None:
            self.pattern = regex.compile(r"\\b[A-Z]{5,}(?:\\s+[A-Z]{5,}){3,}")

        def detect(self, doc: Document) -> Iterator[Hit]:
            for field in doc.fields.values():
                for m in self.pattern.finditer(field.text, timeout=doc.timeout):
                    yield doc.hit("ACME-SHOUTING", field, m.start(), m.end(), Tier.hold, 0.6, "Shouting")

Corpus detectors (rules that need many reviews at once) follow :class:`CorpusDetector`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, Protocol, runtime_checkable

from ..models import Feedback, Finding, OrderContext, Review, SellerMessage, Tier
from ..rules import RuleInfo
from ..text import LanguageGuess, PreparedText, View

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = [
    "CorpusAccumulator",
    "CorpusDetector",
    "CorpusItem",
    "Detector",
    "Document",
    "Hit",
    "SketchingCorpusDetector",
    "Subject",
    "Suppression",
]

Subject = Literal["review", "feedback", "message"]


class Hit(NamedTuple):
    """One piece of evidence for one rule, in original-text offsets of one field."""

    rule: str
    field: str
    start: int
    end: int
    tier: Tier
    confidence: float
    message: str
    details: Mapping[str, Any] | None = None


class Suppression(NamedTuple):
    """Evidence that a must-not-flag rule (X-*) applied; reported in the verdict's exemptions."""

    rule: str
    field: str
    start: int
    end: int
    message: str


@dataclass(slots=True)
class Document:
    """A review, feedback or message, prepared once and shared by every detector.

    ``fields`` holds the prepared text fields by name (``title`` and ``body`` for reviews, ``comment`` for
    feedback, ``subject`` and ``body`` for messages). ``notes`` carries analyses that several detectors share or
    that the engine reads back (``kind``: what the text is about); use :meth:`memo` for shared work.
    """

    subject: Review | Feedback | SellerMessage
    subject_type: Subject
    id: str
    fields: dict[str, PreparedText]
    language: LanguageGuess
    marketplace: str
    settings: Settings
    context: OrderContext | None = None
    timeout: float = 0.5
    notes: dict[str, Any] = field(default_factory=dict)
    exemptions: list[Suppression] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)

    @property
    def review(self) -> Review | None:
        return self.subject if isinstance(self.subject, Review) else None

    @property
    def feedback(self) -> Feedback | None:
        return self.subject if isinstance(self.subject, Feedback) else None

    @property
    def message(self) -> SellerMessage | None:
        return self.subject if isinstance(self.subject, SellerMessage) else None

    @property
    def rating(self) -> int | None:
        r = getattr(self.subject, "rating", None)
        return r if isinstance(r, int) else None

    @property
    def as_of(self) -> datetime | None:
        return self.settings.as_of

    def memo(self, key: str, compute: Any) -> Any:
        """Compute a shared analysis once per document (``compute`` is a zero-argument callable)."""
        if key not in self.notes:
            self.notes[key] = compute()
        return self.notes[key]

    def hit(
        self,
        rule: str,
        prepared: PreparedText,
        start: int,
        end: int,
        tier: Tier,
        confidence: float,
        message: str,
        view: View | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> Hit:
        """Make a hit from offsets in ``view`` of ``prepared`` (default: the ``norm`` view)."""
        s, e = (view or prepared.norm_view).to_root(start, end)
        return Hit(rule, prepared.field, s, e, tier, confidence, message, details)

    def exempt(
        self, rule: str, prepared: PreparedText, start: int, end: int, message: str, view: View | None = None
    ) -> None:
        """Record that a must-not-flag rule applied here (shown to the user; never a finding)."""
        s, e = (view or prepared.norm_view).to_root(start, end)
        self.exemptions.append(Suppression(rule, prepared.field, s, e, message))

    def needs(self, rule: str, what: str) -> None:
        """Record that ``rule`` could not be evaluated for lack of metadata (reported in coverage, never a pass)."""
        self.missing[rule] = what

    def texts(self) -> Iterator[PreparedText]:
        yield from self.fields.values()


@runtime_checkable
class Detector(Protocol):
    """A per-item detector. ``rules`` lists rule IDs from the catalogue or :class:`RuleInfo` for new rules."""

    rules: ClassVar[tuple[str | RuleInfo, ...]]
    subjects: ClassVar[frozenset[Subject]]

    def __init__(self, settings: Settings) -> None: ...

    def detect(self, doc: Document) -> Iterable[Hit]: ...


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """What a corpus detector sees of one review: metadata and the prepared text, for one call only.

    Accumulators must keep compact signatures (ids, rating, time, a sketch), never all texts; a detector that
    needs evidence text keeps it only for candidate members.
    """

    id: str
    reviewer_id: str | None
    product_id: str | None
    parent_product_id: str | None
    rating: int | None
    created_at: datetime | None
    marketplace: str
    doc: Document
    #: Position of the record in the input (line number of a file, 1-based index of an iterable).
    line: int = 0


class CorpusAccumulator(Protocol):
    def add(self, item: CorpusItem) -> None: ...

    def finish(self) -> Iterable[Finding]: ...


class SketchingCorpusDetector(Protocol):
    """Optional, for corpus detectors that scale: ``sketch(item)`` is a pure function of one review that returns a
    small picklable signature; the engine computes it where the review is classified (a worker process) and gives
    it to ``accumulator().add_sketch(sketch)`` instead of ``add(item)``. An accumulator that needs evidence text of
    a few reviews after the pass may also define ``wanted() -> frozenset[int]`` (input lines) and ``supply(item)``;
    the engine then reads those records again when the input can be iterated twice."""

    def sketch(self, item: CorpusItem) -> Any: ...


@runtime_checkable
class CorpusDetector(Protocol):
    """A corpus detector: ``accumulator()`` returns fresh state for one audit; the detector itself stays
    immutable, so one engine can run several audits."""

    rules: ClassVar[tuple[str | RuleInfo, ...]]
    corpus: ClassVar[bool]

    def __init__(self, settings: Settings) -> None: ...

    def accumulator(self) -> CorpusAccumulator: ...
