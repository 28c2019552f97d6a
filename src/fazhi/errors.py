"""One exception hierarchy for the whole project.

Library code raises these and never exits or prints; the CLI (``cli.py``) turns them into a
one-line message and an exit code, the web layer (``web/errors.py``) into a 4xx/5xx response in
the representation the client asked for.
"""

from __future__ import annotations


class FazhiError(Exception):
    """Base class: ``message`` is safe to show to a user; ``status`` is the HTTP status."""

    status = 500
    title = "Error"

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return self.message


class InputError(FazhiError):
    """A report file that cannot be read as a report (empty, binary, too large, undecodable…)."""

    status = 400
    title = "Unreadable report"

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source
        self.reason = message


class BadRequest(FazhiError):
    status = 400
    title = "Bad request"


class BadQuery(BadRequest):
    """A SPARQL query or update that does not parse, or is refused (SERVICE, LOAD, …)."""

    title = "Bad SPARQL query"


class NotFound(FazhiError):
    status = 404
    title = "Not found"


class MethodNotAllowed(FazhiError):
    status = 405
    title = "Method not allowed"


class NotAcceptable(FazhiError):
    status = 406
    title = "Not acceptable"


class PayloadTooLarge(FazhiError):
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(FazhiError):
    status = 415
    title = "Unsupported media type"


class ReadOnlyStore(FazhiError):
    """A write was attempted on a store (or endpoint) that only reads."""

    status = 403
    title = "Read-only"


class QueryTimeout(FazhiError):
    """A query ran past its time limit and was stopped."""

    status = 503
    title = "Query time limit reached"


class Overloaded(FazhiError):
    """Too many concurrent queries; the client should retry later."""

    status = 503
    title = "Busy"


class StoreUnavailable(FazhiError):
    """The store cannot be opened or reached (locked folder, remote server down, full disk…)."""

    status = 503
    title = "Store unavailable"


class ValidationError(FazhiError):
    """Data that breaks the SHACL shapes or the mapping's own invariants."""

    status = 422
    title = "Invalid data"


class ConfigError(FazhiError):
    status = 500
    title = "Configuration error"
