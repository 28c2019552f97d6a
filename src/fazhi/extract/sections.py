"""The section tree: 一、 / (一) headings, their titles, nesting and kinds.

Levels are not fixed by marker shape alone: the order in which marker shapes first appear in a
report decides their depth, so a report that goes 一、 → (一) and one that goes (一) → 1. both
come out right. Arabic-numbered lines (1. / (1)) are items, not sections, unless a report has no
Chinese-numbered headings and uses short Arabic-numbered lines as its headings.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from fazhi.extract.lines import Line
from fazhi.extract.model import OTHER, PLANS, PROBLEMS, WORK, Section
from fazhi.extract.numerals import chinese_to_int

_CN = "一二三四五六七八九十"
MARKERS = {
    "cn-dun": re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．]\s*"),
    "cn-paren": re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*[、.．]?\s*"),
    "ar-dot": re.compile(r"^([0-9０-９]{1,2})\s*[、.．](?![0-9０-９])\s*"),
    "ar-paren": re.compile(r"^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*"),
    "ar-circle": re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*"),
}
_MARKER_FIRST = set("一二三四五六七八九十（(0123456789０１２３４５６７８９①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
SECTION_SHAPES = ("cn-dun", "cn-paren")
ITEM_SHAPES = ("ar-dot", "ar-paren", "ar-circle")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_PROBLEM_WORDS = re.compile(r"问题|不足|短板|差距|困难|薄弱")
_PLAN_WORDS = re.compile(r"打算|计划|安排|下一步|思路|展望|目标任务|工作重点|努力方向|今后")
_TITLE_END = re.compile(r"[。！!；;]|[：:](?=.)")


@lru_cache(maxsize=4096)
def marker_of(line: Line) -> tuple[str, int, int] | None:
    """``(shape, number, length of the marker)`` when the line starts with a numbering marker."""
    if not line.text or line.text[0] not in _MARKER_FIRST:
        return None
    for shape, pattern in MARKERS.items():
        found = pattern.match(line.text)
        if found and _not_a_sentence_start(shape, line.text, found.end()):
            return shape, _number(found.group(1)), found.end()
    return None


def _not_a_sentence_start(shape: str, text: str, end: int) -> bool:
    """Reject '一是…' and '十九届…' style openings that merely look like a marker."""
    rest = text[end:end + 1]
    return not (shape == "cn-dun" and rest in {"是", "届", "中", "批"})


def _number(token: str) -> int:
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    digits = token.translate(_FULLWIDTH)
    return int(digits) if digits.isdigit() else (chinese_to_int(token) or 0)


def heading_shapes(lines: list[Line]) -> list[str]:
    """Marker shapes used as section headings, outermost first."""
    order: list[str] = []
    for line in lines:
        found = marker_of(line)
        if found and found[0] in SECTION_SHAPES and found[0] not in order:
            order.append(found[0])
    if order:
        return order
    return _arabic_headings(lines)


def _arabic_headings(lines: list[Line]) -> list[str]:
    """Without Chinese headings, short 1./(1) lines that read like titles are the sections."""
    for line in lines:
        found = marker_of(line)
        if found and found[0] in ITEM_SHAPES and _is_title_line(line.text[found[2]:]):
            return [found[0]]
    return []


def _is_title_line(rest: str) -> bool:
    return 0 < len(rest) <= 30 and not re.search(r"[。；;，,]", rest.rstrip("。"))


def find_sections(lines: list[Line], body_end: int) -> list[Section]:
    """Every heading line among ``lines`` as a Section, with parent links and kinds."""
    shapes = heading_shapes(lines)
    sections: list[Section] = []
    open_by_level: dict[int, Section] = {}
    counts: dict[tuple[str | None, int], int] = {}  # (parent id, level) → children so far
    for line in lines:
        found = marker_of(line)
        if not found or found[0] not in shapes:
            continue
        level = shapes.index(found[0]) + 1
        section = _new_section(line, found, level, open_by_level, counts)
        sections.append(section)
        open_by_level = {k: v for k, v in open_by_level.items() if k < level}
        open_by_level[level] = section
    _close_sections(sections, lines, body_end)
    _assign_kinds(sections)
    return sections


def _new_section(line, found, level, open_by_level, counts) -> Section:
    shape, number, marker_len = found
    parent = _nearest_parent(open_by_level, level)
    key = (parent.id if parent else None, level)
    ordinal = counts[key] = counts.get(key, 0) + 1
    title_start = line.start + marker_len
    title_end = title_start + _title_length(line.text[marker_len:])
    return Section(
        id=f"{parent.id}.{ordinal}" if parent else str(ordinal),
        level=level, marker=line.text[:marker_len].strip(), ordinal=ordinal,
        title=line.text[marker_len:marker_len + (title_end - title_start)],
        kind=WORK, start=line.start, end=line.end,
        title_start=title_start, title_end=title_end,
        parent=parent.id if parent else None,
    )


def _nearest_parent(open_by_level: dict[int, Section], level: int) -> Section | None:
    above = [lvl for lvl in open_by_level if lvl < level]
    return open_by_level[max(above)] if above else None


def _title_length(rest: str) -> int:
    """A heading's title runs to the first full stop (or colon) or the end of its line."""
    found = _TITLE_END.search(rest)
    return found.start() if found else len(rest.rstrip("。:："))


def _close_sections(sections: list[Section], lines: list[Line], body_end: int) -> None:
    """A section ends with the last line before the next section of the same or higher level."""
    starts = [line.start for line in lines]
    for i, section in enumerate(sections):
        limit = body_end
        for j in range(i + 1, len(sections)):  # indices, not a slice: no copy per section
            if sections[j].level <= section.level:
                limit = sections[j].start
                break
        inside = lines[bisect_left(starts, section.start):bisect_left(starts, limit)]
        section.end = max(line.end for line in inside) if inside else section.title_end


_STRONG_KIND = re.compile(
    r"^(存在的?|主要|突出)?(问题|不足|短板|差距)|^下一步|^(\d{4}|明)年.{0,6}(打算|计划|思路|安排)|"
    r"工作(打算|计划|安排)$"
)


def _assign_kinds(sections: list[Section]) -> None:
    """Top-level sections take their kind from their titles; nested ones inherit it, unless a
    nested title plainly says 存在的问题 / 下一步 (reports that nest those one level down)."""
    by_id = {s.id: s for s in sections}
    for section in sections:
        own = section_kind(section.title)
        if section.parent is None:
            section.kind = own
            continue
        inherited = by_id[section.parent].kind
        strong = inherited == WORK and _STRONG_KIND.search(section.title[:20])
        section.kind = own if strong else inherited


def section_kind(title: str) -> str:
    """PROBLEMS / PLANS from the heading's words; WORK otherwise."""
    head = title[:24]
    if _PROBLEM_WORDS.search(head) and not re.search(r"解决|整改|化解", head[:4]):
        return PROBLEMS
    if _PLAN_WORDS.search(head):
        return PLANS
    return WORK if title else OTHER
