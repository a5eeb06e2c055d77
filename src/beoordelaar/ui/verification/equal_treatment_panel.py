"""Gelijke behandeling: how many interviews were held per lot, per criterion which question was asked of which
provider, so the chair can see that like doubts got like questions, and a warning for comparable doubts (same
requirement, same answer) settled with an interview for one provider and without for another, or differently."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from beoordelaar.core.verification.api import EqualTreatment
from beoordelaar.ui.common.presentation import ERROR_COLOUR, tint
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


def unequal_html(overview: EqualTreatment) -> str:
    """The warning, one paragraph per group of comparable doubts, with every registration in it."""
    esc = html.escape
    groups = "".join(
        f"<p style='margin:2px 0'><b>{esc(group.text)}</b><br>"
        + "<br>".join(f"&nbsp;&nbsp;• {esc(doubt.text)}" for doubt in group.doubts)
        + "</p>"
        for group in overview.unequal
    )
    return f"<b>Let op: vergelijkbare twijfels verschillend behandeld.</b>{groups}" if groups else ""


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
        self.unequal = QLabel()
        self.unequal.setObjectName("unequal-doubts")
        self.unequal.setWordWrap(True)
        self.unequal.setTextFormat(Qt.TextFormat.RichText)
        self.unequal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint(self.unequal, ERROR_COLOUR)
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
        layout.addWidget(self.unequal)
        layout.addWidget(self.per_lot)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def set_overview(self, overview: EqualTreatment, titles: Mapping[str, str]) -> None:
        self.per_lot.setText(per_lot_text(overview))
        self.unequal.setText(unequal_html(overview))
        self.unequal.setVisible(bool(overview.unequal))
        self.model.set_rows(question_rows(overview, titles))
        self.empty.setVisible(self.model.rowCount() == 0)
        self.view.resizeRowsToContents()
