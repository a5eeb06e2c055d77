"""The recorded sending of each letter (day, channel) and the standstill that follows from it.

A letter states a planned sending date and, in a tender or SAS, the last day of the standstill counted from it. The
sending that counts is the one recorded here. Recording another day than the letter states is refused: the letter's
end date would then be wrong, and a provider could rely on it. The letter is made again for that day instead (a new
version with its own period); the earlier version stays, superseded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.decision_inputs import current_decisions
from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.standstill import standstill_period
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome, Procedure
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import date_text, local_from_utc, long_date


class Channel(Enum):
    EMAIL = "e-mail"
    POST = "post"

    @property
    def label(self) -> str:
        return "per e-mail" if self is Channel.EMAIL else "per post"


def parse_channel(text: str) -> Channel:
    """The channel as a person types it ("e-mail", "email", "post"); a Dutch refusal otherwise."""
    word = text.strip().casefold().replace("-", "")
    for channel in Channel:
        if word == channel.value.replace("-", ""):
            return channel
    raise UserError(f"Onbekend verzendkanaal '{text}': kies e-mail of post.")


@dataclass(frozen=True)
class SendingRow:
    """One letter version as the overview shows it: made, planned, sent, the standstill's end, superseded."""

    letter_id: int
    registration: str
    provider: str
    outcome: Outcome
    version: int
    kenmerk: str
    file_name: str
    made_by: str
    made_at: datetime
    planned_sending: date | None
    stated_end: date | None  # the end the letter states (tender, SAS)
    sent_on: date | None
    channel: Channel | None
    recorded_by: str | None
    recorded_at: datetime | None
    standstill_end: date | None  # the end that counts: from the recorded sending (else the stated end)
    superseded_by: int | None  # the version that replaced this one
    outdated: bool = False  # the decision it states is no longer the current one: a new letter must replace it

    @property
    def superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def summary(self) -> str:
        """'versie 2 (JH-1), gemaakt 01-10-2026 door X; verzonden 02-10-2026 per e-mail; termijn t/m 22-10-2026'."""
        made = date_text(local_from_utc(self.made_at))
        parts = [f"versie {self.version} ({self.kenmerk}), gemaakt {made} door {self.made_by}"]
        if self.sent_on is not None and self.channel is not None:
            parts.append(f"verzonden {date_text(self.sent_on)} {self.channel.label}")
        elif self.planned_sending is not None:
            parts.append(f"nog niet verzonden (verzenddatum in de brief: {date_text(self.planned_sending)})")
        else:
            parts.append("nog niet verzonden")
        if self.standstill_end is not None:
            parts.append(f"opschortende termijn tot en met {date_text(self.standstill_end)}")
        if self.superseded:
            parts.append(f"vervangen door versie {self.superseded_by}")
        elif self.outdated:
            parts.append("het besluit is sindsdien gewijzigd: maak een nieuwe brief")
        return "; ".join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "registration": self.registration,
            "provider": self.provider,
            "outcome": self.outcome.value,
            "version": self.version,
            "kenmerk": self.kenmerk,
            "file": self.file_name,
            "made_by": self.made_by,
            "made_at": self.made_at.isoformat(),
            "planned_sending": self.planned_sending.isoformat() if self.planned_sending else None,
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "channel": self.channel.value if self.channel else None,
            "recorded_by": self.recorded_by,
            "standstill_end": self.standstill_end.isoformat() if self.standstill_end else None,
            "superseded": self.superseded,
            "superseded_by": self.superseded_by,
            "outdated": self.outdated,
        }


def _has_standstill(procedure: Procedure) -> bool:
    return procedure is not Procedure.OPEN_HOUSE


def counted_end(letter: m.Letter, settings: DocumentSettings, procedure: Procedure) -> date | None:
    """The standstill's last day that counts for a letter: from its recorded sending, else the one it states."""
    if not _has_standstill(procedure):
        return None
    if letter.sent_on is None:
        return letter.standstill_end
    if letter.standstill_end is not None and letter.sent_on == letter.planned_sending:
        return letter.standstill_end  # counted from the same day when it was made, with the settings of then
    days, to_working_day = settings.standstill_days, settings.standstill_to_working_day
    return standstill_period(letter.sent_on, days, extend_to_working_day=to_working_day).end


def stated_standstill_end(settings: DocumentSettings, procedure: Procedure, today: date) -> date | None:
    """The standstill's last day that letters made today state (None in Open House)."""
    if not _has_standstill(procedure):
        return None
    _letter_date, sent = settings.dates(today)
    days, to_working_day = settings.standstill_days, settings.standstill_to_working_day
    return standstill_period(sent, days, extend_to_working_day=to_working_day).end


def refuse_past_sending(settings: DocumentSettings, today: date) -> None:
    """A letter cannot be sent before it is made: a planned sending date before today would print a period that
    started already (a new version keeping the dates of the first)."""
    _letter_date, sent = settings.dates(today)
    if sent < today:
        raise UserError(
            f"De verzenddatum van de brieven ({long_date(sent)}, uit de documentinstellingen) ligt vóór vandaag. Een "
            "nieuwe brief krijgt een eigen verzenddatum en een eigen opschortende termijn: zet de datum van de brief "
            "en de verzenddatum op vandaag of later. Er zijn geen brieven gemaakt."
        )


def _letters(
    session: Session, rnd: m.Round, registration: m.Registration | None = None, ids: Sequence[int] | None = None
) -> list[tuple]:
    """The letters with their decision and registration: of the round, one registration or the registrations ids."""
    query = (
        select(m.Letter, m.Decision, m.Registration)
        .join(m.Decision, m.Decision.id == m.Letter.decision_id)
        .join(m.Registration, m.Registration.id == m.Decision.registration_id)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Registration.sequence, m.Letter.version)
    )
    if registration is not None:
        query = query.where(m.Registration.id == registration.id)
    if ids is not None:
        query = query.where(m.Registration.id.in_(ids))
    return [tuple(row) for row in session.execute(query)]


def _current_decision_ids(session: Session, rnd: m.Round, ids: Sequence[int] | None) -> dict[int, int]:
    """The id of the current (latest revision) decision per registration of the round (or of ids), as plain rows."""
    query = (
        select(m.Decision.registration_id, m.Decision.id)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Decision.revision)
    )
    if ids is not None:
        query = query.where(m.Registration.id.in_(ids))
    return {registration_id: decision_id for registration_id, decision_id in session.execute(query)}


def _rows(session: Session, rnd: m.Round, found: Sequence[tuple], ids: Sequence[int] | None = None) -> list[SendingRow]:
    settings = DocumentSettings.from_json(rnd.document_settings)
    procedure = Procedure(rnd.procedure)
    current = _current_decision_ids(session, rnd, ids)
    versions: dict[int, list[int]] = defaultdict(list)
    for letter, _decision, registration in found:
        versions[registration.id].append(letter.version)
    rows = []
    for letter, decision, registration in found:
        later = [version for version in versions[registration.id] if version > letter.version]
        rows.append(
            SendingRow(
                letter.id, registration.number, registration.name, Outcome(decision.outcome), letter.version,
                letter.kenmerk, letter.file_name, letter.created_by, letter.created_at, letter.planned_sending,
                letter.standstill_end, letter.sent_on, Channel(letter.sent_via) if letter.sent_via else None,
                letter.sent_recorded_by, letter.sent_recorded_at, counted_end(letter, settings, procedure),
                min(later) if later else None, outdated=current.get(registration.id) != decision.id,
            )
        )  # fmt: skip
    return rows


def letter_sendings(
    sessions: sessionmaker[Session], round_id: int, registration_number: str | None = None
) -> list[SendingRow]:
    """Every letter version of a round (or of one registration), oldest first per registration."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        registration = find_registration(session, rnd, registration_number) if registration_number else None
        return _rows(session, rnd, _letters(session, rnd, registration))


def registration_sendings(session: Session, rnd: m.Round, registration: m.Registration) -> list[SendingRow]:
    """The same inside an open session (the dossier)."""
    return _rows(session, rnd, _letters(session, rnd, registration))


def batch_sendings(session: Session, rnd: m.Round, ids: Sequence[int]) -> list[SendingRow]:
    """Every letter version of the registrations ids inside an open session (a batch of the proces-verbaal), oldest
    first per registration."""
    return _rows(session, rnd, _letters(session, rnd, ids=ids), ids)


def record_sending(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str,
    sent_on: date,
    channel: Channel,
    *,
    actor: str,
    today: date | None = None,
) -> SendingRow:
    """Record that the newest letter of a registration was sent on sent_on by channel."""
    today = today or date.today()
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        registration = find_registration(session, rnd, registration_number)
        found = _letters(session, rnd, registration)
        if not found:
            raise UserError(f"Voor inschrijving {registration.number} is nog geen brief gemaakt.")
        letter, decision, _registration = found[-1]
        _check_sending(session, rnd, registration, letter, decision, sent_on, today)
        letter.sent_on = sent_on
        letter.sent_via = channel.value
        letter.sent_recorded_by = actor
        letter.sent_recorded_at = utcnow()
        session.flush()
        row = next(r for r in _rows(session, rnd, found) if r.letter_id == letter.id)
        record_action(
            session, "letter-sent", "letters", str(letter.id),
            {"kenmerk": letter.kenmerk, "sent_on": sent_on.isoformat(), "channel": channel.value,
             "standstill_end": row.standstill_end.isoformat() if row.standstill_end else None},
        )  # fmt: skip
        return row


def _check_sending(
    session: Session,
    rnd: m.Round,
    registration: m.Registration,
    letter: m.Letter,
    decision: m.Decision,
    sent_on: date,
    today: date,
) -> None:
    """The Dutch refusals of a sending that would leave the record or the letter wrong."""
    if letter.sent_on is not None:
        raise UserError(
            f"Brief {letter.kenmerk} is al als verzonden vastgelegd op {date_text(letter.sent_on)} "
            f"{Channel(letter.sent_via).label if letter.sent_via else ''}. Er is niets veranderd."
        )
    current = current_decisions(session, rnd.id).get(registration.id)
    if current is None or current.id != decision.id:
        raise UserError(
            f"Het besluit over {registration.number} is gewijzigd nadat brief {letter.kenmerk} is gemaakt. Maak de "
            "brieven opnieuw en leg de verzending van de nieuwe brief vast."
        )
    if sent_on > today:
        raise UserError(
            f"De verzenddatum {date_text(sent_on)} ligt in de toekomst. Leg de verzending vast als de brief verzonden "
            "is."
        )
    if letter.planned_sending is None:
        made = local_from_utc(letter.created_at)
        if made is not None and sent_on < made.date():
            raise UserError(f"Brief {letter.kenmerk} is pas op {date_text(made.date())} gemaakt.")
        return
    if sent_on != letter.planned_sending:
        states = f"Brief {letter.kenmerk} vermeldt als verzenddatum {long_date(letter.planned_sending)}"
        if letter.standstill_end is not None:
            states += f" en een opschortende termijn tot en met {long_date(letter.standstill_end)}"
        raise UserError(
            f"{states}. Verzonden op {long_date(sent_on)} klopt die termijn niet meer. Maak de brief opnieuw voor de "
            "dag waarop hij verzonden wordt (verzenddatum in de documentinstellingen, vandaag of later), en verzend "
            "en registreer die nieuwe brief. De verzending is niet vastgelegd."
        )
