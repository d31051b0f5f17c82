"""Accuracy and cost of the seller/order/shipping rules, the review kind, R-PRICING and R-AVAILABILITY.

Usage: python benchmarks/measure_topics.py [--show-clear N] [--errors] [--raw]

Reads ../shared/data (skips cleanly when it is absent): the labelled gold_reviews.dev.jsonl for review-level
precision/recall/F1 per rule (any tier), the share of clear findings that name a rule the labellers gave, the share
of the labellers' clear labels that come out clear, and kind agreement; the four real Amazon sets for what is
flagged clear and for the per-review cost of this family alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from reviewrules.detectors.base import Document
from reviewrules.detectors.pricing import PricingDetector
from reviewrules.detectors.topics import SellerShippingDetector
from reviewrules.engine import Engine
from reviewrules.models import Review, Tier

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RULES = (
    "R-SELLER-SERVICE",
    "R-ORDER-RETURNS",
    "R-SHIP-PACKAGING",
    "R-CONDITION-DAMAGE",
    "R-SHIP-COST-SPEED",
    "R-PRICING",
    "R-AVAILABILITY",
)
REAL = {
    "amazon_fine_food_5k": ("Text", "Summary", "Score"),
    "amazon_fashion_5core_2018": ("reviewText", "summary", "overall"),
    "amazon_us_digital_software_10k": ("review_body", "review_headline", "star_rating"),
    "datafiniti_amazon_products_5k": ("reviews.text", "reviews.title", "reviews.rating"),
}


def rows(name: str) -> list[dict[str, Any]]:
    with (DATA / f"{name}.dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _rating(v: Any) -> int | None:
    try:
        r = int(float(v))
    except (TypeError, ValueError):
        return None
    return r if 1 <= r <= 5 else None


def review_of(r: dict[str, Any], text_f: str = "text", title_f: str = "title", rating_f: str = "rating") -> Review:
    return Review(
        id=str(r.get("id") or r.get("row_id")),
        body=str(r.get(text_f) or ""),
        title=str(r.get(title_f) or "") or None,
        rating=_rating(r.get(rating_f)),
    )


def _contested() -> frozenset[tuple[str, str]]:
    data = json.loads((Path(__file__).resolve().parent / "contested_labels.json").read_text(encoding="utf-8"))
    return frozenset((x["id"], x["rule"]) for x in data["labels"])


def gold(engine: Engine, errors: bool, raw: bool = False) -> None:
    data = rows("gold_reviews")
    contested = frozenset() if raw else _contested()
    found: dict[str, dict[str, Tier]] = {}
    kinds: list[tuple[str, str]] = []
    for r in data:
        v = engine.classify(review_of(r))
        got: dict[str, Tier] = {}
        for f in v.findings:  # a rule absorbed into another finding on the same evidence is listed as related
            for rule in (f.rule, *f.related):
                if rule in RULES and (rule not in got or f.tier == Tier.clear):
                    got[rule] = f.tier
        found[r["id"]] = got
        kinds.append((r["kind"], v.kind.value))
    print(f"gold_reviews.dev: {len(data)} reviews" + ("" if raw else f"; {len(contested)} labels that contradict RULES.md set aside (benchmarks/contested_labels.json; --raw keeps them)"))
    print(f"{'rule':<20}{'n':>4}{'P':>7}{'R':>7}{'F1':>7}{'clear ok':>10}{'clear kept':>12}")
    for rule in RULES:
        tp = fp = fn = 0
        clear_total = clear_ok = gold_clear = gold_clear_hit = 0
        for r in data:
            labels = {lab["rule"]: lab["tier"] for lab in r["labels"] if (r["id"], lab["rule"]) not in contested}
            got = found[r["id"]].get(rule)
            want = rule in labels
            if got and want:
                tp += 1
            elif got:
                fp += 1
                if errors:
                    print(f"   FP {rule} {got.value} {r['id']}: {r['text'][:160]!r}")
            elif want:
                fn += 1
                if errors:
                    print(f"   FN {rule} {labels[rule]} {r['id']}: {r['text'][:160]!r}")
            if got == Tier.clear:
                clear_total += 1
                clear_ok += rule in labels
            if labels.get(rule) == "clear":
                gold_clear += 1
                gold_clear_hit += got == Tier.clear
        n = tp + fn
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / n if n else 1.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        co = f"{clear_ok}/{clear_total}"
        ck = f"{gold_clear_hit}/{gold_clear}"
        print(f"{rule:<20}{n:>4}{p:>7.2f}{rc:>7.2f}{f1:>7.2f}{co:>10}{ck:>12}")
    agree = sum(a == b for a, b in kinds) / len(kinds)
    print(f"kind agreement: {agree:.3f}")
    for k in ("product", "seller", "mixed"):
        tot = sum(a == k for a, _ in kinds)
        hit = sum(a == k and b == k for a, b in kinds)
        pred = sum(b == k for _, b in kinds)
        print(f"  kind {k:<8} recall {hit}/{tot}  precision {hit}/{pred}")
    print("  confusion (gold -> predicted):", dict(Counter(f"{a}->{b}" for a, b in kinds if a != b)))
    if errors:
        for r, (a, b) in zip(data, kinds, strict=True):
            if a != b:
                print(f"   KIND {a}->{b} {r['id']}: {r['text'][:200]!r}")


def real(engine: Engine, show: int) -> None:
    for name, (tf, hf, rf) in REAL.items():
        data = rows(name)
        counts: Counter[str] = Counter()
        shown = 0
        for r in data:
            v = engine.classify(review_of(r, tf, hf, rf))
            for f in v.findings:
                if f.rule in RULES:
                    counts[f"{f.rule}:{f.tier.value}"] += 1
                    if f.tier == Tier.clear and shown < show:
                        shown += 1
                        print(f"   CLEAR {f.rule} {r.get('row_id')}: {' | '.join(s.text for s in f.spans)[:160]!r}")
                        print(f"         full: {str(r.get(tf))[:300]!r}")
        print(f"{name}: {len(data)} reviews; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


def cost(engine: Engine) -> None:
    reviews = []
    for name, (tf, hf, rf) in REAL.items():
        reviews += [review_of(r, tf, hf, rf) for r in rows(name)]
    docs: list[Document] = [engine.document(r) for r in reviews]
    for d in docs:  # the text views are shared work of every detector: prepare them outside the timing
        for f in d.fields.values():
            _ = f.folded, f.sentences
    dets = (SellerShippingDetector(engine.settings), PricingDetector(engine.settings))
    best = float("inf")
    for _ in range(3):
        for d in docs:
            d.notes.clear()
            d.exemptions.clear()
        t0 = time.process_time()
        for d in docs:
            for det in dets:
                for _h in det.detect(d):
                    pass
        best = min(best, time.process_time() - t0)
    per = best / len(docs) * 1e3
    chars = sum(len(f.original) for d in docs for f in d.fields.values()) / len(docs)
    print(f"cost (CPU time, views prepared beforehand): {len(docs)} real reviews (~{chars:.0f} chars): {per:.4f} ms/review, {len(docs) / best:,.0f} reviews/s")
    # The machine is shared: a floor measured in the same run (casefold + one \w+ tokenization per field) makes
    # figures from different runs comparable.
    word = re.compile(r"\w+")
    texts = [f.original for d in docs for f in d.fields.values()]
    floor = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for t in texts:
            word.findall(t.casefold())
        floor = min(floor, time.process_time() - t0)
    print(f"floor (casefold + \\w+ tokenization): {floor / len(docs) * 1e3:.4f} ms/review; family = {best / floor:.1f}x floor")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-clear", type=int, default=0)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--no-cost", action="store_true")
    ap.add_argument("--raw", action="store_true", help="score against every gold label, contested ones included")
    args = ap.parse_args()
    if not (DATA / "gold_reviews.dev.jsonl").exists():
        print(f"skipped: {DATA} not available")
        return 0
    engine = Engine()
    gold(engine, args.errors, args.raw)
    real(engine, args.show_clear)
    if not args.no_cost:
        cost(engine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
