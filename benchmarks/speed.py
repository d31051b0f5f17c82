"""Throughput on real reviews, per family of rules, beside the floor and the peers, in one run on one core.

    python benchmarks/speed.py            # print the table and rewrite docs/benchmarks.md's speed section
    python benchmarks/speed.py --n 2000   # a quicker run

Absolute times drift on a shared machine: read the ratios to the floor (a plain Python loop that lower-cases each
text) as much as the reviews per second. Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATA, ROOT, have_data, replace_section, review_texts
from reviewrules import Engine, Review, SellerMessage, Settings

FAMILIES: dict[str, frozenset[str]] = {
    "seller/shipping + kind": frozenset({"seller-shipping"}),
    "content (pricing, links, promo, compensation, conflict, spam, language, medical, impersonation)": frozenset({"content"}),
    "conduct (profanity, harassment, hate, sexual, dangerous)": frozenset({"conduct"}),
    "privacy (R-PII)": frozenset({"privacy"}),
}

MESSAGES = [
    "Hello, your replacement has shipped; tracking is in your order details.",
    "We'll give you a full refund if you remove your 1-star review.",
    "Thank you for your order 112-4567890-1234567. Would you share your experience with other customers?",
    "Sorry the kettle arrived damaged. We've issued a full refund; no need to return it.",
    "Leave a review and get 20% off your next order! Visit www.mybrand.com",
]


def _median_rate(fn: Callable[[], int], repeat: int) -> float:
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--no-peers", action="store_true")
    args = ap.parse_args(argv)
    if not have_data():
        print(f"benchmarks: evaluation data not found at {DATA}; skipping")
        return 0
    texts = review_texts(args.n)
    reviews = [Review(id=str(i), body=t) for i, t in enumerate(texts)]
    rows: list[tuple[str, float]] = []

    floor = _median_rate(lambda: sum(1 for t in texts if t.lower()), args.repeat)
    rows.append(("floor: `text.lower()` per review", floor))

    t0 = time.perf_counter()
    engine = Engine()
    build = time.perf_counter() - t0
    engine.classify(reviews[0])
    rows.append(("classify, all per-review rules", _median_rate(lambda: sum(1 for r in reviews if engine.classify(r)), args.repeat)))
    for fam, groups in FAMILIES.items():
        e = Engine(Settings(only=groups))
        rows.append((f"classify, {fam} only", _median_rate(lambda e=e: sum(1 for r in reviews if e.classify(r)), args.repeat)))
    bare = Engine(Settings(only=frozenset({"R-LINKS"})), builtins=True)
    rows.append(("classify, R-LINKS only (preparation + one rule)", _median_rate(lambda: sum(1 for r in reviews if bare.classify(r)), args.repeat)))
    msgs = [SellerMessage(body=m) for m in MESSAGES] * 400
    msg_rate = _median_rate(lambda: sum(1 for m in msgs if engine.check_message(m)), args.repeat)

    peers: list[tuple[str, float]] = []
    if not args.no_peers:
        sample = texts[: min(len(texts), 300)]
        try:
            from better_profanity import profanity  # type: ignore[import-not-found]

            profanity.load_censor_words()
            peers.append(("better_profanity `contains_profanity` (300 texts)", _median_rate(lambda: sum(1 for t in sample if profanity.contains_profanity(t) or True), 1)))
        except Exception as exc:
            print(f"peer better_profanity skipped: {type(exc).__name__}")
        try:
            from profanity_check import predict  # type: ignore[import-not-found]

            peers.append(("alt-profanity-check `predict` in one batch", _median_rate(lambda: len(predict(texts)), args.repeat)))
        except Exception as exc:
            print(f"peer alt-profanity-check skipped: {type(exc).__name__}")
        try:
            from urlextract import URLExtract  # type: ignore[import-not-found]

            ux = URLExtract(cache_dns=False)
            peers.append(("urlextract `find_urls`", _median_rate(lambda: sum(1 for t in sample if ux.find_urls(t) or True), 1)))
        except Exception as exc:
            print(f"peer urlextract skipped: {type(exc).__name__}")

    imp = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import reviewrules"], capture_output=True, text=True, check=True)
        last = [ln for ln in out.stderr.splitlines() if ln.rstrip().endswith("reviewrules")]
        imp.append(int(last[-1].split("|")[1]) / 1e6 if last else float("nan"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    lines = [
        f"{len(texts)} real review bodies from the Amazon dev sets (mean {sum(map(len, texts)) / len(texts):.0f} characters), "
        f"one core, median of {args.repeat} runs. Python {sys.version.split()[0]}.",
        "",
        "| what | reviews/s | ms per review | vs floor |",
        "|---|---:|---:|---:|",
    ]
    for name, rate in rows + peers:
        lines.append(f"| {name} | {rate:,.0f} | {1000 / rate:.3f} | {floor / rate:,.0f}x slower |")
    lines += [
        "",
        f"- check_message: {msg_rate:,.0f} messages/s",
        f"- engine build: {build:.3f} s; `import reviewrules`: {statistics.median(imp):.3f} s (median of 3, `-X importtime`)",
        f"- peak memory of this benchmark process: {peak:,.0f} MiB",
        "- targets (issue 3): all per-review rules >= 2,000 reviews/s, engine build <= 1 s, import <= 0.3 s",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "speed", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
