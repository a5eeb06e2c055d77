"""The Besluiten page as the chair uses it: reasons, confirm, override, blockers, settings, preview, letters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from beoordelaar.core.decisions.decisions import list_decisions, override_decision
from beoordelaar.core.decisions.document_settings import get_document_settings
from beoordelaar.core.decisions.letter_sending import Channel, letter_sendings, record_sending
from beoordelaar.core.decisions.letter_templates import TemplateKey
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.decisions.standstill import standstill_period
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.rounds.rounds import RoundSummary, list_rounds
from beoordelaar.core.storage.database import Database
from beoordelaar.core.text import date_text
from beoordelaar.ui.decisions.advantages_dialog import AdvantagesDialog
from beoordelaar.ui.decisions.decisions_page import READY, DecisionsPage
from beoordelaar.ui.decisions.document_settings_dialog import DocumentSettingsDialog
from beoordelaar.ui.decisions.override_dialog import OverrideDialog
from beoordelaar.ui.decisions.sending_dialog import SendingDialog
from helpers import FileDialogs, MessageBoxes, standalone_page
from letters_round import ADVANTAGES, make_tender, pdf_text, without_decisions
from templates import DemoRound

ACTOR = "Marieke Jansen"


@pytest.fixture
def page_for(qtbot: QtBot, db: Database) -> Callable[[RoundSummary], DecisionsPage]:
    def make(summary: RoundSummary) -> DecisionsPage:
        page = standalone_page(qtbot, DecisionsPage, db, ACTOR)
        page.resize(1100, 750)
        page.show()
        qtbot.waitExposed(page)
        page.set_round(summary)
        return page

    return make


def _summary(db: Database, round_id: int) -> RoundSummary:
    return next(r for r in list_rounds(db.sessions) if r.id == round_id)


def test_shows_decisions_with_their_reasons_and_is_ready(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage]
) -> None:
    page = page_for(_summary(db, demo_round(db)))
    assert page.proxy.rowCount() == 8
    assert page.ready_label.text() == READY and page.letters_button.isEnabled()
    page.select("DEMO-2026-0006")
    text = page.reasons.toPlainText()
    assert "G6" in text and "0,96" in text and "Afwijzen" in text
    page.search.setText("0006")
    assert page.proxy.rowCount() == 1


def test_propose_confirm_and_override(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage], qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch, messages: MessageBoxes,
) -> None:  # fmt: skip
    round_id = demo_round(db)
    without_decisions(db, round_id)
    page = page_for(_summary(db, round_id))
    assert not page.letters_button.isEnabled()
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert page.blockers.count() == 8 and "niet bevestigd" in page.blockers.item(0).text()

    page.select("DEMO-2026-0001")
    assert page.confirm_button.isEnabled()
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    assert page.selected() is not None and page.selected().confirmed  # type: ignore[union-attr]
    assert page.blockers.count() == 7

    seen: list[bool] = []

    def fill(dialog: OverrideDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append(ok.isEnabled())
        qtbot.keyClicks(dialog.motivation, "De aanbieder heeft schriftelijk laten weten de zorg niet te leveren.")
        seen.append(ok.isEnabled())
        return QDialog.DialogCode.Accepted

    # A rejection on a failed knock-out cannot be overridden: the page says what to revise instead.
    page.select("DEMO-2026-0006")
    assert not page.override_button.isEnabled()
    assert "Afwijken kan niet: niet voldaan aan G6" in page.reasons.toPlainText()
    assert "Rangorde" not in page.reasons.toPlainText()  # Open House never ranks
    assert "Herzie het oordeel over de eis" in page.override_button.toolTip()

    monkeypatch.setattr(OverrideDialog, "exec", fill)
    page.select("DEMO-2026-0002")
    qtbot.mouseClick(page.override_button, Qt.MouseButton.LeftButton)
    assert seen == [False, True]
    row = next(r for r in list_decisions(db.sessions, round_id) if r.number == "DEMO-2026-0002")
    assert row.outcome is not None and row.outcome.value == "reject" and row.overridden
    assert "Motivering van de afwijking" in page.reasons.toPlainText()

    qtbot.mouseClick(page.confirm_all_button, Qt.MouseButton.LeftButton)
    assert messages["question"] and page.ready_label.text() == READY and page.letters_button.isEnabled()


def test_letters_are_made_off_the_ui_thread(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage], qtbot: QtBot,
    tmp_path: Path, file_dialogs: FileDialogs, messages: MessageBoxes,
) -> None:  # fmt: skip
    round_id = demo_round(db, providers=5)
    page = page_for(_summary(db, round_id))
    out = tmp_path / "brieven"
    out.mkdir()
    file_dialogs.choose_folder(out)
    qtbot.mouseClick(page.letters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages["information"]), timeout=20000)
    assert "5 brieven gemaakt" in messages["information"][0]
    assert len(list(out.glob("Besluit_*.pdf"))) == 5 and (out / "Besluitbrieven_samengevoegd.pdf").is_file()
    assert len(letter_sendings(db.sessions, round_id)) == 5


def test_preview_shows_the_letter_inside_the_app(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage], qtbot: QtBot
) -> None:
    page = page_for(_summary(db, demo_round(db, providers=3)))
    page.select("DEMO-2026-0002")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    dialog = page.preview_dialog
    qtbot.waitUntil(lambda: dialog.pages >= 1)
    assert dialog.isVisible()
    dialog.reject()
    assert letter_sendings(db.sessions, page._round.id) == []  # type: ignore[union-attr]


def test_settings_dialog_refuses_an_unusable_template(
    db: Database, demo_round: DemoRound, qtbot: QtBot, messages: MessageBoxes
) -> None:
    round_id = demo_round(db, providers=3)
    dialog = DocumentSettingsDialog(db, round_id, ACTOR)
    qtbot.addWidget(dialog)
    editor = dialog.templates
    editor.key_box.setCurrentIndex(list(TemplateKey).index(TemplateKey.OPEN_HOUSE_REJECT))
    body = editor.body.toPlainText().replace("{klachtenloket}", "{klachtloket}")
    editor.body.setPlainText(body.replace("{redenen}", "Zie hierboven."))
    assert "onbekende plaatshouder {klachtloket}" in editor.problems.text()
    assert "Verplichte alinea ontbreekt: de alinea met de redenen" in editor.problems.text()
    dialog.accept()
    assert messages["warning"] and "klachtloket" in messages["warning"][0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert get_document_settings(db.sessions, round_id)[0].templates == {}

    editor.reset_button.click()
    assert editor.problems.text() == "Sjabloon is bruikbaar."
    dialog.letter_date.setText("1-10-2026")
    dialog.standstill.setValue(25)
    qtbot.keyClicks(dialog.signatory, " (a.i.)")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_document_settings(db.sessions, round_id)[0]
    assert saved.letter_date == date(2026, 10, 1) and saved.standstill_days == 25
    assert saved.signatory.endswith("(a.i.)") and saved.templates == {}


def test_settings_dialog_refuses_an_unreadable_date(
    db: Database, demo_round: DemoRound, qtbot: QtBot, messages: MessageBoxes
) -> None:
    dialog = DocumentSettingsDialog(db, demo_round(db, providers=2), ACTOR)
    qtbot.addWidget(dialog)
    dialog.sending_date.setText("morgen")
    dialog.accept()
    assert messages["warning"][0].startswith("Verzenddatum: 'morgen' is geen datum (schrijf dag-maand-jaar")


def test_a_tender_shows_each_bids_place_or_why_it_has_none(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage]
) -> None:
    round_id = demo_round(db, providers=6)
    make_tender(db, round_id)
    page = page_for(_summary(db, round_id))
    page.select("DEMO-2026-0006")  # its plan passes, but G6 fails
    assert "Geen plaats in de rangorde: de inschrijving voldoet niet aan G6" in page.reasons.toPlainText()
    page.select("DEMO-2026-0004")
    assert "Rangorde: plaats 2 van 3 in perceel 1, plaats 1 van 2 in perceel 2" in page.reasons.toPlainText()


def test_settings_dialog_shows_the_standstill_end_and_keeps_the_remedies_clause(
    db: Database, demo_round: DemoRound, qtbot: QtBot, messages: MessageBoxes
) -> None:
    round_id = demo_round(db, providers=2)
    make_tender(db, round_id)
    dialog = DocumentSettingsDialog(db, round_id, ACTOR)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.sending_date.setText("6-12-2026")  # day 20: Saturday 26 December, tweede Kerstdag
    end = dialog.standstill_end
    assert "Bij verzending 06-12-2026: maandag 28 december 2026 om 24.00 uur." in end.text()
    assert "(zaterdag en tweede Kerstdag)" in end.text()
    dialog.working_day.setChecked(False)
    assert "zaterdag 26 december 2026 om 24.00 uur" in end.text() and "leg vast waarom" in end.text()
    assert dialog.end_basis.isEnabled() and not dialog.standstill_basis.isEnabled()
    dialog.end_basis.setText("Leidraad § 6.3: de termijn eindigt op de 20e kalenderdag")
    assert "Let op: die dag is een zaterdag en tweede Kerstdag." in end.text()
    dialog.working_day.setChecked(True)
    dialog.standstill.setValue(10)
    assert "ten minste 20 kalenderdagen (ingesteld: 10)" in end.text() and dialog.standstill_basis.isEnabled()
    qtbot.keyClicks(dialog.remedies_source, "paragraaf 7.4 van de Aanbestedingsleidraad")
    qtbot.keyClicks(dialog.remedies_clause, "Een kort geding wordt binnen de opschortende termijn aanhangig gemaakt.")
    dialog.accept()
    assert "ten minste 20 kalenderdagen" in messages["warning"][0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert get_document_settings(db.sessions, round_id)[0].remedies_clause == ""  # nothing saved
    qtbot.keyClicks(dialog.standstill_basis, "Leidraad § 6.2")
    assert "ten minste" not in end.text()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_document_settings(db.sessions, round_id)[0]
    assert (saved.standstill_days, saved.standstill_basis, saved.standstill_to_working_day) == (
        10,
        "Leidraad § 6.2",
        True,
    )
    assert saved.remedies_source.startswith("paragraaf 7.4") and saved.remedies_clause.startswith("Een kort geding")


def test_settings_dialog_records_who_decides_and_the_mandate(db: Database, demo_round: DemoRound, qtbot: QtBot) -> None:
    round_id = demo_round(db, providers=2)
    dialog = DocumentSettingsDialog(db, round_id, ACTOR)
    qtbot.addWidget(dialog)
    assert dialog.decision_maker.text() == "het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo)"
    dialog.decision_maker.setText("het college van B&W van Zwolle")
    dialog.mandate.setText("namens het college van B&W van Zwolle, op advies van de beoordelingscommissie,")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_document_settings(db.sessions, round_id)[0]
    assert saved.deciding == "het college van B&W van Zwolle" and saved.mandate.startswith("namens het college")


def test_settings_dialog_keeps_the_open_house_paragraphs(db: Database, demo_round: DemoRound, qtbot: QtBot) -> None:
    round_id = demo_round(db, providers=2)
    dialog = DocumentSettingsDialog(db, round_id, ACTOR)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)
    dialog.resize(760, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.tabs.tabText(2) == "&Open House"
    assert dialog.entry_moment.text() == "1 juli 2027 (aanmelden tot en met 1 mei 2027)"
    assert "overbruggingsovereenkomst" in dialog.continuity.toPlainText()
    dialog.entry_moment.setText("1 januari 2028")
    dialog.continuity.setPlainText("Heeft u jeugdigen in zorg, dan maakt u afrondingsafspraken.")
    dialog.complaints.clear()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_document_settings(db.sessions, round_id)[0]
    assert (saved.entry_moment, saved.continuity_text, saved.complaints_desk) == (
        "1 januari 2028", "Heeft u jeugdigen in zorg, dan maakt u afrondingsafspraken.", "",
    )  # fmt: skip


def test_the_sending_of_a_letter_is_recorded_and_shown_with_its_standstill(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage], qtbot: QtBot,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: MessageBoxes,
) -> None:  # fmt: skip
    round_id = demo_round(db, providers=3)
    make_tender(db, round_id)
    today = date.today()
    make_letters(db.sessions, db.documents, round_id, tmp_path, actor=ACTOR, today=today)
    end = date_text(standstill_period(today, 20).end)
    page = page_for(_summary(db, round_id))
    page.select("DEMO-2026-0001")
    assert page.sent_button.isEnabled()
    assert (
        f"nog niet verzonden (verzenddatum in de brief: {date_text(today)}); opschortende termijn tot en met {end}"
        in page.reasons.toPlainText()
    )
    shown: list[str] = []

    def send_by_post(dialog: SendingDialog) -> int:
        shown.append(dialog.findChild(QLabel).text())
        dialog.channel.setCurrentIndex(dialog.channel.findData("post"))
        dialog.grab().save(str(tmp_path / "sending_dialog.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SendingDialog, "exec", send_by_post)
    qtbot.mouseClick(page.sent_button, Qt.MouseButton.LeftButton)
    assert "De brief vermeldt als verzenddatum" in shown[0] and "opschortende termijn tot en met" in shown[0]
    qtbot.waitUntil(lambda: f"verzonden {date_text(today)} per post" in page.reasons.toPlainText())
    assert f"opschortende termijn tot en met {end}" in page.reasons.toPlainText()
    assert not page.sent_button.isEnabled()
    page.grab().save(str(tmp_path / "decisions_sent.png"))

    # Another day than the letter states: refused with the reason, nothing recorded.
    def send_yesterday(dialog: SendingDialog) -> int:
        dialog.day.setDate(dialog.day.date().addDays(-1))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SendingDialog, "exec", send_yesterday)
    page.select("DEMO-2026-0002")
    qtbot.mouseClick(page.sent_button, Qt.MouseButton.LeftButton)
    assert any("Maak de brief opnieuw" in text for text in messages["warning"])
    assert letter_sendings(db.sessions, round_id, "DEMO-2026-0002")[0].sent_on is None
    assert page.sent_button.isEnabled()

    # The decision changes after the letter was sent: the chair is told to make a new one.
    why = "De aanbieder heeft na de inschrijving laten weten deze zorg niet meer te leveren."
    override_decision(db.sessions, round_id, "DEMO-2026-0001", Outcome.REJECT, why, actor=ACTOR)
    page.refresh()
    page.select("DEMO-2026-0001")
    assert "Let op: het besluit is gewijzigd nadat brief JH-2026-DEMO-2026-0001 is verzonden" in (
        page.reasons.toPlainText()
    )


def test_the_commission_describes_the_relative_advantages_per_lot(
    db: Database,
    demo_round: DemoRound,
    page_for: Callable[[RoundSummary], DecisionsPage],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    round_id = demo_round(db, providers=4)
    make_tender(db, round_id, described=False)
    page = page_for(_summary(db, round_id))
    assert page.advantages_button.isVisible() and not page.letters_button.isEnabled()
    shown = [page.blockers.item(n).text() for n in range(page.blockers.count())]
    assert any(text.startswith("Perceel 1 (Ambulante jeugdhulp): de commissie heeft de kenmerken") for text in shown)

    def describe(dialog: AdvantagesDialog) -> int:
        assert dialog.current() is not None and dialog.current().lot == "1"  # the first lot still missing
        assert dialog.lots.item(0).text() == "Perceel 1 (Ambulante jeugdhulp)\nontbreekt"
        assert "gekozen: " in dialog.chosen.text()
        dialog.text.setPlainText("Goed plan.")
        assert dialog.save() is None and "is te kort (10 tekens; minimaal 40)" in dialog.error.text()
        for lot in range(dialog.lots.count()):
            dialog.lots.setCurrentRow(lot)
            dialog.text.setPlainText(ADVANTAGES)
            assert dialog.save() is not None
        assert dialog.lots.item(0).text() == f"Perceel 1 (Ambulante jeugdhulp)\nbeschreven (versie 1, {ACTOR})"
        assert dialog.text.toPlainText() == ADVANTAGES
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AdvantagesDialog, "exec", describe)
    page.advantages_button.click()
    assert page.ready_label.text() == READY and page.letters_button.isEnabled()


def test_open_house_has_no_relative_advantages_button(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage]
) -> None:
    page = page_for(_summary(db, demo_round(db, providers=2)))
    assert not page.advantages_button.isVisible()


def test_a_letter_for_one_registration_replaces_its_sent_letter(
    db: Database, demo_round: DemoRound, page_for: Callable[[RoundSummary], DecisionsPage], qtbot: QtBot,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_dialogs: FileDialogs, messages: MessageBoxes,
) -> None:  # fmt: skip
    round_id = demo_round(db, providers=3)
    today = date.today()
    make_letters(db.sessions, db.documents, round_id, tmp_path / "v1", actor=ACTOR, today=today)
    record_sending(db.sessions, round_id, "DEMO-2026-0001", today, Channel.EMAIL, actor=ACTOR, today=today)
    page = page_for(_summary(db, round_id))
    page.select("DEMO-2026-0001")
    assert page.letter_button.isEnabled() and page.letter_button.text() == "Brief voor deze &inschrijving…"
    asked: list[str] = []

    def why(_parent: object, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        asked.append(label)
        return "Het adres in de eerste brief was onjuist.", True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", why)
    out = tmp_path / "v2"
    out.mkdir()
    file_dialogs.choose_folder(out)
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages["information"]), timeout=20000)
    assert "De vorige brief aan" in asked[0] and "is verzonden" in asked[0]
    assert "(versie 2)" in messages["information"][0] and "Besluit_DEMO-2026-0001_v2.pdf" in messages["information"][0]
    flat = " ".join(pdf_text(out / "Besluit_DEMO-2026-0001_v2.pdf").split())
    assert (
        "Deze brief vervangt onze brief van" in flat and "De reden: Het adres in de eerste brief was onjuist." in flat
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "Besluit_DEMO-2026-0001_v2.pdf", "Overzicht_Besluit_DEMO-2026-0001_v2.xlsx",
    ]  # fmt: skip
    qtbot.waitUntil(lambda: "vervangen door versie 2" in page.reasons.toPlainText())
