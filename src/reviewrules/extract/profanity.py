"""The reusable offensive-language matcher: profanity, mild words, insults, slurs, sexual terms and threats, per
language, through leetspeak, masks, spacing, elongation and look-alike letters.

Used by the review conduct rules (R-PROFANITY, R-HARASSMENT, R-HATE, R-SEXUAL) and by the seller-feedback rule
F-OBSCENE::

    matcher = OffensiveMatcher(settings)             # once, at engine start
    for m in matcher.find(prepared, "en"):           # per text
        m.start, m.end, m.view                       # offsets in prepared.norm_view ("norm")
        m.term, m.category, m.tier                   # "fuck*", "profanity", Tier.clear

Categories: ``profanity`` (obscene words: clear), ``mild`` (crap, damn, hell, sucks: hold), ``insult``
(name-calling such as idiot, moron: hold here; callers decide from context whether it is aimed at a person),
``slur`` (slurs against protected groups: clear, ambiguous ones hold), ``sexual`` (explicit terms and lewd
remarks), ``threat`` (threats and wishes of harm: clear). ``tag`` carries a lexicon option other than a tier
(``"target"`` on insult words such as *stupid* that only count next to a person).

A heavily masked word (``sh**``, ``f***ing``: two or more hidden letters) is hold even when the word is clear:
the writer censored it and the reading is a guess. Lexicons are ``data/lexicons/<lang>/conduct_<category>.txt``;
each language has its own (a German review is never read with the English list: "hell" is bright there).
Japanese is matched by substring with an allow-list. ``Settings.options["R-PROFANITY"]`` may add
``{"allow": [...]}`` (terms or phrases never flagged) without code.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import Tier
from ..text import PreparedText
from .lexmatch import LexMatcher, tokens

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["CATEGORIES", "LANGUAGES", "OffensiveMatch", "OffensiveMatcher", "parse_lexicon"]

CATEGORIES = ("profanity", "mild", "insult", "slur", "sexual", "threat")
LANGUAGES = ("en", "es", "de", "fr", "it", "ja")
_SUBSTRING_LANGUAGES = frozenset({"ja"})
_DEFAULT_TIER = {
    "profanity": Tier.clear,
    "mild": Tier.hold,
    "insult": Tier.hold,
    "slur": Tier.clear,
    "sexual": Tier.clear,
    "threat": Tier.clear,
}
# Which reading a masked token gets first ("f***ing" is "fucking", not "fapping").
_MASK_ORDER = {"profanity": 0, "mild": 1, "slur": 2, "insult": 3, "sexual": 4, "threat": 5}


@dataclass(frozen=True, slots=True)
class OffensiveMatch:
    """One offensive term in a text. ``start``/``end`` are offsets in the ``view`` named (``norm``)."""

    start: int
    end: int
    text: str  # the view's text at the span (case-folded)
    term: str  # the lexicon term
    category: str
    tier: Tier
    form: str  # plain | leet | mask | spaced | elongated | homoglyph | substring
    tag: str = ""
    view: str = "norm"


@dataclass(frozen=True, slots=True)
class _Info:
    category: str
    tier: Tier
    tag: str


def parse_lexicon(lines: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Lexicon lines as ``(term, options)``: ``"prick =hold =person"`` -> ``("prick", ("hold", "person"))``."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for line in lines:
        term, *opts = line.split(" =")
        term = term.strip()
        if term:
            out.append((term, tuple(o.strip() for o in opts if o.strip())))
    return out


class OffensiveMatcher:
    """One matcher per language, built once; :meth:`find` is a single pass over a prepared text."""

    def __init__(self, settings: Settings | None = None, languages: tuple[str, ...] = LANGUAGES) -> None:
        extra_allow: tuple[str, ...] = ()
        if settings is not None:
            raw = settings.option("R-PROFANITY", "allow", ())
            if isinstance(raw, (list, tuple)):
                extra_allow = tuple(str(a) for a in raw)
        self._matchers: dict[str, LexMatcher[_Info]] = {}
        for lang in languages:
            entries: list[tuple[str, _Info]] = []
            for cat in CATEGORIES:
                for term, opts in parse_lexicon(lexicon(f"conduct_{cat}", lang)):
                    tier = _DEFAULT_TIER[cat]
                    tag = ""
                    for opt in opts:
                        if opt in ("hold", "clear"):
                            tier = Tier(opt)
                        else:
                            tag = opt
                    entries.append((term, _Info(cat, tier, tag)))
            if not entries:
                continue
            entries.sort(key=lambda e: _MASK_ORDER[e[1].category])
            allow = lexicon("conduct_allow", lang) + extra_allow
            self._matchers[lang] = LexMatcher(entries, allow, substring=lang in _SUBSTRING_LANGUAGES)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._matchers)

    def supports(self, language: str) -> bool:
        return language in self._matchers

    def find(
        self,
        prepared: PreparedText,
        language: str,
        timeout: float | None = None,
        pre: AbstractSet[str] | None = None,
    ) -> list[OffensiveMatch]:
        """Offensive terms of ``prepared`` read with ``language``'s lexicon (empty for other languages).

        ``pre``: :func:`~reviewrules.extract.lexmatch.prefilter_tokens` of ``prepared``, if already computed."""
        matcher = self._matchers.get(language)
        if matcher is None:
            return []
        norm = prepared.norm
        out: list[OffensiveMatch] = []
        for m in matcher.find(prepared, timeout, pre):
            info = m.value
            tier = info.tier
            if m.form == "mask" and (m.masked >= 2 or (m.end - m.start) - m.masked < 2):
                tier = Tier.hold
            if m.term == "bs" and _followed_by_number(norm, m.end):
                continue  # "BS 1363", "BS EN 60335": British Standards
            out.append(OffensiveMatch(m.start, m.end, norm[m.start : m.end], m.term, info.category, tier, m.form,
                                      info.tag))
        return out


def _followed_by_number(norm: str, end: int) -> bool:
    rest = tokens(norm[end : end + 12])
    return bool(rest) and (rest[0].isdigit() or rest[0] == "en")
