"""One-for-one folding tables: look-alike letters and accented Latin letters to ASCII, and leetspeak to letters.

Hand-written from the Unicode confusables idea (only the letters that people use to disguise Latin words) and from
Unicode decompositions computed at import; every entry maps one character to one character, so folded views keep
the offsets of the view they fold.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FOLD_TABLE", "LEET_TABLE", "fold_char"]

# Cyrillic, Greek and other look-alikes of lower-case Latin letters (input is already case-folded).
_LOOKALIKES = {
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "ӏ": "l", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "г": "r", "ѕ": "s", "т": "t",
    "у": "y", "х": "x", "ԝ": "w", "ү": "y", "ь": "b", "п": "n", "и": "u", "з": "3", "ч": "4",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ω": "w", "μ": "u", "ϲ": "c", "ϳ": "j",
    "ɑ": "a", "ɡ": "g", "ɩ": "i", "ɪ": "i", "ʀ": "r", "ʏ": "y", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d",
    "ᴇ": "e", "ꜰ": "f", "ʜ": "h", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
    "ꞯ": "q", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z", "ı": "i", "ł": "l", "ø": "o",
    "đ": "d", "ħ": "h", "ŧ": "t", "ƒ": "f", "ß": "s", "æ": "a", "œ": "o", "þ": "p", "ð": "d",
}


def _build_fold() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha() and base != ch:
            table[cp] = base.lower()
    for src, dst in _LOOKALIKES.items():
        table[ord(src)] = dst
    return table


FOLD_TABLE: dict[int, str] = _build_fold()

# Leetspeak and masking symbols read as the letter they stand for. ``*`` stays: masks are handled by matchers.
LEET_TABLE: dict[int, str] = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s",
     "!": "i", "|": "l", "+": "t", "€": "e", "£": "l", "¥": "y"}
)


def fold_char(ch: str) -> str:
    return ch.translate(FOLD_TABLE)
