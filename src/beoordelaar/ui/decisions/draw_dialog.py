"""Loting vastleggen: a tie on the boundary of a selection's maximum, decided by drawing lots.

The chair lets the app draw, or enters the order of a draw held by hand (a notary, a witnessed draw); either way with
who drew and who witnessed it. The order is set with the keyboard too (Omhoog / Omlaag).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.decisions.api import PendingDrawRow
from beoordelaar.core.text import and_list, count_text


def draw_intro(pending: PendingDrawRow) -> str:
    where = f"In perceel {pending.lot}" if pending.lot else "In deze ronde"
    tied = and_list([f"{n} ({p})" for n, p in zip(pending.numbers, pending.providers, strict=True)])
    return (
        f"{where} staan {tied} gelijk op de grens van het maximum, ook na de beslisregels van het kader. "
        f"Voor {count_text(pending.places, 'plaats', 'plaatsen')} beslist loting: wie het eerst getrokken wordt, "
        "gaat het eerst door."
    )


class DrawDialog(QDialog):
    def __init__(self, pending: PendingDrawRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Loting vastleggen")
        intro = QLabel(draw_intro(pending))
        intro.setWordWrap(True)
        self.by_app = QRadioButton("Het programma &trekt nu (de toevalsgenerator van het besturingssysteem)")
        self.by_hand = QRadioButton("De uitkomst van een loting met de &hand invoeren")
        self.by_app.setChecked(True)
        self.order = QListWidget()
        self.order.setAccessibleName("Getrokken volgorde, de eerste eerst")
        for number, provider in zip(pending.numbers, pending.providers, strict=True):
            self.order.addItem(f"{number} – {provider}")
        self.order.setCurrentRow(0)
        self._numbers = list(pending.numbers)
        self.up = QPushButton("Om&hoog")
        self.down = QPushButton("Om&laag")
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.drawn_by = QLineEdit()
        self.drawn_by.setAccessibleName("Getrokken door")
        self.drawn_by.setPlaceholderText("bijvoorbeeld de notaris, of de voorzitter")
        self.witnesses = QLineEdit()
        self.witnesses.setAccessibleName("Getuigen")
        self.witnesses.setPlaceholderText("wie erbij waren")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Loting &vastleggen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.by_app, self.by_hand, self.drawn_by, self.witnesses):
            signal = widget.toggled if isinstance(widget, QRadioButton) else widget.textChanged
            signal.connect(self._update)

        moves = QVBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        order_row = QHBoxLayout()
        order_row.addWidget(self.order, 1)
        order_row.addLayout(moves)
        form = QFormLayout()
        form.addRow("Getrokken &door:", self.drawn_by)
        form.addRow("&Getuigen:", self.witnesses)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.by_app)
        layout.addWidget(self.by_hand)
        layout.addWidget(QLabel("Getrokken volgorde (de eerste eerst):"))
        layout.addLayout(order_row)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self._update()

    def _move(self, step: int) -> None:
        row = self.order.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(row)
        self.order.insertItem(target, item)
        self._numbers.insert(target, self._numbers.pop(row))
        self.order.setCurrentRow(target)

    def _update(self) -> None:
        by_hand = self.by_hand.isChecked()
        for widget in (self.order, self.up, self.down):
            widget.setEnabled(by_hand)
        filled = bool(self.drawn_by.text().strip() and self.witnesses.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(filled)

    def chosen(self) -> tuple[list[str] | None, str, str]:
        """The order drawn by hand (None: let the app draw), who drew, who witnessed."""
        order = list(self._numbers) if self.by_hand.isChecked() else None
        return order, self.drawn_by.text().strip(), self.witnesses.text().strip()
