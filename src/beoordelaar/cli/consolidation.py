"""consolidate."""

from __future__ import annotations

import argparse

from beoordelaar.cli.base import add_json, database, emit
from beoordelaar.services.consolidation import consolidate_round


def register(subparsers: argparse._SubParsersAction) -> None:
    consolidate = subparsers.add_parser(
        "consolidate", help="spreiding, gemarkeerde gevallen en overeenstemming (Krippendorffs alfa) per criterium"
    )
    consolidate.add_argument("round", metavar="ROUND")
    add_json(consolidate)
    consolidate.set_defaults(handler=consolidate_command)


def _alpha(value: float | None) -> str:
    return "n.v.t." if value is None else f"{value:.3f}".replace(".", ",")


def consolidate_command(args: argparse.Namespace) -> None:
    with database(args) as db:
        result = consolidate_round(db.sessions, args.round)

    def text() -> str:
        lines = [f"{'criterium':<10} {'alfa ordinaal':>14} {'alfa interval':>14} {'gemarkeerd':>11}"]
        for a in result.agreement:
            flagged = sum(1 for c in result.cells if c.criterion == a.code and c.flags)
            lines.append(f"{a.code:<10} {_alpha(a.alpha_ordinal):>14} {_alpha(a.alpha_interval):>14} {flagged:>11}")
        lines.append(
            f"{'totaal':<10} {_alpha(result.overall.alpha_ordinal):>14} {_alpha(result.overall.alpha_interval):>14}"
        )
        complete = sum(1 for r in result.registrations if r.consensus == "complete")
        lines.append(f"\nConsensus vastgesteld voor {complete} van {len(result.registrations)} inschrijvingen.")
        for name, deviation in result.deviation.items():
            lines.append(
                f"  {name:<30} gemiddelde afwijking van de consensus {float(deviation):+.2f}".replace(".", ",")
            )
        return "\n".join(lines)

    emit(args, result.as_json(), text)
