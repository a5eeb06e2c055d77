"""The invitation to and the report of a verification interview, as PDF in the round's house style."""

from __future__ import annotations

from datetime import date, datetime

from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import local_from_utc, long_date, long_moment_text
from beoordelaar.core.verification import interview_pdf
from beoordelaar.core.verification.verification import InterviewRecord, get_interview


def _when(moment: datetime | None) -> str:
    return long_moment_text(moment) if moment else "nog niet vastgesteld"


def _document(database: Database, record: InterviewRecord) -> tuple[interview_pdf.InterviewDocument,
                                                                      interview_pdf.Sender]:  # fmt: skip
    with database.sessions() as session:
        rnd = session.get(m.Round, record.round_id)
        registration = session.get(m.Registration, record.registration_id)
        assert rnd is not None and registration is not None
        settings = DocumentSettings.from_json(rnd.document_settings)
        address = tuple(
            line for line in (registration.contact_name and f"t.a.v. {registration.contact_name}",
                              registration.address, " ".join(filter(None, (registration.postcode, registration.city))))
            if line
        )  # fmt: skip
        round_name = rnd.name
    sender = interview_pdf.Sender(
        organisation=settings.sender or round_name,
        address=settings.address,
        signatory=settings.signatory or (record.approved_by or ""),
        function=settings.signatory_function,
    )
    approved_at = local_from_utc(record.approved_at)
    approved = (
        f"Goedgekeurd op {long_date(approved_at.date())} door {', '.join(record.approvals) or record.approved_by}."
        if approved_at
        else ""
    )
    document = interview_pdf.InterviewDocument(
        round_name=round_name,
        provider=record.label,
        provider_address=address,
        registration=record.registration,
        kenmerk=f"VG-{record.registration}-{record.revision}",
        date=long_date(date.today()),
        when=_when(record.planned_at),
        location=record.location,
        attendees=tuple((a.name, a.role, a.side_label) for a in record.attendees),
        points=tuple(
            interview_pdf.InterviewPoint(
                code=p.code,
                title=p.title,
                reason=p.reason,
                question=p.question,
                answer=p.answer,
                only_clarifies=p.only_clarifies,
                documents="; ".join(filter(None, (p.documents_requested, p.documents_received))),
                outcome=(p.outcome.label + (f" (score {p.adjusted_value})" if p.adjusted_value is not None else ""))
                if p.outcome
                else "",
                motivation=p.motivation,
            )
            for p in record.points
        ),
        held=_when(record.held_at) if record.held_at else "",
        approved=approved,
    )
    return document, sender


def invitation_pdf(database: Database, interview_id: int) -> bytes:
    document, sender = _document(database, get_interview(database.sessions, interview_id))
    return interview_pdf.invitation_pdf(document, sender)


def report_pdf(database: Database, interview_id: int) -> bytes:
    document, sender = _document(database, get_interview(database.sessions, interview_id))
    return interview_pdf.report_pdf(document, sender)
