"""Regenerate docs/report.png: the HTML report of the bundled examples, rendered by the same code path as the
browser test (tests/browser.py).  Run: python docs/make_screenshot.py"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402

from reviewrules import audit  # noqa: E402
from reviewrules.report import render_report  # noqa: E402


def main() -> int:
    why = browser.missing()
    if why:
        print(f"cannot render: {why}")
        return 1
    lines = (ROOT / "examples" / "reviews.jsonl").read_text(encoding="utf-8").splitlines()
    recs = [json.loads(line) for line in lines if line.startswith("{")]
    report = audit(recs)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(render_report(report, title="reviewrules report: examples/reviews.jsonl", max_reviews=6), encoding="utf-8")
        browser.screenshot(page, ROOT / "docs" / "report.png", width=1100, height=1500)
    print("wrote docs/report.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
