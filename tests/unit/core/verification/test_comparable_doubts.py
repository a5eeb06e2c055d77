"""Equal treatment: comparable doubts (same requirement, same declared answer) settled with an interview for one
provider and without one for another, or with different verdicts, are listed with their registrations."""

from __future__ import annotations

from sqlalchemy import select

from beoordelaar.core.consolidation.settlement import settle_requirement
from beoordelaar.core.rounds.procedure import SettledVerdict
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.verification import equal_treatment
from templates import DemoCopies

INTERVIEWED = "DEMO-2026-0002"  # answered 'Deels' on G3, settled akkoord after the demo's verification interview


def _declare(db: Database, number: str, code: str, value: str) -> None:
    with unit_of_work(db.sessions, "test") as session:
        answer = session.execute(
            select(m.DeclaredAnswer)
            .join(m.Registration)
            .join(m.Criterion, m.Criterion.id == m.DeclaredAnswer.criterion_id)
            .where(m.Registration.number == number, m.Criterion.code == code)
        ).scalar_one()
        answer.value = value


def test_the_demo_alone_treats_its_doubts_alike(db: Database, cached_demo: DemoCopies) -> None:
    summary = cached_demo(db, providers=6, actor="t")
    assert equal_treatment(db.sessions, summary.id).unequal == ()


def test_the_same_answer_settled_without_an_interview_is_listed_with_both(
    db: Database, cached_demo: DemoCopies
) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    for number in ("DEMO-2026-0004", "DEMO-2026-0005"):
        _declare(db, number, "G3", " deels")
    settle_requirement(db.sessions, round_id, "DEMO-2026-0004", "G3", SettledVerdict.PASS, "Zo goed als Ja.", actor="v")
    settle_requirement(db.sessions, round_id, "DEMO-2026-0005", "G3", SettledVerdict.FAIL, "Niet aangetoond.",
                       actor="v")  # fmt: skip
    (group,) = equal_treatment(db.sessions, round_id).unequal
    assert (group.code, group.answer, group.interviews_differ, group.verdicts_differ) == ("G3", "Deels", True, True)
    assert [(d.registration, d.verdict, d.interviewed) for d in group.doubts] == [
        (INTERVIEWED, SettledVerdict.PASS, True),
        ("DEMO-2026-0004", SettledVerdict.PASS, False),
        ("DEMO-2026-0005", SettledVerdict.FAIL, False),
    ]
    assert group.text == (
        f"G3 ({group.title}), opgave 'Deels': de ene met, de andere zonder verificatiegesprek vastgesteld en "
        "verschillende oordelen."
    )
    assert group.doubts[1].text.startswith("DEMO-2026-0004 (") and group.doubts[1].text.endswith(
        "): Akkoord, zonder verificatiegesprek"
    )


def test_numbers_compare_as_read_and_a_decided_answer_is_no_doubt(db: Database, cached_demo: DemoCopies) -> None:
    round_id = cached_demo(db, providers=6, actor="t").id
    _declare(db, "DEMO-2026-0003", "G5", "25")  # meant as 25 %: outside the plausible range, a person judges
    _declare(db, "DEMO-2026-0004", "G5", "2500%")  # the same value, written otherwise
    for number, verdict, why in (("DEMO-2026-0003", SettledVerdict.PASS, "Bedoeld als 25 %."),
                                 ("DEMO-2026-0004", SettledVerdict.FAIL, "Onaannemelijk.")):  # fmt: skip
        settle_requirement(db.sessions, round_id, number, "G5", verdict, why, actor="v")
    (group,) = equal_treatment(db.sessions, round_id).unequal
    assert (group.code, group.answer, group.interviews_differ, group.verdicts_differ) == ("G5", "25", False, True)
    assert [d.registration for d in group.doubts] == ["DEMO-2026-0003", "DEMO-2026-0004"]
