"""A saved PDF (an invitation, an interview report) shown inside the app with QtPdf, to check before sending."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setAccessibleName(title)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)
        self.loaded = self.pdf.load(str(path)) == QPdfDocument.Error.None_
        where = QLabel(f"Opgeslagen als {path}" if self.loaded else f"{path} is opgeslagen maar kan hier niet worden "
                       "getoond.")  # fmt: skip
        where.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableSize() if self.screen() else None
        self.resize(900, min(1000, int(screen.height() * 0.85)) if screen else 900)

    def done(self, result: int) -> None:
        self.pdf.close()
        super().done(result)
