"""report, report-approve, procedure-facts, consensus-meeting, dossier, round-dossier, export, history."""

from __future__ import annotations

import argparse
from pathlib import Path

from beoordelaar.cli.base import add_json, database, day_argument, emit, progress_lines, utc_moment_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="het proces-verbaal van de beoordeling als PDF")
    report.add_argument("round", metavar="ROUND")
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.set_defaults(handler=report_command)

    approve = subparsers.add_parser(
        "report-approve",
        help="legt vast dat de commissie het proces-verbaal heeft goedgekeurd: wie (de voorzitter, met --leden) en "
        "wanneer, tegen de geschiedenis van nu",
    )
    approve.add_argument("round", metavar="ROUND")
    approve.add_argument("--leden", nargs="*", default=[], metavar="NAAM", help="de leden die mee goedkeurden")
    approve.add_argument("--bestand", type=Path, metavar="FILE", help="het proces-verbaal dat zij lazen (SHA-256)")
    add_json(approve)
    approve.set_defaults(handler=approve_command)

    facts = subparsers.add_parser(
        "procedure-facts",
        help="de feiten van de procedure, één keer per ronde (zonder opties: wat is vastgelegd); elke gegeven optie "
        "vervangt de vorige waarde",
    )
    facts.add_argument("round", metavar="ROUND")
    facts.add_argument("--publicatie", type=day_argument, metavar="JJJJ-MM-DD", help="de dag van publicatie")
    facts.add_argument("--aankondiging", metavar="TEKST", help="waar en onder welk kenmerk gepubliceerd")
    facts.add_argument("--vragen", metavar="TEKST", help="de vragenrondes en hun nota's van inlichtingen")
    facts.add_argument(
        "--sluiting", type=utc_moment_argument, metavar="'JJJJ-MM-DD UU:MM'", help="de sluiting, lokale tijd"
    )
    facts.add_argument("--ontvangen", type=int, metavar="N", help="het aantal ontvangen inschrijvingen")
    facts.add_argument("--te-laat", metavar="TEKST", help="de te laat ontvangen inschrijvingen (of 'geen')")
    add_json(facts)
    facts.set_defaults(handler=facts_command)

    meeting = subparsers.add_parser(
        "consensus-meeting", help="wie bij de consensusbespreking van een inschrijving was, en een samenvatting"
    )
    meeting.add_argument("round", metavar="ROUND")
    meeting.add_argument("registration", metavar="REG")
    meeting.add_argument("--aanwezig", nargs="+", required=True, metavar="NAAM", help="de aanwezige leden")
    meeting.add_argument("--samenvatting", required=True, metavar="TEKST", help="wat gewogen is en wat veranderde")
    meeting.add_argument("--datum", type=day_argument, metavar="JJJJ-MM-DD", help="de dag van de bespreking")
    add_json(meeting)
    meeting.set_defaults(handler=meeting_command)

    dossier = subparsers.add_parser("dossier", help="alles over één inschrijving in één zip")
    dossier.add_argument("round", metavar="ROUND")
    dossier.add_argument("registration", metavar="REG")
    dossier.add_argument("--out", type=Path, required=True, metavar="FILE")
    dossier.set_defaults(handler=dossier_command)

    whole = subparsers.add_parser(
        "round-dossier", help="het dossier van de hele ronde: proces-verbaal, kader, controlepunten en elk dossier"
    )
    whole.add_argument("round", metavar="ROUND")
    whole.add_argument("--out", type=Path, required=True, metavar="FILE")
    whole.set_defaults(handler=round_dossier_command)

    export = subparsers.add_parser("export", help="de hele ronde als spreadsheet (xlsx)")
    export.add_argument("round", metavar="ROUND")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=export_command)

    history = subparsers.add_parser("history", help="elke wijziging aan een inschrijving, met wie, wanneer en waarom")
    history.add_argument("round", metavar="ROUND")
    history.add_argument("registration", metavar="REG")
    history.add_argument("--criterium", default=None, help="alleen de geschiedenis van één criterium")
    add_json(history)
    history.set_defaults(handler=history_command)


def report_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import write_report
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        write_report(db, round_id, args.out, actor=args.actor)
    print(f"Proces-verbaal geschreven naar {args.out}.")


def approve_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import approve_report
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import and_list, zoned_moment_text

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        row = approve_report(db.sessions, round_id, members=args.leden, actor=args.actor, report=args.bestand)
    members = f" met {and_list(list(row.members))}" if row.members else ""
    emit(
        args,
        row.as_json(),
        lambda: (
            f"Goedkeuring van het proces-verbaal vastgelegd: {row.approved_by}{members}, "
            f"{zoned_moment_text(row.approved_at)}, tegen {row.events} gebeurtenissen (laatste hash {row.head})."
        ),
    )


def facts_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import ProcedureFacts, procedure_facts, set_procedure_facts
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import zoned_moment_text

    given = {
        "published_on": args.publicatie, "publication": args.aankondiging, "questions": args.vragen,
        "deadline": args.sluiting, "bids_received": args.ontvangen, "late_bids": args.te_laat,
    }  # fmt: skip
    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        facts = procedure_facts(db.sessions, round_id)
        if any(v is not None for v in given.values()):
            current = {k: getattr(facts, k) for k in given}
            changed = {k: v if v is not None else current[k] for k, v in given.items()}
            facts = set_procedure_facts(db.sessions, round_id, ProcedureFacts(**changed), actor=args.actor)

    def text() -> str:
        if not facts.entered:
            return "De feiten van de procedure zijn nog niet vastgelegd."
        rows = [
            ("Publicatie", facts.published_on.strftime("%d-%m-%Y") if facts.published_on else ""),
            ("Aankondiging", facts.publication), ("Vragenrondes", facts.questions),
            ("Sluiting", zoned_moment_text(facts.deadline)),
            ("Ontvangen", "" if facts.bids_received is None else str(facts.bids_received)),
            ("Te laat", facts.late_bids),
        ]  # fmt: skip
        lines = [f"{label}: {value or '—'}" for label, value in rows]
        return "\n".join([*lines, f"Vastgelegd door {facts.entered_by}, {zoned_moment_text(facts.entered_at)}."])

    emit(args, facts.as_json(), text)


def meeting_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import record_consensus_meeting
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import and_list

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        meeting = record_consensus_meeting(
            db.sessions, round_id, number, attendees=args.aanwezig, summary=args.samenvatting, held_on=args.datum,
            actor=args.actor,
        )  # fmt: skip
    emit(
        args,
        meeting.as_json(),
        lambda: (
            f"Consensusbespreking van {meeting.registration} vastgelegd: aanwezig {and_list(list(meeting.attendees))}."
        ),
    )


def dossier_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import build_dossier
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        build_dossier(db, round_id, number, args.out)
    print(f"Dossier geschreven naar {args.out}.")


def round_dossier_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import build_round_dossier
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        build_round_dossier(db, round_id, args.out, actor=args.actor, progress=progress_lines("Dossier van de ronde"))
    print(f"Dossier van de ronde geschreven naar {args.out}.")


def export_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import export_round
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        export_round(db, round_id, args.out)
    print(f"Overzicht van de ronde geschreven naar {args.out}.")


def history_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.record.api import HistoryNames, event_lines, registration_history
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        events = registration_history(db.sessions, round_id, number, criterion=args.criterium)

    def text() -> str:
        lines = [line for event in events for line in event_lines(event, HistoryNames())]
        return "\n".join(lines) or "Geen wijzigingen gevonden."

    emit(args, [e.as_json() for e in events], text)
