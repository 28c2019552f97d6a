"""The curated indicator scheme as charts and the graph need it: labels, units and themes.

The scheme is not in the store (it ships in ``ontology/indicators.ttl``), so its labels are read
from the packaged file once per base URI rather than queried per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import rdflib
from rdflib.namespace import SKOS

from fazhi.errors import NotFound
from fazhi.paths import resource_dir

UNIT = "http://qudt.org/vocab/unit/"
#: How a QUDT unit is written beside a number.
UNIT_SYMBOLS = {UNIT + "PERCENT": "%", UNIT + "CCY_CNY": "元", UNIT + "M2": "平方米",
                UNIT + "KiloM2": "平方公里", UNIT + "KiloM": "公里", UNIT + "NUM": ""}


@dataclass(frozen=True)
class Concept:
    """A curated indicator, or a theme (a top concept grouping indicators)."""

    iri: str
    notation: str
    label: str  # zh
    label_en: str
    unit: str | None  # QUDT IRI
    theme: str | None  # IRI of the broader theme; None for a theme itself

    @property
    def is_theme(self) -> bool:
        return self.theme is None


class Scheme:
    """Curated indicators and themes by IRI and by notation."""

    def __init__(self, concepts: list[Concept], base_uri: str):
        self.base = base_uri
        self.by_iri = {c.iri: c for c in concepts}
        self.by_notation = {c.notation: c for c in concepts}

    def indicator(self, notation: str) -> Concept:
        """The curated indicator with this notation; :class:`NotFound` names the miss."""
        found = self.by_notation.get(notation)
        if found is None or found.is_theme:
            raise NotFound(f"no curated indicator with notation {notation!r}")
        return found

    def indicators(self) -> list[Concept]:
        """Every indicator (not themes), by theme then notation."""
        return sorted((c for c in self.by_iri.values() if not c.is_theme),
                      key=lambda c: (c.theme or "", c.notation))

    def themes(self) -> list[Concept]:
        return sorted((c for c in self.by_iri.values() if c.is_theme), key=lambda c: c.notation)


def _text(graph: rdflib.Graph, node, prop, lang: str) -> str | None:
    return next((str(o) for o in graph.objects(node, prop) if getattr(o, "language", None) == lang), None)


@lru_cache(maxsize=4)
def load(base_uri: str) -> Scheme:
    """The packaged scheme with IRIs resolved against ``base_uri`` (parsed once per base)."""
    path = resource_dir("ontology") / "indicators.ttl"
    graph = rdflib.Graph().parse(path, format="turtle", publicID=base_uri)
    unit_prop = rdflib.URIRef(base_uri + "def/fz#defaultUnit")
    concepts = []
    for node in set(graph.subjects(SKOS.inScheme, None)):
        notation = str(graph.value(node, SKOS.notation))
        broader = graph.value(node, SKOS.broader)
        unit = graph.value(node, unit_prop)
        concepts.append(Concept(str(node), notation, _text(graph, node, SKOS.prefLabel, "zh") or notation,
                                _text(graph, node, SKOS.prefLabel, "en") or notation,
                                str(unit) if unit else None, str(broader) if broader else None))
    return Scheme(concepts, base_uri)
