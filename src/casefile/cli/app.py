"""The ``casefile`` command: global options, error handling, command registration.

Only Typer is imported at start-up; each command imports the services it needs, so
``casefile --version`` and ``--help`` never load SQLAlchemy or Textual.
"""

from __future__ import annotations

import copy
import gc
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from casefile import __version__
from casefile.errors import CasefileError


class CasefileGroup(TyperGroup):
    """Turns every failure into one sentence on stderr and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        from typer._click import exceptions as click_exceptions

        from casefile.cli.context import install_passphrase_prompt
        from casefile.paths import private_umask

        private_umask()
        install_passphrase_prompt()
        from casefile.cli.date_notes import install_season_warning

        install_season_warning()
        kwargs["standalone_mode"] = False
        try:
            from casefile.decoding import check_arguments

            given = kwargs.get("args", args[0] if args else None)
            check_arguments(sys.argv[1:] if given is None else list(given))
            result = super().main(*args, **kwargs)
        except CasefileError as exc:
            _fail(exc.message, exc.exit_code)
        except click_exceptions.NoArgsIsHelpError as exc:
            # A group called bare: its usage on stdout as the help shows it, one line on stderr.
            sys.stdout.write(exc.ctx.get_help() + "\n")
            names = ", ".join(sorted(getattr(exc.ctx.command, "commands", {}))) or "a command"
            _fail(f"'{exc.ctx.command_path}' needs one of these commands: {names}.", 2)
        except click_exceptions.UsageError as exc:
            hint = f" See '{exc.ctx.command_path} --help'." if exc.ctx is not None else ""
            _fail(f"{_sentence(exc.format_message())}{hint}", 2)
        except click_exceptions.ClickException as exc:
            _fail(_sentence(exc.format_message()), exc.exit_code)
        except typer.Abort:
            _fail("Aborted.", 1)
        except KeyboardInterrupt:
            _fail("Interrupted.", 130)
        except BrokenPipeError:
            sys.exit(0)
        except Exception as exc:  # a bug: say so in one line, keep the traceback for debugging
            if os.environ.get("CASEFILE_DEBUG"):
                raise
            _fail(
                f"Internal error ({type(exc).__name__}); nothing more was written. "
                "Run again with CASEFILE_DEBUG=1 to see the traceback.",
                70,
            )
        finally:
            _close_databases()
        sys.exit(result if isinstance(result, int) else 0)


def _close_databases() -> None:
    engine_module = sys.modules.get("casefile.storage.engine")
    if engine_module is not None:
        engine_module.dispose_all()


def _sentence(message: str) -> str:
    message = " ".join(message.split())
    return message if message.endswith((".", "!", "?")) else message + "."


def _fail(message: str, code: int) -> None:
    from casefile.text import one_line

    # One sentence on one line: user text quoted in it cannot break the line.
    sys.stderr.write(f"casefile: {one_line(message)}\n")
    sys.stderr.flush()
    sys.exit(code)


app = typer.Typer(
    cls=CasefileGroup,
    name="casefile",
    help="An offline, terminal-first case-file manager. Run with no command to open the TUI.",
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casefile {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Case file path or database URL (default: CASEFILE_DB, then casefile.db in the user data folder).",
        metavar="PATH_OR_URL",
    ),
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """An offline, terminal-first case-file manager. Run with no command to open the TUI."""
    from casefile.cli.context import CliState

    ctx.obj = CliState(db_target=db, command=ctx.invoked_subcommand or "change")
    if ctx.invoked_subcommand is None:
        from casefile.cli.tui_launcher import open_tui

        open_tui(ctx.obj)


# One module per command group; each has ``register(app)``. Add new groups here.
COMMAND_MODULES = (
    "commands_entities",
    "commands_records",
    "commands_views",
    "commands_claims",
    "commands_maintenance",
    "commands_encryption",
    "commands_demo",
    "commands_merge",
    "commands_exchange",
    "commands_graph",
    "commands_ingest",
    "commands_history",
)


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"casefile.cli.{name}").register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    # Start-up creates many objects that live until exit (classes, tables, compiled SQL):
    # collecting garbage among them is wasted work. The collector comes back, with those
    # objects frozen out of its way, once the case file is open (``end_start_up``).
    gc.disable()
    _for_argv(sys.argv[1:])()


def _for_argv(args: list[str]) -> typer.Typer:
    """``app``, or a copy holding only the command ``args`` names (none for ``--version`` or the TUI).

    Typer turns every registered command into a Click command on each start; building the
    one that runs (same options, same help, same errors) instead of all of them is most of
    the CLI's own start-up. Anything unusual (``--help``, an unknown word) gets the full app.
    """
    wanted = _command_word(args)
    if wanted is _FULL:
        return app
    commands = [c for c in app.registered_commands if c.name == wanted]
    groups = [g for g in app.registered_groups if g.name == wanted]
    if wanted is not None and not commands and not groups:
        return app
    pruned = copy.copy(app)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    return pruned


_FULL = "--"


def _command_word(args: list[str]) -> str | None:
    """The command ``args`` invoke after the root options; None for none, ``_FULL`` when unsure."""
    rest = iter(args)
    for arg in rest:
        if arg == "--db":
            if next(rest, None) is None:
                return _FULL
        elif arg.startswith("--db="):
            continue
        elif arg == "--version":
            return None
        elif arg.startswith("-"):
            return _FULL
        else:
            return arg
    return None
