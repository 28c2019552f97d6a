"""A saved government-portal page → the lines of its visible text.

Portals wrap the report in navigation, breadcrumbs, share buttons and footers. This module only
turns markup into lines of visible text (block elements become line breaks, scripts, styles and
obvious chrome containers are dropped); choosing which lines are the report is ``page.py``'s job.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "header", "footer", "title", "dd", "dt", "dl", "pre",
    "blockquote", "center", "hr", "tbody", "thead", "form", "nav", "aside", "main", "span_br",
}
_SKIP = {"script", "style", "noscript", "template", "nav", "select", "option", "button",
         "iframe", "object", "svg", "canvas", "textarea", "head"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}
_HEAD_CONTENT = {"title", "meta", "link", "base", "style", "script", "noscript", "template"}
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009]+")
_HTML_SIGNS = re.compile(r"<\s*(html|body|div|p|meta|head|title|table|span)\b", re.I)
_MAX_DEPTH = 2000


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than a plain-text report."""
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(_HTML_SIGNS.findall(text[:20000])) >= 3


def html_lines(markup: str) -> list[str]:
    """Visible text of ``markup`` as stripped, non-empty lines, in document order."""
    parser = _TextParser()
    parser.feed(_defused(markup))
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return [line for line in lines if line]


def _defused(markup: str) -> str:
    """What HTMLParser reads in linear time, with the same visible text.

    CPython's HTMLParser (before 3.12.11/3.13.4) rescans to the end of the input for every
    construct it cannot close, so a page ending in thousands of unclosed ``<x `` or
    ``<![CDATA[`` took minutes. No construct can close after the last ``>``, and the parser
    keeps what follows it as text anyway: escaped, it is read as text in one pass.
    """
    markup = _without_comments(markup)
    last = markup.rfind(">")
    if "<" in markup[last + 1:]:
        markup = markup[:last + 1] + markup[last + 1:].replace("<", "&lt;")
    return markup


def _without_comments(markup: str) -> str:
    """``markup`` without its comments, in one pass; a comment never closed runs to the end, as
    in browsers. (HTMLParser looks for ``-->`` afresh after every ``<!--`` it cannot close, so
    a page of unclosed comments took quadratic time: 10 s for 160 kB.)"""
    kept, pos = [], 0
    while (start := markup.find("<!--", pos)) >= 0:
        kept.append(markup[pos:start])
        end = markup.find("-->", start + 4)
        if end < 0:
            return "".join(kept)
        pos = end + 3
    kept.append(markup[pos:])
    return "".join(kept)


class _TextParser(HTMLParser):
    """Collects text outside skipped elements; block boundaries become newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self._skip_stack == ["head"] and tag not in _HEAD_CONTENT:
            self._skip_stack.pop()  # as browsers do: body content ends an unclosed <head>
        if tag in _SKIP and tag not in _VOID and len(self._skip_stack) < _MAX_DEPTH:
            self._skip_stack.append(tag)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_stack and tag == self._skip_stack[-1]:
            self._skip_stack.pop()
        elif tag in _SKIP and tag in self._skip_stack:
            while self._skip_stack and self._skip_stack.pop() != tag:
                pass
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_stack:
            self.parts.append(data.replace("\n", " "))
