"""The recorded sending of a letter: the standstill follows the record, a sending on another day than the letter
states is refused, and a new version gets its own period while the earlier one stays, superseded."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.decisions import override_decision
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letter_sending import Channel, letter_sendings, parse_channel, record_sending
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.decisions.standstill import standstill_period
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.dossier import build_dossier
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from letters_round import make_tender, pdf_text
from templates import DemoRound

TODAY = date(2026, 10, 1)
REG = "DEMO-2026-0001"


def _set_sending(db: Database, round_id: int, day: date) -> None:
    settings, _ = get_document_settings(db.sessions, round_id)
    save_document_settings(db.sessions, round_id, replace(settings, letter_date=day, sending_date=day), actor="t")


def _tender_letters(db: Database, demo_round: DemoRound, tmp_path: Path) -> int:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id)
    _set_sending(db, round_id, date(2026, 10, 2))
    make_letters(db.sessions, db.documents, round_id, tmp_path / "v1", actor="test", today=TODAY)
    return round_id


def _flat(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def test_a_letter_states_its_sending_and_end_and_the_record_follows(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = _tender_letters(db, demo_round, tmp_path)
    (made,) = letter_sendings(db.sessions, round_id, REG)
    assert made.planned_sending == date(2026, 10, 2)
    assert made.stated_end == made.standstill_end == date(2026, 10, 22)
    assert made.sent_on is None and not made.superseded
    assert "eindigt op donderdag 22 oktober 2026 om 24.00 uur" in _flat(tmp_path / "v1" / made.file_name)

    sent = record_sending(db.sessions, round_id, REG, date(2026, 10, 2), Channel.EMAIL, actor="Anouk",
                          today=date(2026, 10, 2))  # fmt: skip
    assert (sent.sent_on, sent.channel, sent.recorded_by) == (date(2026, 10, 2), Channel.EMAIL, "Anouk")
    assert sent.standstill_end == date(2026, 10, 22) and sent.recorded_at is not None
    assert "verzonden 02-10-2026 per e-mail; opschortende termijn tot en met 22-10-2026" in sent.summary
    with db.sessions() as session:
        event = (
            session.execute(
                select(m.AuditEvent).where(m.AuditEvent.action == "letter-sent").order_by(m.AuditEvent.id.desc())
            )
            .scalars()
            .first()
        )
        assert event is not None and event.actor == "Anouk"

    with pytest.raises(UserError, match="al als verzonden vastgelegd op 02-10-2026 per e-mail"):
        record_sending(db.sessions, round_id, REG, date(2026, 10, 2), Channel.POST, actor="t", today=date(2026, 10, 2))


def test_a_sending_on_another_day_than_the_letter_states_is_refused(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = _tender_letters(db, demo_round, tmp_path)
    with pytest.raises(UserError) as refused:
        record_sending(db.sessions, round_id, REG, date(2026, 10, 5), Channel.POST, actor="t", today=date(2026, 10, 5))
    message = str(refused.value)
    assert "vermeldt als verzenddatum 2 oktober 2026 en een opschortende termijn tot en met 22 oktober 2026" in message
    assert "Maak de brief opnieuw" in message and "niet vastgelegd" in message
    with pytest.raises(UserError, match="in de toekomst"):
        record_sending(db.sessions, round_id, REG, date(2026, 10, 2), Channel.POST, actor="t", today=TODAY)
    assert letter_sendings(db.sessions, round_id, REG)[0].sent_on is None


def test_a_new_decision_gets_a_new_letter_with_a_new_period(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = _tender_letters(db, demo_round, tmp_path)
    record_sending(db.sessions, round_id, REG, date(2026, 10, 2), Channel.POST, actor="t", today=date(2026, 10, 2))
    motivation = "De aanbieder heeft na de inschrijving schriftelijk laten weten dagbehandeling te beëindigen."
    override_decision(db.sessions, round_id, REG, Outcome.REJECT, motivation, actor="voorzitter")
    # The sent letter belongs to the old decision: no sending of it counts for the new one.
    other = "DEMO-2026-0002"
    override_decision(db.sessions, round_id, other, Outcome.REJECT, motivation, actor="voorzitter")
    with pytest.raises(UserError, match="gewijzigd nadat brief"):
        record_sending(db.sessions, round_id, other, date(2026, 10, 2), Channel.POST, actor="t",
                       today=date(2026, 10, 2))  # fmt: skip
    # The settings still say 2 October: a new version may not keep that date and its period.
    later = date(2026, 10, 6)
    with pytest.raises(UserError, match="ligt vóór vandaag"):
        make_letters(db.sessions, db.documents, round_id, tmp_path / "v2", actor="test", today=later)
    _set_sending(db, round_id, later)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path / "v2", actor="test", today=later)
    new = next(letter for letter in result.letters if letter.registration == REG)
    assert new.version == 2
    assert "eindigt op maandag 26 oktober 2026 om 24.00 uur" in _flat(new.file)  # 6 October + 20 days

    first, second = letter_sendings(db.sessions, round_id, REG)
    assert first.superseded_by == 2 and first.sent_on == date(2026, 10, 2)
    assert first.standstill_end == date(2026, 10, 22)
    assert "vervangen door versie 2" in first.summary
    assert not second.superseded and second.sent_on is None and second.standstill_end == date(2026, 10, 26)
    sent = record_sending(db.sessions, round_id, REG, later, Channel.EMAIL, actor="t", today=later)
    assert sent.version == 2 and sent.standstill_end == date(2026, 10, 26)

    dossier = build_dossier(db, round_id, REG, tmp_path / "dossier.zip")
    with zipfile.ZipFile(dossier) as archive:
        names = set(archive.namelist())
        listed = json.loads(archive.read("brieven.json"))
    assert "brieven/Besluit_DEMO-2026-0001_v1_vervangen.pdf" in names
    assert "brieven/Besluit_DEMO-2026-0001_v2.pdf" in names
    assert [(row["version"], row["superseded"], row["sent_on"], row["channel"]) for row in listed] == [
        (1, True, "2026-10-02", "post"), (2, False, "2026-10-06", "e-mail"),
    ]  # fmt: skip


def test_open_house_letters_are_recorded_without_a_standstill(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=3)
    make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    (made,) = letter_sendings(db.sessions, round_id, REG)
    assert made.planned_sending == TODAY and made.stated_end is None
    sent = record_sending(db.sessions, round_id, REG, TODAY, parse_channel("Post"), actor="t", today=TODAY)
    assert sent.channel is Channel.POST and sent.standstill_end is None
    assert "opschortende termijn" not in sent.summary


def test_a_channel_is_e_mail_or_post() -> None:
    assert parse_channel("email") is Channel.EMAIL and parse_channel(" E-mail ") is Channel.EMAIL
    with pytest.raises(UserError, match="kies e-mail of post"):
        parse_channel("fax")


def test_no_letter_yet_is_refused(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db, providers=3)
    with pytest.raises(UserError, match="nog geen brief gemaakt"):
        record_sending(db.sessions, round_id, REG, TODAY, Channel.POST, actor="t", today=TODAY)


def test_letters_made_before_the_sending_was_kept_are_recorded_after_the_migration(
    db: Database, demo_round: DemoRound, db_path: Path, tmp_path: Path
) -> None:
    """A database at 0007 with letters: after the upgrade they are there, their sending can be recorded, and the
    standstill is counted from it."""
    round_id = _tender_letters(db, demo_round, tmp_path)
    db.close()
    with sqlite3.connect(db_path) as connection:
        for column in ("planned_sending", "standstill_end", "sent_on", "sent_via", "sent_recorded_by",
                       "sent_recorded_at"):  # fmt: skip
            connection.execute(f"ALTER TABLE letters DROP COLUMN {column}")
        connection.execute("ALTER TABLE consensus_scores DROP COLUMN mean")  # 0009, after this test's revision
        connection.execute("UPDATE alembic_version SET version_num = '0007'")
    reopened = open_database(db_path, backup_dir=tmp_path / "backups")
    try:
        (old,) = letter_sendings(reopened.sessions, round_id, REG)
        assert old.planned_sending is None and old.standstill_end is None and old.sent_on is None
        with pytest.raises(UserError, match="is pas op"):  # before it was made
            record_sending(reopened.sessions, round_id, REG, TODAY, Channel.POST, actor="t", today=TODAY)
        day = date.today()  # the letters were made today (created_at is the real clock)
        sent = record_sending(reopened.sessions, round_id, REG, day, Channel.POST, actor="t", today=day)
        assert sent.sent_on == day and sent.standstill_end == standstill_period(day, 20).end
    finally:
        reopened.close()
