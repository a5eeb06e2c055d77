"""Procedure types, roles and verdicts: the fixed vocabulary of a round."""

from __future__ import annotations

from enum import StrEnum


class Procedure(StrEnum):
    OPEN_HOUSE = "open-house"
    SAS = "sas"
    TENDER = "tender"

    @property
    def label(self) -> str:
        return {"open-house": "Open House (toelating)", "sas": "SAS-procedure", "tender": "Aanbesteding"}[self.value]

    @property
    def ranks(self) -> bool:
        """Open House admits everyone who qualifies: it never ranks."""
        return self is not Procedure.OPEN_HOUSE

    @property
    def positive_outcome(self) -> Outcome:
        return Outcome.ADMIT if self is Procedure.OPEN_HOUSE else Outcome.AWARD


class Role(StrEnum):
    ASSESSOR = "assessor"
    CHAIR = "chair"

    @property
    def label(self) -> str:
        return {"assessor": "Beoordelaar", "chair": "Voorzitter"}[self.value]


class CheckVerdict(StrEnum):
    """An assessor's verdict on an exclusion ground or requirement."""

    PASS = "akkoord"
    FAIL = "niet-akkoord"
    DOUBT = "twijfel"

    @property
    def label(self) -> str:
        return {"akkoord": "Akkoord", "niet-akkoord": "Niet akkoord", "twijfel": "Twijfel"}[self.value]


class SettledVerdict(StrEnum):
    """The chair's settled verdict on a requirement after consolidation."""

    PASS = "akkoord"
    FAIL = "niet-akkoord"
    VERIFY = "verificatie-nodig"

    @property
    def label(self) -> str:
        return {
            "akkoord": "Akkoord",
            "niet-akkoord": "Niet akkoord",
            "verificatie-nodig": "Verificatie nodig",
        }[self.value]


class Outcome(StrEnum):
    ADMIT = "admit"
    AWARD = "award"
    REJECT = "reject"

    @property
    def label(self) -> str:
        return {"admit": "Toelaten", "award": "Gunnen", "reject": "Afwijzen"}[self.value]


class RoundStatus(StrEnum):
    PREPARING = "preparing"
    SCORING = "scoring"
    CONSOLIDATED = "consolidated"
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return {
            "preparing": "In voorbereiding",
            "scoring": "Beoordelen",
            "consolidated": "Geconsolideerd",
            "decided": "Besloten",
        }[self.value]
