"""The built-in frameworks follow the source papers: IJsselland's three parts, no Aanbestedingswet in an Open House,
the grounds of each exclusion, evidence asked of whom, and where every number comes from."""

from __future__ import annotations

import re

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.framework import EvidenceFrom, Part
from beoordelaar.core.rounds.framework_files import builtin_dir, builtin_frameworks
from beoordelaar.core.rounds.open_house import tender_law_cited
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database

NAMES = ("ijsselland-2022", "noordoost-brabant-selectie")
_NUMBER = re.compile(
    r"^\s*(weight|minimum|spread_threshold|motivation_min_length|consensus_motivation_min_length|threshold|rounding|"
    r"scoring_model|product_categories|\{ value)\s*="
    r"|^\s*\{ value = "
)
_SOURCE = re.compile(r"#.*(bron|keuze van de regio|versie van dit bestand)")


@pytest.mark.parametrize("name", NAMES)
def test_every_number_says_where_it_comes_from(name: str) -> None:
    lines = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8").splitlines()
    table_start = 0
    unexplained = []
    for number, line in enumerate(lines):
        if line.startswith("["):
            table_start = number
            # the comment right above a table speaks for it
            while table_start > 0 and lines[table_start - 1].startswith("#"):
                table_start -= 1
        if _NUMBER.match(line) and not any(_SOURCE.search(t) for t in lines[table_start : number + 1]):
            unexplained.append(f"{number + 1}: {line.strip()}")
    assert unexplained == []


def test_ijsselland_has_its_three_parts_and_cites_no_tender_law() -> None:
    framework = builtin_frameworks()["ijsselland-2022"]
    assert [p for p in Part if framework.by_part(p)] == [Part.EXCLUSION, Part.REQUIREMENT, Part.PLAN]
    assert tender_law_cited(framework) == ()
    assert framework.criterion("U1").grounds[:3] == ("Deelneming aan een criminele organisatie", "Omkoping", "Fraude")
    assert framework.criterion("U2").evidence_from is EvidenceFrom.INTENDED  # the Gedragsverklaring Aanbesteden
    assert {c.evidence_from for c in framework.criteria if c.code != "U2"} == {EvidenceFrom.ALL}
    # The Jeugdautoriteit's indicators, strictly greater: a current ratio of 1,00 does not pass.
    assert str(framework.criterion("G5").threshold) == "> 0.20"
    assert str(framework.criterion("G6").threshold) == "> 1.00"


def test_the_selection_framework_asks_the_gva_of_the_intended_contractor_only() -> None:
    framework = builtin_frameworks()["noordoost-brabant-selectie"]
    assert tender_law_cited(framework) == ("U1", "U2", "U3")
    gva = framework.criterion("U3")
    assert gva.asked_of_intended_only and gva.part is Part.EXCLUSION and not gva.grounds
    assert len(framework.criterion("U2").grounds) == 6


def test_an_open_house_round_refuses_a_framework_that_cites_the_tender_law(db: Database) -> None:
    with pytest.raises(UserError, match="noemt bij U1, U2, U3 de Aanbestedingswet als grondslag"):
        create_round(db.sessions, name="Open", framework="noordoost-brabant-selectie", actor="test")
    create_round(db.sessions, name="Tender", framework="noordoost-brabant-selectie", procedure=Procedure.TENDER,
                 actor="test")  # fmt: skip
    create_round(db.sessions, name="Open", framework="ijsselland-2022", procedure=Procedure.OPEN_HOUSE, actor="test")
