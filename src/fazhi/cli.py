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

    report = read_report(file, issuer=issuer)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(summary_text(report))


def main() -> None:  # pragma: no cover - console entry point alias
    cli()
