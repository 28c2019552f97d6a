"""The one place where errors become HTTP responses.

Project errors (:class:`FazhiError`) and werkzeug's HTTP errors are rendered in the
representation the client asked for: an HTML page (with search suggestions on 404), JSON, or
plain text (for RDF and SPARQL clients). Anything else is a bug: it is logged and answered with
a generic 500 that leaks nothing.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from fazhi.errors import BadRequest, FazhiError
from fazhi.web.conneg import choose

log = logging.getLogger("fazhi.web")

_OFFERED = ["text/html", "application/json", "text/plain"]


def init_app(app: Flask) -> None:
    app.register_error_handler(FazhiError, _project_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
    app.before_request(refuse_undecodable_url)


def refuse_undecodable_url() -> None:
    """A URL whose %-escapes do not decode as UTF-8 is refused before any view sees it.

    Werkzeug would hand views U+FFFD (path) or the escapes as written (query string), so a
    search for ``%ff`` would quietly look for something else than what was sent.
    """
    path = request.environ.get("PATH_INFO", "")
    try:
        path.encode("latin-1").decode("utf-8")
        unquote_to_bytes(request.query_string).decode("utf-8")
    except UnicodeError:
        raise BadRequest("the URL is not valid UTF-8 once its %-escapes are decoded") from None


def _project_error(error: FazhiError) -> Response:
    response = error_response(error.status, error.title, error.message)
    if error.status == 503:
        response.headers["Retry-After"] = "5"
    return response


def _http_error(error: HTTPException) -> Response:
    response = error_response(error.code or 500, error.name, error.description or error.name)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected(error: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "Internal error", "The server met an unexpected error.")


def error_response(status: int, title: str, message: str) -> Response:
    """An error in the client's preferred representation (HTML for browsers)."""
    kind = _error_kind()
    if kind == "text/html":
        body = render_template(["errors/%d.html" % status, "errors/error.html"], status=status,
                               title=title, message=message, query=_search_hint())
        response = Response(body, status=status, mimetype="text/html")
    elif kind == "application/json":
        response = jsonify({"status": status, "error": title, "message": message})
        response.status_code = status
    else:
        response = Response(f"{status} {title}: {message}\n", status=status, mimetype="text/plain")
    response.headers["Vary"] = "Accept"
    return response


def _error_kind() -> str:
    if request.path.endswith(".json"):
        return "application/json"
    return choose(request.headers.get("Accept"), _OFFERED) or "text/plain"


def _search_hint() -> str:
    """Words from the missing path to suggest a search with."""
    last = request.path.rstrip("/").rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0].replace("-", " ")[:80]
