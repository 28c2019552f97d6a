"""The site under waitress, with the site's security headers on waitress's own answers too.

waitress answers some requests without calling the app: bytes that are not HTTP (400), a
header section or body over its limits (431, 413). Those answers are made by its error task,
so the headers the app adds to every response are added there as well.
"""

from __future__ import annotations

import logging

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from fazhi.web import SECURITY_HEADERS
from fazhi.web.processes import cannot_listen


class _HeaderedErrorTask(ErrorTask):
    def execute(self):
        self.response_headers.extend(SECURITY_HEADERS.items())
        super().execute()


class _Channel(HTTPChannel):
    error_task_class = _HeaderedErrorTask


def serve(app, on_listening=lambda: None, **adjustments) -> None:
    """Listen as ``adjustments`` say (waitress's names) and serve ``app`` until interrupted;
    ``on_listening()`` is called once the address is bound."""
    logging.basicConfig()
    sockets: dict = {}
    try:
        server = create_server(app, map=sockets, **adjustments)
    except OSError as exc:
        raise cannot_listen(adjustments.get("host", "?"), adjustments.get("port", 0), exc) from None
    for listener in sockets.values():  # one per address a host name resolves to
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel
    on_listening()
    server.run()
