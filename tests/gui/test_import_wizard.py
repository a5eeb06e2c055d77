from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from beoordelaar.core.registrations.import_rows import Severity
from beoordelaar.core.registrations.importing import Finding
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.registrations.import_findings_model import ROW_ROLE, FindingsFilter, FindingsModel
from beoordelaar.ui.registrations.import_wizard import ImportWizard
from helpers import FileDialogs, MessageBoxes
from import_samples import LONG_HEADERS_EN, long_rows, plan_folder, row, rows, write_csv, write_xlsx


@pytest.fixture
def wizard(db: Database, qtbot: QtBot) -> ImportWizard:
    round_id = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="Voorzitter").id
    wizard = ImportWizard(db, round_id, "Voorzitter")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(wizard: ImportWizard, qtbot: QtBot, page: object) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is page)


def _count(db: Database) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count(m.Registration.id))).scalar_one()


def test_import_through_the_wizard(wizard: ImportWizard, db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", [*rows(3), row(3)])
    wizard.file_page.file_edit.setText(str(path))
    wizard.file_page.documents_edit.setText(str(plan_folder(tmp_path / "plannen", [1, 2, 3])))
    _next(wizard, qtbot, wizard.mapping_page)
    assert wizard.mapping_page.combos[2].currentData() == "kvk"
    _next(wizard, qtbot, wizard.preview_page)
    counts = wizard.preview_page.counts.text()
    assert "Nieuw: 3" in counts and "Overgeslagen: 1" in counts and "Fouten: 0" in counts
    assert wizard.preview_page.proxy.rowCount() == 1  # the duplicate row
    assert _count(db) == 0
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page)
    assert "Nieuw: 3" in wizard.done_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert _count(db) == 3


def test_errors_block_until_only_valid_rows_and_findings_can_be_saved(
    wizard: ImportWizard, db: Database, qtbot: QtBot, tmp_path: Path, file_dialogs: FileDialogs
) -> None:
    data = [row(1), row(2, Percelen="Perceel 7"), row(3, Plaats='=HYPERLINK("http://x.nl","klik")')]
    wizard.file_page.file_edit.setText(str(write_csv(tmp_path / "fout.csv", data)))
    _next(wizard, qtbot, wizard.mapping_page)
    _next(wizard, qtbot, wizard.preview_page)
    page = wizard.preview_page
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "Fouten: 1" in page.counts.text()
    target = tmp_path / "bevindingen.xlsx"
    file_dialogs.save_to(target)
    assert page.save_findings()
    sheet = openpyxl.load_workbook(target).active
    values = [r for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert ("Fout", 3, "Percelen", "Perceel 7") in [v[:4] for v in values]
    assert values[-1][3].startswith("=HYPERLINK")  # kept as text, not a live formula
    assert sheet.cell(row=len(values) + 2, column=4).data_type == "s"
    page.filter_combo.setCurrentIndex(1)
    assert page.proxy.rowCount() == 1
    page.only_valid.setChecked(True)
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.CommitButton).isEnabled())
    assert "Nieuw: 2" in page.counts.text()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page)
    assert _count(db) == 2


def test_mapping_correction(wizard: ImportWizard, db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "eigen.xlsx", [["Anker", "12345678"]], headers=["Organisatie", "Nummer KvK"])
    wizard.file_page.file_edit.setText(str(path))
    _next(wizard, qtbot, wizard.mapping_page)
    assert wizard.mapping_page.combos[1].currentData() is None
    wizard.mapping_page.set_target(1, "kvk")
    _next(wizard, qtbot, wizard.preview_page)
    assert "Nieuw: 1" in wizard.preview_page.counts.text()


def test_a_long_export_and_a_mapping_saved_and_loaded(
    wizard: ImportWizard, db: Database, qtbot: QtBot, tmp_path: Path, file_dialogs: FileDialogs
) -> None:
    path = write_xlsx(tmp_path / "negometrix.xlsx", long_rows([1, 2]), LONG_HEADERS_EN)
    wizard.file_page.file_edit.setText(str(path))
    _next(wizard, qtbot, wizard.mapping_page)
    page = wizard.mapping_page
    assert "gelezen als een rij per vraag (14 rijen, kolom 'Answer' als antwoord)" in page.note.text()
    headers = wizard.export.table.headers
    question = headers.index("Bent u uitgesloten (UEA deel III)?")
    page.set_target(question, "criterion:U1")
    saved = tmp_path / "indeling"
    file_dialogs.save_to(saved)
    assert page.save_mapping()
    assert file_dialogs.proposed[-1] == str(tmp_path / "negometrix-kolomindeling.json")
    page.set_target(question, None)
    file_dialogs.open_file(tmp_path / "indeling.json")
    assert page.load_mapping()
    assert "De kolomindeling uit indeling.json is gebruikt." in page.note.text()
    assert page.combos[question].currentData() == "criterion:U1"
    qtbot.waitUntil(lambda: page.combos[question].isVisible())
    page.grab().save(str(tmp_path / "mapping.png"))
    _next(wizard, qtbot, wizard.preview_page)
    assert "Nieuw: 2" in wizard.preview_page.counts.text() and "Fouten: 0" in wizard.preview_page.counts.text()


def test_bad_file_keeps_the_wizard_on_the_first_page(
    wizard: ImportWizard, qtbot: QtBot, tmp_path: Path, messages: MessageBoxes
) -> None:
    bad = tmp_path / "plan.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    wizard.file_page.file_edit.setText(str(bad))
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: bool(messages["warning"]))
    assert wizard.currentPage() is wizard.file_page
    assert "plan.xlsx" in messages["warning"][0]


def test_browse_buttons_fill_the_fields(wizard: ImportWizard, tmp_path: Path, file_dialogs: FileDialogs) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", rows(1))
    plan_folder(tmp_path / "plannen", [1])
    file_dialogs.open_file(path)
    wizard.file_page._choose_file()
    assert wizard.file_page.file_edit.text() == str(path)
    assert wizard.file_page.documents_edit.text() == str(tmp_path / "plannen")


def test_findings_model_without_widgets(qtbot: QtBot) -> None:
    model = FindingsModel()
    proxy = FindingsFilter()
    proxy.setSourceModel(model)
    model.set_findings(
        [
            Finding(10, "KvK-nummer", "1", "fout", Severity.ERROR),
            Finding(2, "Postcode", "8349sw", "let op", Severity.WARNING),
            Finding(None, "", "", "algemeen", Severity.WARNING),
        ]
    )
    assert proxy.rowCount() == 3
    proxy.sort(1)
    assert [proxy.index(i, 1).data() for i in range(3)] == ["", "2", "10"]
    proxy.set_severity(Severity.WARNING)
    assert proxy.rowCount() == 2
    assert proxy.index(0, 0).data(ROW_ROLE).severity is Severity.WARNING


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("mac.csv", "Naam;Plaats\r\nRenée Öztürk;Sneek\r\n".encode("mac_roman"), "regel 2 zou 'RenŽe'"),
        ("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 200, "de werkmap is beschadigd"),
    ],
)
def test_a_hostile_file_is_refused_in_dutch_and_the_wizard_stays(
    wizard: ImportWizard, qtbot: QtBot, tmp_path: Path, messages: MessageBoxes, db: Database, name: str, data: bytes,
    says: str,
) -> None:  # fmt: skip
    path = tmp_path / name
    path.write_bytes(data)
    wizard.file_page.file_edit.setText(str(path))
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: bool(messages["warning"]))
    assert wizard.currentPage() is wizard.file_page
    assert name in messages["warning"][0] and says in messages["warning"][0]
    assert _count(db) == 0
