"""Package data loading: lexicons are data files, read once per engine with :mod:`importlib.resources`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["data_lines", "lexicon"]


@lru_cache(maxsize=256)
def data_lines(*parts: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of a data file under ``reviewrules/data`` (immutable, cached)."""
    node = resources.files("reviewrules").joinpath("data")
    for p in parts:
        node = node.joinpath(p)
    text = node.read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


def lexicon(name: str, language: str) -> tuple[str, ...]:
    """Terms of ``data/lexicons/<language>/<name>.txt`` (empty when the language has no such list)."""
    try:
        return data_lines("lexicons", language, f"{name}.txt")
    except FileNotFoundError:
        return ()
