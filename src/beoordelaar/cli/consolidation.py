"""consolidate."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from beoordelaar.cli.base import SETTLED_VERDICTS, add_json, database, emit
from beoordelaar.core.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    consolidate = subparsers.add_parser(
        "consolidate", help="spreiding, gemarkeerde gevallen en overeenstemming (Krippendorffs alfa) per criterium"
    )
    consolidate.add_argument("round", metavar="ROUND")
    consolidate.add_argument("--xlsx", type=Path, metavar="FILE", help="schrijf ook het overzicht als spreadsheet")
    consolidate.add_argument(
        "--afronden", action="store_true", help="markeer de ronde als geconsolideerd (alleen als niets meer openstaat)"
    )
    add_json(consolidate)
    consolidate.set_defaults(handler=consolidate_command)

    items = subparsers.add_parser("open-items", help="wat nog openstaat voordat de ronde geconsolideerd is")
    items.add_argument("round", metavar="ROUND")
    add_json(items)
    items.set_defaults(handler=open_items_command)

    consensus = subparsers.add_parser("consensus", help="de consensusscore op een criterium vaststellen")
    consensus.add_argument("round", metavar="ROUND")
    consensus.add_argument("registration", metavar="REG")
    consensus.add_argument("criterion", metavar="CODE")
    consensus.add_argument("score", metavar="SCORE")
    consensus.add_argument("--motivering", required=True, help="de motivering van de commissie")
    consensus.add_argument(
        "--na-revisie", type=int, metavar="N", dest="expected_revision",
        help="alleen opslaan als de huidige consensusscore nog revisie N is (0: nog geen); anders is een ander u voor",
    )  # fmt: skip
    _add_answer_option(consensus)
    add_json(consensus)
    consensus.set_defaults(handler=consensus_command)

    average = subparsers.add_parser("average", help="middelingsmodel: de gemiddelde scores vaststellen")
    average.add_argument("round", metavar="ROUND")
    add_json(average)
    average.set_defaults(handler=average_command)

    settle = subparsers.add_parser("settle", help="een uitsluitingsgrond of eis vaststellen")
    settle.add_argument("round", metavar="ROUND")
    settle.add_argument("registration", metavar="REG", nargs="?")
    settle.add_argument("criterion", metavar="CODE", nargs="?")
    settle.add_argument("verdict", metavar="OORDEEL", nargs="?", choices=SETTLED_VERDICTS)
    settle.add_argument("--motivering", default="", help="de reden (verplicht bij niet-akkoord en verificatie-nodig)")
    settle.add_argument(
        "--onbetwist", action="store_true", help="stel alles vast waarover opgave en leden het eens zijn"
    )
    settle.add_argument(
        "--geverifieerd", default="", metavar="WAARDE",
        help="wat de commissie verifieerde (bij een getal: de waarde uit de jaarrekening, bijvoorbeeld 0,31 of 31%%)",
    )  # fmt: skip
    settle.add_argument("--bron", default="", help="waar de geverifieerde waarde staat (document, pagina)")
    _add_answer_option(settle)
    ground = settle.add_argument_group("bij een gemelde uitsluitingsgrond")
    ground.add_argument("--grond", default="", help="de grond die van toepassing is, zoals het kader die noemt")
    ground.add_argument("--bewijs", default="", help="waarop de vaststelling van de grond rust")
    ground.add_argument("--zelfreiniging", default="", help="de zelfreinigende maatregelen van de aanbieder")
    ground.add_argument(
        "--zelfreiniging-toereikend", choices=["ja", "nee"], default=None,
        help="het oordeel van de commissie over die maatregelen (ja: de grond leidt niet tot uitsluiting)",
    )  # fmt: skip
    add_json(settle)
    settle.set_defaults(handler=settle_command, parser=settle)


def _add_answer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--antwoord", type=int, metavar="ID",
        help="het antwoord uit het verificatiegesprek waarop de wijziging rust (id: zie 'interviews ROUND --json')",
    )  # fmt: skip


def consolidate_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.consolidation.api import (
        alpha_reading,
        alpha_text,
        consolidate_round,
        export_consolidation,
        needs_discussion,
    )
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import decimal_text
    from beoordelaar.core.verification.api import mark_consolidated

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        if args.afronden:
            mark_consolidated(db.sessions, round_id, actor=args.actor)
        result = consolidate_round(db.sessions, round_id)
        if args.xlsx:
            export_consolidation(db.sessions, round_id, args.xlsx)

    def text() -> str:
        lines = [f"{'criterium':<10} {'alfa ordinaal':>14} {'alfa interval':>14} {'gemarkeerd':>11}  oordeel"]
        discuss = Counter(c.criterion for c in result.cells if needs_discussion(c.flags))
        for a in (*result.agreement, result.overall):
            name, flagged = ("totaal", "") if a is result.overall else (a.code, discuss[a.code])
            lines.append(
                f"{name:<10} {alpha_text(a.alpha_ordinal):>14} {alpha_text(a.alpha_interval):>14} {flagged:>11}  "
                f"{alpha_reading(a.alpha_ordinal)}"
            )
        complete = sum(1 for r in result.registrations if r.consensus == "complete")
        lines.append(f"\nConsensus vastgesteld voor {complete} van {len(result.registrations)} inschrijvingen.")
        for name, deviation in result.deviation.items():
            lines.append(
                f"  {name:<30} gemiddelde afwijking van de consensus {decimal_text(deviation, 2, signed=True)}"
            )
        return "\n".join(lines)

    emit(args, result.as_json(), text)


def open_items_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text
    from beoordelaar.core.verification.api import open_items

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        items = open_items(db.sessions, round_id)

    def text() -> str:
        if not items:
            return "Niets staat meer open: de ronde kan worden afgerond ('consolidate ROUND --afronden')."
        lines = [f"{i.registration:<18} {i.text}" for i in items]
        return "\n".join([*lines, f"{count_text(len(items), 'punt', 'punten')} open."])

    emit(args, [i.as_json() for i in items], text)


def consensus_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.consolidation.api import set_consensus_score
    from beoordelaar.core.registrations.api import parse_decimal, resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    score = parse_decimal(args.score)
    if score is None:
        raise UserError(f"'{args.score}' is geen score.")
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        entry = set_consensus_score(
            db.sessions, round_id, number, args.criterion, score, args.motivering, actor=args.actor,
            interview_point_id=args.antwoord, expected_revision=args.expected_revision,
        )  # fmt: skip
    rests_on = entry.rests_on.point_id if entry.rests_on else None
    emit(
        args,
        {"criterion": args.criterion, "value": float(entry.value), "revision": entry.revision,
         "interview_answer": rests_on},
        lambda: f"Consensusscore {args.criterion} vastgesteld: {entry.label} (revisie {entry.revision}).",
    )  # fmt: skip


def average_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.consolidation.api import apply_averaging
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        result = apply_averaging(db.sessions, round_id, actor=args.actor)
    emit(
        args,
        {"set": result.set, "unchanged": result.unchanged, "incomplete": list(result.incomplete)},
        lambda: (
            f"{result.set} gemiddelden vastgesteld, {result.unchanged} ongewijzigd, "
            f"{len(result.incomplete)} onvolledig (niet alle beoordelaars scoorden)."
        ),
    )


def settle_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.consolidation.api import (
        ExclusionFinding,
        finding_text,
        settle_requirement,
        settle_uncontested,
    )
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import SettledVerdict, resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        if args.onbetwist:
            count = settle_uncontested(db.sessions, round_id, actor=args.actor)
            emit(args, {"settled": count}, lambda: f"{count} eisen vastgesteld waarover opgave en leden het eens zijn.")
            return
        if not (args.registration and args.criterion and args.verdict):
            args.parser.error("geef REG, CODE en OORDEEL, of --onbetwist")
        number = resolve_registration(db.sessions, round_id, args.registration)
        sufficient = {"ja": True, "nee": False, None: None}[args.zelfreiniging_toereikend]
        finding = ExclusionFinding(args.grond, args.bewijs, args.zelfreiniging, sufficient)
        entry = settle_requirement(
            db.sessions, round_id, number, args.criterion, SettledVerdict(args.verdict),
            args.motivering, actor=args.actor, verified=args.geverifieerd, verified_source=args.bron,
            interview_point_id=args.antwoord, finding=finding,
        )  # fmt: skip
    found = entry.finding

    def text() -> str:
        lines = [f"{args.criterion} vastgesteld: {entry.verdict.label} (revisie {entry.revision})."]
        if entry.verified:
            lines.append(f"Geverifieerd: {entry.verified_text}.")
        if entry.rests_on:
            lines.append(f"Rust op het antwoord uit het {entry.rests_on.quote}.")
        if finding_text(found):
            lines.append(finding_text(found))
        return "\n".join(lines)

    emit(
        args,
        {"registration": number, "criterion": args.criterion, "verdict": entry.verdict.value,
         "revision": entry.revision, "motivation": entry.motivation, "verified": entry.verified,
         "verified_source": entry.verified_source,
         "interview_answer": entry.rests_on.point_id if entry.rests_on else None,
         "ground": found.ground or None, "ground_evidence": found.evidence or None,
         "self_cleaning": found.self_cleaning or None, "self_cleaning_sufficient": found.self_cleaning_sufficient},
        text,
    )  # fmt: skip
