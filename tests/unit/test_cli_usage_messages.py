"""argparse's usage errors in Dutch, for the ones the command line's own tests cannot easily make it give."""

from __future__ import annotations

import pytest

from beoordelaar.cli.usage_messages import dutch_usage_message


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("argument --als: expected at least one argument", "bij --als: hier hoort minstens één waarde achter"),
        ("argument --als: expected 2 arguments", "bij --als: hier horen 2 waarden achter"),
        ("argument --als: expected 1 argument", "bij --als: hier hoort één waarde achter"),  # nargs=1
        ("unrecognized arguments: --foo --bar", "onbekende argumenten: --foo --bar"),
        ("ambiguous option: --a could match --als, --assessor", "--a is niet eenduidig: bedoelt u --als, --assessor?"),
        ("argument --json: not allowed with argument --csv", "bij --json: kan niet samen met --csv"),
        ("one of the arguments --ronde --alle is required", "geef --ronde of --alle"),
        ("one of the arguments --a --b --c is required", "geef --a, --b of --c"),
        ("argument --gewicht: invalid float value: 'veel'",
         "bij --gewicht: 'veel' is geen geldige waarde (verwacht: een getal)"),
        # Python 3.12.8 and later name the choices without quotes.
        ("argument OPDRACHT: invalid choice: 'x' (choose from a, b)",
         "bij OPDRACHT: onbekende keuze 'x' (kies uit a, b)"),
        ("argument --n: invalid _positive value: '(verwacht: int)'",
         "bij --n: '(verwacht: int)' is geen geldige waarde"),
        # Python 3.14, where the parser suggests.
        ("argument OPDRACHT: invalid choice: 'rond', maybe you meant 'round'? (choose from round, rounds)",
         "bij OPDRACHT: onbekende keuze 'rond' (bedoelt u 'round'?) (kies uit round, rounds)"),
        # A type's own message (ArgumentTypeError) is the project's, in Dutch already.
        ("argument SCORE: '3,5x' is geen getal", "bij SCORE: '3,5x' is geen getal"),
    ],
)  # fmt: skip
def test_each_message_in_dutch(english: str, dutch: str) -> None:
    assert dutch_usage_message(english) == dutch
