"""The commission's summary, per lot, of the characteristics and relative advantages of the chosen bid(s).

Aw 2012 art. 2.130 wants them in every award and rejection letter of a tender or SAS, and CvAE advice 209 says that
a score matrix alone does not explain them: the commission writes them, without confidential content, and the letters
cannot be made before every lot with a chosen bid has its summary. A summary names the bids it describes, so that one
written before the chosen bids changed (a revised decision) is not printed: it must be brought up to date first.
Every change is a new revision, in the history with its text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.letter_privacy import text_privacy_problems
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Framework
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome, Procedure
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import and_list, capitalised

MIN_LENGTH = 40
WHOLE = "de opdracht"  # how a round without lots is named


@dataclass(frozen=True)
class AdvantagesRow:
    """One lot (or the whole contract): its chosen bids now, and the commission's summary of them."""

    lot: str | None  # the lot's code; None where the round has no lots
    lot_label: str  # "1 (Ambulante jeugdhulp)", or "de opdracht"
    chosen: tuple[str, ...]  # registration numbers of the bids chosen now
    chosen_names: tuple[str, ...]  # their providers' names, in the same order
    text: str  # the newest summary; empty when none was written
    described: tuple[str, ...]  # the chosen bids the summary was written for
    revision: int
    written_by: str | None
    written_at: datetime | None

    @property
    def named(self) -> str:
        """'perceel 1 (Ambulante jeugdhulp)', or 'de opdracht'."""
        return f"perceel {self.lot_label}" if self.lot is not None else WHOLE

    @property
    def where(self) -> str:
        return capitalised(self.named)

    @property
    def stale(self) -> bool:
        """Written for other chosen bids than there are now."""
        return bool(self.text) and set(self.described) != set(self.chosen)

    @property
    def problem(self) -> str:
        """Why this lot stops the letters, in Dutch; empty when it does not."""
        if not self.chosen:
            return ""
        if not self.text:
            return (
                f"{self.where}: de commissie heeft de kenmerken en relatieve voordelen van de gekozen inschrijving(en) "
                "nog niet beschreven (Aw 2012 art. 2.130). Schrijf die samenvatting bij Besluiten › Relatieve "
                "voordelen…, of met 'beoordelaar relative-advantages'."
            )
        if self.stale:
            return (
                f"{self.where}: de samenvatting van de relatieve voordelen beschrijft {and_list(self.described)}, "
                f"maar gekozen is nu {and_list(self.chosen)}. Werk de samenvatting bij."
            )
        return ""

    def as_json(self) -> dict[str, object]:
        return {
            "lot": self.lot,
            "lot_label": self.lot_label,
            "chosen": list(self.chosen),
            "chosen_names": list(self.chosen_names),
            "text": self.text,
            "described": list(self.described),
            "revision": self.revision,
            "written_by": self.written_by,
            "written_at": self.written_at.isoformat() if self.written_at else None,
            "stale": self.stale,
            "problem": self.problem or None,
        }


def _chosen(session: Session, rnd: m.Round) -> dict[int | None, list[tuple[str, str]]]:
    """Per lot id (None where the round has no lots) the number and name of the bids whose current decision awards,
    in the round's order; read as plain rows, not as every registration and decision of the round."""
    current: dict[int, str] = {}
    for registration_id, outcome in session.execute(
        select(m.Decision.registration_id, m.Decision.outcome)
        .join(m.Registration)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Decision.revision)
    ):
        current[registration_id] = outcome
    lots: dict[int, list[int | None]] = defaultdict(list)
    if rnd.lots:
        for registration_id, lot_id in session.execute(
            select(m.RegistrationLot.registration_id, m.RegistrationLot.lot_id)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id)
        ):
            lots[registration_id].append(lot_id)
    chosen: dict[int | None, list[tuple[str, str]]] = defaultdict(list)
    for registration_id, number, name in session.execute(
        select(m.Registration.id, m.Registration.number, m.Registration.name)
        .where(m.Registration.round_id == rnd.id)
        .order_by(m.Registration.sequence)
    ):
        if current.get(registration_id) != Outcome.AWARD.value:
            continue
        for lot_id in lots[registration_id] if rnd.lots else [None]:
            chosen[lot_id].append((number, name))
    return chosen


def _newest(session: Session, rnd: m.Round) -> dict[int | None, m.RelativeAdvantages]:
    newest: dict[int | None, m.RelativeAdvantages] = {}
    query = (
        select(m.RelativeAdvantages)
        .where(m.RelativeAdvantages.round_id == rnd.id)
        .order_by(m.RelativeAdvantages.revision)
    )
    for row in session.execute(query).scalars():
        newest[row.lot_id] = row
    return newest


def advantages_rows(session: Session, rnd: m.Round) -> list[AdvantagesRow]:
    """Every lot of the round (or the whole contract), in order, with its summary; inside an open session."""
    chosen = _chosen(session, rnd)
    newest = _newest(session, rnd)
    places: list[tuple[int | None, str | None, str]] = [(lot.id, lot.code, f"{lot.code} ({lot.name})")
                                                        for lot in rnd.lots] or [(None, None, WHOLE)]  # fmt: skip
    rows = []
    for lot_id, code, label in places:
        written = newest.get(lot_id)
        rows.append(
            AdvantagesRow(
                lot=code, lot_label=label, chosen=tuple(number for number, _ in chosen.get(lot_id, ())),
                chosen_names=tuple(name for _, name in chosen.get(lot_id, ())),
                text=written.text if written else "", described=tuple(written.winners) if written else (),
                revision=written.revision if written else 0, written_by=written.written_by if written else None,
                written_at=written.written_at if written else None,
            )
        )  # fmt: skip
    return rows


def needs_advantages(procedure: Procedure, framework: Framework) -> bool:
    """Tender and SAS award letters carry the summary (art. 2.130 Aw 2012); Open House admits without a competition,
    and a selection decides who may bid, not to whom the contract goes."""
    return procedure.ranks and framework.selection is None


def list_relative_advantages(sessions: sessionmaker[Session], round_id: int) -> list[AdvantagesRow]:
    with sessions() as session:
        return advantages_rows(session, find_round(session, round_id))


def set_relative_advantages(
    sessions: sessionmaker[Session], round_id: int, lot: str | None, text: str, *, actor: str
) -> AdvantagesRow:
    """The commission's summary for one lot (lot None where the round has no lots): a new revision, in the history.
    Refused, with nothing saved, in Open House, for an unknown lot or one without a chosen bid, for a text that is
    too short or unchanged, and for one that names a commission member or individual scores."""
    text = text.strip()
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        refuse_on_laptop(session, rnd.id, ChairAction.DECIDE)
        if not needs_advantages(Procedure(rnd.procedure), round_framework(rnd)):
            raise UserError(
                "Alleen een gunningsbeslissing noemt de kenmerken en relatieve voordelen van de gekozen inschrijving: "
                "in Open House is er geen gunning, en een selectie kiest wie mag inschrijven, niet aan wie wordt "
                "gegund."
            )
        rows = advantages_rows(session, rnd)
        row = _lot_row(rows, lot)
        if not row.chosen:
            raise UserError(
                f"{row.where} heeft (nog) geen gekozen inschrijving: er zijn geen relatieve voordelen te beschrijven. "
                "Bevestig eerst de besluiten."
            )
        if len(text) < MIN_LENGTH:
            raise UserError(
                f"De samenvatting van {row.named} is te "
                f"kort ({len(text)} tekens; minimaal {MIN_LENGTH}): beschrijf per criterium de kenmerken en relatieve "
                "voordelen van de gekozen inschrijving(en), zonder vertrouwelijke gegevens."
            )
        members = [a.name for a in rnd.assessors]
        problems = text_privacy_problems("De samenvatting", text, members)
        if problems:
            raise UserError("De samenvatting is niet opgeslagen:\n- " + "\n- ".join(problems))
        if text == row.text and not row.stale:
            raise UserError(f"De samenvatting van {row.named} is al zo vastgelegd. Er is niets veranderd.")
        lot_id = next((lot_.id for lot_ in rnd.lots if lot_.code == row.lot), None)
        session.add(
            m.RelativeAdvantages(
                round_id=rnd.id, lot_id=lot_id, revision=row.revision + 1, text=text, winners=list(row.chosen),
                written_by=actor, written_at=utcnow(),
            )
        )  # fmt: skip
        session.flush()
        record_action(
            session, "relative-advantages-set", "rounds", str(rnd.id),
            {"lot": row.lot, "revision": row.revision + 1, "chosen": list(row.chosen), "text": text},
        )  # fmt: skip
        return _lot_row(advantages_rows(session, rnd), row.lot)


def _lot_row(rows: list[AdvantagesRow], lot: str | None) -> AdvantagesRow:
    has_lots = rows[0].lot is not None
    if not has_lots:
        if lot:
            raise UserError(f"Deze ronde heeft geen percelen: laat het perceel ({lot}) weg.")
        return rows[0]
    codes = [row.lot for row in rows]
    if not lot:
        raise UserError(f"Kies het perceel: {and_list([c for c in codes if c])}.")
    for row in rows:
        if row.lot is not None and row.lot.casefold() == lot.strip().casefold():
            return row
    raise UserError(f"Onbekend perceel '{lot}'. De percelen van deze ronde: {and_list([c for c in codes if c])}.")
