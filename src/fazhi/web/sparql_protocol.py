"""Read a SPARQL 1.1 Protocol query request: the query, the protocol dataset, the format
and the time limit, each wrong one refused with its own 4xx and the reason.

Query operation (SPARQL 1.1 Protocol §2.1): GET ``?query=``, POST form-encoded, POST
``application/sparql-query``; ``default-graph-uri``/``named-graph-uri`` from the URL (and the
form body for form POSTs). Update operations are refused: the endpoint is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request

from fazhi.errors import (BadRequest, NotAcceptable, PayloadTooLarge, ReadOnlyStore,
                          UnsupportedMediaType)
from fazhi.sparql.results import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES
from fazhi.web.conneg import choose

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"

#: Media types offered by conneg, first = default; aliases map to what is written.
RESULT_OFFERS = list(RESULT_TYPES) + ["application/json", "application/xml", "text/xml"]
GRAPH_OFFERS = list(GRAPH_TYPES) + ["text/plain", "application/n-quads", "application/json",
                                    "application/xml", "text/xml", "text/n3"]
ALIASES = {"application/json": None, "application/xml": None, "text/xml": None,
           "text/plain": "application/n-triples", "text/n3": "text/turtle",
           "application/n-quads": "application/n-triples"}

#: ``format`` names that mean an RDF format for CONSTRUCT/DESCRIBE (SPARQLWrapper sends
#: ``format=xml`` when it asks for RDF/XML and ``format=n3`` for Turtle-like text).
GRAPH_NAMES = {"xml": "application/rdf+xml", "json": "application/ld+json", "n3": "text/turtle"}


@dataclass
class QueryRequest:
    query: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    format: str | None = None
    timeout: str | None = None


def read_query_request(request: Request, max_bytes: int) -> QueryRequest | None:
    """The query request, or None when the request carries no query (a GET of the page)."""
    _check_size(request, max_bytes)
    if "update" in request.args:
        raise _read_only()
    if request.method == "GET":
        return _from_fields(request.args, request.args)
    kind = request.mimetype
    if kind == FORM:
        form = request.form
        if "update" in form:
            raise _read_only()
        return _from_fields(form, request.args, form)
    if kind == DIRECT:
        return _direct(request, max_bytes)
    if kind == UPDATE:
        raise _read_only()
    raise UnsupportedMediaType(
        f"a POST must be {FORM} (query=...) or {DIRECT} (the query as the body); "
        f"got {kind or 'no Content-Type'}")


def _read_only() -> ReadOnlyStore:
    return ReadOnlyStore("this endpoint is read-only: SPARQL updates are not accepted")


def _check_size(request: Request, max_bytes: int) -> None:
    size = max(request.content_length or 0, len(request.query_string))
    if size > max_bytes:
        raise PayloadTooLarge(f"the request is {size} bytes; the limit is {max_bytes}")


def _from_fields(fields, args, form=None) -> QueryRequest | None:
    queries = fields.getlist("query")
    if len(queries) > 1:
        raise BadRequest("give one query per request, not several 'query' parameters")
    if not queries:
        if "default-graph-uri" in fields or "named-graph-uri" in fields:
            raise BadRequest("missing the 'query' parameter")
        return None
    if not queries[0].strip():
        raise BadRequest("the 'query' parameter is empty")
    return _with_options(QueryRequest(queries[0]), args, form)


def _direct(request: Request, max_bytes: int) -> QueryRequest:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"a SPARQL query body must be UTF-8, not {charset}")
    data = request.get_data(cache=False)
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"the request is over the limit of {max_bytes} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the query body is not valid UTF-8 ({exc.reason} at byte {exc.start})")
    if not text.strip():
        raise BadRequest("the query body is empty")
    return _with_options(QueryRequest(text), request.args)


def _with_options(found: QueryRequest, args, form=None) -> QueryRequest:
    sources = [args] + ([form] if form is not None else [])
    defaults = [g for s in sources for g in s.getlist("default-graph-uri")]
    named = [g for s in sources for g in s.getlist("named-graph-uri")]
    if defaults or named:
        found.default_graphs, found.named_graphs = defaults, named or None
    found.format = _single(sources, "format")
    found.timeout = _single(sources, "timeout")
    return found


def _single(sources, name: str) -> str | None:
    for source in sources:
        value = source.get(name)
        if value:
            return value.strip()
    return None


def result_media_type(fmt: str | None, accept: str | None, returns_graph: bool) -> str:
    """The media type to answer in: ``format`` first, then the Accept header.

    :raises NotAcceptable: the format is unknown, does not fit the query form, or nothing
        the client accepts can be written.
    """
    table = GRAPH_TYPES if returns_graph else RESULT_TYPES
    kind = "CONSTRUCT/DESCRIBE" if returns_graph else "SELECT/ASK"
    if fmt:
        media = _named_format(fmt.lower(), returns_graph, table)
        if media is None:
            names = [n for n, m in FORMAT_NAMES.items() if m in table]
            raise NotAcceptable(f"format {fmt!r} cannot be used for a {kind} answer; "
                                f"use one of: {', '.join(names)}")
        return media
    chosen = choose(accept, GRAPH_OFFERS if returns_graph else RESULT_OFFERS)
    if chosen is None:
        raise NotAcceptable(f"none of the accepted types ({accept}) can hold a {kind} answer; "
                            f"accepted are: {', '.join(table)}")
    return _alias(chosen, returns_graph)


def _named_format(name: str, returns_graph: bool, table: dict) -> str | None:
    """``json``, ``ttl``, a media type, or a subtype alone (``rdf+xml``, as SPARQLWrapper sends)."""
    candidates = [GRAPH_NAMES.get(name) if returns_graph else None, FORMAT_NAMES.get(name),
                  name, f"application/{name}", f"text/{name}"]
    for candidate in filter(None, candidates):
        media = _alias(candidate, returns_graph)
        if media in table:
            return media
    return None


def _alias(media: str, returns_graph: bool) -> str:
    if media not in ALIASES:
        return media
    target = ALIASES[media]
    if target is not None:
        return target
    if "json" in media:
        return "application/ld+json" if returns_graph else "application/sparql-results+json"
    return "application/rdf+xml" if returns_graph else "application/sparql-results+xml"


def time_limit(raw: str | None, maximum: float) -> float:
    """The query's time limit: the ``timeout`` parameter (seconds), at most ``maximum``."""
    if raw is None:
        return maximum
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"timeout must be a number of seconds, not {raw!r}") from None
    if not 0 < value < float("inf"):
        raise BadRequest(f"timeout must be a positive number of seconds, not {raw!r}")
    return min(value, maximum)
