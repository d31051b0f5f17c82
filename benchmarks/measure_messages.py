"""Seller-message compliance: accuracy on the labelled message set and messages checked per second.

    python benchmarks/measure_messages.py [--repeat N]

Accuracy uses ``tests/data/messages.jsonl`` (written before the checker was tuned, never edited since): every
benefit-for-review message must be blocked, at most 5 % of compliant messages may be blocked or sent to review.
Throughput is measured on the labelled set and, when ``../shared/data`` is present, on real Amazon review texts
sent as if they were messages (long, varied English text: a pessimistic stand-in, since no public set of seller
messages exists).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from reviewrules import Engine, Settings
from reviewrules.models import MessageStatus, SellerMessage

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "messages.jsonl"
SHARED = ROOT.parent / "shared" / "data"
KEYS = ("body", "subject", "order_id", "purpose", "concerns", "buyer_language", "attachments", "html")


def _messages() -> list[tuple[dict[str, Any], SellerMessage]]:
    out = []
    for line in SET.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append((row, SellerMessage.model_validate({"id": row["id"], **{k: row[k] for k in KEYS if k in row}})))
    return out


def _rate(engine: Engine, msgs: list[SellerMessage], repeat: int) -> float:
    for m in msgs[:50]:
        engine.check_message(m)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for m in msgs:
            engine.check_message(m)
    return repeat * len(msgs) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=3000, help="real review texts used for the throughput figure")
    args = ap.parse_args()
    engine = Engine(Settings(only=frozenset({"message"})))
    data = _messages()
    status = {row["id"]: engine.check_message(msg).status for row, msg in data}
    bfr = [row for row, _ in data if row["benefit_for_review"]]
    compliant = [row for row, _ in data if row["expect"] == "allowed"]
    violating = [row for row, _ in data if row["expect"] == "blocked"]
    bfr_blocked = sum(status[r["id"]] == MessageStatus.blocked for r in bfr)
    fp = [r["id"] for r in compliant if status[r["id"]] != MessageStatus.allowed]
    caught = sum(status[r["id"]] != MessageStatus.allowed for r in violating)
    exact = sum(status[row["id"]].value == row["expect"] for row, _ in data)
    print(f"labelled set: {len(data)} messages ({len(compliant)} compliant, {len(violating)} violating, "
          f"{len(data) - len(compliant) - len(violating)} borderline)")
    print(f"  benefit-for-review blocked: {bfr_blocked}/{len(bfr)} ({100 * bfr_blocked / max(1, len(bfr)):.1f} %)")
    print(f"  compliant blocked or sent to review: {len(fp)}/{len(compliant)} "
          f"({100 * len(fp) / max(1, len(compliant)):.1f} %) {fp}")
    print(f"  violating caught (blocked or review): {caught}/{len(violating)}")
    print(f"  exact status (blocked/review/allowed): {exact}/{len(data)}")
    per_rule: Counter[str] = Counter()
    for _, msg in data:
        for f in engine.check_message(msg).findings:
            per_rule[f"{f.rule}:{f.tier.value}"] += 1
    print("  findings per rule:", dict(sorted(per_rule.items())))
    msgs = [m for _, m in data]
    rate = _rate(engine, msgs, args.repeat)
    avg = sum(len(m.body) for m in msgs) / len(msgs)
    print(f"throughput, labelled set (avg {avg:.0f} chars): {rate:,.0f} messages/s ({1000 / rate:.2f} ms each)")
    path = SHARED / "amazon_us_digital_software_10k.dev.jsonl"
    if path.exists():
        texts = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                t = json.loads(line).get("review_body")
                if t:
                    texts.append(SellerMessage(body=t, order_id="114-3941689-8772232"))
                if len(texts) >= args.limit:
                    break
        rate = _rate(engine, texts, 1)
        avg = sum(len(m.body) for m in texts) / len(texts)
        print(f"throughput, real review texts as messages (avg {avg:.0f} chars): {rate:,.0f} messages/s "
              f"({1000 / rate:.2f} ms each)")
    else:
        print("throughput on real texts skipped: ../shared/data not found")


if __name__ == "__main__":
    main()
