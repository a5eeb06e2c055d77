"""On the assessor's laptop: the return file, signed with the laptop's own key (return_file.py holds its shape)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.exchange_keys import laptop_exchange, registration_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.return_file import ReturnContent, write_return_file
from beoordelaar.core.exchange.work_package import CheckEntry, ScoreEntry
from beoordelaar.core.files.keys import fingerprint, open_private_key
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.scoring.scoring import assigned, latest_checks, latest_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash, record_action, unit_of_work
from beoordelaar.core.storage.clock import utcnow


@dataclass(frozen=True)
class ReturnSummary:
    file: Path
    round: str
    assessor: str
    revision: int
    scores: int
    checks: int
    sha256: str
    fingerprint: str  # of the laptop's key that signed it: the assessor reads it out to the chair

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.file), "round": self.round, "assessor": self.assessor, "revision": self.revision,
            "scores": self.scores, "checks": self.checks, "sha256": self.sha256, "fingerprint": self.fingerprint,
        }  # fmt: skip


def write_return(
    sessions: sessionmaker[Session], round_id: int, out: Path, passphrase: str, *, actor: str
) -> ReturnSummary:
    """On the laptop: the return file with this assessor's latest scores and checks (after handing in), signed with
    the laptop's key (opened with the assessor's passphrase) and encrypted to the chair's round key."""
    out = Path(out)
    with unit_of_work(sessions, actor) as session:
        rnd = find_round(session, round_id)
        exchange = laptop_exchange(session, rnd)
        if exchange is None or exchange.assessor_id is None:
            raise UserError(
                f"Ronde '{rnd.name}' is in deze database niet geopend uit een werkpakket. Een retourbestand maakt "
                "de beoordelaar op de eigen laptop, na 'beoordelaar package open'."
            )
        assessor = session.get_one(m.Assessor, exchange.assessor_id)
        if assessor.submitted_at is None:
            raise UserError(
                f"{assessor.name} heeft nog niet ingeleverd. Lever eerst in; daarna kan het retourbestand worden "
                "gemaakt."
            )
        mine = assigned(session, assessor.id)
        codes = {c.id: c.code for c in rnd.framework.criteria}
        registrations = session.execute(select(m.Registration).where(m.Registration.round_id == rnd.id)).scalars()
        refs = {r.id: registration_ref(rnd, r) for r in registrations}
        scores = [
            ScoreEntry(refs[g], codes[c], s.revision, str(s.value), s.motivation, s.scored_at.isoformat())
            for (g, c), s in sorted(latest_scores(session, assessor.id).items())
            if (g, c) in mine
        ]
        checks = [
            CheckEntry(refs[g], codes[c], k.revision, k.verdict, k.note, k.checked_at.isoformat())
            for (g, c), k in sorted(latest_checks(session, assessor.id).items())
            if (g, c) in mine
        ]
        content = ReturnContent(
            round_uid=exchange.round_uid,
            round_name=rnd.name,
            assessor=assessor.name,
            work_revision=assessor.work_revision,
            package_revision=exchange.package_revision or 0,
            submitted_at=assessor.submitted_at.isoformat(),
            created_at=utcnow().isoformat(),
            audit_head=head_hash(session),
            scores=scores,
            checks=checks,
        )
        if exchange.laptop_signing_private is None or exchange.chair_sealing_public is None:
            raise UserError(
                f"Deze laptop heeft voor ronde '{rnd.name}' nog geen sleutel van de voorzitter (het werkpakket had het "
                "oude formaat). Open eerst het nieuwe werkpakket dat de voorzitter maakt; uw werk blijft bewaard."
            )
        private = open_private_key(exchange.laptop_signing_private, passphrase)
        digest = write_return_file(
            out, content, exchange.chair_sealing_public, private, str(exchange.laptop_signing_public)
        )
        record_action(
            session, "return-file-written", "assessors", str(assessor.id),
            {"revision": assessor.work_revision, "file": out.name, "sha256": digest},
        )  # fmt: skip
        return ReturnSummary(
            out, rnd.name, assessor.name, assessor.work_revision, len(scores), len(checks), digest,
            fingerprint(str(exchange.laptop_signing_public)),
        )  # fmt: skip
