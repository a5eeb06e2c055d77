"""What the commission's score per criterion is called, by the framework's scoring method: the words of the
rejection reasons, of the summary of the chosen bids and of the chair's screens (letter_values.assessment_values
says how it was reached)."""

from __future__ import annotations

from beoordelaar.core.rounds.framework import Framework, Rounding, ScoringModel


def score_name(framework: Framework, *, plural: bool = False) -> str:
    """'consensusscore', or '(afgeronde) gemiddelde score van de commissie' where the framework averages."""
    averaging = framework.scoring_model is ScoringModel.AVERAGING
    return method_score_name(averaging, plural=plural, rounded=framework.rounding is not Rounding.NONE)


def method_score_name(averaging: bool, *, plural: bool = False, rounded: bool = False) -> str:
    """The same from the method alone, for a screen that knows only whether the round averages."""
    if not averaging:
        return "consensusscores" if plural else "consensusscore"
    return f"{'afgeronde ' if rounded else ''}gemiddelde score{'s' if plural else ''} van de commissie"
