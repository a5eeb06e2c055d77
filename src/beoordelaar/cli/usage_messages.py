"""argparse's own usage errors in Dutch. argparse words them in English (Python 3.11 to 3.14); a message it adds
later is shown as it is. The project's own messages (a type's ArgumentTypeError) are Dutch already."""

from __future__ import annotations

import re
from collections.abc import Callable

_ON_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.DOTALL)
_TYPE_WORDS = {"int": " (verwacht: een geheel getal)", "float": " (verwacht: een getal)"}


def _either(names: str) -> str:
    *first, last = names.split()
    return f"geef {', '.join(first)} of {last}" if first else f"geef {last}"


def _unknown(arguments: str) -> str:
    return f"{'onbekende argumenten' if ' ' in arguments else 'onbekend argument'}: {arguments}"


def _choice(found: re.Match[str]) -> str:
    meant = f" (bedoelt u {found['meant']}?)" if found["meant"] else ""
    return f"onbekende keuze {found['value']}{meant} (kies uit {found['choices']})"


_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"the following arguments are required: (.*)", re.DOTALL), lambda m: f"dit ontbreekt nog: {m[1]}"),
    (re.compile(r"unrecognized arguments: (.*)", re.DOTALL), lambda m: _unknown(m[1])),
    (re.compile(r"expected (?:one|1) argument"), lambda m: "hier hoort één waarde achter"),
    (re.compile(r"expected at most one argument"), lambda m: "hier hoort hoogstens één waarde achter"),
    (re.compile(r"expected at least one argument"), lambda m: "hier hoort minstens één waarde achter"),
    (re.compile(r"expected (\d+) arguments"), lambda m: f"hier horen {m[1]} waarden achter"),
    (
        re.compile(
            r"invalid choice: (?P<value>.*?)(?:, maybe you meant (?P<meant>.*?)\?)? \(choose from (?P<choices>.*)\)",
            re.DOTALL,
        ),
        _choice,
    ),
    (
        re.compile(r"invalid (\w+) value: (.*)", re.DOTALL),
        lambda m: f"{m[2]} is geen geldige waarde{_TYPE_WORDS.get(m[1], '')}",
    ),
    (
        re.compile(r"ambiguous option: (\S+) could match (.*)", re.DOTALL),
        lambda m: f"{m[1]} is niet eenduidig: bedoelt u {m[2]}?",
    ),
    (re.compile(r"not allowed with argument (.*)", re.DOTALL), lambda m: f"kan niet samen met {m[1]}"),
    (re.compile(r"one of the arguments (.*) is required", re.DOTALL), lambda m: _either(m[1])),
    (
        re.compile(r"ignored explicit argument (.*)", re.DOTALL),
        lambda m: f"hier hoort geen waarde achter (gegeven: {m[1]})",
    ),
)


def dutch_usage_message(message: str) -> str:
    """'argument --motivering: expected one argument' -> 'bij --motivering: hier hoort één waarde achter'."""
    where, what = "", message
    if on_argument := _ON_ARGUMENT.fullmatch(message):
        where, what = f"bij {on_argument[1]}: ", on_argument[2]
    for english, dutch in _MESSAGES:
        if found := english.fullmatch(what):
            return where + dutch(found)
    return where + what
