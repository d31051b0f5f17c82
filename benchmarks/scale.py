"""Corpus audit at scale: 10k, 100k and 1M reviews with injected near-duplicate clusters and repeat reviewers.

Background reviews are real review sentences from ``../shared/data`` recombined (four to six sentences from
different reviews, shuffled), so every background review is a distinct, realistic text; reviewer ids, products,
ratings and dates are synthetic. Injected with known ground truth:

* drowning-out clusters (one per 1,000 reviews): 3 to 12 accounts posting light edits of one text (reordered
  sentences, changed numbers and names, a word swapped or added), half of them within a few hours;
* mirrored rows (must not be flagged): one reviewer's review copied onto two to four sibling variations, same day;
* repeat-negative reviewers (one per 2,000 reviews): two or three different negative reviews of one product or
  of sibling variations; and decoys (must not be flagged): one negative review edited, or mirrored on siblings.

The data set is written to a JSONL file first (streaming; never all in memory), then each size is audited in a
fresh process (``ReviewFile`` + ``Engine.audit(jobs=N)``, exactly what ``reviewrules scan`` does) so that its peak
memory (``ru_maxrss`` of the process and of its workers) is its own.

    python benchmarks/scale.py                      # 10k and 100k, corpus rules only and all rules
    python benchmarks/scale.py --sizes 1000000 --corpus-only
    python benchmarks/scale.py --sizes 10000 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("REVIEWRULES_DATA", ROOT.parent / "shared" / "data"))
SOURCES = {
    "amazon_us_digital_software_10k": "review_body",
    "amazon_fine_food_5k": "Text",
    "salminen_fake_reviews_8k": "text_",
    "datafiniti_amazon_products_5k": "reviews.text",
}
_SENT = re.compile(r"(?<=[.!?])\s+")
_NUM = re.compile(r"\b\d+\b")
T0 = datetime(2021, 1, 1, tzinfo=timezone.utc)
NAMES = ("Anna", "Ben", "Carla", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jon")
SWAPS = (("great", "really great"), ("good", "nice"), ("very", "really"), ("the", "this"), ("it", "this one"))


def sentences() -> list[str]:
    out: list[str] = []
    for name, field in SOURCES.items():
        path = DATA / f"{name}.dev.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = str(json.loads(line).get(field) or "").replace("<br />", " ")
                for s in _SENT.split(text):
                    s = s.strip()
                    if 6 <= len(s.split()) <= 25:
                        out.append(s)
    return out


def edit(text: str, rnd: random.Random, k: int) -> str:
    """A light edit: member k of a cluster (member 0 is the original)."""
    if k == 0:
        return text
    parts = _SENT.split(text)
    op = k % 4
    if op == 1 and len(parts) > 1:
        i = rnd.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    elif op == 2:
        parts[-1] = parts[-1] + f" My friend {rnd.choice(NAMES)} bought {rnd.randint(2, 9)} of them."
    elif op == 3:
        a, b = rnd.choice(SWAPS)
        parts = [re.sub(rf"\b{a}\b", b, p, count=1) for p in parts]
    out = " ".join(parts)
    out = _NUM.sub(lambda m: str(int(m.group()) + rnd.randint(1, 5)), out)
    if k % 5 == 4:
        out = out.replace(".", "!", 1)
    return out


def generate(n: int, path: Path, seed: int = 7) -> dict[str, Any]:
    """Write ``n`` reviews to ``path``; return the ground truth."""
    rnd = random.Random(seed)
    pool = sentences()
    if not pool:
        sys.exit(f"scale: no review sentences under {DATA}")
    clusters: list[list[str]] = []
    repeats: list[list[str]] = []
    decoy_reviewers: list[str] = []
    mirrored_reviewers: list[str] = []
    n_clusters = max(3, n // 1000)
    n_repeat = max(3, n // 2000)
    written = 0

    def mix() -> str:
        return " ".join(rnd.sample(pool, rnd.randint(4, 6)))

    def when(days: float = 1000.0) -> datetime:
        return T0 + timedelta(seconds=rnd.randrange(int(days * 86400)))

    with path.open("w", encoding="utf-8") as f:

        def put(rid: str, reviewer: str, product: str, rating: int, body: str, t: datetime,
                parent: str | None = None) -> None:
            nonlocal written
            rec: dict[str, Any] = {"id": rid, "reviewer_id": reviewer, "product_id": product, "rating": rating,
                                   "body": body, "created_at": t.isoformat()}
            if parent:
                rec["parent_product_id"] = parent
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1

        for c in range(n_clusters):
            base = mix()
            size = rnd.randint(3, 12)
            start = when()
            burst = c % 2 == 0
            product = f"P{rnd.randrange(5000)}"
            ids = []
            for k in range(size):
                t = start + (timedelta(minutes=rnd.randrange(600)) if burst else timedelta(days=rnd.randrange(300)))
                rid = f"cl{c}-{k}"
                put(rid, f"clacct{c}-{k}", product if k % 3 else f"P{rnd.randrange(5000)}", rnd.choice((1, 5)),
                    edit(base, rnd, k), t)
                ids.append(rid)
            clusters.append(ids)
        for r in range(n_repeat):
            reviewer = f"rep{r}"
            parent = f"PARENT{r}"
            ids = []
            for k in range(rnd.randint(2, 3)):
                rid = f"rp{r}-{k}"
                sibling = f"PR{r}-{k % 2}" if r % 2 else f"PR{r}-0"
                put(rid, reviewer, sibling, rnd.randint(1, 3), mix(), when(), parent)
                ids.append(rid)
            repeats.append(ids)
            # Decoys: an edited negative review, and a negative review mirrored on siblings.
            d = f"edit{r}"
            text = mix()
            put(f"de{r}-0", d, f"PE{r}", 1, text, when())
            put(f"de{r}-1", d, f"PE{r}", 2, text + " Update: still broken.", when())
            decoy_reviewers.append(d)
            m = f"mirror{r}"
            text, t = mix(), when()
            for k in range(rnd.randint(2, 4)):
                put(f"dm{r}-{k}", m, f"PM{r}-{k}", 1, text, t, f"PMP{r}")
            mirrored_reviewers.append(m)
        i = 0
        while written < n:
            rating = rnd.choice((5, 5, 5, 4, 4, 3, 2, 1))
            body = mix()
            t = when()
            if i % 50 == 0:  # one review shown on sibling variations: not a cluster, not a repeat
                for k in range(rnd.randint(2, 4)):
                    put(f"bm{i}-{k}", f"bg{i}", f"PV{i}-{k}", rating, body, t, f"PVP{i}")
            else:
                put(f"bg{i}", f"bg{i}", f"P{rnd.randrange(5000)}", rating, body, t)
            i += 1
    return {"clusters": clusters, "repeats": repeats, "decoys": decoy_reviewers + mirrored_reviewers,
            "records": written}


def score(found: list[list[str]], truth: list[list[str]]) -> dict[str, float]:
    """Cluster precision/recall: a found cluster matches a true one when their member sets overlap by Jaccard
    >= 0.8 (each true cluster matched at most once)."""
    index: dict[str, int] = {rid: t for t, ids in enumerate(truth) for rid in ids}
    sets = [set(ids) for ids in truth]
    matched: set[int] = set()
    good = 0
    for ids in found:
        cands = {index[r] for r in ids if r in index}
        best = max(cands, key=lambda t: len(sets[t] & set(ids)), default=None)
        if best is not None and best not in matched:
            j = len(sets[best] & set(ids)) / len(sets[best] | set(ids))
            if j >= 0.8:
                matched.add(best)
                good += 1
    return {
        "found": len(found),
        "true": len(truth),
        "precision": round(good / len(found), 4) if found else 1.0,
        "recall": round(len(matched) / len(truth), 4) if truth else 1.0,
    }


def run_one(path: Path, corpus_only: bool, jobs: int | None) -> dict[str, Any]:
    """Audit ``path`` in this process (called in a fresh subprocess); print figures as JSON."""
    from reviewrules import Engine, Settings
    from reviewrules.io import ReviewFile

    settings = Settings(only=frozenset({"corpus"})) if corpus_only else Settings()
    engine = Engine(settings)
    t = time.perf_counter()
    report = engine.audit(ReviewFile(path), jobs=jobs)
    elapsed = time.perf_counter() - t
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": round(elapsed, 2),
        "cpu_s_main": round(me.ru_utime + me.ru_stime, 1),
        "cpu_s_workers": round(kids.ru_utime + kids.ru_stime, 1),
        "records": report.records,
        "reviews_per_s": round(report.records / elapsed),
        "peak_mib_main": round(me.ru_maxrss / 1024),
        "peak_mib_worker": round(kids.ru_maxrss / 1024),
        "flagged_verdicts": len(report.verdicts),
        "drowning": [list(f.subject_ids) for f in report.corpus_findings if f.rule == "R-DROWNING-OUT"],
        "repeat": [list(f.subject_ids) for f in report.corpus_findings if f.rule == "R-REPEAT-NEGATIVE"],
        "repeat_reviewers": [str(f.details.get("reviewer")) for f in report.corpus_findings
                             if f.rule == "R-REPEAT-NEGATIVE"],
    }


def measure(n: int, corpus_only: bool, jobs: int | None, workdir: Path) -> dict[str, Any]:
    path = workdir / f"scale-{n}.jsonl"
    truth_path = workdir / f"scale-{n}.truth.json"
    if not path.exists() or not truth_path.exists():
        truth = generate(n, path)
        truth_path.write_text(json.dumps(truth), encoding="utf-8")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    cmd = [sys.executable, __file__, "--one", str(path), "--jobs", str(jobs or 0)]
    if corpus_only:
        cmd.append("--corpus-only")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    res: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    drown = score(res.pop("drowning"), truth["clusters"])
    rep = score(res.pop("repeat"), truth["repeats"])
    decoys = set(truth["decoys"])
    rep["decoys_flagged"] = sum(1 for r in res.pop("repeat_reviewers") if r in decoys)
    return {"n": n, "mode": "corpus-only" if corpus_only else "all rules", **res,
            "drowning_out": drown, "repeat_negative": rep}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--corpus-only", action="store_true", help="only the corpus rules (no per-review detectors)")
    p.add_argument("--all-rules", action="store_true", help="only all rules (default: both modes)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "reviewrules-scale")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--docs", type=Path, help="rewrite the scale section of this file (docs/benchmarks.md)")
    p.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    jobs = args.jobs or None
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus_only, jobs)))
        return 0
    if not DATA.exists():
        print(f"scale: evaluation data not found at {DATA}; skipping")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    modes = [True] if args.corpus_only else [False] if args.all_rules else [True, False]
    results = []
    for n in args.sizes:
        for corpus_only in modes:
            r = measure(n, corpus_only, jobs, args.workdir)
            results.append(r)
            d, q = r["drowning_out"], r["repeat_negative"]
            print(f"{n:>9,} {r['mode']:<12} {r['seconds']:>8.1f}s {r['reviews_per_s']:>7,}/s "
                  f"cpu {r['cpu_s_main']:.0f}s main + {r['cpu_s_workers']:.0f}s workers "
                  f"peak {r['peak_mib_main']:>5} MiB main / {r['peak_mib_worker']:>5} MiB worker | "
                  f"drowning P {d['precision']:.3f} R {d['recall']:.3f} ({d['found']}/{d['true']}) | "
                  f"repeat P {q['precision']:.3f} R {q['recall']:.3f} decoys {q['decoys_flagged']}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.docs:
        write_docs(args.docs, results)
    return 0


def table(results: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    rows = [
        "| reviews | rules | wall time | reviews/s | CPU main + workers | peak RSS main / worker | "
        "drowning-out P / R (found/true) | repeat-negative P / R (decoys flagged) |",
        "|---:|---|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        d, q = r["drowning_out"], r["repeat_negative"]
        rows.append(
            f"| {r['n']:,} | {r['mode']} | {r['seconds']:.1f} s | {r['reviews_per_s']:,} | "
            f"{r['cpu_s_main']:.0f} + {r['cpu_s_workers']:.0f} s | "
            f"{r['peak_mib_main']} / {r['peak_mib_worker']} MiB | {d['precision']:.3f} / {d['recall']:.3f} "
            f"({d['found']}/{d['true']}) | {q['precision']:.3f} / {q['recall']:.3f} ({q['decoys_flagged']}) |"
        )
    return "\n".join(rows)


NOTE = """\
Each size is audited in a fresh process from a JSONL file with `ReviewFile` and `Engine.audit(jobs=N)` (what
`reviewrules scan --jobs N` does), one worker per core. *corpus-only* runs R-DROWNING-OUT and R-REPEAT-NEGATIVE
alone (`Settings(only={"corpus"})`); *all rules* adds every per-review detector. Wall time depends on what else
the shared machine runs; the CPU seconds (main process + workers, from `getrusage`) do not, and on an idle 2-core
machine the wall time is about their sum divided by two. Precision and recall are per injected cluster (a found
cluster matches a true one when their member sets overlap by Jaccard >= 0.8); repeat-negative decoys are edited
or mirrored negative reviews that must not be reported."""


def write_docs(path: Path, results: list[dict[str, Any]]) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- scale:start -->", "<!-- scale:end -->"
    if start not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n## Corpus audit at scale\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    body = f"`python benchmarks/scale.py` ({stamp}, {os.cpu_count()} cores):\n\n{table(results)}\n\n{NOTE}\n"
    path.write_text(head + start + "\n" + body + end + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
