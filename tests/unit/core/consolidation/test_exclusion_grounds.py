"""A declared exclusion ground goes to a person, who records which ground applies, the evidence, and the self-cleaning
measures with the commission's judgement; a document asked only of the intended contractor is no exclusion ground."""

from __future__ import annotations

import pytest

from beoordelaar.core.consolidation.exclusion_grounds import ExclusionFinding, finding_problem, finding_text
from beoordelaar.core.consolidation.settlement import requirement_sheet, settle_requirement, settle_uncontested
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.assessment_report import requirement_line
from beoordelaar.core.record.history import registration_history
from beoordelaar.core.record.history_text import HistoryNames, event_lines
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.procedure import CheckVerdict, SettledVerdict
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.scoring.scoring import save_check
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from exchange_round import ANNA, CHAIR, NUMBERS, make_round

FRAMEWORK, _ = load_framework("ijsselland-2022")
U1 = FRAMEWORK.criterion("U1")
FRAUD = ExclusionFinding("Fraude", "Vonnis van de rechtbank Overijssel van 3 maart 2024")
CLEANSED = ExclusionFinding(
    "Fraude", "Vonnis van 3 maart 2024", "Bestuur vervangen, schade vergoed, compliance-officer aangesteld", True
)


@pytest.mark.parametrize(
    ("verdict", "finding", "problem"),
    [
        (SettledVerdict.FAIL, ExclusionFinding(), "Noem bij U1 de grond die van toepassing is; kies uit: Deelneming"),
        (SettledVerdict.FAIL, ExclusionFinding("Oplichting", "Vonnis"), "'Oplichting' is geen grond van U1"),
        (SettledVerdict.FAIL, ExclusionFinding("Fraude"), "Noem bij U1 het bewijs"),
        (SettledVerdict.FAIL, CLEANSED, "de zelfreinigende maatregelen toereikend geoordeeld"),
        (SettledVerdict.PASS, FRAUD, "akkoord kan alleen met zelfreinigende maatregelen"),
        (SettledVerdict.PASS, ExclusionFinding("Fraude", "Vonnis", "Nieuw bestuur"), "het oordeel van de commissie"),
        (SettledVerdict.PASS, ExclusionFinding("Fraude", "Vonnis", "", True), "Beschrijf bij U1 de zelfreinigende"),
        (SettledVerdict.PASS, ExclusionFinding("", "Vonnis"), "Noem bij U1 de grond waarop"),
    ],
)
def test_a_finding_that_does_not_hold_is_refused_with_its_reason(
    verdict: SettledVerdict, finding: ExclusionFinding, problem: str
) -> None:
    refusal = finding_problem(U1, verdict, finding, ground_declared=True)
    assert refusal is not None and problem in refusal


@pytest.mark.parametrize(
    ("verdict", "finding"),
    [
        (SettledVerdict.FAIL, FRAUD),
        (SettledVerdict.FAIL, ExclusionFinding("Fraude", "Vonnis", "Een gedragscode", False)),
        (SettledVerdict.PASS, CLEANSED),
        (SettledVerdict.PASS, ExclusionFinding()),  # no ground applies after all (the motivation says why)
        (SettledVerdict.VERIFY, ExclusionFinding("Fraude")),
    ],
)
def test_a_finding_that_holds_passes(verdict: SettledVerdict, finding: ExclusionFinding) -> None:
    assert finding_problem(U1, verdict, finding, ground_declared=True) is None


def test_a_requirement_takes_no_ground_and_the_finding_reads_as_a_sentence() -> None:
    refusal = finding_problem(FRAMEWORK.criterion("G1"), SettledVerdict.FAIL, FRAUD, ground_declared=False)
    assert refusal == "G1 is geen uitsluitingsgrond: een grond of zelfreiniging hoort er niet bij."
    assert finding_text(CLEANSED) == (
        "Van toepassing: Fraude. Bewijs: Vonnis van 3 maart 2024. Zelfreinigende maatregelen: Bestuur vervangen, "
        "schade vergoed, compliance-officer aangesteld (toereikend volgens de commissie)."
    )
    assert finding_text(FRAUD).endswith("Geen zelfreinigende maatregelen aangetoond.")
    assert finding_text(ExclusionFinding()) == ""


def _declare(db: Database, round_id: int, answers: dict[str, str]) -> None:
    with unit_of_work(db.sessions, "test") as session:
        criteria = {c.code: c for c in find_round(session, round_id).framework.criteria}
        registration = session.query(m.Registration).filter_by(number=NUMBERS[0]).one()
        registration.answers = [m.DeclaredAnswer(criterion=criteria[c], value=v) for c, v in answers.items()]


def _row(db: Database, round_id: int, code: str):
    return next(r for r in requirement_sheet(db.sessions, round_id, NUMBERS[0]) if r.code == code)


def test_a_declared_ground_is_settled_by_a_person_with_ground_evidence_and_self_cleaning(db: Database) -> None:
    round_id = make_round(db)
    _declare(db, round_id, {"U1": "Ja", "U2": "Nee"})
    for code in ("U1", "U2"):
        save_check(db.sessions, round_id, ANNA, NUMBERS[0], code, CheckVerdict.FAIL, "Zie de opgave.", actor=ANNA)
    row = _row(db, round_id, "U1")
    assert row.ground_declared and row.uncontested is None and row.grounds == U1.grounds
    gva = _row(db, round_id, "U2")
    assert gva.intended_only and not gva.ground_declared and gva.uncontested is None
    settle_uncontested(db.sessions, round_id, actor=CHAIR)
    assert _row(db, round_id, "U1").settled is None and _row(db, round_id, "U2").settled is None

    with pytest.raises(UserError, match="Noem bij U1 de grond die van toepassing is"):
        settle_requirement(db.sessions, round_id, NUMBERS[0], "U1", SettledVerdict.FAIL, "Veroordeeld.", actor=CHAIR)
    with pytest.raises(UserError, match="'Oplichting' is geen grond van U1"):
        settle_requirement(db.sessions, round_id, NUMBERS[0], "U1", SettledVerdict.FAIL, "Veroordeeld.", actor=CHAIR,
                           finding=ExclusionFinding("Oplichting", "Vonnis"))  # fmt: skip
    assert _row(db, round_id, "U1").settled is None  # refused: nothing changed

    typed = ExclusionFinding("  fraude ", " Vonnis van 3 maart 2024 ")
    settle_requirement(db.sessions, round_id, NUMBERS[0], "U1", SettledVerdict.FAIL, "Veroordeeld in 2024.",
                       actor=CHAIR, finding=typed)  # fmt: skip
    settled = _row(db, round_id, "U1").settled
    assert settled is not None and settled.finding == ExclusionFinding("Fraude", "Vonnis van 3 maart 2024")
    settle_requirement(db.sessions, round_id, NUMBERS[0], "U1", SettledVerdict.PASS, "Zelfreiniging aangetoond.",
                       actor=CHAIR, finding=CLEANSED)  # fmt: skip
    row = _row(db, round_id, "U1")
    assert row.settled is not None and row.settled.revision == 2 and row.settled.finding == CLEANSED
    assert row.history[0].finding.self_cleaning == ""  # the first finding stays in the record

    code, _title, declared, verdict, motivation = requirement_line(row)
    assert (code, declared, verdict) == ("U1", "Ja", "Akkoord")
    assert motivation.startswith("Zelfreiniging aangetoond. Van toepassing: Fraude.") and "(toereikend" in motivation
    assert "alleen gevraagd van de beoogde opdrachtnemer" in requirement_line(_row(db, round_id, "U2"))[1]

    with db.sessions() as session:
        codes = {c.id: c.code for c in find_round(session, round_id).framework.criteria}
    lines = [
        line
        for event in registration_history(db.sessions, round_id, NUMBERS[0], criterion="U1")
        for line in event_lines(event, HistoryNames(codes))
    ]
    assert "    uitsluitingsgrond: — → Fraude" in lines
    assert "    zelfreiniging toereikend: — → ja" in lines
