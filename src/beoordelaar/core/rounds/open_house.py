"""An Open House admission is no tender: the Aanbestedingswet's tender rules do not apply, so a framework used for an
Open House round may not give them as the legal basis of its exclusion grounds or requirements."""

from __future__ import annotations

import re

from beoordelaar.core.rounds.framework import Framework

_TENDER_LAW = re.compile(r"aanbestedingswet|\baw\b", re.IGNORECASE)  # not "art. 2.6 Jeugdwet": that one may be cited


def tender_law_cited(framework: Framework) -> tuple[str, ...]:
    """The codes whose legal basis cites the Aanbestedingswet (Aw)."""
    return tuple(c.code for c in framework.criteria if c.legal_basis and _TENDER_LAW.search(c.legal_basis))


def open_house_refusal(framework: Framework) -> str | None:
    """Why this framework cannot be used for an Open House round (in Dutch), or None when it can."""
    codes = tender_law_cited(framework)
    if not codes:
        return None
    return (
        f"Het kader '{framework.name}' noemt bij {', '.join(codes)} de Aanbestedingswet als grondslag. Een Open House "
        "is geen aanbesteding: die regels gelden daar niet. Kies de procedure aanbesteding of SAS, of een kader dat de "
        "eigen toelatingsvoorwaarden van de regio en de algemene beginselen van behoorlijk bestuur als grondslag noemt."
    )
