"""Read reviews, feedback and messages lazily from JSONL or CSV, one record at a time, with line numbers.

Bad records are yielded as ``(line, error)`` so a caller can report them and go on; nothing reads a whole file into
memory. CSV values are strings: they are converted explicitly here (ratings, booleans, dates), never guessed by the
models, which stay strict for Python callers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

__all__ = ["BadLine", "ReviewFile", "read_records"]

REVIEW_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "review_id", "row_id", "Id"),
    "body": ("body", "text", "review_body", "reviewText", "Text", "reviews.text", "content"),
    "title": ("title", "summary", "Summary", "review_headline", "reviews.title", "headline"),
    "rating": ("rating", "star_rating", "overall", "Score", "reviews.rating", "stars"),
    "reviewer_id": ("reviewer_id", "reviewerID", "UserId", "customer_id", "reviewer"),
    "product_id": ("product_id", "asin", "ProductId", "product"),
    "parent_product_id": ("parent_product_id", "parent_asin", "product_parent"),
    "marketplace": ("marketplace",),
    "language": ("language",),
    "created_at": ("created_at", "unixReviewTime", "Time", "review_date", "reviews.date", "date"),
    "verified_purchase": ("verified_purchase", "verified"),
    "vine": ("vine",),
}


class BadLine(ValueError):
    def __init__(self, line: int, error: str) -> None:
        super().__init__(f"line {line}: {error}")
        self.line = line
        self.error = error


def _to_bool(v: Any) -> bool | None:
    if isinstance(v, bool) or v is None:
        return v
    s = str(v).strip().lower()
    if s in ("", "null", "none"):
        return None
    if s in ("1", "true", "yes", "y", "t"):
        return True
    if s in ("0", "false", "no", "n", "f"):
        return False
    raise ValueError("not a boolean")


def _to_rating(v: Any) -> int | None:
    if v is None or (isinstance(v, int) and not isinstance(v, bool)):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    s = str(v).strip()
    if s == "":
        return None
    f = float(s)
    if not f.is_integer():
        raise ValueError("rating is not a whole number")
    return int(f)


def _to_time(v: Any) -> Any:
    if v is None or v == "":
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        from datetime import datetime, timezone

        return datetime.fromtimestamp(v, tz=timezone.utc).isoformat()
    s = str(v).strip()
    if s.isdigit():
        from datetime import datetime, timezone

        return datetime.fromtimestamp(int(s), tz=timezone.utc).isoformat()
    return s


def map_review(raw: Mapping[str, Any], columns: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Map a raw record's columns to :class:`~reviewrules.Review` fields, converting strings explicitly."""
    out: dict[str, Any] = {}
    for field, aliases in REVIEW_ALIASES.items():
        names = (columns[field],) if columns and field in columns else aliases
        for name in names:
            if name in raw and raw[name] not in (None, ""):
                out[field] = raw[name]
                break
    if "id" in out:
        out["id"] = str(out["id"])
    if "rating" in out:
        out["rating"] = _to_rating(out["rating"])
    for b in ("verified_purchase", "vine"):
        if b in out:
            out[b] = _to_bool(out[b])
            if out[b] is None:
                del out[b]
    if "created_at" in out:
        out["created_at"] = _to_time(out["created_at"])
    for s in ("body", "title", "reviewer_id", "product_id", "parent_product_id", "marketplace", "language"):
        if s in out and not isinstance(out[s], str):
            out[s] = str(out[s])
    return out


def _open(path: Path | str) -> TextIO:
    if str(path) == "-":
        import sys

        return sys.stdin
    return open(path, encoding="utf-8", newline="")


def read_records(path: Path | str, fmt: str | None = None) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
    """Yield ``(line_number, record)`` or ``(line_number, BadLine)`` lazily from a JSONL or CSV file."""
    fmt = fmt or ("csv" if str(path).lower().endswith((".csv", ".tsv")) else "jsonl")
    f = _open(path)
    try:
        if fmt == "csv":
            dialect = "excel-tab" if str(path).lower().endswith(".tsv") else "excel"
            reader = csv.DictReader(f, dialect=dialect)
            for row in reader:
                line = reader.line_num
                if None in row:
                    yield line, BadLine(line, "row has more cells than the header")
                    continue
                yield line, dict(row)
        else:
            for i, text in enumerate(f, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield i, BadLine(i, f"invalid JSON at column {exc.colno}")
                    continue
                if not isinstance(obj, dict):
                    yield i, BadLine(i, "record is not a JSON object")
                    continue
                yield i, obj
    finally:
        if f is not __import__("sys").stdin:
            f.close()


class ReviewFile:
    """A JSONL or CSV file of reviews as an iterable that starts over on every ``iter()``: ``(line, fields)`` with
    fields mapped to :class:`~reviewrules.Review` names, or ``(line, BadLine)``.

    ``audit`` reads it once for the verdicts and the corpus signatures, and once more, lazily, for the few records
    that a corpus finding names (their evidence text). Standard input (``"-"``) can only be read once.
    """

    def __init__(self, path: Path | str, fmt: str | None = None, columns: Mapping[str, str] | None = None) -> None:
        self.path = path
        self.fmt = fmt
        self.columns = dict(columns or {})

    def select(self, lines: frozenset[int]) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
        """Only the records on ``lines`` (a JSONL file is not parsed elsewhere: cheap on a huge file)."""
        if self._format() == "csv" or str(self.path) == "-":
            yield from ((n, r) for n, r in self if n in lines)
            return
        last = max(lines, default=0)
        with open(self.path, encoding="utf-8") as f:
            for i, text in enumerate(f, start=1):
                if i > last:
                    break
                if i not in lines:
                    continue
                try:
                    obj = json.loads(text)
                    if isinstance(obj, dict):
                        yield i, map_review(obj, self.columns)
                except (ValueError, TypeError):
                    continue

    def _format(self) -> str:
        return self.fmt or ("csv" if str(self.path).lower().endswith((".csv", ".tsv")) else "jsonl")

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
        for line, rec in read_records(self.path, self.fmt):
            if isinstance(rec, BadLine):
                yield line, rec
                continue
            try:
                yield line, map_review(rec, self.columns)
            except (ValueError, TypeError) as exc:
                yield line, BadLine(line, f"cannot convert record: {type(exc).__name__}: {exc}"[:200])
