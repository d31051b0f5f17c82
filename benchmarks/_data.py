"""Shared helpers for the benchmark scripts: where the evaluation data is, how to read it, how to score it.

The data lives outside the project (``../shared/data`` next to the checkout, or ``$REVIEWRULES_DATA``); the scripts
skip cleanly with a message when it is absent, so a fresh clone still passes CI.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("REVIEWRULES_DATA", ROOT.parent / "shared" / "data"))

#: The four unlabelled real Amazon review sets and their text / id / rating / title fields.
AMAZON_SETS: dict[str, tuple[str, str, str | None, str | None]] = {
    "amazon_fine_food_5k": ("Text", "row_id", "Score", "Summary"),
    "amazon_fashion_5core_2018": ("reviewText", "row_id", "overall", "summary"),
    "amazon_us_digital_software_10k": ("review_body", "row_id", None, None),
    "datafiniti_amazon_products_5k": ("reviews.text", "row_id", "reviews.rating", "reviews.title"),
}


def have_data() -> bool:
    return (DATA / "gold_reviews.dev.jsonl").exists()


def require_data() -> None:
    if not have_data():
        print(f"benchmarks: evaluation data not found at {DATA}; skipping (set REVIEWRULES_DATA)")
        sys.exit(0)


def rows(name: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    path = DATA / f"{name}.dev.jsonl"
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def amazon_reviews(name: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Rows of a real Amazon set mapped to Review fields (strings stay strings; ratings as ints)."""
    text_f, id_f, rating_f, title_f = AMAZON_SETS[name]
    for r in rows(name, limit):
        body = r.get(text_f)
        if not isinstance(body, str) or not body.strip():
            continue
        rec: dict[str, Any] = {"id": f"{name}:{r[id_f]}", "body": body}
        if rating_f and isinstance(r.get(rating_f), (int, float)) and 1 <= int(r[rating_f]) <= 5:
            rec["rating"] = int(r[rating_f])
        if title_f and isinstance(r.get(title_f), str) and r[title_f].strip():
            rec["title"] = r[title_f]
        yield rec


def review_texts(limit: int = 10_000) -> list[str]:
    """About ``limit`` real review bodies from the Amazon sets, in a fixed order."""
    out: list[str] = []
    for name in ("amazon_us_digital_software_10k", "amazon_fine_food_5k", "datafiniti_amazon_products_5k", "amazon_fashion_5core_2018"):
        for rec in amazon_reviews(name):
            out.append(rec["body"])
            if len(out) >= limit:
                return out
    return out


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return f"{self.tp} | {self.fp} | {self.fn} | {self.precision:.2f} | {self.recall:.2f} | {self.f1:.2f}"


def replace_section(path: Path, marker: str, body: str) -> None:
    """Replace the text between ``<!-- marker:start -->`` and ``<!-- marker:end -->`` in a Markdown file."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        before = text.split(start)[0]
        after = text.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def contested_labels() -> frozenset[tuple[str, str]]:
    """(review id, rule) of gold labels that contradict RULES.md (benchmarks/contested_labels.json, with reasons)."""
    path = Path(__file__).resolve().parent / "contested_labels.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset((x["id"], x["rule"]) for x in data["labels"])
