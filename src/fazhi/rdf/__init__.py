"""Extractor records → RDF: URI policy, vocabulary, mapping and SHACL validation.

Knows no store and no web; terms are pyoxigraph's, so a store can take the triples directly.
"""

from fazhi.rdf.mapping import ReportGraph, map_report
from fazhi.rdf.uris import Minter
from fazhi.rdf.validate import Violation, check_report_graph, validate_triples

__all__ = ["Minter", "ReportGraph", "Violation", "check_report_graph", "map_report", "validate_triples"]
