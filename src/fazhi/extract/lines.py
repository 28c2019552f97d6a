"""Paragraph lines with their offsets, and the report's body bounds (after the title and page
metadata, before the signature block and the portal's trailing chrome)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.extract.page import is_chrome

_DATE_LINE = re.compile(
    r"^(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
_ORG_LINE = re.compile(r"^[\u4e00-\u9fff（）()\s]{2,40}(政府|局|厅|委|委员会|办公室|办|院|中心|部|署|会|所|队)$")


@dataclass(frozen=True)
class Line:
    start: int  # offset of the first non-blank character
    end: int  # offset just after the last non-blank character
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text``, stripped, with their offsets."""
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            out.append(Line(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return out


@dataclass
class Tail:
    """The signature block: who signed and when, and where the body ends."""

    body_end_index: int  # index in lines of the first line after the body
    signer: Line | None = None
    date: Line | None = None


def find_tail(lines: list[Line]) -> Tail:
    """Walk back from the end over chrome, a date line and a signer line."""
    tail = Tail(len(lines))
    i = len(lines) - 1
    while i >= 0 and _is_tail_line(lines[i].text):
        line = lines[i]
        if _DATE_LINE.match(line.text.replace(" ", "")) and tail.date is None:
            tail.date = line
        elif _ORG_LINE.match(line.text) and tail.signer is None:
            tail.signer = line
        tail.body_end_index = i
        i -= 1
    return tail


def _is_tail_line(text: str) -> bool:
    compact = text.replace(" ", "")
    return bool(is_chrome(text) or _DATE_LINE.match(compact) or _ORG_LINE.match(text))


def body_start_index(lines: list[Line], title_end: int | None) -> int:
    """Index of the first body line: after the title (one or two lines) and any metadata/chrome
    lines around it."""
    i = 0
    if title_end is not None:
        while i < len(lines) and lines[i].start < title_end:
            i += 1
    while i < len(lines) and is_chrome(lines[i].text):
        i += 1
    return i
