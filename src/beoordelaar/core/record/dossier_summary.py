"""The readable summary of a registration's dossier: everything the JSON files beside it hold, in Dutch words with
every time in local time and its zone, gathered inside the session that gathers the dossier's files."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from beoordelaar.core.consolidation.consensus import ConsensusSheet
from beoordelaar.core.consolidation.settlement import RequirementRow
from beoordelaar.core.record.consensus_meetings import meetings_of
from beoordelaar.core.record.report_sections import letter_rows, meeting_lines, member_checks
from beoordelaar.core.storage import models as m
from beoordelaar.core.text import number_text, word, zoned_local_text, zoned_moment_text

Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class DossierSummary:
    """What the summary PDF prints, in the order of the procedure; `files` is filled in last: every file of the
    dossier with what it is and its SHA-256."""

    round_name: str
    heading: str
    made_at: str
    head: str
    details: Rows
    answers: Rows  # code, title, declared
    documents: Rows  # kind, file, SHA-256 or missing
    checks: Rows  # member, verdict, codes, note (the latest per member)
    check_revisions: Rows  # code, member, revision, verdict, note, when, source
    settled: Rows  # code, revision, verdict, motivation, by and when, source
    scores: Rows  # code, member, revision, score, motivation, when, source
    consensus: Rows  # code, revision, score, motivation, by and when, source
    meeting: tuple[str, ...]
    interviews: tuple[str, ...]
    decisions: Rows  # revision, proposed, decided, status, by and when, reasons and override
    letters: Rows
    returns: Rows  # file, assessor and revision, merged at, SHA-256, key fingerprint
    history: tuple[str, ...]
    files: Rows = field(default=())  # name, what, SHA-256


def _named(session: Session, rnd: m.Round) -> tuple[dict[int, str], dict[int, str]]:
    return {c.id: c.code for c in rnd.framework.criteria}, {a.id: a.name for a in rnd.assessors}


def gather_summary(
    session: Session,
    rnd: m.Round,
    registration: m.Registration,
    *,
    requirements: tuple[RequirementRow, ...],
    sheet: ConsensusSheet,
    made_at: str,
    head: str,
) -> DossierSummary:
    """Everything about one registration as rows of Dutch text; the requirement and consensus sheets, the history,
    the interviews and the return files come from the caller, who reads them through their own sessions."""
    codes, names = _named(session, rnd)
    titles = {c.id: c.title for c in rnd.framework.criteria}
    r = registration
    details = (
        ("Inschrijvingsnummer", r.number), ("Aanbieder", r.name), ("KvK-nummer", r.provider.kvk),
        ("Vestigingsnummer", r.vestigingsnummer or "—"), ("AGB-code", r.agb or "—"),
        ("Adres", ", ".join(x for x in (r.address, r.postcode, r.city) if x) or "—"),
        ("Contact", ", ".join(x for x in (r.contact_name, r.email, r.phone) if x) or "—"),
        ("Ingediend", zoned_local_text(r.submitted_at) or "—"), ("Percelen", ", ".join(lot.code for lot in r.lots)
                                                                      or "—"),
        ("Productcategorieën", ", ".join(r.product_categories or ()) or "—"), ("Bron", r.source or "—"),
    )  # fmt: skip
    position = {c.id: c.position for c in rnd.framework.criteria}
    answers = tuple(
        (codes[a.criterion_id], titles[a.criterion_id], a.value)
        for a in sorted(r.answers, key=lambda a: position[a.criterion_id])
    )
    documents = tuple(
        (word("document_kind", d.kind), d.file_name, f"{d.sha256[:32]}\n{d.sha256[32:]}" if d.sha256 else "ontbreekt")
        for d in r.documents
    )

    def rows(model: type, order: tuple) -> list:
        query = select(model).where(model.registration_id == r.id).order_by(*order)  # type: ignore[attr-defined]
        return list(session.execute(query).scalars())

    check_revisions = tuple(
        (codes[c.criterion_id], names.get(c.assessor_id, "?"), str(c.revision), word("verdict", c.verdict),
         c.note or "—", zoned_moment_text(c.checked_at), word("source", c.source))
        for c in rows(m.CheckRevision, (m.CheckRevision.criterion_id, m.CheckRevision.assessor_id,
                                        m.CheckRevision.revision))
    )  # fmt: skip
    settled = tuple(
        (codes[v.criterion_id], str(v.revision), word("verdict", v.verdict),
         " ".join(x for x in (v.motivation, f"Geverifieerd: {v.verified_value} ({v.verified_source})"
                              if v.verified_value else "") if x),
         f"{v.set_by}, {zoned_moment_text(v.set_at)}", word("source", v.source))
        for v in rows(m.RequirementVerdict, (m.RequirementVerdict.criterion_id, m.RequirementVerdict.revision))
    )  # fmt: skip
    scores = tuple(
        (codes[s.criterion_id], names.get(s.assessor_id, "?"), str(s.revision), number_text(s.value), s.motivation,
         zoned_moment_text(s.scored_at), word("source", s.source))
        for s in rows(m.ScoreRevision, (m.ScoreRevision.criterion_id, m.ScoreRevision.assessor_id,
                                        m.ScoreRevision.revision))
    )  # fmt: skip
    consensus = tuple(
        (codes[c.criterion_id], str(c.revision), number_text(c.value), c.motivation,
         f"{c.set_by}, {zoned_moment_text(c.set_at)}", word("source", c.source))
        for c in rows(m.ConsensusScore, (m.ConsensusScore.criterion_id, m.ConsensusScore.revision))
    )  # fmt: skip
    decisions = tuple(
        (str(d.revision), word("outcome", d.proposed_outcome), word("outcome", d.outcome),
         word("decision_status", d.status), f"{d.decided_by or '—'}, {zoned_moment_text(d.decided_at)}",
         " ".join([*(x.get("text", "") for x in d.reasons or ()),
                   *([f"Afwijking van het voorstel: {d.override_motivation}"] if d.override_motivation else [])]))
        for d in rows(m.Decision, (m.Decision.revision, m.Decision.id))
    )  # fmt: skip
    return DossierSummary(
        round_name=rnd.name, heading=f"{r.number} – {r.name}", made_at=made_at, head=head, details=details,
        answers=answers, documents=documents, checks=member_checks(requirements),
        check_revisions=check_revisions, settled=settled, scores=scores, consensus=consensus,
        meeting=meeting_lines(meetings_of(session, rnd.id).get(r.id), sheet), interviews=(), decisions=decisions,
        letters=letter_rows(session, rnd, r), returns=(), history=(),
    )  # fmt: skip
