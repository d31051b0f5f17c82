"""Conduct rules: R-PROFANITY, R-HARASSMENT, R-HATE and R-SEXUAL.

The four detectors share one analysis per review (``doc.memo("conduct.hits", ...)``): the offensive-language matcher of
:mod:`reviewrules.extract.profanity` plus a few context matchers (who an insult is aimed at, protected groups,
accusations, threats), all per language and built once at engine start.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import ClassVar

import regex

from ..extract.lexmatch import LexMatch, LexMatcher, prefilter_tokens
from ..extract.profanity import LANGUAGES, OffensiveMatch, OffensiveMatcher, parse_lexicon
from ..lexicon import lexicon
from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from .base import Document, Hit, Subject

__all__ = ["HarassmentDetector", "HateDetector", "ProfanityDetector", "SexualDetector"]

_RULES = ("R-PROFANITY", "R-HARASSMENT", "R-HATE", "R-SEXUAL")
_TOKEN = regex.compile(r"[^\W_]+")
_NEGATION = frozenset({"not", "no", "t", "never", "nicht", "kein", "keine", "pas", "non", "nunca", "niente"})
# English threats of violence against a person: "I'll shoot the seller", "gonna punch you".
_HARM_VERBS = frozenset({
    "kill", "shoot", "stab", "strangle", "murder", "punch", "slap", "beat", "hurt", "choke", "burn", "smash", "shot",
    "hanged", "hung", "killed", "executed", "beaten", "lynched", "tortured",
})
_PERSON_OBJ = (
    r"(?:you|u|him|her|them|(?:the|this|that|these|those|your|their)\s+(?:seller|sellers|owner|owners|ceo|"
    r"designer|designers|engineer|engineers|manufacturer|maker|makers|developer|developers|guy|guys|idiot|idiots|"
    r"people|person|rep|reps|staff|boss|vendor|driver|courier|mailman|delivery\s+(?:guy|driver)|company's\s+\w+))"
)
_THREAT_EN = regex.compile(
    r"\b(?:i\s*(?:'ll|’ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|’m\s+going\s+to|'m\s+gonna|’m\s+gonna|"
    r"\s+am\s+gonna|\s+wanna|\s+want\s+to|'d|’d|\s+would)|gonna|someone\s+(?:should|needs\s+to|ought\s+to))"
    r"\s+(?:\w+\s+){0,2}?(?:kill|shoot|stab|strangle|murder|punch|slap|beat\s+up|beat|hurt|choke|burn|smash)\s+"
    + _PERSON_OBJ + r"\b",
    regex.V1,
)
_SHOULD_BE_EN = regex.compile(
    r"\bshould\s+(?:be|get)\s+(?:shot|hanged|hung|killed|executed|beaten|strung\s+up|lynched|tortured)\b", regex.V1
)


@dataclass(frozen=True, slots=True)
class _Context:
    """Per-language context matchers (all built once)."""

    targets: LexMatcher[str]
    identity: LexMatcher[None]
    dehumanizing: LexMatcher[str]
    generalizer: LexMatcher[None]
    accusation: LexMatcher[None]
    defamation: LexMatcher[Tier]


def _tagged(name: str, lang: str, default: str = "") -> list[tuple[str, str]]:
    return [(t, opts[0] if opts else default) for t, opts in parse_lexicon(lexicon(name, lang))]


def _plain(name: str, lang: str) -> list[tuple[str, None]]:
    return [(t, None) for t, _ in parse_lexicon(lexicon(name, lang))]


class _Analyzer:
    """Runs the matchers once per review and turns matches into hits for all four rules."""

    def __init__(self, settings: Settings) -> None:
        self.offensive = OffensiveMatcher(settings)
        self.context: dict[str, _Context] = {}
        for lang in LANGUAGES:
            allow = lexicon("conduct_allow", lang)
            defam = [(t, Tier(opts[0]) if opts and opts[0] in ("hold", "clear") else Tier.clear)
                     for t, opts in parse_lexicon(lexicon("conduct_defamation", lang))]
            self.context[lang] = _Context(
                targets=LexMatcher(_tagged("conduct_target", lang), obfuscation=False),
                identity=LexMatcher(_plain("conduct_identity", lang), obfuscation=False),
                dehumanizing=LexMatcher(_tagged("conduct_dehumanizing", lang, "weak"), obfuscation=False),
                generalizer=LexMatcher(_plain("conduct_generalizer", lang), obfuscation=False),
                accusation=LexMatcher(_plain("conduct_accusation", lang), allow, obfuscation=False),
                defamation=LexMatcher(defam, obfuscation=False),
            )

    def analyze(self, doc: Document) -> list[Hit]:
        lang = doc.language.code
        if not self.offensive.supports(lang):
            return []
        hits: list[Hit] = []
        for field in doc.texts():
            if field.field == "html":
                continue
            self._field(doc, field, lang, hits)
        return hits

    # ---------------------------------------------------------------------------------------------------------

    def _field(self, doc: Document, field: PreparedText, lang: str, hits: list[Hit]) -> None:
        timeout = doc.timeout
        ctx = self.context[lang]
        pre = prefilter_tokens(field)
        view = field.norm_view
        offensive = self.offensive.find(field, lang, timeout, pre)
        targets: list[LexMatch[str]] | None = None

        def get_targets() -> list[LexMatch[str]]:
            nonlocal targets
            if targets is None:
                targets = ctx.targets.find(field, timeout, pre)
            return targets

        for m in offensive:
            if m.category == "threat":
                hits.append(doc.hit("R-HARASSMENT", field, m.start, m.end, m.tier,
                                    0.9 if m.tier == Tier.clear else 0.5,
                                    f"threat or wish of harm ({m.term})", view=view, details=_details(m)))
            elif m.category == "slur":
                conf = 0.9 if m.tier == Tier.clear else 0.5
                hits.append(doc.hit("R-HATE", field, m.start, m.end, m.tier, conf,
                                    "slur against a protected group", view=view, details=_details(m)))
            elif m.category == "sexual":
                conf = 0.85 if m.tier == Tier.clear else 0.45
                hits.append(doc.hit("R-SEXUAL", field, m.start, m.end, m.tier, conf,
                                    "sexually explicit or lewd wording", view=view, details=_details(m)))
            elif m.category == "mild":
                hits.append(doc.hit("R-PROFANITY", field, m.start, m.end, Tier.hold, 0.4,
                                    f"mild profanity ({m.term})", view=view, details=_details(m)))
            elif m.category == "profanity" and m.tag != "person":
                tier = m.tier
                msg = "profanity" + ("" if m.form == "plain" else f" (disguised: {m.form})")
                if tier == Tier.clear and _in_title(field, m.start):
                    tier, msg = Tier.hold, "profanity inside a capitalised title or name (quoted?)"
                conf = (0.9 if m.form == "plain" else 0.85) if tier == Tier.clear else 0.55
                hits.append(doc.hit("R-PROFANITY", field, m.start, m.end, tier, conf, msg, view=view,
                                    details=_details(m)))
            else:  # name-calling: an insult word, or a profane word for a person
                self._name_calling(doc, field, m, get_targets(), hits)
        self._accusations(doc, field, ctx, pre, hits)
        if lang == "en" and not _HARM_VERBS.isdisjoint(pre):
            self._threats_en(doc, field, hits)
        first = len(hits)
        self._hate(doc, field, ctx, pre, hits)
        hate = [(h.start, h.end) for h in hits[first:]]
        if hate:
            # "they're all thieves" is the hate finding; an accusation or insult inside it becomes related.
            for i, h in enumerate(hits[:first]):
                if h.rule in ("R-HARASSMENT", "R-PROFANITY") and h.field == field.field:
                    for hs, he in hate:
                        if hs <= h.start and h.end <= he:
                            hits[i] = h._replace(start=hs, end=he)
                            break

    def _name_calling(
        self, doc: Document, field: PreparedText, m: OffensiveMatch, targets: list[LexMatch[str]], hits: list[Hit]
    ) -> None:
        view = field.norm_view
        target = _target_of(field, m, targets)
        kind = target.value if target is not None else ""
        if kind == "self":
            if m.category == "insult":
                return  # "I felt like an idiot": about the reviewer themselves
            target, kind = None, ""  # a profane word stays profane ("I'm a lazy bitch")
        needs_target = m.tag == "target"
        if needs_target and (target is None or abs(_token_gap(field.norm, target, m)) > 3):
            # "stupid design", "the product is garbage": a harsh opinion about a thing is allowed.
            doc.exempt("X-NEGATIVE-OPINION", field, m.start, m.end,
                       "harsh word about the product, not aimed at a person", view=view)
            return
        if target is None:
            tier = m.tier if m.category == "profanity" else Tier.hold
            if tier == Tier.clear and _in_title(field, m.start):
                tier = Tier.hold
            hits.append(doc.hit("R-PROFANITY", field, m.start, m.end, tier, 0.6 if tier == Tier.clear else 0.5,
                                "name-calling", view=view, details=_details(m)))
            return
        s, e = min(m.start, target.start), max(m.end, target.end)
        # "X is an idiot", "you idiots", "idiot seller": said of the person; otherwise a human reads it.
        direct = _predicated(field.norm, target, m)
        tier = Tier.clear if direct else Tier.hold
        if needs_target and kind == "seller":
            tier = Tier.hold  # "the company is pathetic": harsh, but a human decides
        if m.form == "mask" and m.tier == Tier.hold:
            tier = Tier.hold
        conf = 0.8 if tier == Tier.clear else 0.5
        if kind in ("reviewer", "seller"):
            who = "other reviewers or readers" if kind == "reviewer" else "the seller or company"
            details = {**_details(m), "target": kind}
            hits.append(doc.hit("R-HARASSMENT", field, s, e, tier, conf, f"insult aimed at {who}",
                                view=view, details=details))
            hits.append(doc.hit("R-PROFANITY", field, s, e, tier, conf, "name-calling", view=view,
                                details=details))
        else:
            hits.append(doc.hit("R-PROFANITY", field, m.start, m.end, tier, conf, "name-calling aimed at a person",
                                view=view, details={**_details(m), "target": "person"}))

    def _accusations(
        self, doc: Document, field: PreparedText, ctx: _Context, pre: AbstractSet[str], hits: list[Hit]
    ) -> None:
        view = field.norm_view
        norm = field.norm
        for a in ctx.accusation.find(field, doc.timeout, pre):
            if _negated(norm, a.start):
                continue
            hits.append(doc.hit("R-HARASSMENT", field, a.start, a.end, Tier.hold, 0.5,
                                "accusation of a crime or deceit (possible libel): a human decides", view=view,
                                details={"category": "accusation", "term": a.term}))
        for d in ctx.defamation.find(field, doc.timeout, pre):
            conf = 0.75 if d.value == Tier.clear else 0.5
            hits.append(doc.hit("R-HARASSMENT", field, d.start, d.end, d.value, conf,
                                "factual accusation of deliberate harm (defamation)", view=view,
                                details={"category": "defamation", "term": d.term}))

    def _threats_en(self, doc: Document, field: PreparedText, hits: list[Hit]) -> None:
        view = field.norm_view
        norm = field.norm
        for m in _THREAT_EN.finditer(norm, timeout=doc.timeout):
            hits.append(doc.hit("R-HARASSMENT", field, m.start(), m.end(), Tier.clear, 0.85,
                                "threat of violence against a person", view=view, details={"category": "threat"}))
        for m in _SHOULD_BE_EN.finditer(norm, timeout=doc.timeout):
            s, _e = _sentence_of(field, m.start())
            sent = norm[s:m.start()]
            if _TOKEN.search(sent) is None:
                continue
            words = set(_TOKEN.findall(sent))
            if words & {"seller", "designer", "whoever", "ceo", "owner", "engineer", "engineers", "he", "she",
                        "they", "person", "people", "guy", "manufacturer", "company", "idiot", "idiots"}:
                hits.append(doc.hit("R-HARASSMENT", field, s, m.end(), Tier.hold, 0.6,
                                    "joke or wish about harming a person", view=view,
                                    details={"category": "threat"}))

    def _hate(self, doc: Document, field: PreparedText, ctx: _Context, pre: AbstractSet[str], hits: list[Hit]) -> None:
        dehum = ctx.dehumanizing.find(field, doc.timeout, pre)
        if not dehum:
            return
        ident = ctx.identity.find(field, doc.timeout, pre)
        if not ident:
            return
        general = ctx.generalizer.find(field, doc.timeout, pre)
        view = field.norm_view
        for s, e in field.sentences:
            ds = [d for d in dehum if s <= d.start < e]
            is_ = [i for i in ident if s <= i.start < e]
            if not ds or not is_:
                continue
            gs = [g for g in general if s <= g.start < e]
            strong = any(d.value == "strong" for d in ds)
            if gs:
                tier, conf = Tier.clear, 0.8
            elif strong:
                tier, conf = Tier.hold, 0.55
            else:
                continue
            start = min(min(x.start for x in ds), min(x.start for x in is_))
            end = max(max(x.end for x in ds), max(x.end for x in is_))
            hits.append(doc.hit("R-HATE", field, start, end, tier, conf,
                                "hateful generalisation about a protected group", view=view,
                                details={"category": "hate", "group": field.norm[is_[0].start:is_[0].end]}))


def _in_title(field: PreparedText, start: int) -> bool:
    """Is the word at ``start`` part of a Title Case run ("Death Is A Bitch"): a quoted title, not the reviewer's
    own language? Review titles are written in Title Case anyway, so they are never read this way. (``text`` and
    ``norm`` share offsets unless case folding changed a length.)"""
    text = field.text
    if field.field == "title" or len(text) != len(field.norm) or not text[start : start + 1].isupper():
        return False
    words = _TOKEN.findall(text[max(0, start - 40) : start])[-2:]
    if len(words) < 2:
        return False
    return all(w[:1].isupper() and (len(w) == 1 or not w.isupper()) for w in words)


def _details(m: OffensiveMatch) -> dict[str, str]:
    return {"category": m.category, "term": m.term, "form": m.form}


def _sentence_of(field: PreparedText, pos: int) -> tuple[int, int]:
    for s, e in field.sentences:
        if s <= pos < e:
            return s, e
    return 0, len(field.norm)


def _token_gap(norm: str, target: LexMatch[str], m: OffensiveMatch) -> int:
    """Number of tokens between a target and an insult (0 when adjacent)."""
    if target.end <= m.start:
        return len(_TOKEN.findall(norm[target.end : m.start]))
    if m.end <= target.start:
        return len(_TOKEN.findall(norm[m.end : target.start]))
    return 0


def _target_of(field: PreparedText, m: OffensiveMatch, targets: list[LexMatch[str]]) -> LexMatch[str] | None:
    """The person an insult is aimed at: the nearest target in the same sentence, up to 8 tokens before it or 3
    after it (a target inside the insult, "fuck you", counts)."""
    if not targets:
        return None
    s, e = _sentence_of(field, m.start)
    norm = field.norm
    best: LexMatch[str] | None = None
    best_gap = 99
    for t in targets:
        if not (s <= t.start < e):
            continue
        if m.start <= t.start and t.end <= m.end:
            if m.form == "plain":
                return t  # "fuck you"
            continue  # the "u" of "U-G-L-Y"
        if m.end <= t.start and norm[t.start : t.end] in _PRONOUNS:
            continue  # "don't let that fool you", "the garbage you feed": a pronoun after is not the target
        gap = _token_gap(norm, t, m)
        limit = 8 if t.end <= m.start else 3
        if gap <= limit and gap < best_gap:
            best, best_gap = t, gap
    return best


_COPULA = frozenset({"is", "are", "was", "were", "be", "been", "being", "re", "s", "am", "m", "ist", "sind", "bist",
                     "est", "es", "sont", "eres", "son", "sei", "siete", "sono", "è"})


_PRONOUNS = frozenset({"you", "u", "ya", "he", "she", "i", "me", "im", "du", "ihr", "tu", "vous", "il", "elle",
                       "tú", "él", "ella", "lui", "lei", "er", "sie"})


def _predicated(norm: str, target: LexMatch[str], m: OffensiveMatch) -> bool:
    """The insult is said of the target: adjacent ("you idiots", "idiot seller") or joined by a copula close to the
    insult ("the designer must be a moron", "anyone who gave this 5 stars is an idiot"). Adjectives such as
    "stupid" only count when adjacent ("you stupid thieves", "stupid seller")."""
    if target.start >= m.start and target.end <= m.end:
        return True
    gap = _token_gap(norm, target, m)
    if m.end <= target.start or m.tag == "target":
        return gap == 0
    between = _TOKEN.findall(norm[target.end : m.start])
    if not between:
        return True
    if norm[target.start : target.end] in _PRONOUNS and len(between) > 3:
        return False  # "you ... the software is": the copula has another subject
    return not _COPULA.isdisjoint(between[-3:])


def _negated(norm: str, start: int) -> bool:
    before = _TOKEN.findall(norm[max(0, start - 20) : start])[-3:]
    return any(w in _NEGATION for w in before)


class _ConductBase:
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})
    rule: ClassVar[str] = ""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._built: _Analyzer | None = None

    @property
    def _analyzer(self) -> _Analyzer:
        # The four conduct detectors share one analysis per review (``doc.memo``), so usually only the first of
        # them ever needs its analyzer: built on first use. Two threads may both build it; either is kept.
        analyzer = self._built
        if analyzer is None:
            analyzer = self._built = _Analyzer(self._settings)
        return analyzer

    def detect(self, doc: Document) -> Iterator[Hit]:
        hits: list[Hit] = doc.memo("conduct.hits", lambda: self._analyzer.analyze(doc))
        for h in hits:
            if h.rule == self.rule:
                yield h


class ProfanityDetector(_ConductBase):
    """Flags profanity, obscenities and name-calling, per review language (en, es, de, fr, it; ja by substring).

    Clear: obscene words (``shit``, ``f*cking``, ``Scheißprodukt``, ``de la merde``, ``mierda``), also disguised
    by leetspeak (``sh1t``, ``a$$``), masks with one hidden letter (``f*ck``), spacing (``f u c k``), elongation
    (``fuuuck``), look-alike letters (Cyrillic ``ѕhit``, fancy Unicode) or zero-width characters; name-calling
    aimed at a person ("The designer must be a moron"). Hold: mild words (crap, damn, hell, sucks, pissed, BS),
    heavily masked words (``sh**``, ``F***ing``), insults not aimed at anyone in particular ("what a moron").

    Not flagged: innocent words that contain or resemble a listed one (Scunthorpe, classic, assessment,
    analytics, cocktail, Dickens, shitake, "hell of a", German "hell" = bright, "screw" the hardware, "crock pot",
    "balls", "cock" valves: whole-token matching plus an allow-list), a reviewer calling themselves names
    ("I felt like an idiot"), and "stupid"/"dumb" about a thing ("stupid design"). When an insult is aimed at the
    seller or at other reviewers it is also harassment; that more specific finding wins and this one is listed
    as related. A profane word inside a Title Case run ("Death Is A Bitch", a quoted episode title) is hold.

    The review's language picks the word list (a German review is never read with the English list). Extra
    innocent words or phrases: ``Settings(options={"R-PROFANITY": {"allow": ["crap game"]}})``.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-PROFANITY",)
    rule = "R-PROFANITY"


class HarassmentDetector(_ConductBase):
    """Flags harassment, threats, attacks on people and defamation.

    Clear: threats and wishes of harm ("I know where you live", "I'll shoot the seller", "hope you die"), insults
    aimed at other reviewers, readers or the seller ("Anyone who gave this 5 stars is an idiot", "you stupid
    thieves"), factual accusations of deliberate harm ("This company deliberately poisons its customers").
    Hold: accusations of crimes or deceit that may be libel ("scam", "scammer", "thieves", "fraud", "bait and
    switch"), jokes about harming a person ("whoever designed this should be shot").

    Not flagged: a harsh opinion about the product ("The product is garbage"), disagreement with other reviews
    ("I disagree with the 5-star reviews"), a complaint about service ("Customer service was rude"), a denied
    accusation ("not a scam"), "scam calls" blocked by a phone.
    """

    rules: ClassVar[tuple[str, ...]] = ("R-HARASSMENT",)
    rule = "R-HARASSMENT"


class HateDetector(_ConductBase):
    """Flags hate speech: slurs against protected groups and hateful generalisations about them.

    Clear: unambiguous slurs (compact hand-written lists per language), and a protected group (nationality,
    ethnicity, religion, gender, sexual orientation, age, disability) named in the same sentence as a
    dehumanising or insulting word with a generalisation ("they're all thieves", "only ... idiots"). Hold: slurs
    with an innocent reading (``fag`` is a cigarette in the UK), a group named next to a dehumanising word
    ("animals", "vermin") without a generalisation.

    Not flagged: origin statements ("Made in China; quality is fine"), groups named as buyers or users ("Bought
    it for my Muslim neighbour for Eid", "Good for seniors with arthritis"), "Chinese junk" (about a product).
    """

    rules: ClassVar[tuple[str, ...]] = ("R-HATE",)
    rule = "R-HATE"


class SexualDetector(_ConductBase):
    """Flags sexually explicit descriptions and lewd remarks.

    Clear: explicit sex-act words and phrases, lewd remarks about a person's body ("nice tits", "her ass").
    Hold: suggestive words (porn, horny, boner, "sticky sex") that a human should read in context.

    Not flagged: sexual-wellness products discussed plainly ("This lubricant is gentle and doesn't irritate"),
    romance books ("Steamy romance novel"), anatomy and medical products ("Breast pump is quiet"), "cum laude".
    """

    rules: ClassVar[tuple[str, ...]] = ("R-SEXUAL",)
    rule = "R-SEXUAL"


DETECTORS = (HarassmentDetector, HateDetector, ProfanityDetector, SexualDetector)
