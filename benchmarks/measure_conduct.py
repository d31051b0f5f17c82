"""Measure the conduct rules (R-PROFANITY, R-HARASSMENT, R-HATE, R-SEXUAL) against public data and peers.

Usage::

    python benchmarks/measure_conduct.py            # report
    python benchmarks/measure_conduct.py --show 40  # also print 40 clear findings from the Amazon sets

Reads ../shared/data (skips cleanly when it is absent). Peers run on the same data in the same run when they
import (``better_profanity``, ``alt-profanity-check``: install them for measuring only, never as project
dependencies); otherwise the report says they were skipped.

- OLID (offenseval 2019, tweets): offensive vs not. "Flagged" = any conduct finding (clear or hold).
- Davidson (tweets): hate or offensive vs neither; and hate kept apart from offensive (R-HATE vs the others).
- Four real Amazon review sets: share of reviews with a clear conduct finding (target: at most 0.5 %).
- Cost: time of the conduct analysis per review on Amazon texts (views prepared, as the engine shares them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

from reviewrules import Engine, Review, Settings
from reviewrules.detectors.conduct import _Analyzer

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
RULES = frozenset({"R-PROFANITY", "R-HARASSMENT", "R-HATE", "R-SEXUAL"})
AMAZON = {
    "amazon_fine_food_5k": ("Text", None),
    "amazon_fashion_5core_2018": ("reviewText", "summary"),
    "datafiniti_amazon_products_5k": ("reviews.text", "reviews.title"),
    "amazon_us_digital_software_10k": ("review_body", "review_headline"),
}


def rows(name: str) -> list[dict[str, Any]]:
    with (DATA / f"{name}.dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def peers() -> dict[str, Callable[[list[str]], list[bool]]]:
    out: dict[str, Callable[[list[str]], list[bool]]] = {}
    try:
        from better_profanity import profanity  # type: ignore[import-not-found]

        profanity.load_censor_words()
        out["better_profanity"] = lambda texts: [bool(profanity.contains_profanity(t)) for t in texts]
    except Exception as exc:  # pragma: no cover - optional peer
        print(f"peer better_profanity skipped ({type(exc).__name__})")
    try:
        from profanity_check import predict  # type: ignore[import-not-found]

        out["alt-profanity-check"] = lambda texts: [bool(x) for x in predict(texts)]
    except Exception as exc:  # pragma: no cover - optional peer
        print(f"peer alt-profanity-check skipped ({type(exc).__name__})")
    return out


def ours(engine: Engine, texts: list[str], language: str | None = "en") -> list[list[tuple[str, str]]]:
    out = []
    for i, t in enumerate(texts):
        v = engine.classify(Review(id=str(i), body=t or ".", language=language))
        out.append([(f.rule, f.tier.value) for f in v.findings])
    return out


def sample_index(n: int, k: int) -> list[int]:
    """Every (n/k)-th row: a deterministic sample of about ``k`` rows."""
    if k <= 0 or k >= n:
        return list(range(n))
    step = n / k
    return sorted({int(i * step) for i in range(k)})


def compare_on_sample(
    texts: list[str],
    gold: list[bool],
    pred: list[bool],
    peer: dict[str, Callable[[list[str]], list[bool]]],
    k: int,
    note: dict[str, str] | None = None,
) -> None:
    if not peer:
        return
    idx = sample_index(len(texts), k)
    sub_t = [texts[i] for i in idx]
    sub_g = [gold[i] for i in idx]
    print(f"  on a deterministic sample of {len(idx)} rows (same rows for every system):")
    p, r, f1 = prf([pred[i] for i in idx], sub_g)
    print(f"    {'reviewrules (clear or hold)':<32} {p:6.3f} {r:6.3f} {f1:6.3f}")
    for name, fn in peer.items():
        p, r, f1 = prf(fn(sub_t), sub_g)
        print(f"    {name:<32} {p:6.3f} {r:6.3f} {f1:6.3f}{(note or {}).get(name, '')}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print this many clear findings from the Amazon sets")
    ap.add_argument("--peer-sample", type=int, default=1000,
                    help="rows per dataset for the peers (better_profanity reads about 10 texts/s); our figures "
                         "are given on the full set and on the same sample")
    ap.add_argument("--no-peers", action="store_true", help="skip the peers (quick runs while tuning)")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not available")
        return 0
    engine = Engine(Settings(only=RULES))
    peer = {} if args.no_peers else peers()

    # OLID -------------------------------------------------------------------------------------------------------
    olid = rows("olid_offenseval2019_train")
    texts = [r["tweet"] for r in olid]
    gold = [r["subtask_a"] == "OFF" for r in olid]
    found = ours(engine, texts)
    print(f"\nOLID dev ({len(texts)} tweets, {sum(gold)} offensive): offensive vs not")
    print(f"  {'system':<34} {'P':>6} {'R':>6} {'F1':>6}")
    for label, pred in (
        ("reviewrules (clear or hold)", [bool(f) for f in found]),
        ("reviewrules (clear only)", [any(t == "clear" for _, t in f) for f in found]),
    ):
        p, r, f1 = prf(pred, gold)
        print(f"  {label:<34} {p:6.3f} {r:6.3f} {f1:6.3f}")
    compare_on_sample(texts, gold, [bool(f) for f in found], peer, args.peer_sample)

    # Davidson ---------------------------------------------------------------------------------------------------
    dav = rows("davidson_hate_offensive")
    texts = [r["tweet"] for r in dav]
    gold = [r["class"] in (0, 1) for r in dav]
    found = ours(engine, texts)
    print(f"\nDavidson dev ({len(texts)} tweets, {sum(gold)} hate or offensive): offensive vs neither")
    print(f"  {'system':<34} {'P':>6} {'R':>6} {'F1':>6}")
    pred = [bool(f) for f in found]
    p, r, f1 = prf(pred, gold)
    print(f"  {'reviewrules (clear or hold)':<34} {p:6.3f} {r:6.3f} {f1:6.3f}")
    compare_on_sample(texts, gold, pred, peer, args.peer_sample,
                      note={"alt-profanity-check": "  (trained on Davidson: no fair bar)"})
    hate_gold = [r["class"] == 0 for r in dav]
    hate_pred = [any(rule == "R-HATE" for rule, _ in f) for f in found]
    p, r, f1 = prf(hate_pred, hate_gold)
    print(f"  hate kept apart (R-HATE vs class hate): P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    off_rows = [i for i, x in enumerate(dav) if x["class"] == 1]
    share = sum(hate_pred[i] for i in off_rows) / max(1, len(off_rows))
    print(f"  offensive-but-not-hate tweets given R-HATE: {share:.1%}")

    # Amazon -----------------------------------------------------------------------------------------------------
    print("\nAmazon dev sets: reviews with a clear conduct finding (target <= 0.5 %)")
    total = clear_total = 0
    per_rule: Counter[str] = Counter()
    holds = 0
    sample: list[tuple[str, str, str]] = []
    bp_flag = bp_n = 0
    for name, (body_f, title_f) in AMAZON.items():
        data = rows(name)
        n = clear = 0
        bodies = []
        for i, r in enumerate(data):
            body = str(r.get(body_f) or "")
            title = str(r.get(title_f) or "") if title_f else ""
            if not body.strip() and not title.strip():
                continue
            bodies.append(f"{title}\n{body}")
            v = engine.classify(Review(id=f"{name}:{i}", title=title or None, body=body or None))
            n += 1
            cl = [f for f in v.findings if f.tier.value == "clear"]
            if v.findings and not cl:
                holds += 1
            if cl:
                clear += 1
                for f in cl:
                    per_rule[f.rule] += 1
                    if len(sample) < args.show:
                        sample.append((name, f.rule, " | ".join(s.text for s in f.spans)))
        if "better_profanity" in peer:
            idx = sample_index(len(bodies), args.peer_sample // 2)
            bp_flag += sum(peer["better_profanity"]([bodies[i] for i in idx]))
            bp_n += len(idx)
        total += n
        clear_total += clear
        print(f"  {name:<34} {n:6d} reviews  clear {clear:4d} ({clear / max(1, n):.2%})")
    print(f"  {'all four':<34} {total:6d} reviews  clear {clear_total:4d} ({clear_total / max(1, total):.2%})"
          f"  hold-only {holds} ({holds / max(1, total):.2%})")
    print(f"  clear findings per rule: {dict(sorted(per_rule.items()))}")
    if "better_profanity" in peer:
        print(f"  better_profanity flags {bp_flag} of a sample of {bp_n} of the same reviews "
              f"({bp_flag / max(1, bp_n):.2%})")
    for name, rule, ev in sample:
        print(f"    {name[:14]:<14} {rule:<13} {ev[:100]!r}")

    # Cost -------------------------------------------------------------------------------------------------------
    analyzer = _Analyzer(Settings())
    reviews = [
        Review(id=f"{name}:{i}", body=str(r.get(body_f) or ""))
        for name, (body_f, _t) in AMAZON.items()
        for i, r in enumerate(rows(name))
        if str(r.get(body_f) or "").strip()
    ]

    def fresh_docs() -> list[Any]:
        out = []
        for rv in reviews:
            doc = engine.document(rv)  # prepares the norm view (the language guess reads it), as the engine does
            out.append(doc)
        return out

    # CPU time (process_time), best of three: the machine may be shared. The floor is what any pass that reads
    # words costs: case folding plus one regex tokenization.
    # Fresh documents every run, so the folded/leet views this family builds are paid for.
    word = regex.compile(r"\w+")
    texts = [rv.body or "" for rv in reviews]
    ours_runs, floor_runs = [], []
    for _ in range(3):
        docs = fresh_docs()
        t0 = time.process_time()
        for d in docs:
            analyzer.analyze(d)
        ours_runs.append(time.process_time() - t0)
        t0 = time.process_time()
        for t in texts:
            word.findall(t.casefold(), timeout=1.0)
        floor_runs.append(time.process_time() - t0)
    ours_s, floor_s = min(ours_runs), min(floor_runs)
    print(f"\nCost (CPU time, best of 3, {len(docs)} Amazon reviews, mean {sum(map(len, texts)) / len(texts):.0f} "
          f"chars): conduct analysis, all four rules: {ours_s / len(docs) * 1e6:.1f} µs per review "
          f"({len(docs) / ours_s:,.0f} reviews/s); floor (casefold + one \\w+ tokenization): "
          f"{floor_s / len(docs) * 1e6:.1f} µs ({ours_s / floor_s:.1f}x the floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
