"""Corpus detectors: rules that need many reviews at once (coordinated accounts, repeated negative reviews).

Each module here may define ``DETECTORS``, a tuple of corpus detector classes (see
:class:`reviewrules.detectors.base.CorpusDetector`); the engine picks them up in module-name order.
"""
