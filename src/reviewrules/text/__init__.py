"""Text preparation: views of a field with offset maps back to the original, sentence and word spans, and a
language guess."""

from .lang import LanguageGuess, guess_language
from .offsets import View, build_view
from .prepare import PreparedText, prepare, split_sentences

__all__ = ["LanguageGuess", "PreparedText", "View", "build_view", "guess_language", "prepare", "split_sentences"]
