"""Find telephone numbers: a cheap digit pre-filter, a bounded candidate pattern, false-alarm filters (prices, dates,
dimensions, model/order/ISBN numbers, IP and version numbers, number ranges), then python-phonenumbers for the
marketplace's region and international ``+CC`` numbers.

A phone-shaped group that phonenumbers does not accept is still reported, as a *weak* match, when a phone cue is
next to it ("call me on", "Phone:", "fax", "Handy", "portable" ...): this region-free fallback finds the many
national formats a single region does not know, and the cue keeps it from firing on ordinary numbers.

Obfuscations read: full-width digits (the ``text`` view is NFKC), letter O for zero inside a digit group,
``_``/``.``/space separators, and digits spelled out as words in en, es, de, fr and it ("five five five ...",
"null eins sieben ..."). A number is flagged *public* when it is toll-free/shared-cost or a company cue is near it
("customer service", "support line", "Kundenservice"): callers treat that as a case for a human (hold).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..text import PreparedText

if TYPE_CHECKING:
    import phonenumbers

    from ..settings import Settings

__all__ = ["LANGUAGE_REGIONS", "PhoneExtractor", "PhoneMatch"]


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    """A phone number in ``text`` coordinates of a prepared field.

    ``digits`` are the digits as read (spelled-out words and letter O converted); ``e164`` is set when
    phonenumbers accepted the number. ``weak`` means phone-shaped with a cue but not validated; ``public`` means a
    toll-free number or one given as a company's (customer service, support line); ``spelled`` means written
    with words or letter O (a deliberate disguise).
    """

    start: int
    end: int
    digits: str
    e164: str | None
    weak: bool
    public: bool
    spelled: bool
    region: str | None = None


#: Review language -> the region whose national format a review in that language most likely uses.
LANGUAGE_REGIONS: dict[str, str] = {"de": "DE", "fr": "FR", "it": "IT", "es": "ES", "ja": "JP", "nl": "NL",
                                    "pt": "BR", "pl": "PL", "sv": "SE", "tr": "TR"}

# A digit group, a parenthesised area code, or a letter O standing for zero inside a group.
_GROUP = r"(?:\((?>[\dOo]{1,5})\)|(?>\d[\dOo]{0,14}+|[Oo]\d[\dOo]{0,13}+))"
_SEP = r"(?:[ \t\u00a0\u2009\u202f]{1,2}|[ \t]?[-‐‑–./_·][ \t]?|(?<=\))|[ \t]?(?=\())"
_EXT = r"(?:[ \t]?(?:x|ext\.?|extn\.?|ext\s?no\.?|#)[ \t]?\d{1,6})?"
_CAND = regex.compile(
    rf"(?<![\p{{Latin}}\p{{Greek}}\p{{Cyrillic}}\p{{N}}+_$€£¥#@/=?&%])(?<![\p{{N}}][.,:/\-–])(?<![\p{{L}}][-.])"
    rf"(?P<num>(?P<plus>\+[ \t]?|00(?=[1-9]))?{_GROUP}(?:{_SEP}{_GROUP}){{0,14}}){_EXT}"
    rf"(?![\p{{N}}]|[.,:][\p{{N}}]|[\p{{Latin}}&&[^xX]]|[-–/][\p{{N}}])",
    regex.V1,
)
_PREFILTER = regex.compile(r"\d(?:[^\d\n]{0,3}\d){5}")
_DIGIT_ONLY = regex.compile(r"\d")

# Spelled-out digits: en, es, de, fr, it. "oh" and "o" read as zero only inside a run.
_DIGIT_WORDS: dict[str, str] = {}
for _d, _ws in enumerate((
    "zero oh o cero null zéro zero",
    "one uno eins un une",
    "two dos zwei zwo deux due",
    "three tres drei trois tre",
    "four cuatro vier quatre quattro",
    "five cinco fünf fuenf cinq cinque",
    "six seis sechs six sei",
    "seven siete sieben sept sette",
    "eight ocho acht huit otto",
    "nine nueve neun neuf nove",
)):
    for _w in _ws.split():
        _DIGIT_WORDS[_w] = str(_d)
# A text needs a few distinct digit words before the token walk runs (a set intersection: C speed).
_SPELLED_KEYS = frozenset(
    w + p for w in _DIGIT_WORDS if w not in ("o", "oh") for p in ("", ",", ".", "-", ";")
)
_REPEAT_WORDS: dict[str, int] = {"double": 2, "triple": 3, "doppel": 2, "doble": 2, "doppio": 2, "triplo": 3,
                                  "dreifach": 3, "triple,": 3}
_TOKEN = regex.compile(r"\p{L}+|\d+", regex.V1)
_GAP = regex.compile(r"[ \t,.\-_/]{0,3}")

# Cues, read in the norm (case-folded) view.
_PHONE_CUE_BEFORE = regex.compile(
    r"(?:\b(?:phone|tel|tél|telephone|téléphone|teléfono|telefono|telefon|telefonnummer|call|calls|called|calling|"
    r"ring|text|txt|sms|whatsapp|mobile|mobil|cell|cellphone|fax|number|numero|número|numéro|nummer|handy|"
    r"handynummer|rufnummer|anrufen|ruf|móvil|movil|celular|llamar|llama|llámame|llamame|appeler|appelez|appelle|"
    r"portable|chiamare|chiamate|chiamami|cellulare|contact|contacted|contattare|kontakt|reach|reached|dial|dialed|"
    r"dialled|hotline|helpline|answering|messages|registered|landline|custcare)\b|\b(?:office|desk|home|work|ph|mob|tfn)\s?:|電話|tel)"
    r"[^\p{L}\p{N}]{0,6}(?:(?:me|us|him|her|them|you|on|at|is|es|ist|est|è|au|al|unter|to|number|nummer|numéro|"
    r"número|numero|mich|uns|an|bei|moi|nous|mi|nos|ci|allo|al|le|la|el|il|der|die|my|our|his|their)"
    r"[^\p{L}\p{N}]{0,4}){0,4}$",
    regex.V1,
)
_PHONE_CUE_AFTER = regex.compile(
    r"^[^\p{L}\p{N}\n]{0,4}(?:office|fax|mobile|cell|home|work|tel|phone|desk|handy|portable|まで)\b",
    regex.V1,
)
# A looser cue anywhere in the window before a number that phonenumbers accepted ("Call us FREE on 0800...").
_PHONE_WORD_NEAR = regex.compile(
    r"\b(?:call|phone|tel|text|txt|ring|dial|mobile|cell|landline|fax|whatsapp|contact|custcare|hotline|helpline|"
    r"number|telefon|handy|téléphone|teléfono|telefono|llam|appel|chiam|anruf)\w{0,8}|電話",
    regex.V1,
)
_PUBLIC_CUE = regex.compile(
    r"customer\s(?:service|support|care|care line)|support\s(?:line|number|team|hotline)|\bsupport\b|help\s?line|"
    r"hotline|toll[\s-]?free|free\s?phone|freephone|service\s(?:line|number|desk|center|centre)|manufacturer|"
    r"\bcompany\b|\bbrand\b|\bamazon\b|\bapple\b|\bmicrosoft\b|\bsamsung\b|tech\s?support|technical\ssupport|"
    r"kundenservice|kundendienst|service[\s-]?hotline|service\sclient|service\sclientèle|servicio\sal\scliente|"
    r"atención\sal\scliente|assistenza(?:\sclienti)?|servizio\sclienti|\bsav\b|warranty|garantie|garantía|garanzia",
    regex.V1,
)
# Words right before a number that make it something other than a phone number.
_NOT_PHONE_BEFORE = regex.compile(
    r"(?:\b(?:isbn(?:-1[03])?|issn|asin|sku|upc|ean|gtin|model|modell|modèle|modelo|modello|part|pn|p/n|item|art|"
    r"article|artikel|serial|s/n|sn|order|orders|bestellung|bestellnummer|commande|pedido|ordine|invoice|rechnung|"
    r"facture|factura|fattura|tracking|sendungsnummer|suivi|seguimiento|ticket|case|reference|ref|version|ver|v|"
    r"build|firmware|rev|patent|lot|batch|code|pin|account|acct|iban|card|ssn|zip|postcode|plz|cp|cap|page|pages|"
    r"pp|p|vol|chapter|isbn13|isbn10|id|kb|license|licence|driver's license|passport|dl|social security|tax|vat|"
    r"nif|steuernummer|ausweis|permis|pasaporte|dni|nie|patente|codice fiscale)\b[^\p{L}\p{N}]{0,4}(?:(?:number|nummer|no|nr|num|#|is|was|of)"
    r"[^\p{L}\p{N}]{0,3}){0,2}|[$€£¥₹]\s?|\bv(?=\d))$",
    regex.V1,
)
_NOT_PHONE_AFTER = regex.compile(
    r"^\s?(?:%|°|[$€£¥₹]|\"|''|′|″|x\s?\d|(?:mm|cm|m|km|in|inch|inches|ft|feet|yd|yards|mi|miles|kg|g|lb|lbs|pounds|"
    r"oz|ml|l|gb|mb|tb|kb|mah|mhz|ghz|hz|w|kw|v|volts|a|amp|amps|rpm|dpi|px|pixels|fps|bpm|k|p|dollars|euros|"
    r"euro|usd|eur|gbp|pages|words|times|years|year|hours|hrs|minutes|mins|seconds|secs|days|weeks|months|stars|"
    r"reviews|people|units|pieces|pcs|items|copies|sold|calories|kcal|steps|jahre|stunden|tage|seiten|stück|"
    r"euros?|ans|heures|jours|años|horas|días|anni|ore|giorni|views|subscribers|subs|likes|followers|downloads|"
    r"visits|hits|plays|streams|votes|visualizzazioni|vues|aufrufe|visitas)\b)",
    regex.V1,
)
_DATE = regex.compile(
    r"^(?:\d{1,2}([./\-_])\d{1,2}\1(?:\d{2}|\d{4})|\d{4}([./\-_])\d{1,2}\2\d{1,2}|\d{1,2}[./-]\d{4}|"
    r"\d{4}[./-]\d{1,2})$"
)
_THOUSANDS = regex.compile(r"^\d{1,3}(?:([.,'’])\d{3})(?:\1\d{3})+$")
_ZIP4 = regex.compile(r"^\d{5}-\d{4}$")
_NO_CUE_BAD = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|[.,][ \t]|/")
_IP = regex.compile(r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")
_SSN = regex.compile(r"^\d{3}-\d{2}-\d{4}$")
_YEARS = regex.compile(r"^(?:19|20)\d\d\s?[-–/ ]\s?(?:(?:19|20)\d\d|\d\d)$")
_SEP_SPLIT = regex.compile(r"[^\dOo]+")
_ADDRESS_AFTER = regex.compile(
    r"[ \t]+(?:\p{Lu}\p{Ll}|(?:rue|via|calle|avenue|av|chemin|place|boulevard|bd|viale|piazza|corso|plaza|paseo)\b)",
    regex.V1,
)
_NANP = regex.compile(r"^(?:\+?1[ .\-]?)?\(?[2-9]\d\d\)?[ .\-]?\d{3}[ .\-]\d{4}$")
_O_DIGIT = str.maketrans({"O": "0", "o": "0"})


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


class PhoneExtractor:
    """Built once (per engine or per caller); ``find`` is a pure function of the text and the region.

    ``settings`` may set ``options={"R-PII": {"phone_fallback": False}}`` to turn the cue-based region-free
    fallback off (only numbers phonenumbers accepts are then reported).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.fallback = True
        if settings is not None:
            self.fallback = bool(settings.option("R-PII", "phone_fallback", True))

    def find(
        self,
        field: PreparedText,
        region: str | None = "US",
        timeout: float | None = None,
        language: str | None = None,
    ) -> list[PhoneMatch]:
        """Phone numbers in ``field`` (offsets in its ``text`` view). ``region`` is an ISO 3166 code (use
        :func:`reviewrules.settings.region_for` for a marketplace); ``language`` adds the national format of the
        review's language as a second reading."""
        text = field.text
        out: list[PhoneMatch] = []
        norm: str | None = None
        # The pre-filter needs six digits: ASCII text with fewer is dismissed without a regex scan.
        few = text.isascii() and sum(map(text.count, "0123456789")) < 6
        if not few and _PREFILTER.search(text, timeout=timeout) is not None:
            norm = field.norm
            for m in _CAND.finditer(text, timeout=timeout):
                found = self._check(text, norm, m, region, language, timeout)
                if found is not None:
                    out.append(found)
        norm = norm if norm is not None else field.norm
        keys = _SPELLED_KEYS.intersection(norm.split())
        if len(keys) >= 2:
            for start, end, digits, words in self._spelled_runs(text, norm, keys, timeout):
                if any(p.start < end and start < p.end for p in out):
                    continue
                found = self._check_spelled(text, norm, start, end, digits, words, region, language, timeout)
                if found is not None:
                    out.append(found)
            out.sort(key=lambda p: p.start)
        return out

    # -- helpers -------------------------------------------------------------------------------------------------

    def _check(
        self,
        text: str,
        norm: str,
        m: regex.Match[str],
        region: str | None,
        language: str | None,
        timeout: float | None,
    ) -> PhoneMatch | None:
        raw = m.group("num")
        start = m.start()
        full_end = m.end()
        spelled = "o" in raw or "O" in raw
        digits = "".join(_DIGIT_ONLY.findall(raw.translate(_O_DIGIT) if spelled else raw))
        n = len(digits)
        intl = m.group("plus") is not None
        if n < 6 or n > 15:
            return None
        groups = [g for g in _SEP_SPLIT.split(raw) if g]
        # Letter O only inside a digit group that also has real digits, and the number must not be a word.
        if spelled and any(g.strip("0123456789") and not any(c.isdigit() for c in g) for g in groups):
            return None
        stripped = raw.strip()
        if len(groups) > 1 and not intl:
            if _DATE.match(stripped) or _YEARS.match(stripped) or _SSN.match(stripped):
                return None
            if _IP.match(stripped) and all(int(g) <= 255 for g in groups):
                return None
            if "." in stripped and all(len(g) <= 2 for g in groups[1:]) and len(groups[0]) <= 2 and n < 8:
                return None  # 1.2.3.4 version-like
            if _THOUSANDS.match(stripped) and not _PHONE_CUE_BEFORE.search(norm[max(0, start - 48):start]):
                return None  # 2.124.821.694 views: digit grouping, not a phone number
        if not intl and n >= 13 and _luhn(digits):
            return None  # payment card, not a phone
        if not intl and n == 13 and digits.startswith(("978", "979")):
            return None  # ISBN-13
        before = norm[max(0, start - 40):start]
        after = norm[full_end:full_end + 24]
        if _NOT_PHONE_BEFORE.search(before, timeout=timeout) or _NOT_PHONE_AFTER.match(after, timeout=timeout):
            return None
        if not intl and len(groups) <= 2 and max(map(len, groups)) <= 5 and _ADDRESS_AFTER.match(text, full_end, timeout=timeout) \
                and not _PHONE_CUE_AFTER.match(after, timeout=timeout):
            return None  # a house number: "at 2450 Crown St"
        return self._classify(text, norm, start, full_end, digits, raw.translate(_O_DIGIT) if spelled else raw,
                              intl, spelled, region, language, n, groups, timeout)

    def _classify(
        self,
        text: str,
        norm: str,
        start: int,
        end: int,
        digits: str,
        raw: str,
        intl: bool,
        spelled: bool,
        region: str | None,
        language: str | None,
        n: int,
        groups: list[str],
        timeout: float | None,
    ) -> PhoneMatch | None:
        import phonenumbers  # imported on first candidate: `import reviewrules` stays cheap
        from phonenumbers import PhoneNumberType

        parsed: phonenumbers.PhoneNumber | None = None
        used: str | None = None
        candidate = raw.replace("_", "-").replace("·", "-")
        if intl and candidate.lstrip().startswith("00"):
            candidate = "+" + candidate.lstrip()[2:]
        regions: list[str | None] = [None] if intl else []
        if not intl:
            if region:
                regions.append(region)
            lang_region = LANGUAGE_REGIONS.get(language or "")
            if lang_region and lang_region != region:
                regions.append(lang_region)
        for reg in regions:
            try:
                pn = phonenumbers.parse(candidate, reg)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(pn):
                parsed, used = pn, reg
                break
        before = norm[max(0, start - 48):start]
        after = norm[end:end + 16]
        cue = bool(_PHONE_CUE_BEFORE.search(before, timeout=timeout)) or bool(
            _PHONE_CUE_AFTER.match(after, timeout=timeout)
        )
        if parsed is None:
            if not self.fallback:
                return None
            nanp = _NANP.match(raw.strip()) is not None
            if not (cue and (n >= 7 or len(groups) >= 3 or (len(groups) >= 2 and "(" in raw)))\
                    and not (nanp and n == 10) and not (intl and n >= 9) and not spelled:
                return None
            if spelled and not cue and n < 9:
                return None
            if n < 7 and not cue:
                return None
            if len(groups) == 1 and not cue and not intl and not spelled:
                return None
            if "/" in raw or ("_" in raw and not spelled):
                return None  # "2013/365": a cue-only reading needs phone-like separators
        elif len(groups) == 1 and not intl and not cue and not spelled:
            # A bare run of digits with no separators and no cue is more often an id than a phone number.
            cue = _PHONE_WORD_NEAR.search(before, timeout=timeout) is not None
            if not cue:
                return None
        elif not cue and not intl and not spelled and (
            n < 9 or _ZIP4.match(raw.strip()) or _NO_CUE_BAD.search(raw) is not None
        ):
            # Flexible national plans (Germany's above all) accept many short digit groups: without a cue, a number
            # must have phone length and no year, sentence break or slash in it ("360 2013", "2011. 2011").
            return None
        public = False
        if parsed is not None:
            t = phonenumbers.number_type(parsed)
            public = t in (PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE,
                           PhoneNumberType.UAN)
        if not public:
            ctx = norm[max(0, start - 120):min(len(norm), end + 60)]
            public = _PUBLIC_CUE.search(ctx, timeout=timeout) is not None
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) if parsed else None
        return PhoneMatch(start, end, digits, e164, parsed is None, public, spelled, used)

    @staticmethod
    def _spelled_runs(
        text: str, norm: str, keys: set[str] | frozenset[str], timeout: float | None
    ) -> list[tuple[int, int, str, list[str]]]:
        """Runs of digit words and digits separated by at most a few spaces or punctuation marks, read only in
        windows where digit words cluster (a token walk over a whole long text is costly)."""
        positions: list[int] = []
        for k in keys:
            k = k.rstrip(",.-;")
            i = norm.find(k)
            while i >= 0 and len(positions) < 200:
                positions.append(i)
                i = norm.find(k, i + 1)
        positions.sort()
        windows: list[tuple[int, int]] = []
        i = 0
        while i + 2 < len(positions):
            j = i
            while j + 1 < len(positions) and positions[j + 1] - positions[j] <= 24:
                j += 1
            if j - i >= 2:
                windows.append((max(0, positions[i] - 40), min(len(text), positions[j] + 60)))
            i = j + 1
        runs: list[tuple[int, int, str, list[str]]] = []
        for ws, we in windows:
            if runs and ws < runs[-1][1]:
                ws = runs[-1][1]
            runs.extend(PhoneExtractor._walk(text, ws, we, timeout))
        return runs

    @staticmethod
    def _walk(text: str, ws: int, we: int, timeout: float | None) -> list[tuple[int, int, str, list[str]]]:
        runs: list[tuple[int, int, str, list[str]]] = []
        start = end = -1
        mult = 1
        digits: list[str] = []
        words: list[str] = []

        def close() -> None:
            if start >= 0 and sum(map(len, digits)) >= 7:
                runs.append((start, end, "".join(digits), list(words)))

        for m in _TOKEN.finditer(text, ws, we, timeout=timeout):
            tok = m.group(0)
            low = tok.lower()
            d = tok if tok.isdigit() and len(tok) <= 4 else _DIGIT_WORDS.get(low)
            times = _REPEAT_WORDS.get(low)
            if d is None and times is None:
                close()
                start, digits, words, mult = -1, [], [], 1
                continue
            if start >= 0 and _GAP.fullmatch(text, end, m.start()) is None:
                close()
                start, digits, words, mult = -1, [], [], 1
            if times is not None:  # "double five", "doppio sette"
                if start < 0:
                    start = m.start()
                mult = times
                end = m.end()
                words.append(low)
                continue
            if start < 0:
                start = m.start()
            end = m.end()
            digits.append(str(d) * mult)
            mult = 1
            if not tok.isdigit():
                words.append(low)
        close()
        return runs

    def _check_spelled(
        self,
        text: str,
        norm: str,
        start: int,
        end: int,
        digits_list: str,
        words: list[str],
        region: str | None,
        language: str | None,
        timeout: float | None,
    ) -> PhoneMatch | None:
        if len(words) < 3:
            return None
        # "o"/"oh" read as zero only next to other digit words; a run must not be mostly them.
        if sum(1 for w in words if w in ("o", "oh")) * 2 > len(words):
            return None
        digits = digits_list
        if digits in "01234567890" or digits in "9876543210":
            return None  # counting, not a number
        n = len(digits)
        if n < 7 or n > 15:
            return None
        return self._classify(text, norm, start, end, digits, digits, False, True, region, language, n, [digits],
                              timeout)
