"""decide, confirm, override, relative-advantages, letters, letter-sent, letter-versions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.cli.base import EXIT_REFUSED, add_json, database, day_argument, emit, progress_lines
from beoordelaar.core.errors import UserError, os_reason

if TYPE_CHECKING:
    from beoordelaar.core.decisions.api import AdvantagesRow


# The values of Outcome and Channel, so that building the parser imports no core module (--help stays fast); the
# handlers turn them into the enums, which check them again.
OUTCOME_WORDS = {"toelaten": "admit", "gunnen": "award", "afwijzen": "reject"}
CHANNELS = ("e-mail", "post")


def register(subparsers: argparse._SubParsersAction) -> None:
    decide = subparsers.add_parser(
        "decide", help="stelt de besluiten voor volgens de regels (bevestigde besluiten blijven staan)"
    )
    decide.add_argument("round", metavar="ROUND")
    add_json(decide)
    decide.set_defaults(handler=decide_command)

    confirm = subparsers.add_parser("confirm", help="de voorzitter bevestigt het voorgestelde besluit")
    confirm.add_argument("round", metavar="ROUND")
    target = confirm.add_mutually_exclusive_group(required=True)
    target.add_argument("registration", metavar="REG", nargs="?")
    target.add_argument("--alle", action="store_true", help="alle actuele voorstellen bevestigen")
    confirm.set_defaults(handler=confirm_command)

    override = subparsers.add_parser("override", help="de voorzitter besluit anders dan voorgesteld, met motivering")
    override.add_argument("round", metavar="ROUND")
    override.add_argument("registration", metavar="REG")
    override.add_argument("--besluit", required=True, choices=sorted(OUTCOME_WORDS))
    override.add_argument("--motivering", required=True)
    override.set_defaults(handler=override_command)

    advantages = subparsers.add_parser(
        "relative-advantages",
        help="de samenvatting per perceel van de kenmerken en relatieve voordelen van de gekozen inschrijving(en) "
        "(aanbesteding, SAS); zonder --tekst of --bestand: wat er per perceel staat en wat nog ontbreekt",
    )
    advantages.add_argument("round", metavar="ROUND")
    advantages.add_argument("--perceel", metavar="CODE", help="het perceel (weglaten als de ronde geen percelen heeft)")
    text = advantages.add_mutually_exclusive_group()
    text.add_argument("--tekst", metavar="TEKST", help="de samenvatting, zonder vertrouwelijke gegevens")
    text.add_argument("--bestand", type=Path, metavar="FILE", help="de samenvatting uit een tekstbestand (UTF-8)")
    add_json(advantages)
    advantages.set_defaults(handler=relative_advantages_command)

    letters = subparsers.add_parser(
        "letters", help="de besluitbrieven: één pdf per aanbieder, één samengevoegde pdf en een overzicht"
    )
    letters.add_argument("round", metavar="ROUND")
    letters.add_argument("--out", type=Path, required=True, metavar="DIR", help="de map voor de brieven")
    letters.add_argument(
        "--inschrijving", metavar="REG", help="alleen de brief aan deze inschrijving (met een eigen overzicht)"
    )
    letters.add_argument(
        "--reden", default="", metavar="TEKST",
        help="waarom de brieven opnieuw worden gemaakt; komt in elke brief die een al verzonden brief vervangt",
    )  # fmt: skip
    add_json(letters)
    letters.set_defaults(handler=letters_command)

    # A top-level name: "letters sent ..." would be read as "letters ROUND".
    sent = subparsers.add_parser(
        "letter-sent", help="legt vast dat de nieuwste brief aan een inschrijving is verzonden (datum en kanaal)"
    )
    sent.add_argument("round", metavar="ROUND")
    sent.add_argument("registration", metavar="REG")
    sent.add_argument("--op", required=True, type=day_argument, metavar="JJJJ-MM-DD", help="de dag van verzending")
    sent.add_argument("--via", required=True, choices=CHANNELS, help="e-mail of post")
    add_json(sent)
    sent.set_defaults(handler=letter_sent_command)

    versions = subparsers.add_parser(
        "letter-versions",
        help="elke brief van de ronde: gemaakt, verzonden (datum, kanaal), einde van de opschortende termijn, "
        "vervangen",
    )
    versions.add_argument("round", metavar="ROUND")
    versions.add_argument("registration", metavar="REG", nargs="?")
    add_json(versions)
    versions.set_defaults(handler=letter_versions_command)


def decide_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import propose_decisions
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        result = propose_decisions(db.sessions, round_id, actor=args.actor)

    def text() -> str:
        lines = [
            f"{count_text(result.proposed, 'besluit', 'besluiten')} voorgesteld, {result.unchanged} ongewijzigd, "
            f"{result.confirmed_kept} al bevestigd (blijven staan), {len(result.blocked)} nog niet te besluiten."
        ]
        for row in result.blocked:
            lines.append(f"  {row.number}: " + "; ".join(row.blockers))
        for lot in result.lots:
            chosen = f"{len(lot.chosen)} gekozen" if lot.chosen or lot.open else "geen inschrijving gekozen"
            undecided = f", {lot.open} nog zonder besluit" if lot.open else ""
            lines.append(f"Perceel {lot.label}: {count_text(len(lot.bidders), 'inschrijving', 'inschrijvingen')}, "
                         f"{chosen}{undecided}.")  # fmt: skip
        return "\n".join(lines)

    emit(args, result.as_json(), text)


def confirm_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import confirm_all, confirm_decision
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        if args.alle:
            count = confirm_all(db.sessions, round_id, actor=args.actor)
            print(f"{count_text(count, 'besluit', 'besluiten')} bevestigd.")
        else:
            number = resolve_registration(db.sessions, round_id, args.registration)
            row = confirm_decision(db.sessions, round_id, number, actor=args.actor)
            print(f"Besluit over {row.number} bevestigd: {row.outcome.label if row.outcome else ''}.")


def override_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import override_decision
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import Outcome, resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        row = override_decision(
            db.sessions, round_id, number, Outcome(OUTCOME_WORDS[args.besluit]), args.motivering, actor=args.actor
        )
    print(f"Besluit over {row.number}: {row.outcome.label if row.outcome else ''} (afwijking vastgelegd).")


def _advantages_text(args: argparse.Namespace) -> str | None:
    if args.bestand is None:
        return args.tekst
    try:
        return args.bestand.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = os_reason(exc) if isinstance(exc, OSError) else "geen UTF-8-tekst"
        raise UserError(f"Het bestand {args.bestand} kan niet worden gelezen: {why}.") from exc


def relative_advantages_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import list_relative_advantages, set_relative_advantages
    from beoordelaar.core.rounds.api import resolve_round

    text = _advantages_text(args)
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        if text is None:
            rows = list_relative_advantages(db.sessions, round_id)
            emit(args, [row.as_json() for row in rows], lambda: "\n".join(_advantages_line(row) for row in rows))
            return
        row = set_relative_advantages(db.sessions, round_id, args.perceel, text, actor=args.actor)
    emit(args, row.as_json(), lambda: f"Samenvatting van {row.named} vastgelegd (versie {row.revision}).")


def _advantages_line(row: AdvantagesRow) -> str:
    if row.problem:
        return row.problem
    if not row.chosen:
        return f"{row.where}: geen gekozen inschrijving; er is niets te beschrijven."
    return f"{row.where} (versie {row.revision}, {row.written_by}): {row.text}"


def letters_command(args: argparse.Namespace) -> int:
    from beoordelaar.core.decisions.api import LettersNotReady, make_letters
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.inschrijving) if args.inschrijving else None
        try:
            result = make_letters(
                db.sessions, db.documents, round_id, args.out, actor=args.actor, registration_number=number,
                reason=args.reden, progress=progress_lines("Brieven gemaakt"),
            )  # fmt: skip
        except LettersNotReady as exc:
            print(str(exc), file=sys.stderr)
            if args.json:
                print(
                    json.dumps({"error": str(exc), "blockers": [b.as_json() for b in exc.blockers]}, ensure_ascii=False)
                )
            return EXIT_REFUSED
    emit(
        args,
        result.as_json(),
        lambda: (
            f"{count_text(len(result.letters), 'brief', 'brieven')} gemaakt in {args.out}.\n"
            f"Samengevoegd om te printen: {result.merged}\nOverzicht: {result.overview}"
        ),
    )
    return 0


def letter_sent_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import Channel, record_sending
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        row = record_sending(db.sessions, round_id, number, args.op, Channel(args.via), actor=args.actor)
    emit(args, row.as_json(), lambda: f"Brief aan {row.registration} ({row.provider}): {row.summary}.")


def letter_versions_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.decisions.api import letter_sendings
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration) if args.registration else None
        rows = letter_sendings(db.sessions, round_id, number)
    emit(
        args,
        [row.as_json() for row in rows],
        lambda: "\n".join(f"{row.registration} {row.provider}: {row.summary}" for row in rows) or "Nog geen brieven.",
    )
