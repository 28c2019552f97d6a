"""URI policy: the one place that decides what every minted IRI looks like.

All IRIs are ASCII and deterministic: the same input gives the same IRI in every run and on
every machine. Chinese text lives in labels, never in paths. Keys:

* area ``id/area/{gb2260}``; organisation ``id/org/{gb2260}/{slug}``;
* report ``id/report/{gb2260}/{org-slug}/{year}`` with parts under it
  (``/section/1.2``, ``/section/1.2/measure/3``, ``/problem/2``, ``/plan/1``, ``/text``);
* year ``id/year/{yyyy}``; document ``id/doc/{16 hex}``;
* observation ``id/observation/{gb2260}/{org-slug}/{year}/{n}``;
* named graph ``graph/report/{gb2260}/{org-slug}/{year}``.

When an area cannot be resolved, ``x-{8 hex of sha256(issuer name)}`` stands in for the code.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from fazhi.rdf.namespaces import (
    INDICATOR_SCHEME,
    PHRASE_SCHEME,
    Vocab,
)

_KEY = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def nfkc(text: str) -> str:
    """NFKC without surrounding or inner whitespace: the normal form hashed into keys."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def unresolved_area_key(name: str) -> str:
    """The stand-in for an area code when ``name`` names no known area."""
    return "x-" + _sha(nfkc(name))[:8]


def _check(*keys: str) -> None:
    for key in keys:
        if not _KEY.match(key):
            raise ValueError(f"not a URI key: {key!r}")


class Minter:
    """Mints every IRI of a deployment under ``base_uri``."""

    def __init__(self, base_uri: str):
        self.vocab = Vocab(base_uri)
        self.base = self.vocab.base

    def _iri(self, path: str) -> NamedNode:
        return NamedNode(self.base + path)

    def area(self, code: str) -> NamedNode:
        _check(code)
        return self._iri(f"id/area/{code}")

    def org(self, code: str, slug: str) -> NamedNode:
        _check(code, slug)
        return self._iri(f"id/org/{code}/{slug}")

    def report(self, code: str, slug: str, year: int) -> NamedNode:
        _check(code, slug)
        return self._iri(f"id/report/{code}/{slug}/{int(year):04d}")

    def registry_graph(self) -> NamedNode:
        """The one graph describing entities many reports share (organisations, areas, …)."""
        return self._iri("graph/registry")

    def graph(self, code: str, slug: str, year: int) -> NamedNode:
        """The named graph holding everything extracted from one report."""
        _check(code, slug)
        return self._iri(f"graph/report/{code}/{slug}/{int(year):04d}")

    def section(self, report: NamedNode, section_id: str) -> NamedNode:
        _check(section_id)
        return NamedNode(f"{report.value}/section/{section_id}")

    def item(self, report: NamedNode, kind: str, ordinal: int, section: NamedNode | None = None) -> NamedNode:
        """A measure under its section; problems and plans numbered across the report."""
        if kind == "measure" and section is not None:
            return NamedNode(f"{section.value}/measure/{int(ordinal)}")
        _check(kind)
        return NamedNode(f"{report.value}/{kind}/{int(ordinal)}")

    def text(self, report: NamedNode) -> NamedNode:
        return NamedNode(f"{report.value}/text")

    def evidence(self, subject: NamedNode) -> NamedNode:
        """The annotation evidencing an entity that belongs to one report."""
        return NamedNode(f"{subject.value}/evidence")

    def mention(self, report: NamedNode, kind: str, index: int) -> NamedNode:
        """The annotation for the ``index``-th mention of a shared entity (org, doc, year)."""
        _check(kind)
        return NamedNode(f"{report.value}/mention/{kind}/{int(index)}")

    def year(self, year: int) -> NamedNode:
        return self._iri(f"id/year/{int(year):04d}")

    def doc(self, title: str, issuer_key: str = "") -> NamedNode:
        """A cited document: hash of NFKC(title) + "|" + issuer key ("" for national laws)."""
        return self._iri(f"id/doc/{_sha(nfkc(title) + '|' + issuer_key)[:16]}")

    def observation(self, code: str, slug: str, year: int, n: int) -> NamedNode:
        _check(code, slug)
        return self._iri(f"id/observation/{code}/{slug}/{int(year):04d}/{int(n)}")

    def phrase_concept(self, phrase: str) -> NamedNode:
        """The indicator-phrase concept for a phrase as found in a report."""
        return self.vocab.concept(PHRASE_SCHEME, phrase_notation(phrase))

    def indicator(self, notation: str) -> NamedNode:
        """A curated indicator concept."""
        _check(notation)
        return self.vocab.concept(INDICATOR_SCHEME, notation)

    def concept(self, scheme: str, notation: str) -> NamedNode:
        _check(scheme, notation)
        return self.vocab.concept(scheme, notation)


def phrase_notation(phrase: str) -> str:
    """ASCII notation of a phrase concept: ``p-`` + 12 hex of sha256(NFKC(phrase))."""
    return "p-" + _sha(nfkc(phrase))[:12]
