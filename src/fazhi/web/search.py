"""Search over names, titles and measure text: ``/search?q=`` and ``/search/suggest?q=``.

Chinese has no spaces, so matching is by substring of the whole query, never per character:
行政复议 matches only text holding those four characters together. The index is built once per
dataset version: every label, and every measure's full text, normalised (NFKC, lower case) and
joined into one string per field, so that ``str.find`` (C speed) scans the corpus; an offset
table maps a hit back to its entity. Ranking: exact name > name prefix > name contains > text
contains, then more occurrences first, then shorter names.
"""

from __future__ import annotations

import bisect
from urllib.parse import quote
import unicodedata
from dataclasses import dataclass, field

from flask import Blueprint, Flask, jsonify, render_template, request

from fazhi.errors import BadRequest
from fazhi.store import Store
from fazhi.web.evidence import kind_of
from fazhi.web.indexes import Table
from fazhi.web.site import get_site, init_site

bp = Blueprint("search", __name__)

SEP = "\x00"
MAX_QUERY = 100
MAX_HITS = 20_000     # occurrences read per field before ranking (counts become "at least")
PAGE_SIZE = 20
#: Tables whose rows are searched by name; measures, problems and plans come with their text.
KIND_TABLES = ("reports", "organizations", "documents", "indicators")
RANKS = {"exact": 0, "prefix": 1, "label": 2, "text": 3}


def normalise(text: str) -> str:
    """NFKC and lower case, so full-width, half-width and case variants match."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass
class Entry:
    iri: str
    label: str
    kind: str


@dataclass
class Hit:
    entry: Entry
    rank: int
    count: int
    where: tuple[int, int, int] | None = None  # (text position, offset, length): snippet on demand
    field: "Field | None" = None

    @property
    def snippet(self) -> str:
        if self.where is None or self.field is None:
            return ""
        position, offset, size = self.where
        return _snippet(self.field.text_of(position), offset, size)


class Field:
    """One searchable field of many entries, joined into a single string."""

    def __init__(self, texts: list[tuple[int, str]]):
        parts, self.starts, self.owners, pos = [], [], [], 0
        for owner, text in texts:
            norm = normalise(text).replace(SEP, " ")
            self.starts.append(pos)
            self.owners.append(owner)
            parts.append(norm)
            pos += len(norm) + 1
        self.blob = SEP.join(parts)

    def find(self, needle: str, limit: int = MAX_HITS) -> dict[int, list[int]]:
        """Position in this field → offsets (within that text) of each occurrence of ``needle``."""
        found: dict[int, list[int]] = {}
        at, seen = self.blob.find(needle), 0
        while at >= 0 and seen < limit:
            i = bisect.bisect_right(self.starts, at) - 1
            found.setdefault(i, []).append(at - self.starts[i])
            at, seen = self.blob.find(needle, at + 1), seen + 1
        return found

    def text_of(self, i: int) -> str:
        end = self.blob.find(SEP, self.starts[i])
        return self.blob[self.starts[i]:end if end >= 0 else None]


@dataclass
class SearchIndex:
    entries: list[Entry]
    labels: Field
    texts: Field
    text_index: dict[int, int] = field(default_factory=dict)  # entry → position in texts

    def search(self, query: str, names_only: bool = False) -> list[Hit]:
        """Ranked hits for ``query``; ``names_only`` skips the full texts (autocomplete)."""
        needle = normalise(query).replace(SEP, "").strip()
        if not needle:
            return []
        hits: dict[int, Hit] = {}
        for i, offsets in self.labels.find(needle).items():
            label = self.labels.text_of(i)
            rank = "exact" if label == needle else "prefix" if label.startswith(needle) else "label"
            hits[self.labels.owners[i]] = Hit(self.entries[self.labels.owners[i]], RANKS[rank], len(offsets))
        for i, offsets in ({} if names_only else self.texts.find(needle)).items():
            owner = self.texts.owners[i]
            hit = hits.get(owner)
            if hit is None:
                hits[owner] = hit = Hit(self.entries[owner], RANKS["text"], 0)
            hit.count += len(offsets)
            hit.where, hit.field = (i, offsets[0], len(needle)), self.texts
        return sorted(hits.values(), key=lambda h: (h.rank, -h.count, len(h.entry.label), h.entry.label))


def _snippet(text: str, at: int, size: int, around: int = 30) -> str:
    start = max(0, at - around)
    return ("…" if start else "") + text[start:at + size + around] + ("…" if at + size + around < len(text) else "")


def build_index(store: Store, base: str, tables: dict[str, Table]) -> SearchIndex:
    """Entries from the class tables; measure, problem and plan text from the store."""
    entries: list[Entry] = []
    position: dict[str, int] = {}
    for name in KIND_TABLES:
        for row in tables[name].rows:
            if row.iri not in position:
                position[row.iri] = len(entries)
                entries.append(Entry(row.iri, row.label, row.kind or name))
    texts = []
    query = (f"SELECT ?x ?t ?h WHERE {{ GRAPH ?g {{ ?x <{base}def/fz#fullText> ?t "
             f"OPTIONAL {{ ?x <http://purl.org/dc/terms/title> ?h }} }} }}")
    for row in store.query(query):
        iri, text = row["x"].value, row["t"].value
        if iri not in position:
            position[iri] = len(entries)
            label = row["h"].value if "h" in row else text[:40] + ("…" if len(text) > 40 else "")
            entries.append(Entry(iri, label, kind_of(iri, base)))
        texts.append((position[iri], text))
    labels = Field([(i, e.label) for i, e in enumerate(entries)])
    return SearchIndex(entries, labels, Field(texts))


def current_index(snap=None) -> SearchIndex:
    from fazhi.web.pages import tables_for

    site = get_site()
    return site.derived("search", lambda s: build_index(s.store, site.config.base_uri, tables_for(s)), snap)


def _hits(query: str, names_only: bool = False) -> list[Hit]:
    """Hits of a query, remembered for this dataset version (people page through results,
    and the same few searches recur)."""
    key = f"search:{int(names_only)}:{normalise(query)}"
    return get_site().memo(key, lambda: current_index().search(query, names_only))


def _query_arg() -> str:
    query = request.args.get("q", "")
    if len(query) > MAX_QUERY:
        raise BadRequest(f"the search text is longer than {MAX_QUERY} characters")
    return query.strip()


def _page_arg() -> int:
    raw = request.args.get("page", "1").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
        raise BadRequest(f"page must be a whole number from 1 to 10000, not {raw!r}")
    return int(raw)


@bp.get("/search")
def search_page():
    query, page = _query_arg(), _page_arg()
    hits = _hits(query) if query else []
    shown = hits[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    from fazhi.web.pages import linker, page_url_for_kind

    if request.args.get("format") == "json" or request.path.endswith(".json"):
        return jsonify({"query": query, "total": len(hits), "page": page,
                        "results": [_hit_json(h) for h in shown]})
    schema = {"@context": "https://schema.org", "@type": "SearchResultsPage", "url": request.url,
              "name": query or "search", "potentialAction": {"@type": "SearchAction",
                                                              "target": request.host_url + "search?q={q}",
                                                              "query-input": "required name=q"}}
    return render_template("search/results.html", search_query=query, hits=shown, total=len(hits), page=page,
                           schema=schema, crumbs=[("/", "首页 Home"), ("", "搜索 Search")],
                           alternates=[("application/json", f"/search?q={quote(query)}&format=json")],
                           pages=max(1, -(-len(hits) // PAGE_SIZE)), page_url=linker().page,
                           kind_label=page_url_for_kind)


def _hit_json(hit: Hit) -> dict:
    from fazhi.web.pages import linker

    return {"iri": hit.entry.iri, "label": hit.entry.label, "kind": hit.entry.kind,
            "page": linker().page(hit.entry.iri), "matches": hit.count, "snippet": hit.snippet}


@bp.get("/search/suggest")
def suggest():
    """Autocomplete: the ten best names for what has been typed so far."""
    query = _query_arg()
    hits = _hits(query, names_only=True)[:10] if query else []
    response = jsonify({"query": query, "suggestions": [_hit_json(h) for h in hits]})
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


def init_app(app: Flask) -> None:
    site = init_site(app)
    site.on_new_version(lambda snap: None if snap.empty else current_index(snap))
    app.register_blueprint(bp)
