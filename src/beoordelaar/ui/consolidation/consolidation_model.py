"""The consolidation as a heat map: registrations (rows) by plan criteria (columns), each cell the mean of the
individual scores with its spread, coloured by the mean on the criterion's scale; then the weighted total, the
consensus state, the plan's verdict and, only where the procedure ranks, the rank.

Plain rows only (ConsolidationRow); SORT_ROLE gives raw values, ROW_ROLE the row, CELL_ROLE the cell's Cell.
The proxy filters by flag (all / gemarkeerd / ontbrekend), criterion, lot and a search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPainter, QPalette, QPixmap, QPolygon

from beoordelaar.core.consolidation.api import (
    Cell,
    Flag,
    PlanCriterion,
    RegistrationTotals,
    RoundConsolidation,
    RoundOverview,
    needs_discussion,
)
from beoordelaar.core.decisions.api import method_score_name
from beoordelaar.core.text import capitalised, count_text, decimal_text, word
from beoordelaar.ui.common.plain_text import plain, plain_tip
from beoordelaar.ui.common.status_colours import readable_on

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
CELL_ROLE = Qt.ItemDataRole.UserRole + 3
FLAG_ROLE = Qt.ItemDataRole.UserRole + 4  # "discuss", "missing" or None: which marker the cell shows

Index = QModelIndex | QPersistentModelIndex

CONSENSUS_ORDER = {"open": 0, "partial": 1, "complete": 2}
PLAN_LABELS = {True: "Voldoet", False: "Voldoet niet", None: "–"}

# Pastel heat map: low scores red, the middle yellow, high scores green; black text stays readable on all of them.
_LOW, _MID, _HIGH = QColor(240, 150, 140), QColor(250, 228, 150), QColor(150, 212, 150)
_EMPTY = QColor(236, 236, 236)
_STEPS = 40
_FAIL_TEXT = QColor(160, 20, 20)


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


_PALETTE = tuple(
    QBrush(_blend(_LOW, _MID, 2 * i / _STEPS) if i <= _STEPS // 2 else _blend(_MID, _HIGH, 2 * i / _STEPS - 1))
    for i in range(_STEPS + 1)
)
_EMPTY_BRUSH = QBrush(_EMPTY)


# The markers are small pictures the view's own (C++) delegate draws beside the text: a red triangle pointing up
# for a cell to discuss, a blue one pointing down for a missing score. No Python delegate paints per cell: with
# PySide 6.12 on Python 3.11 every void Qt call from Python drops a reference to None, and a paint() per cell while
# scrolling 2,000 rows crashed the interpreter within seconds (see bench/bench_consolidation_view.py).
MARKER_COLOURS = {"discuss": QColor(190, 20, 20), "missing": QColor(30, 50, 140)}


def draw_marker(kind: str, size: int = 12) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(MARKER_COLOURS[kind]))
    top, bottom = (0, size - 1) if kind == "discuss" else (size - 1, 0)
    painter.drawPolygon(QPolygon([QPoint(size // 2, top), QPoint(size - 1, bottom), QPoint(0, bottom)]))
    painter.end()
    return pixmap


def heat_colour(mean: Decimal | None, criterion: PlanCriterion) -> QColor:
    """The background of a cell: its mean's place on the criterion's scale, from red (lowest) to green (highest)."""
    return heat_brush(mean, criterion).color()


def heat_brush(mean: Decimal | None, criterion: PlanCriterion) -> QBrush:
    if mean is None or not criterion.scale:
        return _EMPTY_BRUSH
    span = criterion.highest - criterion.lowest
    fraction = float((mean - criterion.lowest) / span) if span else 1.0
    return _PALETTE[round(min(max(fraction, 0.0), 1.0) * _STEPS)]


def number_text(value: Decimal | None, places: int = 1) -> str:
    """A number the Dutch way (decimal comma); whole numbers without decimals."""
    return decimal_text(value, places, whole_bare=True, empty="–")


def cell_text(cell: Cell | None, consensus: Decimal | None) -> str:
    if cell is None or cell.mean is None:
        text = "–"
    else:
        text = number_text(cell.mean)
        if cell.spread_steps:
            text += f"  Δ{cell.spread_steps}"
    if consensus is not None:
        text += f"  → {number_text(consensus, 2)}"
    return text


def flag_kind(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    if needs_discussion(cell.flags):
        return "discuss"
    if Flag.MISSING in cell.flags:
        return "missing"
    return None


def rank_text(ranks: tuple[tuple[str, int], ...]) -> str:
    if len(ranks) == 1:
        return str(ranks[0][1])
    return ", ".join(f"{lot or '–'}: {rank}" for lot, rank in ranks)


@dataclass(frozen=True)
class ConsolidationRow:
    totals: RegistrationTotals
    label: str
    cells: tuple[Cell | None, ...]  # in criterion order
    consensus: tuple[Decimal | None, ...]  # the current consensus score per criterion

    @property
    def discussion(self) -> bool:
        return any(flag_kind(c) == "discuss" for c in self.cells)

    @property
    def missing(self) -> bool:
        return any(c is not None and Flag.MISSING in c.flags for c in self.cells)


def build_rows(result: RoundConsolidation, overview: RoundOverview) -> list[ConsolidationRow]:
    codes = [c.code for c in overview.criteria]
    cells = {(cell.registration, cell.criterion): cell for cell in result.cells}
    return [
        ConsolidationRow(
            totals=r,
            label=overview.labels.get(r.id, r.name),
            cells=tuple(cells.get((r.id, code)) for code in codes),
            consensus=tuple(overview.consensus.get((r.id, code)) for code in codes),
        )
        for r in result.registrations
    ]


class Fixed(StrEnum):
    NUMBER = "Inschrijving"
    NAME = "Aanbieder"
    LOTS = "Percelen"
    TOTAL = "Totaal"
    CONSENSUS = "Consensus"
    PLAN = "Plan"
    RANK = "Rang"


def fixed_tips(averaging: bool) -> dict[Fixed, str]:
    """The fixed columns' tooltips, with the commission's score called what the round's method makes it."""
    one, many = method_score_name(averaging), method_score_name(averaging, plural=True)
    return {
        Fixed.TOTAL: f"Gewogen totaal van de {many} (alleen als alle criteria zijn vastgesteld)",
        Fixed.CONSENSUS: f"Open: nog geen {one}; Deels: een deel van de criteria; Vastgesteld: alle criteria",
        **FIXED_TIPS,
    }


FIXED_TIPS = {  # the tips that do not depend on the method
    Fixed.PLAN: "Of elk criterium van het plan van aanpak het minimum haalt; de toelichting staat in de tooltip",
    Fixed.RANK: "Rang per perceel op gewogen totaal (alleen inschrijvingen die het plan halen)",
}


class ConsolidationModel(QAbstractTableModel):
    """Read-only heat map; replace everything with set_data after each change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConsolidationRow] = []
        self._criteria: tuple[PlanCriterion, ...] = ()
        self._columns: list[Fixed | int] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._marker_size = 12
        self._markers: dict[str, QPixmap] = {}  # by kind, drawn once for the current size
        self.set_data([], (), ranks=False)

    # -- content ----------------------------------------------------------------------------------------------------

    def set_data(
        self, rows: Sequence[ConsolidationRow], criteria: Sequence[PlanCriterion], *, ranks: bool,
        averaging: bool = False,
    ) -> None:  # fmt: skip
        self.beginResetModel()
        self._averaging = averaging
        self._rows = list(rows)
        self._criteria = tuple(criteria)
        self._columns = [Fixed.NUMBER, Fixed.NAME, Fixed.LOTS, *range(len(self._criteria)), Fixed.TOTAL,
                         Fixed.CONSENSUS, Fixed.PLAN]  # fmt: skip
        if ranks:
            self._columns.append(Fixed.RANK)
        self.endResetModel()

    def set_marker_size(self, size: int) -> None:
        """Markers grow with the font (presentation mode)."""
        if size != self._marker_size:
            self._marker_size = size
            self._markers.clear()
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def _marker(self, kind: str) -> QPixmap:
        if kind not in self._markers:
            self._markers[kind] = draw_marker(kind, self._marker_size)
        return self._markers[kind]

    @property
    def criteria(self) -> tuple[PlanCriterion, ...]:
        return self._criteria

    def rows(self) -> list[ConsolidationRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ConsolidationRow:
        return self._rows[row]

    def column_of(self, what: Fixed | str) -> int:
        """The column of a fixed column, or of a criterion by its code; -1 when absent (e.g. no rank column)."""
        if isinstance(what, Fixed):
            return self._columns.index(what) if what in self._columns else -1
        codes = [c.code for c in self._criteria]
        return self._columns.index(codes.index(what)) if what in codes else -1

    def criterion_at(self, column: int) -> PlanCriterion | None:
        kind = self._columns[column] if 0 <= column < len(self._columns) else None
        return self._criteria[kind] if isinstance(kind, int) and not isinstance(kind, Fixed) else None

    def fixed_at(self, column: int) -> Fixed | None:
        kind = self._columns[column] if 0 <= column < len(self._columns) else None
        return kind if isinstance(kind, Fixed) else None

    # -- Qt ---------------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        kind = self._columns[section]
        if isinstance(kind, Fixed):
            if role == Qt.ItemDataRole.DisplayRole:
                return kind.value
            if role == Qt.ItemDataRole.ToolTipRole:
                return fixed_tips(self._averaging).get(kind)
            return None
        criterion = self._criteria[kind]
        if role == Qt.ItemDataRole.DisplayRole:
            minimum = f" ≥{number_text(criterion.minimum)}" if criterion.minimum is not None else ""
            return f"{criterion.code}{minimum}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{criterion.code} – {criterion.title}", f"Weging {number_text(criterion.weight, 2)}"]
            if criterion.minimum is not None:
                lines.append(f"Minimum {number_text(criterion.minimum)}")
            lines.append(f"Cel: gemiddelde, Δ spreiding in stappen, → {method_score_name(self._averaging)}")
            return plain("\n".join(lines))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        kind = self._columns[index.column()]
        found = self._fixed(row, kind, role) if isinstance(kind, Fixed) else self._criterion(row, kind, role)
        return plain_tip(found) if role == Qt.ItemDataRole.ToolTipRole else found

    def _criterion(self, row: ConsolidationRow, position: int, role: int) -> Any:
        cell = row.cells[position]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell, row.consensus[position])
        if role == Qt.ItemDataRole.BackgroundRole:
            return heat_brush(cell.mean if cell else None, self._criteria[position])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(Qt.GlobalColor.black)
        if role == FLAG_ROLE:
            return flag_kind(cell)
        if role == Qt.ItemDataRole.DecorationRole:
            kind = flag_kind(cell)
            return self._marker(kind) if kind else None
        if role == SORT_ROLE:
            return cell.mean if cell else None
        if role == Qt.ItemDataRole.FontRole and flag_kind(cell) == "discuss":
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(self._criteria[position], cell, row.consensus[position], self._averaging)
        if role == CELL_ROLE:
            return cell
        if role == ROW_ROLE:
            return row
        return None

    def _fixed(self, row: ConsolidationRow, kind: Fixed, role: int) -> Any:
        totals = row.totals
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Fixed.NUMBER: lambda: totals.number,
                Fixed.NAME: lambda: row.label,
                Fixed.LOTS: lambda: ", ".join(totals.lots),
                Fixed.TOTAL: lambda: number_text(totals.total, 2),
                Fixed.CONSENSUS: lambda: word("consensus", totals.consensus),
                Fixed.PLAN: lambda: PLAN_LABELS[totals.plan_passed],
                Fixed.RANK: lambda: rank_text(totals.ranks),
            }[kind]()
        if role == SORT_ROLE:
            return {
                Fixed.NUMBER: lambda: totals.number.casefold(),
                Fixed.NAME: lambda: row.label.casefold(),
                Fixed.LOTS: lambda: ", ".join(totals.lots) or None,
                Fixed.TOTAL: lambda: totals.total,
                Fixed.CONSENSUS: lambda: CONSENSUS_ORDER.get(totals.consensus, 0),
                Fixed.PLAN: lambda: {False: 0, None: 1, True: 2}[totals.plan_passed],
                Fixed.RANK: lambda: min((rank for _lot, rank in totals.ranks), default=None),
            }[kind]()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind in (Fixed.PLAN, Fixed.TOTAL, Fixed.CONSENSUS):
                return totals.why
            if kind is Fixed.NAME:
                return row.label
            if kind is Fixed.RANK and totals.ranks:
                return "\n".join(f"Perceel {lot or '–'}: rang {rank}" for lot, rank in totals.ranks)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and kind is Fixed.PLAN and totals.plan_passed is False:
            return QBrush(readable_on(_FAIL_TEXT, QGuiApplication.palette().color(QPalette.ColorRole.Base)))
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in (Fixed.TOTAL, Fixed.RANK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def cell_tooltip(
    criterion: PlanCriterion, cell: Cell | None, consensus: Decimal | None, averaging: bool = False
) -> str:
    lines = [f"{criterion.code} – {criterion.title}"]
    if cell is not None:
        for assessor, value in sorted(cell.scores.items()):
            lines.append(f"{assessor}: {number_text(value, 2)} ({criterion.label_for(value)})")
        for assessor in cell.missing:
            lines.append(f"{assessor}: nog geen score")
        if cell.mean is not None:
            lines.append(
                f"Gemiddelde {number_text(cell.mean, 2)} · mediaan {number_text(cell.median, 2)} · "
                f"spreiding {count_text(cell.spread_steps, 'stap', 'stappen')}"
            )
        lines.extend(flag.label for flag in cell.flags)
    if consensus is not None:
        name = capitalised(method_score_name(averaging))
        lines.append(f"{name}: {number_text(consensus, 2)} ({criterion.label_for(consensus)})")
    return "\n".join(lines)


class FlagFilter(StrEnum):
    ALL = "all"
    FLAGGED = "flagged"
    MISSING = "missing"


class ConsolidationProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE (empty values last either way); filters rows by flag, lot and search, and, with a
    criterion chosen, shows only that criterion's column (the flag filter then looks at that criterion only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._flag = FlagFilter.ALL
        self._criterion: str | None = None
        self._lot: str | None = None
        self._needle = ""

    def _change(self, direction: QSortFilterProxyModel.Direction, apply: Any) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later; invalidateFilter is deprecated there
            self.beginFilterChange()
            apply()
            self.endFilterChange(direction)
        else:
            apply()
            self.invalidateFilter()

    def set_flag_filter(self, flag: FlagFilter) -> None:
        if flag != self._flag:
            self._change(QSortFilterProxyModel.Direction.Rows, lambda: setattr(self, "_flag", flag))

    def set_criterion(self, code: str | None) -> None:
        if code != self._criterion:
            self._change(QSortFilterProxyModel.Direction.Both, lambda: setattr(self, "_criterion", code))

    def set_lot(self, lot: str | None) -> None:
        if lot != self._lot:
            self._change(QSortFilterProxyModel.Direction.Rows, lambda: setattr(self, "_lot", lot))

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self._change(QSortFilterProxyModel.Direction.Rows, lambda: setattr(self, "_needle", needle))

    def _model(self) -> ConsolidationModel | None:
        source = self.sourceModel()
        return source if isinstance(source, ConsolidationModel) else None

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:
        model = self._model()
        if self._criterion is None or model is None:
            return True
        criterion = model.criterion_at(source_column)
        return criterion is None or criterion.code == self._criterion

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self._model()
        if model is None:
            return True
        row = model.row_at(source_row)
        if self._lot is not None and self._lot not in row.totals.lots:
            return False
        if self._needle and not (self._needle in row.totals.number.casefold() or self._needle in row.label.casefold()):
            return False
        if self._flag is FlagFilter.ALL:
            return True
        cells = row.cells
        if self._criterion is not None:
            codes = [c.code for c in model.criteria]
            cells = (row.cells[codes.index(self._criterion)],) if self._criterion in codes else ()
        wanted = "discuss" if self._flag is FlagFilter.FLAGGED else "missing"
        if wanted == "missing":
            return any(c is not None and Flag.MISSING in c.flags for c in cells)
        return any(flag_kind(c) == "discuss" for c in cells)

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        source = self.sourceModel()
        left = source.data(source_left, SORT_ROLE)
        right = source.data(source_right, SORT_ROLE)
        if left is None or right is None:
            if left is None and right is None:
                return source_left.row() < source_right.row()
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return (left is None) == descending
        if left == right:
            return source_left.row() < source_right.row()
        return bool(left < right)
