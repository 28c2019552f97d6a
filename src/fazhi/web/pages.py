"""The linked-data browser: dereferenceable ``/id/…`` IRIs, entity pages, data documents, indexes.

``/id/X`` answers 303 See Other to ``/page/X`` (HTML) or ``/data/X.ttl`` (etc.) by content
negotiation; ``/page/X`` and ``/data/X.{ttl,jsonld,rdf,nt}`` serve the IRI ``{base}X`` whatever
host the request came to. Responses carry ETag/Last-Modified from the dataset version, so a
client revalidating gets 304 without a single query.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

from flask import Blueprint, Flask, Response, render_template, request

from fazhi.dataset import dataset_iri
from fazhi.errors import BadRequest, NotAcceptable, NotFound
from fazhi.web import extras as extra_views
from fazhi.web.describe import INCOMING_SAMPLE, count_incoming, describe, incoming_page, names_of, sparql_iri
from fazhi.web.evidence import evidence_of
from fazhi.web.indexes import BUILDERS, Table, build_table, issuer_names, parse_query, report_infos, select
from fazhi.web.labels import local_name
from fazhi.web.links import EXTENSIONS, HTML, MEDIA_EXTENSION, Linker, format_param, negotiate, split_extension
from fazhi.web.rdfdoc import document_triples, serialize
from fazhi.web.site import Snapshot, get_site, init_site
from fazhi.web.views import EntityView, Presenter, entity_view, render_link, render_segments, render_term, schema_org

bp = Blueprint("pages", __name__)

INVERSE_PAGE = 50
INDEX_NAMES = tuple(BUILDERS)
INDEX_CLASSES = {"Report": "reports", "Organization": "organizations", "GovernmentDocument": "documents",
                 "Concept": "indicators", "Measure": "measures", "DateTimeInterval": "years"}


def linker() -> Linker:
    return get_site().linker


def tables_for(snap: Snapshot | None = None) -> dict[str, Table]:
    return {name: table(name, snap) for name in INDEX_NAMES}


def table(name: str, snap: Snapshot | None = None) -> Table:
    site = get_site()
    base = site.config.base_uri
    reports = site.derived("report-infos", lambda s: report_infos(s.store, base), snap)
    issuers = site.derived("issuer-names", lambda s: issuer_names(s.store, reports), snap)
    return site.derived("table:" + name, lambda s: build_table(name, s.store, base, reports, site.terms, issuers), snap)


def page_url_for_kind(kind: str) -> str:
    return "/" + INDEX_CLASSES.get(kind, "search")


# ---------------------------------------------------------------- caching


def _validators(variant: str) -> tuple[str, object]:
    snap = get_site().snapshot()
    return f"{snap.version or 'empty'}-{variant}", snap.last_modified


def not_modified(variant: str) -> Response | None:
    """304 when the client's copy is current (checked before any query runs)."""
    etag, modified = _validators(variant)
    if request.if_none_match:
        fresh = request.if_none_match.contains(etag) or request.if_none_match.star_tag
    else:
        since = request.if_modified_since
        fresh = bool(since and modified and modified.replace(microsecond=0) <= since)
    if not fresh:
        return None
    return _stamp(Response(status=304), variant)


def _stamp(response: Response, variant: str) -> Response:
    etag, modified = _validators(variant)
    response.set_etag(etag)
    if modified is not None:
        response.last_modified = modified
    response.headers["Cache-Control"] = "public, max-age=60"
    response.vary.add("Accept")
    return response


def _alternates(response: Response, iri: str, skip: str) -> None:
    links = [f'<{linker().data(iri, media)}>; rel="alternate"; type="{media}"'
             for media in EXTENSIONS.values() if media != skip]
    if skip != HTML:
        links.append(f'<{linker().page(iri)}>; rel="alternate"; type="text/html"')
    response.headers["Link"] = ", ".join(links)


# ---------------------------------------------------------------- /id/: 303 See Other


@bp.route("/id/<path:rest>", methods=["GET", "HEAD"])
def identifier(rest: str):
    """An identifier: 303 to its page or data document, chosen by extension, ?format= or Accept."""
    path, media = split_extension("id/" + rest)
    media = _requested(media)
    iri = linker().iri(path)
    if not _exists(iri):
        raise NotFound(f"nothing is known about {iri}")
    target = linker().page(iri) if media == HTML else linker().data(iri, media)
    response = Response(status=303)
    response.headers["Location"] = request.host_url.rstrip("/") + target
    response.vary.add("Accept")
    _alternates(response, iri, skip="")
    return response


def _requested(media: str | None) -> str:
    if request.args.get("format"):
        media = format_param(request.args["format"])
    media = media or negotiate(request.headers.get("Accept"))
    if media is None:
        offered = ", ".join([*EXTENSIONS.values(), HTML])
        raise NotAcceptable(f"this resource is available as {offered}")
    return media


def _exists(iri: str) -> bool:
    site = get_site()
    node = sparql_iri(iri)
    return bool(site.snapshot().store.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }}")) \
        or site.terms.knows(iri)


# ---------------------------------------------------------------- /data/: RDF documents


@bp.route("/data/<path:rest>", methods=["GET", "HEAD"])
def data(rest: str):
    path, media = split_extension(rest)
    media = _requested(media)
    if media == HTML:
        return _redirect(linker().page(linker().iri(path)))
    iri = linker().iri(path)
    variant = f"data:{MEDIA_EXTENSION[media]}"
    cached = not_modified(variant)
    if cached is not None:
        return cached
    body = _cached_body(variant + ":" + path, lambda: _document(iri, media))
    response = Response(body, mimetype=media)
    if media in ("text/turtle", "application/n-triples", "application/ld+json"):
        response.charset = "utf-8"
    _alternates(response, iri, skip=media)
    return _stamp(response, variant)


def _document(iri: str, media: str) -> bytes:
    site = get_site()
    store = site.snapshot().store
    d = describe(store, iri, site.config.base_uri, site.terms, per_property=INCOMING_SAMPLE, cache=site.names)
    if not d.exists:
        raise NotFound(f"nothing is known about {iri}")
    return serialize(document_triples(d, site.config.base_uri), media)


def _cached_body(key: str, build) -> bytes:
    """A rendered body from the page cache, or built (and kept) now."""
    cache = get_site().pages
    found = cache.get(key)
    if found is not None:
        return found[0]
    body = build()
    body = body.encode("utf-8") if isinstance(body, str) else body
    cache.put(key, body, "")
    return body


def _redirect(target: str) -> Response:
    response = Response(status=303)
    response.headers["Location"] = request.host_url.rstrip("/") + target
    return response


# ---------------------------------------------------------------- /page/: HTML


@bp.route("/page/<path:rest>", methods=["GET", "HEAD"])
def page(rest: str):
    path, media = split_extension(rest)
    if media not in (None, HTML):
        return _redirect(linker().data(linker().iri(path), media))
    iri = linker().iri(path)
    if request.args.get("inverse"):
        return inverse_list(iri, request.args["inverse"])
    variant = "page:" + request.query_string.decode("latin-1")
    cached = not_modified(variant)
    if cached is not None:
        return cached
    body = _cached_body(f"{variant}:{request.host}:{path}", lambda: _render_page(iri))
    response = Response(body, mimetype="text/html")
    _alternates(response, iri, skip=HTML)
    return _stamp(response, variant)


def _render_page(iri: str) -> str:
    view = build_view(iri)
    return render_template(_templates(view), view=view, url=linker().page(iri), crumbs=_crumbs(view),
                           schema=schema_org(view, request.host_url.rstrip("/") + linker().page(iri)),
                           alternates=_alternate_links(iri), index=_index_of(view))


def build_view(iri: str) -> EntityView:
    site = get_site()
    store, base = site.snapshot().store, site.config.base_uri
    d = describe(store, iri, base, site.terms, cache=site.names)
    if not d.exists:
        raise NotFound(f"nothing is known about {iri}")
    view = entity_view(d, linker())
    wanted: set[str] = set()
    for name in view.class_names:
        build = extra_views.EXTRAS.get(name)
        if build is not None and not view.extra:
            args = (store, iri, base, request.args.get("hl")) if name == "TextSnapshot" else (store, iri, base)
            view.extra, wanted = build(*args)
    view.evidence = evidence_of(store, iri, base) if "TextSnapshot" not in view.class_names else []
    wanted |= {e.report for e in view.evidence}
    missing = wanted - set(d.names)
    d.names.update(names_of(store, missing, site.terms, site.names))
    view.presenter = Presenter(linker(), d.names)
    return view


def _templates(view: EntityView) -> list[str]:
    return [f"entity/{name}.html" for name in view.class_names] + ["entity/entity.html"]


def _index_of(view: EntityView) -> str | None:
    return next((INDEX_CLASSES[c] for c in view.class_names if c in INDEX_CLASSES), None)


def _crumbs(view: EntityView) -> list[tuple[str, str]]:
    crumbs = [("/", "首页 Home")]
    index = _index_of(view)
    if index:
        crumbs.append((f"/{index}", index))
    for group in view.groups:
        if group.iri.endswith("/terms/isPartOf"):
            crumbs += [(v.href, v.text) for v in group.values[:1] if v.kind == "iri"]
    return crumbs + [("", view.title)]


def _alternate_links(iri: str) -> list[tuple[str, str]]:
    return [(media, linker().data(iri, media)) for media in EXTENSIONS.values()]


def inverse_list(iri: str, prop: str):
    """Every subject linking to ``iri`` through ``prop``, a page at a time."""
    if not prop.startswith(("http://", "https://")) or len(prop) > 500:
        raise BadRequest("inverse must be the full IRI of a property")
    raw = request.args.get("page", "1").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise BadRequest(f"page must be a whole number from 1 to 100000, not {raw!r}")
    number = int(raw)
    if not _exists(iri):
        raise NotFound(f"nothing is known about {iri}")
    site = get_site()
    store = site.snapshot().store
    subjects = incoming_page(store, iri, prop, (number - 1) * INVERSE_PAGE, INVERSE_PAGE)
    total, capped = count_incoming(store, iri, prop)
    names = names_of(store, {iri, prop, *subjects}, site.terms, site.names)
    presenter = Presenter(linker(), names)
    page_url = linker().page(iri)
    return render_template("entity/inverse.html", iri=iri, prop=prop, title=presenter.name(iri),
                           crumbs=[("/", "首页 Home"), (page_url, presenter.name(iri)), ("", presenter.name(prop))],
                           schema={"@context": "https://schema.org", "@type": "CollectionPage", "url": request.url,
                                   "name": f"{presenter.name(prop)} → {presenter.name(iri)}", "about": iri},
                           alternates=_alternate_links(iri),
                           prop_name=presenter.name(prop), items=[presenter.value(_node(s)) for s in subjects],
                           total=total, capped=capped, page=number, size=INVERSE_PAGE, url=linker().page(iri),
                           prop_param=quote(prop, safe=""))


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


# ---------------------------------------------------------------- home and indexes


@bp.route("/", methods=["GET", "HEAD"])
def home():
    cached = not_modified("home")
    if cached is not None:
        return cached
    body = get_site().memo("home", _home_body)
    return _stamp(Response(body, mimetype="text/html"), "home")


def _home_body() -> str:
    site = get_site()
    snap = site.snapshot()
    reports = table("reports") if not snap.empty else None
    recent = select(reports, parse_query({"sort": "-year", "size": "100"}, linker()))[0] if reports else []
    classes = sorted(snap.summary.classes.items(), key=lambda kv: -kv[1])
    return render_template("pages/home.html", summary=snap.summary, empty=snap.empty, reports=recent,
                           total_reports=len(reports.rows) if reports else 0, classes=classes,
                           class_name=lambda i: (site.terms.get(i).best if site.terms.get(i) else local_name(i)),
                           issuer_names=reports.issuer_names if reports else {}, page_url=linker().page,
                           store=site.config.endpoint or site.config.store, schema=_dataset_schema(snap))


def _dataset_schema(snap: Snapshot) -> dict:
    config = get_site().config
    data = {"@context": "https://schema.org", "@type": "Dataset", "@id": dataset_iri(config.base_uri),
            "name": config.dataset_title, "url": request.host_url, "license": config.license,
            "inLanguage": "zh", "creator": {"@type": "Organization", "name": config.publisher_name}}
    if snap.summary.modified:
        data["dateModified"] = snap.summary.modified
    data["distribution"] = [{"@type": "DataDownload", "contentUrl": request.host_url + "dumps/"}]
    return data


@bp.route("/<any(reports, organizations, documents, indicators, measures, years):name>", methods=["GET", "HEAD"])
@bp.route("/<any(reports, organizations, documents, indicators, measures, years):name>.<any(csv, json):ext>",
          methods=["GET", "HEAD"])
def index(name: str, ext: str | None = None):
    fmt = ext or request.args.get("format", "html").strip().lower() or "html"
    if fmt not in ("html", "csv", "json"):
        raise BadRequest(f"format must be html, csv or json, not {fmt!r}")
    query = parse_query(request.args, linker())
    variant = f"index:{name}:{fmt}:" + request.query_string.decode("latin-1")
    cached = not_modified(variant)
    if cached is not None:
        return cached
    body = get_site().memo(variant, lambda: _index_body(name, fmt, query))
    mimetype = {"csv": "text/csv", "json": "application/json", "html": "text/html"}[fmt]
    response = Response(body, mimetype=mimetype)
    response.charset = "utf-8"
    return _stamp(response, variant)


def _index_body(name: str, fmt: str, query) -> str:
    snap = get_site().snapshot()
    tab = table(name) if not snap.empty else Table(name, [], {})
    rows, total = select(tab, query)
    if fmt == "csv":
        return _csv(rows, tab)
    if fmt == "json":
        return json.dumps(_json(name, rows, total, query, tab), ensure_ascii=False)
    schema = {"@context": "https://schema.org", "@type": "CollectionPage", "name": name,
              "url": request.url, "mainEntity": {"@type": "ItemList", "numberOfItems": total,
                                                 "itemListElement": [{"@type": "ListItem", "position": i + 1,
                                                                      "url": request.host_url.rstrip("/") + linker().page(r.iri),
                                                                      "name": r.label} for i, r in enumerate(rows)]}}
    return render_template("pages/index.html", name=name, rows=rows, total=total, q=query, schema=schema,
                           crumbs=[("/", "首页 Home"), ("", name)],
                           alternates=[("text/csv", f"/{name}.csv"), ("application/json", f"/{name}.json")],
                           issuer_names=tab.issuer_names, page_url=linker().page,
                           pages=max(1, -(-total // query.size)), args=request.args,
                           issuer_path=linker().local(query.issuer) if query.issuer else "")


def _record(row, tab: Table) -> dict:
    return {"iri": row.iri, "label": row.label, "kind": row.kind, "years": sorted(row.years),
            "issuers": sorted(row.issuers), "issuer_names": [tab.issuer_names.get(i, i) for i in sorted(row.issuers)],
            "count": row.count, "page": linker().page(row.iri)}


def _json(name: str, rows, total: int, q, tab: Table) -> dict:
    return {"index": name, "total": total, "page": q.page, "size": q.size,
            "sort": ("-" if q.descending else "") + q.sort, "items": [_record(r, tab) for r in rows]}


def _csv(rows, tab: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["iri", "label", "kind", "years", "issuers", "issuer_names", "count"])
    for row in rows:
        rec = _record(row, tab)
        writer.writerow([rec["iri"], rec["label"], rec["kind"], " ".join(map(str, rec["years"])),
                         " ".join(rec["issuers"]), "; ".join(rec["issuer_names"]), rec["count"]])
    return out.getvalue()


def init_app(app: Flask) -> None:
    site = init_site(app)
    site.on_new_version(lambda snap: None if snap.empty else tables_for(snap))
    app.add_template_global(render_term, "term")
    app.add_template_global(render_link, "link")
    app.add_template_global(render_segments, "segments_html")
    app.register_blueprint(bp)
