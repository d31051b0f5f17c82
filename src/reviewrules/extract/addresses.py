"""Find street addresses (US, UK, DE, FR, IT, ES formats), UK postcodes and licence plates.

Patterns read the ``text`` view, which keeps case: a street name is a capitalised word next to a house number and
a street type ("42 Elm Street", "Hauptstraße 5", "12 rue de la Paix", "Via Roma 10", "Calle Mayor 3"), optionally
followed by a postcode and town. Capitalisation is what keeps "a 2 way street" or "via Amazon 2 days" out.
Licence plates are only read after an explicit cue ("licence plate", "Kennzeichen", "matrícula", "targa") because
their shapes overlap with model numbers.

A match is *public* when a company cue is near it ("our store", "head office", "customer service", "return
address"): callers treat a company's address as a case for a human.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..text import PreparedText
from ._intervals import Taken

__all__ = ["AddressExtractor", "AddressMatch"]


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """An address-like span in ``text`` coordinates. ``kind``: ``street`` (house number and street), ``postcode``
    (a UK postcode alone) or ``plate`` (a licence plate after a cue). ``complete`` means a town or postcode is
    part of the match; ``personal`` means a cue such as "I live at" precedes it."""

    start: int
    end: int
    kind: str
    country: str
    complete: bool
    personal: bool
    public: bool


_CAP = r"\p{Lu}[\p{Ll}'’\-]{1,24}"
_NAME = rf"{_CAP}(?:[ \t]{_CAP}){{0,3}}"
_TOWN = r"\p{Lu}[\p{L}'’\-]{1,24}(?![\p{N}])(?:[ \t\-]\p{Lu}[\p{L}'’\-]{1,24}(?![\p{N}])){0,2}"
_US_SUFFIX = (
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Way|Terrace|Parkway|Circle|Highway|Close|Crescent|"
    r"Gardens|Grove|Square|Mews|Row|Walk|Trail|Pike|Plaza)\b"
    r"|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Pkwy|Cir|Hwy|Sq|Trl)"
    r"(?:\.|(?=[ \t]*(?:[,;\n]|$)|[ \t]+(?:Apt|Apartment|Suite|Ste|Unit|Flat)\b))"
)
_US_STATE = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|"
    r"OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
_UK_POSTCODE = r"(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t]?\d[ABD-HJLNP-UW-Z]{2})"
_STREET_EN = (
    rf"(?<![\p{{L}}\p{{N}}.,\-/])(?P<num>\d{{1,5}}[A-Za-z]?)(?:[ \t]?[-–][ \t]?\d{{1,5}})?,?[ \t]+(?:[NSEW]\.?[ \t]+)?"
    rf"(?:{_NAME})[ \t]+(?:{_US_SUFFIX})(?:[ \t]+(?:NW|NE|SW|SE|N|S|E|W)\b\.?)?"
    rf"(?:,?[ \t]+(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\.?[ \t]?#?\w{{1,6}})?"
    rf"(?P<town>,[ \t]?{_TOWN}(?:,?[ \t]+(?:{_US_STATE})\b(?:[ \t]+\d{{5}}(?:-\d{{4}})?)?)?(?:,?[ \t]+{_UK_POSTCODE})?)?"
)
_DE_SUFFIX = r"straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|markt"
_STREET_DE = (
    rf"(?<![\p{{L}}\p{{N}}])(?:\p{{Lu}}[\p{{L}}\-]{{0,30}}(?:{_DE_SUFFIX})|\p{{Lu}}[\p{{Ll}}\-]{{1,20}}er[ \t](?:Straße|Strasse|Str\.|Weg|Platz|Allee|Ring|Damm))"
    rf"[ \t]?(?P<num>\d{{1,3}}[a-z]?)(?![\p{{N}}\p{{L}}])"
    rf"(?P<town>,?[ \t]+\d{{5}}[ \t]+{_TOWN})?"
)
_STREET_FR = (
    rf"(?<![\p{{L}}\p{{N}}.,\-/])(?P<num>\d{{1,4}})(?:[ \t]?(?:bis|ter))?,?[ \t]+"
    rf"(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|square|passage|Rue|Avenue|"
    rf"Boulevard|Chemin|Allée|Impasse|Quai)[ \t]+"
    rf"(?:(?:de[ \t]la|de[ \t]l['’]|du|des|de|la|le|les|l['’]|d['’])[ \t]?)?{_CAP}(?:[ \t\-](?:de[ \t]|du[ \t]|la[ \t])?{_CAP}){{0,3}}"
    rf"(?P<town>,?[ \t]+\d{{5}}[ \t]+{_TOWN})?"
)
_STREET_IT = (
    rf"(?<![\p{{L}}\p{{N}}])(?:Via|Viale|Piazza|Piazzale|Corso|Vicolo|Largo|Strada|V\.le|P\.za)[ \t]+"
    rf"(?:(?:dei|degli|delle|della|del|di|de)[ \t]+)?{_CAP}(?:[ \t](?:(?:dei|degli|delle|della|del|di)[ \t]+)?{_CAP}){{0,3}}"
    rf",?[ \t]+(?:n\.?[ \t]?)?(?P<num>\d{{1,4}}[A-Za-z]?)(?![\p{{N}}])"
    rf"(?P<town>,?[ \t]+\d{{5}}[ \t]+{_TOWN})?"
)
_STREET_ES = (
    rf"(?<![\p{{L}}\p{{N}}])(?:Calle|C/|Avenida|Avda\.?|Plaza|Paseo|Camino|Carrer|Ronda|Travesía|Carretera)[ \t]?"
    rf"(?:(?:de[ \t]la|de[ \t]los|de[ \t]las|del|de)[ \t]+)?{_CAP}(?:[ \t](?:(?:de|del|la)[ \t]+)?{_CAP}){{0,3}}"
    rf",?[ \t]+(?:n[º°o]\.?[ \t]?)?(?P<num>\d{{1,4}})(?![\p{{N}}])"
    rf"(?P<town>,?[ \t]+\d{{5}}[ \t]+{_TOWN})?"
)
# (country, keywords that must occur in the case-folded text for the pattern to run, pattern)
_PATTERNS: tuple[tuple[str, tuple[str, ...], regex.Pattern[str]], ...] = tuple(
    (country, keys, regex.compile(p, regex.V1))
    for country, keys, p in (
        ("US/UK", (), _STREET_EN),
        ("DE", ("stra", "str.", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "chaussee", "steig", "pfad",
                "markt"), _STREET_DE),
        ("FR", ("rue", "av", "bd", "boulevard", "place", "chemin", "allée", "impasse", "quai", "route", "cours",
                "square", "passage"), _STREET_FR),
        ("IT", ("via", "viale", "piazza", "corso", "vicolo", "largo", "strada", "v.le", "p.za"), _STREET_IT),
        ("ES", ("calle", "c/", "avenida", "avda", "plaza", "paseo", "camino", "carrer", "ronda", "travesía",
                "carretera"), _STREET_ES),
    )
)
_HAS_DIGIT = regex.compile(r"\d")
# Every street pattern has a capitalised word next to a number, or a number before a French street type.
# Every street pattern has a capitalised word next to a number, or a number before a French street type. Written
# to start at a digit: the regex module then rejects most positions at once (7x faster than a letter-first form).
_STREET_PRE = regex.compile(
    r"\d(?:[A-Za-z]?,?[ \t]+(?:[NSEW]\.?[ \t]+)?(?:\p{Lu}|(?:rue|avenue|av|boulevard|bd|place|chemin|allée|impasse|"
    r"quai|route|cours|square|passage)\b)|(?<=\p{Lu}[\p{L}.]{1,30}[ \t]?\d))",
    regex.V1,
)
_HAS_UPPER = regex.compile(r"[A-Z][A-Z]?\d")
_POSTCODE = regex.compile(rf"(?<![\p{{L}}\p{{N}}\-])(?P<pc>{_UK_POSTCODE})(?![\p{{L}}\p{{N}}\-])", regex.V1)
# Units and words after a number that show it is not a house number ("Via Amazon 2 days").
_NOT_HOUSE_AFTER = regex.compile(
    r"[ \t]?(?:%|x\b|days?|weeks?|months?|years?|hours?|minutes?|times|stars?|pieces|pcs|units|pack|euros?|dollars|"
    r"giorni|settimane|mesi|anni|ore|volte|pezzi|días|semanas|meses|años|horas|veces|piezas|unidades|tage|wochen|"
    r"monate|jahre|stunden|mal|stück|jours|semaines|mois|ans|heures|fois|pièces|cm|mm|kg|g|ml|l|m|w|v|gb|mb)\b",
    regex.V1 | regex.IGNORECASE,
)
_PERSONAL_CUE = regex.compile(
    r"(?:\b(?:i|we)\s(?:live|lived|stay|moved)\s(?:at|on|in)|\bmy\s(?:address|house|home|flat|apartment|place)|"
    r"\b(?:ship|send|deliver|mail)\s(?:it\s)?to\s(?:me\s)?at|\bcome\sto|\bvisit\sme|\bich\swohne|\bmeine\sadresse|"
    r"\bj['’]habite|\bmon\sadresse|\babito\sin|\bil\smio\sindirizzo|\bvivo\sen|\bmi\sdirección|\bmi\sdireccion)"
    r"[^.!?\n]{0,30}$",
    regex.V1,
)
_PUBLIC_CUE = regex.compile(
    r"\b(?:store|shop|shops|office|offices|headquarters|head\soffice|hq|company|customer\sservice|support|"
    r"return\saddress|returns|warehouse|factory|restaurant|museum|hotel|station|library|mall|outlet|branch|"
    r"manufacturer|laden|geschäft|filiale|firma|boutique|magasin|siège|société|negozio|sede|azienda|tienda|"
    r"empresa|oficina|sucursal)\b",
    regex.V1,
)
_PLATE_CUE = regex.compile(
    r"\b(?:licen[cs]e\splate|plate\snumber|number\splate|registration\s(?:number|plate)|reg\s(?:no|number)|"
    r"kennzeichen|nummernschild|plaque(?:\sd['’]immatriculation)?|immatriculation|matr[ií]cula|placa|targa)\b"
    r"(?:\s(?:is|was|ist|war|est|era|es|è|number|no\.?|:))*\s?[:#]?\s?",
    regex.V1 | regex.IGNORECASE,
)
_PLATE = regex.compile(
    r"(?=[A-Z\d \-]{0,10}\d)(?=[A-Z\d \-]{0,10}[A-Z])[A-Z\d]{1,4}(?:[ \-]?[A-Z\d]{1,4}){1,3}(?![\p{L}\p{N}])",
    regex.V1,
)


class AddressExtractor:
    """Built once; ``find(field)`` is a pure function of the prepared field."""

    def find(self, field: PreparedText, timeout: float | None = None) -> list[AddressMatch]:
        text = field.text
        out: list[AddressMatch] = []
        if _HAS_DIGIT.search(text) is not None:
            norm = field.norm
            streets = Taken()
            # Street patterns run only in windows around the places where a number meets a capitalised word.
            windows: list[list[int]] = []
            for w in _STREET_PRE.finditer(text, timeout=timeout):
                ws, we = max(0, w.start() - 90), min(len(text), w.end() + 140)
                if windows and ws <= windows[-1][1]:
                    windows[-1][1] = we
                else:
                    windows.append([ws, we])
            countries = [(c, p) for c, keys, p in _PATTERNS if not keys or any(k in norm for k in keys)] if windows \
                else []
            for ws, we in windows:
                for country, pattern in countries:
                    for m in pattern.finditer(text, ws, we, timeout=timeout):
                        if _NOT_HOUSE_AFTER.match(text, m.end("num"), timeout=timeout):
                            continue
                        if streets.overlaps(m.start(), m.end()):
                            continue
                        streets.add(m.start(), m.end())
                        out.append(self._make(norm, m.start(), m.end(), "street", country,
                                              m.group("town") is not None, timeout))
            if _HAS_UPPER.search(text) is not None:
                for m in _POSTCODE.finditer(text, timeout=timeout):
                    if streets.contains(m.start(), m.end()):
                        continue  # (postcodes never overlap one another: only streets can hold one)
                    # A postcode alone must look like one: outward and inward parts separated by a space.
                    if " " not in m.group(0):
                        continue
                    out.append(self._make(norm, m.start(), m.end(), "postcode", "UK", False, timeout))
            if ("plate" in norm or "kennzeichen" in norm or "nummernschild" in norm or "plaque" in norm
                    or "matr" in norm or "placa" in norm or "targa" in norm):
                for c in _PLATE_CUE.finditer(text, timeout=timeout):
                    m = _PLATE.match(text, c.end(), timeout=timeout)
                    if m is not None and len(m.group(0).replace(" ", "").replace("-", "")) >= 4:
                        out.append(AddressMatch(m.start(), m.end(), "plate", "", False, False, False))
        out.sort(key=lambda a: a.start)
        return out

    def _make(self, norm: str, start: int, end: int, kind: str, country: str, complete: bool,
              timeout: float | None) -> AddressMatch:
        before = norm[max(0, start - 60):start]
        personal = _PERSONAL_CUE.search(before, timeout=timeout) is not None
        ctx = norm[max(0, start - 80):min(len(norm), end + 40)]
        public = not personal and _PUBLIC_CUE.search(ctx, timeout=timeout) is not None
        return AddressMatch(start, end, kind, country, complete, personal, public)
