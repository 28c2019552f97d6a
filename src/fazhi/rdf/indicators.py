"""Match indicator phrases found in reports to the curated indicator scheme.

Every phrase becomes a concept of its own (so no figure is dropped); this module only decides
which curated concept, if any, the phrase concept links to:

* ``exactMatch``: the phrase equals a curated label once quotes, spaces and punctuation are
  ignored (“最多跑一次”事项比例 = 最多跑一次事项比例);
* ``closeMatch``: the phrase equals a label once a leading verb (办理, 受理, 开展…) is dropped,
  or a curated label (at least three characters) is contained in it: 受理法律援助案件 →
  法律援助案件. The longest contained label wins, ties broken by notation, so the result is
  stable.

Verbs are dropped for matching only; the phrase concept keeps the phrase as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import SKOS

from fazhi.paths import resource_dir

EXACT = "exact"
CLOSE = "close"

#: Verbs that open an indicator phrase without changing what is counted.
LEADING_VERBS = (
    "主动", "累计", "共", "全年", "办理", "受理", "开展", "办结", "审结", "接受", "组织", "审核",
    "审查", "备案", "建立", "健全", "提出", "移送", "查出", "公开", "发出", "举办", "换发", "注销",
    "处理", "完成", "收到", "新收", "出具", "解答", "发放", "查处", "调处", "化解", "培训",
)
_IGNORED = re.compile(r"[\s“”\"'‘’「」『』《》〈〉()（）、,，.。:：;；]")
_MIN_CONTAINED = 3


def match_key(phrase: str) -> str:
    """NFKC, without quotes, brackets, spaces and punctuation: how phrases are compared."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", phrase))


def strip_verbs(key: str) -> str:
    """Drop leading verbs (repeatedly): 受理法律援助案件 → 法律援助案件."""
    changed = True
    while changed:
        changed = False
        for verb in LEADING_VERBS:
            if key.startswith(verb) and len(key) > len(verb):
                key, changed = key[len(verb):], True
    return key


@dataclass(frozen=True)
class Indicator:
    """A curated indicator concept, as the mapping needs it."""

    iri: str  # absolute, resolved against the base the scheme was loaded with
    notation: str
    label: str  # zh preferred label
    default_unit: str | None
    is_theme: bool


@dataclass(frozen=True)
class Match:
    indicator: Indicator
    kind: str  # EXACT | CLOSE


class IndicatorScheme:
    """The curated scheme, indexed by the match keys of its labels."""

    def __init__(self, indicators: list[Indicator], labels: dict[str, list[str]]):
        self.indicators = {i.iri: i for i in indicators}
        self._by_key: dict[str, Indicator] = {}
        for iri in sorted(labels, key=lambda i: self.indicators[i].notation):
            ind = self.indicators[iri]
            if ind.is_theme:
                continue
            for label in labels[iri]:
                self._by_key.setdefault(match_key(label), ind)
        self._contained = sorted(
            (k for k in self._by_key if len(k) >= _MIN_CONTAINED),
            key=lambda k: (-len(k), self._by_key[k].notation),
        )

    @classmethod
    def load(cls, path: Path, base_uri: str) -> "IndicatorScheme":
        """Read the scheme from Turtle whose relative IRIs resolve against ``base_uri``."""
        graph = rdflib.Graph().parse(path, format="turtle", publicID=base_uri)
        fz_unit = rdflib.URIRef(base_uri + "def/fz#defaultUnit")
        indicators, labels = [], {}
        for concept in sorted(set(graph.subjects(SKOS.inScheme, None))):
            notation = str(graph.value(concept, SKOS.notation))
            zh = [str(o) for o in graph.objects(concept, SKOS.prefLabel) if o.language == "zh"]
            unit = graph.value(concept, fz_unit)
            is_theme = (None, SKOS.broader, concept) in graph
            indicators.append(Indicator(str(concept), notation, zh[0] if zh else notation,
                                        str(unit) if unit else None, is_theme))
            labels[str(concept)] = zh + [str(o) for o in graph.objects(concept, SKOS.altLabel)]
        return cls(indicators, labels)

    def match(self, phrase: str) -> Match | None:
        """The curated concept for ``phrase`` and how close the match is, or None."""
        key = match_key(phrase)
        if not key:
            return None
        if key in self._by_key:
            return Match(self._by_key[key], EXACT)
        core = strip_verbs(key)
        if core in self._by_key:
            return Match(self._by_key[core], CLOSE)
        for label in self._contained:
            if label in key:
                return Match(self._by_key[label], CLOSE)
        return None


@lru_cache(maxsize=8)
def load_scheme(base_uri: str) -> IndicatorScheme:
    """The packaged curated scheme for a deployment base (parsed once per base)."""
    return IndicatorScheme.load(resource_dir("ontology") / "indicators.ttl", base_uri)
