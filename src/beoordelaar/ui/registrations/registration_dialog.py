"""One registration as it was registered: the organisation, the declared answers per requirement, and the documents,
each to open in the system viewer; and its history."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.registrations.api import DocumentRow, RegistrationDetails, list_documents, registration_details
from beoordelaar.core.text import moment_text
from beoordelaar.ui.common.plain_text import plain, plain_label
from beoordelaar.ui.common.widgets import page_title, record_table
from beoordelaar.ui.record.history_dialog import HistoryDialog
from beoordelaar.ui.registrations.import_wizard import open_document
from beoordelaar.ui.registrations.registration_details_model import (
    AnswerColumn,
    AnswersModel,
    DocumentColumn,
    DocumentsModel,
)


def organisation_fields(details: RegistrationDetails) -> list[tuple[str, str]]:
    """(label, value) of the organisation's details as registered, in reading order."""
    return [
        ("Naam", details.name),
        ("KvK-nummer", details.kvk),
        ("Vestigingsnummer", details.vestigingsnummer),
        ("AGB-code", details.agb),
        ("Adres", details.full_address),
        ("Contactpersoon", details.contact_name),
        ("E-mail", details.email),
        ("Telefoon", details.phone),
        ("Percelen", ", ".join(details.lots)),
        ("Ingediend", moment_text(details.submitted_at)),
    ]


def _table(name: str) -> QTableView:
    return record_table(None, name)


class RegistrationDialog(QDialog):
    def __init__(self, database: Database, round_id: int, registration_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registration-dialog")
        self._database = database
        self.details = registration_details(database.sessions, round_id, registration_id)
        self.history_dialog: HistoryDialog | None = None
        d = self.details
        self.setWindowTitle(f"Inschrijving {d.number} – {d.name}")

        organisation = QGroupBox("Organisatie, zoals ingeschreven")
        grid = QGridLayout(organisation)
        grid.setHorizontalSpacing(12)
        fields = organisation_fields(d)
        half = (len(fields) + 1) // 2
        self.field_labels: dict[str, QLabel] = {}
        for position, (label, value) in enumerate(fields):
            row, column = position % half, 2 * (position // half)
            value_label = plain_label(value or "—")
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value_label.setAccessibleName(label)
            grid.addWidget(QLabel(f"{label}:"), row, column)
            grid.addWidget(value_label, row, column + 1)
            self.field_labels[label] = value_label
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.answers_model = AnswersModel(self)
        self.answers_model.set_rows(d.answers)
        self.answers = _table("Opgaven per eis")
        self.answers.setObjectName("registration-answers")
        self.answers.setModel(self.answers_model)
        self.answers.horizontalHeader().setSectionResizeMode(AnswerColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        answers_box = QGroupBox(f"&Opgaven per eis ({len(d.answers)})")
        QVBoxLayout(answers_box).addWidget(self.answers)

        documents = list_documents(database, registration_id)
        self.documents_model = DocumentsModel(self)
        self.documents_model.set_rows(documents)
        self.documents = _table("Documenten")
        self.documents.setObjectName("registration-documents")
        self.documents.setModel(self.documents_model)
        self.documents.horizontalHeader().setSectionResizeMode(DocumentColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.documents.activated.connect(self._open_index)
        self.open_buttons: list[QPushButton] = []
        for row, document in enumerate(documents):
            self.open_buttons.append(self._open_button(row, document))
        missing = sum(doc.missing for doc in documents)
        documents_title = f"&Documenten ({len(documents)}{f', {missing} ontbreekt' if missing else ''})"
        documents_box = QGroupBox(documents_title)
        documents_layout = QVBoxLayout(documents_box)
        documents_layout.addWidget(self.documents)
        if not documents:
            documents_layout.addWidget(QLabel("Bij deze inschrijving zijn geen documenten aangeleverd."))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(answers_box)
        splitter.addWidget(documents_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self._splitter = splitter

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        self.history_button = buttons.addButton("&Geschiedenis…", QDialogButtonBox.ButtonRole.ActionRole)
        self.history_button.setToolTip("Elke wijziging aan deze inschrijving: wie, wanneer, wat, voor en na")
        self.history_button.clicked.connect(self.open_history)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(f"{d.number} – {d.name}"))
        layout.addWidget(organisation)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(980, 660)
        rows = self.documents.verticalHeader().defaultSectionSize() * max(2, min(len(documents), 6))
        splitter.setSizes([400, rows + self.documents.horizontalHeader().sizeHint().height() + 60])
        self.answers.setFocus()

    def _open_button(self, row: int, document: DocumentRow) -> QPushButton:
        button = QPushButton("Openen")
        button.setAutoDefault(False)
        button.setAccessibleName(f"{document.file_name} openen")
        if document.missing:
            button.setEnabled(False)
            button.setToolTip("Het bestand is niet aangeleverd")
        else:
            button.setToolTip(plain(f"{document.file_name} openen in de standaardviewer"))
        button.clicked.connect(lambda _checked=False, doc=document.id: self.open_document(doc))
        self.documents.setIndexWidget(self.documents_model.index(row, DocumentColumn.OPEN), button)
        return button

    def _open_index(self, index: QModelIndex) -> None:
        document: DocumentRow = self.documents_model.rows()[index.row()]
        self.open_document(document.id)

    def open_document(self, document_id: int) -> bool:
        return open_document(self._database, document_id, self)

    def open_history(self) -> HistoryDialog:
        if self.history_dialog is not None:
            self.history_dialog.deleteLater()
        d = self.details
        self.history_dialog = HistoryDialog(self._database, d.round_id, d.number, d.name, self)
        self.history_dialog.open()
        return self.history_dialog
