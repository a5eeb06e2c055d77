"""What every command shares: exit codes, Dutch usage errors, JSON output, the open database."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from beoordelaar.cli.usage_messages import dutch_usage_message
from beoordelaar.core.errors import UserError

if TYPE_CHECKING:
    from beoordelaar.core.database import Database


EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2

_Typed = TypeVar("_Typed")


def _typed_argument(read: Callable[[str], _Typed | None], text: str) -> _Typed:
    try:
        value = read(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("hier hoort een datum achter")
    return value


def day_argument(text: str) -> date:
    """An argument's type: a day, as typed_day reads it."""
    from beoordelaar.core.text import typed_day  # when an argument is read, not when the parser is built

    return _typed_argument(typed_day, text)


def moment_argument(text: str) -> datetime:
    """An argument's type: a date and time as the wall clock read it (a planned interview), as typed_moment reads it."""
    from beoordelaar.core.text import typed_moment

    return _typed_argument(typed_moment, text)


def utc_moment_argument(text: str) -> datetime:
    """An argument's type: a local date and time, as the UTC the app stores its own times in."""
    from beoordelaar.core.text import typed_utc_moment

    return _typed_argument(typed_utc_moment, text)


class DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help with 'gebruik:' before the usage line."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and error messages."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "opdrachten en argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toont deze hulp en stopt")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: verkeerd gebruik: {dutch_usage_message(message)}\n")


def fail(message: str, as_json: bool = False) -> int:
    """Report refused input: the message on stderr (and as {"error": ...} on stdout with --json)."""
    print(message, file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message}, ensure_ascii=False))
    return EXIT_REFUSED


def emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    """Print data as one JSON document with --json, else the Dutch text."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text())


def with_warnings(text: str, warnings: Sequence[str]) -> str:
    """A command's Dutch text with each warning on a line of its own below it."""
    return "\n".join([text, *(f"Waarschuwing: {warning}" for warning in warnings)])


@contextmanager
def database(args: argparse.Namespace) -> Iterator[Database]:
    db = _opened(args.db)
    if db.login is not None:  # on a team server the login is who acts, whatever --als says
        args.actor = db.login
    try:
        yield db
    finally:
        db.close()


def _opened(where: str) -> Database:
    """The database; a server that asks for a password none was given for gets it typed at the terminal, three times
    at most, each refusal shown on stderr."""
    from beoordelaar.core.database import open_with_password

    def ask(login: str, host: str, refusal: str | None) -> str:
        if refusal is not None:
            print(refusal, file=sys.stderr, flush=True)
        return secret(
            f"Wachtwoord van {login} op {host}: ",
            otherwise="met een wachtwoordbestand (~/.pgpass, of het bestand dat PGPASSFILE noemt)",
        )

    opened = open_with_password(where, ask, tries=PASSWORD_TRIES)
    assert opened is not None  # the terminal's ask never cancels: Ctrl+C stops the command
    return opened


def progress_lines(what: str, steps: int = 10) -> Callable[[int, int], None]:
    """A progress callback for a bulk step: "what: 120 van 1245" on stderr (stdout stays the result, --json clean),
    about steps lines per step and the last one always; a total of 0 (unknown, as while a csv is read) prints every
    thousand."""
    shown = {"step": -1}

    def report(done: int, total: int) -> None:
        step = done * steps // total if total else done // 1000
        if step == shown["step"] and done != total:
            return
        shown["step"] = step
        print(f"{what}: {done} van {total}" if total else f"{what}: {done}", file=sys.stderr, flush=True)

    return report


PASSWORD_TRIES = 3

# The values of the core's enums that arguments offer as choices, written out so that building the parser (and
# --help, --version) imports no core module; the handlers turn them into the enums, and
# tests/unit/test_cli_choices.py holds them equal.
PROCEDURES = ("open-house", "sas", "tender")  # Procedure
SETTLED_VERDICTS = ("akkoord", "niet-akkoord", "verificatie-nodig")  # SettledVerdict
OUTCOME_WORDS = {"toelaten": "admit", "gunnen": "award", "afwijzen": "reject"}  # Outcome, as a person types it
CHANNELS = ("e-mail", "post")  # Channel


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="uitvoer als één JSON-document")


PASSPHRASE_VARIABLE = "BEOORDELAAR_WACHTWOORD"


def secret(prompt: str, *, variable: str | None = None, confirm: bool = False, otherwise: str | None = None) -> str:
    """A secret the person types: from the environment variable when it is set (scripts, tests), else asked for at
    the terminal without echo (twice when confirm). Never a command-line argument, which the shell's history keeps
    (otherwise: another way the command offers, named in the refusal)."""
    if variable and os.environ.get(variable):
        return os.environ[variable]
    if not sys.stdin.isatty():
        ways = [w for w in (otherwise, f"met de omgevingsvariabele {variable}" if variable else None) if w]
        alternatives = "".join(f", of {w}" for w in ways)
        raise UserError(
            f"{prompt.strip().rstrip(':')}: dat wordt gevraagd in een terminal{alternatives}. Er is niets veranderd."
        )
    typed = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nog een keer: ") != typed:
        raise UserError("De twee keer ingevoerde wachtwoorden zijn niet gelijk. Er is niets veranderd.")
    return typed
