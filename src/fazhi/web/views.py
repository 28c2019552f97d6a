"""Entity page view-models: a :class:`Description` turned into named, grouped, linked values.

Templates only lay out what is here; every name comes from the data or the ontology's labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from markupsafe import Markup

from fazhi.web.describe import RDF_TYPE, Description, Incoming
from fazhi.web.labels import COMMENT_PROPERTIES, LABEL_PROPERTIES, Names, local_name
from fazhi.web.links import Linker

LONG_LITERAL = 600  # characters of a literal shown on a page before it is cut
SCHEMA_TYPES = {"Report": "Report", "Organization": "GovernmentOrganization",
                "GovernmentDocument": "Legislation", "Concept": "DefinedTerm",
                "Observation": "Observation", "TextSnapshot": "CreativeWork",
                "AdministrativeDivision": "AdministrativeArea", "DateTimeInterval": "Thing"}


@dataclass
class Value:
    kind: str            # "iri", "literal" or "blank"
    text: str            # what is shown
    href: str = ""
    language: str = ""
    datatype: str = ""   # datatype's name (xsd:integer → "integer")
    iri: str = ""
    truncated: bool = False


@dataclass
class Group:
    iri: str
    names: Names | None
    values: list[Value]
    count: int = 0
    capped: bool = False
    more: str = ""

    @property
    def label(self) -> str:
        return (self.names.best if self.names else None) or local_name(self.iri)

    @property
    def english(self) -> str | None:
        return self.names.english if self.names and self.names.english != self.label else None


@dataclass
class EntityView:
    iri: str
    names: Names
    types: list[Value]
    description: str
    groups: list[Group]
    incoming: list[Group]
    incoming_capped: bool
    class_names: list[str]
    extra: dict = field(default_factory=dict)
    evidence: list = field(default_factory=list)
    presenter: "Presenter | None" = None

    @property
    def title(self) -> str:
        return self.names.best or self.iri


class Presenter:
    """Builds values and groups for one page, with the page's names and links."""

    def __init__(self, linker: Linker, names: dict[str, Names]):
        self.linker, self.names = linker, names

    def name(self, iri: str) -> str:
        found = self.names.get(iri)
        return (found.best if found else None) or local_name(iri)

    def value(self, term) -> Value:
        if isinstance(term, ox.NamedNode):
            return Value("iri", self.name(term.value), self.linker.page(term.value), iri=term.value)
        if isinstance(term, ox.Literal):
            text = term.value
            cut = len(text) > LONG_LITERAL
            datatype = "" if term.language or term.datatype.value.endswith("#string") else local_name(term.datatype.value)
            return Value("literal", text[:LONG_LITERAL] + ("…" if cut else ""), language=term.language or "",
                         datatype=datatype, truncated=cut)
        return Value("blank", str(term))

    def groups(self, pairs, skip: tuple[str, ...] = ()) -> list[Group]:
        grouped: dict[str, list] = {}
        for prop, term in pairs:
            if prop not in skip:
                grouped.setdefault(prop, []).append(term)
        out = [Group(p, self.names.get(p), [self.value(t) for t in _ordered(terms)], len(terms))
               for p, terms in grouped.items()]
        return sorted(out, key=lambda g: (_priority(g.iri), g.label))

    def incoming(self, iri: str, inc: Incoming) -> Group:
        more = f"{self.linker.page(iri)}?inverse={_quote(inc.prop)}"
        return Group(inc.prop, self.names.get(inc.prop), [self.value(ox.NamedNode(s)) for s in inc.subjects],
                     inc.count, inc.capped, more if inc.count > len(inc.subjects) else "")


def render_term(v: Value) -> Markup:
    """One value as HTML: a link named by its label, or a literal with its language/datatype.

    Written in Python rather than as a Jinja macro: pages show hundreds of values, and a macro
    call costs several times more than this function.
    """
    if v.kind == "iri":
        return Markup('<a href="%s" title="%s">%s</a>') % (v.href, v.iri, v.text)
    if v.kind == "literal":
        lang = Markup(' lang="%s"') % v.language if v.language else ""
        html = Markup('<span class="literal"%s>%s</span>') % (lang, v.text)
        if v.language:
            html += Markup(' <small class="lang">@%s</small>') % v.language
        if v.datatype:
            html += Markup(' <small class="datatype">%s</small>') % v.datatype
        return html
    return Markup('<span class="blank">%s</span>') % v.text


def render_link(presenter: "Presenter", iri: str) -> Markup:
    """A link to ``iri``'s page named by its label."""
    return Markup('<a href="%s">%s</a>') % (presenter.linker.page(iri), presenter.name(iri))


def render_segments(segments, presenter: "Presenter", highlight: tuple[int, int] | None) -> Markup:
    """The report text with every extracted span linked and classed by kind, the ``?hl=``
    range wrapped in ``<mark class="hl">``, and an ``id="char=S,E"`` anchor where each span
    begins (a report has thousands of pieces: a template loop would dominate the page's cost)."""
    from html import escape

    out: list[str] = []
    for seg in segments:
        if seg.opens_highlight:
            out.append('<mark class="hl" id="char=%d,%d">' % highlight)
        out += ['<span class="anchor" id="char=%d,%d"></span>' % (a.start, a.end) for a in seg.anchors]
        inner = seg.innermost
        if inner is None:
            out.append(escape(seg.text))
        else:
            kinds = " ".join("k-" + escape(s.kind) for s in seg.spans)
            out.append('<a class="m %s" href="%s" title="%s">%s</a>' % (
                kinds, escape(presenter.linker.page(inner.body)), escape(inner.kind), escape(seg.text)))
        if seg.closes_highlight:
            out.append("</mark>")
    return Markup("".join(out))


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def _priority(prop: str) -> int:
    if prop == RDF_TYPE:
        return 0
    if prop in LABEL_PROPERTIES:
        return 1
    return 2


def _ordered(terms: list) -> list:
    """Chinese first, then English, then the rest; values in a stable order."""
    def key(t):
        lang = getattr(t, "language", None) or ""
        return (0 if lang == "zh" else 1 if lang == "en" else 2, str(t))
    return sorted(terms, key=key)


def entity_view(d: Description, linker: Linker) -> EntityView:
    p = Presenter(linker, d.names)
    names = d.names.get(d.iri) or Names()
    comment = next((o.value for prop in COMMENT_PROPERTIES for o in d.values(prop) if isinstance(o, ox.Literal)
                    and (o.language or "zh").startswith("zh")), "")
    types = [p.value(ox.NamedNode(t)) for t in d.types]
    return EntityView(d.iri, names, types, comment, p.groups(d.out, skip=(RDF_TYPE,)),
                      [p.incoming(d.iri, inc) for inc in d.incoming], d.incoming_capped,
                      [local_name(t) for t in d.types])


def schema_org(view: EntityView, url: str) -> dict:
    """The schema.org JSON-LD a search engine reads from the page."""
    kind = next((SCHEMA_TYPES[c] for c in view.class_names if c in SCHEMA_TYPES), "Thing")
    data = {"@context": "https://schema.org", "@type": kind, "@id": view.iri, "url": url,
            "name": view.title, "identifier": view.iri}
    if view.names.english:
        data["alternateName"] = view.names.english
    if view.description:
        data["description"] = view.description
    return data
