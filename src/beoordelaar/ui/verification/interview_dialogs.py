"""The small dialogs of the verification screen: marking a doubt, planning an interview, approving a record."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.rounds.api import Part
from beoordelaar.core.verification.api import (
    Attendee,
    InterviewRecord,
    VerificationContext,
    mark_for_verification,
    plan_interview,
    suggested_interview_moment,
)
from beoordelaar.ui.common.background import runner_for, show_refusal
from beoordelaar.ui.common.status_colours import text_style

DATE_TIME_FORMAT = "dd-MM-yyyy HH:mm"
TITLE = "Verificatie"


def show_inline(label: QLabel, text: str) -> None:
    """A refusal shown in the dialog, beside the fields; the dialog stays open."""
    label.setText(text)
    label.show()


def date_time_edit(value: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATE_TIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateTime(QDateTime(value) if value else QDateTime.currentDateTime())
    return edit


def edited_moment(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MarkDoubtDialog(QDialog):
    """Twijfel markeren: which registration, which requirement or plan criterion, and why (required)."""

    def __init__(self, database: Database, actor: str, context: VerificationContext, registration: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._context = context
        self.setWindowTitle("Twijfel markeren")
        self.registration = QComboBox()
        self.registration.setAccessibleName("Inschrijving")
        for choice in context.registrations:
            self.registration.addItem(f"{choice.number} – {choice.label}", choice.number)
        if registration is not None:
            self.registration.setCurrentIndex(max(0, self.registration.findData(registration)))
        self.criterion = QComboBox()
        self.criterion.setAccessibleName("Eis of criterium")
        for criterion in context.framework.criteria:
            if criterion.part is Part.PLAN and not context.plan_doubts:
                continue
            self.criterion.addItem(f"{criterion.code} · {criterion.part.label}: {criterion.title}", criterion.code)
        self.criterion.setMaximumWidth(640)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reden")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Wat is onduidelijk, en waarom: dit punt komt zo in het gesprek.")
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 14)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style("#a01414"))
        self.error.hide()
        only = "" if context.plan_doubts else " In Open House gaat het gesprek alleen over de eisen."
        note = QLabel("Een verificatiegesprek mag de inschrijving alleen verduidelijken. Noem elk onduidelijk punt "
                      f"met de reden, pas als alle inschrijvingen binnen zijn.{only}")  # fmt: skip
        note.setWordWrap(True)

        form = QFormLayout()
        for text, widget in (("&Inschrijving:", self.registration), ("&Eis of criterium:", self.criterion),
                             ("&Reden:", self.reason)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Twijfel &markeren"))
        self.setMinimumWidth(720)

    def accept(self) -> None:
        sessions = self._database.sessions
        round_id, registration, code = (
            self._context.round_id,
            self.registration.currentData(),
            self.criterion.currentData(),
        )
        reason = self.reason.toPlainText()
        if runner_for(self, sessions).perform(
            self,
            lambda: mark_for_verification(sessions, round_id, registration, code, reason, actor=self._actor),
            title=self.windowTitle(), refused=lambda text: show_inline(self.error, text),
        ):  # fmt: skip
            super().accept()


class PlanInterviewDialog(QDialog):
    """Gesprek plannen with one provider: when and where; the points come from its open doubts."""

    def __init__(self, database: Database, actor: str, context: VerificationContext, numbers: list[str],
                 chosen: str | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._context = context
        self.record: InterviewRecord | None = None
        self.setWindowTitle("Verificatiegesprek plannen")
        labels = {c.number: c.label for c in context.registrations}
        self.registration = QComboBox()
        self.registration.setAccessibleName("Inschrijving")
        for number in numbers:
            self.registration.addItem(f"{number} – {labels.get(number, '')}", number)
        if chosen is not None:
            self.registration.setCurrentIndex(max(0, self.registration.findData(chosen)))
        self.planned = date_time_edit(suggested_interview_moment(datetime.now()))
        self.planned.setAccessibleName("Gepland op")
        self.location = QLineEdit()
        self.location.setAccessibleName("Plaats of videolink")
        self.location.setPlaceholderText("Bijvoorbeeld: Stadskantoor, kamer 2.14 – of de link van het videogesprek")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style("#a01414"))
        self.error.hide()
        form = QFormLayout()
        for text, widget in (("&Inschrijving:", self.registration), ("Gepland &op:", self.planned),
                             ("&Plaats of videolink:", self.location)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("De twijfelpunten van de inschrijving komen vanzelf in het verslag."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "&Plannen"))
        self.setMinimumWidth(560)
        self.location.setFocus()  # the registration is chosen and a date proposed: where is what remains

    def accept(self) -> None:
        chair = self._context.chair
        attendees = [Attendee(chair, "Voorzitter beoordelingscommissie", "region")] if chair else []
        sessions = self._database.sessions
        self.record = runner_for(self, sessions).run(
            self,
            lambda: plan_interview(sessions, self._context.round_id, self.registration.currentData(),
                                   planned_at=edited_moment(self.planned), location=self.location.text(),
                                   attendees=attendees, actor=self._actor),
            title=self.windowTitle(), refused=lambda text: show_inline(self.error, text),
        )  # fmt: skip
        if self.record is not None:
            super().accept()


class ApproveDialog(QDialog):
    """Goedkeuren: the chair and the commission members present approve the record, which then locks."""

    def __init__(self, record: InterviewRecord, context: VerificationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verslag goedkeuren")
        text = QLabel(
            f"U keurt het verslag van het verificatiegesprek met <b>{record.label}</b> ({record.registration}) goed. "
            "De uitkomsten worden dan toegepast (een nieuw oordeel of een bevestigde of aangepaste score, met "
            "verwijzing naar dit gesprek) en het verslag wordt vastgelegd: daarna kan het alleen nog met een "
            "correctie (nieuwe revisie) worden gewijzigd."
        )
        text.setWordWrap(True)
        self.chair = QLineEdit(context.chair or "")
        self.chair.setAccessibleName("Voorzitter")
        present = {a.name for a in record.attendees if a.side == "region"}
        self.members: list[QCheckBox] = []
        box = QGroupBox("Aanwezige commissieleden die mede goedkeuren")
        members_layout = QVBoxLayout(box)
        for name in context.members:
            check = QCheckBox(name)
            check.setChecked(name in present)
            self.members.append(check)
            members_layout.addWidget(check)
        if not context.members:
            members_layout.addWidget(QLabel("Deze ronde heeft geen andere commissieleden."))
        form = QFormLayout()
        label = QLabel("&Voorzitter:")
        label.setBuddy(self.chair)
        form.addRow(label, self.chair)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(_buttons(self, "&Goedkeuren"))
        self.setMinimumWidth(560)
        self.chair.setFocus()

    def members_present(self) -> list[str]:
        return [check.text() for check in self.members if check.isChecked()]

    def accept(self) -> None:
        if not self.chair.text().strip():
            show_refusal(self, "Vul de naam van de voorzitter in.", "Verslag goedkeuren")
            return
        super().accept()
