"""Network analysis and chart data over the store.

- :mod:`~fazhi.analysis.graph` builds a networkx graph of reports, organisations, documents,
  indicators, measures, years and areas from a few SPARQL SELECTs;
- :mod:`~fazhi.analysis.measures` computes centralities, communities and components on it;
- :mod:`~fazhi.analysis.cache` keeps built graphs per dataset version;
- :mod:`~fazhi.analysis.ego` answers "who is this node connected to" for one entity;
- :mod:`~fazhi.analysis.export` writes GraphML, GEXF and node-link JSON;
- :mod:`~fazhi.analysis.indicators` gathers observations of curated indicators for charts.
"""

from fazhi.analysis.graph import GraphFilter, build_graph
from fazhi.analysis.measures import Measures, compute_measures
from fazhi.analysis.ego import ego

__all__ = ["GraphFilter", "Measures", "build_graph", "compute_measures", "ego"]
