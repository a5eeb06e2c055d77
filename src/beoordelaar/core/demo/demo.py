"""A filled demo round, so a new user sees the whole workflow and every screen has something real to show.

Made from a seeded random generator: the same seed gives the same round. It holds registrations with declared
answers and plan documents, a commission with declarations and one conflict (reserve members score where the
framework's minimum number of assessors asks for more), individual scores with motivations
(one flagged disagreement), requirement checks with one doubt, a held and approved verification interview that
resolves it, consensus scores, settled verdicts and decisions proposed by the rules and confirmed by the chair
(both outcomes), so the letters can be made at once.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.proposal import Settled, propose
from beoordelaar.core.demo.demo_documents import plan_pdf
from beoordelaar.core.registrations.answers import answer_meets
from beoordelaar.core.rounds.framework import Criterion, Framework, Part
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.procedure import CheckVerdict, Procedure, Role, RoundStatus, SettledVerdict
from beoordelaar.core.rounds.rounds import RoundSummary, new_procurement, store_framework, summarise
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import insert_audited, record_action, unit_of_work
from beoordelaar.core.storage.bulk import KeyOf, collection_paused, full_row, full_rows, insert_plain
from beoordelaar.core.storage.documents import DocumentStore
from beoordelaar.core.text import decimal_text

DEMO_FRAMEWORK = "ijsselland-2022"
DEMO_NAME = "Demo – Jeugdhulp IJsselland 2026"

_PREFIXES = ["Stichting", "Zorggroep", "Praktijk", "Centrum", "Jeugdhulp", "Gezinshuis", "Coöperatie", "Kindercentrum"]
_NAMES = [
    "De Berk", "Het Anker", "De Wending", "Noorderlicht", "IJsselzorg", "De Horst", "Vechtdal", "Salland",
    "De Linde", "Kompas", "Het Baken", "De Brug", "Zonnehoek", "Overvecht", "De Esch", "Eikenhof", "Sterk Thuis",
    "Groei", "Veldzicht", "De Zevensprong", "Hanzezorg", "Het Kruispunt", "Opgroeien", "Samen Verder",
]  # fmt: skip
_CITIES = [
    ("Zwolle", "80"), ("Deventer", "74"), ("Kampen", "82"), ("Steenwijk", "83"), ("Hardenberg", "77"),
    ("Ommen", "77"), ("Dalfsen", "77"), ("Raalte", "81"), ("Olst", "81"), ("Staphorst", "79"), ("Hasselt", "80"),
]  # fmt: skip
_STREETS = ["Schoolstraat", "Hanzelaan", "Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Brinkstraat"]
_PEOPLE = ["Renée Öztürk", "Anouk Kok", "Marieke Bakker", "Sanne de Jong", "Joëlle Visser", "Ilse van Dijk"]
_ASSESSORS = [
    "Anouk de Vries", "Bram Hendriks", "Chantal Smit", "Daan Mulder", "Esra Yılmaz", "Femke Bos", "Gijs Koster",
    "Hanneke Prins", "Ivo Dekker", "Jikke Meijer", "Karim El Amrani", "Lotte Brouwer",
]  # fmt: skip
_CHAIR = "Marieke Jansen"
_RESERVES = ["Noor Hoekstra", "Pieter Willems", "Rosa van Leeuwen"]

_OPINIONS = {
    1: "de aanpak ontbreekt grotendeels; het plan noemt normaliseren maar werkt het niet uit in concrete stappen",
    2: "de aanpak blijft algemeen; voorbeelden uit de eigen praktijk en een koppeling met de doelen ontbreken",
    3: "de aanpak is herkenbaar en voldoende concreet, al blijft de uitwerking op enkele punten oppervlakkig",
    4: "de aanpak is concreet en onderbouwd met voorbeelden uit de eigen praktijk en past bij de regionale doelen",
    5: "de aanpak is overtuigend, concreet en vernieuwend, met meetbare resultaten en een duidelijke rol voor "
    "het gezin",
}
_PLAN_TEXT = {
    1: "Wij bieden hulp aan jeugdigen. Normaliseren vinden wij belangrijk en wij nemen dit mee in ons werk.",
    2: "Wij willen hulp zo licht mogelijk houden. Onze medewerkers letten hierop bij de start van elk traject.",
    3: "Bij elke aanmelding bekijken wij met het gezin en het lokale team of lichtere hulp volstaat. Wij evalueren "
    "elk traject na zes weken en schalen af waar het kan.",
    4: "Wij werken met een vaste werkwijze: samen met het gezin en het netwerk stellen wij doelen op, wij betrekken "
    "school en huisarts, en na elke fase beoordelen wij met het lokale team of de hulp lichter of korter kan. "
    "In 2025 rondden wij 64% van de trajecten binnen zes maanden af.",
    5: "Normaliseren is de kern van onze werkwijze. Elk traject start met een netwerkberaad; ouders en jeugdige "
    "houden de regie. Wij meten per kwartaal de doelrealisatie en uitstroom naar het voorliggend veld, delen die "
    "cijfers met de regio en passen onze aanpak daarop aan. Zo daalde de gemiddelde duur van onze trajecten in "
    "twee jaar van elf naar zeven maanden.",
}


@dataclass
class _Provider:
    name: str
    kvk: str
    city: str
    postcode: str
    quality: int
    answers: dict[str, str]


def _kvk(rng: random.Random, taken: set[str]) -> str:
    while True:
        # One in eight starts with a zero: the leading zero that spreadsheets love to drop.
        kvk = f"0{rng.randrange(1_000_000, 9_999_999)}" if rng.random() < 0.125 else str(rng.randrange(10**7, 10**8))
        if kvk not in taken:
            taken.add(kvk)
            return kvk


def _answers(framework: Framework, index: int, rng: random.Random) -> dict[str, str]:
    answers: dict[str, str] = {}
    for criterion in framework.criteria:
        if criterion.part is Part.PLAN:
            continue
        if criterion.code == "G2":
            answers["G2"] = rng.choice(["HKZ", "ISO 9001:2015", "Eigen kwaliteitssysteem", "HKZ"])
        elif criterion.code == "G5":
            answers["G5"] = decimal_text(rng.uniform(0.21, 0.65), 2)
        elif criterion.code == "G6":
            answers["G6"] = decimal_text(rng.uniform(1.01, 2.4), 2)
        elif criterion.expected is not None:
            answers[criterion.code] = criterion.expected
    # A few deterministic failures, so both outcomes are present and the strict threshold shows.
    if index % 13 == 5:
        answers["G6"] = "0,96"
    if index % 17 == 9:
        answers["G1"] = "Nee"
    if index == 1:
        answers["G3"] = "Deels"  # the doubt that leads to the verification interview
    return answers


def _providers(framework: Framework, count: int, rng: random.Random, taken_kvk: set[str]) -> list[_Provider]:
    providers: list[_Provider] = []
    names: set[str] = set()
    for index in range(count):
        name = f"{rng.choice(_PREFIXES)} {rng.choice(_NAMES)}"
        if name in names:
            name = f"{name} {len(names) + 1}"
        names.add(name)
        city, area = rng.choice(_CITIES)
        postcode = (
            f"{area}{rng.randrange(10, 99)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABDEGHJKLMNPRSTVWZ')}"
        )
        quality = rng.choices([2, 3, 4, 5], weights=[1, 3, 4, 2])[0]
        providers.append(
            _Provider(name, _kvk(rng, taken_kvk), city, postcode, quality, _answers(framework, index, rng))
        )
    return providers


# A score's value, one Decimal for each of the five (a decimal is immutable): the insert converts each one once.
_SCORES = {value: Decimal(value) for value in range(1, 6)}


def _score(rng: random.Random, quality: int, bias: float) -> int:
    return max(1, min(5, round(quality + bias + rng.gauss(0, 0.45))))


def _motivation(criterion: Criterion, score: int, provider: str) -> str:
    return f"{criterion.title}: {_OPINIONS[score]}. Zie het plan van {provider}, paragraaf {criterion.code}."


def _unique_name(session: Session, wanted: str) -> str:
    existing = set(session.execute(select(m.Round.name)).scalars())
    existing |= set(session.execute(select(m.Procurement.name)).scalars())
    name, n = wanted, 2
    while name in existing:
        name, n = f"{wanted} ({n})", n + 1
    return name


@collection_paused()
def build_demo(
    sessions: sessionmaker[Session],
    *,
    providers: int = 40,
    assessors: int = 3,
    actor: str,
    seed: int = 7,
    name: str = DEMO_NAME,
    documents: DocumentStore | None = None,
) -> RoundSummary:
    """Add a filled demo round (one transaction). With a document store, each registration gets a plan PDF."""
    if providers < 2 or assessors < 2:
        raise ValueError("a demo needs at least two providers and two assessors")
    rng = random.Random(seed)
    framework, source = load_framework(DEMO_FRAMEWORK)
    start = datetime(2026, 9, 1, 9, 0)
    with unit_of_work(sessions, actor, source="demo") as session:
        round_name, stored = _unique_name(session, name), store_framework(session, framework, source)
        rnd = m.Round(
            name=round_name,
            procedure=Procedure.OPEN_HOUSE.value,
            # the first entry moment of a procurement of its own (demo_entry_moment.py adds the second)
            procurement=new_procurement(session, name=round_name, framework=stored, procedure=Procedure.OPEN_HOUSE),
            framework=stored,
            status=RoundStatus.CONSOLIDATED.value,
            registration_deadline=start.date(),
            assessment_deadline=(start + timedelta(days=28)).date(),
            document_settings={
                "sender": "Regio IJsselland – Inkoop Jeugdhulp (demo)",
                "address": "Postbus 10007, 8000 GA Zwolle",
                # The commission advises; the decision is the region's, signed under its mandate.
                "signatory": "J. (Jeroen) van Dijk",
                "signatory_function": "Manager Inkoop Jeugdhulp",
                "decision_maker": "het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo)",
                "mandate": "namens het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo), op advies van de "
                "beoordelingscommissie,",
                "kenmerk_pattern": "JH-2026-{nummer}",
                "standstill_days": 20,
                "complaints_desk": "Klachtenmeldpunt Inkoop Jeugdhulp IJsselland, klachten@ijsselland.example.nl",
                "entry_moment": "1 juli 2027 (aanmelden tot en met 1 mei 2027)",
                "continuity_text": "Heeft u jeugdigen in zorg met een lopende toewijzing in de regio, dan maakt u "
                "met de gemeente van de jeugdige afrondingsafspraken: de zorg loopt door tot het einde van de "
                "toewijzing, met een overbruggingsovereenkomst tot uiterlijk zes maanden na dit besluit. Het "
                "contactpunt zorgcontinuïteit van de regio neemt daarvoor binnen twee weken contact met u op.",
            },
        )
        rnd.lots = [
            m.Lot(code=lot.code, name=lot.name, product_categories=list(lot.product_categories))
            for lot in framework.lots
        ]
        session.add(rnd)
        session.flush()
        criteria = {c.code: c for c in rnd.framework.criteria}

        known = {kvk: provider_id for provider_id, kvk in session.execute(select(m.Provider.id, m.Provider.kvk))}
        # The same seed gives the same providers; one already known (an earlier demo) registers again.
        people = _providers(framework, providers, rng, set())
        # The registrations and the commission as rows, inserted set-based (one statement per table, one history
        # append) with the history of adding them as objects and one flush.
        new_rows: list[tuple[type[Any], dict[str, Any]]] = []
        lot_links: list[tuple[dict[str, Any], int]] = []
        for index, person in enumerate(people, start=1):
            provider: Any = known.get(person.kvk)
            if provider is None:
                provider = KeyOf(full_row(m.Provider, kvk=person.kvk, name=person.name))
                new_rows.append((m.Provider, provider.row))
            lots = rng.sample(rnd.lots, k=rng.choice([1, 1, 2, 3]))
            registration = full_row(
                m.Registration,
                round_id=rnd.id,
                provider_id=provider,
                number=f"DEMO-2026-{index:04d}",
                sequence=index,
                name=person.name,
                vestigingsnummer=f"{rng.randrange(10**11, 10**12)}",
                agb=f"{rng.randrange(10**7, 10**8)}",
                address=f"{rng.choice(_STREETS)} {rng.randrange(1, 250)}",
                postcode=person.postcode,
                city=person.city,
                contact_name=rng.choice(_PEOPLE),
                email=f"inkoop@{person.name.split()[-1].lower()}.example.nl",
                phone=f"0{rng.randrange(10, 99)}-{rng.randrange(1_000_000, 9_999_999)}",
                submitted_at=start - timedelta(days=rng.randrange(1, 20), minutes=rng.randrange(0, 1440)),
                product_categories=sorted({c for lot in lots for c in lot.product_categories}),
                source="demo",
                consensus_opened_at=start + timedelta(days=30),
            )
            new_rows.append((m.Registration, registration))
            lot_links += [(registration, lot.id) for lot in lots]
            new_rows += [
                (m.DeclaredAnswer, full_row(m.DeclaredAnswer, registration_id=KeyOf(registration),
                                            criterion_id=criteria[c].id, value=v))
                for c, v in person.answers.items()
            ]  # fmt: skip
            if documents is not None:
                pdf = plan_pdf(
                    person.name,
                    [(c.title, _PLAN_TEXT[person.quality]) for c in framework.plan_criteria],
                )
                new_rows.append((m.Document, full_row(
                    m.Document, registration_id=KeyOf(registration), kind="plan", criterion_id=criteria["P1"].id,
                    file_name=f"PvA_normaliseren_{index:04d}.pdf", sha256=documents.add_bytes(pdf), size=len(pdf),
                )))  # fmt: skip

        def assessor(name: str, organisation: str, role: Role = Role.ASSESSOR) -> dict[str, Any]:
            return full_row(
                m.Assessor, round_id=rnd.id, name=name, role=role.value, organisation=organisation,
                confidentiality_declared_at=start - timedelta(days=3), conflicts_declared_at=start - timedelta(days=3),
                conflicts_declared_by=_CHAIR, submitted_at=start + timedelta(days=21),
            )  # fmt: skip

        member_rows = [
            assessor(_ASSESSORS[i % len(_ASSESSORS)] + ("" if i < len(_ASSESSORS) else f" {i}"),
                     _CITIES[i % len(_CITIES)][0])
            for i in range(assessors)
        ]  # fmt: skip
        # Reserve members where the framework's minimum number of assessors asks for more than the members (with the
        # conflict below taking one off a registration): they score only where a registration would fall short.
        conflict_possible = providers > 3
        wanted = framework.minimum_assessors or 0
        reserve_rows = [
            assessor(_RESERVES[i], "Hattem")
            for i in range(min(len(_RESERVES), max(0, wanted - len(member_rows) + int(conflict_possible))))
        ]
        new_rows += [(m.Assessor, row) for row in [assessor(_CHAIR, "Regio IJsselland", Role.CHAIR), *member_rows,
                                                   *reserve_rows]]  # fmt: skip
        insert_audited(session, new_rows, one_flush=True)
        # The lot links go in as the relationship's secondary rows went: rows the history does not record.
        insert_plain(session.connection(), m.RegistrationLot.__table__, ("registration_id", "lot_id"),
                     [{"registration_id": row["id"], "lot_id": lot_id} for row, lot_id in lot_links])  # fmt: skip
        # The rest of the build works with them as objects: the round's registrations, the chair, members, reserves.
        registrations = _of_round(session, m.Registration, rnd)
        members = _of_round(session, m.Assessor, rnd)[1:]
        members, reserves = members[: len(member_rows)], members[len(member_rows) :]

        conflicted = (members[1].id, registrations[3].id) if conflict_possible else None
        # The work and the settled results as rows, inserted set-based (one statement per table, one history append).
        settled_rows: list[tuple[type[Any], dict[str, Any]]] = []
        if conflicted:
            settled_rows.append((m.ConflictOfInterest, full_row(
                m.ConflictOfInterest, assessor_id=conflicted[0], registration_id=conflicted[1],
                reason="Was tot 2025 werkzaam bij deze aanbieder.", declared_at=start - timedelta(days=3),
            )))  # fmt: skip
        plan = [criteria[c.code] for c in framework.plan_criteria]
        checks = [criteria[c.code] for c in framework.criteria if c.part is not Part.PLAN]
        # The ids and rules the loops below ask for thousands of times, read once (a mapped attribute costs more
        # than the work): each plan criterion as (id, code, rule), the registrations' and members' ids.
        plan_items = [(c.id, c.code, framework.criterion(c.code)) for c in plan]
        check_ids = [c.id for c in checks]
        registration_ids = [r.id for r in registrations]
        member_ids, reserve_ids = [a.id for a in members], [a.id for a in reserves]
        biases = [rng.choice([-0.4, 0.0, 0.0, 0.4]) for _ in members]
        scored_at = start + timedelta(days=14)
        rows_assign: list[dict] = []
        rows_score: list[dict] = []
        individual: dict[tuple[int, str], list[int]] = {}

        def scores(assessor_id: int, registration_id: int, item: tuple[int, str, Criterion], value: int,
                   provider: str) -> None:  # fmt: skip
            criterion_id, code, rule = item
            individual.setdefault((registration_id, code), []).append(value)
            rows_assign.append({"assessor_id": assessor_id, "registration_id": registration_id,
                                "criterion_id": criterion_id})  # fmt: skip
            rows_score.append(
                {
                    "assessor_id": assessor_id, "registration_id": registration_id, "criterion_id": criterion_id,
                    "revision": 1, "value": _SCORES[value], "scored_at": scored_at, "source": "demo",
                    "motivation": _motivation(rule, value, provider),
                }
            )  # fmt: skip

        for registration_id, person in zip(registration_ids, people, strict=True):
            for member_id, bias in zip(member_ids, biases, strict=True):
                if conflicted == (member_id, registration_id):
                    continue
                for item in plan_items:
                    scores(member_id, registration_id, item, _score(rng, person.quality, bias), person.name)
            rows_assign += [
                {"assessor_id": member_ids[0], "registration_id": registration_id, "criterion_id": criterion_id}
                for criterion_id in check_ids
            ]
        # The flagged disagreement: on the first registration's first criterion the assessors are far apart.
        first = registrations[0]
        spread = [2, 5] + [3] * (len(members) - 2)
        for row in rows_score:
            if row["registration_id"] == first.id and row["criterion_id"] == plan[0].id:
                value = spread.pop(0)
                row["value"] = Decimal(value)
                row["motivation"] = _motivation(framework.plan_criteria[0], value, people[0].name)
        individual[(first.id, plan[0].code)] = [2, 5] + [3] * (len(members) - 2)
        for registration_id, person in zip(registration_ids, people, strict=True):
            scoring = len(members) - int(conflicted is not None and conflicted[1] == registration_id)
            for reserve_id in reserve_ids[: max(0, wanted - scoring)]:
                for item in plan_items:
                    # A reserve's score joins the others at their lowest, so the demo's consensus stays the same.
                    scores(reserve_id, registration_id, item, min(individual[(registration_id, item[1])]),
                           person.name)  # fmt: skip
        settled_rows += [(m.Assignment, row) for row in full_rows(m.Assignment, rows_assign)]
        settled_rows += [(m.ScoreRevision, row) for row in full_rows(m.ScoreRevision, rows_score)]

        settled_by_registration: dict[int, dict[str, Settled]] = {}
        consensus_at = start + timedelta(days=30)
        consensus_rows: list[dict[str, Any]] = []
        for registration_id in registration_ids:
            settled: dict[str, Settled] = {}
            for criterion_id, code, rule in plan_items:
                scores = sorted(individual[(registration_id, code)])
                value = Decimal(int(statistics.median_low(scores)))
                label = rule.scale.label_for(value)  # type: ignore[union-attr]
                motivation = (
                    f"De commissie stelt de score vast op {label.lower()} ({value}). "
                    f"{_OPINIONS[int(value)].capitalize()}."
                )
                if registration_id == first.id and criterion_id == plan[0].id:
                    motivation = (
                        "Na bespreking van de uiteenlopende beoordelingen stelt de commissie de score vast "
                        "op voldoende (3): de visie is herkenbaar, maar de uitwerking in concrete stappen is beperkt; "
                        "de hoge score woog een passage mee die over een ander perceel gaat."
                    )
                    value = Decimal(3)
                consensus_rows.append({
                    "registration_id": registration_id, "criterion_id": criterion_id, "revision": 1, "value": value,
                    "motivation": motivation, "source": "consensus", "set_by": _CHAIR, "set_at": consensus_at,
                })  # fmt: skip
                settled[code] = Settled(motivation, score=value)
            settled_by_registration[registration_id] = settled
        settled_rows += [(m.ConsensusScore, row) for row in full_rows(m.ConsensusScore, consensus_rows)]

        doubt_registration = registrations[1]
        check_items = [(c.id, c.code, framework.criterion(c.code)) for c in checks]
        check_rows: list[dict[str, Any]] = []
        verdict_rows: list[dict[str, Any]] = []
        for registration_id, person in zip(registration_ids, people, strict=True):
            for criterion_id, code, rule in check_items:
                declared = person.answers.get(code)
                met = answer_meets(rule, declared)
                verdict = CheckVerdict.DOUBT if met is None else CheckVerdict.PASS if met else CheckVerdict.FAIL
                if declared is None and not rule.mandatory:
                    verdict = CheckVerdict.PASS
                note = "" if verdict is CheckVerdict.PASS else f"Opgegeven: '{declared}'."
                check_rows.append({
                    "assessor_id": member_ids[0], "registration_id": registration_id, "criterion_id": criterion_id,
                    "revision": 1, "verdict": verdict.value, "note": note, "checked_at": scored_at, "source": "demo",
                })  # fmt: skip
                settled_verdict = {
                    CheckVerdict.PASS: SettledVerdict.PASS,
                    CheckVerdict.FAIL: SettledVerdict.FAIL,
                    CheckVerdict.DOUBT: SettledVerdict.VERIFY,
                }[verdict]
                motivation = (
                    "Aangetoond met de ingediende stukken."
                    if settled_verdict is SettledVerdict.PASS
                    else f"Opgegeven: '{declared}'. " + ("Verificatie nodig." if verdict is CheckVerdict.DOUBT else "")
                ).strip()
                verdict_rows.append({
                    "registration_id": registration_id, "criterion_id": criterion_id, "revision": 1,
                    "verdict": settled_verdict.value, "motivation": motivation, "source": "consensus", "set_by": _CHAIR,
                    "set_at": consensus_at,
                })  # fmt: skip
                settled_by_registration[registration_id][code] = Settled(motivation, verdict=settled_verdict)
        # Each table's rows in the order made (the ids follow it); the tables in the order they first came.
        settled_rows += [(m.CheckRevision, row) for row in full_rows(m.CheckRevision, check_rows)]
        settled_rows += [(m.RequirementVerdict, row) for row in full_rows(m.RequirementVerdict, verdict_rows)]

        insert_audited(session, settled_rows, one_flush=True)
        interview = _interview(session, rnd, doubt_registration, criteria["G3"], members[0], start + timedelta(days=35))
        resolved = (
            "Tijdens het verificatiegesprek is verduidelijkt dat alle jeugdhulp wordt uitgevoerd door SKJ- of "
            "BIG-geregistreerde professionals; 'Deels' sloeg op de ondersteunende medewerkers die geen jeugdhulp "
            "bieden. Eis aangetoond."
        )
        closing: list[tuple[type[Any], dict[str, Any]]] = [(m.RequirementVerdict, full_row(
            m.RequirementVerdict, registration_id=doubt_registration.id, criterion_id=criteria["G3"].id, revision=2,
            verdict=SettledVerdict.PASS.value, motivation=resolved, source="interview", interview_id=interview.id,
            interview_point_id=interview.points[0].id, set_by=_CHAIR, set_at=start + timedelta(days=36),
        ))]  # fmt: skip
        settled_by_registration[doubt_registration.id]["G3"] = Settled(resolved, verdict=SettledVerdict.PASS)

        procedure = Procedure(rnd.procedure)
        for registration, person in zip(registrations, people, strict=True):
            proposal = propose(framework, procedure, person.answers, settled_by_registration[registration.id])
            assert proposal.outcome is not None, proposal.blockers
            # Proposed by the rules, then confirmed by the chair: the demo is ready for its letters.
            for revision, status, by in ((1, "proposed", None), (2, "confirmed", _CHAIR)):
                closing.append((m.Decision, full_row(
                    m.Decision, registration_id=registration.id, revision=revision,
                    proposed_outcome=proposal.outcome.value, outcome=proposal.outcome.value,
                    reasons=[{"code": r.code, "part": r.part.value, "text": r.text} for r in proposal.reasons],
                    status=status, decided_by=by, decided_at=start + timedelta(days=36 + revision),
                )))  # fmt: skip
        insert_audited(session, closing, one_flush=True)
        record_action(session, "demo-created", "rounds", str(rnd.id), {"providers": providers, "seed": seed})
        return summarise(session, rnd)


def _of_round(session: Session, model: type[m.Registration] | type[m.Assessor], rnd: m.Round) -> list[Any]:
    """The round's registrations or assessors in the order they were inserted, read in one query."""
    return list(session.execute(select(model).where(model.round_id == rnd.id).order_by(model.id)).scalars())


def _interview(
    session: Session, rnd: m.Round, registration: m.Registration, criterion: m.Criterion, assessor: m.Assessor,
    held: datetime,
) -> m.Interview:  # fmt: skip
    interview = m.Interview(
        round_id=rnd.id,
        registration_id=registration.id,
        revision=1,
        status="approved",
        planned_at=held,
        held_at=held,
        location="Stadskantoor Zwolle, spreekkamer 2.14",
        approved_at=held + timedelta(days=1),
        approved_by=_CHAIR,
        approvals=[_CHAIR, assessor.name],
    )
    interview.attendees = [
        m.InterviewAttendee(name=_CHAIR, role="Voorzitter beoordelingscommissie", side="region"),
        m.InterviewAttendee(name=assessor.name, role="Lid beoordelingscommissie", side="region"),
        m.InterviewAttendee(name=registration.contact_name or "Contactpersoon", role="Directeur", side="provider"),
    ]
    interview.points = [
        m.InterviewPoint(
            criterion_id=criterion.id,
            reason="De aanbieder antwoordde 'Deels' op de norm van verantwoorde werktoedeling.",
            question="Wie voeren bij u de jeugdhulp uit, en zijn zij allen SKJ- of BIG-geregistreerd?",
            answer="Alle jeugdhulp wordt uitgevoerd door geregistreerde professionals; 'Deels' sloeg op de "
            "ondersteunende medewerkers (planning, vervoer), die geen jeugdhulp bieden.",
            only_clarifies=True,
            documents_requested="Overzicht van registraties van de uitvoerende medewerkers (ontvangen).",
            outcome="voldoet",
            motivation="Het antwoord verduidelijkt de inschrijving zonder haar te wijzigen; de eis is aangetoond.",
        )
    ]
    session.add(interview)
    session.flush()
    return interview
