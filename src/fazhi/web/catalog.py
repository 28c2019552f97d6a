"""Dataset metadata on the web: ``/catalog`` (DCAT-AP), ``/.well-known/void`` (VoID),
``/sitemap.xml`` and ``/robots.txt``.

Everything corpus-wide comes from the dataset summary (one small query per request, for the
version) and the release manifest; what needs a real query (coverage, example resources,
sitemaps) is computed once per dataset version and kept.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, render_template, request, send_file

from fazhi.dataset import DatasetSummary, read_summary
from fazhi.errors import NotAcceptable, NotFound
from fazhi.publish import cached_manifest
from fazhi.publish.coverage import compute_coverage
from fazhi.publish.dcat import catalog_graph
from fazhi.publish.sitemap import sitemap_index, write_sitemaps
from fazhi.publish.void import example_resources, void_graph
from fazhi.web.conneg import choose

bp = Blueprint("catalog", __name__)

#: RDF representations offered by conneg, with the suffix that asks for each one in the URL.
RDF_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "rdf": "application/rdf+xml",
             "nt": "application/n-triples"}
RDFLIB_FORMAT = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                 "application/rdf+xml": "xml", "application/n-triples": "nt"}
HTML = "text/html"


def init_app(app: Flask) -> None:
    if "catalog" in app.blueprints:
        return
    app.register_blueprint(bp)
    app.extensions["fazhi.catalog"] = _Cache()
    app.after_request(_describedby)
    app.jinja_env.globals["dataset_links"] = dataset_links


def dataset_links() -> list[dict[str, str]]:
    """``<link>`` elements for the home page's ``<head>``: the VoID and DCAT descriptions."""
    return [{"rel": "describedby", "href": "/.well-known/void", "type": "text/turtle", "title": "VoID"},
            {"rel": "describedby", "href": "/catalog", "type": "text/turtle", "title": "DCAT-AP"},
            {"rel": "sitemap", "href": "/sitemap.xml", "type": "application/xml", "title": "Sitemap"}]


def _describedby(response: Response) -> Response:
    """The home page points to its dataset descriptions in a ``Link`` header too."""
    if request.path == "/" and request.method in ("GET", "HEAD"):
        links = [f'<{l["href"]}>; rel="{l["rel"]}"; type="{l["type"]}"' for l in dataset_links()[:2]]
        existing = response.headers.get("Link")
        response.headers["Link"] = ", ".join(([existing] if existing else []) + links)
    return response


class _Cache:
    """Per-version results: computed by the first request that needs them, under a lock."""

    def __init__(self):
        self.lock = threading.RLock()  # computations may consult the cache themselves
        self.values: dict[tuple, object] = {}

    def get(self, key: tuple, compute):
        with self.lock:
            if key not in self.values:
                if len(self.values) > 64:
                    self.values.clear()
                self.values[key] = compute()
            return self.values[key]


def _cache() -> _Cache:
    return current_app.extensions["fazhi.catalog"]


def _env():
    from fazhi.web import get_config, get_store

    return get_config(), get_store()


def _state() -> tuple[DatasetSummary, object, str]:
    """Summary, manifest and a validator naming exactly what the descriptions depend on."""
    config, store = _env()
    summary = read_summary(store, config.base_uri)
    manifest = cached_manifest(config.dumps_dir)
    stamp = f"{summary.version}|{manifest.generated if manifest else ''}|{config.base_uri}"
    return summary, manifest, hashlib.sha256(stamp.encode()).hexdigest()[:20]


def _negotiate(ext: str | None) -> str:
    if ext:
        if ext not in RDF_TYPES:
            raise NotFound(f"no .{ext} representation; use one of: .{', .'.join(RDF_TYPES)}")
        return RDF_TYPES[ext]
    chosen = choose(request.headers.get("Accept"), [HTML, *RDF_TYPES.values(), "application/json"])
    if chosen is None:
        raise NotAcceptable("available as text/html, " + ", ".join(RDF_TYPES.values()))
    return "application/ld+json" if chosen == "application/json" else chosen


def _rdf_response(graph_key: tuple, build, media: str, etag: str) -> Response:
    body = _cache().get(graph_key + (media,), lambda: build().serialize(format=RDFLIB_FORMAT[media], encoding="utf-8"))
    response = Response(body, mimetype=media)
    return _validated(response, etag + media)


def _validated(response: Response, etag: str) -> Response:
    response.set_etag(hashlib.sha256(etag.encode()).hexdigest()[:24])
    response.headers["Cache-Control"] = "public, max-age=300"
    response.vary.add("Accept")
    return response.make_conditional(request)


# ------------------------------------------------------------------ DCAT
def _catalog(summary, manifest, etag):
    config, store = _env()
    coverage = None if manifest else _cache().get(("coverage", summary.version),
                                                  lambda: compute_coverage(store, config.base_uri))
    return lambda: _cache().get(("catalog-graph", etag),
                                lambda: catalog_graph(config, manifest=manifest, summary=summary, coverage=coverage))


@bp.route("/catalog", methods=["GET", "HEAD"])
@bp.route("/catalog.<ext>", methods=["GET", "HEAD"])
def catalog(ext: str | None = None):
    media = _negotiate(ext)
    summary, manifest, etag = _state()
    build = _catalog(summary, manifest, etag)
    if media == HTML:
        body = render_template("catalog/catalog.html", view=catalog_view(build(), _env()[0].base_uri),
                               manifest=manifest, summary=summary)
        return _validated(Response(body, mimetype=HTML), etag + HTML)
    return _rdf_response(("catalog", etag), build, media, etag)


@bp.route("/data/<any(corpus, metrics, organizations, documents):name>", methods=["GET", "HEAD"])
def dataset(name: str):
    """The datasets' IRIs dereference to the catalogue that describes them (303)."""
    response = Response(status=303)
    response.headers["Location"] = f"/catalog#{name}"
    response.vary.add("Accept")
    return response


def catalog_view(graph, base_uri: str) -> dict:
    """What the HTML page shows: each dataset with its title, description and distributions."""
    from rdflib import URIRef
    from rdflib.namespace import DCAT, DCTERMS as DCT, RDF

    def text(node, prop, lang):
        values = [o for o in graph.objects(node, prop) if getattr(o, "language", None) == lang]
        return str(values[0]) if values else ""

    datasets = []
    for node in sorted(graph.subjects(RDF.type, DCAT.Dataset)):
        dists = []
        for d in sorted(graph.objects(node, DCAT.distribution)):
            dists.append({"title": text(d, DCT.title, "en"), "url": str(graph.value(d, DCAT.downloadURL) or graph.value(d, DCAT.accessURL)),
                          "size": graph.value(d, DCAT.byteSize), "media": str(graph.value(d, DCAT.mediaType) or "").rsplit("media-types/", 1)[-1]})
        datasets.append({"iri": str(node), "anchor": str(node).rsplit("/", 1)[-1], "title_zh": text(node, DCT.title, "zh"),
                         "title_en": text(node, DCT.title, "en"), "description": text(node, DCT.description, "en"),
                         "description_zh": text(node, DCT.description, "zh"), "distributions": dists})
    return {"datasets": datasets, "catalog": base_uri + "catalog"}


# ------------------------------------------------------------------ VoID
@bp.route("/.well-known/void", methods=["GET", "HEAD"])
@bp.route("/.well-known/void.<ext>", methods=["GET", "HEAD"])
def void(ext: str | None = None):
    media = _negotiate(ext)
    if media == HTML:
        media = "text/turtle"  # VoID is for machines; a browser gets readable Turtle
    summary, manifest, etag = _state()
    config, store = _env()
    examples = _cache().get(("examples", summary.version), lambda: example_resources(store, config.base_uri))
    build = lambda: void_graph(config, summary, manifest, examples)  # noqa: E731
    return _rdf_response(("void", etag), build, media, etag)


# ------------------------------------------------------------------ sitemaps and robots
def _sitemaps(summary: DatasetSummary) -> tuple[Path, int]:
    """The sitemap files of this dataset version, written on first use."""
    config, store = _env()
    folder = _sitemap_root(config) / (summary.version or "empty")

    def build() -> int:
        done = folder / "count"
        if done.is_file():
            return int(done.read_text())
        count = write_sitemaps(store, config.base_uri, folder, summary.modified)
        done.write_text(str(count))
        return count

    return folder, _cache().get(("sitemaps", summary.version), build)


def _sitemap_root(config) -> Path:
    key = hashlib.sha256((config.base_uri + config.store + config.endpoint).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "fazhi-sitemaps" / key


@bp.route("/sitemap.xml", methods=["GET", "HEAD"])
def sitemap():
    summary = _state()[0]
    folder, count = _sitemaps(summary)
    base = _env()[0].base_uri
    if count <= 1:
        if count == 0:
            body = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
            return _validated(Response(body, mimetype="application/xml"), summary.version + "sm")
        return _validated(send_file(folder / "sitemap-1.xml", mimetype="application/xml"), summary.version + "sm")
    body = sitemap_index(base, count, summary.modified)
    return _validated(Response(body, mimetype="application/xml"), summary.version + "smi")


@bp.route("/sitemaps/<int:number>.xml", methods=["GET", "HEAD"])
def sitemap_part(number: int):
    summary = _state()[0]
    folder, count = _sitemaps(summary)
    if not 1 <= number <= count:
        raise NotFound(f"there are {count} sitemap files")
    return _validated(send_file(folder / f"sitemap-{number}.xml", mimetype="application/xml"),
                      f"{summary.version}sm{number}")


@bp.route("/robots.txt", methods=["GET", "HEAD"])
def robots():
    base = _env()[0].base_uri
    body = ("User-agent: *\n"
            "Allow: /\n"
            "Disallow: /sparql?\n"
            "Disallow: /dumps/report/\n"
            f"Sitemap: {base}sitemap.xml\n")
    return Response(body, mimetype="text/plain")
