"""The "Nieuwe ronde…" dialog: a name, a built-in framework, a procedure and whether assessors see names; creates the
round through the service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.api import Framework, Procedure, RoundSummary, builtin_frameworks, create_round
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.status_colours import text_style

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

ERROR_TEXT = "#a01e1e"  # made readable on the palette in use (text_style)


class NewRoundDialog(QDialog):
    """Emits round_created with the new RoundSummary, then accepts. A refused round keeps the dialog open."""

    round_created = Signal(object)

    def __init__(self, sessions: sessionmaker[Session], actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._actor = actor
        self.created: RoundSummary | None = None
        self.setWindowTitle("Nieuwe ronde")

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("bijv. Jeugdhulp 2026")
        self.name_edit.setMaxLength(200)
        self.name_edit.setMinimumWidth(320)
        self.framework_combo = QComboBox()
        self.procedure_combo = QComboBox()
        for procedure in Procedure:
            self.procedure_combo.addItem(procedure.label, procedure.value)
        # Anonymised assessment is a recognised safeguard of independence (DOMAIN): set once, with the round.
        self.anonymised_check = QCheckBox(
            "Anoniem &beoordelen (beoordelaars zien 'Inschrijving 017' in plaats van de naam)"
        )
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(text_style(ERROR_TEXT))
        self.error_label.setObjectName("new-round-error")
        self.error_label.hide()

        intro = QLabel(
            "Een ronde is één inkoopprocedure met één beoordelingskader. "
            "Het kader en de procedure liggen vast zodra er wordt beoordeeld."
        )
        intro.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self._label("&Naam:", self.name_edit), self.name_edit)
        form.addRow(self._label("&Kader:", self.framework_combo), self.framework_combo)
        form.addRow(self._label("&Procedure:", self.procedure_combo), self.procedure_combo)
        form.addRow("", self.anonymised_check)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Aanmaken")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._load_frameworks()
        self.name_edit.textChanged.connect(self._update_ok)
        self.name_edit.textChanged.connect(lambda _text: self.error_label.hide())
        self._update_ok()
        self.name_edit.setFocus()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _load_frameworks(self) -> None:
        try:
            frameworks: dict[str, Framework] = builtin_frameworks()
        except UserError as exc:
            self.show_error(str(exc))
            frameworks = {}
        for key, framework in frameworks.items():
            self.framework_combo.addItem(f"{framework.name} (versie {framework.version})", key)
            self.framework_combo.setItemData(
                self.framework_combo.count() - 1, framework.description, Qt.ItemDataRole.ToolTipRole
            )
        if not frameworks:
            self.framework_combo.addItem("Geen ingebouwd kader beschikbaar", None)
            self.framework_combo.setEnabled(False)

    def _update_ok(self) -> None:
        has_name = bool(self.name_edit.text().strip())
        self.ok_button.setEnabled(has_name and self.framework_combo.currentData() is not None)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _refused(self, message: str) -> None:
        self.show_error(message)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _create(self) -> None:
        framework = self.framework_combo.currentData()
        if framework is None:
            return
        summary = runner_for(self, self._sessions).run(
            self,
            lambda: create_round(
                self._sessions,
                name=self.name_edit.text(),
                framework=framework,
                procedure=Procedure(self.procedure_combo.currentData()),
                anonymised=self.anonymised_check.isChecked(),
                actor=self._actor,
            ),
            title=self.windowTitle(),
            refused=self._refused,
        )
        if summary is None:
            return
        self.created = summary
        self.round_created.emit(summary)
        self.accept()
