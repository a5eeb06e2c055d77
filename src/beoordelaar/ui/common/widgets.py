"""Small building blocks shared by pages: a page title, a message page with a title, text and buttons, and the
read-only table every list of records is shown in."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.ui.common.plain_text import plain_label

# A column fits the widest of this many rows (those in view first), not every row: Qt's default of 1,000 makes each
# fit of a long list measure every cell.
SIZE_SAMPLE_ROWS = 30


def page_title(text: str) -> QLabel:
    """A page's or a dialog's heading, as plain text (it often names a round or a provider)."""
    label = plain_label(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class MessagePage(QWidget):
    """A friendly full-page message (welcome, empty list) with optional buttons below the text."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = page_title(title)
        self.text_label = QLabel(html)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setWordWrap(True)
        self.text_label.setMaximumWidth(720)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        self._buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addLayout(self._buttons)
        layout.addStretch(1)

    def set_text(self, html: str) -> None:
        self.text_label.setText(html)

    def add_button(self, button: QPushButton) -> QPushButton:
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button


def action_button(action: QAction, text: str | None = None) -> QPushButton:
    """A push button that triggers action and follows its enabled state and tooltip."""
    button = QPushButton(text or action.text())

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip() if action.isEnabled() else action.statusTip())

    button.clicked.connect(action.trigger)
    action.changed.connect(follow)
    follow()
    return button


class RecordTable(QTableView):
    """A table whose columns fit their contents when rows arrive (the model reset, rows added), and in between keep
    the width a user may have dragged. Not Qt's ResizeToContents: that measures the rows again at every layout of the
    view (each resize, each show), which made showing a 300-row list the costliest step of a start."""

    def setModel(self, model: QAbstractItemModel | None) -> None:
        previous = self.model()
        if previous is not None:
            previous.modelReset.disconnect(self.fit_columns)
            previous.rowsInserted.disconnect(self.fit_columns)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.fit_columns)
            model.rowsInserted.connect(self.fit_columns)
            self.fit_columns()

    def fit_columns(self) -> None:
        """Each column that is not stretched to the widest of its first SIZE_SAMPLE_ROWS rows and its header."""
        header = self.horizontalHeader()
        for column in range(header.count()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                self.resizeColumnToContents(column)


def record_table(
    model: QAbstractItemModel | None,
    accessible_name: str,
    *,
    object_name: str | None = None,
    stretch: int | None = None,
    sort_by: int | None = None,
    multi_select: bool = False,
) -> QTableView:
    """A read-only list of records: whole rows selected, no editing, arrows move inside and Tab leaves it (keyboard
    first), one line per row, columns sized to their contents when rows arrive (RecordTable) with one column taking
    the spare width. With sort_by
    the user can sort by clicking a header; the list starts sorted on that column (-1: in the model's order)."""
    view = RecordTable()
    view.setObjectName(object_name or accessible_name)
    view.setAccessibleName(accessible_name)
    if model is not None:
        view.setModel(model)
    if sort_by is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_by, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view


class RichTextPane(QWidget):
    """Selectable rich text that scrolls when it is longer than the space it has (detail and figure panels)."""

    def __init__(self, object_name: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text)
        self.label.setObjectName(object_name)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setContentsMargins(8, 8, 8, 8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def text(self) -> str:
        return self.label.text()


def select_source_row(view: QTableView, source_row: int) -> None:
    """Select the row of a sorted record_table that shows its source model's row source_row."""
    model = view.model()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    index = source.index(source_row, 0)
    view.selectRow(model.mapFromSource(index).row() if isinstance(model, QSortFilterProxyModel) else index.row())
