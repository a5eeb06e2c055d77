"""Gelijke behandeling: how many interviews were held per lot, and per criterion which question was asked of which
provider, so the chair can see that like doubts got like questions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from beoordelaar.core.verification.api import EqualTreatment
from beoordelaar.ui.common.table_model import Column, RowSortProxy, RowTableModel


@dataclass(frozen=True)
class QuestionRow:
    code: str
    title: str
    provider: str
    question: str


def question_rows(overview: EqualTreatment, titles: Mapping[str, str]) -> list[QuestionRow]:
    return [
        QuestionRow(code, titles.get(code, ""), provider, question)
        for code, asked in overview.questions.items()
        for provider, question in asked
    ]


def per_lot_text(overview: EqualTreatment) -> str:
    if not overview.per_lot:
        return "Nog geen gehouden verificatiegesprekken."
    parts = [f"{lot if lot.startswith('(') else 'perceel ' + lot}: {count}" for lot, count in overview.per_lot.items()]
    return f"Gehouden gesprekken per perceel: {' · '.join(parts)} (een gesprek telt mee bij elk perceel ervan)"


COLUMNS: tuple[Column[QuestionRow], ...] = (
    Column("Criterium", lambda r: r.code, sort=lambda r: r.code, tooltip=lambda r: f"{r.code} {r.title}"),
    Column("Aanbieder", lambda r: r.provider, tooltip=lambda r: r.provider),
    Column("Gestelde vraag", lambda r: r.question, sort=lambda r: r.question, tooltip=lambda r: r.question),
)


class QuestionsModel(RowTableModel[QuestionRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)


class EqualTreatmentPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.per_lot = QLabel()
        self.per_lot.setObjectName("interviews-per-lot")
        self.per_lot.setWordWrap(True)
        self.model = QuestionsModel(self)
        self.proxy = RowSortProxy(parent=self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("questions-per-criterion")
        self.view.setAccessibleName("Gestelde vragen per criterium")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(1, 170)
        self.empty = QLabel("Nog geen vragen vastgelegd in een gehouden gesprek.")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.per_lot)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def set_overview(self, overview: EqualTreatment, titles: Mapping[str, str]) -> None:
        self.per_lot.setText(per_lot_text(overview))
        self.model.set_rows(question_rows(overview, titles))
        self.empty.setVisible(self.model.rowCount() == 0)
        self.view.resizeRowsToContents()
