"""The award stage of a two-stage procedure: a new round, on its own framework, open only to the selected.

It starts from a selection round whose decisions are all confirmed. The candidates selected there, per lot, are the
round's invitations; the import of registrations (core/registrations/importing.py) refuses anyone else, and anyone
for a lot they were not selected for. The award round names its selection round, so the record shows both stages.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.decision_inputs import current_decisions
from beoordelaar.core.decisions.decisions import CONFIRMED, decision_lot_outcomes
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework_files import load_framework
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome, Procedure
from beoordelaar.core.rounds.rounds import add_round, find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.text import and_list


@dataclass(frozen=True)
class Invited:
    kvk: str
    provider: str
    lots: tuple[str, ...]  # lot codes; empty in a round without lots


@dataclass(frozen=True)
class AwardStage:
    round_id: int
    name: str
    selection_round: str
    invited: tuple[Invited, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "round": self.name,
            "round_id": self.round_id,
            "selection_round": self.selection_round,
            "invited": [{"kvk": i.kvk, "provider": i.provider, "lots": list(i.lots)} for i in self.invited],
        }


def _selected(session: Session, selection: m.Round) -> list[tuple[m.Registration, tuple[str, ...]]]:
    """Each selected candidate with the lots it was selected for; refused while a decision is not confirmed."""
    decisions = current_decisions(session, selection.id)
    open_ = [r.number for r in selection.registrations if r.id not in decisions or decisions[r.id].status != CONFIRMED]
    if open_:
        raise UserError(
            f"De gunningsfase begint pas als elk besluit van de selectie '{selection.name}' is bevestigd; nog open: "
            f"{and_list(sorted(open_)[:10])}{' en meer' if len(open_) > 10 else ''}."
        )
    found = []
    for registration in sorted(selection.registrations, key=lambda r: r.sequence):
        decision = decisions[registration.id]
        lots = tuple(o.lot for o in decision_lot_outcomes(decision, registration) if o.outcome is Outcome.SELECT)
        if decision.outcome == Outcome.SELECT.value and lots:
            found.append((registration, lots))
    return found


def start_award_stage(
    sessions: sessionmaker[Session], selection_round_id: int, *, name: str, framework: str, actor: str
) -> AwardStage:
    """A new round for the award stage on `framework` (built-in name or file), inviting only the selected."""
    parsed, text = load_framework(framework)
    if parsed.selection is not None:
        raise UserError(
            f"Het kader '{parsed.name}' is zelf een selectie; de gunningsfase heeft een kader met de gunningscriteria."
        )
    with unit_of_work(sessions, actor) as session:
        selection = find_round(session, selection_round_id)
        refuse_on_laptop(session, selection.id, ChairAction.NEW_ROUND)
        if round_framework(selection).selection is None:
            raise UserError(f"Ronde '{selection.name}' is geen selectie: er is geen gunningsfase om te beginnen.")
        selected = _selected(session, selection)
        if not selected:
            raise UserError(
                f"In de selectie '{selection.name}' is niemand geselecteerd; er valt niemand uit te nodigen."
            )
        award_lots = {lot.code for lot in parsed.lots}
        missing = sorted({lot for _, lots in selected for lot in lots if lot and lot not in award_lots})
        if missing:
            raise UserError(
                f"Het kader '{parsed.name}' kent perceel {and_list(missing)} niet, waarvoor in de selectie is "
                "geselecteerd; kies het kader van de gunningsfase van deze procedure."
            )
        award = add_round(
            session, name=name, framework=parsed, text=text, procedure=Procedure(selection.procedure),
            procurement=selection.procurement,
        )  # fmt: skip
        award.selection_round_id = selection.id
        invited = []
        for registration, lots in selected:
            for lot in lots:
                session.add(m.Invitation(round_id=award.id, provider_id=registration.provider_id, lot_code=lot))
            invited.append(Invited(registration.provider.kvk, registration.name, tuple(lot for lot in lots if lot)))
        session.flush()
        stage = AwardStage(award.id, award.name, selection.name, tuple(invited))
        record_action(session, "award-stage-started", "rounds", str(award.id), stage.as_json())
        return stage
