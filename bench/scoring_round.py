"""A round ready for scoring, of any size: registrations with a plan PDF each, a chair, three assessors who declared
everything, the default assignments (Anna checks the requirements). Shared by the scoring benches."""

from __future__ import annotations

from beoordelaar.core.commission.assessors import add_assessor
from beoordelaar.core.commission.assignments import assign_defaults
from beoordelaar.core.commission.declarations import declare_conflict_statement
from beoordelaar.core.demo.demo_documents import plan_pdf
from beoordelaar.core.rounds.rounds import create_round, find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database

CHAIR, ANNA = "Marieke Jansen", "Anna de Vries"
COLLEAGUES = ("Bram Hendriks", "Chantal Smit")


def scoring_round(chair: Database, registrations: int) -> int:
    round_id = create_round(chair.sessions, name="Walkthrough", framework="ijsselland-2022", actor="bench").id
    with unit_of_work(chair.sessions, "bench") as session:
        rnd = find_round(session, round_id)
        for index in range(1, registrations + 1):
            name = f"Stichting Aanbieder {index}"
            pdf = plan_pdf(name, [(f"Hoofdstuk {part}", f"De aanpak van {name}, deel {part}. " * 40)
                                  for part in range(1, 6)])  # fmt: skip
            session.add(
                m.Registration(
                    round=rnd, provider=m.Provider(kvk=f"{70000000 + index}", name=name), number=f"INS-{index:03}",
                    sequence=index, name=name, city="Zwolle", answers=[],
                    documents=[m.Document(kind="plan", file_name=f"plan-{index}.pdf", size=len(pdf),
                                          sha256=chair.documents.add_bytes(pdf))],
                )
            )  # fmt: skip
    add_assessor(chair.sessions, round_id, CHAIR, chair=True, confidentiality_declared=True, actor="bench")
    for person in (ANNA, *COLLEAGUES):
        add_assessor(chair.sessions, round_id, person, confidentiality_declared=True, actor="bench")
    for person in (CHAIR, ANNA, *COLLEAGUES):
        declare_conflict_statement(chair.sessions, round_id, person, actor="bench")
    assign_defaults(chair.sessions, round_id, checks_by=[ANNA], actor="bench")
    return round_id
