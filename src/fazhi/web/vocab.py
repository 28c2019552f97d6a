"""``/def/…``: the ontology and concept schemes, dereferenceable at their own IRIs.

``/def/fz`` is the ontology document (``/def/fz#Term`` lands on the term's section); each
concept scheme is ``/def/{scheme}`` and each concept ``/def/{scheme}/{notation}``. Browsers
get HTML, RDF clients Turtle, JSON-LD, RDF/XML or N-Triples by ``Accept`` or by a suffix
(``/def/fz.ttl``). The curated vocabularies come from ``ontology/``; the indicator phrases
found in reports (``/def/indicator-phrase/…``) come from the store.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, render_template, request
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from fazhi.errors import BadRequest, NotFound
from fazhi.paths import resource_dir
from fazhi.publish.vocabulary import Views, describe, load, scheme_document, vocabulary
from fazhi.web.catalog import HTML, RDF_TYPES, RDFLIB_FORMAT, _negotiate

bp = Blueprint("vocab", __name__)

PHRASES = "indicator-phrase"
PAGE = 200


def init_app(app: Flask) -> None:
    if "vocab" not in app.blueprints:
        app.register_blueprint(bp)


def _base() -> str:
    from fazhi.web import get_config

    return get_config().base_uri


def _split(path: str) -> tuple[str, str | None]:
    """``fz.ttl`` → (``fz``, ``ttl``); a name without a known suffix is kept whole."""
    stem, dot, ext = path.rpartition(".")
    if dot and ext in RDF_TYPES:
        return stem, ext
    return path, None


def _respond(graph: Graph, media: str, template: str, **context) -> Response:
    if media == HTML:
        response = Response(render_template(template, **context), mimetype=HTML)
    else:
        response = Response(graph.serialize(format=RDFLIB_FORMAT[media], encoding="utf-8"), mimetype=media)
    response.vary.add("Accept")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.route("/def/<path:path>", methods=["GET", "HEAD"])
def term(path: str):
    if any(c in path for c in '<>"{}|\\^` '):
        raise BadRequest("the path holds characters that cannot appear in an IRI")
    name, ext = _split(path)
    media = _negotiate(ext)
    base = _base()
    iri = URIRef(base + "def/" + name)
    if name == "fz":
        return _ontology(media, base)
    if name == "shapes":
        return _shapes(media, base)
    if name == PHRASES or name.startswith(PHRASES + "/"):
        return _phrases(media, base, iri, name)
    graph = vocabulary(base)
    if (iri, RDF.type, SKOS.ConceptScheme) in graph:
        views = Views(graph, base)
        return _respond(scheme_document(graph, iri), media, "vocab/scheme.html", scheme=views.scheme(iri))
    if (iri, None, None) in graph:
        return _resource(graph, iri, media, base)
    raise NotFound(f"{iri} is not defined by fazhi's vocabularies")


def _ontology(media: str, base: str) -> Response:
    graph = load("fazhi.ttl", base)
    views = Views(vocabulary(base), base)
    return _respond(graph, media, "vocab/ontology.html", ontology=views.ontology(URIRef(base + "def/fz")))


def _shapes(media: str, base: str) -> Response:
    graph = load("shapes.ttl", base)
    source = (resource_dir("ontology") / "shapes.ttl").read_text(encoding="utf-8")
    return _respond(graph, media, "vocab/source.html", title="SHACL shapes", iri=base + "def/shapes", source=source)


def _resource(graph: Graph, iri: URIRef, media: str, base: str) -> Response:
    views = Views(graph, base)
    if (iri, RDF.type, SKOS.Concept) in graph:
        return _respond(describe(graph, iri), media, "vocab/concept.html", concept=views.concept(iri),
                        statements=views.statements(iri))
    return _respond(describe(graph, iri), media, "vocab/concept.html", concept=views.entry(iri),
                    statements=views.statements(iri))


def _phrases(media: str, base: str, iri: URIRef, name: str) -> Response:
    """Indicator phrases live in the report graphs: one query for a concept or a page of them."""
    from fazhi.web import get_store

    store = get_store()
    graph = _store_description(store, iri)
    if name == PHRASES:
        page = _page()
        concepts = _phrase_page(store, iri, page)
        for concept in concepts:
            graph += _store_description(store, concept)
        views = Views(graph, base)
        view = views.scheme(iri, concepts)
        return _respond(graph, media, "vocab/scheme.html", scheme=view, page=page,
                        more=len(concepts) == PAGE)
    if len(graph) == 0:
        raise NotFound(f"no indicator phrase {iri}")
    views = Views(graph, base)
    return _respond(graph, media, "vocab/concept.html", concept=views.concept(iri), statements=views.statements(iri))


def _page() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
        raise BadRequest("page must be a number from 1 to 10000")
    return int(raw)


def _store_description(store, iri: URIRef) -> Graph:
    graph = Graph()
    graph.bind("skos", SKOS)
    result = store.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}")
    graph.parse(data=result.serialize("application/n-triples"), format="nt")
    return graph


def _phrase_page(store, scheme: URIRef, page: int) -> list[URIRef]:
    query = (f"SELECT DISTINCT ?c WHERE {{ ?c <{SKOS.inScheme}> <{scheme}> }} "
             f"LIMIT {PAGE} OFFSET {(page - 1) * PAGE}")
    return [URIRef(row["c"].value) for row in store.query(query)]
