"""Find email addresses: a cheap ``@`` pre-filter, a bounded pattern, then email-validator (syntax only, never the
network)."""

from __future__ import annotations

from dataclasses import dataclass

import regex
from email_validator import EmailNotValidError, validate_email

from ..text import PreparedText

__all__ = ["EmailExtractor", "EmailMatch"]


@dataclass(frozen=True, slots=True)
class EmailMatch:
    start: int  # in the field's ``text`` view
    end: int
    address: str
    obfuscated: bool


_AT_PLAIN = r"(?:@|＠)"
_AT = r"(?:@|＠|\s?[\(\[\{<]\s?at\s?[\)\]\}>]\s?|\s(?:at)\s)"
_DOT = r"(?:\.|\s?[\(\[\{<]\s?dot\s?[\)\]\}>]\s?|\s(?:dot)\s)"
_EMAIL = regex.compile(
    rf"(?<![\w.+-])(?P<local>[\w.+-]{{1,64}}){_AT}(?P<domain>[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{1,6}})(?![\w-])",
    regex.V1 | regex.IGNORECASE,
)
_PLAIN = regex.compile(
    rf"(?<![\w.+-])(?P<local>[\w.+-]{{1,64}}){_AT_PLAIN}(?P<domain>[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{1,6}})(?![\w-])",
    regex.V1 | regex.IGNORECASE,
)
_CLEAN_AT = regex.compile(r"\s?[\(\[\{<]\s?at\s?[\)\]\}>]\s?|\sat\s|＠", regex.IGNORECASE)
_CLEAN_DOT = regex.compile(r"\s?[\(\[\{<]\s?dot\s?[\)\]\}>]\s?|\sdot\s", regex.IGNORECASE)


class EmailExtractor:
    def find(self, field: PreparedText, timeout: float | None = None) -> list[EmailMatch]:
        text = field.text
        low = text.lower()
        if "@" not in text and "＠" not in text and " at " not in low and "at)" not in low and "at]" not in low:
            return []
        out: list[EmailMatch] = []
        taken: list[tuple[int, int]] = []
        for pattern in (_PLAIN, _EMAIL):
            for m in pattern.finditer(text, timeout=timeout, overlapped=False):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                found = self._check(m)
                if found is not None:
                    out.append(found)
                    taken.append((found.start, found.end))
        out.sort(key=lambda e: e.start)
        return out

    def _check(self, m: regex.Match[str]) -> EmailMatch | None:
        raw = m.group(0).rstrip(".")
        obfuscated = "@" not in raw
        addr = _CLEAN_DOT.sub(".", _CLEAN_AT.sub("@", raw)).replace(" ", "")
        if obfuscated and m.group("local").lower() in {"me", "us", "you", "it", "them", "him", "her"}:
            return None
        try:
            validate_email(addr, check_deliverability=False)
        except EmailNotValidError:
            return None
        return EmailMatch(m.start(), m.start() + len(raw), addr, obfuscated)
