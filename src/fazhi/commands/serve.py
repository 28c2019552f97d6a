"""``fazhi serve``: the web app under waitress, a production WSGI server.

The embedded store is opened read-only, so ``fazhi ingest`` can write to the same folder while
the site is up; the app notices the new dataset version and switches to it by itself
(see :mod:`fazhi.web.site`). A missing or empty store folder is created empty, and the home
page explains how to load reports.
"""

from __future__ import annotations

import os
import sys
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


def build_app(config, warm_first: bool = False):
    """The app the server runs (also what tests and benchmarks start); ``warm_first`` builds
    the class tables and search index before returning instead of in the background."""
    from fazhi.web import create_app
    from fazhi.web.site import get_site

    if not config.is_remote:
        prepare_store_folder(config.store)
    app = create_app(config)
    get_site(app).start_warming(wait=warm_first)  # class tables and the search index
    return app


def serve_app(app, threads: int, on_listening=lambda: None, **where) -> None:
    """Run ``app`` under waitress until interrupted, listening on ``host=``/``port=`` or on
    the already open ``sockets=``.

    waitress reads a whole request body (to a temporary file past 512 KB) before the app
    sees the request; its own body limit is set to the app's, so a client announcing a body
    over the limit gets 413 at once instead of making the server store it. waitress's own
    error answers carry the site's security headers (:mod:`fazhi.web.waitress_server`).
    """
    from fazhi.web.waitress_server import serve

    where.setdefault("max_request_body_size", app.config.get("MAX_CONTENT_LENGTH") or 1 << 30)
    if "sockets" not in where:
        where.setdefault("backlog", 2048)
    serve(app, on_listening, threads=threads, ident="fazhi", channel_timeout=60, connection_limit=1000, **where)


def serve_processes(config, processes: int, on_ready=lambda: None) -> int:
    """Serve with ``processes`` worker processes sharing one socket (see :mod:`fazhi.web.processes`)."""
    from fazhi.cli import handle_errors
    from fazhi.web.processes import Supervisor, listening_socket

    @handle_errors
    def work(listener, ready, first: bool) -> int:
        # The first process answers at once (its tables and index build in the background);
        # the others, and replacements, only accept connections once theirs are built.
        app = build_app(config, warm_first=not first)
        ready()
        serve_app(app, config.threads, sockets=[listener])
        return 0

    return Supervisor(work, listening_socket(config.host, config.port), processes, on_ready).run()


def process_count(configured: int) -> int:
    """``configured``, or for 0 one process per CPU core this process may use, at most 4."""
    if configured > 0:
        return configured
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 4))


def register(cli: click.Group) -> None:
    # Imported here: fazhi.cli imports this module while it registers commands, and
    # build_app/serve_app are also used without the CLI (benchmarks, tests).
    from fazhi.cli import _store_kwargs, handle_errors, make_config, store_options

    @cli.command()
    @click.option("--host", default=None, help="Interface to listen on [FAZHI_HOST; default 127.0.0.1].")
    @click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port [FAZHI_PORT; default 8080].")
    @click.option("--threads", type=click.IntRange(1, 256), default=None,
                  help="Threads per server process [FAZHI_THREADS; default 8].")
    @click.option("--processes", type=click.IntRange(0, 64), default=None,
                  help="Server processes sharing the port; 0: one per CPU core, at most 4 "
                       "[FAZHI_PROCESSES; default 0].")
    @store_options
    @handle_errors
    def serve(host, port, threads, processes, **kwargs):
        """Serve the site: entity pages, data documents, search, SPARQL, dumps."""
        config = make_config(**_store_kwargs(kwargs), host=host, port=port, threads=threads,
                             processes=processes)
        count = process_count(config.processes)
        where = config.endpoint or config.store
        if count == 1:
            from fazhi.web.processes import enable_stack_dumps

            enable_stack_dumps()
            app = build_app(config)
            serve_app(app, config.threads, lambda: _announce(where, config, count),
                      host=config.host, port=config.port)
            return
        sys.exit(serve_processes(config, count, on_ready=lambda: _announce(where, config, count)))


def _announce(where: str, config, count: int) -> None:
    click.echo(f"fazhi: serving {where} on http://{config.host}:{config.port}/ "
               f"({count} process{'es' if count > 1 else ''} of {config.threads} threads; Ctrl-C stops)",
               err=True)
