"""What the chair enters for the proces-verbaal on the Documenten page: the facts of the procedure (once per round),
the consensus meeting of a registration (who attended, a summary), and the commission's approval. Each dialog runs its
action itself and stays open with the refusal beside its fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.commission.api import list_assessors
from beoordelaar.core.database import Database
from beoordelaar.core.record.api import (
    approve_report,
    facts_as_typed,
    procedure_facts,
    record_consensus_meeting,
    set_procedure_facts,
    typed_facts,
)
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.status_colours import text_style
from beoordelaar.ui.registrations.registrations_model import MISSING_COLOUR

UNKNOWN = "onbekend"


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("form-error")
    label.setWordWrap(True)
    label.setStyleSheet(text_style(MISSING_COLOUR))
    return label


def _text_box(text: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(70)
    return box


class _ActionDialog(QDialog):
    """A dialog whose OK runs its action; a refusal is shown beside the fields and the dialog stays open."""

    TITLE = ""

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.TITLE)
        self._database, self._round_id, self._actor = database, round_id, actor
        self.error = _error_label()
        self.result_row: object | None = None

    def accept(self) -> None:
        self.error.clear()
        done = runner_for(self, self._database.sessions).run(
            self, self.save, title=self.TITLE, refused=self.error.setText
        )
        if done is not None:
            self.result_row = done
            super().accept()

    def save(self) -> object:
        raise NotImplementedError


class ProcedureFactsDialog(_ActionDialog):
    TITLE = "Feiten van de procedure"

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(database, round_id, actor, parent)
        facts = procedure_facts(database.sessions, round_id)
        typed = facts_as_typed(facts)
        self.published = QLineEdit(typed["published_on"])
        self.published.setPlaceholderText("dd-mm-jjjj")
        self.publication = QLineEdit(facts.publication)
        self.publication.setPlaceholderText("bijv. TenderNed, kenmerk 412345")
        self.questions = _text_box(facts.questions, "Vragenrondes")
        self.deadline = QLineEdit(typed["deadline"])
        self.deadline.setPlaceholderText("dd-mm-jjjj uu:mm (lokale tijd)")
        self.received = QSpinBox()
        self.received.setRange(-1, 100_000)
        self.received.setSpecialValueText(UNKNOWN)
        self.received.setValue(-1 if facts.bids_received is None else facts.bids_received)
        self.received.setAccessibleName("Inschrijvingen ontvangen")
        self.late = _text_box(facts.late_bids, "Te laat ontvangen")
        form = QFormLayout()
        form.addRow("&Publicatie:", self.published)
        form.addRow("&Aankondiging:", self.publication)
        form.addRow("&Vragenrondes (nota's van inlichtingen):", self.questions)
        form.addRow("&Sluiting van de inschrijving:", self.deadline)
        form.addRow("Inschrijvingen &ontvangen:", self.received)
        form.addRow("&Te laat ontvangen:", self.late)
        intro = QLabel(
            "Eén keer per ronde: het proces-verbaal begint met deze feiten. Een wijziging blijft in de geschiedenis."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Feiten &vastleggen"))
        self.resize(620, 420)

    def save(self) -> object:
        received = self.received.value()
        facts = typed_facts(
            published_on=self.published.text(), publication=self.publication.text(),
            questions=self.questions.toPlainText(), deadline=self.deadline.text(),
            bids_received=None if received < 0 else received, late_bids=self.late.toPlainText(),
        )  # fmt: skip
        return set_procedure_facts(self._database.sessions, self._round_id, facts, actor=self._actor)


def _member_boxes(database: Database, round_id: int, layout: QVBoxLayout, checked: bool) -> list[QCheckBox]:
    boxes = []
    for member in list_assessors(database.sessions, round_id):
        box = QCheckBox(f"{member.name} ({member.role.label.lower()})")
        box.setProperty("member", member.name)
        box.setChecked(checked)
        layout.addWidget(box)
        boxes.append(box)
    return boxes


class ConsensusMeetingDialog(_ActionDialog):
    TITLE = "Consensusbespreking vastleggen"

    def __init__(
        self, database: Database, round_id: int, number: str, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, round_id, actor, parent)
        self._number = number
        intro = QLabel(f"De consensusbespreking van {number}: wie van de commissie er bij was, en wat er besproken is.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Aanwezig:"))
        self.members = _member_boxes(database, round_id, layout, checked=True)
        self.summary = _text_box("", "Samenvatting van de bespreking")
        self.summary.setPlaceholderText("Wat is gewogen, wat veranderde en waarom")
        label = QLabel("&Samenvatting:", buddy=self.summary)
        layout.addWidget(label)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Bespreking &vastleggen"))
        self.resize(560, 380)

    def save(self) -> object:
        present = [str(box.property("member")) for box in self.members if box.isChecked()]
        return record_consensus_meeting(
            self._database.sessions, self._round_id, self._number, attendees=present,
            summary=self.summary.toPlainText(), actor=self._actor,
        )  # fmt: skip


class ApprovalDialog(_ActionDialog):
    TITLE = "Goedkeuring van het proces-verbaal"

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(database, round_id, actor, parent)
        intro = QLabel(
            f"U ({actor}) legt vast dat de commissie het proces-verbaal heeft gelezen en goedgekeurd, tegen de "
            "geschiedenis van nu. Vink de leden aan die mee goedkeurden. Een latere wijziging staat daarna in het "
            "proces-verbaal, met de vraag het opnieuw goed te keuren."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.members = _member_boxes(database, round_id, layout, checked=False)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "&Goedkeuring vastleggen"))
        self.resize(560, 320)

    def save(self) -> object:
        members = [str(box.property("member")) for box in self.members if box.isChecked()]
        return approve_report(self._database.sessions, self._round_id, members=members, actor=self._actor)
