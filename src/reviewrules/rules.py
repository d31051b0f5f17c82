"""The rule catalogue: every rule ID of the policy reference, with its metadata, as package data.

Each rule lives in ``data/rules/<ID>.json``. IDs are never reused: a retired rule keeps its file with status
``retired``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RuleExamples", "RuleInfo", "catalogue", "rules"]

RuleSubject = Literal["review", "feedback", "message", "corpus"]


class RuleExamples(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    flagged: tuple[str, ...] = ()
    not_flagged: tuple[str, ...] = ()


class RuleInfo(BaseModel):
    """What the catalogue says about one rule. Users' detectors declare their own rules with this model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: str
    summary: str = ""
    kind: Literal["rule", "exemption", "group"] = "rule"
    subjects: tuple[RuleSubject, ...] = ("review",)
    group: str = "custom"
    default_tier: Literal["clear", "hold"] | None = "hold"
    languages: tuple[str, ...] = ("*",)
    status: Literal["stable", "preview", "planned", "retired"] = "preview"
    enabled_by_default: bool = True
    precedence: int = 50
    source: str = ""
    confidence: Literal["confirmed", "secondary", "unverified"] = "unverified"
    why: str = ""
    examples: RuleExamples = RuleExamples()
    builtin: bool = False

    def supports(self, language: str) -> bool:
        return "*" in self.languages or language in self.languages


@lru_cache(maxsize=1)
def catalogue() -> dict[str, RuleInfo]:
    """The built-in catalogue, read once from package data (immutable values; the dict is a fresh copy's source)."""
    out: dict[str, RuleInfo] = {}
    folder = resources.files("reviewrules").joinpath("data").joinpath("rules")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            info = RuleInfo.model_validate({**data, "builtin": True})
            out[info.id] = info
    return out


def rules(
    subject: RuleSubject | None = None, *, include_exemptions: bool = True, include_planned: bool = True
) -> list[RuleInfo]:
    """List the built-in rules, optionally only those for one subject."""
    out = []
    for info in catalogue().values():
        if subject is not None and subject not in info.subjects:
            continue
        if not include_exemptions and info.kind == "exemption":
            continue
        if not include_planned and info.status == "planned":
            continue
        out.append(info)
    return out
