"""The commission at the chair as a Qt table model: each member's progress, hand-in, declaration, conflicts and
exchanges (never the scores themselves)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from beoordelaar.core.exchange.api import MemberProgress
from beoordelaar.core.text import date_text
from beoordelaar.ui.common.status_colours import DONE
from beoordelaar.ui.common.table_model import Column, RowTableModel

WARNING_COLOUR = QColor(170, 30, 30)


class MemberColumn(IntEnum):
    NAME = 0
    ROLE = 1
    PROGRESS = 2
    HANDED_IN = 3
    DECLARATION = 4
    CONFLICTS = 5
    EXCHANGE = 6
    KEY = 7


UNDECLARED_TIP = "Zonder getekende geheimhoudingsverklaring krijgt dit lid geen werkpakket"


def handed_in_text(row: MemberProgress) -> str:
    if row.handed_in:
        return f"ja, {date_text(row.submitted_at)}"
    return "nee" if row.work_revision == 1 else f"nee (heropend, revisie {row.work_revision})"


def declaration_text(row: MemberProgress) -> str:
    if row.confidentiality_declared_at:
        return f"getekend {date_text(row.confidentiality_declared_at)}"
    return "niet getekend"


def member_tip(row: MemberProgress) -> str | None:
    return "\n".join(t for t in (row.organisation, row.email) if t) or None


UNSTATED_TIP = "Zonder verklaring over belangenverstrengeling (ook 'geen') worden geen scores van dit lid aangenomen"


def conflicts_text(row: MemberProgress) -> str:
    if row.conflicts_declared_at is None:
        return "niet verklaard" + (f" ({', '.join(row.conflicts)})" if row.conflicts else "")
    return ", ".join(row.conflicts) if row.conflicts else "geen"


def conflicts_tip(row: MemberProgress) -> str:
    if row.conflicts_declared_at is None:
        return UNSTATED_TIP
    return "\n".join([*row.conflicts, f"Verklaard op {date_text(row.conflicts_declared_at)}"])


def exchange_text(row: MemberProgress) -> str:
    package = f"pakket {row.package_revision}" if row.package_revision else "geen pakket"
    back = f"retour {row.return_revision}" if row.return_revision else "geen retour"
    return f"{package} · {back}"


def _progress(row: MemberProgress) -> float:
    return (row.done / row.total if row.total else 0.0) + row.done * 1e-6


# Plain numbers and strings as sort values: Qt's proxy compares those, not Python tuples.
COLUMNS: tuple[Column[MemberProgress], ...] = (
    Column("Lid", lambda r: r.name, tooltip=member_tip),
    Column("Rol", lambda r: r.role.label),
    Column("Voortgang", lambda r: r.progress_text, sort=_progress,
           header_tooltip="Hoeveel van de toegewezen scores en toetsingen gedaan zijn (geen scores zelf)"),
    Column("Ingeleverd", handed_in_text, sort=lambda r: r.submitted_at.timestamp() if r.submitted_at else 0.0,
           foreground=lambda r: DONE if r.handed_in else None),
    Column("Geheimhouding", declaration_text,
           sort=lambda r: r.confidentiality_declared_at.timestamp() if r.confidentiality_declared_at else 0.0,
           foreground=lambda r: None if r.confidentiality_declared_at else WARNING_COLOUR,
           tooltip=lambda r: None if r.confidentiality_declared_at else UNDECLARED_TIP,
           header_tooltip="Of de geheimhoudingsverklaring is getekend"),
    Column("Belangenverstrengeling", conflicts_text, sort=lambda r: len(r.conflicts),
           foreground=lambda r: None if r.conflicts_declared_at else WARNING_COLOUR, tooltip=conflicts_tip,
           header_tooltip="Inschrijvingen waarbij dit lid een belangenverstrengeling meldde; die beoordeelt het niet"),
    Column("Werkpakket / retour", exchange_text,
           sort=lambda r: (r.package_revision or 0) * 1000 + (r.return_revision or 0),
           header_tooltip="De laatste versie van het gemaakte werkpakket en van het ingelezen retourbestand"),
    Column("Sleutel laptop", lambda r: r.key_fingerprint or "nog niet bevestigd",
           header_tooltip="De vingerafdruk van de sleutel waarmee de laptop van dit lid retourbestanden ondertekent, "
                          "bevestigd bij het eerste retourbestand"),
)  # fmt: skip


class CommissionModel(RowTableModel[MemberProgress]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
