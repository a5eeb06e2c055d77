"""History events (from services.history) as a Qt table model, and their changes in Dutch words for a detail pane.

The model holds plain HistoryEvent rows; SORT_ROLE gives raw values (the event id for the time, so events of one
moment keep their order), ROW_ROLE the event itself. Ids in the changes (criterion, assessor) are shown by name.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QObject, Qt

from beoordelaar.core.record.api import (
    HistoryEvent,
    HistoryNames,
    event_changes,
    event_moment,
)
from beoordelaar.ui.common.table_model import Column, RowSortProxy, RowTableModel

ARROW = "→"
SUMMARY_FIELDS = 3
SUMMARY_VALUE = 40


def _short(text: str, limit: int = SUMMARY_VALUE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Left out of the one-line summary: the registration (the dialog is about it) and the criterion (a column of its own).
_CONTEXT_FIELDS = frozenset({"registration_id", "criterion_id"})


def change_summary(event: HistoryEvent, names: HistoryNames) -> str:
    changes = event_changes(event, names, leaving_out=_CONTEXT_FIELDS)
    parts = [
        f"{label}: {_short(after)}" if event.action == "insert"
        else f"{label}: {_short(before)} {ARROW} {_short(after)}"
        for label, before, after in changes[:SUMMARY_FIELDS]
    ]  # fmt: skip
    if len(changes) > SUMMARY_FIELDS:
        parts.append(f"+{len(changes) - SUMMARY_FIELDS} meer")
    return "; ".join(parts)


def event_criterion(event: HistoryEvent, names: HistoryNames) -> str:
    for values in (event.after, event.before):
        if values and isinstance(values.get("criterion_id"), int):
            return names.criteria.get(values["criterion_id"], str(values["criterion_id"]))
    return ""


def detail_html(event: HistoryEvent, names: HistoryNames) -> str:
    """Everything about one event: the heading line and a table of every changed field, before and after."""
    e = html.escape
    head = (
        f"<p><b>{e(event.what)}</b><br/>{e(event_moment(event))} door <b>{e(event.actor)}</b> "
        f"(bron: {e(event.source_label)}) · gebeurtenis {event.id}</p>"
    )
    changes = event_changes(event, names)
    if not changes:
        return head + "<p>Geen gewijzigde velden.</p>"
    rows = "".join(
        f"<tr><td><b>{e(label)}</b></td><td>{e(before)}</td><td>{ARROW}</td><td>{e(after)}</td></tr>"
        for label, before, after in changes
    )
    return (
        head + "<table cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th align='left'>Veld</th><th align='left'>Voor</th><th></th><th align='left'>Na</th></tr>"
        f"{rows}</table>"
    )


class HistoryColumn(IntEnum):
    AT = 0
    ACTOR = 1
    WHAT = 2
    CRITERION = 3
    SOURCE = 4
    CHANGES = 5


def changes_tip(event: HistoryEvent, names: HistoryNames) -> str | None:
    return "\n".join(f"{label}: {b} {ARROW} {a}" for label, b, a in event_changes(event, names)) or None


class HistoryModel(RowTableModel[HistoryEvent]):
    """Read-only table of HistoryEvent; columns may be limited (the round's timeline has no changes column).

    The time sorts on the event id, so events of one moment keep their order."""

    def __init__(self, parent: QObject | None = None, columns: Sequence[HistoryColumn] = tuple(HistoryColumn)) -> None:
        every: dict[HistoryColumn, Column[HistoryEvent]] = {
            HistoryColumn.AT: Column("Wanneer", event_moment, sort=lambda ev: ev.id),
            HistoryColumn.ACTOR: Column("Wie", lambda ev: ev.actor),
            HistoryColumn.WHAT: Column("Wat", lambda ev: ev.what),
            HistoryColumn.CRITERION: Column("Criterium", lambda ev: event_criterion(ev, self._names)),
            HistoryColumn.SOURCE: Column("Bron", lambda ev: ev.source_label),
            HistoryColumn.CHANGES: Column("Wijzigingen", lambda ev: change_summary(ev, self._names),
                                          tooltip=lambda ev: changes_tip(ev, self._names)),
        }  # fmt: skip
        super().__init__([every[c] for c in columns], parent)
        self.columns = tuple(columns)
        self._names = HistoryNames()

    @property
    def names(self) -> HistoryNames:
        return self._names

    def set_events(self, events: Sequence[HistoryEvent], names: HistoryNames | None = None) -> None:
        if names is not None:
            self._names = names
        self.set_rows(events)

    def events(self) -> list[HistoryEvent]:
        return self.rows()

    def column_of(self, column: HistoryColumn) -> int:
        return self.columns.index(column)


class HistoryProxy(RowSortProxy):
    """Sorts on SORT_ROLE and searches every column's text (setFilterFixedString, case-insensitive)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent, keep_ties=True)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
