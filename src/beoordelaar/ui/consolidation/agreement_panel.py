"""Agreement between the assessors: Krippendorff's alpha per criterion and over all criteria (ordinal and interval;
"n.v.t." where it is not defined), and per assessor the mean deviation from the consensus, in words."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtWidgets import QWidget

from beoordelaar.core.consolidation.api import (
    ALPHA_NOT_DEFINED,
    RELIABLE,
    CriterionAgreement,
    PlanCriterion,
    RoundConsolidation,
    alpha_reading,
    alpha_text,
    deviation_reading,
)
from beoordelaar.core.decisions.api import method_score_name
from beoordelaar.core.text import decimal_text
from beoordelaar.ui.common.widgets import RichTextPane


def deviation_text(value: Decimal) -> str:
    return decimal_text(value, 2, signed=True)


def agreement_html(result: RoundConsolidation, criteria: tuple[PlanCriterion, ...], averaging: bool = False) -> str:
    esc = html.escape
    titles = {c.code: c.title for c in criteria}

    def row(name: str, agreement: CriterionAgreement, bold: bool = False) -> str:
        b, nb = ("<b>", "</b>") if bold else ("", "")
        return (
            f"<tr><td>{b}{esc(name)}{nb}</td>"
            f"<td align='right'>{b}{alpha_text(agreement.alpha_ordinal)}{nb}</td>"
            f"<td align='right'>{b}{alpha_text(agreement.alpha_interval)}{nb}</td>"
            f"<td>{esc(alpha_reading(agreement.alpha_ordinal))}</td></tr>"
        )

    rows = "".join(row(f"{a.code} {titles.get(a.code, '')}".strip(), a) for a in result.agreement)
    rows += row("Alle criteria", result.overall, bold=True)
    parts = [
        "<p><b>Overeenstemming (Krippendorffs alfa)</b></p>",
        "<table cellspacing='0' cellpadding='3'>"
        "<tr><th align='left'>Criterium</th><th align='right'>Ordinaal</th><th align='right'>Interval</th>"
        f"<th align='left'>Oordeel</th></tr>{rows}</table>",
        f"<p>1 is volledige overeenstemming, 0 niet beter dan toeval; vanaf {alpha_text(RELIABLE)} betrouwbaar. "
        f"{ALPHA_NOT_DEFINED}: te weinig scores of geen variatie.</p>",
        "<p><b>Afwijking per beoordelaar</b></p>",
    ]
    if result.deviation:
        people = "".join(
            f"<tr><td>{esc(name)}</td><td align='right'>{deviation_text(value)}</td>"
            f"<td>{esc(deviation_reading(value))}</td></tr>"
            for name, value in result.deviation.items()
        )
        parts.append(
            "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Beoordelaar</th>"
            f"<th align='right'>Gem. afwijking</th><th align='left'></th></tr>{people}</table>"
            f"<p>Gemiddeld verschil tussen de eigen score en de {method_score_name(averaging)}, in schaalpunten: "
            "negatief is strenger, positief milder.</p>"
        )
    else:
        after = "als de gemiddelden zijn vastgesteld" if averaging else "na de consensusbespreking"
        parts.append(f"<p>Nog geen {method_score_name(averaging, plural=True)}: de afwijking volgt {after}.</p>")
    return "".join(parts)


class AgreementPanel(RichTextPane):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("agreement", parent)

    def set_result(
        self, result: RoundConsolidation, criteria: tuple[PlanCriterion, ...], averaging: bool = False
    ) -> None:
        self.label.setText(agreement_html(result, criteria, averaging))
