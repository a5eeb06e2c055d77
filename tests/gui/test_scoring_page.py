"""The Beoordelen page as its users meet it: an assessor on a laptop scoring with the keyboard only and handing in,
a motivation that survives a crash, the chair's commission page with packages and return files, and blindness on a
shared laptop until the consensus discussion is opened."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from beoordelaar.core.exchange.api import PackageSummary, import_return_file
from beoordelaar.core.scoring.scoring import hand_in, reopen, work_items, worklist
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.ui.commission.commission_model import MemberColumn
from beoordelaar.ui.main_window import MainWindow
from beoordelaar.ui.scoring.criterion_scorer import SAVED, ScoreEditor
from beoordelaar.ui.scoring.scoring_page import Mode, ScoringPage
from exchange_round import (
    ANNA,
    BRAM,
    CHAIR,
    CHANTAL,
    NUMBERS,
    PASSPHRASE,
    ROUND,
    export_for,
    open_on,
    package_text,
    return_from,
    round_id_of,
    score_everything,
)
from helpers import (
    FileDialogs,
    MessageBoxes,
    SecretAnswers,
    WindowOpener,
    keyboard_back,
    member_proof,
    phase_page,
    press,
    screen_texts,
)

ACTOR = "tester"


def scoring_page(window: MainWindow) -> ScoringPage:
    return phase_page(window, "Beoordelen", ScoringPage)


def motivation_text(number: str, code: str) -> str:
    return f"Keyboard note on {number} {code}: the plan names concrete steps and results."


def export_to(chair: Database, who: str, tmp_path: Path) -> PackageSummary:
    return export_for(chair, who, tmp_path / f"pakket-{who.split()[0]}.zip", actor=ACTOR)


def open_from_menu(
    window: MainWindow, package: PackageSummary, file_dialogs: FileDialogs, qtbot: QtBot, secrets: SecretAnswers
) -> ScoringPage:
    """The assessor chooses the package, types its code and chooses her passphrase (typed twice)."""
    file_dialogs.open_file(package.file)
    secrets.answer({"code": package.code.lower().replace("-", " "), "passphrase": PASSPHRASE, "repeat": PASSPHRASE})
    window.open_package_action.trigger()
    page = scoring_page(window)
    qtbot.waitUntil(lambda: window.current_phase() == "Beoordelen")
    keyboard_back(window, qtbot)
    assert page.stack.currentWidget() is page.work
    return page


def _third_editor_of_the_second(page: ScoringPage) -> ScoreEditor:
    """The third criterion's editor on the second registration (NUMBERS[1]), opened."""
    page.work.open_registration(NUMBERS[1])
    editor = page.work.screen.editors[2]
    assert isinstance(editor, ScoreEditor)
    return editor


# -- the assessor on a laptop ----------------------------------------------------------------------------------------


def test_assessor_scores_with_the_keyboard_hands_in_and_the_chair_merges(
    chair: Database,
    laptop: Database,
    open_window: WindowOpener,
    qtbot: QtBot,
    tmp_path: Path,
    file_dialogs: FileDialogs,
    messages: MessageBoxes,
    secrets: SecretAnswers,
) -> None:
    score_everything(chair, ANNA, 5)  # a colleague's words, which Bram's laptop must never show
    package = export_to(chair, BRAM, tmp_path)
    window = open_window(laptop)
    page = open_from_menu(window, package, file_dialogs, qtbot, secrets)
    work = page.work
    assert work.mode is Mode.LAPTOP and work.assessor == BRAM
    assert work.progress_label.text() == "0 van 15 gedaan"
    assert [r.label for r in work.model.rows()] == [f"{n} Stichting Aanbieder {i}" for i, n in enumerate(NUMBERS, 1)]

    # Opened: straight on at the first registration, the focus on its first card.
    screen = work.screen
    assert work.stack.currentWidget() is screen
    for position, number in enumerate(NUMBERS):
        qtbot.waitUntil(lambda n=number: screen.registration is not None and screen.registration.ref == n)
        assert screen.position_label.text() == f"Inschrijving {position + 1} van 3"
        for editor in screen.editors:
            assert isinstance(editor, ScoreEditor)
            qtbot.waitUntil(editor.picker.hasFocus)
            press(qtbot, "4")  # a digit goes on to the motivation
            assert editor.motivation.hasFocus()
            qtbot.keyClicks(editor.motivation, motivation_text(number, editor.code))
            assert editor.counter.text().startswith(f"{len(motivation_text(number, editor.code))} tekens")
            press(qtbot, Qt.Key.Key_Tab)  # past the last card: on to the next registration with work left
    qtbot.waitUntil(lambda: all(e.status.text() == SAVED for e in screen.editors))
    assert "Motivering van" not in screen_texts(window)  # never a colleague's words on this laptop

    # Autosaved through the services: every score with its motivation is in the laptop's database.
    assert worklist(laptop.sessions, round_id_of(laptop), BRAM).done == 15
    items = work_items(laptop.sessions, round_id_of(laptop), BRAM, NUMBERS[1])
    assert [(i.value, i.motivation) for i in items] == [
        (Decimal(4), motivation_text(NUMBERS[1], i.code)) for i in items
    ]

    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: work.stack.currentWidget() is work.list_page)
    assert work.progress_label.text() == "15 van 15 gedaan"

    returned = tmp_path / "terug" / "retour-bram.zip"
    returned.parent.mkdir()
    file_dialogs.save_to(returned)
    secrets.answer({"passphrase": "niet mijn wachtwoord"})  # a wrong passphrase first: refused, nothing written
    work.hand_in_button.click()
    assert messages["warning"] and "Het wachtwoord klopt niet" in messages["warning"][-1]
    assert not returned.exists()
    messages["warning"].clear()
    secrets.answer({"passphrase": PASSPHRASE})
    work.return_button.click()
    qtbot.waitUntil(returned.is_file)
    assert Path(file_dialogs.proposed[-1]).name == f"Retour {ROUND} – {BRAM}.bwr"
    assert messages["warning"] == []
    assert "Retourbestand geschreven" in work.feedback.text()
    fingerprint = work.feedback.text().split("vingerafdruk van uw sleutel: <b>")[1][:19]
    assert work.locked_label.isVisible() and "Ingeleverd op" in work.locked_label.text()
    assert not work.hand_in_button.isEnabled()

    # Locked: the scoring screen only reads.
    work.open_registration(NUMBERS[0])
    assert screen.locked_banner.isVisible()
    assert all(e.motivation.isReadOnly() and not e.picker.buttons[0].isEnabled() for e in screen.editors)

    result = import_return_file(chair.sessions, returned, fingerprint=fingerprint, actor=CHAIR)
    assert (result.assessor, result.status, result.scores) == (BRAM, "merged", 15)
    assert work_items(chair.sessions, round_id_of(chair), BRAM, NUMBERS[2])[0].motivation == motivation_text(
        NUMBERS[2], "P1"
    )


def test_hand_in_refused_lists_what_is_missing(
    chair: Database,
    laptop: Database,
    open_window: WindowOpener,
    qtbot: QtBot,
    tmp_path: Path,
    file_dialogs: FileDialogs,
    messages: MessageBoxes,
    secrets: SecretAnswers,
) -> None:
    window = open_window(laptop)
    page = open_from_menu(window, export_to(chair, BRAM, tmp_path), file_dialogs, qtbot, secrets)
    # no answer for a save dialog: the test fails if one opens (no return file yet)
    page.work.hand_in_button.click()
    assert len(messages["warning"]) == 1
    assert "Inleveren kan nog niet" in messages["warning"][0] and NUMBERS[0] in messages["warning"][0]
    assert worklist(laptop.sessions, round_id_of(laptop), BRAM).submitted_at is None
    assert not page.work.locked_label.isVisible()


def test_motivation_survives_a_crash(chair: Database, laptop: Database, qtbot: QtBot, tmp_path: Path) -> None:
    open_on(laptop, export_to(chair, BRAM, tmp_path), BRAM)
    text = "Typed just before the lid closed: concrete goals, a clear network plan."
    window = MainWindow(laptop, ACTOR)
    try:
        window.show()
        qtbot.waitExposed(window)
        editor = _third_editor_of_the_second(scoring_page(window))
        editor.picker.setFocus()
        qtbot.keyClick(editor.picker, "2")
        qtbot.keyClicks(editor.motivation, text)
        qtbot.waitUntil(lambda: editor.status.text() == SAVED)
    finally:
        shiboken6.delete(window)  # no close, no hide: gone as in a crash
    item = work_items(laptop.sessions, round_id_of(laptop), BRAM, NUMBERS[1])[2]
    assert (item.value, item.motivation) == (Decimal(2), text)

    again = MainWindow(laptop, ACTOR)
    qtbot.addWidget(again)
    again.show()
    editor = _third_editor_of_the_second(scoring_page(again))
    assert editor.motivation.toPlainText() == text
    assert editor.picker.current() == 1 and editor.status.text() == SAVED


def test_the_laptop_shows_why_the_chair_reopened_the_work(
    chair: Database, laptop: Database, open_window: WindowOpener, tmp_path: Path
) -> None:
    round_id = round_id_of(chair)
    score_everything(chair, BRAM, 3)
    hand_in(chair.sessions, round_id, BRAM, actor=BRAM)
    reason = "Bij INS-002 P3 ontbreekt de onderbouwing; graag opnieuw bekijken."
    reopen(chair.sessions, round_id, BRAM, reason=reason, actor=CHAIR)
    open_on(laptop, export_to(chair, BRAM, tmp_path), BRAM)
    window = open_window(laptop)
    window.show_phase(1)
    work = scoring_page(window).work
    assert work.reopened_label.isVisible() and not work.locked_label.isVisible()
    text = work.reopened_label.text()
    assert "De voorzitter heeft het werk heropend" in text and "revisie 2" in text and reason in text
    assert work.hand_in_button.isEnabled()
    work.grab().save(str(tmp_path / "reopened-laptop.png"))


def test_a_member_without_a_conflict_statement_cannot_score_here(
    tmp_path: Path, chair: Database, open_window: WindowOpener, qtbot: QtBot
) -> None:
    with chair.sessions.begin() as session:  # as in a round from before the conflict statement existed
        session.execute(update(m.Assessor).where(m.Assessor.name == BRAM).values(conflicts_declared_at=None))
    window = open_window(chair)
    window.show_phase(1)
    page = scoring_page(window)
    _select(page, BRAM)
    page.commission.grab().save(str(tmp_path / "commission-undeclared.png"))
    page.score_as(member_proof(chair, BRAM))
    work = page.work
    assert work.undeclared_label.isVisible()
    assert "nog niet verklaard of er belangenverstrengeling is" in work.undeclared_label.text()
    assert not work.hand_in_button.isEnabled()
    work.open_registration()
    assert work.screen.locked_banner.isVisible()
    assert "belangenverstrengeling" in work.screen.locked_banner.text()
    assert work.screen.editors
    assert all(e.motivation.isReadOnly() and not e.picker.buttons[0].isEnabled() for e in work.screen.editors)
    work.grab().save(str(tmp_path / "undeclared-screen.png"))


def test_a_package_dropped_on_the_window_opens(
    chair: Database, laptop: Database, open_window: WindowOpener, tmp_path: Path, secrets: SecretAnswers
) -> None:
    package = export_to(chair, BRAM, tmp_path)
    window = open_window(laptop)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(package.file))])
    secrets.answer({"code": package.code, "passphrase": PASSPHRASE, "repeat": PASSPHRASE})
    drop = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    assert window.current_phase() == "Beoordelen"
    assert window.current_round is not None and window.current_round.name == ROUND
    assert scoring_page(window).work.progress_label.text() == "0 van 15 gedaan"


# -- the chair --------------------------------------------------------------------------------------------------------


def _select(page: ScoringPage, name: str) -> None:
    page.commission.select_member(name)
    assert page.commission.selected_member() is not None
    assert page.commission.selected_member().name == name


def _return_from_laptop(chair: Database, who: str, tmp_path: Path) -> Path:
    laptop = open_database(tmp_path / f"laptop-{who.split()[0]}" / "laptop.sqlite")
    try:
        open_on(laptop, export_for(chair, who, tmp_path / f"p-{who.split()[0]}.zip", actor=ACTOR), who)
        score_everything(laptop, who, 3)
        hand_in(laptop.sessions, round_id_of(laptop), who, actor=who)
        return return_from(laptop, who, tmp_path / f"retour-{who.split()[0]}.zip")
    finally:
        laptop.close()


def test_chair_exports_packages_imports_returns_and_reopens(
    chair: Database,
    open_window: WindowOpener,
    qtbot: QtBot,
    tmp_path: Path,
    file_dialogs: FileDialogs,
    messages: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
    secrets: SecretAnswers,
) -> None:
    # make_round signs the declarations; the page's refusal without one is tested in test_commission_members.py
    window = open_window(chair)
    window.show_phase(1)
    page = scoring_page(window)
    commission = page.commission
    assert page.stack.currentWidget() is commission
    rows = {r.name: r for r in commission.members()}
    assert rows[ANNA].progress_text == "0 van 42 gedaan"
    assert rows[CHAIR].progress_text == "niets toegewezen"

    _select(page, ANNA)
    target = tmp_path / "uit" / "pakket-anna.zip"
    target.parent.mkdir()
    file_dialogs.save_to(target)
    commission.package_button.click()
    qtbot.waitUntil(target.is_file)
    assert Path(file_dialogs.proposed[-1]).name == f"Werkpakket {ROUND} – {ANNA}.bwp"
    assert "Werkpakket 1 voor Anna de Vries" in commission.feedback.text()
    assert {r.name: r for r in commission.members()}[ANNA].package_revision == 1

    code = messages["information"][-1].split("<b>")[1].split("</b>")[0]
    assert messages.titles["information"][-1] == "Code van het werkpakket" and len(code) == 24
    assert package_text(target, code)  # the code the chair saw opens the package

    anna, bram = _return_from_laptop(chair, ANNA, tmp_path), _return_from_laptop(chair, BRAM, tmp_path)
    damaged = tmp_path / "beschadigd.zip"
    data = bytearray(anna.file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    copy = tmp_path / "nogmaals.zip"
    shutil.copyfile(anna.file, copy)
    files = [bram.file, anna.file, copy, damaged]
    file_dialogs.open_files(files)
    # The first file of each member: the chair types the fingerprint the member reads out; once for each.
    secrets.answer({"fingerprint": bram.fingerprint.lower()})
    secrets.answer({"fingerprint": anna.fingerprint.replace("-", "")})
    commission.returns_button.click()
    qtbot.waitUntil(lambda: "Retourbestanden ingelezen" in commission.feedback.text())
    feedback = commission.feedback.text()
    assert "retour-Bram.zip: samengevoegd – Bram Hendriks (revisie 1): 15 scores" in feedback
    assert "retour-Anna.zip: samengevoegd – Anna de Vries (revisie 1): 15 scores en 27 toetsingen" in feedback
    assert "nogmaals.zip: al eerder ingelezen" in feedback
    assert "beschadigd.zip: geweigerd" in feedback
    assert len(secrets.intros) == 2 and "eerste retourbestand van <b>Bram Hendriks</b>" in secrets.intros[0]
    assert [r.key_fingerprint for r in commission.members() if r.name in (ANNA, BRAM)] == [
        anna.fingerprint,
        bram.fingerprint,
    ]
    rows = {r.name: r for r in commission.members()}
    assert rows[ANNA].handed_in and rows[ANNA].progress_text == "42 van 42 gedaan"
    assert rows[BRAM].return_revision == 1

    _select(page, ANNA)
    assert commission.reopen_button.isEnabled()
    reasons = iter(["  ", "P1 van INS-001: de motivering gaat over een ander perceel."])
    asked: list[str] = []

    def give_reason(_parent: QWidget, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        asked.append(label)
        return next(reasons), True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", give_reason)
    commission.reopen_button.click()  # no reason: refused, nothing reopened
    assert "Reden (verplicht" in asked[0]
    assert messages["warning"] == ["Geef een reden op voor het heropenen: de beoordelaar ziet die, en hij staat in "
                                   "de geschiedenis. Er is niets heropend."]  # fmt: skip
    assert {r.name: r for r in commission.members()}[ANNA].handed_in
    messages["warning"].clear()
    commission.reopen_button.click()
    assert "heropend (revisie 2)" in commission.feedback.text()
    assert not {r.name: r for r in commission.members()}[ANNA].handed_in

    # Anna's laptop is stolen: the chair forgets its key, with a reason; Chantal never had one confirmed.
    _select(page, CHANTAL)
    assert not commission.forget_key_button.isEnabled()
    _select(page, ANNA)
    assert commission.forget_key_button.isEnabled()
    reasons = iter(["Laptop gestolen uit de trein, aangifte gedaan"])
    commission.forget_key_button.click()
    assert f"vingerafdruk {anna.fingerprint}" in asked[-1]
    assert f"De sleutel van {ANNA} ({anna.fingerprint}) is vergeten." in commission.feedback.text()
    row = {r.name: r for r in commission.members()}[ANNA]
    assert row.key_fingerprint is None and not commission.forget_key_button.isEnabled()

    # Toewijzen adds what is missing (here, with three checkers per requirement: Bram's and Chantal's), once.
    for expected in ("45 taken toegewezen aan 3 beoordelaars", "Alles was al toegewezen"):
        dialog = commission.assign()
        assert dialog is not None
        dialog.per_requirement.setValue(3)  # the default is one checker per requirement, which Anna already is
        dialog.ok_button.click()
        assert expected in commission.feedback.text()
    assert messages["warning"] == []


def test_chair_records_a_conflict_of_interest(chair: Database, open_window: WindowOpener, qtbot: QtBot) -> None:
    window = open_window(chair)
    window.show_phase(1)
    page = scoring_page(window)
    _select(page, BRAM)
    dialog = page.commission.declare_conflict()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.member_combo.currentText() == BRAM
    dialog.registration_combo.setCurrentIndex(1)
    dialog.reason_edit.setText("Zat in de raad van toezicht")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = {r.name: r for r in page.commission.members()}[BRAM]
    assert row.conflicts == (f"{NUMBERS[1]} Stichting Aanbieder 2",)
    assert row.progress_text == "0 van 10 gedaan"
    model = page.commission.model
    position = [r.name for r in model.rows()].index(BRAM)
    assert model.index(position, MemberColumn.CONFLICTS).data() == f"{NUMBERS[1]} Stichting Aanbieder 2"


def test_a_motivation_still_too_short_survives_a_crash_as_a_draft(
    chair: Database, laptop: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    open_on(laptop, export_to(chair, BRAM, tmp_path), BRAM)
    text = "Half a thought"  # shorter than the framework's minimum: not yet a score
    window = MainWindow(laptop, ACTOR)
    try:
        window.show()
        qtbot.waitExposed(window)
        editor = _third_editor_of_the_second(scoring_page(window))
        editor.motivation.setFocus()
        qtbot.keyClicks(editor.motivation, text)
        qtbot.waitUntil(lambda: editor.status.text().startswith("Concept bewaard"))
    finally:
        shiboken6.delete(window)
    round_id = round_id_of(laptop)
    item = work_items(laptop.sessions, round_id, BRAM, NUMBERS[1])[2]
    assert item.draft and item.value is None and item.motivation == text
    assert worklist(laptop.sessions, round_id, BRAM).done == 0  # a draft is not a score

    again = MainWindow(laptop, ACTOR)
    qtbot.addWidget(again)
    again.show()
    editor = _third_editor_of_the_second(scoring_page(again))
    assert editor.motivation.toPlainText() == text and editor.status.text().startswith("Concept bewaard")
    editor.picker.setFocus()
    qtbot.keyClick(editor.picker, "4")
    editor.motivation.setFocus()
    qtbot.keyClicks(editor.motivation, ": the plan names concrete steps and a network plan.")
    qtbot.waitUntil(lambda: editor.status.text() == SAVED)
    item = work_items(laptop.sessions, round_id, BRAM, NUMBERS[1])[2]
    assert not item.draft and item.value == Decimal(4) and item.motivation.startswith(text)
