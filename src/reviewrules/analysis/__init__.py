"""Shared text analyses that several rule families build on (reviews and seller feedback alike)."""

from .aboutness import (
    LABEL_RULES,
    SELLER_LABELS,
    Aboutness,
    AboutnessAnalyzer,
    Cue,
    SentenceTopic,
    aboutness,
)

__all__ = [
    "LABEL_RULES",
    "SELLER_LABELS",
    "Aboutness",
    "AboutnessAnalyzer",
    "Cue",
    "SentenceTopic",
    "aboutness",
]
