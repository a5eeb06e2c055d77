"""Bestand › Ronde hernoemen… and Ronde verwijderen…: the questions, and the actions through the window's runner."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from beoordelaar.core.database import Database
from beoordelaar.core.rounds.api import RemovedRound, RoundSummary, remove_round, rename_round
from beoordelaar.core.text import count_text
from beoordelaar.ui.common.background import ask, runner_for

RENAME_TITLE = "Ronde hernoemen"
REMOVE_TITLE = "Ronde verwijderen"


def ask_rename_round(parent: QWidget, database: Database, actor: str, summary: RoundSummary) -> RoundSummary | None:
    """The round under the name typed, or None when cancelled or refused (the refusal was shown)."""
    name, ok = QInputDialog.getText(
        parent, RENAME_TITLE, f"Nieuwe naam voor ronde '{summary.name}':", QLineEdit.EchoMode.Normal, summary.name
    )
    if not ok:
        return None
    return runner_for(parent, database.sessions).run(
        parent, lambda: rename_round(database.sessions, summary.id, name, actor=actor), title=RENAME_TITLE
    )


def removal_question(summary: RoundSummary) -> str:
    return (
        f"Ronde '{summary.name}' met alles erin verwijderen: "
        f"{count_text(summary.registrations, 'inschrijving', 'inschrijvingen')}, "
        f"{count_text(summary.assessors, 'commissielid', 'commissieleden')}, "
        f"{count_text(summary.scores, 'score', 'scores')} en {count_text(summary.decisions, 'besluit', 'besluiten')}?"
        "\n\nEerst wordt een reservekopie van de hele database gemaakt (in de map backups naast de database); de "
        "geschiedenis houdt vast dat de ronde bestond en wie haar verwijderde."
    )


def ask_remove_round(parent: QWidget, database: Database, actor: str, summary: RoundSummary) -> RemovedRound | None:
    """The removed round, or None when the chair said no or it was refused (the refusal was shown)."""
    if not ask(parent, REMOVE_TITLE, removal_question(summary)):
        return None
    removed = runner_for(parent, database.sessions).run_long(
        parent,
        f"Ronde '{summary.name}' verwijderen…",
        lambda _progress: remove_round(database.sessions, summary.id, actor=actor),
        title=REMOVE_TITLE,
        cancellable=False,
    )
    if removed is not None:
        QMessageBox.information(
            parent,
            REMOVE_TITLE,
            f"<p>Ronde '{html.escape(removed.name)}' is verwijderd.</p>"
            f"<p>De reservekopie van de database van daarvoor:<br><code>{html.escape(str(removed.backup))}</code></p>",
        )
    return removed
