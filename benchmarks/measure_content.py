"""Accuracy and cost of the links / promotion / compensation / conflict family (R-LINKS, R-PROMO, R-COMPENSATED,
R-CONFLICT) on the dev data in ../shared/data. Skips cleanly when the data is absent.

    python benchmarks/measure_content.py            # figures
    python benchmarks/measure_content.py --show     # also the disagreements with the gold labels and a sample of
                                                     # clear findings on the real Amazon sets

Only this family's detectors run (``builtins=False``), so the figures are about these rules alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from reviewrules import Engine, Review, Settings
from reviewrules.detectors.compensated import CompensatedReviewDetector
from reviewrules.detectors.conflict import ConflictOfInterestDetector
from reviewrules.detectors.links import LinkDetector
from reviewrules.detectors.promo import PromotionDetector

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("REVIEWRULES_DATA", ROOT.parent / "shared" / "data"))
RULES = ("R-LINKS", "R-PROMO", "R-COMPENSATED", "R-CONFLICT")
AMAZON = {
    "amazon_fine_food_5k": "Text",
    "amazon_fashion_5core_2018": "reviewText",
    "amazon_us_digital_software_10k": "review_body",
    "datafiniti_amazon_products_5k": "reviews.text",
}


def rows(name: str) -> list[dict[str, Any]]:
    with (DATA / f"{name}.dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def engine() -> Engine:
    return Engine(
        Settings(),
        detectors=[LinkDetector, PromotionDetector, CompensatedReviewDetector, ConflictOfInterestDetector],
        builtins=False,
    )


def found(eng: Engine, review: Review) -> dict[str, str]:
    """Rule -> tier of this family's findings (a rule absorbed as ``related`` counts with the finding's tier)."""
    v = eng.classify(review)
    out: dict[str, str] = {}
    for f in v.findings:
        for r in (f.rule, *f.related):
            if r in RULES and (r not in out or f.tier.value == "clear"):
                out[r] = f.tier.value
    return out


def gold(eng: Engine, show: bool) -> None:
    data = rows("gold_reviews")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    clear_total = clear_named = 0
    gold_clear: Counter[str] = Counter()
    gold_clear_clear: Counter[str] = Counter()
    for r in data:
        rating = r.get("rating")
        review = Review(id=r["id"], body=r.get("text") or None, title=r.get("title") or None,
                        rating=int(rating) if rating is not None else None)
        got = found(eng, review)
        labels = {lab["rule"]: lab["tier"] for lab in r["labels"]}
        for rule, tier in got.items():
            if tier == "clear":
                clear_total += 1
                clear_named += rule in labels
        for rule in RULES:
            g, p = rule in labels, rule in got
            tp[rule] += g and p
            fp[rule] += p and not g
            fn[rule] += g and not p
            if labels.get(rule) == "clear":
                gold_clear[rule] += 1
                gold_clear_clear[rule] += got.get(rule) == "clear"
            if show and g != p:
                ev = [lab["evidence"] for lab in r["labels"] if lab["rule"] == rule]
                print(f"  {'FN' if g else 'FP'} {rule} {r['id']} got={got.get(rule)} gold={labels.get(rule)} "
                      f"{(ev[0] if ev else r['text'])[:160]!r}")
    print(f"gold_reviews.dev ({len(data)} reviews)")
    print(f"  {'rule':15} {'labels':>6} {'P':>6} {'R':>6} {'F1':>6}  clear->clear")
    for rule in RULES:
        n = tp[rule] + fn[rule]
        p = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        rc = tp[rule] / n if n else 1.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        cc = f"{gold_clear_clear[rule]}/{gold_clear[rule]}"
        print(f"  {rule:15} {n:6d} {p:6.2f} {rc:6.2f} {f1:6.2f}  {cc}   (tp {tp[rule]} fp {fp[rule]} fn {fn[rule]})")
    share = clear_named / clear_total if clear_total else 1.0
    print(f"  clear findings naming a labelled rule: {clear_named}/{clear_total} = {share:.2%}")


def spam_sets(eng: Engine) -> None:
    for name, text_key, label_key, spam_value in (
        ("youtube_spam_collection", "CONTENT", "CLASS", 1),
        ("sms_spam_collection", "SMS", "Label", "spam"),
    ):
        data = rows(name)
        c: Counter[tuple[bool, bool]] = Counter()
        for r in data:
            t = r.get(text_key) or ""
            if not t.strip():
                continue
            got = found(eng, Review(id=str(r["row_id"]), body=t, language="en"))
            hit = bool({"R-PROMO", "R-LINKS"} & set(got))
            c[(r[label_key] == spam_value, hit)] += 1
        spam = c[(True, True)] + c[(True, False)]
        ham = c[(False, True)] + c[(False, False)]
        print(f"{name}: promotion or link flagged on {c[(True, True)]}/{spam} spam "
              f"({c[(True, True)] / max(spam, 1):.1%}), {c[(False, True)]}/{ham} ham ({c[(False, True)] / max(ham, 1):.1%})")


def referral(eng: Engine, show: bool) -> None:
    data = rows("referral_code_app_reviews")
    hits = 0
    missed: list[str] = []
    for r in data:
        t = r.get("text") or ""
        if not t.strip():
            continue
        got = found(eng, Review(id=str(r["row_id"]), body=t))
        if "R-PROMO" in got or "R-LINKS" in got:
            hits += 1
        else:
            missed.append(t)
    print(f"referral_code_app_reviews: R-PROMO/R-LINKS recall {hits}/{len(data)} = {hits / max(len(data), 1):.1%}")
    if show:
        for t in random.Random(1).sample(missed, min(15, len(missed))):
            print("  missed:", t[:140].replace("\n", " "))


def amazon(eng: Engine, show: bool) -> None:
    texts: list[str] = []
    for name, key in AMAZON.items():
        counts: Counter[str] = Counter()
        clear: list[tuple[str, str]] = []
        for r in rows(name):
            t = r.get(key)
            if not isinstance(t, str) or not t.strip():
                continue
            texts.append(t)
            v = eng.classify(Review(id=str(r["row_id"]), body=t))
            for f in v.findings:
                counts[f"{f.rule}:{f.tier.value}"] += 1
                if f.tier.value == "clear":
                    clear.append((f.rule, f.spans[0].text))
        print(f"{name}: {dict(sorted(counts.items()))}")
        if show:
            for rule, ev in random.Random(2).sample(clear, min(20, len(clear))):
                print(f"  clear {rule}: {ev[:140]!r}")
    # Cost: CPU time (process_time: other processes on the machine do not count), this family's detectors alone
    # on documents whose text views are already prepared, and the whole engine with only this family.
    reviews = [Review(id=str(i), body=t) for i, t in enumerate(texts)]
    docs = [eng.document(rv) for rv in reviews]
    for d in docs:
        for f in d.texts():
            _ = (f.folded, f.sentences)
    dets = [LinkDetector(Settings()), PromotionDetector(Settings()), CompensatedReviewDetector(Settings()),
            ConflictOfInterestDetector(Settings())]
    t0 = time.process_time()
    for d in docs:
        for det in dets:
            list(det.detect(d))
    detect = time.process_time() - t0
    t0 = time.process_time()
    for rv in reviews:
        eng.classify(rv)
    family = time.process_time() - t0
    n = len(reviews)
    print(f"cost on {n} real Amazon reviews (CPU): the four detectors {detect / n * 1e3:.3f} ms/review "
          f"(views prepared); classify() with only this family {family / n * 1e3:.3f} ms/review "
          f"(includes text preparation and findings)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    if not (DATA / "gold_reviews.dev.jsonl").exists():
        print(f"skipped: evaluation data not found in {DATA}")
        return 0
    eng = engine()
    gold(eng, args.show)
    spam_sets(eng)
    referral(eng, args.show)
    amazon(eng, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
