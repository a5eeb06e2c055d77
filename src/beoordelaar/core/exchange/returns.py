"""Merging return files at the chair: in any order, any number of times, all or nothing.

The same file twice changes nothing (its SHA-256 is remembered). Hand-in freezes a revision: once a revision of an
assessor's work is merged (or handed in at the chair), a file of that revision is taken only with the very same work
(it changes nothing); one with other work is refused whole. A new revision exists only after the chair reopened the
work; its file supersedes the older: changed scores and checks become new revision rows, the older rows stay as
history. An older revision imported after a newer one is kept on record but changes nothing current. A file for
another round, from someone outside the commission, from a member without both declarations, or altered in any byte
is refused whole, and the database stays as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.commission.declarations import ensure_declared
from beoordelaar.core.commission.exchange_keys import registration_ids_by_ref
from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.return_file import ReturnContent, read_return_file
from beoordelaar.core.files.keys import fingerprint as key_fingerprint
from beoordelaar.core.files.keys import same_code
from beoordelaar.core.files.tables import Progress
from beoordelaar.core.rounds.procedure import CheckVerdict
from beoordelaar.core.rounds.rounds import round_framework
from beoordelaar.core.scoring.entry_rules import check_problem, read_score, read_verdict, score_problem
from beoordelaar.core.scoring.scoring import (
    Key,
    WorkBatch,
    assigned,
    latest_checks,
    latest_scores,
    record_check,
    record_score,
)
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import record_action, unit_of_work
from beoordelaar.core.storage.bulk import collection_paused
from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import date_text

MERGED = "merged"
ALREADY_IMPORTED = "already-imported"
SUPERSEDED = "superseded"


@dataclass(frozen=True)
class ReturnImportResult:
    assessor: str
    round: str
    revision: int
    scores: int
    checks: int
    unchanged: int
    status: str

    @property
    def summary(self) -> str:
        """What happened, in Dutch (the window's line per file and the command line): merged, already imported or
        superseded."""
        who = f"{self.assessor} (revisie {self.revision})"
        if self.status == MERGED:
            same = f", {self.unchanged} ongewijzigd" if self.unchanged else ""
            return f"samengevoegd – {who}: {self.scores} scores en {self.checks} toetsingen nieuw of gewijzigd{same}."
        if self.status == ALREADY_IMPORTED:
            return f"al eerder ingelezen – {who}; er is niets veranderd."
        return (
            f"verouderd – {who} is ouder dan een al ingelezen revisie; bewaard als geschiedenis, "
            "er is niets actueels veranderd."
        )

    def as_json(self) -> dict[str, object]:
        return {
            "assessor": self.assessor, "round": self.round, "revision": self.revision, "scores": self.scores,
            "checks": self.checks, "unchanged": self.unchanged, "status": self.status,
        }  # fmt: skip


class KeyConfirmationNeeded(UserError):
    """The return file is signed by a laptop key the chair has not confirmed yet: ask the assessor for the
    fingerprint the laptop shows and pass it to import_return_file."""

    def __init__(self, message: str, assessor: str) -> None:
        super().__init__(message)
        self.assessor = assessor


@collection_paused()
def import_return_file(
    sessions: sessionmaker[Session],
    path: Path,
    *,
    fingerprint: str | None = None,
    actor: str,
    progress: Progress | None = None,
) -> ReturnImportResult:
    """Merge one return file into the chair's database (one transaction, checked whole before anything is written).
    The first file of an assessor is taken only with the fingerprint of her laptop's key, as she reads it out; from
    then on only files signed with that key. progress(done, total) follows the merging of its scores and checks."""
    path = Path(path)
    with read_return_file(path) as archive, unit_of_work(sessions, actor, source="return-file") as session:
        earlier = session.execute(
            select(m.ReturnFile).where(m.ReturnFile.sha256 == archive.sha256)
        ).scalar_one_or_none()
        if earlier is not None:
            assessor = session.get_one(m.Assessor, earlier.assessor_id)
            rnd = session.get_one(m.Round, earlier.round_id)
            return ReturnImportResult(assessor.name, rnd.name, earlier.revision, 0, 0, 0, ALREADY_IMPORTED)
        exchange = session.execute(
            select(m.ExchangeKey).where(m.ExchangeKey.round_uid == archive.round_uid)
        ).scalar_one_or_none()
        if exchange is None:
            raise UserError(
                f"Het retourbestand {path.name} hoort bij een ronde die niet in deze database staat. "
                "Het is geweigerd; er is niets veranderd."
            )
        rnd = session.get_one(m.Round, exchange.round_id)
        if exchange.on_laptop:
            raise UserError(
                f"Retourbestanden worden ingelezen in de database van de voorzitter, niet op de laptop van een "
                f"beoordelaar. {path.name} is geweigerd; er is niets veranderd."
            )
        if exchange.chair_sealing_private is None:
            raise UserError(
                f"Het retourbestand {path.name} hoort bij ronde '{rnd.name}', maar die ronde heeft nog geen werkpakket "
                "in het huidige formaat uitgegeven. Maak eerst nieuwe werkpakketten. Er is niets veranderd."
            )
        statement = archive.statement(exchange.chair_sealing_private)
        assessor = session.execute(
            select(m.Assessor).where(m.Assessor.round_id == rnd.id, m.Assessor.name == statement.assessor)
        ).scalar_one_or_none()
        if assessor is None:
            raise UserError(
                f"Het retourbestand {path.name} komt van '{statement.assessor}', die geen lid is van de commissie "
                f"van ronde '{rnd.name}'. Het is geweigerd; er is niets veranderd."
            )
        ensure_declared(assessor)
        if statement.work_revision > assessor.work_revision:
            raise UserError(
                f"Het retourbestand {path.name} van {assessor.name} is revisie {statement.work_revision}, maar het "
                f"werk staat bij de voorzitter op revisie {assessor.work_revision}. Een nieuwe revisie ontstaat pas "
                "als de voorzitter het werk heropent. Het is geweigerd; er is niets veranderd."
            )
        if statement.fields["submitted_at"] is None:
            raise UserError(
                f"Het retourbestand {path.name} van {assessor.name} bevat werk dat niet is ingeleverd. Het is "
                "geweigerd; er is niets veranderd."
            )
        _check_signer(session, assessor, statement.signing_key, fingerprint, path.name)
        signed = archive.signed(statement)  # the work is read only once its signer is the member's key
        content = signed.content
        work = work_digest(content)
        frozen = _frozen_work(session, rnd, assessor, content.work_revision)
        if frozen and work not in frozen:
            raise UserError(
                f"Het retourbestand {path.name} van {assessor.name} (revisie {content.work_revision}) bevat ander werk "
                f"dan de revisie {content.work_revision} die al is ingeleverd. Ingeleverd werk ligt vast: het bestand "
                "is geweigerd; er is niets veranderd. Moet het werk worden aangepast, dan heropent de voorzitter het "
                "(met een reden) en maakt een nieuw werkpakket."
            )
        placed = _validate(session, rnd, assessor, content, path.name)
        if assessor.laptop_key is None:
            _pin_key(session, assessor, signed.signing_key, actor)

        newest = session.execute(
            select(func.max(m.ReturnFile.revision)).where(m.ReturnFile.assessor_id == assessor.id)
        ).scalar()
        superseded = newest is not None and content.work_revision < newest
        if frozen and not superseded:  # the very work already merged, in another file: nothing to take
            return ReturnImportResult(assessor.name, rnd.name, content.work_revision, 0, 0, 0, ALREADY_IMPORTED)
        record = m.ReturnFile(
            round_id=rnd.id, assessor_id=assessor.id, revision=content.work_revision, sha256=archive.sha256,
            work_sha256=work, file_name=path.name, signed_statement=signed.statement, signature=signed.signature,
            signing_key=signed.signing_key, signed_work=signed.work,
        )  # fmt: skip
        session.add(record)
        session.flush()
        scores = checks = unchanged = 0
        if superseded:
            unchanged = len(content.scores) + len(content.checks)
        else:
            scores, checks, unchanged = _merge(session, assessor, placed, record.id, progress)
            if content.submitted_at and content.work_revision == assessor.work_revision:
                assessor.submitted_at = datetime.fromisoformat(content.submitted_at)
        status = SUPERSEDED if superseded else MERGED
        session.flush()
        record_action(
            session, "return-file-imported", "return_files", str(record.id),
            {"assessor": assessor.name, "revision": content.work_revision, "status": status, "scores": scores,
             "checks": checks, "unchanged": unchanged, "file": path.name, "sha256": archive.sha256},
        )  # fmt: skip
        return ReturnImportResult(assessor.name, rnd.name, content.work_revision, scores, checks, unchanged, status)


def _check_signer(session: Session, assessor: m.Assessor, signing_key: str, typed: str | None, file_name: str) -> None:
    """Refuse a file not signed by the assessor's confirmed laptop key; the first file needs its fingerprint."""
    if assessor.laptop_key is not None:
        if assessor.laptop_key != signing_key:
            raise UserError(
                f"Het retourbestand {file_name} is niet ondertekend met de sleutel van {assessor.name} (vingerafdruk "
                f"{key_fingerprint(assessor.laptop_key)}, bevestigd {date_text(assessor.laptop_key_confirmed_at)}). "
                "Het kan van iemand anders komen: het is geweigerd; er is niets veranderd."
            )
        return
    if typed is None or not typed.strip():
        raise KeyConfirmationNeeded(
            f"Dit is het eerste retourbestand van {assessor.name}. Het is ondertekend met de sleutel van een laptop "
            f"die nog niet is bevestigd. Vraag {assessor.name} (telefonisch of persoonlijk, niet per e-mail) om de "
            "vingerafdruk die de laptop toont bij 'Inleveren', en voer die in. Er is niets veranderd.",
            assessor.name,
        )
    if not same_code(typed, key_fingerprint(signing_key)):
        raise UserError(
            f"De vingerafdruk {typed.strip()} klopt niet met de sleutel waarmee {file_name} is ondertekend. Het "
            f"bestand komt misschien niet van de laptop van {assessor.name}: het is geweigerd; er is niets veranderd."
        )
    other = session.execute(
        select(m.Assessor.name).where(
            m.Assessor.round_id == assessor.round_id, m.Assessor.laptop_key == signing_key, m.Assessor.id != assessor.id
        )
    ).scalar_one_or_none()
    if other is not None:
        raise UserError(
            f"Het retourbestand {file_name} is ondertekend met de sleutel die al voor {other} is bevestigd. Eén "
            f"sleutel hoort bij één lid: het is geweigerd; er is niets veranderd."
        )


def _pin_key(session: Session, assessor: m.Assessor, signing_key: str, actor: str) -> None:
    assessor.laptop_key = signing_key
    assessor.laptop_key_confirmed_at = utcnow()
    assessor.laptop_key_confirmed_by = actor
    session.flush()
    record_action(
        session, "laptop-key-confirmed", "assessors", str(assessor.id),
        {"assessor": assessor.name, "fingerprint": key_fingerprint(signing_key)},
    )  # fmt: skip


def work_digest(content: ReturnContent) -> str:
    """The SHA-256 of the work in a return file: its scores and checks, without times or revision counters."""
    number = cache(_number)  # a file's thousands of scores hold a few distinct values
    entries = [("score", s.registration, s.criterion, number(s.value), s.motivation.strip()) for s in content.scores]
    entries += [("check", c.registration, c.criterion, c.verdict, c.note.strip()) for c in content.checks]
    return _digest(entries)


def _frozen_work(session: Session, rnd: m.Round, assessor: m.Assessor, revision: int) -> set[str | None]:
    """The digests of the work a revision holds at the chair once frozen: every file of it already imported (None for
    one imported before digests were kept), and its current work if it is the revision handed in here. Empty: the
    revision is not frozen yet."""
    digests: set[str | None] = set(
        session.execute(
            select(m.ReturnFile.work_sha256).where(
                m.ReturnFile.assessor_id == assessor.id, m.ReturnFile.revision == revision
            )
        ).scalars()
    )
    if revision == assessor.work_revision and assessor.submitted_at is not None:
        digests.add(_current_digest(session, rnd, assessor))
    return digests


def _current_digest(session: Session, rnd: m.Round, assessor: m.Assessor) -> str:
    """work_digest of the assessor's current work at the chair, as a return file would carry it."""
    refs = {registration: ref for ref, registration in registration_ids_by_ref(session, rnd).items()}
    codes = {c.id: c.code for c in rnd.framework.criteria}
    mine = assigned(session, assessor.id)
    entries = [
        ("score", refs[g], codes[c], _number(str(s.value)), s.motivation.strip())
        for (g, c), s in latest_scores(session, assessor.id).items()
        if (g, c) in mine
    ]
    entries += [
        ("check", refs[g], codes[c], k.verdict, k.note.strip())
        for (g, c), k in latest_checks(session, assessor.id).items()
        if (g, c) in mine
    ]
    return _digest(entries)


def _number(text: str) -> str:
    value = read_score(text)
    return text.strip() if value is None else format(value.normalize(), "f")


def _digest(entries: list[tuple[str, ...]]) -> str:
    return hashlib.sha256(json.dumps(sorted(entries), ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Placed:
    """A validated file's work as the merge takes it: each score's and check's (registration id, criterion id) and
    value or verdict, in file order."""

    scores: list[tuple[Key, Decimal, str]]
    checks: list[tuple[Key, CheckVerdict, str]]


def _validate(session: Session, rnd: m.Round, assessor: m.Assessor, content: ReturnContent, file_name: str) -> _Placed:
    framework = round_framework(rnd)
    registrations = registration_ids_by_ref(session, rnd)
    criteria = {c.code: c.id for c in rnd.framework.criteria}
    mine = assigned(session, assessor.id)
    conflicts = set(
        session.execute(
            select(m.ConflictOfInterest.registration_id).where(m.ConflictOfInterest.assessor_id == assessor.id)
        ).scalars()
    )
    problems: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    placed = _Placed([], [])
    score_of, verdict_of = cache(read_score), cache(read_verdict)  # the few distinct texts, each read once

    def place(ref: str, code: str, kind: str = "score") -> Key | None:
        if (kind, ref, code) in seen:
            problems.append(f"inschrijving {ref}, criterium {code}: staat twee keer in het bestand")
            return None
        seen.add((kind, ref, code))
        registration, criterion = registrations.get(ref), criteria.get(code)
        if registration is None or criterion is None:
            problems.append(f"inschrijving {ref}, criterium {code}: bestaat niet in ronde '{rnd.name}'")
            return None
        if registration in conflicts:
            problems.append(f"inschrijving {ref}: {assessor.name} heeft hier een belangenverstrengeling gemeld")
            return None
        if (registration, criterion) not in mine:
            problems.append(f"inschrijving {ref}, criterium {code}: niet aan {assessor.name} toegewezen")
            return None
        return registration, criterion

    for s in content.scores:
        if key := place(s.registration, s.criterion):
            rule = framework.criterion(s.criterion)
            value = score_of(s.value)
            problem = score_problem(rule, value, s.motivation, framework.motivation_min_length)
            if problem:
                problems.append(f"inschrijving {s.registration}, criterium {s.criterion}: {problem}")
            else:
                assert value is not None  # score_problem refuses a missing value
                placed.scores.append((key, value, s.motivation))
    for c in content.checks:
        if key := place(c.registration, c.criterion, "check"):
            verdict = verdict_of(c.verdict)
            problem = check_problem(framework.criterion(c.criterion), verdict, c.note)
            if problem:
                problems.append(f"inschrijving {c.registration}, criterium {c.criterion}: {problem}")
            else:
                assert verdict is not None  # check_problem refuses a missing verdict
                placed.checks.append((key, verdict, c.note))
    if problems:
        shown = "\n".join(f"- {p}" for p in problems[:15])
        more = f"\n(en nog {len(problems) - 15})" if len(problems) > 15 else ""
        raise UserError(
            f"Het retourbestand {file_name} van {assessor.name} is geweigerd; er is niets veranderd:\n{shown}{more}"
        )
    return placed


def _merge(
    session: Session, assessor: m.Assessor, placed: _Placed, return_file_id: int, progress: Progress | None
) -> tuple[int, int, int]:
    current_scores, current_checks = latest_scores(session, assessor.id), latest_checks(session, assessor.id)
    scores = checks = unchanged = 0
    total = len(placed.scores) + len(placed.checks)
    batch = WorkBatch()
    for key, value, motivation in placed.scores:
        saved = record_score(
            session, assessor, *key, value, motivation, source="return-file", latest=current_scores.get(key),
            return_file_id=return_file_id, batch=batch,
        )  # fmt: skip
        scores += saved.changed
        unchanged += not saved.changed
        if progress is not None:
            progress(scores + checks + unchanged, total)
    for key, verdict, note in placed.checks:
        saved = record_check(
            session, assessor, *key, verdict, note, source="return-file", latest=current_checks.get(key),
            return_file_id=return_file_id, batch=batch,
        )  # fmt: skip
        checks += saved.changed
        unchanged += not saved.changed
        if progress is not None:
            progress(scores + checks + unchanged, total)
    batch.write(session)
    return scores, checks, unchanged
