"""What the commission's score per criterion is called, by the framework's scoring method: the words of the
rejection reasons and of the summary of the chosen bids (letter_values.assessment_values says how it was reached)."""

from __future__ import annotations

from beoordelaar.core.rounds.framework import Framework, Rounding, ScoringModel


def score_name(framework: Framework, *, plural: bool = False) -> str:
    """'consensusscore', or '(afgeronde) gemiddelde score van de commissie' where the framework averages."""
    if framework.scoring_model is ScoringModel.CONSENSUS:
        return "consensusscores" if plural else "consensusscore"
    rounded = "" if framework.rounding is Rounding.NONE else "afgeronde "
    return f"{rounded}gemiddelde score{'s' if plural else ''} van de commissie"
