"""R-SPAM: repetitive text, keyboard-mash gibberish, symbols only, ASCII art."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from typing import ClassVar

import regex

from ..models import Tier
from ..settings import Settings
from ..text import PreparedText
from ._patterns import quick_words
from ._patterns import text_lines as _lines
from .base import Document, Hit, Subject

_RULE = "R-SPAM"
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_WORD = regex.compile(r"\w+")
# Emoji and star symbols (with skin tones, variation selectors and blanks between them).
_EMOJI_CHAR = r"[\p{Extended_Pictographic}★☆✩✪✫✬✭✮✯✰]"
_EMOJI_RUN = regex.compile(rf"{_EMOJI_CHAR}(?:[\s\uFE0F\U0001F3FB-\U0001F3FF]{{0,3}}{_EMOJI_CHAR}){{4,400}}")
_EMOJI_ONLY = regex.compile(rf"(?:{_EMOJI_CHAR}|[\s\uFE0F\u200D\U0001F3FB-\U0001F3FF])+")
_EMOTICONS = regex.compile(r"(?:[:;=8xX]-?[()\[\]DPpOo3/|*]+|<3|\^_*\^|\s)+")
_DRAWING = regex.compile(r"[\u2500-\u259F\u2800-\u28FF]")
_ART = frozenset("/\\_|#()<>[]{}-=+*^~.:;'\"`,@%&$!?o0O")
_INTENSIFIERS = frozenset(
    ["very", "so", "really", "much", "more", "many", "super", "too", "extremely", "sehr", "ganz", "muy", "mucho", "tan", "molto", "tanto", "tres", "trop", "vraiment", "tres", "bien"]
)
_VOWELS = frozenset("aeiouy")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn")
_HOME = frozenset("asdfghjkl")

def _byte_table(mapping: dict[str, str]) -> bytes:
    table = bytearray(b" " * 256)
    for c, v in mapping.items():
        table[ord(c)] = ord(v)
    return bytes(table)


# Letters as their QWERTY row ("1" top, "2" home, "3" bottom), everything else blank: five in a row from one row is
# the only place a keyboard run can be. A QWERTZ or AZERTY run ("azertyuiop", "qsdfghjklm", "yxcvbnm") contains a
# QWERTY run of five ("ertyu", "sdfgh", "xcvbn"); the check itself knows all three layouts.
_ROWS_BYTES = _byte_table({c: str(i + 1) for i, row in enumerate(("qwertyuiop", "asdfghjkl", "zxcvbnm")) for c in row})
# Consonants as "c", everything else blank: six consonants in a row is rare in any of the five languages.
_SHAPE_BYTES = _byte_table(dict.fromkeys("bcdfghjklmnpqrstvwxz", "c"))
# Art characters (``_ART``, box drawing, Braille patterns) deleted by ``str.translate``: counting them costs one pass.
_DELETE_ART = str.maketrans(dict.fromkeys([*_ART, *map(chr, range(0x2500, 0x25A0)), *map(chr, range(0x2800, 0x2900))]))
_STRONG_ART = regex.compile(r"[/\\_|#<>\[\]{}=+*^~\u2500-\u259F\u2800-\u28FF]")
# Period n of a repeated phrase -> repetitions needed ("good" x5, "great product" x4, a longer phrase x3).
_REPS = ((1, 5), (2, 4), (3, 3), (4, 3), (5, 3), (6, 3))


_GRAMS = frozenset(
    g for r in _ROWS for row in (r, r[::-1]) for g in (row[i:i + 5] for i in range(len(row) - 4))
)


def _keyboard_run(tok: str) -> bool:
    """Five or more letters in keyboard order along one row ("asdfg", "poiuy")."""
    return any(tok[i:i + 5] in _GRAMS for i in range(len(tok) - 4))


def _mash(tok: str) -> int:
    """2: keyboard mash ("asdfghjkl", "sdkjfh"); 1: one letter held down ("aaaaaaa"); 0: a word."""
    if len(tok) < 5 or not tok.isalpha() or not tok.isascii():
        return 0
    distinct = set(tok)
    if len(distinct) == 1:
        return 1 if len(tok) >= 6 else 0
    if _keyboard_run(tok):
        return 2
    if len(tok) >= 6 and distinct.isdisjoint(_VOWELS) and len(distinct) >= 3:
        return 2  # "jkhgfdsz", "fjdksl" (not "hmmmm", "grrrr": fewer than three letters)
    if len(tok) >= 8 and len(distinct) >= 5 and sum(c in _HOME for c in tok) >= 0.9 * len(tok):
        return 2
    return 0


def _find_repetition(words: list[str]) -> tuple[int, int, int] | None:
    """The longest run of a word or phrase repeated back to back: (words covered, first word, phrase length)."""
    total = len(words)
    if total < 5 or total > 60_000:
        return None
    ids: dict[str, int] = {}
    codes = array("H", map(ids.setdefault, words, range(1, total + 1))).tobytes()
    if total - len(ids) < 4:
        return None  # a repetition needs at least four repeated words
    big = int.from_bytes(codes, sys.byteorder)
    best: tuple[int, int, int] | None = None
    for n, reps in _REPS:
        if total < n * reps:
            break
        # 16-bit unit i of ``diff`` is zero exactly where word i equals word i+n.
        diff = ((big >> (16 * n)) ^ (big & ((1 << (16 * (total - n))) - 1))).to_bytes(2 * (total - n), "little")
        need = b"\x00\x00" * (n * (reps - 1))
        i = diff.find(need)
        while i != -1:
            if i % 2:
                i = diff.find(need, i + 1)
                continue
            j = i + len(need)
            while j + 1 < len(diff) and diff[j] == 0 and diff[j + 1] == 0:
                j += 2
            first, covered = i // 2, (j - i) // 2 + n
            if best is None or covered > best[0]:
                best = (covered, first, n)
            i = diff.find(need, j)
    return best


def _repeats(words: list[str]) -> bool:
    return _find_repetition(words) is not None


def _token_at(text: str, i: int) -> tuple[int, int]:
    s = e = i
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    return s, e


class SpamDetector:
    """Flags content that is not a review: repetition, gibberish, symbols only, ASCII art.

    Clear: the same word five or more times in a row ("good good good good good good good good"), a phrase
    repeated four (two words) or three (longer phrases) times in a row when the repetition is most of the text;
    keyboard mash ("asdfghjkl qwertyuiop", "jkhgfdsz") making up most of a field; a review of punctuation and
    symbols only ("!!!!!!!!!!!!"); ASCII art (three or more lines drawn with ``/\\_|#`` and similar characters, or
    box-drawing and Braille-pattern characters). Hold: the same repetition or mash as padding inside an otherwise
    real review, emphasis words repeated ("very very very very very"), emoji-only reviews and emoji-framed praise
    ("🌟🌟🌟🌟🌟 Best product ever! 🌟🌟🌟🌟🌟": Amazon's text does not mention emoji). Not flagged: "Love it!!!",
    "5/5, would buy again.", rhetorical repetition with content ("Works. Works well. Works every single time."),
    "10/10 😍", a separator line of dashes, elongated words ("Sooooo good").
    """

    rules: ClassVar[tuple[str, ...]] = (_RULE,)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"review"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def detect(self, doc: Document) -> Iterator[Hit]:
        fields = [f for f in doc.texts() if f.text.strip()]
        if not fields:
            return
        content = [f for f in fields if _ALNUM.search(f.text)]
        if not content:
            yield from self._symbols_only(doc, fields)
            return
        for f in content:
            quick = quick_words(doc, f)
            if _repeats(quick):
                yield from self._repetition(doc, f, _WORD.findall(f.folded))
            yield from self._gibberish(doc, f, quick)
            text = f.text
            ascii_text = text.isascii()
            if (text.count("\n") >= 2 or (not ascii_text and _DRAWING.search(text))) and len(
                _STRONG_ART.findall(text)
            ) >= 8:
                yield from self._ascii_art(doc, f)
            if not ascii_text:
                yield from self._emoji(doc, f)

    # -- symbols only ------------------------------------------------------------------------------------------

    def _symbols_only(self, doc: Document, fields: list[PreparedText]) -> Iterator[Hit]:
        for f in fields:
            text = f.text
            s = len(text) - len(text.lstrip())
            e = len(text.rstrip())
            visible = sum(1 for c in text if not c.isspace())
            if _EMOJI_ONLY.fullmatch(text[s:e]):
                if visible >= 3:
                    yield doc.hit(_RULE, f, s, e, Tier.hold, 0.45, "emoji only, no words", view=f.clean,
                                  details={"spam": "emoji_only"})
                continue
            if visible >= 8 and not _EMOTICONS.fullmatch(text[s:e]):
                tier, conf = Tier.clear, 0.9
            elif visible >= 3:
                tier, conf = Tier.hold, 0.5
            else:
                continue
            for ls, le in _lines(text):  # one span per line keeps the evidence quotable
                yield doc.hit(_RULE, f, ls, le, tier, conf, "punctuation and symbols only", view=f.clean,
                              details={"spam": "symbols_only"})

    # -- repetition --------------------------------------------------------------------------------------------

    def _repetition(self, doc: Document, f: PreparedText, words: list[str]) -> Iterator[Hit]:
        total = len(words)
        found = _find_repetition(words)
        if found is None:
            return
        covered, first, n = found
        # Spans of the repeated words in ``folded`` (recomputed only for flagged texts).
        spans = [m.span() for m in _WORD.finditer(f.folded)]
        s, e = spans[first][0], spans[first + covered - 1][1]
        share = covered / total
        if n == 1 and len(words[first]) == 1 and share < 0.5:
            return  # "¡K¡K¡K¡K" mojibake, "a a a a a" inside a real review: noise, not spam
        phrase = " ".join(words[first:first + n])
        emphasis = n == 1 and words[first] in _INTENSIFIERS
        if share >= 0.5 and not (emphasis and share < 0.7):
            tier, conf = Tier.clear, 0.9 if share >= 0.8 else 0.75
        else:
            tier, conf = Tier.hold, 0.4 if emphasis else 0.55
        yield doc.hit(_RULE, f, s, e, tier, conf,
                      f"repetitive text: {phrase!r} repeated {covered // n} times", view=f.folded_view,
                      details={"spam": "repetition", "share": round(share, 2)})

    # -- gibberish ---------------------------------------------------------------------------------------------

    def _gibberish(self, doc: Document, f: PreparedText, words: list[str]) -> Iterator[Hit]:
        folded = f.folded
        found: dict[int, tuple[int, int]] = {}  # start -> (end, kind)
        probes: list[int] = []
        raw = folded.encode("ascii", "replace")  # one byte per character: offsets are kept
        rows = raw.translate(_ROWS_BYTES)
        for run in (b"11111", b"22222", b"33333"):
            i = rows.find(run)
            while i != -1:
                j = i + 5
                while j < len(rows) and rows[j] == run[0]:
                    j += 1
                if _keyboard_run(folded[i:j]):
                    probes.append(i)
                i = rows.find(run, j)
        shape = raw.translate(_SHAPE_BYTES)
        i = shape.find(b"cccccc")
        while i != -1:
            probes.append(i)
            i = shape.find(b"cccccc", i + 6)
        if len(words) <= 4:
            probes.extend(folded.find(w) for w in words if len(w) >= 6 and len(set(w)) == 1)
        for i in probes:
            s, e = _token_at(folded, i)
            if s not in found:
                kind = _mash(folded[s:e])
                if kind == 2 or (kind == 1 and len(words) <= 4):
                    found[s] = (e, kind)
        if not found:
            if "lorem ipsum" in folded:
                i = folded.index("lorem ipsum")
                yield doc.hit(_RULE, f, i, len(folded.rstrip()), Tier.clear, 0.8, "placeholder text (lorem ipsum)",
                              view=f.folded_view, details={"spam": "gibberish"})
            return
        mash = sorted((s, e, k) for s, (e, k) in found.items())
        strong = sum(1 for _, _, k in mash if k == 2)
        keyboard = any(k == 2 and _keyboard_run(folded[s:e]) for s, e, k in mash)
        alpha = sum(1 for w in words if not w.isdigit())
        share = len(mash) / max(1, alpha)
        others = sum(len(quick_words(doc, g)) for g in doc.texts() if g is not f)
        if share >= 0.5 and strong and (strong >= 2 or share >= 0.8 or not others):
            tier, conf = Tier.clear, 0.85 if strong >= 2 or share >= 0.8 else 0.7
        elif share >= 0.8 and not others:
            tier, conf = Tier.clear, 0.7  # one letter held down is the whole review ("aaaaaaaaaa")
        elif keyboard or (strong and share >= 0.5):
            tier, conf = Tier.hold, 0.4
        else:
            return
        yield doc.hit(_RULE, f, mash[0][0], mash[-1][1], tier, conf, "keyboard-mash gibberish", view=f.folded_view,
                      details={"spam": "gibberish", "share": round(share, 2)})

    # -- ASCII art ---------------------------------------------------------------------------------------------

    def _ascii_art(self, doc: Document, f: PreparedText) -> Iterator[Hit]:
        text = f.text
        drawing = len(_DRAWING.findall(text))
        pos = 0
        run: list[tuple[int, int, int]] = []  # (start, end, art chars) of consecutive art lines
        found: list[tuple[int, int, int, int]] = []
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            # Visible characters and art characters counted with two C-level passes (no per-character regex).
            n_vis = len("".join(stripped.split()))
            rest = stripped if n_vis < 3 else stripped.translate(_DELETE_ART)
            n_art = len(stripped) - len(rest)
            if n_vis >= 3 and n_art >= 0.7 * n_vis and len(set(stripped) - set(rest)) >= 2:
                ls = start + (len(line) - len(line.lstrip()))
                run.append((ls, start + len(line.rstrip()), n_art))
                continue
            if len(run) >= 3:
                found.append((run[0][0], run[-1][1], len(run), sum(a for _, _, a in run)))
            run = []
        if len(run) >= 3:
            found.append((run[0][0], run[-1][1], len(run), sum(a for _, _, a in run)))
        for s, e, lines, chars in found:
            if chars >= 15:
                yield doc.hit(_RULE, f, s, e, Tier.clear, 0.85, f"ASCII art ({lines} lines)", view=f.clean,
                              details={"spam": "ascii_art"})
                return
        if drawing >= 10 and not found:
            m = _DRAWING.search(text)
            last = [mm.end() for mm in _DRAWING.finditer(text)][-1]
            if m is not None:
                yield doc.hit(_RULE, f, m.start(), last, Tier.clear if text.count("\n") >= 2 else Tier.hold, 0.7,
                              "box-drawing or Braille art", view=f.clean, details={"spam": "ascii_art"})

    # -- emoji -------------------------------------------------------------------------------------------------

    def _emoji(self, doc: Document, f: PreparedText) -> Iterator[Hit]:
        runs = [m.span() for m in _EMOJI_RUN.finditer(f.text, timeout=doc.timeout)]
        if not runs:
            return
        text = f.text
        s0 = len(text) - len(text.lstrip())
        e0 = len(text.rstrip())
        framed = len(runs) >= 2 and runs[0][0] == s0 and runs[-1][1] == e0
        long_runs = [r for r in runs if sum(1 for c in text[r[0]:r[1]] if not c.isspace()) >= 10]
        if framed:
            for s, e in (runs[0], runs[-1]):
                yield doc.hit(_RULE, f, s, e, Tier.hold, 0.4, "emoji-framed text", view=f.clean,
                              details={"spam": "emoji"})
        elif long_runs:
            for s, e in long_runs:
                yield doc.hit(_RULE, f, s, e, Tier.hold, 0.35, "long run of emoji", view=f.clean,
                              details={"spam": "emoji"})


DETECTORS = (SpamDetector,)
