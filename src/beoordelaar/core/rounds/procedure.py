"""Procedure types, roles and verdicts: the fixed vocabulary of a round."""

from __future__ import annotations

from enum import StrEnum

from beoordelaar.core.text import word


class Procedure(StrEnum):
    OPEN_HOUSE = "open-house"
    SAS = "sas"
    TENDER = "tender"

    @property
    def label(self) -> str:
        return word("procedure", self.value)

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
        return word("role", self.value)


class CheckVerdict(StrEnum):
    """An assessor's verdict on an exclusion ground or requirement."""

    PASS = "akkoord"
    FAIL = "niet-akkoord"
    DOUBT = "twijfel"

    @property
    def label(self) -> str:
        return word("verdict", self.value)


class SettledVerdict(StrEnum):
    """The chair's settled verdict on a requirement after consolidation."""

    PASS = "akkoord"
    FAIL = "niet-akkoord"
    VERIFY = "verificatie-nodig"

    @property
    def label(self) -> str:
        return word("verdict", self.value)


class Outcome(StrEnum):
    ADMIT = "admit"
    AWARD = "award"
    SELECT = "select"  # the first stage of a two-stage procedure: invited to the award stage
    REJECT = "reject"

    @property
    def label(self) -> str:
        return word("outcome", self.value)


class RoundStatus(StrEnum):
    PREPARING = "preparing"
    SCORING = "scoring"
    CONSOLIDATED = "consolidated"
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return word("round_status", self.value)
