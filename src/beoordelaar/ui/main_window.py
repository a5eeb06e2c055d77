"""The main window: a round selector, navigation through the phases (PHASES in phases.py), menus and a status bar.

While a member scores on this computer (member mode, started on the Beoordelen page with the member's PIN), the window
offers only that member's work and Stoppen met beoordelen…: no other phase, menu item or shortcut of the chair's, no
other round, no window of the chair's left open; leaving (closing the window too) takes the chair's own PIN. A start
after the app stopped in member mode (a crash, a killed process) comes back in member mode, locked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from beoordelaar.core.first_look import FirstLook, chosen_round
from beoordelaar.core.text import count_text
from beoordelaar.ui.common.page import ChangesPage, FirstLookPage, PageContext, RoundPage, WindowActions
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.worker_dialog import ask_worker
from beoordelaar.ui.help.help_menu import HelpMenu
from beoordelaar.ui.phases import PHASES, Phase
from beoordelaar.ui.settings import app_settings, remember_worker

# The dialogs, the exchange and the procurement (with reportlab) are imported when first asked for: a start imports
# only what the window and its first page show.
# A start builds the window and its first page from a first look (core/first_look.py) before the database layer
# (SQLAlchemy, the models, the action runner) is imported: attach imports it, right after the window is painted.
if TYPE_CHECKING:
    from beoordelaar.core.changes import Changes
    from beoordelaar.core.database import Database
    from beoordelaar.core.exchange.api import OpenedPackage
    from beoordelaar.core.rounds.api import RoundSummary
    from beoordelaar.ui.common.background import ActionRunner
    from beoordelaar.ui.common.colleagues import ColleagueChanges
    from beoordelaar.ui.procurement.procurement_dialog import ProcurementDialog
    from beoordelaar.ui.rounds.new_round_dialog import NewRoundDialog
    from beoordelaar.ui.scoring.scoring_page import ScoringPage

APP_TITLE = "Beoordelaar"
DEFAULT_SIZE = QSize(1200, 800)
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
LAST_ROUND_KEY = "main_window/last_round"
SCORING_PHASE = "Beoordelen"
MEMBER_MODE_KEY = "main_window/member_mode"  # database path, round id and member while a member scores here


def round_info(summary: RoundSummary) -> str:
    return f"{summary.procedure.label} · {summary.status.label}"


def round_counts(summary: RoundSummary) -> str:
    return " · ".join(
        (
            count_text(summary.registrations, "inschrijving", "inschrijvingen"),
            count_text(summary.assessors, "beoordelaar", "beoordelaars"),
            count_text(summary.scores, "score", "scores"),
            count_text(summary.decisions, "besluit", "besluiten"),
        )
    )


class ShownPages(Sequence[QWidget]):
    """The window's pages as others reach them (window.pages[...]): a page handed out is loaded for the round shown
    and has followed every change, as when it is shown. The window itself loads a page only once it is shown."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    @overload
    def __getitem__(self, position: int) -> QWidget: ...
    @overload
    def __getitem__(self, position: slice) -> list[QWidget]: ...
    def __getitem__(self, position: int | slice) -> QWidget | list[QWidget]:
        count = len(self._window.phase_pages)
        if isinstance(position, slice):
            return [self[p] for p in range(count)[position]]
        if position < 0:
            position += count
        return self._window.bring_up_to_date(position)

    def __len__(self) -> int:
        return len(self._window.phase_pages)


class MainWindow(QMainWindow):
    # Bestand › Wie werkt er… chose another name: the app opens a new window acting under it (app.py).
    actor_changed = Signal(str)

    def __init__(
        self,
        database: Database | None,
        actor: str,
        parent: QWidget | None = None,
        *,
        first_look: FirstLook | None = None,
    ) -> None:
        """The window on database; or, with first_look and no database, the window showing what a start read before
        the database opened: attach(database) then, before the window takes any event."""
        super().__init__(parent)
        self._database: Database | None = None
        self._actor = actor
        self._rounds: list[RoundSummary] = []
        self._current: RoundSummary | None = None
        self._pending: dict[int, Changes] = {}  # changes a page not shown yet has to follow once it is shown
        self._unloaded: set[int] = set()  # pages that have not been given the round shown yet: once they are shown
        self._first_look: FirstLook | None = first_look  # the rows the first page shows until the database is there
        self._laptop_owner: str | None = None  # set while the round shown is an assessor's laptop copy
        self._member: str | None = None  # the member who scores on this computer (member mode), or None
        self.setWindowTitle(APP_TITLE)
        if database is not None:  # before the pages, as their children: their runner and the colleagues' changes
            self._connect(database)
        self.setAcceptDrops(True)  # a work package dropped on the window opens

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_pages()
        self._build_status_bar()
        self._restore_geometry()
        if first_look is not None:
            self._show_rounds(first_look.rounds, first_look.shown.id if first_look.shown else None)
            self.navigation.setFocus()
        if database is not None:
            self.attach(database)

    def attach(self, database: Database) -> None:
        """The database, open: the action runner, the colleagues' changes and the rest of the start (a window made
        from a first look gets it once it is painted; its rounds and first page stay as read, for the file was
        locked in between)."""
        if self._database is None:
            self._connect(database)
        self._context.attach(database)
        self.help.attach(database, self.runner)
        if self._first_look is None:
            last = app_settings().value(LAST_ROUND_KEY)
            self.reload_rounds(select_id=int(last) if last is not None and str(last).isdigit() else None)
            self.navigation.setFocus()
        self._first_look = None
        self._resume_member_mode()

    def _connect(self, database: Database) -> None:
        from beoordelaar.ui.common.background import ActionRunner
        from beoordelaar.ui.common.colleagues import ColleagueChanges

        self._database = database
        # Every action of a page or dialog in this window runs through this one runner.
        self.runner: ActionRunner = ActionRunner(database.sessions, self)
        self.runner.changed.connect(self.apply_changes)
        # On a server, what colleagues commit reaches the pages through the same runner.
        self.colleagues: ColleagueChanges = ColleagueChanges(database, self.runner, self)

    @property
    def database(self) -> Database:
        assert self._database is not None, "attached before the window takes any event"
        return self._database

    # -- building ---------------------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.new_round_action = QAction("&Nieuwe ronde…", self)
        self.new_round_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_round_action.setStatusTip("Een nieuwe beoordelingsronde aanmaken")
        self.new_round_action.triggered.connect(self.open_new_round_dialog)

        self.import_action = QAction("Inschrijvingen &importeren…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip("Inschrijvingen inlezen uit de export van het inkoopplatform")
        self.import_action.triggered.connect(self.open_import_wizard)

        self.open_package_action = QAction("&Werkpakket openen…", self)
        self.open_package_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_package_action.setStatusTip("Een werkpakket van de voorzitter openen om op deze laptop te beoordelen")
        self.open_package_action.triggered.connect(lambda: self.open_work_package())

        self.stop_member_action = QAction("&Stoppen met beoordelen…", self)
        self.stop_member_action.setStatusTip("Terug naar de pagina's van de voorzitter, met de PIN van de voorzitter")
        self.stop_member_action.setVisible(False)
        self.stop_member_action.setEnabled(False)
        self.stop_member_action.triggered.connect(lambda: self.scoring_page.stop_member_mode())

        self.rename_round_action = QAction("Ronde &hernoemen…", self)
        self.rename_round_action.setStatusTip("De gekozen ronde een andere naam geven")
        self.rename_round_action.triggered.connect(self.rename_round)
        self.remove_round_action = QAction("Ronde ver&wijderen…", self)
        self.remove_round_action.setStatusTip("De gekozen ronde met alles erin verwijderen, na een reservekopie")
        self.remove_round_action.triggered.connect(self.remove_round)

        self.procurement_action = QAction("Inkoop&procedure…", self)
        self.procurement_action.setStatusTip(
            "De procedure van de ronde: toetredingsmomenten, gemeenten en productgroepen, register van toegelaten"
        )
        self.procurement_action.triggered.connect(self.open_procurement)

        self.worker_action = QAction("&Wie werkt er…", self)
        self.worker_action.setStatusTip("De naam waaronder u werkt, voor de geschiedenis en het proces-verbaal")
        self.worker_action.triggered.connect(self.change_worker)

        self.quit_action = QAction("&Afsluiten", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.help = HelpMenu(self)
        self.about_action = self.help.about_action

        self.phase_actions: list[QAction] = []
        group = QActionGroup(self)
        for position, phase in enumerate(PHASES):
            action = QAction(f"&{position + 1} {phase.title}", self, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{position + 1}"))
            action.setActionGroup(group)
            action.triggered.connect(lambda _checked=False, p=position: self.show_phase(p))
            self.phase_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Bestand")
        file_menu.addAction(self.stop_member_action)
        file_menu.addAction(self.new_round_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.open_package_action)
        file_menu.addSeparator()
        file_menu.addAction(self.rename_round_action)
        file_menu.addAction(self.remove_round_action)
        file_menu.addAction(self.procurement_action)
        file_menu.addSeparator()
        file_menu.addAction(self.worker_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go_menu = bar.addMenu("&Ga naar")
        go_menu.addActions(self.phase_actions)
        self.help.fill(bar.addMenu("&Help"))

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Ronde")
        toolbar.setObjectName("round-toolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.toggleViewAction().setEnabled(False)

        self.round_combo = QComboBox()
        self.round_combo.setObjectName("round-selector")
        self.round_combo.setAccessibleName("Ronde")
        self.round_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round_combo.setMinimumContentsLength(24)
        self.round_combo.setPlaceholderText("Nog geen ronde")
        self.round_combo.currentIndexChanged.connect(self._on_round_chosen)
        label = QLabel("&Ronde:")
        label.setBuddy(self.round_combo)
        self.round_info = QLabel()
        self.round_info.setObjectName("round-info")

        label.setContentsMargins(8, 0, 4, 0)
        self.round_info.setContentsMargins(12, 0, 8, 0)
        toolbar.addWidget(label)
        toolbar.addWidget(self.round_combo)
        toolbar.addWidget(self.round_info)
        toolbar.addSeparator()
        toolbar.addAction(self.new_round_action)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.stop_member_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_pages(self) -> None:
        self._context = PageContext(
            database=None,  # attach gives it
            actor=self._actor,
            actions=WindowActions(new_round=self.new_round_action, import_registrations=self.import_action),
        )
        self.navigation = QListWidget()
        self.navigation.setObjectName("phase-navigation")
        self.navigation.setAccessibleName("Fasen")
        self.stack = QStackedWidget()
        # A page is made (its module imported) when it is first shown; until then an empty widget holds its place.
        self.phase_pages: list[QWidget | None] = []
        for position, phase in enumerate(PHASES):
            self._add_phase(position, phase)
        self.navigation.setSpacing(2)
        self.navigation.setStyleSheet("QListWidget#phase-navigation::item { padding-left: 10px; }")
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)
        width = self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 24
        self.navigation.setFixedWidth(max(width, 130))
        self.navigation.currentRowChanged.connect(self._on_phase_changed)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        QWidget.setTabOrder(self.round_combo, self.navigation)

    def _add_phase(self, position: int, phase: Phase) -> None:
        item = QListWidgetItem(phase.title)
        item.setToolTip(f"{phase.title} (Ctrl+{position + 1})")
        item.setSizeHint(QSize(0, 36))
        self.navigation.addItem(item)
        self.phase_pages.append(None)
        self.stack.addWidget(QWidget())

    def _page(self, position: int) -> QWidget:
        """The page at position, made now if it was not yet (in its placeholder's place in the stack)."""
        page = self.phase_pages[position]
        if page is not None:
            return page
        page = PHASES[position].factory()(self._context)
        placeholder = self.stack.widget(position)
        showing = self.stack.currentIndex() == position
        self.stack.insertWidget(position, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if showing:
            self.stack.setCurrentIndex(position)
        self.phase_pages[position] = page
        if PHASES[position].title == SCORING_PHASE:
            page.member_mode_changed.connect(self._on_member_mode)  # type: ignore[attr-defined]
        self._menus_after_page()
        return page

    def _menus_after_page(self) -> None:
        """A page's Alt+letter goes before the menu bar's with the same letter (as when every page was made before
        the window showed): Qt takes the older of two equal shortcuts, so the menu bar takes its own again."""
        for menu in self.menuBar().actions():
            menu.setVisible(False)
            menu.setVisible(True)

    @property
    def scoring_page(self) -> ScoringPage:
        return self.bring_up_to_date([p.title for p in PHASES].index(SCORING_PHASE))  # type: ignore[return-value]

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.counts_label.setObjectName("round-counts")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.actor_label = QLabel(f"Werkt als {self._actor}")
        self.actor_label.setObjectName("actor")
        self.actor_label.setContentsMargins(12, 0, 4, 0)
        self.statusBar().addPermanentWidget(self.actor_label)

    def _restore_geometry(self) -> None:
        settings = app_settings()
        geometry = settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(self._default_size())
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _default_size(self) -> QSize:
        screen = self.screen()
        if screen is None:
            return DEFAULT_SIZE
        available = screen.availableSize()
        return DEFAULT_SIZE.boundedTo(QSize(int(available.width() * 0.95), int(available.height() * 0.9)))

    # -- rounds -----------------------------------------------------------------------------------------------------

    @property
    def pages(self) -> ShownPages:
        """The pages, each loaded for the round shown once it is handed out (a new view each time: the window holds
        no reference to itself, which would keep a deleted window's wrapper alive)."""
        return ShownPages(self)

    @property
    def current_round(self) -> RoundSummary | None:
        return self._current

    @property
    def rounds(self) -> list[RoundSummary]:
        return list(self._rounds)

    def reload_rounds(self, select_id: int | None = None) -> None:
        """Read the rounds again (names, counts) and show select_id, else the current round, else the newest."""
        from beoordelaar.core.rounds.api import list_rounds

        keep = select_id if select_id is not None else (self._current.id if self._current else None)
        self._show_rounds(list_rounds(self.database.sessions), keep)

    def _show_rounds(self, rounds: list[RoundSummary], keep: int | None) -> None:
        """rounds in the selector, and keep's round shown, else the newest (chosen_round)."""
        self._rounds = rounds
        shown = chosen_round(rounds, keep)
        index = rounds.index(shown) if shown is not None else -1
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for summary in self._rounds:
            self.round_combo.addItem(summary.name, summary.id)
            tip = f"{summary.name}\n{round_info(summary)}\nKader: {summary.framework}"
            self.round_combo.setItemData(self.round_combo.count() - 1, plain(tip), Qt.ItemDataRole.ToolTipRole)
        self.round_combo.setCurrentIndex(index)
        self.round_combo.blockSignals(False)
        self.round_combo.setEnabled(bool(self._rounds) and self._member is None)
        self._show_round(self._rounds[index] if self._rounds else None)

    def apply_changes(self, changes: Changes) -> None:
        """Follow an action: the status bar and round names always, the page shown now, the others once shown."""
        from beoordelaar.core.changes import NOTHING

        if changes.rounds or changes.registrations:
            self._pending.clear()
            self.reload_rounds()  # a new round or new registrations: every page starts again from its summary
            return
        self._refresh_summaries()
        for position, page in enumerate(self.phase_pages):
            if page is not None and isinstance(page, ChangesPage) and position not in self._unloaded:
                self._pending[position] = self._pending.get(position, NOTHING) | changes
        self.bring_up_to_date(self.stack.currentIndex())

    def bring_up_to_date(self, position: int) -> QWidget:
        """Before a page shows: the page made if it was not yet, the round shown if it has not been given it yet,
        else the changes it missed."""
        page = self._page(position)
        if position in self._unloaded:
            self._unloaded.discard(position)
            self._pending.pop(position, None)
            look = self._first_look
            shown = look.shown if look is not None else None
            if look is not None and shown is not None and shown == self._current and isinstance(page, FirstLookPage):
                page.show_first_look(shown, look.registrations)
            elif isinstance(page, RoundPage):
                page.set_round(self._current)
            return page
        if position not in self._pending:
            return page
        changes = self._pending.pop(position)
        if changes.any and isinstance(page, ChangesPage):
            page.apply_changes(changes)
        return page

    def _refresh_summaries(self) -> None:
        """Read the round summaries again for the toolbar and the status bar, without reloading the pages."""
        from beoordelaar.core.rounds.api import list_rounds

        self._rounds = list_rounds(self.database.sessions)
        current = next((r for r in self._rounds if self._current and r.id == self._current.id), None)
        if current is None:
            self.reload_rounds()
            return
        self._current = current
        self._show_round_info()

    def _on_round_chosen(self, index: int) -> None:
        if 0 <= index < len(self._rounds):
            self._show_round(self._rounds[index])
            app_settings().setValue(LAST_ROUND_KEY, self._rounds[index].id)

    def _show_round(self, summary: RoundSummary | None) -> None:
        self._current = summary
        self._pending.clear()
        # Only the page shown loads the round now; the others once they are shown (bring_up_to_date).
        self._unloaded = set(range(len(self.phase_pages)))
        if summary is None:
            self.setWindowTitle(APP_TITLE)
            self.round_info.setToolTip("")
        else:
            self.setWindowTitle(f"{APP_TITLE} – {summary.name}")
            self.round_info.setToolTip(plain(f"Kader: {summary.framework}"))
        self._laptop_owner = summary.laptop_owner if summary else None
        self._show_round_info()
        self._offer_phases()
        self._update_actions()
        self.bring_up_to_date(self.stack.currentIndex())

    def _show_round_info(self) -> None:
        """The toolbar's round line and the status bar's counts; on a laptop her own scores only (the round's other
        counts are the chair's)."""
        if self._current is None:
            self.round_info.setText("")
            self.counts_label.setText("")
        elif self._member is not None:
            self.round_info.setText(f"Beoordelen als {self._member} · {self._current.status.label}")
            self.counts_label.setText("")
        elif self._laptop_owner is not None:
            self.round_info.setText(f"Laptop van {self._laptop_owner} · {self._current.status.label}")
            self.counts_label.setText(count_text(self._current.scores, "eigen score", "eigen scores"))
        else:
            self.round_info.setText(round_info(self._current))
            self.counts_label.setText(round_counts(self._current))

    def _offer_phases(self) -> None:
        """On an assessor's laptop only her own phase is offered, and in member mode only Beoordelen: the chair's
        phases are not there (nor their Ctrl+number)."""
        for position, phase in enumerate(PHASES):
            offered = (self._laptop_owner is None or phase.on_laptop) and (
                self._member is None or phase.title == SCORING_PHASE
            )
            self.navigation.item(position).setHidden(not offered)
            self.phase_actions[position].setVisible(offered)
            self.phase_actions[position].setEnabled(offered)
        if self.navigation.item(self.stack.currentIndex()).isHidden():
            self.show_phase([p.title for p in PHASES].index(SCORING_PHASE))

    def _on_member_mode(self, member: str | None) -> None:
        """A member starts or stops scoring on this computer: the chair's phases, actions, rounds and windows go or
        come back."""
        self._member = member
        settings = app_settings()
        if member is not None and self._current is not None:
            settings.setValue(MEMBER_MODE_KEY, [str(self.database.path), str(self._current.id), member])
        else:
            settings.remove(MEMBER_MODE_KEY)
        settings.sync()  # at once: a crash right after must not lose it
        if member is not None:
            for window in self.findChildren(QWidget):  # the meeting on the projector, documents in their own window
                if window.isWindow() and window.isVisible():
                    window.close()
        self.round_combo.setEnabled(bool(self._rounds) and member is None)
        self._show_round_info()
        self._offer_phases()
        self._update_actions()
        if member is not None:
            self.statusBar().showMessage(f"{member} beoordeelt nu op deze computer.", 8000)

    def _resume_member_mode(self) -> None:
        """The app stopped while a member scored on this database: back in member mode, locked."""
        saved = app_settings().value(MEMBER_MODE_KEY)
        if not isinstance(saved, list) or len(saved) != 3 or saved[0] != str(self.database.path):
            return
        round_id, name = str(saved[1]), str(saved[2])
        if not (round_id.isdigit() and any(r.id == int(round_id) for r in self._rounds)):
            app_settings().remove(MEMBER_MODE_KEY)  # the round is gone
            return
        self.reload_rounds(select_id=int(round_id))
        self.show_phase([p.title for p in PHASES].index(SCORING_PHASE))
        self.scoring_page.resume_member_mode(name)

    def _update_actions(self) -> None:
        # The chair's actions: a new round only where the database is not a laptop as a whole, an import only for
        # a round of the chair's own.
        # In member mode nothing of the chair's, only the way back.
        chair = self._member is None
        laptop = bool(self._rounds) and all(r.laptop_owner is not None for r in self._rounds)  # is_laptop_database
        self.new_round_action.setVisible(chair and not laptop)
        self.new_round_action.setEnabled(chair and not laptop)
        self.import_action.setVisible(chair and self._laptop_owner is None)
        self.import_action.setEnabled(chair and self._current is not None and self._laptop_owner is None)
        self.open_package_action.setVisible(chair)
        self.open_package_action.setEnabled(chair)
        self.stop_member_action.setVisible(not chair)
        self.stop_member_action.setEnabled(not chair)
        self.worker_action.setVisible(chair)
        self.worker_action.setEnabled(chair)
        self.help.offer_demo(chair and not laptop)
        own_round = chair and self._laptop_owner is None
        for action in (self.rename_round_action, self.remove_round_action, self.procurement_action):
            action.setVisible(own_round)
            action.setEnabled(own_round and self._current is not None)
        if self._current is None:
            self.import_action.setStatusTip("Maak eerst een ronde aan; daarna kunt u inschrijvingen importeren.")
        else:
            self.import_action.setStatusTip("Inschrijvingen inlezen uit de export van het inkoopplatform")

    # -- phases -----------------------------------------------------------------------------------------------------

    def show_phase(self, position: int) -> None:
        item = self.navigation.item(position)
        if item is not None and not item.isHidden():
            self.navigation.setCurrentRow(position)

    def offered_phases(self) -> list[str]:
        """The titles of the phases this window offers for the round shown, in order."""
        return [p.title for position, p in enumerate(PHASES) if not self.navigation.item(position).isHidden()]

    def current_phase(self) -> str:
        return PHASES[self.stack.currentIndex()].title

    def _on_phase_changed(self, position: int) -> None:
        if 0 <= position < len(self.phase_pages):
            self.bring_up_to_date(position)
            self.stack.setCurrentIndex(position)
            self.phase_actions[position].setChecked(True)

    # -- actions ----------------------------------------------------------------------------------------------------

    def open_new_round_dialog(self) -> NewRoundDialog:
        from beoordelaar.ui.rounds.new_round_dialog import NewRoundDialog

        dialog = NewRoundDialog(self.database.sessions, self._actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.round_created.connect(self._on_round_created)
        dialog.open()
        return dialog

    def _on_round_created(self, summary: RoundSummary) -> None:
        self.reload_rounds(select_id=summary.id)
        app_settings().setValue(LAST_ROUND_KEY, summary.id)
        self.show_phase(0)
        self.statusBar().showMessage(f"Ronde '{summary.name}' is aangemaakt.", 8000)

    def show_demo_round(self, summary: RoundSummary) -> None:
        """Help › Demoronde toevoegen made this round: show it."""
        self._on_round_created(summary)
        made = count_text(summary.registrations, "inschrijving", "inschrijvingen")
        self.statusBar().showMessage(f"Demoronde '{summary.name}' toegevoegd: {made} van verzonnen aanbieders.", 10000)

    def open_import_wizard(self) -> QDialog | None:
        if self._current is None:
            return None
        from beoordelaar.ui.registrations.import_wizard import ImportWizard

        round_id = self._current.id
        wizard = ImportWizard(self.database, round_id, self._actor, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Reload after any ending: an import is committed before the last page, so even a wizard closed with
        # Escape there may have changed the registrations.
        wizard.finished.connect(self._on_import_finished)
        wizard.open()
        return wizard

    def _on_import_finished(self, code: int) -> None:
        if code == QDialog.DialogCode.Accepted:
            self.show_phase(0)
            self.statusBar().showMessage("De inschrijvingen zijn bijgewerkt.", 8000)

    def open_work_package(self, path: Path | None = None) -> OpenedPackage | None:
        """Open a work package (chosen, dropped or given) and show its worklist on the Beoordelen page."""
        from beoordelaar.ui.commission.exchange_files import choose_package, open_package_file

        path = path or choose_package(self)
        if path is None:
            return None
        opened = open_package_file(self, self.database, self._actor, path)
        if opened is None:
            return None
        from beoordelaar.core.rounds.api import list_rounds

        ids = [r.id for r in list_rounds(self.database.sessions) if r.name == opened.round]
        self.reload_rounds(select_id=ids[0] if ids else None)
        self.show_phase([p.title for p in PHASES].index(SCORING_PHASE))
        self.statusBar().showMessage(opened.summary, 10000)
        return opened

    def take_later_start(self, path: Path | None) -> None:
        """A second start of the app (a double-clicked work package) handed over to this window: it comes to the
        front and opens the file, unless a member scores here now."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if path is None:
            return
        if self._member is not None:
            self.statusBar().showMessage(
                f"{path.name} is niet geopend: stop eerst met beoordelen als {self._member}.", 10000
            )
            return
        QTimer.singleShot(0, lambda: self.open_work_package(path))  # after the second start's socket is answered

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from beoordelaar.ui.commission.exchange_files import dropped_package

        if self._member is None and dropped_package(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from beoordelaar.ui.commission.exchange_files import dropped_package

        path = dropped_package(event.mimeData()) if self._member is None else None
        if path is not None:
            event.acceptProposedAction()
            self.open_work_package(path)

    def rename_round(self) -> None:
        from beoordelaar.ui.rounds.round_actions import ask_rename_round

        if self._current is not None and ask_rename_round(self, self.database, self._actor, self._current):
            self.reload_rounds()

    def remove_round(self) -> None:
        from beoordelaar.ui.rounds.round_actions import ask_remove_round

        if self._current is not None and ask_remove_round(self, self.database, self._actor, self._current):
            self._current = None
            self.reload_rounds()

    def open_procurement(self) -> ProcurementDialog | None:
        from beoordelaar.ui.procurement.procurement_dialog import ProcurementDialog

        if self._current is None:
            return None
        dialog = ProcurementDialog(self.database, self._current.id, self._actor, self)
        dialog.finished.connect(lambda _result: self.reload_rounds(select_id=dialog.made_round))
        dialog.open()
        return dialog

    @property
    def actor(self) -> str:
        return self._actor

    def change_worker(self) -> None:
        """Ask who works here now; a new name is remembered and the app continues under it (actor_changed)."""
        name = ask_worker(self, self._actor)
        if name is None or name == self._actor:
            return
        remember_worker(name)
        self.actor_changed.emit(name)

    # -- closing ----------------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._member is not None:  # the chair's PIN first, then the window closes
            event.ignore()
            self.scoring_page.stop_member_mode(then=self.close)
            return
        settings = app_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        if self._current is not None:
            settings.setValue(LAST_ROUND_KEY, self._current.id)
        settings.sync()
        if self._database is not None:
            self.colleagues.stop()
        super().closeEvent(event)
