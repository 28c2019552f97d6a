"""Where the packaged resources (``webapp/``, ``ontology/``) live.

In a wheel they are copied to ``fazhi/resources/<name>``; in a checkout (editable install or
``PYTHONPATH=src``) they are the top-level folders, so template edits show up live.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` ("webapp" or "ontology"), packaged copy first."""
    packaged = _PACKAGE / "resources" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / name


def checkout_root() -> Path | None:
    """The source checkout holding this package, or None when installed from a wheel."""
    root = _PACKAGE.parents[1]
    return root if (root / "pyproject.toml").is_file() else None
