"""The few HTTP calls a remote SPARQL store needs, with errors mapped to ours.

Plain ``urllib``: the SPARQL 1.1 Protocol is a form POST, and owning the request lets us keep
the server's own error text (a syntax error message) and tell "down" from "slow".
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from typing import IO, Iterable

from fazhi.errors import BadQuery, QueryTimeout, StoreUnavailable

FORM = "application/x-www-form-urlencoded; charset=utf-8"
#: How much of a server's error body is kept in our message.
ERROR_TEXT = 2000


def send(method: str, url: str, body: bytes | Iterable[bytes] | None, *, content_type: str,
         accept: str, timeout: float, timeout_is_query: bool = False) -> IO[bytes]:
    """Send one request and return the open response (caller closes or reads it).

    :raises BadQuery: the server answered 400 (its message is kept).
    :raises QueryTimeout: no answer in ``timeout`` s and ``timeout_is_query`` is set.
    :raises StoreUnavailable: the server cannot be reached, timed out or failed.
    """
    headers = {"Content-Type": content_type, "Accept": accept}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise _http_error(url, exc) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _network_error(url, exc, timeout, timeout_is_query) from exc


def read_all(response: IO[bytes], url: str, timeout: float, timeout_is_query: bool) -> bytes:
    """Read a whole response body, mapping a stall mid-body like a stall before it."""
    try:
        with response:
            return response.read()
    except OSError as exc:
        raise _network_error(url, exc, timeout, timeout_is_query) from exc


def _http_error(url: str, exc: urllib.error.HTTPError) -> Exception:
    text = _error_text(exc)
    if exc.code == 400 or _is_virtuoso_syntax_error(text):
        return BadQuery(text or f"{url} rejected the request as malformed")
    if exc.code in (401, 403):
        return StoreUnavailable(f"{url} refused the request ({exc.code}): {text}; check that "
                                "the server allows SPARQL updates for this client")
    return StoreUnavailable(f"{url} answered {exc.code} {exc.reason}: {text}")


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read(ERROR_TEXT).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _is_virtuoso_syntax_error(text: str) -> bool:
    """Virtuoso reports SPARQL compile errors (SQL state 37000) as HTTP 500, not 400."""
    return "37000" in text and "SPARQL" in text


def _network_error(url: str, exc: Exception, timeout: float, timeout_is_query: bool):
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        if timeout_is_query:
            return QueryTimeout(f"the query ran past its time limit of {timeout:g} s")
        return StoreUnavailable(f"{url} did not answer within {timeout:g} s")
    return StoreUnavailable(f"cannot reach the SPARQL store at {url}: {reason}")
