"""One doubt point of a verification interview: the question asked, the answer, whether the answer only clarifies
the registration, the documents requested and received, the outcome (with the adjusted score for a plan criterion)
and its motivation. What still keeps the point from approval shows live below it."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.rounds.api import Framework, Part
from beoordelaar.core.verification.api import PointInput, PointOutcome, PointRow, outcomes_for, point_problems
from beoordelaar.ui.common.status_colours import text_style

CLARIFIES = (("Ja", True), ("Nee", False))
NOT_USABLE = "Het antwoord vult de inschrijving aan of wijzigt haar: het mag niet worden gebruikt."
REQUESTED_HINT = "Welke stukken zijn gevraagd (leeg: geen)"
RECEIVED_HINT = "Wat is ontvangen, en wanneer (bewaar het bestand hiernaast bij de stukken)"
ERROR_TEXT, DONE_TEXT = "#a01414", "#1e6b1e"  # made readable on the palette in use (text_style)


def text_box(name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)  # Tab goes to the next field; the text itself needs no tabs
    height = box.fontMetrics().lineSpacing() * lines + 2 * box.frameWidth() + 10
    box.setFixedHeight(height)
    return box


def problems_html(problems: list[str]) -> str:
    if not problems:
        return "Compleet: klaar voor goedkeuring."
    return "Nog nodig voor goedkeuring: " + "; ".join(problems) + "."


class PointEditor(QGroupBox):
    changed = Signal()

    def __init__(self, point: PointRow, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"point-{point.code}")
        self._point = point
        self._framework = framework
        criterion = framework.criterion(point.code)
        self.setTitle(f"{point.code} · {point.part.label}: {point.title}")

        self.reason_label = QLabel(f"<b>Twijfel:</b> {html.escape(point.reason)}")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question = text_box("Gestelde vraag")
        self.answer = text_box("Antwoord")
        self.clarifies = QComboBox()
        self.clarifies.setAccessibleName("Het antwoord verduidelijkt alleen")
        self.clarifies.setPlaceholderText("– kies –")
        for label, value in CLARIFIES:
            self.clarifies.addItem(label, value)
        self.not_usable = QLabel(NOT_USABLE)
        self.not_usable.setObjectName("not-usable")
        self.not_usable.setWordWrap(True)
        self.not_usable.setStyleSheet(text_style(ERROR_TEXT) + " font-weight: bold;")
        self.requested = QLineEdit()
        self.requested.setAccessibleName("Documenten gevraagd")
        self.requested.setPlaceholderText(REQUESTED_HINT)
        self.received = QLineEdit()
        self.received.setAccessibleName("Documenten ontvangen")
        self.received.setPlaceholderText(RECEIVED_HINT)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Uitkomst")
        self.outcome.setPlaceholderText("– kies –")
        for outcome in outcomes_for(point.part):
            self.outcome.addItem(outcome.label, outcome.value)
        self.score = QComboBox()
        self.score.setAccessibleName("Aangepaste score")
        self.score.setPlaceholderText("– score –")
        if criterion.scale is not None:
            for step in criterion.scale.steps:
                self.score.addItem(f"{step.value} – {step.label}", str(step.value))
        for combo, length in ((self.clarifies, 12), (self.outcome, 12), (self.score, 16)):
            combo.setMinimumContentsLength(length)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.motivation = text_box("Motivering van de uitkomst", lines=2)
        self.problems = QLabel()
        self.problems.setObjectName("point-problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(form, "&Vraag:", self.question)
        self._add_row(form, "A&ntwoord:", self.answer)
        clarifies_row = QHBoxLayout()
        clarifies_row.addWidget(self.clarifies, 0)
        clarifies_row.addWidget(self.not_usable, 1)
        clarifies_row.addStretch(0)
        self._add_row(form, "Het ant&woord verduidelijkt alleen:", clarifies_row, self.clarifies)
        self._add_row(form, "&Documenten gevraagd:", self.requested)
        self._add_row(form, "Documenten ontvangen:", self.received)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.outcome)
        self.score_label = QLabel("Aangepaste &score:")
        self.score_label.setBuddy(self.score)
        outcome_row.addWidget(self.score_label)
        outcome_row.addWidget(self.score)
        outcome_row.addStretch(1)
        self._add_row(form, "Uit&komst:", outcome_row, self.outcome)
        self._add_row(form, "&Motivering:", self.motivation)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        if point.part is not Part.PLAN:
            self.score_label.hide()
            self.score.hide()

        self._fill(point)
        for box in (self.question, self.answer, self.motivation):
            box.textChanged.connect(self._on_change)
        for line in (self.requested, self.received):
            line.textChanged.connect(self._on_change)
        for combo in (self.clarifies, self.outcome, self.score):
            combo.currentIndexChanged.connect(self._on_change)
        self._update()

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QWidget | QHBoxLayout, buddy: QWidget | None = None) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)  # type: ignore[arg-type]
        form.addRow(label, field)

    @property
    def code(self) -> str:
        return self._point.code

    def focus_widgets(self) -> list[QWidget]:
        """The fields in the order Tab visits them."""
        return [self.question, self.answer, self.clarifies, self.requested, self.received, self.outcome, self.score,
                self.motivation]  # fmt: skip

    def _fill(self, point: PointRow) -> None:
        self.question.setPlainText(point.question)
        self.answer.setPlainText(point.answer)
        self.clarifies.setCurrentIndex(self.clarifies.findData(point.only_clarifies) if point.only_clarifies
                                       is not None else -1)  # fmt: skip
        self.requested.setText(point.documents_requested)
        self.received.setText(point.documents_received)
        self.outcome.setCurrentIndex(self.outcome.findData(point.outcome.value) if point.outcome else -1)
        value = point.adjusted_value
        self.score.setCurrentIndex(self.score.findData(str(value)) if value is not None else -1)
        self.motivation.setPlainText(point.motivation)

    def point_input(self) -> PointInput:
        clarifies = self.clarifies.currentData()
        outcome = self.outcome.currentData()
        score = self.score.currentData()
        adjusted = outcome == PointOutcome.ADJUSTED.value and score is not None
        return PointInput(
            code=self._point.code, reason=self._point.reason, question=self.question.toPlainText(),
            answer=self.answer.toPlainText(), only_clarifies=clarifies if isinstance(clarifies, bool) else None,
            documents_requested=self.requested.text(), documents_received=self.received.text(),
            outcome=PointOutcome(outcome) if outcome else None,
            adjusted_value=Decimal(score) if adjusted else None, motivation=self.motivation.toPlainText(),
        )  # fmt: skip

    def problems_list(self) -> list[str]:
        return point_problems(self.point_input(), self._framework)

    def _on_change(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.not_usable.setVisible(self.clarifies.currentData() is False)
        adjusted = self.outcome.currentData() == PointOutcome.ADJUSTED.value
        self.score.setEnabled(adjusted and self.outcome.isEnabled())
        self.score_label.setEnabled(adjusted)
        problems = self.problems_list()
        self.problems.setText(problems_html(problems))
        self.problems.setStyleSheet(text_style(ERROR_TEXT if problems else DONE_TEXT))

    def set_read_only(self, read_only: bool) -> None:
        for box in (self.question, self.answer, self.motivation):
            box.setReadOnly(read_only)
        for line, hint in ((self.requested, REQUESTED_HINT), (self.received, RECEIVED_HINT)):
            line.setReadOnly(read_only)
            line.setPlaceholderText("" if read_only else hint)
        for combo in (self.clarifies, self.outcome):
            combo.setEnabled(not read_only)
        self.score.setEnabled(not read_only and self.outcome.currentData() == PointOutcome.ADJUSTED.value)
        self.problems.setVisible(not read_only)
