"""Eensgezinde cellen bevestigen: the cells where every assessor gave the same step, confirmed by the chair in one
step. Each row has a check box; the selected row's composed motivation (the findings, without names or scores) can be
edited below the table; a motivation below the framework's minimum is marked and its cell cannot be ticked until it
is long enough. "In de bespreking" opens the consensus meeting at that registration instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.consolidation.api import Confirmation, UnanimousCell, confirm_unanimous, unanimous_cells
from beoordelaar.core.database import Database
from beoordelaar.core.text import count_text, number_text
from beoordelaar.ui.common.background import ask, runner_for
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.presentation import ERROR_COLOUR, tint
from beoordelaar.ui.common.status_colours import readable_name

TITLE = "Eensgezinde cellen bevestigen"
HEADERS = ("Bevestigen", "Inschrijving", "Aanbieder", "Criterium", "Score", "Beoordelaars", "Tekens", "Motivering")
CHECK, NUMBER, LABEL, CRITERION, STEP, ASSESSORS, LENGTH, TEXT = range(len(HEADERS))


def summary_text(cells: tuple[UnanimousCell, ...], short: int, min_length: int, left_out: int) -> str:
    head = (
        f"{count_text(len(cells), 'cel', 'cellen')} waarin alle beoordelaars dezelfde score gaven; de motivering is "
        "samengesteld uit hun bevindingen, zonder namen en scores."
    )
    if short:
        head += f" {count_text(short, 'motivering is', 'motiveringen zijn')} korter dan {min_length} tekens: vul aan."
    if left_out:
        head += (
            f" {count_text(left_out, 'inschrijving', 'inschrijvingen')} niet meegenomen (beoordeling niet compleet "
            "of ingeleverd, of een belangenverstrengeling)."
        )
    return head


class UnanimousDialog(QDialog):
    """The unanimous cells of a round, to confirm in one step."""

    open_in_meeting = Signal(str, str)  # a registration's number, a criterion's code

    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database, self._round, self._actor = database, round_id, actor
        found = unanimous_cells(database.sessions, round_id)
        self._cells = found.cells
        self._min_length, self._left_out = found.min_length, found.left_out
        self._texts = [cell.motivation for cell in found.cells]
        self.confirmed = 0

        self.summary = QLabel()
        self.summary.setObjectName("unanimous-summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(self._cells), len(HEADERS))
        self.table.setObjectName("unanimous-cells")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("unanimous-motivation")
        self.editor.setAccessibleName("Motivering van de commissie bij de gekozen cel")
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(150)
        editor_label = QLabel("&Motivering van de commissie (komt in de besluitbrief):")
        editor_label.setBuddy(self.editor)
        self.counter = QLabel()
        self.counter.setObjectName("unanimous-counter")
        self.error = QLabel()
        self.error.setObjectName("unanimous-error")
        self.error.setWordWrap(True)
        tint(self.error, ERROR_COLOUR)
        self.error.hide()

        self.all_button = QPushButton("&Alles aan")
        self.none_button = QPushButton("Alles &uit")
        self.meeting_button = QPushButton("In de bespre&king…")
        self.meeting_button.setToolTip("De consensusbespreking openen bij de inschrijving van de gekozen cel")
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm-unanimous")
        self.confirm_button.setDefault(True)
        close = QPushButton("Sluiten")
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.meeting_button.clicked.connect(self._to_meeting)
        self.confirm_button.clicked.connect(self.confirm)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm)

        self._fill()
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show(row))
        self.table.itemChanged.connect(self._on_item)
        self.editor.textChanged.connect(self._on_edit)

        head = QHBoxLayout()
        head.addWidget(editor_label)
        head.addStretch(1)
        head.addWidget(self.counter)
        buttons = QHBoxLayout()
        for button in (self.all_button, self.none_button, self.meeting_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(head)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(1000, 640)
        if self._cells:
            self.table.setCurrentCell(0, CHECK)
        else:
            self.editor.setEnabled(False)
        self._update()

    # -- the table --------------------------------------------------------------------------------------------------

    def _fill(self) -> None:
        self.table.blockSignals(True)
        for row, cell in enumerate(self._cells):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Unchecked if cell.shortfall else Qt.CheckState.Checked)
            self.table.setItem(row, CHECK, check)
            values = (cell.number, cell.label, cell.code, f"{number_text(cell.value)} – {cell.step}",
                      str(cell.assessors), "", "")  # fmt: skip
            for column, text in enumerate(values, start=NUMBER):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self._show_length(row)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(LABEL, min(self.table.columnWidth(LABEL), 240))

    def _short(self, row: int) -> bool:
        return len(self._texts[row].strip()) < self._min_length

    def _show_length(self, row: int) -> None:
        item = self.table.item(row, LENGTH)
        length = len(self._texts[row].strip())
        item.setText(f"{length}" + (" – te kort" if self._short(row) else ""))
        item.setToolTip(f"Minimaal {self._min_length} tekens")
        red = QColor(readable_name(ERROR_COLOUR, QPalette.ColorRole.Base))
        item.setForeground(red if self._short(row) else self.palette().text().color())
        preview = " ".join(self._texts[row].split())
        self.table.item(row, TEXT).setText(preview)
        self.table.item(row, TEXT).setToolTip(plain(self._texts[row]))

    def rows_ticked(self) -> list[int]:
        checked = Qt.CheckState.Checked
        return [r for r in range(self.table.rowCount()) if self.table.item(r, CHECK).checkState() == checked]

    def _tick_all(self, on: bool) -> None:
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            state = Qt.CheckState.Checked if on and not self._short(row) else Qt.CheckState.Unchecked
            self.table.item(row, CHECK).setCheckState(state)
        self.table.blockSignals(False)
        self._update()

    def _on_item(self, item: QTableWidgetItem) -> None:
        if item.column() == CHECK and item.checkState() == Qt.CheckState.Checked and self._short(item.row()):
            self.table.blockSignals(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.table.blockSignals(False)
            self._say(f"De motivering bij {self._cells[item.row()].number} {self._cells[item.row()].code} is te kort; "
                      "vul haar eerst aan.")  # fmt: skip
        self._update()

    # -- the motivation of the selected cell ------------------------------------------------------------------------

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._cells):
            return
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._texts[row])
        self.editor.blockSignals(False)
        self._count(row)

    def _on_edit(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._cells):
            return
        was_short = self._short(row)
        self._texts[row] = self.editor.toPlainText()
        self._show_length(row)
        if was_short and not self._short(row):
            self.table.item(row, CHECK).setCheckState(Qt.CheckState.Checked)
        elif self._short(row):
            self.table.item(row, CHECK).setCheckState(Qt.CheckState.Unchecked)
        self._count(row)

    def _count(self, row: int) -> None:
        length = len(self._texts[row].strip())
        self.counter.setText(f"{length} / {self._min_length} tekens")
        tint(self.counter, ERROR_COLOUR if length < self._min_length else None)

    def _update(self) -> None:
        short = sum(1 for r in range(len(self._cells)) if self._short(r))
        self.summary.setText(summary_text(self._cells, short, self._min_length, self._left_out))
        ticked = len(self.rows_ticked())
        self.confirm_button.setText(f"&Bevestigen ({ticked})")
        self.confirm_button.setEnabled(ticked > 0)
        self.meeting_button.setEnabled(bool(self._cells))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- actions ----------------------------------------------------------------------------------------------------

    def _to_meeting(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._cells):
            self.open_in_meeting.emit(self._cells[row].number, self._cells[row].code)
            self.accept()

    def confirm(self) -> None:
        rows = self.rows_ticked()
        if not rows:
            return
        chosen = [Confirmation(self._cells[r].number, self._cells[r].code, self._texts[r]) for r in rows]
        registrations = len({c.number for c in chosen})
        if not ask(self, TITLE, f"{count_text(len(chosen), 'cel', 'cellen')} van "
                   f"{count_text(registrations, 'inschrijving', 'inschrijvingen')} als consensusscore bevestigen, "
                   "met de motivering zoals die er nu staat?"):  # fmt: skip
            return
        sessions, round_id, actor = self._database.sessions, self._round, self._actor
        result = runner_for(self, sessions).run_long(
            self, f"{count_text(len(chosen), 'cel', 'cellen')} bevestigen…",
            lambda progress: confirm_unanimous(sessions, round_id, chosen, actor=actor, progress=progress),
            title=TITLE, cancellable=False, refused=self._say,
        )  # fmt: skip
        if result is None:
            return
        self.confirmed = result.confirmed
        self.accept()
