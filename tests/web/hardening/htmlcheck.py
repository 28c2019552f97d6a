"""Parse an HTML page and tell markup that came from the templates from markup that came from
the data.

Every element and attribute of a page is ours: the templates never put an event handler
attribute, a ``javascript:`` URL, an ``<img src=x>`` or an inline script on a page. So a page
where the parser finds any of those has let data through unescaped. Script elements are allowed
only as external files of this site or as non-executed data blocks (JSON, JSON-LD), and each
data block must parse as JSON: data that closed its block early would break that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

DATA_SCRIPTS = ("application/json", "application/ld+json")
SCRIPT_SOURCES = ("/static/", "/analysis/lib/", "/sparql/yasgui/")


@dataclass
class Parsed:
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    data_blocks: list[object] = field(default_factory=list)
    title: str = ""

    @property
    def all_text(self) -> str:
        return "".join(self.text)


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = Parsed()
        self._script: tuple[str, list[str]] | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._element(tag, dict(attrs), attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, dict(attrs), attrs)
        if tag == "script":
            self._script = None

    def _element(self, tag: str, attrs: dict, pairs) -> None:
        problems = self.found.problems
        for name, value in pairs:
            self.found.attributes.append(value or "")
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…> event handler attribute")
            if (value or "").strip().lower().startswith(("javascript:", "data:text/html")):
                problems.append(f"<{tag} {name}={value!r}> script URL")
        if tag == "img" and attrs.get("src") == "x":
            problems.append("<img src=x> from the data")
        if tag in ("iframe", "object", "embed", "base", "frame"):
            problems.append(f"<{tag}> element")
        if tag == "script":
            kind = (attrs.get("type") or "").lower()
            src = attrs.get("src") or ""
            if kind in DATA_SCRIPTS:
                self._script = (kind, [])
            elif src.startswith(SCRIPT_SOURCES) and not src.startswith("//"):
                self._script = ("src", [])
            else:
                problems.append(f"<script type={kind!r} src={src!r}> is not ours")
                self._script = ("bad", [])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind, parts = self._script
            body = "".join(parts)
            if kind in DATA_SCRIPTS:
                try:
                    self.found.data_blocks.append(json.loads(body))
                except ValueError as exc:
                    self.found.problems.append(f"{kind} block is not JSON ({exc})")
            elif body.strip():
                self.found.problems.append("inline script code")
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
            return
        self.found.text.append(data)
        if self._in_title:
            self.found.title += data


def check_html(body: str) -> Parsed:
    checker = _Checker()
    checker.feed(body)
    checker.close()
    return checker.found
