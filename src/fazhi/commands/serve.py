"""``fazhi serve``: the web app under waitress, a production WSGI server.

The embedded store is opened read-only, so ``fazhi ingest`` can write to the same folder while
the site is up; the app notices the new dataset version and switches to it by itself
(see :mod:`fazhi.web.site`). A missing or empty store folder is created empty, and the home
page explains how to load reports.
"""

from __future__ import annotations

from pathlib import Path

import click


def prepare_store_folder(path: str) -> bool:
    """Make sure a read-only open can succeed: create an empty store where there is none.

    Returns True when the folder was created or initialised here.
    """
    folder = Path(path)
    if folder.is_dir() and (folder / "CURRENT").exists():
        return False
    from fazhi.store import EmbeddedStore

    EmbeddedStore(folder).close()
    return True


def build_app(config):
    """The app the server runs (also what tests and benchmarks start)."""
    from fazhi.web import create_app

    from fazhi.web.site import get_site

    if not config.is_remote:
        prepare_store_folder(config.store)
    app = create_app(config)
    get_site(app).start_warming()  # class tables and the search index, before the first visitor
    return app


def serve_app(app, host: str, port: int, threads: int, **extra) -> None:
    """Run ``app`` under waitress until interrupted.

    waitress reads a whole request body (to a temporary file past 512 KB) before the app
    sees the request; its own body limit is set to the app's, so a client announcing a body
    over the limit gets 413 at once instead of making the server store it. waitress's own
    error answers carry the site's security headers (:mod:`fazhi.web.waitress_server`).
    """
    from fazhi.web.waitress_server import serve

    extra.setdefault("max_request_body_size", app.config.get("MAX_CONTENT_LENGTH") or 1 << 30)
    serve(app, host=host, port=port, threads=threads, ident="fazhi", channel_timeout=60,
          connection_limit=1000, backlog=2048, **extra)


def register(cli: click.Group) -> None:
    # Imported here: fazhi.cli imports this module while it registers commands, and
    # build_app/serve_app are also used without the CLI (benchmarks, tests).
    from fazhi.cli import _store_kwargs, handle_errors, make_config, store_options

    @cli.command()
    @click.option("--host", default=None, help="Interface to listen on [FAZHI_HOST; default 127.0.0.1].")
    @click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port [FAZHI_PORT; default 8080].")
    @click.option("--threads", type=click.IntRange(1, 256), default=None,
                  help="Worker threads [FAZHI_THREADS; default 8].")
    @store_options
    @handle_errors
    def serve(host, port, threads, **kwargs):
        """Serve the site: entity pages, data documents, search, SPARQL, dumps."""
        config = make_config(**_store_kwargs(kwargs), host=host, port=port, threads=threads)
        app = build_app(config)
        where = config.endpoint or config.store
        click.echo(f"fazhi: serving {where} on http://{config.host}:{config.port}/ "
                   f"({config.threads} threads; Ctrl-C stops)", err=True)
        serve_app(app, config.host, config.port, config.threads)
