"""Find full names of people without an NLP model: a hand-written first-name list per language, capitalisation (the
``text`` view keeps case) and context cues ("spoke to Maria Lopez", "John Miller at the warehouse", "Herr Becker").

A full name is personal information in seller feedback (F-SELLER-PII) and in messages; in a review it is not
(Amazon's review PII list has no names), so the review rule R-PII does not call this extractor.

Precision comes from three requirements: the first word is a known first name of the text's language (lists are
never unioned across languages; an unknown language reads the English list), the surname is a capitalised word
that is not a common sentence or product word, and a text written in title case ("Kate Spade Handbag Review")
gives no cue. Matches without a cue have a lower confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..lexicon import lexicon
from ..text import PreparedText

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["NameExtractor", "NameMatch"]

_LANGS = ("en", "de", "fr", "it", "es")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A person's name in ``text`` coordinates: ``first`` and ``last`` as written (``first`` is empty for a
    title plus surname such as "Mr Smith"); ``cue`` means a context cue names a person there."""

    start: int
    end: int
    first: str
    last: str
    cue: bool
    confidence: float


_TITLE = (
    r"Mr|Mrs|Ms|Miss|Mister|Dr|Herr|Frau|Hr|Fr|M|Mme|Mlle|Monsieur|Madame|Sr|Sra|Srta|Señor|Señora|Sig|Sigra|"
    r"Signor|Signora|Dott|Dottor|Dottoressa"
)
_PARTICLE = r"(?:van der|van den|von der|de la|de los|van|von|de|del|della|di|da|dos|du|le|la|mac|mc)[ \t]"
_WORD = r"\p{Lu}[\p{Ll}'’]{1,20}(?:-\p{Lu}\p{Ll}{1,20})?"
_NAME = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:(?P<title>{_TITLE})\.?[ \t]+)?(?!(?:{_TITLE})\.?[ \t])(?P<first>{_WORD})[ \t]+"
    rf"(?:(?P<mid>\p{{Lu}})\.?[ \t]+)?(?P<last>(?:{_PARTICLE})?{_WORD})(?![\p{{L}}\p{{N}}])"
    rf"|(?<![\p{{L}}\p{{N}}])(?P<title2>{_TITLE})\.?[ \t]+(?P<last2>(?:{_PARTICLE})?{_WORD})(?![\p{{L}}\p{{N}}])",
    regex.V1,
)
# Capitalised words that follow a first name without being a surname (sentence words, product and shop words,
# days and months). Compared case-folded.


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_NOT_SURNAME = _words(
    "the and but or so then this that these those it he she we they you i also thanks thank please yes no not "
    "very just amazon prime customer service support team inc ltd llc gmbh company store shop day christmas "
    "street avenue road lane drive edition collection series book books novel movie film album review reviews "
    "bag handbag dress shoes jeans kitchen home garden pro plus max mini ultra wireless monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august september october "
    "november december is was has had will would can could should did does are were be been being who what "
    "when where why how which if because after before while though although however still even really only "
    "never always sometimes montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz "
    "mai juni juli oktober dezember und aber oder der die das ist war hat lundi mardi mercredi jeudi vendredi "
    "samedi dimanche janvier février mars avril juin juillet août septembre octobre novembre décembre et mais "
    "ou est lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio "
    "agosto septiembre octubre noviembre diciembre y pero es lunedì martedì mercoledì giovedì venerdì sabato "
    "domenica gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre ma è bible christ "
    "king queen prince princess saint st lord god jesus potter bond way place bypass cliff cliffs flat flats "
    "court close crescent gardens grove square terrace park parkway heights hill hills view boulevard extension "
    "extensions estate estates investments group holdings partners associates consulting industries systems "
    "solutions services technologies labs media foods bank airlines hotel hotels center centre university"
)
_CUE_BEFORE = regex.compile(
    r"(?:\b(?:spoke|speak|speaking|talked|talking|chatted|dealt)\s(?:to|with)|\bnamed|\bcalled|\bname\sis|\bname's|"
    r"\b(?:agent|rep|representative|driver|courier|manager|supervisor|employee|staff|owner|seller|technician|"
    r"person|lady|guy|man|woman|gentleman|associate|boss|colleague|friend|husband|wife|son|daughter|neighbou?r)"
    r"[,:]?|\b(?:thanks|thank\syou|thx|dear|hi|hello|hey|contact|ask\sfor|asked\sfor|from|by|with|to|sincerely|"
    r"regards|cheers)[,:]?|\bmit|\bvon|\bherrn?|\bfrau|\bansprechpartner(?:in)?|\bavec|\bde\sla\spart\sde|\bpar|"
    r"\bcon|\bhablé\scon|\bparlato\scon|\bda|\bdi)\s?$",
    regex.V1 | regex.IGNORECASE,
)
_CUE_AFTER = regex.compile(
    r"^(?:,?\s(?:at|from|in|of)\s(?:the\s)?(?:warehouse|customer|support|service|store|shop|office|desk|company|"
    r"seller|call\scent(?:er|re)|returns|billing|shipping|dispatch)|,?\s(?:was|is|has\sbeen)\s(?:rude|helpful|very|"
    r"so|extremely|nice|unhelpful|great|awful|terrible|lovely|kind|friendly)|\s(?:said|told|promised|refused|hung|"
    r"never|answered|replied|called|emailed|helped|sorted|resolved|explained|insisted)|\s(?:vom|von\sder|aus\sdem|"
    r"du\sservice|de\sla|del\sservicio|dell'assistenza|del\sservizio)|,?\s(?:our|your|the)\s(?:agent|rep|driver|"
    r"manager)|\s?\((?:agent|rep|driver|manager|support)\))",
    regex.V1 | regex.IGNORECASE,
)
_QUICK = regex.compile(r"\p{Lu}\p{Ll}+[ \t]+(?:\p{Lu}\.?[ \t]+)?\p{Lu}", regex.V1)


class NameExtractor:
    """Built once (first-name lists of en, de, fr, it, es); ``find(field, language)`` is a pure function."""

    def __init__(self, settings: Settings | None = None) -> None:
        # Settings are accepted for symmetry with the other extractors; extra first names may come from
        # ``options={"names": {"first_names": {"en": [...]}}}``.
        extra: dict[str, list[str]] = {}
        if settings is not None:
            extra = dict(settings.option("names", "first_names", {}) or {})
        self.first_names: dict[str, frozenset[str]] = {
            lang: frozenset(n.casefold() for n in (*lexicon("names_first", lang), *extra.get(lang, ())))
            for lang in _LANGS
        }

    def find(self, field: PreparedText, language: str = "en", timeout: float | None = None) -> list[NameMatch]:
        """Full names in ``field`` (offsets in its ``text`` view). ``language`` selects the first-name list."""
        text = field.text
        if _QUICK.search(text, timeout=timeout) is None:
            return []
        firsts = self.first_names.get(language) or self.first_names["en"]
        norm = field.norm
        title_case = self._title_case(text)
        out: list[NameMatch] = []
        pos = 0
        while True:
            m = _NAME.search(text, pos, timeout=timeout)
            if m is None:
                break
            # On a rejection, the second word may still start a name ("Thanks Mr. Smith", "for John Miller").
            pos = m.end() if m.group("last") is None else m.start("last")
            title = m.group("title") or m.group("title2")
            first = m.group("first") or ""
            last = m.group("last") or m.group("last2") or ""
            last_word = last.split()[-1]
            if last_word.casefold() in _NOT_SURNAME or last.casefold() in _NOT_SURNAME:
                continue
            if first and first.casefold() not in firsts:
                if title is None:
                    continue
                if first.casefold() in _NOT_SURNAME:
                    continue
            if not first and title is None:
                continue
            before = norm[max(0, m.start() - 30):m.start()]
            after = norm[m.end():m.end() + 40]
            cue = title is not None or (
                not title_case
                and (_CUE_BEFORE.search(before, timeout=timeout) is not None
                     or _CUE_AFTER.match(after, timeout=timeout) is not None)
            )
            if not first:  # title + surname only
                conf = 0.75
            elif cue:
                conf = 0.9
            else:
                conf = 0.4 if title_case else 0.6
            out.append(NameMatch(m.start(), m.end(), first, last, cue, conf))
            pos = m.end()
        return out

    @staticmethod
    def _title_case(text: str) -> bool:
        words = text.split()
        if len(words) < 6:
            return False
        caps = sum(1 for w in words if w[:1].isupper())
        return caps >= 0.7 * len(words)
