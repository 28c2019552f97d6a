"""The web app: ``create_app(config=None, store=None)``.

One blueprint per area of the site; the store is opened once per app and shared by every
request (pyoxigraph is thread-safe for reads; the remote backend is stateless).
"""

from __future__ import annotations

from flask import Flask

from fazhi.config import Config, load_config
from fazhi.paths import resource_dir
from fazhi.store import Store, open_store
from fazhi.web import errors

__all__ = ["create_app"]

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
        "frame-ancestors 'self'; form-action 'self'"
    ),
}


def create_app(config: Config | None = None, store: Store | None = None) -> Flask:
    """Build the app; tests pass their own ``config`` and ``store``."""
    config = config or load_config()
    webapp = resource_dir("webapp")
    app = Flask(__name__, template_folder=str(webapp / "templates"),
                static_folder=str(webapp / "static"), static_url_path="/static")
    app.config["FAZHI"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes
    app.extensions["fazhi.store"] = store if store is not None else _open_for_pages(config)
    errors.init_app(app)
    _register_blueprints(app)
    app.after_request(_security_headers)
    return app


def _open_for_pages(config: Config) -> Store:
    """The store, read-only, with a remote store's wait cut to ``remote_page_timeout``."""
    limit = min(config.remote_timeout, config.remote_page_timeout)
    return open_store(config.replace(remote_timeout=limit), read_only=True)


def _register_blueprints(app: Flask) -> None:
    """Each area of the site wires itself into the app (blueprint, template globals, hooks)."""
    from fazhi.web import analysis, catalog, dumps, pages, search, sparql, vocab

    for area in (pages, search, sparql, dumps, catalog, vocab, analysis):
        area.init_app(app)


def _security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def get_store(app: Flask | None = None) -> Store:
    from flask import current_app

    return (app or current_app).extensions["fazhi.store"]


def get_config(app: Flask | None = None) -> Config:
    from flask import current_app

    return (app or current_app).config["FAZHI"]
