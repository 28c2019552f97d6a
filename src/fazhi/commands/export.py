"""``fazhi export`` (one dump to a file or stdout) and ``fazhi publish-dumps`` (a release)."""

from __future__ import annotations

import gzip
import os
import sys

import click

from fazhi.cli import _store_kwargs, handle_errors, make_config, store_options


def register(cli: click.Group) -> None:
    cli.add_command(export_command)
    cli.add_command(publish_dumps_command)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "rdf"]),
              default="nq", show_default=True,
              help="nq/trig/jsonld keep the named graphs; ttl/nt/rdf hold their union.")
@click.option("--gzip", "compress", is_flag=True, help="Compress the output with gzip.")
@click.option("--graph", help="Only this report: a graph IRI, a report IRI or e.g. 511083/government/2021.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (default: standard output).")
@store_options
@handle_errors
def export_command(fmt, compress, graph, output, **kwargs):
    """Dump the whole dataset, or one report's graph, in an RDF format (streamed)."""
    from fazhi.export import export, get_format, resolve_graph
    from fazhi.store import open_store

    config = make_config(**_store_kwargs(kwargs))
    with open_store(config, read_only=True) as store:
        target = resolve_graph(store, config.base_uri, graph) if graph else None
        try:
            with _open_output(output) as raw:
                out = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if compress else raw
                count = export(store, get_format(fmt), out, base_uri=config.base_uri, graph=target)
                if compress:
                    out.close()
        except BrokenPipeError:  # `fazhi export | head`: the reader left, which is not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
    click.echo(f"{count} statements written", err=True)


class _open_output:
    """The output file, or stdout's binary buffer (left open)."""

    def __init__(self, path: str | None):
        self.path = path
        self.handle = None

    def __enter__(self):
        if self.path is None:
            return sys.stdout.buffer
        try:
            self.handle = open(self.path, "wb")
        except OSError as exc:
            from fazhi.errors import BadRequest

            raise BadRequest(f"cannot write {self.path}: {exc.strerror}") from exc
        return self.handle

    def __exit__(self, *exc_info) -> None:
        if self.handle is not None:
            self.handle.close()
        else:
            sys.stdout.buffer.flush()


@click.command("publish-dumps")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder of the release [FAZHI_DUMPS_DIR; default data/dumps].")
@store_options
@handle_errors
def publish_dumps_command(out_dir, **kwargs):
    """Write a release: every format gzipped, one Turtle file per report, manifest and DCAT."""
    from fazhi.publish import publish_dumps
    from fazhi.store import open_store

    config = make_config(**_store_kwargs(kwargs))
    with open_store(config, read_only=True) as store:
        manifest = publish_dumps(store, config, out_dir)
    for entry in manifest.full_dumps:
        click.echo(f"{entry.path:<20} {entry.bytes:>14,} bytes  {entry.statements:>12,} {entry.unit}")
    click.echo(f"{len(manifest.report_dumps)} per-report dumps; version {manifest.version or '(none)'} "
               f"in {out_dir or config.dumps_dir}")
