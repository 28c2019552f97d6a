"""``/dumps/``: the published release (files of ``fazhi publish-dumps``) and live graph dumps.

Files are served from ``config.dumps_dir`` only: a requested path is resolved (symlinks
included) and refused unless it stays inside that folder. ``.gz`` files go out as
``application/gzip`` downloads, byte for byte the file whose size and SHA-256 the manifest
and the DCAT catalogue give: declaring ``Content-Encoding: gzip`` instead would make browsers
and HTTP libraries unpack them on the fly, so the saved file would no longer match its
checksum, and Range requests would be ambiguous. The format inside is stated by the manifest,
the catalogue (``dcat:mediaType`` + ``dcat:compressFormat``) and the file name.

Range requests (206/416), conditional requests (strong ETag = the file's SHA-256, 304) and
Content-Length come from werkzeug's ``send_file``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from flask import Blueprint, Flask, Response, render_template, request, send_file

from fazhi.errors import NotAcceptable, NotFound
from fazhi.export import FORMATS, export, get_format
from fazhi.publish import cached_manifest, report_dump_path
from fazhi.web.conneg import choose

bp = Blueprint("dumps", __name__)

MEDIA_TYPES = {".gz": "application/gzip", ".json": "application/json", ".ttl": "text/turtle",
               ".nq": "application/n-quads", ".nt": "application/n-triples", ".trig": "application/trig",
               ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml"}
LIVE_FORMATS = ("ttl", "jsonld", "rdf", "nt", "nq", "trig")


def init_app(app: Flask) -> None:
    """Register ``/dumps/`` (and the per-report dump links the report pages show)."""
    if "dumps" not in app.blueprints:
        app.register_blueprint(bp)
    app.add_template_global(report_dump_links, "report_dump_links")


def _config():
    from fazhi.web import get_config

    return get_config()


def _store():
    from fazhi.web import get_store

    return get_store()


def dumps_root() -> Path:
    return Path(_config().dumps_dir).resolve()


def report_dump_links(report_iri: str) -> list[tuple[str, str]]:
    """Download links for one report, for its page: ``[(format label, url), …]``.

    The release's gzipped Turtle file comes first when a release holds it; then the report's
    graph streamed live from the store in each format.
    """
    base = _config().base_uri
    if not report_iri.startswith(base + "id/report/"):
        return []
    key = report_iri[len(base + "id/report/"):]
    links = []
    path = report_dump_path(base + "graph/report/" + key, base)
    manifest = cached_manifest(dumps_root())
    if manifest and path in manifest.by_path:
        links.append(("Turtle (gzip, release)", f"/dumps/{path}"))
    links += [(FORMATS[k].label, f"/dumps/report/{key}.{FORMATS[k].extension}") for k in LIVE_FORMATS]
    return links


@bp.route("/dumps/", methods=["GET", "HEAD"])
def index():
    manifest = cached_manifest(dumps_root())
    kind = choose(request.headers.get("Accept"), ["text/html", "application/json"])
    if kind == "application/json":
        if manifest is None:
            raise NotFound("no release has been published yet (run `fazhi publish-dumps`)")
        return Response(manifest.to_json(), mimetype="application/json")
    body = render_template("dumps/index.html", manifest=manifest, formats=FORMATS)
    response = Response(body, mimetype="text/html")
    response.vary.add("Accept")
    return response


@bp.route("/dumps", methods=["GET", "HEAD"])
def index_redirect():
    return Response(status=301, headers={"Location": "/dumps/"})


@bp.route("/dumps/reports/", methods=["GET", "HEAD"])
def report_index():
    manifest = cached_manifest(dumps_root())
    return render_template("dumps/reports.html", manifest=manifest)


@bp.route("/dumps/report/<path:key>.<ext>", methods=["GET", "HEAD"])
def live_report(key: str, ext: str):
    """One report's graph, streamed from the store in any format (not gzipped)."""
    try:
        fmt = get_format(ext)
    except Exception:
        raise NotAcceptable(f"no dump format .{ext}; use one of: "
                            + ", ".join(f".{f.extension}" for f in FORMATS.values())) from None
    base = _config().base_uri
    graph = base + "graph/report/" + key
    store = _store()
    if any(c in key for c in '<>"{}|\\^` ') or graph not in store.graphs():
        raise NotFound(f"no report {key!r}")
    out = io.BytesIO()  # one report is a few thousand triples: built whole, sent with a length
    export(store, fmt, out, base_uri=base, graph=graph)
    name = key.replace("/", "-") + "." + fmt.extension
    response = Response(out.getvalue(), mimetype=fmt.media_type,
                        headers={"Content-Disposition": f'inline; filename="{name}"'})
    return response


@bp.route("/dumps/<path:name>", methods=["GET", "HEAD"])
def download(name: str):
    path = safe_path(dumps_root(), name)
    etag = _etag(name)
    media = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    response = send_file(path, mimetype=media, as_attachment=path.suffix == ".gz",
                         download_name=path.name, conditional=True, etag=etag or True, max_age=3600)
    response.headers["Accept-Ranges"] = "bytes"
    return response


def safe_path(root: Path, name: str) -> Path:
    """``root/name`` if it is a regular file inside ``root`` (after resolving symlinks).

    :raises NotFound: anything else (``..``, absolute paths, links leading out, folders).
    """
    if not name or "\x00" in name or name.startswith(("/", "\\")) or os.path.isabs(name):
        raise NotFound(f"no file {name!r} in the dumps")
    parts = name.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        raise NotFound(f"no file {name!r} in the dumps")
    path = (root / Path(*parts)).resolve()
    if not path.is_relative_to(root) or not path.is_file() or path.name.endswith(".part"):
        raise NotFound(f"no file {name!r} in the dumps")
    return path


def _etag(name: str) -> str | None:
    """The manifest's SHA-256 of the file, as a strong ETag (None for files it does not list)."""
    manifest = cached_manifest(dumps_root())
    if manifest is None:
        return None
    entry = manifest.by_path.get(name)
    return entry.sha256 if entry else None
