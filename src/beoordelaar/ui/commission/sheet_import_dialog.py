"""Spreadsheet inlezen: the members' scores or checks from one sheet (csv or xlsx), the same as `scores import` and
`checks import`. The whole sheet or nothing: a refused sheet keeps the dialog open with every finding (row, column,
value, reason) to correct in the sheet and read again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.scoring.api import import_check_sheet, import_score_sheet
from beoordelaar.ui.commission.exchange_files import exchange_folder, remember_folder
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.registrations.import_wizard import SPREADSHEETS

TITLE = "Spreadsheet inlezen"
COLUMNS = {
    True: "Kolommen: beoordelaar, inschrijving, criterium, oordeel (akkoord, niet-akkoord of twijfel), toelichting "
    "(verplicht bij niet-akkoord en twijfel).",
    False: "Kolommen: beoordelaar, inschrijving, criterium, score, motivering.",
}


class SheetImportDialog(QDialog):
    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database, self._round_id, self._actor = database, round_id, actor
        self.result_text = ""
        self.scores = QRadioButton("&Scores van het plan van aanpak")
        self.checks = QRadioButton("&Toetsingen van uitsluitingsgronden en eisen")
        self.checks.setChecked(True)
        self.columns = QLabel(COLUMNS[True])
        self.columns.setWordWrap(True)
        self.checks.toggled.connect(lambda checks: self.columns.setText(COLUMNS[checks]))
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName("Spreadsheet")
        self.file_edit.textChanged.connect(self._update_ok)
        file_label = QLabel("&Bestand:")
        file_label.setBuddy(self.file_edit)
        browse = QPushButton("B&laderen…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        note = QLabel(
            "Het hele blad wordt eerst gecontroleerd zoals bij invoer per kaart: bij één fout wordt niets ingelezen en "
            "staat hieronder elke fout met rij en kolom. Opnieuw inlezen verandert alleen wat anders is."
        )
        note.setWordWrap(True)
        self.findings = QPlainTextEdit()
        self.findings.setObjectName("sheet-findings")
        self.findings.setReadOnly(True)
        self.findings.setAccessibleName("Fouten in het blad")
        self.findings.setMinimumHeight(140)
        self.findings.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Inlezen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._read)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checks)
        layout.addWidget(self.scores)
        layout.addWidget(self.columns)
        layout.addLayout(file_row)
        layout.addWidget(note)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update_ok()
        self.file_edit.setFocus()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.file_edit.text().strip()))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, TITLE, str(exchange_folder()), SPREADSHEETS)
        if chosen:
            self.file_edit.setText(chosen)

    def _read(self) -> None:
        path = Path(self.file_edit.text().strip())
        checks = self.checks.isChecked()
        read, what = (import_check_sheet, "toetsingen") if checks else (import_score_sheet, "scores")
        sessions = self._database.sessions
        result = runner_for(self, sessions).run_long(
            self, f"{what.capitalize()} inlezen…",
            lambda progress: read(sessions, self._round_id, path, actor=self._actor, progress=progress),
            title=TITLE, cancellable=False, refused=self._refused,
        )  # fmt: skip
        if result is None:
            return
        remember_folder(path)
        self.result_text = (
            f"{result.rows} {what} gelezen uit {path.name}: {result.created} nieuw of gewijzigd, "
            f"{result.unchanged} ongewijzigd."
        )
        self.accept()

    def _refused(self, text: str) -> None:
        self.findings.setPlainText(text)
        self.findings.show()
