"""Smoke test of the benchmark harness on a few records (the full runs live in benchmarks/, not in the suite)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import shared_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import accuracy
from _data import PRF, replace_section
from reviewrules import Engine


def test_prf_and_section_replacement(tmp_path: Path) -> None:
    p = PRF()
    for pred, act in ((True, True), (True, False), (False, True), (False, False)):
        p.add(pred, act)
    assert (p.tp, p.fp, p.fn, p.tn) == (1, 1, 1, 1)
    assert p.precision == p.recall == p.f1 == 0.5
    md = tmp_path / "b.md"
    md.write_text("intro\n<!-- x:start -->\nold\n<!-- x:end -->\ntail\n")
    replace_section(md, "x", "new")
    assert md.read_text() == "intro\n<!-- x:start -->\nnew\n<!-- x:end -->\ntail\n"


def test_accuracy_harness_on_a_few_records() -> None:
    gold = shared_rows("gold_reviews")[:15]
    pii = shared_rows("presidio_synthetic_pii")[:15]
    engine = Engine()
    table = accuracy.gold(engine, gold)
    assert "kind` agreement" in table
    assert "EMAIL_ADDRESS" in accuracy.pii(engine, pii, {})
    res = accuracy.binary(engine, ["you are an idiot", "nice day"], [True, False], accuracy.OFFENSIVE_RULES, {})
    assert any(k.startswith("reviewrules (any tier)") for k in res)
    assert res["reviewrules (any tier), all 2"][0].tp + res["reviewrules (any tier), all 2"][0].fn == 1


def test_accuracy_script_skips_without_data(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(accuracy, "have_data", lambda: False)
    assert accuracy.main(["--no-write"]) == 0
    assert "skipping" in capsys.readouterr().out
