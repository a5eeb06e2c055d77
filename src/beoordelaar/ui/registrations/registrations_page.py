"""The Inschrijvingen page: the registrations of the current round in a sortable, searchable table.

Without any round it welcomes a new user; for a round without registrations it points to the import.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.common.table_model import ROW_ROLE
from beoordelaar.ui.common.widgets import MessagePage, action_button, page_title, record_table
from beoordelaar.ui.registrations.registrations_model import Column, RegistrationsModel, RegistrationsProxy, count_text

# The first page a start shows, from rows read before the database layer is imported (show_first_look): its types
# only, and list_registrations when the page reads the round itself.
if TYPE_CHECKING:
    from beoordelaar.core.changes import Changes
    from beoordelaar.core.registrations.api import RegistrationRow
    from beoordelaar.core.rounds.api import RoundSummary

SEARCH_PLACEHOLDER = "Zoek op naam, KvK of nummer…"
PROVIDER_MIN_WIDTH = 160  # below this the provider column stops stretching and the table scrolls sideways


def welcome_html() -> str:
    return (
        "<p>Er is nog geen beoordelingsronde. Begin met <b>Bestand › Nieuwe ronde…</b> (Ctrl+N): geef de ronde een "
        "naam en kies het beoordelingskader en de procedure. Daarna importeert u de inschrijvingen uit de export van "
        "het inkoopplatform (TenderNed, Negometrix of uw eigen spreadsheet).</p>"
        "<p>Eerst rondkijken? Kies <b>Help › Demoronde toevoegen</b>: een ronde met ongeveer veertig verzonnen "
        "aanbieders, drie beoordelaars, scores en besluiten laat de hele werkwijze zien. <b>F1</b> opent de "
        "handleiding.</p>"
    )


def empty_round_html(summary: RoundSummary) -> str:
    return (
        f"<p>Ronde <b>{html.escape(summary.name)}</b> heeft nog geen inschrijvingen.</p>"
        "<p>Importeer ze met <b>Bestand › Inschrijvingen importeren…</b> uit de export van het inkoopplatform "
        "(Excel of CSV). U ziet eerst wat er wordt ingelezen en wat niet klopt; pas daarna wordt iets opgeslagen.</p>"
    )


class RegistrationsTable(QWidget):
    """Search field, count and table over a RegistrationsModel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RegistrationsModel(self)
        self.proxy = RegistrationsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.title = page_title("Inschrijvingen")
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in inschrijvingen")
        self.search.setMinimumWidth(280)
        search_label = QLabel("&Zoeken:")
        search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.count_label.setObjectName("registrations-count")

        self.view = record_table(
            self.proxy, "Inschrijvingen", stretch=Column.PROVIDER, sort_by=Column.SEQUENCE, multi_select=True
        )
        self.view.viewport().installEventFilter(self)

        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.bar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.search.textChanged.connect(self.proxy.set_search)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_count()

    def set_rows(self, rows: list[RegistrationRow]) -> None:
        self.model.set_rows(rows)
        self._update_count()
        if self.view.isVisible():  # a hidden table is fitted when it shows: measuring its rows costs
            self._fit_provider_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched is self.view.viewport():
            self._fit_provider_column()
        return super().eventFilter(watched, event)

    def _fit_provider_column(self) -> None:
        """Let the provider's name take the spare width, but never squeeze it below a readable minimum."""
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in Column if c is not Column.PROVIDER)
        stretch = self.view.viewport().width() - others >= PROVIDER_MIN_WIDTH
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(Column.PROVIDER) != mode:
            header.setSectionResizeMode(Column.PROVIDER, mode)
            if not stretch:
                header.resizeSection(Column.PROVIDER, PROVIDER_MIN_WIDTH)

    def _update_count(self) -> None:
        self.count_label.setText(count_text(self.proxy.rowCount(), self.model.rowCount()))


class RegistrationsPage(QWidget):
    """Shows the welcome, the empty-round hint or the table, whichever fits the current round."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._round: RoundSummary | None = None

        self.welcome = MessagePage("Welkom bij Beoordelaar", welcome_html())
        self.welcome.add_button(action_button(context.actions.new_round, "&Nieuwe ronde…"))
        self.empty = MessagePage("Inschrijvingen", "")
        self.empty.add_button(action_button(context.actions.import_registrations, "Inschrijvingen &importeren…"))
        self.table = RegistrationsTable()
        self.registration_dialog: QDialog | None = None
        self._add_record_actions()

        self.stack = QStackedWidget()
        for page in (self.welcome, self.empty, self.table):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _add_record_actions(self) -> None:
        """Enter or double-click opens the registration; buttons and the context menu open it or its history."""
        view = self.table.view
        self.open_button = QPushButton("Inschrijving &openen")
        self.open_button.setToolTip("Gegevens, opgaven en documenten van de gekozen inschrijving (Enter)")
        self.history_button = QPushButton("Ge&schiedenis…")
        self.history_button.setToolTip("Elke wijziging aan de gekozen inschrijving: wie, wanneer, wat, voor en na")
        self.earlier_button = QPushButton("&Eerdere inschrijvingen…")
        self.earlier_button.setToolTip(
            "Voor de voorzitter: eerdere inschrijvingen, besluiten en brieven van deze aanbieder (op KvK-nummer)"
        )
        self.table.bar.addWidget(self.open_button)
        self.table.bar.addWidget(self.history_button)
        self.table.bar.addWidget(self.earlier_button)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in (
            ("Openen", self.open_registration), ("Geschiedenis…", self.open_history),
            ("Eerdere inschrijvingen…", self.open_earlier),
        ):  # fmt: skip
            action = QAction(text, view)
            action.triggered.connect(lambda _checked=False, call=slot: call())
            view.addAction(action)
        self.open_button.clicked.connect(lambda: self.open_registration())
        self.history_button.clicked.connect(lambda: self.open_history())
        self.earlier_button.clicked.connect(lambda: self.open_earlier())
        view.activated.connect(lambda index: self.open_registration(index.data(ROW_ROLE)))

    def chosen_registration(self) -> RegistrationRow | None:
        index = self.table.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show(self, dialog: QDialog) -> QDialog:
        if self.registration_dialog is not None:
            self.registration_dialog.deleteLater()
        self.registration_dialog = dialog
        dialog.open()
        return dialog

    # The dialogs are imported when first opened: the page is the first a start shows (the history's and the
    # procurement's modules bring the record and reportlab).
    def open_registration(self, row: RegistrationRow | None = None) -> QDialog | None:
        from beoordelaar.ui.registrations.registration_dialog import RegistrationDialog

        row = row or self.chosen_registration()
        if row is None or self._round is None:
            return None
        return self._show(RegistrationDialog(self._context.database, self._round.id, row.id, self))

    def open_history(self, row: RegistrationRow | None = None) -> QDialog | None:
        from beoordelaar.ui.record.history_dialog import HistoryDialog

        row = row or self.chosen_registration()
        if row is None or self._round is None:
            return None
        return self._show(HistoryDialog(self._context.database, self._round.id, row.number, row.name, self))

    def open_earlier(self, row: RegistrationRow | None = None) -> QDialog | None:
        from beoordelaar.ui.procurement.provider_history_dialog import ProviderHistoryDialog

        row = row or self.chosen_registration()
        if row is None or self._round is None:
            return None
        return self._show(ProviderHistoryDialog(self._context.database, self._round.id, row.number, row.name, self))

    @property
    def current_round(self) -> RoundSummary | None:
        return self._round

    def apply_changes(self, changes: Changes) -> None:
        """The list shows scores and outcomes beside the registrations: it follows those too."""
        if changes.touches("scoring", "consolidation", "decisions"):
            self.set_round(self._round)

    def set_round(self, summary: RoundSummary | None) -> None:
        from beoordelaar.core.registrations.api import list_registrations

        if summary is None:
            self._round = None
            self.table.set_rows([])
            self.stack.setCurrentWidget(self.welcome)
            return
        self.show_first_look(summary, list_registrations(self._context.database.sessions, summary.id))

    def show_first_look(self, summary: RoundSummary, rows: list[RegistrationRow]) -> None:
        """The round with its registrations as read (by set_round, or by a start before the database opened)."""
        self._round = summary
        self.table.set_rows(rows)
        if rows:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.set_text(empty_round_html(summary))
            self.stack.setCurrentWidget(self.empty)
