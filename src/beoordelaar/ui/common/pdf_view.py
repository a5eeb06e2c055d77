"""A registration's documents inside the app: the plan of approach (a PDF) shown with QtPdf beside the criteria, with
zoom buttons, the zoom shown and the page ("pagina 2 van 7").

A document that is missing, or not a PDF, gets a plain Dutch line and a button to open it with the system viewer.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.api import DocumentRow, document_file, document_for_viewing, document_to_show
from beoordelaar.ui.common.background import show_refusal
from beoordelaar.ui.common.plan_view import PlanView, page_text

NO_DOCUMENTS = "Bij deze inschrijving is geen document aangeleverd."


class DocumentPane(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._rows: list[DocumentRow] = []
        self.pdf = QPdfDocument(self)
        self.view = PlanView()
        self.view.setObjectName("plan-view")
        self.view.setAccessibleName("Plan van aanpak")
        self.view.setDocument(self.pdf)
        self._pages = 0  # of the document shown, kept here: the view reports its page while the pane is deleted
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoom_changed.connect(self._show_zoom)
        self.message = QLabel(NO_DOCUMENTS)
        self.message.setObjectName("document-message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Document")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(8)
        self.chooser.currentIndexChanged.connect(self._show)
        self.open_button = QPushButton("In eigen &venster openen")
        self.open_button.setToolTip("Het document openen met het programma van de computer")
        self.open_button.clicked.connect(self.open_externally)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("Document:"))
        bar.addWidget(self.chooser, 1)
        bar.addWidget(self.open_button)

        self.zoom_out_button = self._tool("−", "Kleiner (Ctrl+-, of Ctrl+scrollwiel)", self.view.zoom_out)
        self.zoom_in_button = self._tool("+", "Groter (Ctrl++, of Ctrl+scrollwiel)", self.view.zoom_in)
        self.fit_button = self._tool("Paginabreedte", "De pagina zo breed als de ruimte (Ctrl+0)", self.view.fit_width)
        self.fit_button.setCheckable(True)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("plan-zoom")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("500%"))  # a steady bar
        self.page_label = QLabel()
        self.page_label.setObjectName("plan-page")
        self.page_label.setToolTip("Verder bladeren zonder de motivering te verlaten: Alt+PgDown / Alt+PgUp")
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.zoom_label):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.stack, 1)
        self.set_documents([])

    def _tool(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _show_zoom(self) -> None:
        self.fit_button.setChecked(self.view.fits_width)
        shown = self.stack.currentWidget() is self.view
        self.zoom_label.setText(f"{round(self.view.shown_zoom() * 100)}%" if shown and not self.view.fits_width else "")

    def _show_page(self, page: int) -> None:
        if shiboken6.isValid(self.page_label):  # not when the view reports its last page as the pane goes
            self.page_label.setText(page_text(page, self._pages))

    def set_documents(self, rows: list[DocumentRow]) -> None:
        self._rows = list(rows)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for row in self._rows:
            self.chooser.addItem(row.file_name + (" (ontbreekt)" if row.missing else ""))
        self.chooser.blockSignals(False)
        self.chooser.setEnabled(len(self._rows) > 1)
        index = document_to_show(self._rows)
        if index < 0:
            self._message(NO_DOCUMENTS)
            return
        self.chooser.setCurrentIndex(index)
        self._show(index)

    def _message(self, text: str) -> None:
        self.pdf.close()
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.open_button.setEnabled(False)
        self._show_viewer_tools()

    def _show_viewer_tools(self) -> None:
        shown = self.stack.currentWidget() is self.view
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setEnabled(shown)
        self._pages = self.page_count
        self._show_zoom()
        self._show_page(self.view.pageNavigator().currentPage())

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        row = self._rows[index]
        try:
            path = document_file(self._database, row.id)
        except UserError as exc:
            self._message(str(exc))
            return
        self.pdf.close()
        if self.pdf.load(str(path)) != QPdfDocument.Error.None_:
            self._message(
                f"'{row.file_name}' kan hier niet worden getoond (het is geen leesbare PDF). "
                "Open het in een eigen venster."
            )
            self.open_button.setEnabled(True)
            return
        self.stack.setCurrentWidget(self.view)
        self.open_button.setEnabled(True)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._show_viewer_tools()

    def open_externally(self) -> bool:
        index = self.chooser.currentIndex()
        if not 0 <= index < len(self._rows):
            return False
        try:
            path = document_for_viewing(self._database, self._rows[index].id)
        except UserError as exc:
            show_refusal(self, exc, "Document openen")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount() if self.stack.currentWidget() is self.view else 0
