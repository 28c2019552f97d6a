"""Names for things: pick the label a reader wants, and know the ontology's own terms.

A thing may carry several labels (rdfs:label, skos:prefLabel, dct:title) in several languages.
Pages show Chinese first, then English, then pinyin (``zh-Latn-pinyin``), then any other
label, and the URI only when there is none. Terms of the ontology and of the reused
vocabularies are labelled once, at start-up, from ``ontology/*.ttl`` and ``webapp/labels``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from fazhi.paths import resource_dir

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
LABEL_PROPERTIES = (RDFS_LABEL, PREF_LABEL, DCT_TITLE)
#: SPARQL list of the label properties, for ``FILTER(?p IN (…))``.
LABEL_LIST = ", ".join(f"<{p}>" for p in LABEL_PROPERTIES)
COMMENT_PROPERTIES = ("http://www.w3.org/2004/02/skos/core#definition",
                      "http://purl.org/dc/terms/description",
                      "http://www.w3.org/2000/01/rdf-schema#comment")


def language_rank(language: str | None) -> int:
    """Lower is better: zh, en, pinyin, anything else, no language."""
    lang = (language or "").lower()
    if lang == "zh" or lang.startswith("zh-") and "latn" not in lang:
        return 0
    if lang == "en" or lang.startswith("en-"):
        return 1
    if "latn" in lang:
        return 2
    return 3 if lang else 4


@dataclass
class Names:
    """The labels of one thing, by language; ``best`` is what a page shows."""

    values: dict[str, str] = field(default_factory=dict)  # language tag (lower) → text
    stated: list = field(default_factory=list)  # (label property IRI, literal) as stored

    def add(self, text: str, language: str | None) -> None:
        key = (language or "").lower()
        current = self.values.get(key)
        if current is None or len(text) < len(current):
            self.values[key] = text  # the shortest label of a language: a name, not a title

    @property
    def best(self) -> str | None:
        if not self.values:
            return None
        return self.values[min(self.values, key=language_rank)]

    def get(self, language: str) -> str | None:
        return self.values.get(language)

    @property
    def english(self) -> str | None:
        return self.values.get("en")

    @property
    def pinyin(self) -> str | None:
        return next((v for k, v in self.values.items() if "latn" in k), None)


def names_from(pairs) -> dict[str, Names]:
    """Group (iri, literal) or (iri, literal, property) tuples into Names by IRI."""
    out: dict[str, Names] = {}
    for iri, literal, *prop in pairs:
        names = out.setdefault(iri, Names())
        names.add(literal.value, getattr(literal, "language", None))
        if prop:
            names.stated.append((prop[0], literal))
    return out


class NameCache:
    """Names already read from one store snapshot: neighbours (years, areas, issuers,
    indicators) recur on most pages, so each is looked up once per dataset version."""

    def __init__(self, limit: int = 500_000):
        self.limit = limit
        self.known: dict[str, Names] = {}

    def get(self, iri: str) -> Names | None:
        return self.known.get(iri)

    def __contains__(self, iri: str) -> bool:
        return iri in self.known

    def remember(self, iris, found: dict[str, "Names"]) -> None:
        """Store what a query found, and remember the IRIs that have no name at all."""
        if len(self.known) > self.limit:
            self.known = {}  # replaced, not cleared: readers in other threads keep the old one
        for iri in iris:
            self.known[iri] = found.get(iri) or Names()


class TermLabels:
    """Labels and comments of ontology and reused-vocabulary terms, loaded once."""

    def __init__(self, base_uri: str, folders: list[Path] | None = None):
        self.store = ox.Store()
        for folder in folders if folders is not None else default_folders():
            for path in sorted(folder.glob("*.ttl")):
                self.store.load(path.read_bytes(), ox.RdfFormat.TURTLE, base_iri=base_uri)
        self.names = names_from((q.subject.value, q.object, p) for p in LABEL_PROPERTIES
                                for q in self.store.quads_for_pattern(None, ox.NamedNode(p), None)
                                if isinstance(q.object, ox.Literal))
        self.comments = names_from((q.subject.value, q.object) for p in COMMENT_PROPERTIES
                                   for q in self.store.quads_for_pattern(None, ox.NamedNode(p), None)
                                   if isinstance(q.object, ox.Literal))

    def get(self, iri: str) -> Names | None:
        return self.names.get(iri)

    def knows(self, iri: str) -> bool:
        """True when the ontology files describe ``iri`` (a curated concept, a class…)."""
        return any(True for _ in self.store.quads_for_pattern(ox.NamedNode(iri), None, None))


def default_folders() -> list[Path]:
    return [resource_dir("ontology"), resource_dir("webapp") / "labels"]


def local_name(iri: str) -> str:
    """The last segment of an IRI: what is shown when nothing names it."""
    for sep in ("#", "/"):
        head, found, tail = iri.rstrip("/#").rpartition(sep)
        if found and tail:
            return tail
    return iri
