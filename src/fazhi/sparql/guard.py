"""Read a query's shape before it runs: its form, its dataset clauses, and what it may not do.

A SPARQL tokenizer, not a substring search: IRIs, strings, comments, variables, prefixed names
and language tags are tokens of their own, so ``?service``, ``ex:load``, ``"SERVICE"`` or
``# FROM <x>`` are never mistaken for keywords. The engine's own parser still has the last word
on syntax; the guard only has to see keywords where the grammar can have them.

>>> plan("PREFIX g: <https://x.org/graph/> SELECT * FROM g:a { ?s ?p ?o }").default_graphs
['https://x.org/graph/a']
>>> plan('SELECT ?service WHERE { ?s <http://x/p> "SERVICE" } # LOAD').form
'SELECT'
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable, Iterator

from fazhi.errors import BadQuery

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-]))*)
  | (?P<word>[A-Za-z]+)
  | (?P<blank>_:[\w.\-]*)
  | (?P<other>\S)
""", re.VERBOSE | re.UNICODE)

FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                     "ADD", "WITH"})
#: Keywords that make the engine read from another server or from files.
OUTBOUND = {"SERVICE": "SERVICE calls other SPARQL endpoints",
            "LOAD": "LOAD reads documents from the web or from files"}


@dataclass
class QueryPlan:
    """What the guard learnt: the form and the query's own dataset (``FROM``/``FROM NAMED``)."""

    form: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def tokens(sparql: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for every token but comments."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup != "comment":
            yield match.lastgroup, match.group()


def plan(sparql: str) -> QueryPlan:
    """The query's form and dataset clauses; refuses SERVICE, LOAD and updates.

    :raises BadQuery: the request is an update or would reach out of the dataset.
    """
    found = QueryPlan()
    prefixes: dict[str, str] = {}
    base = ""
    stream = list(tokens(sparql))
    for i, (kind, text) in enumerate(stream):
        word = text.upper() if kind == "word" else ""
        if word in OUTBOUND:
            raise BadQuery(f"{word} is not allowed here: {OUTBOUND[word]}, and this endpoint "
                           "only answers from its own data")
        if found.form is None and word in UPDATES:
            raise BadQuery(f"{word}: this endpoint is read-only and accepts queries only, "
                           "not SPARQL updates")
        if word == "PREFIX":
            _prefix(stream, i, prefixes, base)
        elif word == "BASE" and i + 1 < len(stream) and stream[i + 1][0] == "iri":
            base = _resolve(stream[i + 1][1][1:-1], base)
        elif word in FORMS and found.form is None:
            found.form = word
        elif word == "FROM":
            _from_clause(stream, i, found, prefixes, base)
    return found


def _prefix(stream, i: int, prefixes: dict[str, str], base: str) -> None:
    if i + 2 < len(stream) and stream[i + 1][0] == "pname" and stream[i + 2][0] == "iri":
        name = stream[i + 1][1].split(":", 1)[0]
        prefixes[name] = _resolve(stream[i + 2][1][1:-1], base)


def _from_clause(stream, i: int, found: QueryPlan, prefixes: dict[str, str], base: str) -> None:
    named = i + 1 < len(stream) and stream[i + 1][1].upper() == "NAMED"
    at = i + 2 if named else i + 1
    if at >= len(stream):
        return  # the engine's parser will report the truncated clause
    iri = _iri(stream[at], prefixes, base)
    if iri is not None:
        (found.named_graphs if named else found.default_graphs).append(iri)


def _iri(token: tuple[str, str], prefixes: dict[str, str], base: str) -> str | None:
    kind, text = token
    if kind == "iri":
        return _resolve(text[1:-1], base)
    if kind == "pname":
        prefix, _, local = text.partition(":")
        if prefix not in prefixes:
            raise BadQuery(f"unknown prefix {prefix!r} in {text}")
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def _resolve(iri: str, base: str) -> str:
    return urllib.parse.urljoin(base, iri) if base else iri


def check_dataset(found: QueryPlan, is_graph: Callable[[str], bool]) -> None:
    """Refuse ``FROM``/``FROM NAMED`` of anything but this dataset's own graphs.

    Other SPARQL servers dereference such IRIs on the web; this one never does, and says so
    rather than silently answering from an empty graph.
    """
    for iri in found.default_graphs + found.named_graphs:
        if not is_graph(iri):
            raise BadQuery(f"FROM <{iri}>: not a graph of this dataset; this endpoint never "
                           "fetches remote or local documents. Use the IRI of a report graph "
                           "(see the service description), or leave FROM out to query all "
                           "of them")


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, without judging the query (for clients)."""
    for kind, text in tokens(sparql):
        if kind == "word" and text.upper() in FORMS:
            return text.upper()
    return None
