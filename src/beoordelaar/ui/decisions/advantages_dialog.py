"""Relatieve voordelen: per lot the commission's summary of the characteristics and relative advantages of the
chosen bid(s), which every award and rejection letter of a tender or SAS quotes (Aw 2012 art. 2.130)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.decisions.api import AdvantagesRow, list_relative_advantages, set_relative_advantages
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.status_colours import text_style

TITLE = "Relatieve voordelen"
INTRO = (
    "Beschrijf per perceel de kenmerken en relatieve voordelen van de gekozen inschrijving(en), per criterium en "
    "zonder vertrouwelijke gegevens (geen bedrijfsgeheimen, geen namen van commissieleden, geen individuele scores). "
    "Elke brief aan een inschrijver op dat perceel citeert deze tekst, met de scores van de gekozen inschrijvingen "
    "per criterium. Zonder samenvatting kunnen de brieven niet worden gemaakt."
)


def status_text(row: AdvantagesRow) -> str:
    """The state of one lot in the list: described (version), missing, out of date, or nothing to describe."""
    if not row.chosen:
        return "geen gekozen inschrijving"
    if not row.text:
        return "ontbreekt"
    if row.stale:
        return "bijwerken: de gekozen inschrijvingen zijn gewijzigd"
    return f"beschreven (versie {row.revision}, {row.written_by})"


class AdvantagesDialog(QDialog):
    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database = database
        self._round_id = round_id
        self._actor = actor
        self.rows: list[AdvantagesRow] = []
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.lots = QListWidget()
        self.lots.setAccessibleName("Percelen")
        self.lots.setMaximumWidth(300)
        self.lots.setSpacing(4)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Samenvatting van de kenmerken en relatieve voordelen")
        self.text.setPlaceholderText(
            "Bijvoorbeeld: op 'Visie op normaliseren' onderscheiden de gekozen inschrijvingen zich door concrete "
            "voorbeelden uit de eigen praktijk; op 'Op- en afschalen' door vaste afspraken met de lokale teams…"
        )
        self.error = QLabel()
        self.error.setObjectName("advantages-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style("#b41414"))
        self.save_button = QPushButton("Samenvatting &opslaan")
        self.save_button.clicked.connect(self.save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        editor = QVBoxLayout()
        editor.addWidget(self.chosen)
        editor.addWidget(self.text, 1)
        editor.addWidget(self.error)
        body = QHBoxLayout()
        body.addWidget(self.lots)
        body.addLayout(editor, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.lots.currentRowChanged.connect(self._show)
        self.reload()
        self.resize(860, 460)

    def reload(self, keep: str | None = None) -> None:
        self.rows = list_relative_advantages(self._database.sessions, self._round_id)
        self.lots.blockSignals(True)
        self.lots.clear()
        for row in self.rows:
            item = QListWidgetItem(f"{row.where}\n{status_text(row)}")
            item.setData(Qt.ItemDataRole.UserRole, row.lot)
            if not row.chosen:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.lots.addItem(item)
        self.lots.blockSignals(False)
        first = next((n for n, row in enumerate(self.rows) if row.problem), None)
        chosen = next((n for n, row in enumerate(self.rows) if row.lot == keep), first)
        self.lots.setCurrentRow(chosen if chosen is not None else 0)
        self._show(self.lots.currentRow())

    def current(self) -> AdvantagesRow | None:
        index = self.lots.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show(self, _index: int) -> None:
        row = self.current()
        self.error.clear()
        if row is None:
            return
        if row.chosen:
            names = html.escape(", ".join(row.chosen_names))
            self.chosen.setText(f"<b>{html.escape(row.where)}</b> – gekozen: {names}")
        else:
            self.chosen.setText(
                f"<b>{html.escape(row.where)}</b> – geen gekozen inschrijving: er is niets te beschrijven."
            )
        self.text.setPlainText(row.text)
        self.text.setEnabled(bool(row.chosen))
        self.save_button.setEnabled(bool(row.chosen))
        if row.stale:
            self.error.setText(row.problem)

    def save(self) -> AdvantagesRow | None:
        row = self.current()
        if row is None:
            return None
        sessions, text = self._database.sessions, self.text.toPlainText()
        saved = runner_for(self, sessions).run(
            self,
            lambda: set_relative_advantages(sessions, self._round_id, row.lot, text, actor=self._actor),
            title=TITLE,
            refused=self.error.setText,
        )
        if saved is not None:
            self.reload(keep=saved.lot)
        return saved
