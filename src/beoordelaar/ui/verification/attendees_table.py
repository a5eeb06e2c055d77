"""The attendees of a verification interview: a small editable table (naam, rol, kant Regio/Aanbieder).

Keyboard: Alt+T (the add button) or Ins in the table adds a row and starts typing its name; Tab moves name -> rol
-> kant (a
choice: type R or A) and commits each cell; Del removes the selected attendee; F2 edits the current cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.verification.api import Attendee

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Naam", "Rol", "Kant")
SIDES = (("region", "Regio"), ("provider", "Aanbieder"))
NAME, ROLE, SIDE = range(3)


class AttendeesModel(QAbstractTableModel):
    """Editable rows of Attendee; rows without a name are left out of attendees()."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Attendee] = []
        self.read_only = False

    def set_attendees(self, rows: Sequence[Attendee]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def attendees(self) -> list[Attendee]:
        return [
            Attendee(a.name.strip(), a.role.strip(), a.side) for a in self._rows if a.name.strip() or a.role.strip()
        ]

    def add_row(self, side: str = "region") -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(Attendee("", "", side))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.edited.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == SIDE:
                return row.side_label if role == Qt.ItemDataRole.DisplayRole else row.side
            return row.name if index.column() == NAME else row.role
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        old = self._rows[index.row()]
        text = str(value)
        if index.column() == NAME:
            new = Attendee(text, old.role, old.side)
        elif index.column() == ROLE:
            new = Attendee(old.name, text, old.side)
        elif text in dict(SIDES):
            new = Attendee(old.name, old.role, text)
        else:
            return False
        if new != old:
            self._rows[index.row()] = new
            self.dataChanged.emit(index, index)
            self.edited.emit()
        return True


class TrackingDelegate(QStyledItemDelegate):
    """Remembers the editor it has open, so the table can commit what is being typed before saving."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = self.make_editor(parent, option, index)
        self.editor = editor
        editor.destroyed.connect(lambda: self._forget(editor))
        return editor

    def make_editor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return super().createEditor(parent, option, index)

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        self._forget(editor)
        super().destroyEditor(editor, index)

    def _forget(self, editor: QWidget) -> None:
        if self.editor is editor:
            self.editor = None


class SideDelegate(TrackingDelegate):
    """Kant as a choice: Regio or Aanbieder (type the first letter)."""

    def make_editor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.setAccessibleName("Kant")
        for value, label in SIDES:
            editor.addItem(label, value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AttendeesTable(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AttendeesModel(self)
        self.view = QTableView()
        self.view.setObjectName("attendees")
        self.view.setAccessibleName("Aanwezigen")
        self.view.setModel(self.model)
        self.text_delegate = TrackingDelegate(self.view)
        self.side_delegate = SideDelegate(self.view)
        self.view.setItemDelegate(self.text_delegate)
        self.view.setItemDelegateForColumn(SIDE, self.side_delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; inside an editor Tab goes to the next cell
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SIDE, QHeaderView.ResizeMode.Fixed)
        self.view.setColumnWidth(SIDE, 120)
        self.view.setToolTip("F2 of typen: bewerken · Tab: volgende cel · Ins: toevoegen · Del: verwijderen")

        self.add_button = QPushButton("Deelnemer &toevoegen")
        self.add_button.setToolTip("Een aanwezige toevoegen (Alt+T, of Ins in de tabel)")
        self.add_button.clicked.connect(self.add_attendee)
        self.remove_button = QPushButton("Deelnemer v&erwijderen")
        self.remove_button.setToolTip("De gekozen aanwezige verwijderen (Del in de tabel)")
        self.remove_button.clicked.connect(self.remove_current)
        # Not Ctrl+Ins: a text field takes that as Copy. In the table Ins adds and Del removes; Alt+T from anywhere.
        in_table = Qt.ShortcutContext.WidgetShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.view, self.add_attendee, context=in_table)
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self.remove_current, context=in_table)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def set_attendees(self, rows: Sequence[Attendee]) -> None:
        self.model.set_attendees(rows)

    def attendees(self) -> list[Attendee]:
        self.commit_editing()
        return self.model.attendees()

    def commit_editing(self) -> None:
        """Finish a cell being edited, so what was typed is in the model."""
        for delegate in (self.text_delegate, self.side_delegate):
            editor = delegate.editor
            if editor is not None:
                self.view.commitData(editor)
                self.view.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def set_read_only(self, read_only: bool) -> None:
        self.commit_editing()
        self.model.read_only = read_only
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def add_attendee(self) -> None:
        if self.model.read_only:
            return
        self.commit_editing()
        row = self.model.add_row()
        index = self.model.index(row, NAME)
        self.view.setFocus()
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_current(self) -> None:
        if self.model.read_only:
            return
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())
            self.view.setFocus()
