"""The rule across entry moments: earlier admissions are not decided again, closed product groups admit no one."""

from __future__ import annotations

from beoordelaar.core.decisions.entry_lots import EntryFacts, entry_lot_outcomes, open_municipalities
from beoordelaar.core.decisions.lot_results import LotOutcome
from beoordelaar.core.rounds.procedure import Outcome

FACTS = EntryFacts(
    earlier={7: {"1": "Toetreding januari"}},
    participants={"1": ("Kampen", "Zwolle"), "3": ("Kampen", "Zwolle"), "4": ("Deventer", "Zwolle")},
    closed={
        "3": (("Kampen", "Voldoende dagbehandeling."),),
        "4": (("Deventer", "Genoeg aanbieders"), ("Zwolle", "Aanbod toereikend")),
    },
)


def test_an_admitted_provider_is_decided_for_its_extra_lot_only() -> None:
    outcome, lots = entry_lot_outcomes(("1", "2"), Outcome.ADMIT, 7, FACTS)
    assert outcome is Outcome.ADMIT
    assert lots == (LotOutcome("2", Outcome.ADMIT),)


def test_an_admitted_provider_that_adds_no_lot_gets_no_new_admission() -> None:
    outcome, lots = entry_lot_outcomes(("1",), Outcome.ADMIT, 7, FACTS)
    assert outcome is Outcome.REJECT
    assert "al toegelaten (Toetreding januari)" in lots[0].text and "blijft staan" in lots[0].text


def test_a_group_every_municipality_closed_admits_no_one_and_says_why() -> None:
    outcome, lots = entry_lot_outcomes(("4",), Outcome.ADMIT, 8, FACTS)
    assert outcome is Outcome.REJECT
    assert lots[0].outcome is Outcome.REJECT
    assert lots[0].text == (
        "de productgroep is voor dit toetredingsmoment gesloten (gemeente Deventer: Genoeg aanbieders; "
        "gemeente Zwolle: Aanbod toereikend)"
    )


def test_a_group_some_municipalities_closed_admits_for_the_others() -> None:
    outcome, lots = entry_lot_outcomes(("3", "4"), Outcome.ADMIT, 8, FACTS)
    assert outcome is Outcome.ADMIT  # admitted to lot 3 in Zwolle; lot 4 is closed everywhere
    assert lots[0] == LotOutcome(
        "3",
        Outcome.ADMIT,
        "alleen voor Zwolle; gesloten voor dit toetredingsmoment: gemeente Kampen: Voldoende dagbehandeling",
    )
    assert lots[1].outcome is Outcome.REJECT
    assert open_municipalities("3", FACTS) == ("Zwolle",)
    assert open_municipalities("2", FACTS) == ()  # no municipalities named: the whole region


def test_a_rejection_on_the_record_stays_a_rejection_and_blocked_stays_blocked() -> None:
    assert entry_lot_outcomes(("3",), Outcome.REJECT, 8, FACTS) == (Outcome.REJECT, (LotOutcome("3", Outcome.REJECT),))
    assert entry_lot_outcomes(("3",), None, 8, FACTS) == (None, ())


def test_earlier_outcomes_never_change_the_outcome_of_a_re_applicant_that_was_rejected() -> None:
    """A provider rejected before is not in the earlier admissions: its new registration is decided on its own."""
    assert entry_lot_outcomes(("1",), Outcome.ADMIT, 9, FACTS) == (Outcome.ADMIT, (LotOutcome("1", Outcome.ADMIT),))
