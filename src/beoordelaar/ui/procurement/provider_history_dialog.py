"""Eerdere inschrijvingen…: for the chair only (the registrations page is no assessor's), a re-applicant's earlier
registrations at other entry moments, with the decision per lot and the letters. The assessors never see this: they
assess the new registration on its own."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from beoordelaar.core.database import Database
from beoordelaar.core.procurement.api import EarlierRegistration, provider_history


def history_html(name: str, found: list[EarlierRegistration]) -> str:
    if not found:
        return f"<p>{html.escape(name)} heeft zich niet eerder ingeschreven (in deze database).</p>"
    parts = [
        f"<p><b>{html.escape(name)}</b> schreef eerder in. Alleen de voorzitter ziet dit; de beoordelaars "
        "beoordelen de nieuwe inschrijving zelfstandig.</p>"
    ]
    for earlier in found:
        lots = "".join(f"<li>perceel {html.escape(o)}</li>" for o in earlier.lot_outcomes)
        letters = "".join(
            f"<li>brief {html.escape(x.kenmerk)} (versie {x.version})"
            + (f", verzonden {html.escape(x.sent)}" if x.sent else ", niet als verzonden vastgelegd")
            + "</li>"
            for x in earlier.letters
        )
        parts.append(
            f"<h3>{html.escape(earlier.round_name)}</h3><p>Procedure {html.escape(earlier.procedure or '–')}; "
            f"inschrijving {html.escape(earlier.registration)} ({html.escape(earlier.name)}), percelen "
            f"{html.escape(', '.join(earlier.lots) or '–')}.<br>Besluit: <b>{html.escape(earlier.outcome)}</b></p>"
            + (f"<ul>{lots}</ul>" if lots else "")
            + (f"<p>Brieven:</p><ul>{letters}</ul>" if letters else "<p>Geen brieven.</p>")
        )
    return "".join(parts)


class ProviderHistoryDialog(QDialog):
    def __init__(
        self, database: Database, round_id: int, number: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("provider-history-dialog")
        self.setWindowTitle(f"Eerdere inschrijvingen – {name}")
        self.resize(640, 480)
        self.text = QTextBrowser()
        self.text.setObjectName("provider-history")
        self.text.setHtml(history_html(name, provider_history(database.sessions, round_id, number)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
