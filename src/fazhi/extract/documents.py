"""Titles in 《》 (and 〈〉 inside them): every document a report cites or issues.

A linear scan with a stack, so a title nested thousands of levels deep costs no more than a
flat one; unbalanced brackets are skipped, never guessed at.
"""

from __future__ import annotations

import re

from fazhi.extract.model import Document

_OPEN = {"《": "》", "〈": "〉"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKETS = re.compile("[《》〈〉\n]")
MAX_TITLE = 300
_KINDS = (
    ("law", re.compile(r"(?<!办)法$")),
    ("regulation", re.compile(r"条例$")),
    ("rules", re.compile(r"(规定|办法|细则|规则|规程|守则|准则|标准)(\(.*\)|（.*）)?$")),
    ("programme", re.compile(r"(纲要|规划)(\(.*\)|（.*）)?$")),
    ("plan", re.compile(r"(方案|计划|要点|安排)(\(.*\)|（.*）)?$")),
    ("opinion", re.compile(r"意见$")),
    ("notice", re.compile(r"(通知|通告|公告)$")),
    ("decision", re.compile(r"决定$")),
    ("list", re.compile(r"(清单|目录|名录)(\(.*\)|（.*）)?$")),
    ("report", re.compile(r"报告$")),
    ("system", re.compile(r"(制度|机制|指引|指南)$")),
)


def find_documents(text: str) -> list[Document]:
    """Every balanced 《…》 title (outer titles before the ones nested in them)."""
    spans = _balanced_spans(text)
    spans.sort(key=lambda span: (span[0], -span[1]))
    documents: list[Document] = []
    index_by_span: dict[tuple[int, int], int] = {}
    for start, end, parent in spans:
        if end - start > 2 * MAX_TITLE:  # not a title; and nested spans would cost O(n²) to copy
            continue
        title = text[start:end].strip()
        if not title or len(title) > MAX_TITLE or "\n" in title:
            continue
        index_by_span[(start, end)] = len(documents)
        documents.append(Document(title=title, start=start, end=end, kind=document_kind(title),
                                  parent=index_by_span.get(parent) if parent else None))
    return documents


def _balanced_spans(text: str) -> list[tuple[int, int, tuple[int, int] | None]]:
    """(start, end, enclosing span) of each balanced bracket pair; inner 〈〉 only inside 《》."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int, int]] = []
    for found in _BRACKETS.finditer(text):
        i, char = found.start(), found.group(0)
        if char in _OPEN and (char == "《" or stack):
            stack.append((char, i))
        elif char in _CLOSE and stack and stack[-1][0] == _CLOSE[char]:
            _, start = stack.pop()
            pairs.append((start + 1, i, len(stack)))
        elif char == "\n":
            stack.clear()
    return _with_parents(pairs)


def _with_parents(pairs: list[tuple[int, int, int]]):
    """Attach to each pair the pair that immediately encloses it (depth one less)."""
    pairs.sort(key=lambda p: (p[0], -p[1]))
    open_at_depth: dict[int, tuple[int, int]] = {}
    out = []
    for start, end, depth in pairs:
        parent = open_at_depth.get(depth - 1) if depth else None
        if parent and not (parent[0] <= start and end <= parent[1]):
            parent = None
        open_at_depth[depth] = (start, end)
        out.append((start, end, parent))
    return out


def document_kind(title: str) -> str:
    """A controlled slug for the kind of document, from the end of its title (brackets
    doubled around it, as in 《《…方案》》, set aside: the graph takes it for the same title)."""
    title = title.strip("《》〈〉") or title
    bare = re.sub(r"[（(][^（()）]*[)）]$", "", title).strip()
    for kind, pattern in _KINDS:
        if pattern.search(bare) or pattern.search(title):
            return kind
    return "other"


def inside_titles(documents: list[Document]) -> list[tuple[int, int]]:
    """Spans (with their brackets) that other recognisers must leave alone."""
    return [(d.start - 1, d.end + 1) for d in documents if d.parent is None]
