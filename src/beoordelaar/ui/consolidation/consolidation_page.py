"""The Consolideren page: the heat map of the round (registrations by criteria) with filters, the selected cell's
detail, the requirement checks of the selected registration, the agreement between the assessors, and what is
still open; from here the chair starts the consensus meeting, sets the averages (averaging model), exports to Excel
and closes the round.

The data is read when the page is shown (or the round changes while it is shown), not for every round change
behind the user's back: consolidating 2,000 registrations takes most of a second.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.consolidation.api import (
    RoundConsolidation,
    RoundOverview,
    apply_averaging,
    consolidate_round,
    export_consolidation,
    import_consensus_sheet,
    round_overview,
)
from beoordelaar.core.decisions.api import method_score_name
from beoordelaar.core.rounds.api import RoundSummary
from beoordelaar.core.text import count_text, shown_count_text
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.common.presentation import ERROR_COLOUR, FontZoom, tint
from beoordelaar.ui.common.widgets import MessagePage, page_title
from beoordelaar.ui.consolidation.agreement_panel import AgreementPanel
from beoordelaar.ui.consolidation.cell_detail import CellDetail
from beoordelaar.ui.consolidation.consolidation_model import (
    ConsolidationModel,
    ConsolidationProxy,
    Fixed,
    FlagFilter,
    build_rows,
    flag_kind,
)
from beoordelaar.ui.consolidation.open_items_panel import OpenItemsPanel
from beoordelaar.ui.consolidation.requirements_panel import RequirementsPanel

FLAG_CHOICES = ((FlagFilter.ALL, "Alle cellen"), (FlagFilter.FLAGGED, "Gemarkeerd"), (FlagFilter.MISSING, "Ontbrekend"))
SIDE_WIDTH = 460


def counts_text(shown: int, total: int, flagged: int, missing: int) -> str:
    rows = shown_count_text(shown, total, "inschrijving", "inschrijvingen")
    cells = count_text(flagged, "gemarkeerde cel", "gemarkeerde cellen")
    return f"{rows} · {cells} · {missing} met ontbrekende score"


class ConsolidationView(QWidget):
    """Filters, heat map and side panels for one round."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._round: int | None = None
        self._round_name = ""
        self._result: RoundConsolidation | None = None
        self._agreement_stale = True
        self._overview: RoundOverview | None = None
        self._meeting: QWidget | None = None
        self._open_stale = True

        self.title = page_title("Consolideren")
        self.status = QLabel()
        self.status.setObjectName("consolidation-status")
        self.model = ConsolidationModel(self)
        self.proxy = ConsolidationProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("heat-map")
        self.view.setAccessibleName("Spreiding per inschrijving en criterium")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.activated.connect(lambda _index: self.open_meeting(at_current=True))
        self.view.viewport().installEventFilter(self)

        self._build_filters()
        self._build_buttons()
        self.detail = CellDetail()
        self.requirements = RequirementsPanel(context.database, context.actor)
        self.requirements.changed.connect(self._on_requirements_changed)
        self.agreement = AgreementPanel()
        self.open_panel = OpenItemsPanel(context.database, context.actor)
        self.open_panel.item_activated.connect(self.go_to)
        self.side = QTabWidget()
        self.side.setObjectName("consolidation-side")
        self.side.addTab(self.detail, "Ce&l")
        self.side.addTab(self.requirements, "&Eisen")
        self.side.addTab(self.agreement, "Overeenstemming")
        self.side.addTab(self.open_panel, "Open p&unten")
        self.side.currentChanged.connect(self._on_side_tab)
        for position in range(self.side.count()):  # Alt+1..4 besides the mnemonics (menus take Alt+B, G, H)
            self.side.setTabToolTip(position, f"Alt+{position + 1}")
            QShortcut(QKeySequence(f"Alt+{position + 1}"), self, lambda p=position: self.side.setCurrentIndex(p),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        self.side.tabBar().setFont(QFont(QApplication.font()))  # tabs keep their size in presentation mode

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([900, SIDE_WIDTH])
        splitter.setCollapsible(0, False)  # the side panel may be pushed away on a small screen, the table not
        self.splitter = splitter

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(16)
        heading.addWidget(self.status, 1)
        heading.addWidget(self.search_label)
        heading.addWidget(self.search, 1)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(heading)
        layout.addLayout(self.filters)
        layout.addLayout(self.buttons)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.zoom = FontZoom(self)
        self.zoom.track(self.title)
        self.zoom.changed.connect(self._on_zoom)
        self._on_zoom(1.0)

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek op nummer of naam…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in de consolidatie")
        self.search.textChanged.connect(self._filter_changed)
        self.flag_filter = QComboBox()
        for flag, text in FLAG_CHOICES:
            self.flag_filter.addItem(text, flag.value)
        self.flag_filter.setAccessibleName("Toon cellen")
        self.flag_filter.currentIndexChanged.connect(self._filter_changed)
        self.criterion_filter = QComboBox()
        self.criterion_filter.setAccessibleName("Criterium")
        self.criterion_filter.currentIndexChanged.connect(self._filter_changed)
        self.lot_filter = QComboBox()
        self.lot_filter.setAccessibleName("Perceel")
        self.lot_filter.currentIndexChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("consolidation-count")
        self.filters = QHBoxLayout()
        self.search_label = QLabel("&Zoeken:")
        self.search_label.setBuddy(self.search)
        for text, widget in (("&Toon:", self.flag_filter), ("Cr&iterium:", self.criterion_filter),
                             ("&Perceel:", self.lot_filter)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            self.filters.addWidget(label)
            self.filters.addWidget(widget)
            self.filters.addSpacing(8)
        self.filters.addSpacing(8)
        self.filters.addWidget(self.count_label, 1)
        for combo in (self.flag_filter, self.criterion_filter, self.lot_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.criterion_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.search.setMinimumWidth(100)
        self.search.setMaximumWidth(420)
        self.criterion_filter.setMinimumContentsLength(10)
        self.count_label.setMinimumWidth(0)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        QShortcut(
            QKeySequence("Ctrl+F"), self, self.search.setFocus, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )

    def _build_buttons(self) -> None:
        self.meeting_button = QPushButton("&Consensusbespreking…")
        self.meeting_button.setObjectName("open-meeting")
        self.meeting_button.setToolTip(
            "De consensusbespreking openen (F5); Enter in de tabel opent haar bij de gekozen inschrijving"
        )
        self.meeting_button.clicked.connect(self.open_meeting)
        QShortcut(QKeySequence("F5"), self, self.open_meeting, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # No mnemonic: every letter of its text already has one on this page.
        self.unanimous_button = QPushButton("Eensgezinde cellen bevestigen…")
        self.unanimous_button.setObjectName("open-unanimous")
        self.unanimous_button.setToolTip(
            "De cellen waarin alle beoordelaars dezelfde score gaven in één keer als consensusscore bevestigen, met "
            "een motivering uit hun bevindingen (Ctrl+Shift+E)"
        )
        self.unanimous_button.clicked.connect(self.open_unanimous)
        QShortcut(QKeySequence("Ctrl+Shift+E"), self, self.unanimous_button.click,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        self.unanimous_button.hide()  # only for a framework with the consensus model
        self.sheet_button = QPushButton("Consensus uit spreadsheet…")
        self.sheet_button.setObjectName("import-consensus")
        self.sheet_button.setToolTip(
            "Consensusscores inlezen uit een spreadsheet met de kolommen inschrijving, criterium, score en motivering "
            "(alles of niets)"
        )
        self.sheet_button.clicked.connect(self.import_sheet)
        self.sheet_button.hide()
        self.averaging_button = QPushButton("Gemi&ddelden vaststellen")
        self.averaging_button.setToolTip("Elke cel waarin alle beoordelaars scoorden krijgt het gemiddelde als score")
        self.averaging_button.clicked.connect(self.apply_averages)
        self.averaging_button.hide()  # only for a framework with the averaging model
        self.export_button = QPushButton("E&xporteren naar Excel…")
        self.export_button.clicked.connect(self.export)
        self.presentation_button = QPushButton("Presentatie")
        self.presentation_button.setObjectName("presentation")
        self.presentation_button.setCheckable(True)
        self.presentation_button.setToolTip(
            "Grote letters voor de beamer (Ctrl+Shift+P; Ctrl+= groter, Ctrl+- kleiner)"
        )
        self.presentation_button.toggled.connect(lambda on: self.zoom.toggle(on))
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.presentation_button.toggle,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        self.message = QLabel()
        self.message.setObjectName("consolidation-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.meeting_button)
        self.buttons.addWidget(self.unanimous_button)
        self.buttons.addWidget(self.sheet_button)
        self.buttons.addWidget(self.averaging_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.export_button)
        self.buttons.addWidget(self.presentation_button)

    # -- loading ----------------------------------------------------------------------------------------------------

    def load(self, round_id: int, round_name: str) -> None:
        keep = self._current_key() if round_id == self._round else None
        changed_round = round_id != self._round
        self._round, self._round_name = round_id, round_name
        sessions = self._context.database.sessions
        # The agreement figures wait until their tab is shown: the table opens faster without them.
        self._result = consolidate_round(sessions, round_id, agreement=False)
        self._overview = round_overview(sessions, round_id)
        overview = self._overview
        self.model.set_data(build_rows(self._result, overview), overview.criteria, ranks=overview.procedure.ranks,
                            averaging=overview.averaging)  # fmt: skip
        if changed_round:
            self.requirements.set_round(round_id)
            self.open_panel.set_round(round_id)
            self.view.sortByColumn(self.model.column_of(Fixed.NUMBER), Qt.SortOrder.AscendingOrder)
        self._fill_choices()
        self._fit_columns()
        self._agreement_stale = True
        if self.side.currentWidget() is self.agreement:
            self._refresh_agreement()
        self.averaging_button.setVisible(overview.averaging)
        self.unanimous_button.setVisible(not overview.averaging)
        self.sheet_button.setVisible(not overview.averaging)
        self.status.setText(f"{html.escape(overview.procedure.label)} · {html.escape(overview.status.label)}")
        self._update_count()
        self.open_panel.registrations = self.model.rowCount()
        self._open_stale = True
        if self.side.currentWidget() is self.open_panel:
            self._refresh_open()
        if keep is not None:
            self._restore(keep)

    def _fill_choices(self) -> None:
        assert self._overview is not None
        for combo, first, values in (
            (
                self.criterion_filter,
                "Alle criteria",
                [(c.code, f"{c.code} {c.title}") for c in self._overview.criteria],
            ),
            (self.lot_filter, "Alle percelen", [(lot, lot) for lot in self._overview.lots]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for value, text in values:
                combo.addItem(text, value)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.lot_filter.setEnabled(bool(self._overview.lots))
        self._filter_changed()

    def _fit_columns(self) -> None:
        metrics = QFontMetrics(self.view.font())
        pad = metrics.horizontalAdvance("MM")
        header = self.view.horizontalHeader()
        header_metrics = QFontMetrics(header.font())
        samples = {
            Fixed.NUMBER: max((r.totals.number for r in self.model.rows()[:200]), key=len, default="INS-0000"),
            Fixed.NAME: "Stichting Jeugdhulp De Voorbeeldige",
            Fixed.LOTS: max((", ".join(r.totals.lots) for r in self.model.rows()[:200]), key=len, default=""),
            Fixed.TOTAL: "99,99",
            Fixed.CONSENSUS: "Vastgesteld",
            Fixed.PLAN: "Voldoet niet",
            Fixed.RANK: "A: 99, B: 99",
        }
        for column in range(self.model.columnCount()):
            fixed = self.model.fixed_at(column)
            sample = samples[fixed] if fixed is not None else "▲ 4,7  Δ4  → 4"
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), header_metrics.horizontalAdvance(title)) + pad
            proxy_column = (
                self.proxy.mapFromSource(self.model.index(0, column)).column() if self.model.rowCount() else column
            )
            if proxy_column >= 0:
                self.view.setColumnWidth(proxy_column, width)
        self._fill_name_column()

    def _fill_name_column(self) -> None:
        """Give the provider's name the width that is left, so the table has no empty band on the right."""
        name = self.model.column_of(Fixed.NAME)
        header = self.view.horizontalHeader()
        if name < 0 or header.count() == 0:
            return
        others = sum(
            header.sectionSize(c) for c in range(header.count()) if c != name and not header.isSectionHidden(c)
        )
        spare = self.view.viewport().width() - others
        minimum = QFontMetrics(self.view.font()).horizontalAdvance("Stichting Voorbeeld")
        self.view.setColumnWidth(name, max(minimum, spare))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fill_name_column()
        return super().eventFilter(watched, event)

    def _on_zoom(self, _factor: float) -> None:
        metrics = QFontMetrics(self.view.font())
        self.view.verticalHeader().setDefaultSectionSize(metrics.height() + max(8, metrics.height() // 2))
        size = max(10, metrics.height() * 2 // 3)
        self.view.setIconSize(QSize(size, size))
        self.model.set_marker_size(size)
        if self.model.columnCount():
            self._fit_columns()
        self.splitter.setSizes([self.splitter.width() - self._side_width(), self._side_width()])
        self.presentation_button.blockSignals(True)
        self.presentation_button.setChecked(self.zoom.presenting)
        self.presentation_button.blockSignals(False)

    def _side_width(self) -> int:
        # On the projector the heat map is what people read: the side panel does not grow with the font.
        return SIDE_WIDTH

    # -- filters and selection --------------------------------------------------------------------------------------

    def _filter_changed(self) -> None:
        self.proxy.set_search(self.search.text())
        self.proxy.set_flag_filter(FlagFilter(self.flag_filter.currentData() or FlagFilter.ALL.value))
        self.proxy.set_lot(self.lot_filter.currentData())
        self.proxy.set_criterion(self.criterion_filter.currentData())
        self._fit_columns()
        self._update_count()

    def _update_count(self) -> None:
        cells = [c for r in self.model.rows() for c in r.cells]
        flagged = sum(1 for c in cells if flag_kind(c) == "discuss")
        missing = sum(1 for r in self.model.rows() if r.missing)
        self.count_label.setText(counts_text(self.proxy.rowCount(), self.model.rowCount(), flagged, missing))

    def flagged_count(self) -> int:
        return sum(1 for r in self.model.rows() for c in r.cells if flag_kind(c) == "discuss")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        source = self.proxy.mapToSource(current)
        row = self.model.row_at(source.row())
        criterion = self.model.criterion_at(source.column())
        if criterion is None:
            self.detail.show_row(row)
        else:
            position = self.model.criteria.index(criterion)
            averaging = self._overview is not None and self._overview.averaging
            self.detail.show_cell(row, criterion, row.cells[position], row.consensus[position],
                                  method_score_name(averaging))  # fmt: skip
        self.requirements.show_registration(row.totals.number, row.label)

    def _current_key(self) -> tuple[str, int] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.row_at(source.row()).totals.number, source.column()

    def _restore(self, key: tuple[str, int]) -> None:
        number, column = key
        self.go_to(number, "", column=column)

    def go_to(self, number: str, code: str, column: int | None = None) -> None:
        """Select a registration's cell (on criterion code, or the given source column) and show it."""
        rows = [r.totals.number for r in self.model.rows()]
        if number not in rows:
            return
        target = self.model.column_of(code) if code and self.model.column_of(code) >= 0 else column
        source = self.model.index(rows.index(number), target if target is not None else 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out: show everything again
            self.search.clear()
            self.flag_filter.setCurrentIndex(0)
            self.criterion_filter.setCurrentIndex(0)
            self.lot_filter.setCurrentIndex(0)
            index = self.proxy.mapFromSource(source)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if code and self.model.column_of(code) < 0 and self.side.currentWidget() is self.open_panel:
            self.side.setCurrentWidget(self.requirements)

    def current_number(self) -> str | None:
        key = self._current_key()
        return key[0] if key else None

    # -- side panels ------------------------------------------------------------------------------------------------

    def _on_side_tab(self, _position: int) -> None:
        if self.side.currentWidget() is self.open_panel and self._open_stale:
            self._refresh_open()
        if self.side.currentWidget() is self.agreement and self._agreement_stale:
            self._refresh_agreement()

    def _refresh_agreement(self) -> None:
        if self._round is None or self._overview is None:
            return
        full = consolidate_round(self._context.database.sessions, self._round)
        self.agreement.set_result(full, self._overview.criteria, self._overview.averaging)
        self._agreement_stale = False

    def _refresh_open(self) -> None:
        self.open_panel.refresh()
        self._open_stale = False
        self.side.setTabText(self.side.indexOf(self.open_panel), f"Open p&unten ({self.open_panel.count()})")

    def _on_requirements_changed(self) -> None:
        self._open_stale = True
        if self.side.currentWidget() is self.open_panel:
            self._refresh_open()

    # -- actions ----------------------------------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        tint(self.message, ERROR_COLOUR if error else None)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def open_meeting(self, at_current: bool = False) -> QWidget | None:
        """The meeting window: at the agenda's start, or (Enter on a row) at the chosen registration."""
        if self._round is None:
            return None
        from beoordelaar.ui.consolidation.consensus_meeting import ConsensusMeeting

        if self._meeting is not None:
            self._meeting.close()
        meeting = ConsensusMeeting(self._context.database, self._round, self._context.actor,
                                   start=self.current_number() if at_current else None, parent=self)  # fmt: skip
        meeting.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        meeting.closed.connect(self._on_meeting_closed)
        self._meeting = meeting
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            meeting.setGeometry(screen.adjusted(20, 20, -20, -20))
        meeting.show()
        meeting.activateWindow()
        return meeting

    def _on_meeting_closed(self) -> None:
        meeting = self._meeting
        self._meeting = None
        number = meeting.current_number() if meeting is not None else None  # type: ignore[attr-defined]
        if self._round is not None and number:  # the table followed every save already (apply_changes)
            self.go_to(number, "", column=self.model.column_of(self.model.criteria[0].code)
                       if self.model.criteria else 0)  # fmt: skip

    def open_unanimous(self) -> QWidget | None:
        """The screen of the unanimous cells, to confirm them in one step; it may open the meeting at one instead."""
        if self._round is None:
            return None
        from beoordelaar.ui.consolidation.unanimous_dialog import UnanimousDialog

        sessions, round_id = self._context.database.sessions, self._round
        dialog = runner_for(self, sessions).run(
            self, lambda: UnanimousDialog(self._context.database, round_id, self._context.actor, parent=self),
            title="Eensgezinde cellen", refused=lambda text: self._say(text, error=True),
        )  # fmt: skip
        if dialog is None:
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_in_meeting.connect(self._meeting_at)
        dialog.accepted.connect(
            lambda: dialog.confirmed and self._say(
                f"{count_text(dialog.confirmed, 'eensgezinde cel', 'eensgezinde cellen')} bevestigd als consensusscore."
            )
        )  # fmt: skip
        dialog.open()
        return dialog

    def import_sheet(self) -> None:
        if self._round is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(self, "Consensusscores inlezen", str(Path.home()),
                                                "Spreadsheets (*.xlsx *.xls *.csv)")  # fmt: skip
        if not chosen:
            return
        sessions, round_id, actor = self._context.database.sessions, self._round, self._context.actor
        result = runner_for(self, sessions).run_long(
            self, "De consensusscores worden ingelezen…",
            lambda progress: import_consensus_sheet(sessions, round_id, Path(chosen), actor=actor, progress=progress),
            title="Consensus uit spreadsheet", cancellable=False, refused=lambda text: self._say(text, error=True),
        )  # fmt: skip
        if result is not None:
            self._say(
                f"{count_text(result.rows, 'consensusscore', 'consensusscores')} ingelezen: {result.created} nieuw of "
                f"gewijzigd, {result.unchanged} ongewijzigd."
            )

    def _meeting_at(self, number: str, code: str) -> None:
        self.go_to(number, code)
        self.open_meeting(at_current=True)

    def apply_averages(self) -> None:
        if self._round is None:
            return
        sessions, round_id = self._context.database.sessions, self._round
        result = runner_for(self, sessions).run(
            self,
            lambda: apply_averaging(sessions, round_id, actor=self._context.actor),
            title="Gemiddelden",
            refused=lambda text: self._say(text, error=True),
        )
        if result is None:
            return
        text = f"{count_text(result.set, 'gemiddelde', 'gemiddelden')} vastgesteld, {result.unchanged} ongewijzigd."
        if result.incomplete:
            shown = ", ".join(result.incomplete[:12]) + (" …" if len(result.incomplete) > 12 else "")
            text += f" Onvolledig (nog niet alle beoordelaars scoorden, {len(result.incomplete)}): {shown}"
        self._say(text, error=bool(result.incomplete))

    def export(self) -> Path | None:
        if self._round is None:
            return None
        suggested = str(Path.home() / f"Consolidatie {self._round_name}.xlsx".replace("/", "-"))
        chosen, _ = QFileDialog.getSaveFileName(self, "Exporteren naar Excel", suggested, "Excel-werkmap (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        sessions, round_id = self._context.database.sessions, self._round
        done = runner_for(self, sessions).run_long(
            self,
            "Het overzicht wordt geschreven…",
            lambda _progress: export_consolidation(sessions, round_id, path),
            title="Exporteren",
            cancellable=False,
        )
        if done is not None:
            self._say(f"Opgeslagen: {done}")
        return done


class ConsolidationPage(QWidget):
    """Empty-state messages, or the consolidation of the current round; loaded when shown."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._round: RoundSummary | None = None
        self._stale = False
        self.empty = MessagePage("Consolideren", "")
        self.content = ConsolidationView(context)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._show_empty("<p>Er is nog geen ronde. Maak eerst een ronde aan en importeer de inschrijvingen.</p>")

    def _show_empty(self, text: str) -> None:
        self.empty.set_text(text)
        self.stack.setCurrentWidget(self.empty)

    def set_round(self, summary: RoundSummary | None) -> None:
        self._round = summary
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        """Follow an action (a consensus score in the meeting window, a settled requirement, merged scores)."""
        if changes.touches("commission", "scoring", "consolidation", "verification", "decisions"):
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        summary = self._round
        if summary is None:
            self._show_empty("<p>Er is nog geen ronde. Maak eerst een ronde aan en importeer de inschrijvingen.</p>")
            return
        if summary.registrations == 0:
            self._show_empty(
                f"<p>Ronde <b>{html.escape(summary.name)}</b> heeft nog geen inschrijvingen: er is niets te "
                "consolideren.</p>"
            )
            return
        self.content.load(summary.id, summary.name)
        self.stack.setCurrentWidget(self.content)
