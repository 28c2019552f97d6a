"""SHACL validation of report graphs against the ontology and ``ontology/shapes.ttl``.

Used by ``fazhi validate`` and by ingest, which refuses a report whose graph has any result of
severity Violation (Warnings are reported, not fatal). The shapes and the ontology are parsed
once per base URI; each call then validates one report's triples plus the ontology, with
SHACL-SPARQL enabled (offsets are checked against the snapshot text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import pyoxigraph
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from fazhi.errors import ValidationError
from fazhi.paths import resource_dir

VIOLATION = "Violation"
WARNING = "Warning"
INFO = "Info"


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in plain strings."""

    focus: str
    path: str | None
    message: str
    severity: str  # VIOLATION | WARNING | INFO
    value: str | None = None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"[{self.severity}] <{self.focus}>{where}: {self.message}"


def _parse(name: str, base_uri: str) -> rdflib.Graph:
    return rdflib.Graph().parse(resource_dir("ontology") / name, format="turtle", publicID=base_uri)


@lru_cache(maxsize=8)
def load_ontology(base_uri: str) -> rdflib.Graph:
    """The ontology and the curated indicator scheme, resolved against ``base_uri``."""
    graph = _parse("fazhi.ttl", base_uri)
    graph += _parse("indicators.ttl", base_uri)
    return graph


@lru_cache(maxsize=8)
def load_shapes(base_uri: str) -> rdflib.Graph:
    """The shapes graph; relative ``sh:namespace`` literals are resolved against the base
    (Turtle resolves relative IRIs but not literals, and SPARQL prefixes are literals)."""
    graph = _parse("shapes.ttl", base_uri)
    for decl, ns in list(graph.subject_objects(SH.namespace)):
        if "://" not in str(ns):
            graph.set((decl, SH.namespace, rdflib.Literal(base_uri + str(ns), datatype=ns.datatype)))
    return graph


def _term(term) -> rdflib.term.Node:
    """pyoxigraph term → rdflib term."""
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def to_rdflib(triples: Iterable[pyoxigraph.Triple], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Copy pyoxigraph triples into an rdflib graph (new, or the one given)."""
    graph = rdflib.Graph() if graph is None else graph
    for t in triples:
        graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    return graph


def validate_triples(triples: Iterable[pyoxigraph.Triple], base_uri: str) -> list[Violation]:
    """Validate one report's triples (with the ontology mixed in); every result, any severity."""
    data = rdflib.Graph()
    data += load_ontology(base_uri)
    to_rdflib(triples, data)
    _, report, _ = shacl_validate(
        data, shacl_graph=load_shapes(base_uri), advanced=True, inference="none",
        inplace=True, allow_warnings=True, abort_on_first=False,
    )
    return _results(report)


def _results(report: rdflib.Graph) -> list[Violation]:
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        def get(prop):
            value = report.value(result, prop)
            return None if value is None else str(value)
        severity = get(SH.resultSeverity) or str(SH.Violation)
        out.append(Violation(
            focus=get(SH.focusNode) or "",
            path=get(SH.resultPath),
            message=get(SH.resultMessage) or "",
            severity=severity.rsplit("#", 1)[-1],
            value=get(SH.value),
        ))
    return sorted(out, key=lambda v: (v.severity, v.focus, v.path or "", v.message))


def check_report_graph(triples: Iterable[pyoxigraph.Triple], base_uri: str) -> list[Violation]:
    """Raise :class:`ValidationError` if any result is a Violation; return the warnings."""
    results = validate_triples(triples, base_uri)
    errors = [r for r in results if r.severity == VIOLATION]
    if errors:
        shown = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise ValidationError(f"report graph breaks the shapes: {shown}{more}")
    return results
