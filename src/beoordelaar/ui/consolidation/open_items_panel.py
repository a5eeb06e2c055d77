"""What is still open before the round can be closed ("Wat staat nog open"), and the button that closes it.

"Ronde afronden" stays disabled while the list is not empty; mark_consolidated checks again when pressed (another
window may have changed something), and its refusal is shown inline.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.text import word
from beoordelaar.core.verification.api import OpenItem, mark_consolidated, open_items
from beoordelaar.ui.common.background import ask, runner_for
from beoordelaar.ui.common.presentation import ERROR_COLOUR, tint
from beoordelaar.ui.common.table_model import Column, RowTableModel
from beoordelaar.ui.common.widgets import record_table


def summary_text(count: int) -> str:
    if count == 0:
        return "Niets staat meer open: de ronde kan worden afgerond."
    return f"{count} {'punt staat' if count == 1 else 'punten staan'} nog open."


def kind_text(item: OpenItem) -> str:
    return word("open_item", item.kind)


COLUMNS: tuple[Column[OpenItem], ...] = (
    Column("Inschrijving", lambda i: i.registration, tooltip=lambda i: i.registration),
    Column("Soort", kind_text, tooltip=kind_text),
    Column("Wat staat open", lambda i: i.text, tooltip=lambda i: i.text),
)


class OpenItemsModel(RowTableModel[OpenItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)


TITLE = "Ronde afronden"


class OpenItemsPanel(QWidget):
    consolidated = Signal()
    item_activated = Signal(str, str)  # registration number, criterion code ("" for none)

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = database.sessions
        self._actor = actor
        self._round: int | None = None
        self.registrations = 0  # how many the round has, for the question before closing it

        self.summary = QLabel()
        self.summary.setObjectName("open-items-summary")
        self.summary.setWordWrap(True)
        self.model = OpenItemsModel(self)
        self.view = record_table(self.model, "Wat staat nog open", object_name="open-items", stretch=2)
        self.view.activated.connect(self._on_activated)
        self.refresh_button = QPushButton("Bij&werken")
        self.refresh_button.setToolTip("De lijst opnieuw bepalen")
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = QPushButton("Ronde a&fronden")
        self.close_button.setObjectName("close-round")
        self.close_button.clicked.connect(self.close_round)
        self.message = QLabel()
        self.message.setObjectName("close-round-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._update_button()

    def set_round(self, round_id: int | None) -> None:
        self._round = round_id
        self.message.clear()
        self.model.set_rows([])
        self.summary.setText("")
        self._update_button()

    def refresh(self) -> None:
        if self._round is None:
            return
        self.model.set_rows(open_items(self._sessions, self._round))
        self.summary.setText(summary_text(self.model.rowCount()))
        self._update_button()

    def count(self) -> int:
        return self.model.rowCount()

    def _update_button(self) -> None:
        empty = self._round is not None and self.model.rowCount() == 0 and bool(self.summary.text())
        self.close_button.setEnabled(empty)
        self.close_button.setToolTip(
            "De consolidatie afsluiten; daarna volgen de besluiten" if empty
            else "Kan pas als niets meer openstaat"
        )  # fmt: skip

    def close_round(self) -> None:
        if self._round is None:
            return
        count = self.registrations
        if not ask(self, TITLE, f"De ronde afronden? De consolidatie van {count} "
                                f"{'inschrijving' if count == 1 else 'inschrijvingen'} wordt vastgelegd; "
                                "daarna volgen de besluiten."):  # fmt: skip
            return
        round_id = self._round
        done = runner_for(self, self._sessions).run_long(
            self, "De ronde wordt afgerond…",
            lambda _progress: mark_consolidated(self._sessions, round_id, actor=self._actor) is None,
            title=TITLE, cancellable=False, refused=self._refused,
        )  # fmt: skip
        if not done:
            return
        tint(self.message, None)
        self.message.setText("De ronde is afgerond: de consolidatie is vastgelegd.")
        self.consolidated.emit()

    def _refused(self, text: str) -> None:
        tint(self.message, ERROR_COLOUR)
        self.message.setText(text)
        self.refresh()

    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        self.item_activated.emit(item.registration, item.criterion or "")
