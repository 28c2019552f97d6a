"""Bytes → text: encoding detection, binary detection, and the one normalisation step.

Government portals still serve GBK/GB18030 as well as UTF-8; a few tools save UTF-16 with a BOM.
The decoded and normalised text is what gets stored, so every offset the extractor produces
refers to it: normalisation here must stay minimal (NFC, line endings, NULs).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from fazhi.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{2,20})""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def decode_bytes(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Decode a report file; return ``(text, encoding)`` or raise :class:`InputError`."""
    _check_size(data, max_bytes)
    encoding = _bom_encoding(data) or _declared_encoding(data)
    text = _decode_with(data, encoding) if encoding else None
    if text is None:
        text, encoding = _guess(data)
    _check_not_binary(text)
    return normalise_text(text), encoding


def normalise_text(text: str) -> str:
    """The only changes made to a report's text: NFC, LF line ends, no NUL/zero-width chars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text).replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def _check_size(data: bytes, max_bytes: int) -> None:
    if not data.strip():
        raise InputError("empty file")
    if len(data) > max_bytes:
        raise InputError(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _declared_encoding(data: bytes) -> str | None:
    """The charset an HTML page declares, mapped to a decoder that accepts its superset."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    name = found.group(1).decode("ascii").lower()
    if name in {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_with(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str]:
    """UTF-8 first (strict), then GB18030 (strict), then charset-normalizer's best guess."""
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 64:
        raise InputError("binary file (NUL bytes), not a text or HTML report")
    for encoding in ("utf-8", "gb18030"):
        text = _decode_with(data, encoding)
        if text is not None:
            return text, encoding
    return _guess_with_detector(data)


def _guess_with_detector(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode: neither UTF-8 nor GB18030, and no other encoding fits")
    text = _decode_with(data, best.encoding)
    if text is None:
        raise InputError(f"cannot decode as {best.encoding} (undecodable bytes)")
    return text, best.encoding


def _check_not_binary(text: str) -> None:
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise InputError("binary file (control characters), not a text or HTML report")
    if "\ufffd" in sample and sample.count("\ufffd") > max(8, len(sample) // 100):
        raise InputError("undecodable bytes: the file's encoding is damaged")
