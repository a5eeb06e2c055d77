"""A registration's documents inside the app: the plan of approach (a PDF) shown with QtPdf beside the criteria.

A document that is missing, or not a PDF, gets a plain Dutch line and a button to open it with the system viewer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.api import DocumentRow, document_file, document_for_viewing, document_to_show
from beoordelaar.ui.common.background import show_refusal

NO_DOCUMENTS = "Bij deze inschrijving is geen document aangeleverd."


class DocumentPane(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._rows: list[DocumentRow] = []
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("plan-view")
        self.view.setAccessibleName("Plan van aanpak")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)
        # Fitting the width while a scroll bar comes and goes can loop for ever (the fit changes the height, the
        # height the scroll bar): keep the vertical one, never the horizontal one.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.set_documents([])

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
