"""The recorded sending of a letter: the standstill follows the record, a sending on another day than the letter
states is refused, and a new version gets its own period while the earlier one stays, superseded."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from beoordelaar.core.decisions.decisions import override_decision
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letter_sending import Channel, letter_sendings, parse_channel, record_sending
from beoordelaar.core.decisions.letters import LettersNotReady, make_letters
from beoordelaar.core.decisions.standstill import standstill_period
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.dossier import build_dossier
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database, open_database
from engines import MIGRATION_FIXTURES
from letters_round import describe_advantages, make_tender, pdf_text, registration_by_number
from schema_revisions import downgrade
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


def _last_event(db: Database, action: str) -> m.AuditEvent | None:
    with db.sessions() as session:
        query = select(m.AuditEvent).where(m.AuditEvent.action == action).order_by(m.AuditEvent.id.desc())
        return session.execute(query).scalars().first()


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
    event = _last_event(db, "letter-sent")
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
    (outdated,) = letter_sendings(db.sessions, round_id, REG)
    assert outdated.outdated and "het besluit is sindsdien gewijzigd: maak een nieuwe brief" in outdated.summary
    # The sent letter belongs to the old decision: no sending of it counts for the new one.
    other = "DEMO-2026-0002"
    override_decision(db.sessions, round_id, other, Outcome.REJECT, motivation, actor="voorzitter")
    with pytest.raises(UserError, match="gewijzigd nadat brief"):
        record_sending(db.sessions, round_id, other, date(2026, 10, 2), Channel.POST, actor="t",
                       today=date(2026, 10, 2))  # fmt: skip
    describe_advantages(db, round_id)  # the chosen bids changed: the commission's summary follows
    # The settings still say 2 October: a new version may not keep that date and its period.
    later = date(2026, 10, 6)
    with pytest.raises(UserError, match="ligt vóór vandaag"):
        make_letters(db.sessions, db.documents, round_id, tmp_path / "v2", actor="test", today=later)
    _set_sending(db, round_id, later)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path / "v2", actor="test", today=later)
    new = next(letter for letter in result.letters if letter.registration == REG)
    assert new.version == 2
    assert "eindigt op maandag 26 oktober 2026 om 24.00 uur" in _flat(new.file)  # 6 October + 20 days
    # The provider had the first letter: the new one says it replaces it, and why.
    assert (
        "Geachte heer, mevrouw, Deze brief vervangt onze brief van 2 oktober 2026 met kenmerk JH-2026-DEMO-2026-0001. "
        "Het besluit over uw inschrijving is gewijzigd: in plaats van voornemen tot gunning luidt het nu afwijzing. De "
        "eerdere brief is hiermee ingetrokken. De opschortende termijn van die brief geldt niet meer: voor dit besluit "
        "geldt de termijn in deze brief. U heeft met inschrijving DEMO-2026-0001"
    ) in _flat(new.file)
    assert f"Besluit van de voorzitter: {motivation}" in _flat(new.file)
    unsent = next(letter for letter in result.letters if letter.registration == other)
    assert "vervangt" not in _flat(unsent.file)  # its first letter was never sent

    first, second = letter_sendings(db.sessions, round_id, REG)
    assert first.superseded_by == 2 and first.sent_on == date(2026, 10, 2)
    assert first.standstill_end == date(2026, 10, 22)
    assert "vervangen door versie 2" in first.summary
    assert not second.superseded and second.sent_on is None and second.standstill_end == date(2026, 10, 26)
    assert first.outdated and first.superseded and "maak een nieuwe brief" not in first.summary
    assert not second.outdated
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


@pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)
def test_letters_made_before_the_sending_was_kept_are_recorded_after_the_migration(
    db: Database, demo_round: DemoRound, db_path: Path, tmp_path: Path
) -> None:
    """A database at 0007 with letters: after the upgrade they are there, their sending can be recorded, and the
    standstill is counted from it."""
    round_id = _tender_letters(db, demo_round, tmp_path)
    db.close()
    downgrade(db_path, "0007")
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


def test_the_letter_of_one_registration_replaces_its_sent_letter_and_leaves_the_rest(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = _tender_letters(db, demo_round, tmp_path)
    out = tmp_path / "v1"
    merged, overview = (out / "Besluitbrieven_samengevoegd.pdf").read_bytes(), (out / "Overzicht_besluitbrieven.xlsx")
    overview_bytes = overview.read_bytes()
    record_sending(db.sessions, round_id, REG, date(2026, 10, 2), Channel.EMAIL, actor="t", today=date(2026, 10, 2))
    later = date(2026, 10, 6)
    _set_sending(db, round_id, later)
    reason = "Het adres in de eerste brief was onjuist"
    result = make_letters(db.sessions, db.documents, round_id, out, actor="test", today=later,
                          registration_number=REG, reason=reason)  # fmt: skip
    (letter,) = result.letters
    assert (letter.registration, letter.version, letter.outcome) == (REG, 2, Outcome.AWARD)
    assert result.merged == letter.file and result.overview.name == "Overzicht_Besluit_DEMO-2026-0001_v2.xlsx"
    flat = _flat(letter.file)
    assert (
        "Deze brief vervangt onze brief van 2 oktober 2026 met kenmerk JH-2026-DEMO-2026-0001. Het besluit over uw "
        f"inschrijving is niet gewijzigd; de brief zelf is aangepast. De reden: {reason}. De eerdere brief is hiermee "
        "ingetrokken. De opschortende termijn van die brief geldt niet meer: voor dit besluit geldt de termijn in deze "
        "brief."
    ) in flat
    assert "eindigt op maandag 26 oktober 2026 om 24.00 uur" in flat
    sheet = openpyxl.load_workbook(result.overview).active
    assert sheet.cell(1, 17).value == "Vervangt verzonden brief"
    assert sheet.cell(2, 17).value == "JH-2026-DEMO-2026-0001 van 02-10-2026"
    # The round's merged PDF and overview in the same folder are the first ones still.
    assert (out / "Besluitbrieven_samengevoegd.pdf").read_bytes() == merged and overview.read_bytes() == overview_bytes
    rows = letter_sendings(db.sessions, round_id)
    assert [(r.registration, r.version, r.superseded) for r in rows if r.registration == REG] == [
        (REG, 1, True), (REG, 2, False),
    ]  # fmt: skip
    assert all(r.version == 1 and not r.superseded for r in rows if r.registration != REG)
    event = _last_event(db, "letters-made")
    assert event is not None and event.after is not None
    assert (event.after["registration"], event.after["letters"], event.after["reason"]) == (REG, 1, reason)
    with pytest.raises(UserError, match="bestaat niet in ronde"):
        make_letters(db.sessions, db.documents, round_id, out, actor="test", today=later, registration_number="X-1")

    # A changed outcome changes the chosen bids, so every bidder's letter: one letter alone is refused.
    motivation = "De aanbieder heeft na de inschrijving schriftelijk laten weten dagbehandeling te beëindigen."
    override_decision(db.sessions, round_id, REG, Outcome.REJECT, motivation, actor="voorzitter")
    describe_advantages(db, round_id)
    with pytest.raises(UserError, match="maak de brieven van de hele ronde opnieuw") as refused:
        make_letters(db.sessions, db.documents, round_id, out, actor="test", today=later, registration_number=REG)
    assert f"Het besluit over {REG} is gewijzigd van 'Gunnen' in 'Afwijzen' sinds de vorige brief" in str(refused.value)
    assert len(letter_sendings(db.sessions, round_id, REG)) == 2


def test_an_open_house_letter_for_one_registration_waits_only_for_its_own_decision(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=3)
    with unit_of_work(db.sessions, "test") as session:  # 0002's decision back to a proposal
        registration = registration_by_number(session, "DEMO-2026-0002")
        current = max((d for d in session.query(m.Decision).filter_by(registration_id=registration.id)),
                      key=lambda d: d.revision)  # fmt: skip
        session.add(m.Decision(registration_id=registration.id, revision=current.revision + 1,
                               proposed_outcome=current.proposed_outcome, outcome=current.outcome,
                               reasons=current.reasons, status="proposed"))  # fmt: skip
    with pytest.raises(LettersNotReady, match="DEMO-2026-0002: het besluit is nog niet bevestigd"):
        make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    with pytest.raises(LettersNotReady, match="DEMO-2026-0002"):
        make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY,
                     registration_number="DEMO-2026-0002")  # fmt: skip
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY,
                          registration_number="DEMO-2026-0003")  # fmt: skip
    assert [letter.registration for letter in result.letters] == ["DEMO-2026-0003"]
    assert not (tmp_path / "Besluitbrieven_samengevoegd.pdf").exists()
