"""The ``fazhi`` command line. Library errors (:class:`FazhiError`) become one-line messages
and exit code 2 here, and only here."""

from __future__ import annotations

import json
import sys
from functools import wraps

import click

from fazhi import __version__
from fazhi.errors import FazhiError


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"fazhi: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn project errors (and, as a last resort, any bug) into a one-line message, exit 2."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except FazhiError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: say so in one line rather than dump a traceback
            _fail(f"internal error: {type(exc).__name__}: {exc}")

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fazhi")
def cli() -> None:
    """fazhi: rule-of-law government reports as linked open data."""


@cli.command()
@click.argument("file", type=click.Path(path_type=str))  # folders: read_report says why, in one line
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--issuer", help="The reporting government or department, when the report does not say.")
@handle_errors
def extract(file: str, fmt: str, issuer: str | None) -> None:
    """Extract one report (plain text or saved HTML, UTF-8 or GB18030) and print what was found."""
    from fazhi.extract import read_report
    from fazhi.extract.summary import summary_text
    from fazhi.sidecar import apply_sidecar, read_sidecar

    sidecar = read_sidecar(file)
    report = read_report(file, issuer=issuer or sidecar.issuer)
    apply_sidecar(report, sidecar, issuer)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(summary_text(report))


def store_options(func):
    """``--store`` / ``--endpoint`` (each also ``FAZHI_STORE`` / ``FAZHI_ENDPOINT``), so every
    command that reads or writes the store agrees on where the data is."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), envvar="FAZHI_CONFIG",
                     help="A TOML config file (see the README)."),
        click.option("--store", "store", help="Folder of the embedded store [FAZHI_STORE; default data/store]."),
        click.option("--endpoint", help="SPARQL 1.1 query endpoint of a remote store [FAZHI_ENDPOINT]."),
        click.option("--update-endpoint", help="SPARQL 1.1 update endpoint of the remote store [FAZHI_UPDATE_ENDPOINT]."),
        click.option("--gsp-endpoint", help="Graph Store Protocol endpoint of the remote store [FAZHI_GSP_ENDPOINT]."),
        click.option("--base-uri", help="Base of every minted URI [FAZHI_BASE_URI]."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_config(config_file=None, store=None, endpoint=None, update_endpoint=None, gsp_endpoint=None,
                base_uri=None, **extra):
    from fazhi.config import load_config

    return load_config(config_file, store=store, endpoint=endpoint, update_endpoint=update_endpoint,
                       gsp_endpoint=gsp_endpoint, base_uri=base_uri, **extra)


def _store_kwargs(kwargs: dict) -> dict:
    keys = ("config_file", "store", "endpoint", "update_endpoint", "gsp_endpoint", "base_uri")
    return {k: kwargs.pop(k) for k in keys if k in kwargs}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--issuer", help="The reporting body, for reports that do not say.")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="Check each report's graph against the SHACL shapes before loading it.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: one per core).")
@store_options
@handle_errors
def ingest(paths, issuer, validate, jobs, **kwargs):
    """Extract, map and load reports (files or folders) into the store, one graph per report."""
    from fazhi.ingest import collect_files, ingest as run_ingest
    from fazhi.store import open_store

    config = make_config(**_store_kwargs(kwargs))
    files, _ = collect_files(paths)
    with open_store(config) as store, click.progressbar(length=len(files), label="ingesting",
                                                        file=sys.stderr) as bar:
        summary = run_ingest(paths, store, base_uri=config.base_uri, issuer=issuer, validate=validate,
                             workers=jobs, max_bytes=config.max_report_bytes, progress=lambda _: bar.update(1))
    _print_summary(summary)
    if summary.failures:
        sys.exit(1)


def _print_summary(summary) -> None:
    for path, reason in summary.failures:
        click.echo(f"skipped {path}: {reason}", err=True)
    for warning in summary.warnings[:50]:
        click.echo(f"warning: {warning}", err=True)
    if len(summary.warnings) > 50:
        click.echo(f"… and {len(summary.warnings) - 50} more warnings", err=True)
    click.echo(f"{summary.reports} reports loaded ({summary.unchanged} unchanged, {len(summary.failures)} skipped), "
               f"{summary.triples} triples, {summary.metrics} metrics, {len(summary.warnings)} warnings")


@cli.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--graph", "graphs", multiple=True, help="Validate only this report graph (repeatable).")
@store_options
@handle_errors
def validate(file, graphs, **kwargs):
    """Check the store's report graphs (or one RDF/report FILE) against the SHACL shapes."""
    from fazhi.validation import validate_file, validate_store

    config = make_config(**_store_kwargs(kwargs))
    if file:
        results = validate_file(file, config)
    else:
        from fazhi.store import open_store

        with open_store(config, read_only=True) as store:
            results = validate_store(store, config, graphs=list(graphs) or None)
    _print_violations(results)


def _print_violations(results) -> None:
    violations = [r for r in results if r.severity == "Violation"]
    for result in results:
        click.echo(f"{result.severity}: {result.focus}  {result.path or ''}  {result.message}")
    click.echo(f"{len(violations)} violations, {len(results) - len(violations)} warnings")
    if violations:
        sys.exit(1)


@cli.command()
@store_options
@handle_errors
def stats(**kwargs):
    """Counts: triples, graphs, reports, observations, organizations, documents, indicators."""
    from fazhi.stats import compute_stats
    from fazhi.store import open_store

    config = make_config(**_store_kwargs(kwargs))
    with open_store(config, read_only=True) as store:
        for name, value in compute_stats(store, config.base_uri).items():
            click.echo(f"{name:>14}  {value}")


def _register_commands() -> None:
    """Commands that live in their own modules (``fazhi.commands.<name>``) add themselves."""
    from fazhi.commands import export, network, query, serve

    for module in (serve, query, export, network):
        module.register(cli)


_register_commands()


def main() -> None:  # pragma: no cover - console entry point alias
    cli()
