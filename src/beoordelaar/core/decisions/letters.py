"""Decision letters: whether a round is ready for them, and making them (one PDF per provider, one merged PDF to
print in one go, and an overview of what was sent to whom).

Every letter is kept in the document store with its SHA-256, its version and who made it (a Letter row). Making the
letters again makes new versions with new kenmerken; the old ones stay. Nothing is printed while something blocks:
open items of the consolidation, unconfirmed decisions, missing settings or an unusable template.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.decision_inputs import (
    RoundInputs,
    current_decisions,
    load_inputs,
    plan_total,
    proposals_for,
    round_standings,
)
from beoordelaar.core.decisions.decisions import CONFIRMED, DecisionRow, decision_lot_outcomes, list_decisions
from beoordelaar.core.decisions.document_settings import effective_templates
from beoordelaar.core.decisions.document_settings_rules import DocumentSettings, make_kenmerk, settings_problems
from beoordelaar.core.decisions.letter_content import (
    LetterContent,
    LetterFacts,
    LetterFactsError,
    LotAdvantages,
    LotWinners,
    Recipient,
    ScoreLine,
    compose_letter,
    winners_summary,
)
from beoordelaar.core.decisions.letter_pdf import render_letter, render_letter_set
from beoordelaar.core.decisions.letter_privacy import privacy_problems
from beoordelaar.core.decisions.letter_replacement import SentLetter, replacement_text
from beoordelaar.core.decisions.letter_sending import refuse_past_sending, stated_standstill_end
from beoordelaar.core.decisions.letter_templates import LetterTemplateError, template_key, template_problems
from beoordelaar.core.decisions.letter_values import assessment_values
from beoordelaar.core.decisions.letters_overview import write_overview
from beoordelaar.core.decisions.lot_results import LotOutcome
from beoordelaar.core.decisions.mandate import signatory_problems
from beoordelaar.core.decisions.next_entry import with_next_entry_moment
from beoordelaar.core.decisions.proposal import Proposal
from beoordelaar.core.decisions.relative_advantages import AdvantagesRow, advantages_rows, needs_advantages
from beoordelaar.core.decisions.score_words import score_name
from beoordelaar.core.decisions.selection import selection_rule_text
from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.files.staged_files import StagedFiles, recover
from beoordelaar.core.registrations.registrations import find_registration
from beoordelaar.core.rounds.chair_only import ChairAction
from beoordelaar.core.rounds.framework import Framework
from beoordelaar.core.rounds.laptop import refuse_on_laptop
from beoordelaar.core.rounds.procedure import Outcome, Procedure, RoundStatus
from beoordelaar.core.rounds.rounds import find_round, round_framework
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, insert_audited, record_action, unit_of_work
from beoordelaar.core.storage.bulk import collection_paused, full_rows
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.storage.documents import DocumentStore
from beoordelaar.core.text import and_list, date_text
from beoordelaar.core.verification.open_items import open_items

Progress = Callable[[int, int], None]
MERGED_NAME = "Besluitbrieven_samengevoegd.pdf"
OVERVIEW_NAME = "Overzicht_besluitbrieven.xlsx"


@dataclass(frozen=True)
class Blocker:
    """Something that stops the letters: kind (as open_items gives it, or round, decision, settings, template,
    privacy)."""

    kind: str
    registration: str | None
    criterion: str | None
    text: str

    def __str__(self) -> str:
        where = " ".join(p for p in (self.registration, self.criterion) if p)
        return f"{where}: {self.text}" if where else self.text

    def as_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "registration": self.registration, "criterion": self.criterion, "text": self.text}


class LettersNotReady(UserError):
    def __init__(self, blockers: Sequence[Blocker]) -> None:
        self.blockers = tuple(blockers)
        shown = [f"- {b}" for b in self.blockers[:25]]
        if len(self.blockers) > 25:
            shown.append(f"- … en nog {len(self.blockers) - 25}")
        super().__init__("Er kunnen nog geen brieven worden gemaakt:\n" + "\n".join(shown))


def letter_blockers(
    sessions: sessionmaker[Session],
    round_id: int,
    registration_number: str | None = None,
    *,
    decisions: Sequence[DecisionRow] | None = None,
) -> list[Blocker]:
    """Everything that stops the letters of a round (or the letter of one registration), in Dutch; empty when they
    may be made. decisions: the round's list_decisions when the caller has just read them (not computed again)."""
    found = _round_blockers(sessions, round_id, decisions)
    if registration_number is None:
        return found
    with sessions() as session:
        rnd = find_round(session, round_id)
        number = find_registration(session, rnd, registration_number).number
        procedure = Procedure(rnd.procedure)
    return blockers_for(found, procedure, number)


def blockers_for(blockers: Sequence[Blocker], procedure: Procedure, number: str) -> list[Blocker]:
    """What stops the letter of one registration. A tender or SAS letter names the chosen bids and the ranking, so
    every decision of the round must be ready; an Open House letter depends only on its own registration and on
    what holds for the whole round."""
    if procedure.ranks:
        return list(blockers)
    return [b for b in blockers if b.registration in (None, number)]


def _round_blockers(
    sessions: sessionmaker[Session], round_id: int, decisions: Sequence[DecisionRow] | None = None
) -> list[Blocker]:
    with sessions() as session:
        rnd = find_round(session, round_id)
        status = RoundStatus(rnd.status)
        settings = DocumentSettings.from_json(rnd.document_settings)
        procedure = Procedure(rnd.procedure)
        members = [a.name for a in rnd.assessors]
        advantages = advantages_rows(session, rnd) if needs_advantages(procedure, round_framework(rnd)) else []
    blockers: list[Blocker] = []
    if status not in (RoundStatus.CONSOLIDATED, RoundStatus.DECIDED):
        blockers.append(Blocker("round", None, None, f"De ronde is nog niet geconsolideerd (stand: {status.label})."))
    blockers += [Blocker(i.kind, i.registration, i.criterion, i.text) for i in open_items(sessions, round_id)]
    rows = list_decisions(sessions, round_id) if decisions is None else decisions
    for row in rows:
        if row.blockers:
            continue
        if row.outcome not in (None, Outcome.REJECT) and row.failed_now:
            blockers.append(_knocked_out(row.number, row.outcome, row.failed_now, row.score_word))
        elif row.status == "open":
            blockers.append(Blocker("decision", row.number, None, "nog geen besluit; stel de besluiten voor."))
        elif row.status != CONFIRMED:
            blockers.append(Blocker("decision", row.number, None, "het besluit is nog niet bevestigd."))
        elif row.rules_now is not None and not row.overridden:
            blockers.append(
                Blocker(
                    "decision", row.number, None,
                    f"de regels geven nu '{row.rules_now.label}'; stel opnieuw voor of motiveer de afwijking.",
                )
            )  # fmt: skip
    if not rows:
        blockers.append(Blocker("round", None, None, "De ronde heeft geen inschrijvingen."))
    if not any(b.kind == "decision" for b in blockers):  # the chosen bids are known only once all is decided
        blockers += [Blocker("advantages", None, None, row.problem) for row in advantages if row.problem]
    problems = settings_problems(settings, procedure) + signatory_problems(settings, members)
    blockers += [Blocker("settings", None, None, text) for text in problems]
    templates = effective_templates(settings)
    keys = {template_key(procedure, row.outcome) for row in rows if row.outcome is not None}
    for key in sorted(keys):
        problems = template_problems(key, templates[key])
        blockers += [Blocker("template", None, None, f"Sjabloon '{key.label}': {p}") for p in problems]
    return blockers


def _knocked_out(number: str, outcome: Outcome, failed: tuple[str, ...], score_word: str) -> Blocker:
    """A positive decision the record does not carry (an override over a knock-out, or facts changed since)."""
    return Blocker(
        "decision", number, None,
        f"het besluit is '{outcome.label}', maar de regels geven nu '{Outcome.REJECT.label}': niet voldaan aan "
        f"{and_list(failed)}. Een afwijking kan een knock-out niet opheffen: herzie het oordeel over de eis of de "
        f"{score_word}, of besluit opnieuw (afwijzen).",
    )  # fmt: skip


@dataclass(frozen=True)
class LetterFile:
    registration: str
    provider: str
    outcome: Outcome
    file: Path
    kenmerk: str
    version: int
    sha256: str

    def as_json(self) -> dict[str, object]:
        return {
            "registration": self.registration,
            "provider": self.provider,
            "outcome": self.outcome.value,
            "file": str(self.file),
            "kenmerk": self.kenmerk,
            "version": self.version,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class LettersResult:
    letters: tuple[LetterFile, ...]
    merged: Path
    overview: Path

    def as_json(self) -> dict[str, object]:
        return {
            "letters": [letter.as_json() for letter in self.letters],
            "merged": str(self.merged),
            "overview": str(self.overview),
        }


@dataclass(frozen=True)
class _Planned:
    registration: m.Registration
    decision: m.Decision
    version: int
    content: LetterContent
    file_name: str
    replaces: SentLetter | None = None  # the letter recorded as sent that this one replaces


def _score_lines(framework: Framework, settled: dict) -> tuple[ScoreLine, ...]:
    lines = []
    for criterion in framework.plan_criteria:
        result = settled.get(criterion.code)
        score = result.score if result is not None else None
        scale = criterion.scale
        assert scale is not None
        lines.append(
            ScoreLine(
                code=criterion.code,
                title=criterion.title,
                score=score,
                score_label=scale.label_for(score) if score is not None else "",
                minimum=criterion.minimum,
                minimum_label=scale.label_for(criterion.minimum) if criterion.minimum is not None else "",
                motivation=result.motivation.strip() if result is not None else "",
            )
        )
    return tuple(lines)


def _letter_reasons(decision: m.Decision, outcomes: Sequence[LotOutcome]) -> tuple[str, ...]:
    """A rejection's reasons: the failed requirements and minima, the chair's motivation, and in a selection where a
    valid candidate is not among the best, its place per lot against the maximum."""
    if decision.outcome != Outcome.REJECT.value:
        return ()
    reasons = [r["text"] for r in decision.reasons]
    if decision.override_motivation:
        reasons.append(f"Besluit van de voorzitter: {decision.override_motivation.strip()}")
    if not reasons:
        reasons = [f"Perceel {o.lot}: {o.text}." if o.lot else f"{o.text[:1].upper()}{o.text[1:]}." for o in outcomes
                   if o.text]  # fmt: skip
    return tuple(reasons)


_CHOSEN = (Outcome.ADMIT, Outcome.AWARD, Outcome.SELECT)


def _chosen_by_lot(
    registrations: Sequence[m.Registration], decisions: dict[int, m.Decision]
) -> dict[str, list[m.Registration]]:
    """Per lot code the registrations admitted, awarded or selected in it, by their decision's outcome per lot."""
    chosen: dict[str, list[m.Registration]] = defaultdict(list)
    for registration in registrations:
        decision = decisions.get(registration.id)
        if decision is None:
            continue
        for outcome in decision_lot_outcomes(decision, registration):
            if outcome.outcome in _CHOSEN:
                chosen[outcome.lot].append(registration)
    return chosen


def _same_lots(registration: m.Registration, chosen: dict[str, list[m.Registration]]) -> list[m.Registration]:
    """The chosen bids in the lots this registration bid for (all of them where the round has no lots)."""
    lots = [lot.code for lot in registration.lots] or [""]
    found = {r.id: r for lot in lots for r in chosen.get(lot, ())}
    return sorted(found.values(), key=lambda r: r.sequence)


def _lot_winners(
    registration: m.Registration,
    chosen: dict[str, list[m.Registration]],
    bids: Sequence[m.Registration],
    proposals: dict[int, Proposal],
) -> tuple[LotWinners, ...]:
    """Per lot the registration bid for, the chosen bids of that lot; none means the lot is not awarded (and then
    whether that is because no bid for it is valid)."""
    return tuple(
        LotWinners(
            f"{lot.code} ({lot.name})",
            tuple(w.name for w in chosen.get(lot.code, ())),
            none_valid=not any(lot in b.lots and _valid(proposals[b.id]) for b in bids),
        )
        for lot in registration.lots
    )


def _valid(proposal: Proposal) -> bool:
    return proposal.outcome is not None and not proposal.reasons


def _advantages(
    registration: m.Registration,
    rows: Sequence[AdvantagesRow],
    lines: dict[int, tuple[ScoreLine, ...]],
    by_number: dict[str, int],
    scores_name: str,
) -> tuple[LotAdvantages, ...]:
    """The commission's summary and the score ranges of the chosen bids, for each lot the registration bid for that
    has a chosen bid (every lot where it bid for none, or the whole contract where the round has no lots)."""
    own = {lot.code for lot in registration.lots}
    return tuple(
        LotAdvantages(
            row.lot_label if row.lot is not None else "",
            row.text,
            winners_summary([lines[by_number[n]] for n in row.chosen], lines[registration.id], scores_name),
        )
        for row in rows
        if row.chosen and (row.lot is None or not own or row.lot in own)
    )


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", text).strip("_") or "brief"


def _sent_letters(session: Session, rnd: m.Round, decisions: dict[int, m.Decision]) -> dict[int, SentLetter]:
    """Per registration the newest letter recorded as sent, with whether its decision is still the current one."""
    sent: dict[int, SentLetter] = {}
    for letter, decision in session.execute(
        select(m.Letter, m.Decision)
        .join(m.Decision, m.Decision.id == m.Letter.decision_id)
        .join(m.Registration, m.Registration.id == m.Decision.registration_id)
        .where(m.Registration.round_id == rnd.id, m.Letter.sent_on.is_not(None))
        .order_by(m.Letter.version)
    ):
        current = decisions.get(decision.registration_id)
        sent[decision.registration_id] = SentLetter(
            letter.kenmerk, letter.sent_on, Outcome(decision.outcome), current is not None and current.id == decision.id
        )
    return sent


def _plan(
    session: Session, rnd: m.Round, today: date, *, only: m.Registration | None = None, reason: str = ""
) -> list[_Planned]:
    settings = with_next_entry_moment(DocumentSettings.from_json(rnd.document_settings), rnd)
    templates = effective_templates(settings)
    inputs: RoundInputs = load_inputs(session, rnd)
    procedure = inputs.procedure
    decisions = current_decisions(session, rnd.id)
    lines = {r.id: _score_lines(inputs.framework, inputs.settled.get(r.id, {})) for r in inputs.registrations}
    totals: dict[int, Decimal | None] = {r.id: plan_total(inputs, r.id) for r in inputs.registrations}
    proposals = proposals_for(inputs, decisions)
    ranked = round_standings(inputs, proposals, decisions)
    chosen = _chosen_by_lot(inputs.registrations, decisions)
    selection = inputs.framework.selection
    selection_rule = selection_rule_text(selection)
    versions: dict[int, int] = dict(
        session.execute(
            select(m.Decision.registration_id, func.max(m.Letter.version))
            .join(m.Letter, m.Letter.decision_id == m.Decision.id)
            .join(m.Registration)
            .where(m.Registration.round_id == rnd.id)
            .group_by(m.Decision.registration_id)
        ).all()
    )
    letter_date, _sent = settings.dates(today)
    assessment = assessment_values(inputs.framework)
    scores_name = score_name(inputs.framework, plural=True)
    advantages = advantages_rows(session, rnd) if needs_advantages(procedure, inputs.framework) else []
    by_number = {r.number: r.id for r in inputs.registrations}
    sent_before = _sent_letters(session, rnd, decisions)
    planned = []
    for registration in inputs.registrations:
        if only is not None and registration.id != only.id:
            continue
        decision = decisions.get(registration.id)
        if decision is None:
            raise UserError(f"Inschrijving {registration.number} heeft nog geen besluit.")
        outcome = Outcome(decision.outcome)
        own_winners = _same_lots(registration, chosen)
        outcomes = decision_lot_outcomes(decision, registration)
        version = versions.get(registration.id, 0) + 1
        kenmerk = make_kenmerk(
            settings.kenmerk_pattern,
            {
                "nummer": registration.number, "volgnummer": f"{registration.sequence:03d}", "versie": str(version),
                "ronde": str(rnd.id), "jaar": str(letter_date.year), "kvk": registration.provider.kvk,
            },
        )  # fmt: skip
        facts = LetterFacts(
            recipient=Recipient(
                name=registration.name,
                number=registration.number,
                kvk=registration.provider.kvk,
                contact=registration.contact_name or "",
                address=registration.address or "",
                postcode=registration.postcode or "",
                city=registration.city or "",
                lots=tuple(f"{lot.code} ({lot.name})" for lot in registration.lots),
            ),
            procedure=procedure,
            outcome=outcome,
            round_name=rnd.name,
            kenmerk=kenmerk,
            reasons=_letter_reasons(decision, outcomes),
            scores=lines[registration.id],
            total=totals[registration.id],
            placings=ranked[registration.id].placings if registration.id in ranked else (),
            not_ranked=ranked[registration.id].not_ranked if registration.id in ranked else "",
            winners=tuple(w.name for w in own_winners),
            advantages=_advantages(registration, advantages, lines, by_number, scores_name),
            decider=settings.deciding,
            lot_winners=_lot_winners(registration, chosen, inputs.registrations, proposals),
            override_motivation=decision.override_motivation or "",
            score_word=score_name(inputs.framework),
            replaces=replacement_text(sent_before[registration.id], outcome, standstill=procedure.ranks, reason=reason)
            if registration.id in sent_before
            else "",
            failed=tuple(reason.code for reason in proposals[registration.id].reasons),
            lot_outcomes=outcomes,
            selection_rule=selection_rule,
            next_stage=selection.next_stage if selection else "",
        )
        key = template_key(procedure, outcome, selection=selection is not None)
        try:
            content = compose_letter(facts, _own_settings(settings, inputs, registration), templates[key], today,
                                     assessment)  # fmt: skip
        except (LetterTemplateError, LetterFactsError) as exc:
            raise UserError(str(exc)) from exc
        file_name = f"Besluit_{_safe(registration.number)}_v{version}.pdf"
        planned.append(_Planned(registration, decision, version, content, file_name, sent_before.get(registration.id)))
    return planned


def _own_settings(settings: DocumentSettings, inputs: RoundInputs, registration: m.Registration) -> DocumentSettings:
    """A provider admitted at an earlier entry moment keeps that admission: no continuity paragraph for its clients."""
    if inputs.entry is not None and inputs.entry.earlier.get(registration.provider_id):
        return replace(settings, continuity_text="")
    return settings


def _refuse_alone_after_outcome_change(session: Session, rnd: m.Round, registration: m.Registration) -> None:
    """In a tender or SAS every letter names the chosen bids: when this bid's outcome changed since its last letter,
    the letters to the other bidders in its lots are wrong too, and its letter alone may not be made."""
    last = session.execute(
        select(m.Decision.outcome)
        .join(m.Letter, m.Letter.decision_id == m.Decision.id)
        .where(m.Decision.registration_id == registration.id)
        .order_by(m.Letter.version.desc())
        .limit(1)
    ).scalar()
    current = current_decisions(session, rnd.id).get(registration.id)
    if last is None or current is None or current.outcome == last:
        return
    raise UserError(
        f"Het besluit over {registration.number} is gewijzigd van '{Outcome(last).label}' in "
        f"'{Outcome(current.outcome).label}' sinds de vorige brief. Elke brief van een aanbesteding of "
        "SAS-procedure noemt de gekozen inschrijvingen, dus ook de brieven aan de andere inschrijvers zijn niet meer "
        "juist: maak de brieven van de hele ronde opnieuw (elk met een nieuwe opschortende termijn). Er is niets "
        "gemaakt."
    )


def _logo(settings: DocumentSettings, documents: DocumentStore) -> Path | None:
    if settings.logo and documents.has(settings.logo):
        return documents.local_file(settings.logo, "het logo")
    return None


def preview_letter(
    sessions: sessionmaker[Session],
    documents: DocumentStore,
    round_id: int,
    registration_number: str,
    *,
    today: date | None = None,
) -> bytes:
    """The letter one registration would get now (also for a decision not yet confirmed); nothing is stored."""
    with sessions() as session:
        rnd = find_round(session, round_id)
        settings = DocumentSettings.from_json(rnd.document_settings)
        problems = settings_problems(settings, Procedure(rnd.procedure))
        if problems:
            raise UserError("De documentinstellingen zijn nog niet compleet:\n- " + "\n- ".join(problems))
        registration = find_registration(session, rnd, registration_number)
        (planned,) = _plan(session, rnd, today or date.today(), only=registration)
        return render_letter(planned.content, _logo(settings, documents))


@collection_paused()  # a bulk write: its ORM loads and letters would set off full collections of the process
def make_letters(
    sessions: sessionmaker[Session],
    documents: DocumentStore,
    round_id: int,
    out_dir: Path,
    *,
    actor: str,
    today: date | None = None,
    progress: Progress | None = None,
    registration_number: str | None = None,
    reason: str = "",
) -> LettersResult:
    """Make every letter of a round, or only the letter of one registration (LettersNotReady while something blocks
    it). A letter that replaces one recorded as sent says so, and why (with the chair's reason where given).

    The letter of one registration is written beside its own overview (Overzicht_Besluit_NR_vN.xlsx), so that the
    round's overview and merged PDF in the same folder are left as they were; its merged PDF is the letter itself.

    The files appear under their names together, once the letters are recorded (staged_files): what an interrupted
    run left in out_dir is finished or removed first."""
    with sessions() as session:
        refuse_on_laptop(session, find_round(session, round_id).id, ChairAction.DECIDE)
    _recover(sessions, out_dir)
    blockers = letter_blockers(sessions, round_id, registration_number)
    if blockers:
        raise LettersNotReady(blockers)
    today = today or date.today()
    report = progress or (lambda _done, _total: None)
    with sessions() as session:
        rnd = find_round(session, round_id)
        round_name = rnd.name
        settings = DocumentSettings.from_json(rnd.document_settings)
        refuse_past_sending(settings, today)  # i14-sending
        stated_end = stated_standstill_end(settings, Procedure(rnd.procedure), today)  # i14-sending
        only = find_registration(session, rnd, registration_number) if registration_number else None
        if only is not None and Procedure(rnd.procedure).ranks:
            _refuse_alone_after_outcome_change(session, rnd, only)
        planned = _plan(session, rnd, today, only=only, reason=reason)
        head = head_hash(session)  # printed on each letter: the history as it stood when the letters were made
        members = [a.name for a in rnd.assessors]
        kenmerken = [p.content.kenmerk for p in planned]
        taken = set(session.execute(select(m.Letter.kenmerk).where(m.Letter.kenmerk.in_(kenmerken))).scalars())
        duplicate = {k for k in kenmerken if kenmerken.count(k) > 1} if len(set(kenmerken)) != len(kenmerken) else set()
    private = [
        Blocker("privacy", p.registration.number, None, f"brief {p.content.kenmerk}: {problem}")
        for p in planned
        for problem in privacy_problems(p.content, members)
    ]
    if private:
        raise LettersNotReady(private)
    if taken or duplicate:
        example = sorted(taken | duplicate)[0]
        raise UserError(
            f"Het kenmerk {example} is al gebruikt (ook in een andere ronde kan dat). Pas het kenmerkpatroon aan in "
            "de documentinstellingen, bijvoorbeeld met {ronde} of een eigen voorvoegsel."
        )
    logo = _logo(settings, documents)
    total = len(planned) + 2
    report(0, total)
    if only is None:
        pdfs, merged = render_letter_set(
            [p.content for p in planned],
            title=f"Besluitbrieven – {round_name}",
            author=settings.sender,
            subject=f"{len(planned)} besluitbrieven",
            logo=logo,
            head=head,
            rendered=lambda done: report(done, total),
        )
        merged_name, overview_name = MERGED_NAME, OVERVIEW_NAME
    else:
        pdfs = [render_letter(item.content, logo, head) for item in planned]
        merged, merged_name = pdfs[0], planned[0].file_name
        report(len(planned), total)
        overview_name = f"Overzicht_{Path(planned[0].file_name).stem}.xlsx"
    report(len(planned) + 1, total)
    letter_date, sent = settings.dates(today)
    staged = _stage(out_dir)
    try:  # until the letters are recorded, nothing is under the final names
        files = _write(staged, planned, pdfs, merged if only is None else None)
        digests = [documents.add_bytes(pdf) for pdf in pdfs]
        overview_rows = [
            [
                p.registration.number, p.registration.name, p.registration.provider.kvk,
                Outcome(p.decision.outcome).label, p.content.kenmerk, p.version, p.file_name, digest,
                letter_date, sent, actor, p.registration.address or "",
                p.registration.postcode or "", p.registration.city or "", p.registration.email or "",
                stated_end,
                f"{p.replaces.kenmerk} van {date_text(p.replaces.sent_on)}" if p.replaces else "",
            ]
            for p, digest in zip(planned, digests, strict=True)
        ]  # fmt: skip
        overview = out_dir / overview_name
        with unit_of_work(sessions, actor) as session:
            made_at = utcnow()
            rows = full_rows(m.Letter, [
                {
                    "decision_id": item.decision.id, "version": item.version, "kenmerk": item.content.kenmerk,
                    "file_name": item.file_name, "sha256": digest, "created_by": actor, "created_at": made_at,
                    "planned_sending": sent, "standstill_end": stated_end,  # i14-sending
                }
                for item, digest in zip(planned, digests, strict=True)
            ])  # fmt: skip
            insert_audited(session, [(m.Letter, row) for row in rows], one_flush=True)
            made = {"letters": len(planned), "merged_sha256": documents.add_bytes(merged), "out_dir": str(out_dir)}
            if only is not None:
                made["registration"] = only.number
            if reason:
                made["reason"] = reason
            record_action(session, "letters-made", "rounds", str(round_id), made)
            # Written inside the transaction: if the overview cannot be saved, the letters are not recorded either.
            write_overview(staged.path(overview_name), round_name, overview_rows, head_hash(session))
    except BaseException:
        staged.discard()
        raise
    try:
        staged.publish()
    except OSError as exc:  # recorded: the next run into this folder puts them in place
        raise UserError(
            f"De brieven zijn vastgelegd, maar konden niet op hun plaats worden gezet in {out_dir}: {os_reason(exc)}. "
            f"Ze staan in {staged.stage}; de volgende keer dat u in deze map brieven maakt, worden ze eerst alsnog "
            "geplaatst."
        ) from exc
    report(total, total)
    letters = tuple(
        LetterFile(p.registration.number, p.registration.name, Outcome(p.decision.outcome), path, p.content.kenmerk,
                   p.version, digest)
        for p, path, digest in zip(planned, files, digests, strict=True)
    )  # fmt: skip
    return LettersResult(letters, out_dir / merged_name, overview)


def _stage(out_dir: Path) -> StagedFiles:
    try:
        return StagedFiles(out_dir)
    except OSError as exc:
        raise UserError(f"De brieven kunnen niet worden opgeslagen in {out_dir}: {os_reason(exc)}.") from exc


def _write(staged: StagedFiles, planned: Sequence[_Planned], pdfs: Sequence[bytes], merged: bytes | None) -> list[Path]:
    """The letters (and the merged PDF) staged; their final paths."""
    try:
        files = [staged.write_bytes(item.file_name, pdf) for item, pdf in zip(planned, pdfs, strict=True)]
        if merged is not None:
            staged.write_bytes(MERGED_NAME, merged)
        return files
    except OSError as exc:
        raise UserError(f"De brieven kunnen niet worden opgeslagen in {staged.target}: {os_reason(exc)}.") from exc


def _recover(sessions: sessionmaker[Session], out_dir: Path) -> None:
    """Letters an interrupted run staged in out_dir: put in place when they were recorded, else removed."""

    def recorded(files: list[Path]) -> bool:
        letters = [f for f in files if f.suffix == ".pdf" and f.name != MERGED_NAME]
        digests = {hashlib.sha256(f.read_bytes()).hexdigest() for f in letters}
        with sessions() as session:
            known = set(session.execute(select(m.Letter.sha256).where(m.Letter.sha256.in_(digests))).scalars())
        return bool(letters) and known == digests

    try:
        recover(out_dir, recorded)
    except OSError as exc:
        raise UserError(
            f"Wat het vorige maken van brieven in {out_dir} achterliet, kan niet worden opgeruimd: {os_reason(exc)}."
        ) from exc
