"""A declared exclusion ground from the command line: the decision waits for a person, who settles it with the ground,
its evidence and the self-cleaning; the rejection names the ground."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beoordelaar.cli import main
from beoordelaar.core.decisions.decision_inputs import load_inputs, proposals_for
from beoordelaar.core.decisions.decisions import list_decisions
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import open_database
from templates import DemoCopies

REG = "DEMO-2026-0002"


def test_a_declared_ground_is_settled_with_ground_evidence_and_self_cleaning(
    capsys: pytest.CaptureFixture[str], db_path: Path, cached_demo: DemoCopies
) -> None:
    db = ["--db", str(db_path)]
    cached_demo.cli(db_path, providers=6)
    database = open_database(db_path)
    with unit_of_work(database.sessions, "test") as session:
        registration = session.query(m.Registration).filter_by(number=REG).one()
        answer = next(a for a in registration.answers if a.criterion.code == "U1")
        answer.value = "Ja"
    database.close()
    capsys.readouterr()

    assert main([*db, "settle", "1", REG, "U1", "niet-akkoord", "--motivering", "Veroordeeld."]) == 1
    assert "Noem bij U1 de grond die van toepassing is; kies uit: Deelneming" in capsys.readouterr().err
    args = [*db, "settle", "1", REG, "U1", "niet-akkoord", "--motivering", "Veroordeeld in 2024.", "--grond", "fraude",
            "--bewijs", "Vonnis van 3 maart 2024", "--zelfreiniging", "Een gedragscode", "--zelfreiniging-toereikend",
            "nee"]  # fmt: skip
    assert main([*args, "--json"]) == 0
    settled = json.loads(capsys.readouterr().out)
    assert settled == settled | {
        "criterion": "U1", "verdict": "niet-akkoord", "ground": "Fraude", "ground_evidence": "Vonnis van 3 maart 2024",
        "self_cleaning": "Een gedragscode", "self_cleaning_sufficient": False, "registration": REG,
        "verified": None, "interview_answer": None,
    }  # fmt: skip
    database = open_database(db_path)
    with database.sessions() as session:
        inputs = load_inputs(session, session.get_one(m.Round, 1))
        registration = next(r for r in inputs.registrations if r.number == REG)
        (reason,) = proposals_for(inputs, {})[registration.id].reasons
    (row,) = [r for r in list_decisions(database.sessions, 1) if r.number == REG]
    database.close()
    assert row.failed_now == ("U1",) and row.rules_now is Outcome.REJECT  # the confirmed decision no longer holds
    assert reason.text.startswith("Uitsluitingsgrond U1 (Geen verplichte uitsluitingsgrond van toepassing): niet "
                                  "voldaan. Van toepassing: Fraude. Bewijs: Vonnis van 3 maart 2024.")  # fmt: skip

    cleansed = [*db, "settle", "1", REG, "U1", "akkoord", "--motivering", "Zelfreiniging aangetoond.", "--grond",
                "Fraude", "--bewijs", "Vonnis", "--zelfreiniging", "Bestuur vervangen", "--zelfreiniging-toereikend",
                "ja"]  # fmt: skip
    assert main(cleansed) == 0
    assert capsys.readouterr().out.strip() == (
        f"U1 vastgesteld: Akkoord (revisie {settled['revision'] + 1}).\nVan toepassing: Fraude. Bewijs: Vonnis. "
        "Zelfreinigende maatregelen: Bestuur vervangen (toereikend volgens de commissie)."
    )
