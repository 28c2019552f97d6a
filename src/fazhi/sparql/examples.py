"""The worked example queries in ``queries/*.rq``: each opens with a comment header.

    # title@zh: 下一年度工作计划
    # title@en: Plans for next year
    # description: What each government or department plans for the following year.

The files are written against the default base URI; :func:`load_examples` rewrites it to the
deployment's own, so the examples run unchanged wherever fazhi is served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fazhi.config import Config
from fazhi.paths import resource_dir

DEFAULT_BASE = Config.base_uri
_HEADER = re.compile(r"^#\s*(title@zh|title@en|description)\s*:\s*(.+?)\s*$")


@dataclass(frozen=True)
class Example:
    name: str
    title_zh: str
    title_en: str
    description: str
    query: str

    def to_dict(self) -> dict:
        return {"name": self.name, "title_zh": self.title_zh, "title_en": self.title_en,
                "description": self.description, "query": self.query}


def parse_example(name: str, text: str, base_uri: str = DEFAULT_BASE) -> Example:
    """One example from its file text; missing header lines fall back to the file name."""
    fields = {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)] = match.group(2)
        elif line.strip() and not line.startswith("#"):
            break
    query = text.replace(DEFAULT_BASE, base_uri) if base_uri != DEFAULT_BASE else text
    return Example(name, fields.get("title@zh", name), fields.get("title@en", name),
                   fields.get("description", ""), query)


@lru_cache(maxsize=8)
def load_examples(base_uri: str = DEFAULT_BASE, folder: str | None = None) -> tuple[Example, ...]:
    """Every ``*.rq`` file in the packaged ``queries/`` folder, by file name."""
    where = Path(folder) if folder else resource_dir("queries")
    if not where.is_dir():
        return ()
    return tuple(parse_example(p.stem, p.read_text(encoding="utf-8"), base_uri)
                 for p in sorted(where.glob("*.rq")))
