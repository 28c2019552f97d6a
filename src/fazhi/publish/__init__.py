"""Open-data publishing: releases of dumps, and their description (DCAT-AP, VoID, sitemaps).

Everything here reads the store through :class:`fazhi.store.Store` and the dataset summary
(:func:`fazhi.dataset.read_summary`), so it works the same on the embedded and remote stores.
"""

from fazhi.publish.manifest import Coverage, DumpFile, Manifest, cached_manifest, read_manifest
from fazhi.publish.release import publish_dumps, report_dump_path, write_dump

__all__ = ["Coverage", "DumpFile", "Manifest", "cached_manifest", "publish_dumps", "read_manifest",
           "report_dump_path", "write_dump"]
