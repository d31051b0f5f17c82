"""Size and render time of the HTML report for 100,000 scanned reviews, in headless Chromium.

    python benchmarks/report_render.py [--reviews 100000]

Classifies the real Amazon dev reviews once, then replicates the flagged verdicts (with new ids) up to the share
they have in real data, so the report describes ``--reviews`` scanned reviews. Needs the system Chromium and
Selenium (``pip install -e '.[browser]'``); skips with a message otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _data import ROOT, have_data, replace_section, review_texts
from reviewrules import Engine, Review
from reviewrules.models import AuditReport
from reviewrules.report import render_report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reviews", type=int, default=100_000)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    if not have_data():
        print("benchmarks: evaluation data not found; skipping")
        return 0
    import browser

    why = browser.missing()
    engine = Engine()
    texts = review_texts(15_000)
    flagged = [v for v in (engine.classify(Review(id=f"r{i}", body=t)) for i, t in enumerate(texts)) if v.findings]
    share = len(flagged) / len(texts)
    target = int(args.reviews * share)
    verdicts = []
    i = 0
    while len(verdicts) < target and flagged:
        v = flagged[i % len(flagged)]
        copy = v.model_copy(update={"subject_id": f"{v.subject_id}-{i}"})
        copy._texts, copy._rating = v._texts, v._rating
        verdicts.append(copy)
        i += 1
    counts: dict[str, int] = {}
    for v in verdicts:
        for f in v.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    report = AuditReport(verdicts=tuple(verdicts), counts=counts, records=args.reviews)
    t0 = time.perf_counter()
    html = render_report(report)
    render_s = time.perf_counter() - t0
    size_mb = len(html.encode()) / 1e6
    lines = [f"HTML report for {args.reviews:,} scanned reviews ({len(verdicts):,} flagged, {share:.2%} as in the real dev sets): "
             f"{size_mb:.2f} MB, written in {render_s:.2f} s."]
    if why:
        lines.append(f"Browser render not measured: {why}.")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "report.html"
            page.write_text(html, encoding="utf-8")
            driver = browser.make_driver()
            times = []
            try:
                for _ in range(3):
                    t0 = time.perf_counter()
                    driver.get(page.resolve().as_uri())
                    driver.execute_script("return document.readyState")
                    times.append(time.perf_counter() - t0)
            finally:
                driver.quit()
        lines.append(f"Headless Chromium load to `readyState` (median of 3): {statistics.median(times):.2f} s (target <= 2 s; file target < 5 MB).")
    out = "\n".join(lines)
    print(out)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "report", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
