"""fazhi: rule-of-law government reports as a linked-open-data knowledge graph."""

__version__ = "0.1.0"

__all__ = ["__version__"]
