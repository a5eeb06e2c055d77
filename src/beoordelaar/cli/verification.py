"""interviews, interview-report, verify, interview plan/record/approve/correct."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.cli.base import add_json, database, emit, moment_argument
from beoordelaar.core.errors import UserError, os_reason

if TYPE_CHECKING:
    from beoordelaar.core.database import Database
    from beoordelaar.core.verification.api import Attendee, PointInput


def register(subparsers: argparse._SubParsersAction) -> None:
    interviews = subparsers.add_parser("interviews", help="de verificatiegesprekken van een ronde")
    interviews.add_argument("round", metavar="ROUND")
    add_json(interviews)
    interviews.set_defaults(handler=interviews_command)

    report = subparsers.add_parser("interview-report", help="het verslag (of de uitnodiging) van een gesprek als PDF")
    report.add_argument("round", metavar="ROUND")
    report.add_argument("registration", metavar="REG")
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.add_argument("--uitnodiging", action="store_true", help="de uitnodiging in plaats van het verslag")
    report.set_defaults(handler=report_command)

    verify = subparsers.add_parser("verify", help="een eis of criterium markeren als 'verificatie nodig'")
    verify.add_argument("round", metavar="ROUND")
    verify.add_argument("registration", metavar="REG")
    verify.add_argument("criterion", metavar="CODE")
    verify.add_argument("--reden", required=True, help="waarom verduidelijking nodig is")
    verify.set_defaults(handler=verify_command)

    interview = subparsers.add_parser("interview", help="een verificatiegesprek plannen, vastleggen, goedkeuren")
    actions = interview.add_subparsers(dest="interview_command", metavar="ACTIE", required=True)
    plan = actions.add_parser("plan", help="een gesprek plannen; de punten komen uit de open twijfels")
    plan.add_argument("round", metavar="ROUND")
    plan.add_argument("registration", metavar="REG")
    plan.add_argument("--op", type=moment_argument, required=True, help="datum en tijd, bijv. '05-10-2026 14:00'")
    plan.add_argument("--plaats", default="", help="plaats of videolink")
    add_json(plan)
    plan.set_defaults(handler=plan_command)
    record = actions.add_parser("record", help="het verslag vastleggen uit een JSON-bestand")
    record.add_argument("id", type=int, metavar="ID")
    record.add_argument("--file", type=Path, required=True, help="JSON: held_at, attendees, points")
    add_json(record)
    record.set_defaults(handler=record_command)
    approve = actions.add_parser("approve", help="het verslag goedkeuren (en vastleggen)")
    approve.add_argument("id", type=int, metavar="ID")
    approve.add_argument("--voorzitter", required=True)
    approve.add_argument("--lid", action="append", default=[], help="een aanwezig commissielid (herhaalbaar)")
    approve.set_defaults(handler=approve_command)
    correct = actions.add_parser("correct", help="een goedgekeurd verslag corrigeren (nieuwe revisie)")
    correct.add_argument("id", type=int, metavar="ID")
    correct.set_defaults(handler=correct_command)


def interviews_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.verification.api import list_interviews

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        records = list_interviews(db.sessions, round_id)

    def text() -> str:
        if not records:
            return "Nog geen verificatiegesprekken in deze ronde."
        return "\n".join(
            f"{r.id:>4}  {r.registration:<18} {r.label[:36]:<36} {r.status.label:<12} revisie {r.revision}"
            for r in records
        )

    emit(args, [{"registration": r.registration, "status": r.status.value, **r.as_json()} for r in records], text)


def _interview_for(db: Database, round_id: int, registration: str) -> int:
    from beoordelaar.core.verification.api import list_interviews

    records = [r for r in list_interviews(db.sessions, round_id) if r.registration == registration]
    if not records:
        raise UserError(f"Inschrijving {registration} heeft geen verificatiegesprek in deze ronde.")
    return records[-1].id


def report_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.verification.api import invitation_pdf, report_pdf

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        interview_id = _interview_for(db, round_id, number)
        pdf = invitation_pdf(db, interview_id) if args.uitnodiging else report_pdf(db, interview_id)
    try:
        args.out.write_bytes(pdf)
    except OSError as exc:
        raise UserError(f"{args.out} kan niet worden geschreven: {os_reason(exc)}.") from exc
    print(f"{'Uitnodiging' if args.uitnodiging else 'Verslag'} geschreven naar {args.out}.")


def verify_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.verification.api import mark_for_verification

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        mark_for_verification(db.sessions, round_id, number, args.criterion, args.reden, actor=args.actor)
    print(f"{args.criterion} van {args.registration} gemarkeerd: verificatie nodig.")


def plan_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.registrations.api import resolve_registration
    from beoordelaar.core.rounds.api import resolve_round
    from beoordelaar.core.text import count_text
    from beoordelaar.core.verification.api import plan_interview

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        number = resolve_registration(db.sessions, round_id, args.registration)
        record = plan_interview(
            db.sessions, round_id, number, planned_at=args.op, location=args.plaats, actor=args.actor
        )
    emit(
        args,
        record.as_json(),
        lambda: f"Verificatiegesprek {record.id} gepland met {count_text(len(record.points), 'punt', 'punten')}.",
    )


def _points(data: dict) -> tuple[datetime | None, list[Attendee] | None, list[PointInput] | None]:
    from beoordelaar.core.registrations.api import parse_decimal
    from beoordelaar.core.text import typed_moment
    from beoordelaar.core.verification.api import Attendee, PointInput, PointOutcome

    try:
        held = typed_moment(str(data["held_at"])) if data.get("held_at") else None
        attendees = (
            [Attendee(a["name"], a.get("role", ""), a.get("side", "region")) for a in data["attendees"]]
            if "attendees" in data
            else None
        )
        points = None
        if "points" in data:
            points = []
            for p in data["points"]:
                adjusted = p.get("adjusted_value")
                points.append(
                    PointInput(
                        code=p["criterion"], reason=p.get("reason", ""), question=p.get("question", ""),
                        answer=p.get("answer", ""), only_clarifies=p.get("only_clarifies"),
                        documents_requested=p.get("documents_requested", ""),
                        documents_received=p.get("documents_received", ""),
                        outcome=PointOutcome(p["outcome"]) if p.get("outcome") else None,
                        adjusted_value=parse_decimal(str(adjusted)) if adjusted is not None else None,
                        motivation=p.get("motivation", ""),
                    )
                )  # fmt: skip
        return held, attendees, points
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"Het verslagbestand klopt niet: {exc}.") from exc


def record_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.verification.api import record_interview

    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{args.file} is geen leesbaar JSON-bestand: {exc}.") from exc
    if not isinstance(data, dict):
        raise UserError(f"{args.file}: verwacht een JSON-object met held_at, attendees en points.")
    held, attendees, points = _points(data)
    with database(args) as db:
        record = record_interview(
            db.sessions, args.id, held_at=held, attendees=attendees, points=points, actor=args.actor
        )
    emit(args, record.as_json(), lambda: f"Verslag van gesprek {record.id} opgeslagen ({record.status.label}).")


def approve_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.verification.api import approve_interview

    with database(args) as db:
        record = approve_interview(
            db.sessions, args.id, chair=args.voorzitter, members_present=args.lid, actor=args.actor
        )
    print(f"Verslag van gesprek {record.id} goedgekeurd en vastgelegd.")


def correct_command(args: argparse.Namespace) -> None:
    from beoordelaar.core.verification.api import correct_interview

    with database(args) as db:
        record = correct_interview(db.sessions, args.id, actor=args.actor)
    print(f"Correctie gestart: gesprek {record.id} (revisie {record.revision}).")
