"""Frozen, hashable engine settings. The library reads no environment variables; only the CLI does."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["DEFAULT_LANGUAGES", "REGIONS", "AllowEntry", "Settings", "region_for"]

#: Review languages accepted per marketplace. Only US (en, es) and UK (en) are confirmed by Amazon's pages; the rest
#: is the site's main language(s). Configuration, not code: override with ``Settings(languages=...)``.
DEFAULT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "US": ("en", "es"),
    "CA": ("en", "fr"),
    "MX": ("es", "en"),
    "BR": ("pt",),
    "UK": ("en",),
    "GB": ("en",),
    "IE": ("en",),
    "DE": ("de", "en"),
    "FR": ("fr",),
    "IT": ("it",),
    "ES": ("es",),
    "NL": ("nl", "en"),
    "BE": ("fr", "nl", "en"),
    "SE": ("sv", "en"),
    "PL": ("pl",),
    "TR": ("tr",),
    "AE": ("en", "ar"),
    "SA": ("ar", "en"),
    "EG": ("ar", "en"),
    "ZA": ("en",),
    "IN": ("en", "hi"),
    "JP": ("ja", "en"),
    "SG": ("en",),
    "AU": ("en",),
}

#: Marketplace code -> ISO 3166 region for libphonenumber (UK is GB there).
REGIONS: dict[str, str] = {code: ("GB" if code == "UK" else code) for code in DEFAULT_LANGUAGES}


def region_for(marketplace: str) -> str:
    return REGIONS.get(marketplace.upper(), marketplace.upper())


class AllowEntry(BaseModel):
    """An accepted piece of evidence: a finding of ``rule`` whose evidence equals ``text`` (case-insensitive)
    is dropped. A reason is required so that allow-lists stay reviewable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$|^\*$")
    text: str = Field(min_length=1)
    reason: str = Field(min_length=3)


class Settings(BaseModel):
    """Everything an :class:`~reviewrules.Engine` is built from. Frozen and hashable, so engines can be cached by
    settings and rebuilt in worker processes."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    marketplace: str = Field(default="US", description="Default marketplace; a record's own marketplace wins.")
    enable: frozenset[str] = Field(
        default=frozenset(),
        description="Rule IDs or groups (review, feedback, message, corpus, preview) to turn on in addition to the "
        "defaults; plugin rules are off until named here.",
    )
    disable: frozenset[str] = Field(default=frozenset(), description="Rule IDs or groups to turn off.")
    only: frozenset[str] | None = Field(default=None, description="If set, run only these rules or groups.")
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Per-rule options.")
    allow: tuple[AllowEntry, ...] = ()
    negative_max_rating: int = Field(default=3, ge=1, le=5)
    as_of: datetime | None = None
    languages: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    contact_customer_marketplaces: frozenset[str] = Field(
        default=frozenset({"US", "CA", "MX", "UK", "DE", "FR", "IT", "ES", "JP", "IN", "AU"}),
        description="Where Amazon's Contact Customer tool is assumed to be available (volatile; a setting).",
    )
    detectors: tuple[str, ...] = Field(default=(), description="Importable 'module:Class' paths of extra detectors.")
    load_plugins: bool = Field(default=True, description="Load detectors from the 'reviewrules.detectors' entry points.")
    max_chars: int = Field(default=20_000, ge=100, description="Characters per field that detectors read.")
    regex_timeout: float = Field(default=0.5, gt=0, description="Seconds one regex call may take.")

    @field_validator("marketplace")
    @classmethod
    def _upper(cls, v: str) -> str:
        return v.strip().upper() or "US"

    def __hash__(self) -> int:
        return hash(json.dumps(self.model_dump(mode="json"), sort_keys=True, default=str))

    def option(self, rule: str, name: str, default: Any = None) -> Any:
        return self.options.get(rule, {}).get(name, default)

    def languages_for(self, marketplace: str) -> tuple[str, ...]:
        m = marketplace.upper()
        return self.languages.get(m) or DEFAULT_LANGUAGES.get(m) or ("en",)
