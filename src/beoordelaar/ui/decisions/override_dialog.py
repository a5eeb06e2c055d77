"""Afwijken van het voorstel: the chair chooses another outcome and must say why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.decisions.api import OVERRIDE_MIN_LENGTH, DecisionRow
from beoordelaar.core.rounds.api import Outcome
from beoordelaar.core.scoring.api import motivation_shortfall


class OverrideDialog(QDialog):
    def __init__(self, row: DecisionRow, outcomes: tuple[Outcome, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Afwijken van het voorstel")
        proposed = row.proposed_outcome.label if row.proposed_outcome else "geen"
        intro = QLabel(
            f"Inschrijving {row.number} ({row.provider}). Voorstel volgens de regels: <b>{proposed}</b>. "
            "Een afwijking wordt met uw motivering vastgelegd; het voorstel blijft zichtbaar."
        )
        intro.setWordWrap(True)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Besluit")
        for outcome in outcomes:
            if row.outcome is None or outcome is not row.outcome:
                self.outcome.addItem(outcome.label, outcome.value)
        self.motivation = QPlainTextEdit()
        self.motivation.setAccessibleName("Motivering")
        self.motivation.setPlaceholderText("Waarom besluit u anders dan de regels voorstellen?")
        self.hint = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Afwijking &vastleggen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Besluit:", self.outcome)
        form.addRow("&Motivering:", self.motivation)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.motivation.textChanged.connect(self._update)
        self._update()
        self.resize(520, 320)

    def chosen(self) -> tuple[Outcome, str]:
        return Outcome(self.outcome.currentData()), self.motivation.toPlainText().strip()

    def _update(self) -> None:
        missing = motivation_shortfall(self.motivation.toPlainText(), OVERRIDE_MIN_LENGTH)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing and self.outcome.count() > 0)
        self.hint.setText(f"De motivering is verplicht (nog minstens {missing} tekens)." if missing else "")
