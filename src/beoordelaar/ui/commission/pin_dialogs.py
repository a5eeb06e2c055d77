"""A member's own PIN on the chair's computer: typed to start Beoordelen als… and (the chair's) to come back to the
chair's pages, or chosen (twice) by a member who has none yet. The PIN is never shown; a wrong one keeps the dialog
open with the reason, and nothing behind it is shown. The core counts and audits every wrong try."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from beoordelaar.core.commission.api import (
    MAX_WRONG_TRIES,
    MIN_PIN,
    MemberProof,
    pin_status,
    set_member_pin,
    unlock_member,
)
from beoordelaar.core.database import Database
from beoordelaar.ui.commission.member_dialogs import FormDialog, buddy_label
from beoordelaar.ui.common.background import runner_for, show_refusal

LOCKED = (
    "De PIN van {name} is geblokkeerd na {tries} foute pogingen achter elkaar. De voorzitter kan hem wissen met "
    "PIN wissen… op de pagina Beoordelen; daarna kiest {name} een nieuwe."
)


@dataclass(frozen=True)
class PinTexts:
    """What the dialogs say for one purpose: the window title, the text above the field for a member who has a PIN
    (ask) and for one who chooses it now (choose), and the OK button."""

    title: str
    ask: str
    choose: str
    ok: str = "&OK"


def member_texts(name: str) -> PinTexts:
    who = f"<b>{html.escape(name)}</b>"
    return PinTexts(
        title=f"Beoordelen als {name}",
        ask=f"{who}, typ uw eigen PIN. Daarna ziet u alleen uw eigen werk.",
        choose=(
            f"{who} heeft nog geen PIN. Kies zelf een PIN of wachtwoord van minstens {MIN_PIN} tekens en typ die twee "
            "keer; niemand anders ziet hem. Daarmee beoordeelt u voortaan op deze computer."
        ),
        ok="&Beoordelen",
    )


def chair_first_texts(chair: str) -> PinTexts:
    return PinTexts(
        title="PIN van de voorzitter",
        ask="",
        choose=(
            f"Voordat een lid op deze computer beoordeelt, kiest u als voorzitter (<b>{html.escape(chair)}</b>) uw "
            f"eigen PIN, van minstens {MIN_PIN} tekens. Alleen met die PIN komt u daarna terug op uw eigen pagina's."
        ),
        ok="&Instellen",
    )


def chair_return_texts(chair: str) -> PinTexts:
    who = f"<b>{html.escape(chair)}</b>"
    return PinTexts(
        title="Stoppen met beoordelen",
        ask=(
            f"Terug naar de pagina's van de voorzitter: {who}, typ uw eigen PIN. "
            "Wie verder beoordeelt, kiest Annuleren."
        ),
        choose=(
            f"Terug naar de pagina's van de voorzitter: {who} heeft nog geen PIN. Kies die nu, van minstens "
            f"{MIN_PIN} tekens, en typ hem twee keer."
        ),
        ok="&Terug",
    )


def _pin_field() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    edit.setMinimumWidth(240)
    return edit


class _PinForm(FormDialog):
    """The form of both dialogs: a text above, the PIN field(s), the proof once the core took the PIN."""

    def __init__(self, database: Database, round_id: int, actor: str, name: str, intro: str, texts: PinTexts,
                 parent: QWidget | None) -> None:  # fmt: skip
        super().__init__(texts.title, texts.ok, parent)
        self._database, self._round_id, self._actor, self.name = database, round_id, actor, name
        self.proof: MemberProof | None = None
        self.intro = QLabel(intro)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.intro.setWordWrap(True)
        self.layout_.insertWidget(0, self.intro)
        self.pin_edit = _pin_field()
        self.pin_edit.setAccessibleName(f"PIN van {name}")

    def _refused(self, message: str) -> None:
        """A refusal beside the field; the field(s) emptied, the focus back in the first."""
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        self.show_error(message)
        self.adjustSize()  # room for the reason, however many lines it takes
        self.pin_edit.setFocus()


class PinDialog(_PinForm):
    """A member's own PIN, to unlock: accepted with the proof; a wrong one is refused beside the field."""

    def __init__(self, database: Database, round_id: int, actor: str, name: str, texts: PinTexts,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(database, round_id, actor, name, texts.ask, texts, parent)
        self.form.addRow(buddy_label("&PIN:", self.pin_edit), self.pin_edit)
        self.pin_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.ok_button.setEnabled(False)
        self.pin_edit.setFocus()

    def _apply(self) -> None:
        pin = self.pin_edit.text()
        sessions = self._database.sessions
        proof = runner_for(self, sessions).run(
            self, lambda: unlock_member(sessions, self._round_id, self.name, pin, actor=self._actor),
            title=self.windowTitle(), refused=self._refused,
        )  # fmt: skip
        if proof is not None:
            self.proof = proof
            self.accept()


class NewPinDialog(_PinForm):
    """A member without a PIN chooses one, typed twice: accepted with the proof once it is set."""

    def __init__(self, database: Database, round_id: int, actor: str, name: str, texts: PinTexts,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(database, round_id, actor, name, texts.choose, texts, parent)
        self.again_edit = _pin_field()
        self.again_edit.setAccessibleName(f"PIN van {name}, nog een keer")
        self.form.addRow(buddy_label("Nieuwe &PIN:", self.pin_edit), self.pin_edit)
        self.form.addRow(buddy_label("Nog een &keer:", self.again_edit), self.again_edit)
        for edit in (self.pin_edit, self.again_edit):
            edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.pin_edit.setFocus()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.pin_edit.text() and self.again_edit.text()))

    def _apply(self) -> None:
        pin = self.pin_edit.text()
        if self.again_edit.text() != pin:
            self._refused("De twee keer getypte PIN's zijn niet gelijk. Typ dezelfde PIN twee keer.")
            return
        sessions, round_id, name, actor = self._database.sessions, self._round_id, self.name, self._actor

        def set_and_unlock() -> MemberProof:
            set_member_pin(sessions, round_id, name, pin, actor=actor)
            return unlock_member(sessions, round_id, name, pin, actor=actor)

        proof = runner_for(self, sessions).run(self, set_and_unlock, title=self.windowTitle(), refused=self._refused)
        if proof is not None:
            self.proof = proof
            self.accept()


def prove_member(
    parent: QWidget, database: Database, round_id: int, actor: str, name: str, texts: PinTexts,
    then: Callable[[MemberProof], None],
) -> _PinForm | None:  # fmt: skip
    """Open the dialog that proves this member is here (their PIN, or a new one chosen twice); then(proof) once it
    is. A locked PIN is refused at once (the chair clears it)."""
    status = pin_status(database.sessions, round_id, name)
    if status.locked:
        show_refusal(parent, LOCKED.format(name=name, tries=MAX_WRONG_TRIES), texts.title)
        return None
    kind = PinDialog if status.has_pin else NewPinDialog
    dialog = kind(database, round_id, actor, name, texts, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: then(dialog.proof) if dialog.proof is not None else None)
    dialog.open()
    return dialog
