"""Classify in worker processes: records go out in batches, verdicts (flagged only) and compact sketches come back.

Where processes are forked (Linux), each worker inherits the caller's engine as it is, already built: nothing is
compiled again. Elsewhere (spawn) each worker rebuilds the engine once from :meth:`Engine.spec` (settings plus user
detector paths). At most a few
batches per worker are in flight, so a generator over a huge file is read lazily and memory stays flat. Rows come
back in input order, so the result is the same as with one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, NamedTuple

from ..models import AuditReport, BadRecord, Review

if TYPE_CHECKING:
    from ..engine import AuditRow, Engine, EngineSpec
    from ..settings import Settings

__all__ = ["audit_parallel", "default_jobs", "pooled_rows"]

#: Records per task sent to a worker.
BATCH = 256
#: Tasks in flight per worker.
IN_FLIGHT = 4
#: Records classified in the parent before forking, so that workers inherit what they compiled.
WARM_UP = 16


class _Worker:
    """The engine of this worker process (set once by the pool initializer; never used in the parent)."""

    engine: Engine | None = None


def _init(source: Engine | EngineSpec) -> None:
    from ..engine import Engine

    # Forked: the parent's engine arrives by copy-on-write memory, never pickled. Spawned: only the spec travels.
    _Worker.engine = source if isinstance(source, Engine) else Engine.from_spec(source)


def _work(batch: list[tuple[int, Any]]) -> list[AuditRow]:
    from ..engine import AuditRow

    engine = _Worker.engine
    if engine is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker engine not initialised")
    return [
        AuditRow(line, None, BadRecord(line=line, error=item.error), (), None)
        if isinstance(item, _Bad)
        else engine.audit_row(line, item)
        for line, item in batch
    ]


def default_jobs() -> int:
    """One worker per core available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def pooled_rows(engine: Engine, items: Iterable[tuple[int, Any]], jobs: int | None) -> Iterator[AuditRow]:
    """Audit rows of ``(line, record)`` items, computed in ``jobs`` worker processes, in input order."""
    n = jobs if jobs and jobs > 0 else default_jobs()
    if n == 1:
        for line, item in items:
            yield engine.audit_row(line, item)
        return
    pending: deque[Future[list[AuditRow]]] = deque()
    ctx = _context()
    forked = ctx.get_start_method() == "fork"
    it = iter(items)
    first = list(islice(it, BATCH))
    if forked:
        # Lexicon packs and patterns compile on first use: a few records of the input, read here first, compile
        # what their languages need once, before the workers are forked (their results are thrown away).
        for line, item in first[:WARM_UP]:
            if not isinstance(item, BaseException):
                engine.audit_row(line, item)
    source: Engine | EngineSpec = engine if forked else engine.spec()
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init, initargs=(source,)) as pool:
        batch: list[tuple[int, Any]] = []
        for line, item in chain(first, it):
            batch.append((line, _plain(item)))
            if len(batch) >= BATCH:
                pending.append(pool.submit(_work, batch))
                batch = []
                while len(pending) > n * IN_FLIGHT:
                    yield from pending.popleft().result()
        if batch:
            pending.append(pool.submit(_work, batch))
        while pending:
            yield from pending.popleft().result()


class _Bad(NamedTuple):
    """A record the reader already found bad (exceptions do not always pickle faithfully)."""

    error: str


def _plain(item: Any) -> Any:
    """Records travel as plain dicts or strings (cheaper to pickle than models)."""
    if isinstance(item, BaseException):
        return _Bad(_bad_text(item))
    if isinstance(item, Review):
        return item.model_dump()
    if isinstance(item, Mapping):
        return dict(item)
    return item


def _bad_text(exc: BaseException) -> str:
    from ..engine import _safe_error

    return _safe_error(exc) if isinstance(exc, Exception) else type(exc).__name__


def audit_parallel(
    reviews: Iterable[Review | Mapping[str, Any] | str], settings: Settings | Engine, *, jobs: int | None = None
) -> AuditReport:
    """``audit`` in ``jobs`` worker processes (``None``: one per core)."""
    from ..api import default_engine
    from ..engine import Engine

    engine = settings if isinstance(settings, Engine) else default_engine(settings)
    return engine.audit(reviews, jobs=jobs)
