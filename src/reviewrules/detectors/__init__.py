"""Per-item detectors, one module per family. Each module defines ``DETECTORS``, a tuple of detector classes; the
engine picks them up in module-name order when it is built (never at ``import reviewrules``).

The contract lives in :mod:`reviewrules.detectors.base`; users' detectors use the same one.
"""

from .base import CorpusAccumulator, CorpusDetector, CorpusItem, Detector, Document, Hit, Subject, Suppression

__all__ = ["CorpusAccumulator", "CorpusDetector", "CorpusItem", "Detector", "Document", "Hit", "Subject", "Suppression"]
