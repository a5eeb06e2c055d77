"""A decision letter's content, composed from plain facts, the round's settings and the checked template.

Only the addressee's own data goes in, plus what the law requires about the chosen bids in a tender (their names,
their characteristics and relative advantages as score ranges): never another provider's motivations, answers or
documents. Rendering the content as PDF is io's job (io/letter_pdf.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from beoordelaar.core.consolidation.ranking import Placing
from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.decisions.letter_templates import (
    LetterTemplate,
    PlaceholderBlock,
    TextBlock,
    fill_template,
    template_key,
)
from beoordelaar.core.decisions.letter_values import open_house_values, standstill_values
from beoordelaar.core.decisions.lot_results import LotOutcome
from beoordelaar.core.decisions.standing import placings_text
from beoordelaar.core.rounds.procedure import Outcome, Procedure
from beoordelaar.core.text import and_list, capitalised, long_date, number_text


@dataclass(frozen=True)
class ScoreLine:
    """One plan criterion in the letter's score table (the addressee's own consensus score)."""

    code: str
    title: str
    score: Decimal | None
    score_label: str
    minimum: Decimal | None
    minimum_label: str
    motivation: str

    @property
    def meets_minimum(self) -> bool:
        return self.score is not None and (self.minimum is None or self.score >= self.minimum)

    @property
    def score_text(self) -> str:
        return "–" if self.score is None else f"{number_text(self.score)}\n({self.score_label.lower()})"

    @property
    def minimum_text(self) -> str:
        return "–" if self.minimum is None else f"{number_text(self.minimum)}\n({self.minimum_label.lower()})"


@dataclass(frozen=True)
class Recipient:
    name: str
    number: str
    kvk: str
    contact: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    lots: tuple[str, ...] = ()

    def address_lines(self) -> tuple[str, ...]:
        lines = [self.name]
        if self.contact:
            lines.append(f"T.a.v. {self.contact}")
        if self.address:
            lines.append(self.address)
        place = "  ".join(p for p in (self.postcode, self.city.upper()) if p)
        if place:
            lines.append(place)
        return tuple(lines)


@dataclass(frozen=True)
class LotWinners:
    """The chosen bids of one lot the addressee bid for (a lot without any is not awarded)."""

    lot: str  # as the letter names it: "1 (Jeugdhulp ambulant)"
    winners: tuple[str, ...]
    none_valid: bool = True  # without winners: because no bid for this lot is valid (else the chair chose none)

    @property
    def why_not_awarded(self) -> str:
        if self.none_valid:
            return (
                "geen inschrijving voor dit perceel voldoet aan alle uitsluitingsgronden en geschiktheidseisen en "
                "haalt op elk criterium het minimum"
            )
        return "er is voor dit perceel geen inschrijving gekozen"

    @property
    def not_awarded(self) -> str:
        """'Perceel 3 (Dagbehandeling) wordt niet gegund: …', for a lot without a chosen bid."""
        return f"Perceel {self.lot} wordt niet gegund: {self.why_not_awarded}."


@dataclass(frozen=True)
class LotAdvantages:
    """The characteristics and relative advantages of the chosen bids of one lot: the commission's summary, and the
    range of their scores per criterium (winners_summary)."""

    lot: str  # as the letter names it; empty where the round has no lots
    text: str
    scores: str


class LetterFactsError(ValueError):
    """Facts a letter cannot state without contradicting itself; the message is Dutch."""


@dataclass(frozen=True)
class LetterFacts:
    """Everything one letter states, as plain values."""

    recipient: Recipient
    procedure: Procedure
    outcome: Outcome
    round_name: str
    kenmerk: str
    reasons: tuple[str, ...]
    scores: tuple[ScoreLine, ...]
    total: Decimal | None = None
    placings: tuple[Placing, ...] = ()  # per lot among the valid bids, where the procedure ranks (standing.py)
    not_ranked: str = ""  # why the bid has no place, where it has none (standing.py)
    winners: tuple[str, ...] = ()  # where the round has no lots; else per lot in lot_winners
    winners_summary: str = ""  # the score ranges, where advantages is not given
    advantages: tuple[LotAdvantages, ...] = ()  # per lot of the addressee with a chosen bid (relative_advantages.py)
    decider: str = ""  # who intends to award, for {gunningsvoornemen} (the settings' besluitnemer)
    lot_winners: tuple[LotWinners, ...] = ()  # only the lots the addressee bid for
    override_motivation: str = ""  # the chair's motivation where the decision differs from the rules' proposal
    failed: tuple[str, ...] = ()  # the criteria the record says are not met (knock-outs and minima)
    lot_outcomes: tuple[LotOutcome, ...] = ()  # the decision per lot bid for, with why in a selection
    selection_rule: str = ""  # in a selection: the announced maximum and tie-break, in words
    next_stage: str = ""  # in a selection: what the selected are invited to
    score_word: str = "consensusscore"  # what the commission's score is called (score_words.score_name)
    replaces: str = ""  # the paragraph on the sent letter this one replaces (letter_replacement.py)


@dataclass(frozen=True)
class ScoresTable:
    lines: tuple[ScoreLine, ...]
    total: str | None = None  # the weighted total, where ranking applies


@dataclass(frozen=True)
class ReasonsList:
    reasons: tuple[str, ...]


ContentBlock = TextBlock | ScoresTable | ReasonsList


@dataclass(frozen=True)
class LetterContent:
    """What io/letter_pdf.py prints: every text final, nothing left to look up."""

    kenmerk: str
    date_text: str
    subject: str
    sender_lines: tuple[str, ...]
    address_lines: tuple[str, ...]
    salutation: str
    blocks: tuple[ContentBlock, ...]
    closing: str
    signatory: str
    signatory_function: str
    sender: str
    title: str  # PDF metadata
    provider: str  # PDF metadata (subject)
    mandate: str = ""  # i14-letters: the line above the signature ("namens het dagelijks bestuur van …")


_DECIDED = {
    Outcome.ADMIT: "toegelaten", Outcome.AWARD: "voornemen tot gunning", Outcome.SELECT: "geselecteerd",
    Outcome.REJECT: "afgewezen",
}  # fmt: skip


def _lots_text(lots: Sequence[str]) -> str:
    if not lots:
        return "de hele opdracht"
    if len(lots) == 1:
        return f"perceel {lots[0]}"
    return "de percelen " + and_list(lots)


def _rank_text(facts: LetterFacts) -> str:
    """The value of {rang}, a noun phrase either way: 'plaats 2 van 5 in perceel A', or 'geen', with why."""
    if not facts.placings:
        text = (
            "geen, want alleen geldige inschrijvingen worden gerangschikt (die aan alle uitsluitingsgronden en "
            "geschiktheidseisen voldoen en op elk criterium het minimum halen)"
        )
        return f"{text}, en {facts.not_ranked}" if facts.not_ranked else text
    return placings_text(facts.placings)


def _chosen_text(facts: LetterFacts, nobody: str, none_in_lot: str) -> str:
    """The chosen bids, per lot the addressee bid for: the value of {gekozen_aanbieders} and {geselecteerden}."""
    if not facts.lot_winners:
        return "; ".join(facts.winners) or nobody
    return " — ".join(
        f"perceel {lot.lot}: " + ("; ".join(lot.winners) if lot.winners else none_in_lot) for lot in facts.lot_winners
    )


def _winners_text(facts: LetterFacts) -> str:
    return _chosen_text(facts, "geen enkele inschrijver", "niet gegund (geen inschrijving gekozen)")


def _selected_text(facts: LetterFacts) -> str:
    return _chosen_text(facts, "niemand", "niemand (geen geldige aanmelding)")


def intention_text(facts: LetterFacts) -> str:
    """The value of {gunningsvoornemen}: whole sentences saying to whom the decider intends to award in each lot the
    addressee bid for, and which of those lots are not awarded, and why."""
    lead = f"Op advies van de commissie is {facts.decider}" if facts.decider else "Wij zijn"
    if not facts.lot_winners:
        if facts.winners:
            return f"{lead} voornemens de opdracht te gunnen aan: {'; '.join(facts.winners)}."
        return (
            f"{lead} voornemens de opdracht niet te gunnen: geen inschrijving voldoet aan alle uitsluitingsgronden "
            "en geschiktheidseisen en haalt op elk criterium het minimum."
        )
    awarded = [lot for lot in facts.lot_winners if lot.winners]
    not_awarded = [lot for lot in facts.lot_winners if not lot.winners]
    if awarded:
        chosen = " — ".join(f"perceel {lot.lot}: {'; '.join(lot.winners)}" for lot in awarded)
        intention = f"{lead} voornemens de opdracht te gunnen aan: {chosen}."
    elif len(not_awarded) == 1:
        return f"{lead} voornemens perceel {not_awarded[0].lot} niet te gunnen: {not_awarded[0].why_not_awarded}."
    else:
        intention = f"{lead} voornemens geen van de percelen waarop u inschreef te gunnen."
    return " ".join([intention, *(lot.not_awarded for lot in not_awarded)])


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else f"{text}."


def advantages_text(facts: LetterFacts) -> str:
    """The value of {kenmerken_voordelen}: per lot the commission's summary and the score ranges of the chosen bids;
    with several lots, each on a line of its own."""
    if not facts.advantages:
        return facts.winners_summary or "er is geen inschrijving gekozen."
    parts = [" ".join(p for p in (_sentence(a.text), capitalised(a.scores)) if p) for a in facts.advantages]
    if len(facts.advantages) == 1 and not facts.advantages[0].lot:
        return parts[0]
    return "".join(f"\nPerceel {a.lot}: {part}" for a, part in zip(facts.advantages, parts, strict=True))


_OWN_LOT_OUTCOME = {
    (True, Outcome.AWARD): "voornemen tot gunning aan u",
    (True, Outcome.REJECT): "afgewezen",
    (False, Outcome.ADMIT): "toegelaten",
    (False, Outcome.REJECT): "niet toegelaten",
}


def lot_outcomes_text(facts: LetterFacts) -> str:
    """The addressee's outcome in every lot it bid for, and only those; in a tender a lot without a chosen bid is
    said to be not awarded. The value of {uitkomst_per_perceel}."""
    if facts.selection_rule:  # each lot its own outcome, with the place and the maximum
        return " — ".join(f"perceel {o.lot}: {o.text}" if o.lot else o.text for o in facts.lot_outcomes)
    if not facts.recipient.lots:
        return _DECIDED[facts.outcome]
    winners = {lot.lot: lot.winners for lot in facts.lot_winners}
    decided = {o.lot: o for o in facts.lot_outcomes}
    parts = []
    for lot in facts.recipient.lots:
        code = lot.partition(" (")[0]
        if decided and code not in decided:  # an entry moment decides only the lots not admitted to before
            parts.append(f"perceel {lot}: al toegelaten bij een eerder toetredingsmoment, niet opnieuw beoordeeld")
            continue
        outcome = decided[code].outcome if code in decided else facts.outcome
        own = _OWN_LOT_OUTCOME[(facts.procedure.ranks, outcome)]
        why = f"; {decided[code].text}" if code in decided and decided[code].text else ""
        not_awarded = facts.procedure.ranks and lot in winners and not winners[lot]
        parts.append(f"perceel {lot}: {own}{why}" + ("; dit perceel wordt niet gegund" if not_awarded else ""))
    return " — ".join(parts)


def _check_consistent(facts: LetterFacts) -> None:
    """A positive letter says every requirement is met and every minimum reached: the record and its own table
    must show that."""
    if facts.outcome is Outcome.REJECT:
        return
    head = f"De brief aan {facts.recipient.name} kan niet worden gemaakt: het besluit is '{_DECIDED[facts.outcome]}', "
    below = [line.code for line in facts.scores if not line.meets_minimum]
    if below:
        raise LetterFactsError(
            f"{head}maar de scoretabel toont {and_list(below)} onder het minimum. Herzie de {facts.score_word} of "
            "het besluit."
        )
    if facts.failed:
        raise LetterFactsError(
            f"{head}maar volgens het dossier is niet voldaan aan {and_list(facts.failed)}. Herzie het oordeel over de "
            "eis of het besluit."
        )


def compose_letter(
    facts: LetterFacts,
    settings: DocumentSettings,
    template: LetterTemplate,
    today: date,
    assessment: Mapping[str, str],  # i14-letters: letter_values.assessment_values(framework)
) -> LetterContent:
    """Fill the template for one letter; LetterTemplateError (Dutch) if the template cannot be printed,
    LetterFactsError if the facts would make the letter contradict itself."""
    _check_consistent(facts)
    key = template_key(facts.procedure, facts.outcome, selection=bool(facts.selection_rule))
    letter_date, sent = settings.dates(today)
    values: dict[str, str] = {
        "aanbieder": facts.recipient.name,
        "inschrijvingsnummer": facts.recipient.number,
        "kvk": facts.recipient.kvk,
        "contactpersoon": facts.recipient.contact or "heer, mevrouw",
        "ronde": facts.round_name,
        "procedure": facts.procedure.label,
        "besluit": _DECIDED[facts.outcome],
        "percelen": _lots_text(facts.recipient.lots),
        "uitkomst_per_perceel": lot_outcomes_text(facts),
        "datum": long_date(letter_date),
        "verzenddatum": long_date(sent),
        "kenmerk": facts.kenmerk,
        "afzender": settings.sender,
        "ondertekenaar": settings.signatory,
        "functie": settings.signatory_function,
        "besluitnemer": settings.deciding,  # i14-letters
        **assessment,
    }
    if key.is_selection:
        values |= standstill_values(settings, sent)  # the award stage waits for it, as a contract would
        values |= {
            "selectieregel": facts.selection_rule,
            "volgende_fase": facts.next_stage or "de volgende fase van de procedure",
            "geselecteerden": _selected_text(facts),
            "rang": _rank_text(facts),
            "totaalscore": "–" if facts.total is None else number_text(facts.total),
        }
    elif key.is_tender:
        values |= standstill_values(settings, sent)  # i14-letters: the period as stated, and the remedies clause
        values |= {
            "gekozen_aanbieders": _winners_text(facts),
            "kenmerken_voordelen": advantages_text(facts),
            "gunningsvoornemen": intention_text(facts),
            "rang": _rank_text(facts),
            "totaalscore": "–" if facts.total is None else number_text(facts.total),
        }
    else:
        values |= open_house_values(settings, facts.outcome)
    filled = fill_template(key, template, values)
    total = None if facts.total is None or not facts.procedure.ranks else number_text(facts.total)
    blocks: list[ContentBlock] = [TextBlock(facts.replaces)] if facts.replaces else []
    for block in filled.blocks:
        if isinstance(block, PlaceholderBlock) and block.name == "scoretabel":
            blocks.append(ScoresTable(facts.scores, total))
            if facts.outcome is not Outcome.REJECT:  # a rejection carries the motivation among its reasons
                blocks += _override_blocks(facts)
        elif isinstance(block, PlaceholderBlock):
            blocks.append(ReasonsList(facts.reasons))
        elif block.text.strip():  # a paragraph of only an empty placeholder ({toelichting_termijn}) is left out
            blocks.append(block)
    sender_lines = (settings.sender, *(line for line in settings.address.splitlines() if line.strip()))
    return LetterContent(
        kenmerk=facts.kenmerk,
        date_text=long_date(letter_date),
        subject=filled.subject,
        sender_lines=tuple(sender_lines),
        address_lines=facts.recipient.address_lines(),
        salutation=filled.salutation,
        blocks=tuple(blocks),
        closing=filled.closing,
        signatory=settings.signatory,
        signatory_function=settings.signatory_function,
        sender=settings.sender,
        title=f"{filled.subject} – {facts.kenmerk}",
        provider=facts.recipient.name,
        mandate=" ".join(settings.mandate.split()),  # i14-letters
    )


def _override_blocks(facts: LetterFacts) -> list[ContentBlock]:
    if not facts.override_motivation.strip():
        return []
    return [
        TextBlock(
            "Dit besluit wijkt af van het voorstel volgens de beoordelingsregels. Motivering van het besluit: "
            f"{facts.override_motivation.strip()}"
        )
    ]


def winners_summary(
    lines_by_winner: Sequence[Sequence[ScoreLine]],
    own: Sequence[ScoreLine] | None = None,
    scores_name: str = "consensusscores",  # score_words.score_name(framework, plural=True)
) -> str:
    """The characteristics and relative advantages of the chosen bids, without anyone's confidential data: that
    they meet every requirement and minimum, and per criterion the range of their scores, named as the framework's
    method calls them (and where the addressee's own score lies below that range)."""
    if not lines_by_winner:
        return "er is geen inschrijving gekozen."
    count = len(lines_by_winner)
    if count == 1:
        head = "de gekozen inschrijving voldoet aan alle uitsluitingsgronden en geschiktheidseisen en behaalt"
    else:
        head = (
            f"de {count} gekozen inschrijvingen voldoen aan alle uitsluitingsgronden en geschiktheidseisen en behalen"
        )
    head += " op elk criterium ten minste het minimum"
    own_by_code = {line.code: line for line in own or ()}
    parts = []
    for index, line in enumerate(lines_by_winner[0]):
        values = [lines[index].score for lines in lines_by_winner if lines[index].score is not None]
        if not values:
            continue
        low, high = min(values), max(values)
        span = number_text(low) if low == high else f"{number_text(low)} tot {number_text(high)}"
        part = f"{line.title} {span}"
        mine = own_by_code.get(line.code)
        if mine is not None and mine.score is not None and mine.score < low:
            part += f" (uw inschrijving: {number_text(mine.score)})"
        parts.append(part)
    if not parts:
        return f"{head}."
    chosen = "de gekozen inschrijving" if count == 1 else "de gekozen inschrijvingen"
    return f"{head}. {capitalised(scores_name)} van {chosen} per criterium: " + "; ".join(parts) + "."
