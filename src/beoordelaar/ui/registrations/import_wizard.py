"""The import wizard: choose a file, check the column mapping, preview what happens with its findings, import.

Reading, checking and importing run on a worker thread behind a progress dialog with a cancel button; results come
back on the UI thread. Nothing changes before the last step, and then in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.api import (
    ColumnMapping,
    ImportResult,
    LoadedExport,
    RowOutcome,
    Severity,
    apply_import,
    document_for_viewing,
    load_export,
    preview_import,
    save_mapping,
    write_findings_xlsx,
)
from beoordelaar.core.text import count_text
from beoordelaar.ui.common.background import Progress, runner_for, show_refusal
from beoordelaar.ui.common.plain_text import plain, plain_label
from beoordelaar.ui.registrations.import_findings_model import FindingsFilter, FindingsModel

T = TypeVar("T")
TITLE = "Inschrijvingen importeren"
SPREADSHEETS = "Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;Alle bestanden (*)"
NOT_USED = "(niet gebruiken)"
MAPPING_FILES = "Kolomindeling (*.json);;Alle bestanden (*)"


def run_long(parent: QWidget, database: Database, label: str, job: Callable[[Progress], T]) -> T | None:
    """The window's runner, under the wizard's title."""
    return runner_for(parent, database.sessions).run_long(parent, label, job, title=TITLE)


def open_document(database: Database, document_id: int, parent: QWidget | None = None) -> bool:
    """Open a registration's document in the system viewer; a missing document gets a Dutch message."""
    try:
        path = document_for_viewing(database, document_id)
    except UserError as exc:
        show_refusal(parent, exc, "Document openen")
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ImportWizard(QWizard):
    """Inschrijvingen importeren: bestand, kolommen, voorbeeld, importeren."""

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.round_id = round_id
        self.actor = actor
        self.export: LoadedExport | None = None
        self.mapping: ColumnMapping | None = None
        self.preview: ImportResult | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.NextButton, "Volgende >"),
            (QWizard.WizardButton.BackButton, "< Vorige"),
            (QWizard.WizardButton.CancelButton, "Annuleren"),
            (QWizard.WizardButton.FinishButton, "Voltooien"),
            (QWizard.WizardButton.CommitButton, "Importeren"),
            (QWizard.WizardButton.HelpButton, "Help"),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.done_page):
            self.addPage(page)
        self.resize(900, 640)

    @property
    def documents_dir(self) -> Path | None:
        text = self.file_page.documents_edit.text().strip()
        return Path(text) if text else None

    def run_preview(self, only_valid_rows: bool) -> bool:
        export, mapping = self.export, self.mapping
        assert export is not None and mapping is not None
        preview = run_long(
            self,
            self.database,
            "Inschrijvingen controleren…",
            lambda progress: preview_import(
                self.database.sessions,
                self.round_id,
                export,
                mapping,
                documents_dir=self.documents_dir,
                only_valid_rows=only_valid_rows,
                progress=progress,
            ),
        )
        if preview is None:
            return False
        self.preview = preview
        return True


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Bestand kiezen")
        self.setSubTitle(
            "Kies de export van TenderNed, Negometrix of een eigen spreadsheet (xlsx, xls of csv), en zo mogelijk "
            "de map met de plannen van aanpak."
        )
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("file_edit")
        self.file_edit.setPlaceholderText("Pad naar de export")
        self.documents_edit = QLineEdit()
        self.documents_edit.setObjectName("documents_edit")
        self.documents_edit.setPlaceholderText("Map met de documenten (mag leeg blijven)")
        browse_file = QPushButton("&Bladeren…")
        browse_file.clicked.connect(self._choose_file)
        browse_folder = QPushButton("B&laderen…")
        browse_folder.clicked.connect(self._choose_folder)
        grid = QGridLayout(self)
        grid.addWidget(QLabel("&Export:"), 0, 0)
        grid.addWidget(self.file_edit, 0, 1)
        grid.addWidget(browse_file, 0, 2)
        grid.addWidget(QLabel("&Documentenmap:"), 1, 0)
        grid.addWidget(self.documents_edit, 1, 1)
        grid.addWidget(browse_folder, 1, 2)
        for row, edit in ((0, self.file_edit), (1, self.documents_edit)):
            label = grid.itemAtPosition(row, 0).widget()
            if isinstance(label, QLabel):
                label.setBuddy(edit)
        hint = QLabel("Er verandert nog niets: u ziet eerst welke kolommen herkend zijn en wat de import zou doen.")
        hint.setWordWrap(True)
        grid.addWidget(hint, 2, 0, 1, 3)
        grid.setRowStretch(3, 1)
        self.registerField("file*", self.file_edit)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Export kiezen", self.file_edit.text(), SPREADSHEETS)
        if path:
            self.file_edit.setText(path)
            if not self.documents_edit.text():
                folder = Path(path).parent / "plannen"
                if folder.is_dir():
                    self.documents_edit.setText(str(folder))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Documentenmap kiezen", self.documents_edit.text())
        if path:
            self.documents_edit.setText(path)

    def validatePage(self) -> bool:
        path = Path(self.file_edit.text().strip())
        folder = self._wizard.documents_dir
        if folder is not None and not folder.is_dir():
            show_refusal(self, f"De documentenmap {folder} bestaat niet.", TITLE)
            return False
        wizard = self._wizard
        export = run_long(
            self,
            wizard.database,
            f"{path.name} lezen…",
            lambda progress: load_export(wizard.database.sessions, wizard.round_id, path, progress),
        )
        if export is None:
            return False
        wizard.export = export
        wizard.mapping = export.mapping
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Kolommen koppelen")
        self.setSubTitle("Controleer per kolom wat erin staat. Pas een keuze aan als de kolom verkeerd herkend is.")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.combos: list[QComboBox] = []
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._body)
        self.load_button = QPushButton("Kolomindeling &laden…")
        self.load_button.setToolTip(
            "Een eerder opgeslagen kolomindeling (JSON) gebruiken, bijvoorbeeld die van het platform"
        )
        self.load_button.clicked.connect(self.load_mapping)
        self.save_button = QPushButton("Kolomindeling op&slaan…")
        self.save_button.setToolTip("Deze koppeling bewaren voor een volgende export, ook voor import --mapping")
        self.save_button.clicked.connect(self.save_mapping)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.load_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scroll)
        layout.addLayout(bar)

    def initializePage(self) -> None:
        export = self._wizard.export
        assert export is not None
        mapping = self._wizard.mapping or export.mapping
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone at once, not only when the event loop deletes it
                item.widget().deleteLater()
        self.combos = []
        for column, text in enumerate(("Kolom in het bestand", "Voorbeeld", "Betekent")):
            label = QLabel(f"<b>{text}</b>")
            self._grid.addWidget(label, 0, column)
        for i, header in enumerate(export.table.headers):
            example = next((r.cells[i] for r in export.table.rows if r.cells[i].strip()), "")
            combo = QComboBox()
            combo.setObjectName(f"mapping_{i}")
            combo.addItem(NOT_USED, None)
            for target, label in export.labels.items():
                combo.addItem(label, target)
            target = mapping.targets[i]
            combo.setCurrentIndex(max(0, combo.findData(target)) if target else 0)
            combo.currentIndexChanged.connect(lambda _index, column=i: self._changed(column))
            header_label = plain_label(header)
            header_label.setBuddy(combo)
            example_label = plain_label(example[:60] + ("…" if len(example) > 60 else ""))
            example_label.setToolTip(plain(example[:1000]))
            self._grid.addWidget(header_label, i + 1, 0)
            self._grid.addWidget(example_label, i + 1, 1)
            self._grid.addWidget(combo, i + 1, 2)
            self.combos.append(combo)
        self._grid.setRowStretch(len(export.table.headers) + 1, 1)
        known = sum(1 for t in mapping.targets if t)
        if export.mapping_file is not None:
            source = f"De kolomindeling uit {export.mapping_file} is gebruikt."
        elif export.remembered:
            source = "De kolomindeling van een eerdere import van een bestand met dezelfde kolommen is overgenomen."
        else:
            source = f"{known} van de {len(mapping.targets)} kolommen zijn herkend."
        rows = f"{len(export.table.rows)} rijen" if export.long is None else f"gelezen als {export.shape_text}"
        self.note.setText(f"{export.path.name}: kopregel op rij {export.table.header_row}, {rows}. {source}")

    def load_mapping(self) -> bool:
        wizard = self._wizard
        export = wizard.export
        assert export is not None
        chosen, _ = QFileDialog.getOpenFileName(self, "Kolomindeling laden", str(export.path.parent), MAPPING_FILES)
        if not chosen:
            return False
        loaded = run_long(
            self,
            wizard.database,
            f"{export.path.name} lezen met {Path(chosen).name}…",
            lambda progress: load_export(
                wizard.database.sessions, wizard.round_id, export.path, progress, Path(chosen)
            ),
        )
        if loaded is None:
            return False
        wizard.export = loaded
        wizard.mapping = loaded.mapping
        self.initializePage()
        return True

    def save_mapping(self) -> bool:
        export = self._wizard.export
        assert export is not None
        suggested = str(export.path.with_name(export.path.stem + "-kolomindeling.json"))
        chosen, _ = QFileDialog.getSaveFileName(self, "Kolomindeling opslaan", suggested, MAPPING_FILES)
        if not chosen:
            return False
        path = Path(chosen if chosen.lower().endswith(".json") else chosen + ".json")
        try:
            save_mapping(path, export, self.current_mapping())
        except UserError as exc:
            show_refusal(self, exc, TITLE)
            return False
        return True

    def _changed(self, column: int) -> None:
        target = self.combos[column].currentData()
        if target is None:
            return
        for i, combo in enumerate(self.combos):
            if i != column and combo.currentData() == target:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)  # one column per meaning: the other one is let go
                combo.blockSignals(False)

    def current_mapping(self) -> ColumnMapping:
        export = self._wizard.export
        assert export is not None
        return ColumnMapping(export.table.headers, tuple(combo.currentData() for combo in self.combos))

    def set_target(self, column: int, target: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(target) if target else 0)

    def validatePage(self) -> bool:
        self._wizard.mapping = self.current_mapping()
        return self._wizard.run_preview(only_valid_rows=False)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Voorbeeld")
        self.setSubTitle("Zo zou de import uitpakken. Er is nog niets veranderd.")
        self.setCommitPage(True)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.only_valid = QCheckBox("Alleen de rijen zonder fouten importeren (rijen met fouten overslaan)")
        self.only_valid.toggled.connect(self._recompute)
        self.filter_combo = QComboBox()
        self.filter_combo.addItem("Alle bevindingen", None)
        self.filter_combo.addItem("Alleen fouten", Severity.ERROR)
        self.filter_combo.addItem("Alleen waarschuwingen", Severity.WARNING)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_severity(self.filter_combo.currentData())
        )
        self.table = QTableView()
        self.table.setObjectName("findings")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton("Bevindingen &opslaan…")
        self.save_button.clicked.connect(self.save_findings)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("&Tonen:"))
        bar.itemAt(0).widget().setBuddy(self.filter_combo)
        bar.addWidget(self.filter_combo)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.status)
        layout.addWidget(self.only_valid)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _filter_changed(self, _index: int) -> None:
        self.proxy.set_severity(self.filter_combo.currentData())

    def initializePage(self) -> None:
        self.only_valid.blockSignals(True)
        self.only_valid.setChecked(False)
        self.only_valid.blockSignals(False)
        self._show()

    def _recompute(self, checked: bool) -> None:
        self._wizard.run_preview(only_valid_rows=checked)
        self._show()

    def _show(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        self.counts.setText(_counts_text(preview))
        errors = len(preview.errors)
        self.only_valid.setEnabled(errors > 0)
        if preview.refused:
            self.status.setText(
                f"<b>Zo wordt er niets geïmporteerd:</b> {count_text(errors, 'fout', 'fouten')}. Herstel de export, "
                "pas de koppeling aan, of kies hieronder om alleen de rijen zonder fouten te importeren."
            )
        elif errors:
            self.status.setText(f"Rijen met fouten ({errors}) worden overgeslagen; de andere worden geïmporteerd.")
        else:
            self.status.setText("Geen fouten. Klik op Importeren om de inschrijvingen in één keer op te slaan.")
        self.model.set_findings(preview.findings)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.save_button.setEnabled(bool(preview.findings))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        preview = self._wizard.preview
        return preview is not None and not preview.refused

    def save_findings(self) -> bool:
        preview = self._wizard.preview
        if preview is None:
            return False
        suggested = str(Path(self._wizard.export.path).with_name(Path(preview.source).stem + "-bevindingen.xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, "Bevindingen opslaan", suggested, "Excel-werkmap (*.xlsx)")
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        rows = [(f.severity.label, f.row, f.column, f.value, f.message) for f in preview.findings]
        try:
            write_findings_xlsx(Path(path), preview.source, rows)
        except UserError as exc:
            show_refusal(self, exc, TITLE)
            return False
        return True

    def validatePage(self) -> bool:
        wizard = self._wizard
        export, mapping = wizard.export, wizard.mapping
        assert export is not None and mapping is not None
        only_valid = self.only_valid.isChecked()
        result = run_long(
            self,
            wizard.database,
            "Inschrijvingen importeren…",
            lambda progress: apply_import(
                wizard.database,
                wizard.round_id,
                export,
                actor=wizard.actor,
                mapping=mapping,
                documents_dir=wizard.documents_dir,
                only_valid_rows=only_valid,
                progress=progress,
            ),
        )
        if result is None:
            return False
        if result.refused:
            wizard.preview = result
            self._show()
            show_refusal(self, "De import is geweigerd: er zijn fouten. Er is niets veranderd.", TITLE)
            return False
        wizard.result = result
        return True


class DonePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Geïmporteerd")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self._wizard.result
        if result is None:
            return
        self.summary.setText(
            f"{result.source} is geïmporteerd. {_counts_text(result)}\n\n"
            "Elke wijziging staat in de audittrail. Scores, toetsen en besluiten zijn niet aangeraakt."
        )


def _counts_text(result: ImportResult) -> str:
    return (
        f"Nieuw: {result.count(RowOutcome.CREATED)} · Bijgewerkt: {result.count(RowOutcome.UPDATED)} · "
        f"Ongewijzigd: {result.count(RowOutcome.UNCHANGED)} · Overgeslagen: {result.count(RowOutcome.SKIPPED)} · "
        f"Fouten: {len(result.errors)} · Waarschuwingen: {len(result.warnings)}"
    )
