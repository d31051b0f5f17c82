"""M-EMOJI-STYLE and M-MEDIA: emoji, GIFs, formatting, images and attachments in messages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..models import Tier
from ..settings import Settings
from ._messages import emit_root, fields
from .base import Document, Hit, Subject

_EMOJI = regex.compile(r"(?:[\p{Extended_Pictographic}--[©®™‼⁉↔-↙]][\uFE0F\U0001F3FB-\U0001F3FF]?){1,50}", regex.V1)
_EMOTICON = regex.compile(r"(?<![\w:/])[:;]-?[)(DP](?![\w)(])")
_BREAKS = regex.compile(r"\n[ \t]*\n[ \t]*\n(?:[ \t]*\n){0,50}")
_IMG = regex.compile(r"<img\b[^<>]{0,2000}>", regex.IGNORECASE)
_SRC = regex.compile(r"""\bsrc\s*=\s*["']?([^"'\s<>]{1,2000})""", regex.IGNORECASE)
_ANCHOR_OPEN = regex.compile(r"<a\b[^<>]{0,2000}>", regex.IGNORECASE)
_ANCHOR_CLOSE = regex.compile(r"</a\s*>", regex.IGNORECASE)
_CENTER = regex.compile(r"<center\b|text-align\s*:\s*center|\balign\s*=\s*[\"']?center", regex.IGNORECASE)
_OVERRIDE = regex.compile(r"(?<![\w-])(?:font-family|line-height|color)\s*:", regex.IGNORECASE)
_FONT_SIZE = regex.compile(r"font-size\s*:\s*([^;\"'>]{1,20})", regex.IGNORECASE)
_PROMO_FILE = regex.compile(
    r"catalog|catalogue|brochure|flyer|promo|coupon|discount|newsletter|lookbook|collection|offer|sale|voucher|"
    r"katalog|rabatt|gutschein|catalogo|cat[aá]logo|descuento|sconto|remise|soldes",
    regex.IGNORECASE,
)
_IMAGE_FILE = regex.compile(r"\.(?:jpe?g|png|webp|heic|bmp|tiff?|svg)$", regex.IGNORECASE)
_MAX_BYTES = 10 * 1024 * 1024


def _anchor_field(doc: Document) -> str | None:
    for name in ("body", "subject", "html"):
        if name in doc.fields:
            return name
    return None


class EmojiStyleDetector:
    """Flags emoji (clear), GIFs in the HTML or as attachments (clear), text emoticons such as ``:)`` (hold), and
    formatting that Amazon's styling rules forbid: centred text, overridden fonts, line height or colours, more
    than three font sizes, more than two consecutive line breaks (hold). Spelling and grammar errors are part of
    this rule too but are NOT checked: the rule is always reported as not fully evaluated, never as passed."""

    rules: ClassVar[tuple[str, ...]] = ("M-EMOJI-STYLE",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        pass

    def detect(self, doc: Document) -> Iterator[Hit]:
        doc.needs("M-EMOJI-STYLE", "spelling and grammar are not checked (emoji, GIFs and formatting were)")
        rule = "M-EMOJI-STYLE"
        for field in fields(doc):
            text = field.text
            if not text.isascii():
                for m in _EMOJI.finditer(text, timeout=doc.timeout):
                    s, e = field.clean.to_root(m.start(), m.end())
                    yield emit_root(doc, rule, field.field, s, e, Tier.clear, 0.95, "emoji in a message", emoji=True)
            if ":" in text or ";" in text:
                for m in _EMOTICON.finditer(text, timeout=doc.timeout):
                    s, e = field.clean.to_root(m.start(), m.end())
                    yield emit_root(doc, rule, field.field, s, e, Tier.hold, 0.5, "text emoticon", emoji=True)
            if field.field != "html" and "\n" in field.original:
                for m in _BREAKS.finditer(field.original, timeout=doc.timeout):
                    yield emit_root(doc, rule, field.field, m.start(), m.end(), Tier.hold, 0.4,
                                    "more than two consecutive line breaks", drop=False)
        html = doc.fields.get("html")
        if html is not None and "<" in html.original:
            raw = html.original
            for m in _IMG.finditer(raw, timeout=doc.timeout):
                src = _SRC.search(m.group(0))
                if src and src.group(1).lower().split("?")[0].endswith(".gif"):
                    yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.clear, 0.9, "GIF image in a message")
            for m in _CENTER.finditer(raw, timeout=doc.timeout):
                yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.hold, 0.5, "centred text", drop=False)
                break
            for m in _OVERRIDE.finditer(raw, timeout=doc.timeout):
                yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.hold, 0.4,
                                "overrides the default font, line height or colour", drop=False)
                break
            sizes = [m for m in _FONT_SIZE.finditer(raw, timeout=doc.timeout)]
            if len({m.group(1).strip().lower() for m in sizes}) > 3:
                m = sizes[0]
                yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.hold, 0.4, "more than three font sizes",
                                drop=False)
        msg = doc.message
        anchor = _anchor_field(doc)
        if msg is not None and anchor is not None:
            for a in msg.attachments:
                if a.name.lower().endswith(".gif") or (a.media_type or "").lower() == "image/gif":
                    yield emit_root(doc, rule, anchor, 0, 0, Tier.clear, 0.9, "GIF attachment",
                                    {"attachment": a.name}, drop=False)


class MediaDetector:
    """Flags images and attachments that the messaging rules forbid. Clear: an image wrapped in a link (a linked
    logo or banner), an insecure ``http://`` image, an attachment named like promotion (catalogue, coupon,
    brochure, newsletter). Hold: other images in the HTML or attached (product images are not allowed; unlinked
    brand logos are) and attachments over 10 MB. Not flagged: invoices, manuals, setup guides, warranty cards,
    unlinked logos. The content of attachments is not read."""

    rules: ClassVar[tuple[str, ...]] = ("M-MEDIA",)
    subjects: ClassVar[frozenset[Subject]] = frozenset({"message"})

    def __init__(self, settings: Settings) -> None:
        pass

    def detect(self, doc: Document) -> Iterator[Hit]:
        rule = "M-MEDIA"
        html = doc.fields.get("html")
        if html is not None and "<img" in html.original.lower():
            raw = html.original
            opens = [m.end() for m in _ANCHOR_OPEN.finditer(raw, timeout=doc.timeout)]
            closes = [m.start() for m in _ANCHOR_CLOSE.finditer(raw, timeout=doc.timeout)]
            for m in _IMG.finditer(raw, timeout=doc.timeout):
                tag = m.group(0)
                src_m = _SRC.search(tag)
                src = src_m.group(1) if src_m else ""
                linked = any(o <= m.start() and not any(o <= c < m.start() for c in closes) for o in opens)
                if src.lower().startswith("http://"):
                    yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.clear, 0.9, "insecure (http) image")
                elif linked:
                    yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.clear, 0.85,
                                    "image wrapped in a link (logos and images may not link anywhere)")
                elif src.lower().split("?")[0].endswith(".gif"):
                    continue  # M-EMOJI-STYLE
                elif "logo" not in tag.lower():
                    yield emit_root(doc, rule, "html", m.start(), m.end(), Tier.hold, 0.5,
                                    "image in a message: product images are not allowed, brand images only")
        msg = doc.message
        anchor = _anchor_field(doc)
        if msg is None or anchor is None:
            return
        for a in msg.attachments:
            name = a.name
            mtype = (a.media_type or "").lower()
            if _PROMO_FILE.search(name):
                yield emit_root(doc, rule, anchor, 0, 0, Tier.clear, 0.85, "promotional attachment",
                                {"attachment": name}, drop=False)
            elif name.lower().endswith(".gif") or mtype == "image/gif":
                continue  # M-EMOJI-STYLE
            elif (mtype.startswith("image/") or _IMAGE_FILE.search(name)) and "logo" not in name.lower():
                yield emit_root(doc, rule, anchor, 0, 0, Tier.hold, 0.5,
                                "image attachment: product images are not allowed", {"attachment": name}, drop=False)
            elif a.size is not None and a.size > _MAX_BYTES:
                yield emit_root(doc, rule, anchor, 0, 0, Tier.hold, 0.5, "attachment larger than 10 MB",
                                {"attachment": name}, drop=False)


DETECTORS = (EmojiStyleDetector, MediaDetector)
