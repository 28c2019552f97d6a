"""IRIs ↔ this server's paths, and which representation a request wants.

The data mints IRIs under ``config.base_uri`` whatever host serves it, so a request for
``http://127.0.0.1:8080/id/org/x`` means the IRI ``{base}id/org/x``, and pages link to the
serving host's paths. Content negotiation here prefers RDF when a client lists RDF and HTML
with the same quality (a bare ``*/*`` or no Accept header means a browser-ish client: HTML).
"""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox

from fazhi.errors import BadRequest
from fazhi.web.conneg import parse_accept

#: Extensions of the data documents, and their media types.
EXTENSIONS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "nt": "application/n-triples",
}
HTML = "text/html"
#: What ``/id/…`` offers, RDF first (a tie goes to RDF).
OFFERED = [*EXTENSIONS.values(), HTML]
#: Accepted as synonyms of a data format.
SYNONYMS = {"application/json": "application/ld+json", "application/x-turtle": "text/turtle",
            "application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml",
            "text/plain": "application/n-triples", "text/n3": "text/turtle",
            "application/xhtml+xml": HTML}
#: ``?format=`` values.
FORMAT_NAMES = {**EXTENSIONS, "turtle": "text/turtle", "json-ld": "application/ld+json", "json": "application/ld+json",
                "rdfxml": "application/rdf+xml", "xml": "application/rdf+xml", "ntriples": "application/n-triples",
                "html": HTML}
MEDIA_EXTENSION = {v: k for k, v in EXTENSIONS.items()}


def negotiate(accept: str | None) -> str | None:
    """The representation for an Accept header; None when nothing offered is acceptable.

    >>> negotiate("text/html, text/turtle")
    'text/turtle'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8")
    'text/html'
    >>> negotiate("*/*"), negotiate(""), negotiate("application/json")
    ('text/html', 'text/html', 'application/ld+json')
    >>> negotiate("image/png") is None
    True
    """
    ranges = parse_accept(accept)
    if all(r.type == "*" for r in ranges):  # none, junk only, or */*: a browser-ish client
        return HTML
    best, best_key = None, None
    for position, media in enumerate(OFFERED + list(SYNONYMS)):
        matching = [r for r in ranges if r.matches(media)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, r.q))
        key = (top.q, top.specificity, -position)
        if best_key is None or key > best_key:
            best, best_key = SYNONYMS.get(media, media), key
    return best


def format_param(value: str) -> str:
    """The media type named by ``?format=``; 400 for an unknown name."""
    media = FORMAT_NAMES.get(value.strip().lower())
    if media is None:
        raise BadRequest(f"unknown format {value!r}; use one of: {', '.join(sorted(FORMAT_NAMES))}")
    return media


def split_extension(path: str) -> tuple[str, str | None]:
    """``id/x.ttl`` → (``id/x``, ``text/turtle``); no known extension → (path, None)."""
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext:
        if ext.lower() in EXTENSIONS:
            return stem, EXTENSIONS[ext.lower()]
        if ext.lower() == "html":
            return stem, HTML
    return path, None


class Linker:
    """Turns IRIs into this server's URLs (``/page/…``, ``/data/….ttl``) and back."""

    def __init__(self, base_uri: str):
        self.base = base_uri

    def iri(self, path: str) -> str:
        """The IRI a local path names (``id/org/x`` → ``{base}id/org/x``)."""
        if any(ch in '<>"{}|\\^`' or ord(ch) <= 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in path):
            raise BadRequest("the path holds characters that cannot appear in an IRI")
        if "\ufffd" in path:
            raise BadRequest("the path is not valid UTF-8 once its %-escapes are decoded")
        iri = self.base + path.lstrip("/")
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise BadRequest(f"the path does not make a valid IRI: {exc}") from None
        return iri

    def local(self, iri: str) -> str | None:
        """The path of ``iri`` under the base, without its fragment; None if not ours."""
        if not iri.startswith(self.base):
            return None
        return iri[len(self.base):].split("#", 1)[0]

    def page(self, iri: str) -> str:
        """Where a page about ``iri`` lives; IRIs of other sites link to themselves."""
        path = self.local(iri)
        if path is None:
            return iri
        fragment = iri.partition("#")[2]
        return "/page/" + quote(path, safe="/-._~:@!$&'()*+,;=") + (f"#{fragment}" if fragment else "")

    def data(self, iri: str, media_type: str = "text/turtle") -> str:
        path = self.local(iri) or ""
        return f"/data/{quote(path, safe='/-._~')}.{MEDIA_EXTENSION[media_type]}"

    def document_iri(self, iri: str) -> str:
        """The IRI whose document holds ``iri``: ``X#frag`` lives in ``X``."""
        return iri.split("#", 1)[0]
