"""The detail of the selected cell of the heat map: every assessor's score with its label, then mean, median,
spread, the flags and the consensus score. Text only, so it grows with the presentation font."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QWidget

from beoordelaar.core.consolidation.api import Cell, Exact, PlanCriterion
from beoordelaar.core.text import ROUNDED_FOR_DISPLAY, capitalised, count_text, shown_rounded
from beoordelaar.ui.common.status_colours import readable_name
from beoordelaar.ui.common.widgets import RichTextPane
from beoordelaar.ui.consolidation.consolidation_model import ConsolidationRow, number_text

EMPTY_TEXT = "Kies een cel in de tabel (pijltjestoetsen) om de scores van alle beoordelaars te zien."


def detail_html(
    row: ConsolidationRow,
    criterion: PlanCriterion,
    cell: Cell | None,
    consensus: Exact | None,
    score_word: str = "consensusscore",  # decisions' method_score_name: what the commission's score is called
) -> str:
    esc = html.escape
    parts = [
        f"<p><b>{esc(row.totals.number)}</b> – {esc(row.label)}</p>",
        f"<p><b>{esc(criterion.code)} – {esc(criterion.title)}</b><br>",
        f"Weging {esc(number_text(criterion.weight, 2))}",
    ]
    if criterion.minimum is not None:
        parts.append(
            f" · minimum {esc(number_text(criterion.minimum))} ({esc(criterion.label_for(criterion.minimum))})"
        )
    parts.append("</p>")
    if cell is None or (not cell.scores and not cell.missing):
        parts.append("<p>Geen beoordelaars toegewezen.</p>")
        return "".join(parts)
    rows = "".join(
        f"<tr><td>{esc(assessor)}</td><td align='right'><b>{esc(number_text(value, 2))}</b></td>"
        f"<td>{esc(criterion.label_for(value))}</td></tr>"
        for assessor, value in sorted(cell.scores.items())
    )
    rows += "".join(
        f"<tr><td>{esc(assessor)}</td><td align='right'>–</td><td><i>nog geen score</i></td></tr>"
        for assessor in cell.missing
    )
    parts.append(
        "<table cellspacing='0' cellpadding='3'>"
        "<tr><th align='left'>Beoordelaar</th><th align='right'>Score</th><th align='left'>Oordeel</th></tr>"
        f"{rows}</table>"
    )
    if cell.mean is not None:
        parts.append(
            f"<p>Gemiddelde <b>{esc(number_text(cell.mean, 2))}</b> · mediaan {esc(number_text(cell.median, 2))} · "
            f"spreiding {count_text(cell.spread_steps, 'stap', 'stappen')}</p>"
        )
    for flag in cell.flags:
        colour = readable_name("#b41414" if flag.needs_discussion else "#1e328c")
        parts.append(f"<p style='color:{colour}'><b>▲ {esc(flag.label)}</b></p>")
    if consensus is not None:
        parts.append(
            f"<p>{esc(capitalised(score_word))}: <b>{esc(number_text(consensus, 2))}</b> "
            f"({esc(criterion.label_for(consensus))})"
            + (f"<br><small>{ROUNDED_FOR_DISPLAY}</small>" if shown_rounded(consensus) else "")
            + "</p>"
        )
    else:
        parts.append(f"<p>Nog geen {esc(score_word)}.</p>")
    return "".join(parts)


def row_html(row: ConsolidationRow) -> str:
    totals = row.totals
    esc = html.escape
    ranks = ", ".join(f"perceel {lot}: {rank}" for lot, rank in totals.ranks)
    return (
        f"<p><b>{esc(totals.number)}</b> – {esc(row.label)}</p>"
        f"<p>Gewogen totaal: <b>{esc(number_text(totals.total, 2))}</b>"
        + (f" <small>({ROUNDED_FOR_DISPLAY})</small>" if shown_rounded(totals.total) else "")
        + f"<br>{esc(totals.why)}"
        + (f"<br>Rang: {esc(ranks)}" if ranks else "")
        + (
            f"<br>Niet gerangschikt: niet voldaan aan {esc(', '.join(totals.failed_requirements))}"
            if totals.failed_requirements
            else ""
        )
        + "</p><p>Kies een criteriumkolom voor de scores van de beoordelaars.</p>"
    )


class CellDetail(RichTextPane):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("cell-detail", EMPTY_TEXT, parent)

    def show_cell(self, row: ConsolidationRow, criterion: PlanCriterion, cell: Cell | None,
                  consensus: Exact | None, score_word: str = "consensusscore") -> None:  # fmt: skip
        self.label.setText(detail_html(row, criterion, cell, consensus, score_word))

    def show_row(self, row: ConsolidationRow) -> None:
        self.label.setText(row_html(row))

    def clear(self) -> None:
        self.label.setText(EMPTY_TEXT)
