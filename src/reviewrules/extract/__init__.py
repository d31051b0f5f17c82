"""Shared extractors (links, emails, ...) used by review, feedback and message detectors alike."""
