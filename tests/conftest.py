from __future__ import annotations

import json
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from reviewrules.models import Finding

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_rows(name: str) -> list[dict[str, Any]]:
    """Rows of ../shared/data/<name>.dev.jsonl, or skip the test cleanly when the data is not there."""
    path = SHARED_DATA / f"{name}.dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any attempt to open a socket."""

    def guard(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    monkeypatch.setattr(socket, "getaddrinfo", guard)
    yield


def jumbles(words: list[str], joiner: str = " ", max_words: int = 40) -> st.SearchStrategy[str]:
    """Any Unicode text, or a jumble of the words a detector looks for (where its edge cases hide)."""
    return st.one_of(st.text(max_size=300), st.lists(st.sampled_from(words), max_size=max_words).map(joiner.join))


def assert_spans_quote(text: str, findings: Iterable[Finding]) -> None:
    """Every span of ``findings`` on the one-field review ``text`` lies inside it and quotes it exactly."""
    for f in findings:
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.text
