"""Measure the spam, language, medical, dangerous and impersonation detectors.

- gold_reviews.dev.jsonl: review-level precision/recall/F1 per rule (any tier), how many clear findings name a
  labelled rule, how many labelled reviews are found at all.
- The four real Amazon dev sets: clear/hold counts per rule, and every clear finding to read (``--show``).
- Per-review cost of the five detectors on real review text (the views they read included), next to the cost of
  ``str.lower()`` on the same texts so that figures from a busy machine can be compared.

Usage: python benchmarks/measure_misc.py [--show N] [--holds]. Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import AMAZON_SETS, PRF, amazon_reviews, require_data, rows
from reviewrules import Engine, Review, Settings, Tier
from reviewrules.detectors.dangerous import DangerousContentDetector
from reviewrules.detectors.impersonation import ImpersonationDetector
from reviewrules.detectors.language import LanguageDetector
from reviewrules.detectors.medical import MedicalClaimDetector
from reviewrules.detectors.spam import SpamDetector

RULES = ("R-SPAM", "R-LANGUAGE", "R-MEDICAL-CLAIMS", "R-ILLEGAL-DANGEROUS", "R-PLAGIARISM-IMPERSONATION")
DETECTORS = (SpamDetector, LanguageDetector, MedicalClaimDetector, DangerousContentDetector, ImpersonationDetector)


def engine() -> Engine:
    return Engine(Settings(only=frozenset(RULES)), detectors=list(DETECTORS), builtins=False)


def gold(eng: Engine) -> None:
    stats = {r: PRF() for r in RULES}
    clear_named = Counter[str]()
    clear_total = Counter[str]()
    clear_labels = Counter[str]()
    clear_labels_clear = Counter[str]()
    misses: list[tuple[str, str, str]] = []
    for r in rows("gold_reviews"):
        labels = {lab["rule"]: lab["tier"] for lab in r.get("labels", [])}
        rating = r.get("rating")
        v = eng.classify(Review(id=r["id"], body=r["text"] or (r.get("title") or "."), title=r.get("title"),
                                rating=int(rating) if isinstance(rating, (int, float)) and 1 <= rating <= 5 else None))
        got = {f.rule: f for f in v.findings}
        for rule in RULES:
            stats[rule].add(rule in got, rule in labels)
            f = got.get(rule)
            if f is not None and f.tier == Tier.clear:
                clear_total[rule] += 1
                clear_named[rule] += rule in labels
            if labels.get(rule) == "clear":
                clear_labels[rule] += 1
                clear_labels_clear[rule] += f is not None and f.tier == Tier.clear
            if (rule in got) != (rule in labels):
                what = "FP" if rule in got else "FN"
                ev = got[rule].spans[0].text if rule in got else ""
                misses.append((what, rule, f"{r['id']} {ev[:80]!r}"))
    print("## gold_reviews.dev.jsonl (review level, any tier)\n")
    print("| rule | labelled | TP | FP | FN | precision | recall | F1 | clear naming a label | labelled clear -> clear |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rule in RULES:
        s = stats[rule]
        print(f"| {rule} | {s.tp + s.fn} | {s.row()} | {clear_named[rule]}/{clear_total[rule]} | "
              f"{clear_labels_clear[rule]}/{clear_labels[rule]} |")
    for m in misses:
        print("-", *m)
    print()


def real_sets(eng: Engine, show: int, holds: bool) -> None:
    print("## Real Amazon dev sets (unlabelled)\n")
    print("| set | reviews | " + " | ".join(f"{r} clear/hold" for r in RULES) + " |")
    print("|---|---:|" + "---:|" * len(RULES))
    shown: list[str] = []
    for name in AMAZON_SETS:
        counts: Counter[tuple[str, str]] = Counter()
        n = 0
        for rec in amazon_reviews(name):
            n += 1
            v = eng.classify(Review(**rec))
            for f in v.findings:
                counts[(f.rule, f.tier.value)] += 1
                if f.tier == Tier.clear or holds:
                    shown.append(f"{f.tier.value} {f.rule} {rec['id']}: {f.spans[0].text[:100]!r} ({f.message})")
        cells = " | ".join(f"{counts[(r, 'clear')]}/{counts[(r, 'hold')]}" for r in RULES)
        print(f"| {name} | {n} | {cells} |")
    print()
    for line in shown[:show]:
        print("-", line)
    print()


def speed(eng: Engine, limit: int = 8000) -> None:
    recs: list[dict[str, Any]] = []
    for name in AMAZON_SETS:
        recs.extend(amazon_reviews(name))
    recs = recs[:limit]
    dets = [d(eng.settings) for d in DETECTORS]
    per = dict.fromkeys((type(d).__name__ for d in dets), 0.0)
    docs = [eng.document(Review(**r)) for r in recs]
    for doc in docs:
        for d in dets:
            t0 = time.process_time()
            for _ in d.detect(doc):
                pass
            per[type(d).__name__] += time.process_time() - t0
    texts = [r["body"] for r in recs]
    t0 = time.process_time()
    for _ in range(5):
        for t in texts:
            t.lower()
    lower = (time.process_time() - t0) / 5 / len(texts)
    n = len(docs)
    total = sum(per.values()) / n
    print(f"## Per-review CPU time ({n} real reviews, views computed by these detectors included)\n")
    for k, v in per.items():
        print(f"- {k}: {v / n * 1e6:.1f} µs")
    print(f"- all five: {total * 1e6:.1f} µs/review ({1 / total:,.0f} reviews/s); "
          f"str.lower() on the same texts: {lower * 1e6:.2f} µs (ratio {total / lower:,.0f}x)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=60, help="how many findings on the real sets to print")
    ap.add_argument("--holds", action="store_true", help="also print hold findings on the real sets")
    args = ap.parse_args()
    require_data()
    eng = engine()
    gold(eng)
    real_sets(eng, args.show, args.holds)
    speed(eng)


if __name__ == "__main__":
    main()
