"""Content negotiation: parse ``Accept`` headers and pick a representation. Pure functions.

Users' clients send everything: q-values, wildcards, several types at once, parameters, junk.
Nothing here raises on a malformed header; an unparseable entry is ignored.

>>> choose("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
'application/ld+json'
>>> choose("*/*", ["text/html", "text/turtle"])
'text/html'
>>> choose("text/*;q=0.5, application/rdf+xml", ["text/turtle", "application/rdf+xml"])
'application/rdf+xml'
>>> choose("image/png", ["text/html"]) is None
True
>>> choose("", ["text/html", "text/turtle"])
'text/html'
>>> choose("text/turtle, text/html", ["text/html", "text/turtle"])  # listed first wins a tie
'text/turtle'
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ENTRIES = 64


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float
    order: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[Range]:
    """The media ranges of an Accept header, best first; junk entries are skipped."""
    ranges = []
    for order, entry in enumerate((header or "").split(",")[:MAX_ENTRIES]):
        parsed = _parse_range(entry, order)
        if parsed is not None and parsed.q > 0:
            ranges.append(parsed)
    return sorted(ranges, key=lambda r: (-r.q, -r.specificity, r.order))


def _parse_range(entry: str, order: int) -> Range | None:
    media, *params = entry.strip().split(";")
    kind, slash, sub = media.strip().lower().partition("/")
    if not slash or not kind or not sub or " " in media.strip():
        return None
    q = 1.0
    for param in params:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            q = _quality(value)
    return Range(kind, sub, q, order)


def _quality(value: str) -> float:
    try:
        q = float(value.strip())
    except ValueError:
        return 0.0
    return q if 0.0 <= q <= 1.0 else 0.0


def choose(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers; the first offered one for no/empty Accept."""
    if not header or not header.strip():
        return offered[0] if offered else None
    best, best_key = None, None
    for position, media_type in enumerate(offered):
        match = _best_match(parse_accept(header), media_type)
        if match is None:
            continue
        key = (match.q, match.specificity, -match.order, -position)
        if best_key is None or key > best_key:
            best, best_key = media_type, key
    return best


def _best_match(ranges: list[Range], media_type: str) -> Range | None:
    matching = [r for r in ranges if r.matches(media_type)]
    return max(matching, key=lambda r: (r.specificity, r.q)) if matching else None


def prefers_html(header: str | None) -> bool:
    """True when a browser-like client would rather have HTML than JSON or RDF."""
    chosen = choose(header, ["text/html", "application/json", "text/turtle"])
    return chosen == "text/html"
