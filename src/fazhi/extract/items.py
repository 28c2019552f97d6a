"""Work measures, problems and plans: the items inside the sections.

An item is one 一是… clause (sequences 一是, 二是, 三是 in order, usually inside one paragraph),
or one Arabic-numbered paragraph (1. / (1) / ①). Where a leaf section has neither, each of its
body paragraphs is an item, so that no work goes unrecorded.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from fazhi.extract.lines import Line
from fazhi.extract.model import PLANS, PROBLEMS, WORK, Item, Section
from fazhi.extract.numerals import chinese_to_int
from fazhi.extract.sections import ITEM_SHAPES, marker_of

_INLINE = re.compile(r"(?:^|(?<=[。；;：:，,\s!！?？）)]))(第?[一二三四五六七八九十]{1,3})(是|要|，|,|、)")
_HEADING_END = re.compile(r"[。；;：:!！？?]")
_HEADING_SOFT_END = re.compile(r"[，,]")
KIND_NAMES = {WORK: "measure", PROBLEMS: "problem", PLANS: "plan"}


def find_items(text: str, lines: list[Line], sections: list[Section], body: tuple[int, int]) -> list[Item]:
    """All items of the report, in text order."""
    items: list[Item] = []
    line_starts = [ln.start for ln in lines]
    parents = {s.parent for s in sections}
    for region in _regions(sections, body):
        start, end, section = region
        kind = KIND_NAMES.get(section.kind if section else WORK, "measure")
        region_lines = lines[bisect_left(line_starts, start):bisect_left(line_starts, end)]
        found = _numbered_items(text, region_lines, end) or _inline_items(text, region_lines)
        if not found and section is not None and section.id not in parents:  # a leaf section
            found = _paragraph_items(text, region_lines, section)
            if not found and kind != "measure":
                found = [((section.title_start, section.title_end), "")]
        items.extend(_make_item(text, span, marker, section, kind, n) for n, (span, marker) in enumerate(found, 1))
    return items


def _regions(sections: list[Section], body: tuple[int, int]):
    """Stretches of text owned directly by one section (its heading line to its first child).

    Sections come in text order and a child lies inside its parent, so a section's first child,
    if any, is the section right after it."""
    if not sections:
        yield body[0], body[1], None
        return
    for section, after in zip(sections, [*sections[1:], None]):
        child = after is not None and after.start < section.end
        yield section.start, (after.start if child else section.end), section


def _numbered_items(text: str, lines: list[Line], end: int) -> list[tuple[tuple[int, int], str]]:
    """Items opened by 1. / (1) / ① lines; each runs until the next such line."""
    shape = _outer_item_shape(lines)
    if shape is None:
        return []
    starts = [(i, m) for i, ln in enumerate(lines) if (m := marker_of(ln)) and m[0] == shape]
    out = []
    for k, (first, found) in enumerate(starts):
        after = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        last = max(ln.end for ln in lines[first:after])
        out.append(((lines[first].start, last), lines[first].text[:found[2]].strip()))
    return out


def _outer_item_shape(lines: list[Line]) -> str | None:
    for line in lines:
        found = marker_of(line)
        if found and found[0] in ITEM_SHAPES:
            return found[0]
    return None


def _inline_items(text: str, lines: list[Line]) -> list[tuple[tuple[int, int], str]]:
    """一是…二是… clauses: markers that count up from 一 in order; each ends at the next marker
    in the same paragraph or at its paragraph's end. A paragraph opening with the next number
    (一是… ¶ 二是…) continues the count of the paragraphs before it."""
    out = []
    count = 0
    for line in lines:
        first = 1
        markers = _ordered_markers(line, first)
        if not markers and count:
            first = count + 1
            markers = _ordered_markers(line, first)
        if markers:
            count = first + len(markers) - 1
        for i, (start, marker) in enumerate(markers):
            end = markers[i + 1][0] if i + 1 < len(markers) else line.end
            out.append(((start, _trim(text, start, end)), marker))
    return out


def _ordered_markers(line: Line, first: int = 1) -> list[tuple[int, str]]:
    found = []
    for m in _INLINE.finditer(line.text):
        if m.group(2) in "，,、" and not m.group(1).startswith("第"):
            continue
        number = chinese_to_int(m.group(1).lstrip("第"))
        if number == len(found) + first:
            found.append((line.start + m.start(), m.group(0).rstrip("，,、")))
    return found if len(found) >= 2 or _lone_first(found, line) else []


def _lone_first(found: list, line: Line) -> bool:
    return len(found) == 1 and found[0][1].endswith("是") and found[0][0] == line.start


def _paragraph_items(text: str, lines: list[Line], section: Section):
    """Each body paragraph of a leaf section (the text after its heading) is one item."""
    out = []
    for line in lines:
        start = section.title_end if line.start == section.start else line.start
        start = _skip_punct(text, start, line.end)
        if line.end - start >= 8 and not text[start:line.end].rstrip().endswith(("：", ":")):
            out.append(((start, line.end), ""))
    return out


def _skip_punct(text: str, start: int, end: int) -> int:
    while start < end and text[start] in "。:：;；，, \u3000":
        start += 1
    return start


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _make_item(text, span, marker, section, kind, ordinal) -> Item:
    start, end = span
    body = text[start:end]
    heading = item_heading(body[len(marker):])
    prefix = section.id if section else "0"
    return Item(id=f"{prefix}/{ordinal}", kind=kind, section=section.id if section else None,
                ordinal=ordinal, marker=marker, heading=heading, text=body, start=start, end=end)


def item_heading(rest: str) -> str:
    """The heading phrase of an item: its first clause, when that clause is short."""
    rest = rest.lstrip(" 、.．:：")
    hard = _HEADING_END.search(rest)
    if hard and hard.start() <= 40:
        return rest[:hard.start()]
    soft = _HEADING_SOFT_END.search(rest)
    if soft and soft.start() <= 20:
        return rest[:soft.start()]
    return ""
