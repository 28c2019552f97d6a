"""Network view, indicator charts and comparisons.

Routes (every one answers HTML that works without JavaScript, plus JSON/CSV for scripts):

- ``/network`` (+ ``.json``): the corpus network, filtered by year, issuer, report and node
  type; cytoscape.js draws it, a table of the most central nodes stands beside it;
- ``/network/download.{graphml,gexf,json}``: the whole (filtered) network with its measures;
- ``/network/ego`` (+ ``.json``) ``?iri=``: one entity's measures and neighbours;
- ``/indicator-chart/<notation>`` and ``/indicator-data/<notation>.{csv,json}``: one curated
  indicator across years and places;
- ``/compare?indicator=…&place=…&year=…``: several indicators, places and years side by side;
- ``/report-chart`` (+ ``.json``) ``?iri=``: a report's figures grouped by theme;
- ``/analysis/lib/<file>``: cytoscape.js and Chart.js from ``webapp/node_modules``.

Network builds are cached per dataset version (:mod:`fazhi.analysis.cache`); a request waits at
most :data:`WAIT` seconds for a build and otherwise gets 503 with Retry-After.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
)

from fazhi.analysis import charts
from fazhi.analysis.cache import Analysis, AnalysisCache
from fazhi.analysis.ego import ego_of, node_record
from fazhi.analysis.export import FORMATS, export_bytes
from fazhi.analysis.graph import NODE_TYPES, GraphFilter, iri_ref
from fazhi.analysis.indicators import (
    observations,
    parse_indicators,
    parse_places,
    parse_years,
    to_csv,
)
from fazhi.analysis.scheme import load as load_scheme
from fazhi.errors import BadRequest
from fazhi.paths import resource_dir
from fazhi.web import get_config, get_store
from fazhi.web.site import get_site

bp = Blueprint("analysis", __name__)

WAIT = 8.0
#: Nodes drawn by default, and at most, in the network view.
LIMIT, MAX_LIMIT = 150, 1000
#: Node types drawn when none are chosen (measures only appear in one report's graph).
DEFAULT_TYPES = ("Report", "Organization", "GovernmentDocument", "Indicator", "Measure")
#: Front-end files served from node_modules: URL name → path under webapp/node_modules.
LIBRARIES = {"cytoscape.min.js": ("cytoscape", "dist", "cytoscape.min.js"),
             "chart.umd.min.js": ("chart.js", "dist", "chart.umd.min.js")}


def init_app(app: Flask) -> None:
    """The blueprint, and this app's own analysis cache, which saves corpus networks to disk
    (``Config.saved_analyses_dir``) so that a restart does not rebuild them."""
    app.register_blueprint(bp)
    app.extensions["fazhi.analyses"] = AnalysisCache(folder=app.config["FAZHI"].saved_analyses_dir)


# ------------------------------------------------------------------ helpers
def page_url(iri: str) -> str:
    """The local page of an IRI minted under the base (``/page/id/…``); other IRIs as they are."""
    base = get_config().base_uri
    if not iri.startswith(base):
        return iri
    return "/page/" + quote(iri[len(base):], safe="/-._~:@!$&'()*+,;=#")


def _iri_param(name: str) -> str | None:
    """An IRI parameter, also accepted as a path under the base (``id/org/…``)."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    iri = value if "://" in value else get_config().base_uri + value.lstrip("/")
    iri_ref(iri, name)
    return iri


def _int_param(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return int(value)


def _graph_filter() -> GraphFilter:
    return GraphFilter(tuple(parse_years(request.args.getlist("year"))), _iri_param("issuer"),
                       _iri_param("report"))


def _types() -> tuple[str, ...]:
    chosen = request.args.getlist("type")
    for t in chosen:
        if t not in NODE_TYPES:
            raise BadRequest(f"unknown node type {t!r}; use one of: {', '.join(NODE_TYPES)}")
    return tuple(chosen) or DEFAULT_TYPES


def _analysis(f: GraphFilter) -> Analysis:
    config, cache = get_config(), current_app.extensions["fazhi.analyses"]
    return cache.get(get_store().with_timeout(config.remote_timeout), config.base_uri, f, wait=WAIT)


def _json(data, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status=status, content_type="application/json")


def _csv(text: str, filename: str) -> Response:
    response = Response(text, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ------------------------------------------------------------------ network
def elements(a: Analysis, types: tuple[str, ...], limit: int, keep: set[str]) -> dict:
    """cytoscape.js elements: the ``limit`` busiest nodes of ``types`` (and ``keep``), their edges."""
    g = a.graph
    ranked = sorted((n for n, d in g.nodes(data=True) if d.get("type") in types),
                    key=lambda n: (-g.nodes[n].get("degree", 0), n))
    chosen = set(ranked[:limit]) | {n for n in keep if n in g}
    nodes = [{"data": {**node_record(g, n), "id": n, "url": page_url(n)}} for n in sorted(chosen)]
    edges = [{"data": {"id": f"e{i}", "source": u, "target": v, "type": k, "weight": d.get("weight", 1)}}
             for i, (u, v, k, d) in enumerate(g.subgraph(chosen).edges(keys=True, data=True))]
    return {"nodes": nodes, "edges": edges, "shown": len(nodes), "of": sum(1 for _ in ranked)}


def stats(a: Analysis) -> dict:
    m, g = a.measures, a.graph
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "communities": m.communities,
            "components": len(m.component_sizes), "largest_component": (m.component_sizes or [0])[0],
            "betweenness_sample": m.betweenness_sample or 0, "version": a.version,
            "seconds": round(a.seconds, 2)}


def top_nodes(a: Analysis, types: tuple[str, ...], n: int = 30) -> list[dict]:
    among = {k for k, d in a.graph.nodes(data=True) if d.get("type") in types}
    return [{**node_record(a.graph, k), "url": page_url(k)} for k, _ in a.measures.top("betweenness", n, among)]


def top_documents(a: Analysis, n: int = 20) -> list[dict]:
    return [{**node_record(a.graph, k), "url": page_url(k)} for k, _ in a.measures.top("cited_by_orgs", n)]


def communities(a: Analysis, n: int = 12) -> list[dict]:
    """The largest communities, each named by its most central members."""
    members: dict[int, list[str]] = {}
    for node, c in a.measures.community.items():
        members.setdefault(c, []).append(node)
    out = []
    for c in sorted(members, key=lambda c: (-len(members[c]), c))[:n]:
        central = a.measures.top("betweenness", 3, set(members[c]))
        out.append({"community": c, "size": len(members[c]),
                    "central": [{"label": a.graph.nodes[k].get("label", k), "url": page_url(k)} for k, _ in central]})
    return out


def _network_query() -> str:
    return request.query_string.decode("latin-1")


@bp.route("/network")
def network() -> Response:
    # Summaries of a 90,000-node graph take about a second: rendered once per dataset version
    # and URL, like the home and index pages.
    body = get_site().memo("network:" + request.full_path, _network_page)
    return Response(body, mimetype="text/html")


def _network_page() -> str:
    f, types = _graph_filter(), _types()
    limit = _int_param("limit", LIMIT, 1, MAX_LIMIT)
    a = _analysis(f)
    return render_template("analysis/network.html", stats=stats(a), top=top_nodes(a, types),
                           documents=top_documents(a), communities=communities(a), filter=f,
                           types=types, all_types=NODE_TYPES, limit=limit, query=_network_query(),
                           formats=list(FORMATS), years=sorted(set(_years(a)) | set(f.years)))


def _years(a: Analysis) -> list[int]:
    return sorted({d["year"] for _, d in a.graph.nodes(data=True) if d.get("type") == "Report"})


@bp.route("/network.json")
def network_json() -> Response:
    return Response(get_site().memo("network.json:" + request.full_path, _network_json),
                    content_type="application/json")


def _network_json() -> str:
    f, types = _graph_filter(), _types()
    limit = _int_param("limit", LIMIT, 1, MAX_LIMIT)
    a = _analysis(f)
    keep = {x for x in (f.report, f.issuer) if x}
    return json.dumps({"stats": stats(a), "elements": elements(a, types, limit, keep)}, ensure_ascii=False)


@bp.route("/network/download.<fmt>")
def network_download(fmt: str) -> Response:
    if fmt not in FORMATS:
        raise BadRequest(f"unknown network format {fmt!r}; use one of: {', '.join(FORMATS)}")
    body = export_bytes(_analysis(_graph_filter()).graph, fmt)
    response = Response(body, content_type=FORMATS[fmt] + ("; charset=utf-8" if fmt != "json" else ""))
    response.headers["Content-Disposition"] = f'attachment; filename="fazhi-network.{fmt}"'
    return response


def _ego() -> dict:
    iri = _iri_param("iri")
    if iri is None:
        raise BadRequest("give the entity as ?iri=… (its IRI, or a path such as id/org/…)")
    limit = _int_param("limit", 40, 1, 500)
    record = ego_of(_analysis(GraphFilter()).graph, iri, limit)
    record["url"] = page_url(iri)
    for n in record["neighbours"]:
        n["url"] = page_url(n["iri"])
    return record


@bp.route("/network/ego.json")
def ego_json() -> Response:
    return _json(_ego())


@bp.route("/network/ego")
def ego_page() -> Response:
    return render_template("analysis/ego.html", ego=_ego(), page_url=page_url)


# ------------------------------------------------------------------ indicators and comparison
def _selection(indicators: list[str]) -> dict:
    base = get_config().base_uri
    return {"indicators": parse_indicators(indicators, base),
            "places": parse_places(request.args.getlist("place")),
            "years": parse_years(request.args.getlist("year"))}


def _points(sel: dict):
    return observations(get_store(), get_config().base_uri, sel["indicators"], sel["places"], sel["years"])


def _specs(sel: dict, points) -> list[dict]:
    bar_year = sel["years"][-1] if sel["years"] else None
    return [charts.chart_spec(c, [p for p in points if p.indicator == c.notation], page_url,
                              places_chosen=bool(sel["places"]), bar_year=bar_year)
            for c in sel["indicators"]]


def _compare_page(sel: dict, title: str) -> Response:
    points = _points(sel) if sel["indicators"] else []
    return render_template("analysis/compare.html", title=title, sel=sel, points=points, page_url=page_url,
                           specs=_specs(sel, points), scheme=load_scheme(get_config().base_uri),
                           query=request.query_string.decode("latin-1"))


@bp.route("/compare")
def compare() -> Response:
    sel = _selection(request.args.getlist("indicator"))
    fmt = request.args.get("format", "html")
    if fmt not in ("html", "csv", "json"):
        raise BadRequest(f"unknown format {fmt!r}; use html, csv or json")
    if fmt != "html" and not sel["indicators"]:
        raise BadRequest("choose at least one indicator: ?indicator=full-online-processing-rate")
    if fmt == "csv":
        return _csv(to_csv(_points(sel)), "fazhi-compare.csv")
    if fmt == "json":
        points = _points(sel)
        return _json({"points": [p.to_dict() for p in points], "charts": _specs(sel, points)})
    return _compare_page(sel, "指标比较 Compare indicators")


@bp.route("/indicator-chart/<notation>")
def indicator_chart(notation: str) -> Response:
    sel = _selection([notation])
    concept = sel["indicators"][0]
    return _compare_page(sel, f"{concept.label} {concept.label_en}")


@bp.route("/indicator-data/<notation>.<fmt>")
def indicator_data(notation: str, fmt: str) -> Response:
    if fmt not in ("csv", "json"):
        raise BadRequest(f"unknown format {fmt!r}; use .csv or .json")
    sel = _selection([notation])
    points = _points(sel)
    if fmt == "csv":
        return _csv(to_csv(points), f"{notation}.csv")
    return _json({"points": [p.to_dict() for p in points], "chart": _specs(sel, points)[0]})


def _report_themes() -> dict:
    iri = _iri_param("iri")
    if iri is None:
        raise BadRequest("give the report as ?iri=… (its IRI, or a path such as id/report/…)")
    return charts.report_themes(get_store(), get_config().base_uri, iri, page_url)


@bp.route("/report-chart.json")
def report_chart_json() -> Response:
    return _json(_report_themes())


@bp.route("/report-chart")
def report_chart() -> Response:
    data = _report_themes()
    return render_template("analysis/report_chart.html", data=data, page_url=page_url)


# ------------------------------------------------------------------ libraries
@bp.route("/analysis/lib/<name>")
def library(name: str) -> Response:
    """cytoscape.js and Chart.js, from the npm install in ``webapp/node_modules``."""
    path = LIBRARIES.get(name)
    if path is None:
        abort(404, description=f"no library {name!r}")
    folder = resource_dir("webapp").joinpath("node_modules", *path[:-1])
    if not (folder / path[-1]).is_file():
        abort(404, description="the chart libraries are not installed (run `make install`)")
    return send_from_directory(folder, path[-1], max_age=86400)
