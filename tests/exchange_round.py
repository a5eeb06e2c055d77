"""A small round ready for scoring, for the offline-work tests: three registrations with a plan PDF each, a chair,
three assessors (one with a conflict), default assignments. Motivations name their author, so a test can search a
file for a colleague's words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from beoordelaar.core.commission.assessors import add_assessor
from beoordelaar.core.commission.assignments import AssignmentSummary, assign_defaults
from beoordelaar.core.commission.declarations import declare_conflict_statement
from beoordelaar.core.consolidation.consensus import consensus_sheet, set_consensus_score
from beoordelaar.core.exchange.package_export import PackageSummary, export_package
from beoordelaar.core.exchange.package_open import OpenedPackage, open_package
from beoordelaar.core.exchange.return_writing import ReturnSummary, write_return
from beoordelaar.core.exchange.returns import ReturnImportResult, import_return_file
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.rounds import create_round, find_round, round_framework
from beoordelaar.core.scoring.scoring import hand_in, save_check, save_score
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.core.verification.verification import mark_for_verification

ROUND = "Jeugdhulp 2027"
CHAIR = "Marieke Jansen"
ANNA, BRAM, CHANTAL = "Anna de Vries", "Bram Hendriks", "Chantal Smit"
DIRK = "Dirk Mol"  # the reserve: with him, Chantal's conflict no longer leaves INS-003 below the framework's three
NUMBERS = ["INS-001", "INS-002", "INS-003"]
KVKS = ["01234567", "23456789", "34567890"]


def make_round(
    db: Database,
    *,
    anonymised: bool = False,
    name: str = ROUND,
    framework: str = "ijsselland-2022",
    procedure: Procedure = Procedure.OPEN_HOUSE,
    declared: bool = True,
) -> int:
    """The round's id; declared: whether the assessors signed the confidentiality declaration (no work package
    without it). Every member declared their conflicts (Chantal one, the others none)."""
    round_id = create_round(
        db.sessions, name=name, framework=framework, actor="test", anonymised=anonymised, procedure=procedure
    ).id
    with unit_of_work(db.sessions, "test") as session:
        rnd = find_round(session, round_id)
        for index, (number, kvk) in enumerate(zip(NUMBERS, KVKS, strict=True), start=1):
            provider = session.query(m.Provider).filter_by(kvk=kvk).one_or_none() or m.Provider(
                kvk=kvk, name=f"Stichting Aanbieder {index}"
            )
            pdf = f"%PDF-1.4 plan van aanpak van Stichting Aanbieder {index}".encode()
            session.add(
                m.Registration(
                    round=rnd, provider=provider, number=number, sequence=index, name=f"Stichting Aanbieder {index}",
                    city="Zwolle", answers=[],
                    documents=[m.Document(kind="plan", file_name=f"plan-{index}.pdf", size=len(pdf),
                                          sha256=db.documents.add_bytes(pdf))],
                )
            )  # fmt: skip
    add_assessor(db.sessions, round_id, CHAIR, chair=True, confidentiality_declared=declared, actor="test")
    for person in (ANNA, BRAM, CHANTAL):
        add_assessor(db.sessions, round_id, person, confidentiality_declared=declared, actor="test")
    for person in (CHAIR, ANNA, BRAM):
        declare_conflict_statement(db.sessions, round_id, person, actor="test")
    declare_conflict_statement(db.sessions, round_id, CHANTAL, [NUMBERS[2]], reason="oud-collega", actor="test")
    assign_defaults(db.sessions, round_id, checks_by=[ANNA], actor="test")
    return round_id


def round_id_of(db: Database, name: str = ROUND) -> int:
    """The id of the test round with this name: core actions take a round by its id."""
    with db.sessions() as session:
        return session.execute(select(m.Round.id).where(m.Round.name == name)).scalar_one()


def motivation(assessor: str, number: str, code: str, value: int) -> str:
    return f"Motivering van {assessor} bij {number} {code}: de aanpak is concreet en onderbouwd, score {value}."


def plan_codes(db: Database, name: str = ROUND) -> list[str]:
    with db.sessions() as session:
        framework = round_framework(find_round(session, round_id_of(db, name)))
    return [c.code for c in framework.plan_criteria]


def check_codes(db: Database, name: str = ROUND) -> list[str]:
    with db.sessions() as session:
        framework = round_framework(find_round(session, round_id_of(db, name)))
    return [c.code for c in framework.criteria if c.part is not Part.PLAN]


def score_everything(db: Database, assessor: str, value: int = 3, numbers: list[str] | None = None,
                     name: str = ROUND) -> None:  # fmt: skip
    """Score (and, where assigned, check) everything of the assessor's worklist."""
    from beoordelaar.core.scoring.scoring import work_items, worklist

    round_id = round_id_of(db, name)
    for row in worklist(db.sessions, round_id, assessor).rows:
        if numbers is not None and row.ref not in numbers:
            continue
        for item in work_items(db.sessions, round_id, assessor, row.ref):
            if item.part is Part.PLAN:
                save_score(db.sessions, round_id, assessor, row.ref, item.code, value,
                           motivation(assessor, row.ref, item.code, value), actor=assessor)  # fmt: skip
            else:
                save_check(db.sessions, round_id, assessor, row.ref, item.code, "akkoord", actor=assessor)


def add_reserve(db: Database, value: int = 3, name: str = ROUND) -> AssignmentSummary:
    """A fourth member (Dirk), declared, assigned by the default assignment and scoring everything he got."""
    round_id = round_id_of(db, name)
    add_assessor(db.sessions, round_id, DIRK, confidentiality_declared=True, actor="test")
    declare_conflict_statement(db.sessions, round_id, DIRK, actor="test")
    summary = assign_defaults(db.sessions, round_id, checks_by=[ANNA], actor="test")
    score_everything(db, DIRK, value=value, name=name)
    return summary


def make_scored_round(db: Database, *, disputed: str | None = None) -> int:
    """The round's id; the round scored 3 by everyone, but for one disagreement on the disputed registration's P1
    (if one is given): Anna 2, Bram 5 (Chantal scored 3)."""
    round_id = make_round(db)
    for assessor in (ANNA, BRAM, CHANTAL):
        score_everything(db, assessor, value=3)
    if disputed is None:
        return round_id
    save_score(db.sessions, round_id, ANNA, disputed, "P1", 2, motivation(ANNA, disputed, "P1", 2), actor=ANNA)
    save_score(db.sessions, round_id, BRAM, disputed, "P1", 5, motivation(BRAM, disputed, "P1", 5), actor=BRAM)
    return round_id


AGREED = "De commissie stelt de score vast na bespreking: de aanpak is concreet en past bij de regionale doelen."


def make_doubted_round(db: Database) -> int:
    """The round's id; the round as an SAS procedure, scored by all, consensus 3 everywhere, and two doubts on INS-001
    (G3, P2)."""
    round_id = make_round(db, procedure=Procedure.SAS)  # plan criteria are verified only outside Open House
    for assessor in (ANNA, BRAM, CHANTAL):
        score_everything(db, assessor, value=3)
    for number in NUMBERS:
        for criterion in consensus_sheet(db.sessions, round_id, number).criteria:
            set_consensus_score(db.sessions, round_id, number, criterion.code, Decimal(3), AGREED, actor="v")
    mark_for_verification(db.sessions, round_id, NUMBERS[0], "G3", "Antwoord 'Deels' op de werktoedeling.", actor="v")
    mark_for_verification(db.sessions, round_id, NUMBERS[0], "P2", "Onduidelijk welk netwerk bedoeld is.", actor="v")
    return round_id


# -- the exchange as the people do it: the chair hands over the package with its code, the assessor opens it with the
# code (choosing a passphrase the first time), writes the return file with that passphrase and reads its fingerprint
# out to the chair, who merges it with that fingerprint.

PASSPHRASE = "trein naar Zwolle"


def export_for(db: Database, assessor: str, out: Path, *, name: str = ROUND, actor: str = CHAIR) -> PackageSummary:
    return export_package(db.sessions, db.documents, round_id_of(db, name), assessor, out, actor=actor)


def open_on(laptop: Database, package: PackageSummary, assessor: str) -> OpenedPackage:
    return open_package(
        laptop.sessions, laptop.documents, package.file, package.code, passphrase=PASSPHRASE, actor=assessor
    )


def return_from(laptop: Database, assessor: str, out: Path, *, name: str = ROUND) -> ReturnSummary:
    return write_return(laptop.sessions, round_id_of(laptop, name), out, PASSPHRASE, actor=assessor)


def merge_at(db: Database, returned: ReturnSummary, *, actor: str = CHAIR) -> ReturnImportResult:
    return import_return_file(db.sessions, returned.file, fingerprint=returned.fingerprint, actor=actor)


def package_text(path: Path, code: str) -> str:
    """Everything in a work package as its assessor reads it, decrypted with its code: what the package carries."""
    from beoordelaar.core.exchange.work_package import open_work_package

    with open_work_package(path, code) as opened:
        package = opened.package
        members = [d.member for r in package.registrations for d in r.documents if d.member]
        documents = [b"".join(opened.document_chunks(m)).decode("utf-8", "replace") for m in members]
    return "\n".join([repr(package), *documents])


FINDING = "Het plan beschrijft de samenwerking met het wijkteam concreet, met afspraken over overdracht en evaluatie."

BRIEF = "Concreet plan dat goed past bij de regio en haar doelen."


def make_handed_in_round(db: Database) -> int:
    """The scored round (INS-001 P1 disputed), handed in by all three: every other cell is unanimous at 3. On INS-002
    P1 all three wrote the same brief finding (quoted once it stays below the consensus minimum); on INS-002 P2 Anna
    wrote a long one."""
    round_id = make_scored_round(db, disputed=NUMBERS[0])
    # One assessor's own finding on INS-002 P2, long enough to make the composed motivation reach the minimum.
    save_score(db.sessions, round_id, ANNA, NUMBERS[1], "P2", 3, f"{FINDING} Anna de Vries: score 3.", actor=ANNA)
    for assessor in (ANNA, BRAM, CHANTAL):
        save_score(db.sessions, round_id, assessor, NUMBERS[1], "P1", 3, BRIEF, actor=assessor)
        hand_in(db.sessions, round_id, assessor, actor=assessor)
    return round_id
