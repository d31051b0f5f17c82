"""Find links in prepared text: with and without scheme, defanged spellings, shorteners; classify Amazon links.

Domains are anchored on a bundled list of top-level domains (never the network). False alarms that plague URL
extractors are handled here: file names (``PAYMENT.zip``), version numbers (``v1.10``), sentence joins without a
space (``end.Next``) and capitalised brand names (``Mint.com``, reported as a weak candidate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import regex

from ..lexicon import data_lines
from ..text import PreparedText

__all__ = ["AMAZON_SHORT", "LinkExtractor", "LinkMatch", "is_amazon_host"]


@lru_cache(maxsize=1)
def _tlds() -> frozenset[str]:
    return frozenset(data_lines("tlds.txt"))


SHORTENERS = frozenset(
    ["bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "t.ly", "rb.gy", "s.id", "bl.ink", "lnkd.in", "trib.al", "shorte.st", "adf.ly", "v.gd", "qr.ae", "tr.im"]
)
AMAZON_SHORT = frozenset({"amzn.to", "a.co", "amzn.eu", "amzn.asia"})
_AMAZON_HOST = regex.compile(
    r"^(?:[\w-]+\.)*(?:amazon\.(?:com|ca|de|fr|it|es|nl|se|pl|in|ae|sa|eg|sg|ie|co\.uk|co\.jp|com\.mx|com\.br|"
    r"com\.au|com\.tr|com\.be|cn)|amzn\.com|media-amazon\.com|ssl-images-amazon\.com|amazon\.jobs)$"
)
AFFILIATE_PARAMS = frozenset({"tag", "linkcode", "ascsubtag", "linkid", "camp", "creative", "creativeasin", "aff", "affid", "affiliate", "ref_src"})
# File extensions that are also TLDs; a bare "name.ext" with one of these is a file name, not a link.
FILEISH = frozenset(["zip", "mov", "app", "exe", "py", "sh", "pl", "rs", "md", "pdf", "doc", "docx", "jpg", "png", "gif", "mp3", "mp4", "csv", "txt", "dat", "bin", "iso", "dmg", "apk", "js", "ts", "go"])


def is_amazon_host(host: str) -> bool:
    return bool(_AMAZON_HOST.match(host.lower().rstrip(".")))


@dataclass(frozen=True, slots=True)
class LinkMatch:
    """A link candidate in ``text`` coordinates of a prepared field."""

    start: int
    end: int
    url: str
    host: str
    has_scheme: bool
    defanged: bool
    kind: str  # external | amazon | amazon_tagged | amazon_short | shortener
    weak: bool  # a bare capitalised name such as "Mint.com": at most a hold
    tags: tuple[str, ...] = ()
    bare: bool = False  # no scheme, no "www.", no path, no bracket defanging: "irs.gov" named in passing


_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?"
_PATH = r"(?:[/?#][^\s<>\"'\]\)]{0,2000})?"
_URL = regex.compile(
    rf"""
    (?P<scheme>\b(?:https?|hxxps?|h\*\*ps?|ftp)(?::|\[:\])//)(?P<shost>[^\s/?#<>"']{{1,253}}){_PATH}
    | (?<![\w@.\-/*])(?P<host>(?:{_LABEL}(?:\.|\[\.\]|\(\.\)|\{{\.\}}|\[dot\]|\(dot\)))+(?P<tld>\p{{L}}{{2,24}}|xn--[a-z0-9-]{{1,59}}))(?![\w@-]|\.\w){_PATH}
    """,
    regex.V1 | regex.IGNORECASE | regex.VERBOSE,
)
_SPELLED = regex.compile(
    r"(?<![\w.])(?P<label>[a-z0-9][a-z0-9-]{1,62})(?:[ \t]?(?:\[|\()?[ \t]?dot[ \t]?(?:\]|\))?[ \t]?|(?P<spaced>[ \t]\.[ \t]))"
    r"(?P<tld>com|net|org|co\.uk|de|fr|it|es|io|shop|store|info|biz|us)\b(?P<path>/[^\s<>\"'\]\)]{1,2000})?",
    regex.V1 | regex.IGNORECASE,
)
_SPELLED_STOP = frozenset(["the", "a", "an", "old", "new", "this", "that", "my", "your", "our", "their", "one", "no", "any"])
# Top-level domains that are also common words or abbreviations ("salad.so", "read.me", "expires.it",
# "home.works"): a bare two-label name ending in any TLD outside this list is taken for a sentence join without a
# space, unless the review's language is the country's (an Italian review may well name "negozio.it").
BARE_OK = frozenset(
    ["com", "net", "org", "gov", "edu", "mil", "io", "co", "tv", "info", "biz", "uk", "ca", "au", "eu", "ru", "cn",
     "jp", "nl", "ch", "pl", "br", "mx", "shop", "store", "online", "site", "xyz", "ly", "gg", "ai", "app", "dev"]
)
_LANG_CC = {"de": frozenset({"de", "at"}), "fr": frozenset({"fr", "be"}), "es": frozenset({"es"}), "it": frozenset({"it"}),
            "en": frozenset({"us"})}
_DEFANG = regex.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", regex.IGNORECASE)
_TRAIL = ".,;:!?)]}'\""


_WS = " \n\t\r\"'<>()[]"
_END = " \n\t\r<>\""
_SCHEMEISH = ("://", "[.]", "(.)", "{.}", "[:]", "[dot]", "(dot)")


class LinkExtractor:
    """Built once per engine; ``find(field)`` is a pure function of the prepared field.

    Speed: most reviews hold no link, so plain string scans first look for an anchor (a full stop between a
    letter or digit and a letter, ``://``, a defanged dot, the word "dot"); the URL pattern then only runs on a
    window around each anchor.
    """

    def __init__(self) -> None:
        self.tlds = _tlds()

    @staticmethod
    def _anchors(text: str) -> list[int]:
        out: list[int] = []
        n = len(text)
        i = text.find(".")
        while i != -1:
            if 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalpha():
                out.append(i)
            i = text.find(".", i + 1)
        for token in _SCHEMEISH:
            j = text.find(token)
            while j != -1:
                out.append(j)
                j = text.find(token, j + 1)
        out.sort()
        return out

    @staticmethod
    def _windows(text: str, anchors: list[int], timeout: float | None) -> list[regex.Match[str]]:
        found: list[regex.Match[str]] = []
        covered = -1
        n = len(text)
        for a in anchors:
            if a < covered:
                continue
            lo = max(0, a - 300)
            ws = max(text.rfind(ch, lo, a) for ch in _WS)
            start = ws + 1 if ws >= 0 else lo
            # A link holds no blank: the window ends at the first blank after the anchor.
            cut = [j for j in (text.find(ch, a) for ch in _END) if j != -1]
            end = min([n, a + 2100, *cut])
            for m in _URL.finditer(text, pos=start, endpos=end, timeout=timeout):
                found.append(m)
                covered = max(covered, m.end())
            covered = max(covered, end, a + 1)  # every anchor inside the window has been scanned
        return found

    def find_shared(
        self, memo: Callable[[str, Any], Any], field: PreparedText, timeout: float | None, lang: str | None
    ) -> list[LinkMatch]:
        """:meth:`find`, computed once per document (``memo`` is ``doc.memo``) and shared by every detector that
        asks the same question (R-LINKS and R-PROMO). Every extractor finds the same links: it holds only the
        bundled list of top-level domains. Callers must not change the returned list."""
        found: list[LinkMatch] = memo(f"links.{field.field}.{lang}", lambda: self.find(field, timeout, lang))
        return found

    def maybe(self, field: PreparedText) -> bool:
        """Cheap check: could ``field`` hold a link at all? (String scans only.)"""
        text = field.text
        return bool(self._anchors(text)) or "dot" in field.norm or " . " in text

    def find(self, field: PreparedText, timeout: float | None = None, lang: str | None = None) -> list[LinkMatch]:
        """Link candidates of ``field``. ``lang`` (the text's language code, optional) lets a bare name such as
        ``negozio.it`` count in Italian text while ``expires.it`` in English text stays a sentence join."""
        text = field.text
        bare_ok = BARE_OK | _LANG_CC.get(lang or "", frozenset())
        out: list[LinkMatch] = []
        anchors = self._anchors(text)
        spelled = "dot" in field.norm or " . " in text
        if not anchors and not spelled:
            return out
        seen: set[tuple[int, int]] = set()
        for m in self._windows(text, anchors, timeout):
            start, end = m.span()
            if (start, end) in seen:
                continue
            seen.add((start, end))
            raw = m.group(0)
            while raw and raw[-1] in _TRAIL:
                raw = raw[:-1]
                end -= 1
            if not raw:
                continue
            has_scheme = m.group("scheme") is not None
            defanged = bool(_DEFANG.search(raw)) or raw.lower().startswith(("hxxp", "h**p")) or "[:]" in raw
            url = _DEFANG.sub(".", raw).replace("[:]", ":")
            url = regex.sub(r"^(?:hxxp|h\*\*p)", "http", url, flags=regex.IGNORECASE)
            url_for_parse = url if has_scheme else "http://" + url
            try:
                parts = urlsplit(url_for_parse)
                host = (parts.hostname or "").lower()
            except ValueError:
                continue
            if not host or "." not in host:
                continue
            tld = host.rsplit(".", 1)[-1]
            if tld not in self.tlds:
                try:
                    if tld.encode("idna").decode() not in self.tlds:
                        continue
                except UnicodeError:
                    continue
            weak = False
            bare = False
            if not has_scheme and not defanged:
                tld_raw = m.group("tld") or ""
                host_raw = m.group("host") or ""
                path = raw[len(host_raw):]
                first = host_raw.split(".")[0]
                labels = host.split(".")
                if len(labels) == 2 and tld in FILEISH and not path:
                    continue  # PAYMENT.zip, setup.py
                if tld_raw[:1].isupper() and not tld_raw.isupper() and first[:1].islower():
                    continue  # "end.Next": a sentence join, not a domain
                if tld_raw == "NET" and len(labels) == 2 and not path:
                    continue  # "ASP.NET", "VB.NET": .NET languages
                if tld_raw.isupper() and not first.isupper():
                    continue  # "ASP.NET"-like product names
                if any(lbl.isdigit() for lbl in labels[:-1]) and len(labels) <= 3 and not path:
                    continue  # "1.5x", version-ish
                if len(tld_raw) > 1 and tld_raw[:1].isupper() and tld_raw[1:].islower() and not path:
                    continue  # "Oreos.You", "Thermostat.My": a sentence join after a name
                if len(path) <= 1 and not host.startswith("www."):
                    if len(labels) == 2 and tld not in bare_ok:
                        continue  # "salad.so", "read.me", "computer.lol"
                    bare = True
                    if first[:1].isupper() and len(labels) == 2:
                        weak = True  # "Mint.com" written as a name
            kind = "external"
            tags: tuple[str, ...] = ()
            if is_amazon_host(host):
                try:
                    params = [k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
                except ValueError:
                    params = []
                tags = tuple(sorted({p for p in params if p in AFFILIATE_PARAMS or p.startswith("utm_")}))
                kind = "amazon_tagged" if tags else "amazon"
            elif host in AMAZON_SHORT:
                kind = "amazon_short"
            elif host in SHORTENERS:
                kind = "shortener"
            out.append(LinkMatch(start, end, url, host, has_scheme, defanged, kind, weak, tags, bare))
        for m in _SPELLED.finditer(text, timeout=timeout) if spelled else ():
            label = m.group("label").lower()
            if label in _SPELLED_STOP:
                continue
            if m.group("spaced") and m.group("tld") not in ("com", "net", "org"):
                continue  # "examples . It": a spaced full stop, not "mystore . com"
            if any(o.start <= m.start() < o.end for o in out):
                continue
            host = f"{label}.{m.group('tld').lower()}"
            kind = "amazon" if is_amazon_host(host) else "external"
            path = m.group("path") or ""
            end = m.end()
            while path and path[-1] in _TRAIL:
                path = path[:-1]
                end -= 1
            out.append(LinkMatch(m.start(), end, host + path, host, False, True, kind, False, (), len(path) <= 1))
        out.sort(key=lambda x: x.start)
        return out
