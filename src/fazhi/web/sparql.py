"""``/sparql``: the SPARQL 1.1 Protocol endpoint (read-only) and its query editor.

- A request with a query is checked (:mod:`fazhi.sparql.guard`), run by the app's runner
  (worker processes with a time limit and a row cap, :mod:`fazhi.sparql.runner`) and answered
  in the format chosen by ``?format=`` or the Accept header.
- A GET without a query is the Service Description (Turtle and other RDF by conneg) or, for a
  browser, the query editor (YASGUI, served from ``webapp/node_modules``; a plain HTML form
  without JavaScript).
- Queries are open to every origin (CORS ``*``): the data is public and read-only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time

import pyoxigraph as ox
from flask import (Blueprint, Flask, Response, abort, current_app, render_template, request,
                   send_from_directory, url_for)

from fazhi.dataset import DatasetSummary, read_summary
from fazhi.errors import BadRequest, FazhiError
from fazhi.paths import resource_dir
from fazhi.sparql import guard
from fazhi.sparql.examples import load_examples
from fazhi.sparql.runner import Runner, make_runner, raise_for
from fazhi.sparql.service import description
from fazhi.sparql.terms import all_terms, prefixes
from fazhi.sparql.worker import Job
from fazhi.web import SECURITY_HEADERS, get_config, get_store
from fazhi.web.conneg import choose
from fazhi.web.sparql_protocol import (RESULT_OFFERS, QueryRequest, read_query_request,
                                       result_media_type, time_limit)

bp = Blueprint("sparql", __name__)

SD_OFFERS = ["text/turtle", "text/html", "application/n-triples", "application/ld+json",
             "application/rdf+xml"]
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept",
        "Access-Control-Expose-Headers": "X-Fazhi-Truncated, X-Fazhi-Rows, X-Fazhi-Row-Limit",
        "Access-Control-Max-Age": "86400"}
YASGUI_BUILD = ("node_modules", "@zazuko", "yasgui", "build")
_RUNNER_LOCK = threading.Lock()
#: Seconds the dataset summary (for the terms list and service description) is reused.
SUMMARY_TTL = 60.0
#: The two ``<style>`` elements YASR's column resizer (npm ``column-resizer``, bundled in
#: yasgui.min.js) adds: its table layout rules when a result table is drawn, and a cursor rule
#: while a column is dragged. Both are constant, so the editor page allows exactly these two
#: texts by hash; every other page keeps ``style-src 'self'``, and no other inline style runs.
RESIZER_STYLES = (
    " .grip-resizable{table-layout:fixed;} .grip-resizable > tbody > tr > td, .grip-resizable > "
    "tbody > tr > th{overflow:hidden} .grip-padding > tbody > tr > td, .grip-padding > tbody > tr"
    " > th{padding-left:0!important; padding-right:0!important;} .grip-container{ height:0px; "
    "position:relative;} .grip-handle{margin-left:-5px; position:absolute; z-index:5; } "
    ".grip-handle .grip-resizable{position:absolute;background-color:red;filter:alpha(opacity=1)"
    ";opacity:0;width:10px;height:100%;cursor: col-resize;top:0px} .grip-lastgrip{position:"
    "absolute; width:1px; } .grip-drag{ border-left:1px dotted black;\t} .grip-flex{width:auto"
    "!important;} .grip-handle.grip-disabledgrip .grip-resizable{cursor:default; display:none;}",
    "*{cursor:col-resize!important}",
)


def _style_hash(css: str) -> str:
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()


EDITOR_CSP = SECURITY_HEADERS["Content-Security-Policy"].replace(
    "style-src 'self'", "style-src 'self' " + " ".join(_style_hash(c) for c in RESIZER_STYLES))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.after_request(_cors)


def runner(app: Flask | None = None) -> Runner:
    """The app's query runner, made on first use (worker processes start lazily)."""
    app = app or current_app
    found = app.extensions.get("fazhi.sparql.runner")
    if found is None:
        with _RUNNER_LOCK:  # two first requests at once must not make two pools
            found = app.extensions.get("fazhi.sparql.runner")
            if found is None:
                config = get_config(app)
                found = make_runner(get_store(app), config.max_concurrent_queries)
                app.extensions["fazhi.sparql.runner"] = found
    return found


def _cors(response: Response) -> Response:
    if request.path.rstrip("/") == "/sparql":
        response.headers.update(CORS)
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"], strict_slashes=False)
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204)
    config = get_config()
    found = read_query_request(request, config.max_request_bytes)
    if found is None and request.method == "POST":
        raise BadRequest("the request carries no query: send query=... (form) or the query "
                         "itself as application/sparql-query")
    if found is None:
        return _no_query()
    return answer(found)


def answer(found: QueryRequest) -> Response:
    """Run one protocol request and build the HTTP response."""
    config = get_config()
    limit = time_limit(found.timeout, config.query_timeout)
    plan = guard.plan(found.query)
    guard.check_dataset(plan, _is_graph)
    html = _wants_html(found)
    media = "application/sparql-results+json" if html and not plan.returns_graph else (
        "text/turtle" if html else result_media_type(found.format, request.headers.get("Accept"),
                                                      plan.returns_graph))
    job = Job(found.query, media, config.max_rows, found.default_graphs, found.named_graphs,
              union_default=not plan.has_dataset,
              base_iri=url_for("sparql.endpoint", _external=True))
    result = raise_for(runner().run(job, limit))
    if html:
        return _html_result(found, plan, media, result)
    response = Response(result.body, content_type=_content_type(media))
    _result_headers(response, result, config.max_rows)
    return response


def _wants_html(found: QueryRequest) -> bool:
    """The editor page with the answer as a table: ``format=html``, or a browser's link."""
    if found.format:
        return found.format.lower() == "html"
    offers = RESULT_OFFERS + ["text/html"]
    return choose(request.headers.get("Accept"), offers) == "text/html"


def _is_graph(iri: str) -> bool:
    """True when ``iri`` names a graph of the dataset (one cheap ASK)."""
    node = ox.NamedNode(iri)
    return bool(get_store().query(f"ASK {{ GRAPH {node} {{ ?s ?p ?o }} }}"))


def _content_type(media: str) -> str:
    text_like = media.startswith("text/") or media.endswith(("json", "xml"))
    return f"{media}; charset=utf-8" if text_like else media


def _result_headers(response: Response, result, max_rows: int) -> None:
    response.headers["Vary"] = "Accept"
    response.headers["X-Fazhi-Rows"] = str(result.rows)
    response.headers["X-Fazhi-Row-Limit"] = str(max_rows)
    if result.truncated:
        response.headers["X-Fazhi-Truncated"] = "true"
    response.headers["Cache-Control"] = "no-store" if result.truncated else "public, max-age=60"


# ------------------------------------------------------------------ no query: SD or editor
def _no_query() -> Response:
    chosen = choose(request.headers.get("Accept"), SD_OFFERS) or "text/turtle"
    if chosen == "text/html":
        return _editor()
    config = get_config()
    triples = description(url_for("sparql.endpoint", _external=True), config, _summary())
    fmt = ox.RdfFormat.from_media_type(chosen)
    body = ox.serialize(triples, format=fmt)
    response = Response(body, content_type=_content_type(chosen))
    response.headers["Vary"] = "Accept"
    return response


def _editor(**context) -> Response:
    config = get_config()
    examples = [e.to_dict() for e in load_examples(config.base_uri)]
    settings = {"endpoint": url_for("sparql.endpoint"), "terms": url_for("sparql.terms"),
                "prefixes": prefixes(config.base_uri), "examples": examples,
                "limits": {"timeout": config.query_timeout, "max_rows": config.max_rows}}
    context.setdefault("query", request.args.get("query") or _default_query(examples))
    body = render_template("sparql/editor.html", settings=json.dumps(settings, ensure_ascii=False),
                           examples=examples, config=config, formats=_FORM_FORMATS, **context)
    response = Response(body, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    response.headers["Content-Security-Policy"] = EDITOR_CSP
    return response


_FORM_FORMATS = [("html", "HTML 表格 table"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"),
                 ("csv", "CSV"), ("tsv", "TSV"), ("ttl", "Turtle"), ("nt", "N-Triples"),
                 ("jsonld", "JSON-LD"), ("rdf", "RDF/XML")]


def _default_query(examples: list[dict]) -> str:
    return examples[0]["query"] if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"


def _html_result(found: QueryRequest, plan, media: str, result) -> Response:
    """The no-JavaScript form's answer: the editor page with the result under it."""
    table = turtle = None
    if plan.returns_graph:
        turtle = result.body.decode("utf-8")
    else:
        table = _table(result.body)
    response = _editor(query=found.query, table=table, turtle=turtle, rows=result.rows,
                       truncated=result.truncated)
    _result_headers(response, result, get_config().max_rows)
    response.headers["Cache-Control"] = "no-store"
    return response


def _table(body: bytes) -> dict:
    parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return {"vars": ["boolean"], "rows": [[str(bool(parsed)).lower()]]}
    names = [v.value for v in parsed.variables]
    rows = [[_cell(s[n]) for n in names] for s in parsed]
    return {"vars": names, "rows": rows}


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _summary() -> DatasetSummary:
    """The dataset summary, re-read at most once a minute."""
    cache = current_app.extensions.setdefault("fazhi.sparql.summary", {})
    if time.monotonic() - cache.get("at", -SUMMARY_TTL) >= SUMMARY_TTL:
        try:
            cache["value"] = read_summary(get_store(), get_config().base_uri)
        except FazhiError:
            cache["value"] = DatasetSummary()
        cache["at"] = time.monotonic()
    return cache["value"]


# ------------------------------------------------------------------ editor support
@bp.route("/sparql/terms.json")
def terms() -> Response:
    """Classes, properties and prefixes for the editor's autocompletion."""
    summary = _summary()
    data = all_terms(get_config().base_uri, summary.classes, summary.properties)
    response = Response(json.dumps(data, ensure_ascii=False), content_type="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/sparql/examples/<name>.rq")
def example(name: str) -> Response:
    for found in load_examples(get_config().base_uri):
        if found.name == name:
            return Response(found.query, content_type="application/sparql-query; charset=utf-8")
    abort(404, description=f"no example query named {name!r}")


@bp.route("/sparql/yasgui/<path:filename>")
def yasgui_asset(filename: str) -> Response:
    """YASGUI's built files, from the npm install in ``webapp/node_modules``."""
    folder = resource_dir("webapp").joinpath(*YASGUI_BUILD)
    if not folder.is_dir():
        abort(404, description="the query editor is not installed (run `make install`)")
    response = send_from_directory(folder, filename, max_age=86400)
    return response
