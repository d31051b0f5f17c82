"""Find email addresses: a cheap ``@``/``at`` pre-filter, a bounded pattern, then email-validator (syntax only, never
the network).

Obfuscated spellings are read: ``john (at) gmail [dot] com``, ``j o h n (at) gmail [dot] com``, ``john＠gmail．com``
(full-width signs become plain in the ``text`` view). A bare `` at `` is only an ``@`` when the dot is disguised
too (``john at gmail dot com``) or the domain is a webmail provider (``john at gmail.com``): "the price at
Amazon.com" and "reached the top shelf at 5'2"" are English, not addresses.

``public`` marks a business's address: a role mailbox (``support@``, ``info@``, ``ereturns@``) or a company domain
without a personal cue ("email me at"); webmail addresses and disguised addresses are a person's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..lexicon import data_lines
from ..text import PreparedText
from ._intervals import Taken

__all__ = ["ROLE_LOCAL_PARTS", "WEBMAIL_DOMAINS", "EmailExtractor", "EmailMatch"]


@dataclass(frozen=True, slots=True)
class EmailMatch:
    start: int  # in the field's ``text`` view
    end: int
    address: str
    obfuscated: bool
    public: bool = False  # a business's address (role mailbox or company domain without a personal cue)


# The ``text`` view is NFKC-normalized, so a full-width "＠" arrives as "@". No IGNORECASE: with full case
# folding it makes these patterns ~15x slower; the few letters that may be capitals are spelled as classes.
_AT_PLAIN = r"@"
_AT_BRACKET = r"\s?[\(\[\{<]\s?(?:[aA][tT]|@)\s?[\)\]\}>]\s?"
_AT = rf"(?:[ \t]{{1,2}}@[ \t]{{0,2}}|@[ \t]{{0,2}}|{_AT_BRACKET}|\s(?:[aA][tT])\s)"
_DOT_DISGUISED = r"\s?[\(\[\{<]\s?(?:[dD][oO][tT]|\.)\s?[\)\]\}>]\s?|\s(?:[dD][oO][tT])\s"
_DOT = rf"(?:\.|[ \t]{{1,2}}\.[ \t]{{1,2}}|{_DOT_DISGUISED})"
# A local part: an ordinary one, or single characters separated by single spaces ("j o h n").
_LOCAL = r"(?P<local>(?:(?<!(?<!\w)\w )[\w+-](?: [\w+-]){2,40}|[\w.+-]{1,64}))"
_EMAIL = regex.compile(
    rf"(?<![\w.+-]){_LOCAL}{_AT}(?P<domain>[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{1,6}})(?![\w-])",
    regex.V1,
)
_PLAIN = regex.compile(
    rf"(?<![\w.+-])(?P<local>[\w.+-]{{1,64}}){_AT_PLAIN}(?P<domain>[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{1,6}})(?![\w-])",
    regex.V1,
)
# Where a disguised "@" may be: a bracketed at, or a bare " at " followed by a domain-like word and a dot.
_ANCHOR = regex.compile(
    rf"[\(\[\{{<]\s?(?:[aA][tT]|@)\s?[\)\]\}}>]|(?<=\s)[aA][tT]\s[\w-]{{1,63}}(?:{_DOT_DISGUISED}|\.\w)",
    regex.V1,
)
_CLEAN_AT = regex.compile(rf"{_AT_BRACKET}|\sat\s|＠", regex.IGNORECASE)
_CLEAN_DOT = regex.compile(_DOT_DISGUISED, regex.IGNORECASE)
_HAS_DISGUISED_DOT = regex.compile(_DOT_DISGUISED, regex.IGNORECASE)
_HAS_BRACKET_AT = regex.compile(_AT_BRACKET, regex.IGNORECASE)



def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Local parts that name a business role rather than a person.
ROLE_LOCAL_PARTS = _words(
    "support info service services help helpdesk sales contact contactus customerservice customercare care hello "
    "admin orders order returns return ereturns team office enquiries enquiry inquiries feedback noreply no-reply "
    "cs sav kundenservice kundendienst servicio atencion assistenza clienti ventas shop store billing press "
    "marketing warranty service-client serviceclient kontakt"
)
_ROLE_WORDS = ("support", "service", "return", "order", "sales", "help", "info", "care", "billing", "warranty")
#: Second-level labels of webmail and ISP mail providers: an address there is a person's.
WEBMAIL_DOMAINS = _words(
    "gmail googlemail yahoo ymail rocketmail hotmail outlook live msn aol icloud me mac gmx web t-online freenet "
    "mail protonmail proton pm zoho yandex orange free wanadoo laposte sfr neuf libero virgilio tiscali alice tin "
    "comcast verizon att sbcglobal roadrunner rr earthlink cox charter bellsouth juno netzero btinternet sky "
    "talktalk virginmedia ntlworld blueyonder telefonica movistar terra qq 163 126 naver hushmail fastmail tutanota "
    "arcor posteo"
)
_PERSONAL_CUE = regex.compile(
    r"(?:\b(?:e-?mail|mail|write|contact|reach|message|ping)\s(?:me|us)\b|\bmy\s(?:e-?mail|address|contact)|"
    r"\bi\s(?:am|'m)\sat\b|\bme\sat\b|\bschreib(?:t|en\ssie)?\smir|\bmeine\s(?:e-?mail|adresse)|"
    r"\bmon\s(?:e-?mail|adresse|courriel)|\bmi\s(?:correo|e-?mail|indirizzo))[^.!?\n]{0,20}$",
    regex.V1,
)
_BUSINESS_CUE = regex.compile(
    r"\b(?:customer\s(?:service|support|care)|support|company|manufacturer|brand|seller|vendor|store|shop|"
    r"warranty|returns?|refund|kundenservice|hersteller|service\sclient|fabricant|servicio|fabricante|assistenza|"
    r"produttore)\b",
    regex.V1,
)
_BARE_STOP = frozenset({"me", "us", "you", "it", "them", "him", "her", "here", "there", "price", "prices", "this",
                        "that", "one", "sale", "deal", "store", "look", "looked", "home", "work", "best", "least",
                        "most", "cost", "costs", "bought", "buy", "sold", "available", "found", "find", "go", "went",
                        "offered", "listed", "priced", "cheaper", "cheap", "only", "online", "even", "version", "am", "is",
                        "are", "was", "were", "be", "been", "being", "i", "we", "they", "he", "she", "someone",
                        "everyone", "anyone", "people", "who", "which", "arrived", "stay", "stayed", "live", "lives",
                        "located", "based", "get", "got", "working", "school", "night", "once", "all"})


@lru_cache(maxsize=1)
def _tlds() -> frozenset[str]:
    """Top-level domains (bundled list): "octacore@1.2ghz" is not an address."""
    return frozenset(t.lower() for t in data_lines("tlds.txt"))


def _positions(text: str, ch: str) -> list[int]:
    out: list[int] = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _merge(spans: Iterable[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Clamp and merge overlapping windows (input in ascending start order)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(0, s), min(n, e)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class EmailExtractor:
    """Built once; ``find(field, timeout)`` is a pure function of the prepared field."""

    def find(self, field: PreparedText, timeout: float | None = None) -> list[EmailMatch]:
        text = field.text
        has_at = "@" in text or "＠" in text
        if not has_at:
            low = field.norm
            if " at " not in low and "at)" not in low and "at]" not in low and "at}" not in low and "at>" not in low:
                return []
        out: list[EmailMatch] = []
        taken = Taken()
        n = len(text)
        if has_at:
            # Scan windows around each "@" only (merged, so every character is read once): the local-part pattern
            # is costly over a whole long text.
            for ws, we in _merge(((i - 70, i + 260) for i in _positions(text, "@")), n):
                self._scan(field, _PLAIN, ws, we, out, taken, timeout)
                self._scan(field, _EMAIL, ws, we, out, taken, timeout)  # "john @ gmail . com"
        # Disguised "at": scan only windows around the anchors, never the whole text.
        anchors = ((a.start() - 100, a.end() + 260) for a in _ANCHOR.finditer(text, timeout=timeout))
        for ws, we in _merge(anchors, n):
            self._scan(field, _EMAIL, ws, we, out, taken, timeout)
        out.sort(key=lambda e: e.start)
        return out

    def _scan(
        self,
        field: PreparedText,
        pattern: regex.Pattern[str],
        pos: int,
        endpos: int,
        out: list[EmailMatch],
        taken: Taken,
        timeout: float | None,
    ) -> None:
        for m in pattern.finditer(field.text, pos, endpos, timeout=timeout, overlapped=False):
            if taken.overlaps(m.start(), m.end()):
                continue
            found = self._check(field, m, timeout)
            if found is not None:
                out.append(found)
                taken.add(found.start, found.end)

    def _check(self, field: PreparedText, m: regex.Match[str], timeout: float | None) -> EmailMatch | None:
        raw = m.group(0).rstrip(".")
        spaced = " @" in raw or "@ " in raw or " ." in raw
        obfuscated = "@" not in raw or spaced
        local_raw = m.group("local")
        local_clean = local_raw.replace(" ", "")
        domain_raw = m.group("domain")
        if obfuscated and local_clean.lower() in _BARE_STOP:
            return None
        if "@" not in raw:
            bracket_at = _HAS_BRACKET_AT.search(raw) is not None
            dot_disguised = _HAS_DISGUISED_DOT.search(domain_raw) is not None
            sld = domain_raw.split(".")[0].strip().lower() if "." in domain_raw else ""
            if not bracket_at and not dot_disguised and sld not in WEBMAIL_DOMAINS:
                return None  # "the price at Amazon.com": English, not an address
            if " " in local_raw and not (bracket_at or dot_disguised):
                return None
        addr = _CLEAN_DOT.sub(".", _CLEAN_AT.sub("@", raw)).replace(" ", "")
        from email_validator import (  # lazy: `import reviewrules` stays cheap
            EmailNotValidError,
            validate_email,
        )

        try:
            validate_email(addr, check_deliverability=False)
        except EmailNotValidError:
            return None
        local, _, domain = addr.rpartition("@")
        tld = domain.rsplit(".", 1)[-1].lower()
        if tld not in _tlds():
            try:
                if tld.encode("idna").decode() not in _tlds():
                    return None
            except UnicodeError:
                return None
        local_l = local.lower()
        labels = domain.lower().split(".")
        sld = labels[-2] if len(labels) >= 2 else labels[0]
        if labels[-2:] in (["co", "uk"], ["com", "au"], ["co", "jp"]) and len(labels) >= 3:
            sld = labels[-3]
        role = local_l in ROLE_LOCAL_PARTS or local_l.split(".")[0].split("-")[0] in ROLE_LOCAL_PARTS or any(
            w in local_l for w in _ROLE_WORDS
        )
        if role:
            public = True
        elif obfuscated or sld in WEBMAIL_DOMAINS:
            public = False
        else:
            norm = field.norm
            before = norm[max(0, m.start() - 40):m.start()]
            personal = _PERSONAL_CUE.search(before, timeout=timeout) is not None
            ctx = norm[max(0, m.start() - 120):m.start() + len(raw) + 60]
            public = not personal or _BUSINESS_CUE.search(ctx, timeout=timeout) is not None
        return EmailMatch(m.start(), m.start() + len(raw), addr, obfuscated, public)
