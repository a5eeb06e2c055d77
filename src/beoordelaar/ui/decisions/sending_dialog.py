"""Verzending vastleggen: the day the newest letter to a registration was sent, and how (e-mail or post)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.decisions.api import Channel, SendingRow
from beoordelaar.core.text import long_date


def _intro(letter: SendingRow) -> str:
    text = f"Brief {letter.kenmerk} (versie {letter.version}) aan {letter.provider}."
    if letter.planned_sending is not None:
        text += f" De brief vermeldt als verzenddatum {long_date(letter.planned_sending)}"
        if letter.stated_end is not None:
            text += f" en een opschortende termijn tot en met {long_date(letter.stated_end)}"
        text += (
            ". Is hij op een andere dag verzonden, maak de brief dan opnieuw voor de dag waarop hij verzonden wordt."
        )
    return text


class SendingDialog(QDialog):
    def __init__(self, letter: SendingRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verzending vastleggen")
        intro = QLabel(_intro(letter))
        intro.setWordWrap(True)
        today = QDate.currentDate()
        planned = QDate(letter.planned_sending) if letter.planned_sending is not None else today
        self.day = QDateEdit(min(planned, today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setMaximumDate(today)  # a sending is recorded once it happened
        self.day.setAccessibleName("Verzonden op")
        self.channel = QComboBox()
        self.channel.setAccessibleName("Verzonden per")
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Verzending &vastleggen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Verzonden &op:", self.day)
        form.addRow("Verzonden &per:", self.channel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(480, 200)

    def chosen(self) -> tuple[date, Channel]:
        return self.day.date().toPython(), Channel(self.channel.currentData())  # type: ignore[return-value]
