from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewrules.cli import main
from reviewrules.docs import render_rule
from reviewrules.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reviews.jsonl"


def test_scan_example(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["scan", str(EXAMPLE), "--actions"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert rc == 1
    assert {"R-LINKS", "R-PII"} <= {r["rule"] for r in rows}
    for r in rows:
        assert r["actions"]
        for s in r["spans"]:
            assert len(s["text"]) == s["end"] - s["start"]
    assert "skipped line 21" in err and "invalid JSON" in err
    assert "records" in err


def test_scan_csv_with_column_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "r.csv"
    f.write_text("rid,txt,stars\n1,Visit https://shop.example.com now,5\n2,fine kettle,five\n", encoding="utf-8")
    rc = main(["scan", str(f), "--column", "id=rid", "--column", "body=txt", "--column", "rating=stars", "-q"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert json.loads(out.splitlines()[0])["subject_id"] == "1"
    assert "skipped line 3" in err


def test_scan_fail_on_never_and_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(EXAMPLE), "--fail-on", "never", "-q"]) == 0
    assert main(["scan", "/no/such/file.jsonl"]) == 2


def test_check_message_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["check-message", "Your replacement has shipped; tracking is in your order details."])
    out, _ = capsys.readouterr()
    assert rc in (0, 1) and "status:" in out
    rc = main(["check-message", "--json", "hello"])
    out, _ = capsys.readouterr()
    assert json.loads(out)["subject_id"] == "message"


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out, _ = capsys.readouterr()
    assert "R-LINKS" in out and "M-REVIEW-FOR-REFUND" in out
    assert main(["explain", "r-pii"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("# R-PII")
    assert main(["explain", "R-NOPE"]) == 2


def test_docs_pages_are_current() -> None:
    engine = Engine()
    stale = []
    for info in engine.rules():
        page = ROOT / "docs" / "rules" / f"{info.id}.md"
        if not page.exists() or page.read_text(encoding="utf-8") != render_rule(info, engine):
            stale.append(info.id)
    assert not stale, f"stale docs pages (run `python -m reviewrules.docs docs/rules`): {stale}"
