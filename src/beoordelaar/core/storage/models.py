"""The data model of the whole assessment, as SQLAlchemy 2.0 typed models.

Revisions are rows, never updates: an assessor's second thought is a new ScoreRevision, a chair's correction a new
ConsensusScore revision, a regenerated letter a new Letter version. The latest row is the current one; the older ones
stay as history. Every insert, update and delete is also written as an AuditEvent in the same transaction
(storage/audit.py), so services do not have to remember to.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from beoordelaar.core.storage.clock import utcnow
from beoordelaar.core.text import finite_decimal

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactDecimal(TypeDecorator[Decimal]):
    """Scores, weights and thresholds as exact decimals, stored as text in a VARCHAR(40) as the migrations make it:
    SQLite has no decimal type and would round a NUMERIC through float. An exact mean without a finite decimal form
    (a Fraction, 20/3) is stored as the fraction's text "20/3" and read back as that Fraction: nothing is rounded."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | Fraction | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, Fraction):
            finite = finite_decimal(value)
            return f"{value.numerator}/{value.denominator}" if finite is None else str(finite)
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | Fraction | None:  # type: ignore[override]
        if value is None:
            return None
        text = str(value)
        return Fraction(text) if "/" in text else Decimal(text)


Exact = ExactDecimal()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Framework(Base):
    """A parsed assessment framework, kept whole (source text and digest) so a round can always show what it used."""

    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(40))
    source_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    scoring_model: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="framework", order_by="Criterion.position", cascade="all, delete-orphan"
    )


class Criterion(Base):
    """An exclusion ground, suitability requirement or plan criterion of a framework."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    part: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    answer_kind: Mapped[str] = mapped_column(String(20))
    expected: Mapped[str | None] = mapped_column(String(100))
    threshold_operator: Mapped[str | None] = mapped_column(String(2))
    threshold_value: Mapped[Decimal | None] = mapped_column(Exact)
    scale: Mapped[list | None] = mapped_column(JSON)
    weight: Mapped[Decimal | None] = mapped_column(Exact)
    minimum: Mapped[Decimal | None] = mapped_column(Exact)

    framework: Mapped[Framework] = relationship(back_populates="criteria")


class Round(Base):
    """One procurement's assessment: its procedure, framework, commission and registrations."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    procedure: Mapped[str] = mapped_column(String(20))
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="preparing")
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    registration_deadline: Mapped[date | None] = mapped_column(Date)
    assessment_deadline: Mapped[date | None] = mapped_column(Date)
    decision_date: Mapped[date | None] = mapped_column(Date)
    # Letter and report settings (sender, signatory, kenmerk pattern, standstill days, ...), edited in the app.
    document_settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The award stage of a two-stage procedure names its selection round; only the candidates selected there (the
    # invitations) may register in it.
    selection_round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id", ondelete="RESTRICT"))
    # The procurement procedure this round is an entry moment (toetredingsmoment) of; None only in an assessor's
    # laptop database, which holds the round without its procedure.
    procurement_id: Mapped[int | None] = mapped_column(
        ForeignKey("procurements.id", ondelete="RESTRICT"), index=True, nullable=True
    )

    framework: Mapped[Framework] = relationship()
    procurement: Mapped[Procurement | None] = relationship(back_populates="rounds")
    lots: Mapped[list[Lot]] = relationship(back_populates="round", cascade="all, delete-orphan", order_by="Lot.code")
    registrations: Mapped[list[Registration]] = relationship(back_populates="round", cascade="all, delete-orphan")
    assessors: Mapped[list[Assessor]] = relationship(back_populates="round", cascade="all, delete-orphan")


class Procurement(Base):
    """An inkoopprocedure that runs for years and admits providers at several entry moments (its rounds): its
    procedure type and framework version (changed only by a recorded amendment), its municipalities and their lots."""

    __tablename__ = "procurements"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    procedure: Mapped[str] = mapped_column(String(20))
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    framework: Mapped[Framework] = relationship()
    rounds: Mapped[list[Round]] = relationship(back_populates="procurement", order_by="Round.id")
    municipalities: Mapped[list[Municipality]] = relationship(
        cascade="all, delete-orphan", order_by="Municipality.name"
    )
    amendments: Mapped[list[FrameworkAmendment]] = relationship(
        cascade="all, delete-orphan", order_by="FrameworkAmendment.id"
    )


class FrameworkAmendment(Base):
    """A recorded amendment (nota van inlichtingen, besluit) that gives a procedure's next entry moments another
    framework version; the rounds already made keep theirs."""

    __tablename__ = "framework_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    amended_by: Mapped[str] = mapped_column(String(200))
    amended_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    framework: Mapped[Framework] = relationship()


class Municipality(Base):
    """A municipality taking part in a procedure, and the lots (product groups) it takes part in."""

    __tablename__ = "municipalities"
    __table_args__ = (UniqueConstraint("procurement_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    lots: Mapped[list] = mapped_column(JSON, default=list)  # lot codes


class ProductGroupClosure(Base):
    """A municipality has closed a product group (a lot) for one entry moment: it has providers enough there."""

    __tablename__ = "product_group_closures"
    __table_args__ = (UniqueConstraint("round_id", "municipality_id", "lot_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id", ondelete="CASCADE"), index=True)
    lot_code: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    closed_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    municipality: Mapped[Municipality] = relationship()


class DialogueTable(Base):
    """A dialogue table (dialoogtafel) of a procedure: a limited group of admitted providers, selected by the
    announced objective criteria, up to a maximum."""

    __tablename__ = "dialogue_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    lot_code: Mapped[str] = mapped_column(String(20), default="")  # empty: providers admitted to any lot
    criteria: Mapped[str] = mapped_column(Text)  # the announced objective selection criteria
    maximum: Mapped[int] = mapped_column(Integer)
    meeting: Mapped[str] = mapped_column(Text, default="")  # when and where, as the invitation states it
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    choices: Mapped[list[DialogueChoice]] = relationship(cascade="all, delete-orphan", order_by="DialogueChoice.id")


class DialogueChoice(Base):
    """Whether an admitted provider was selected for a dialogue table, and why (by the announced criteria)."""

    __tablename__ = "dialogue_choices"
    __table_args__ = (UniqueConstraint("table_id", "provider_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("dialogue_tables.id", ondelete="CASCADE"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id", ondelete="RESTRICT"))
    selected: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    provider: Mapped[Provider] = relationship()


class Lot(Base):
    """A perceel of the procurement."""

    __tablename__ = "lots"
    __table_args__ = (UniqueConstraint("round_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    product_categories: Mapped[list] = mapped_column(JSON, default=list)

    round: Mapped[Round] = relationship(back_populates="lots")


class Provider(Base):
    """An organisation, known by its KvK number across rounds."""

    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    kvk: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(300))


class Registration(Base):
    """A provider's inschrijving in one round, with the organisation details as registered."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("round_id", "provider_id"), UniqueConstraint("round_id", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id", ondelete="RESTRICT"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    # Position in the round, for anonymised assessment ("Inschrijving 017").
    sequence: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    vestigingsnummer: Mapped[str | None] = mapped_column(String(12))
    agb: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(7))
    city: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    product_categories: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(String(500))
    # When the chair opened the consensus discussion: only from then on may assessors see each other's scores.
    consensus_opened_at: Mapped[datetime | None] = mapped_column(DateTime)

    round: Mapped[Round] = relationship(back_populates="registrations")
    provider: Mapped[Provider] = relationship()
    lots: Mapped[list[Lot]] = relationship(secondary="registration_lots", order_by="Lot.code")
    answers: Mapped[list[DeclaredAnswer]] = relationship(cascade="all, delete-orphan")
    documents: Mapped[list[Document]] = relationship(cascade="all, delete-orphan")

    @property
    def anonymous_label(self) -> str:
        return f"Inschrijving {self.sequence:03d}"


class RegistrationLot(Base):
    __tablename__ = "registration_lots"

    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id", ondelete="CASCADE"), primary_key=True)


class DeclaredAnswer(Base):
    """What the provider declared for a requirement or exclusion ground (as text, exactly as registered)."""

    __tablename__ = "declared_answers"
    __table_args__ = (UniqueConstraint("registration_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"), index=True)
    value: Mapped[str] = mapped_column(Text)

    criterion: Mapped[Criterion] = relationship()


class Document(Base):
    """A file kept in the app's document store by its SHA-256, or listed as missing."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"))
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # plan, uea, gva, evidence, interview
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def missing(self) -> bool:
        return self.sha256 is None


class Assessor(Base):
    """A member of the commission for one round."""

    __tablename__ = "assessors"
    __table_args__ = (UniqueConstraint("round_id", "name"),)
    # The hash of the member's PIN never goes into the audit trail (a dossier may carry the trail out of the building).
    __audit_redacted__ = frozenset({"pin_secret"})

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="assessor")
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    confidentiality_declared_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The conflict statement: when and by whom the member declared their conflicts of interest (possibly none, the
    # conflicts themselves are rows of ConflictOfInterest). No scores or checks are taken before it and the declaration.
    conflicts_declared_at: Mapped[datetime | None] = mapped_column(DateTime)
    conflicts_declared_by: Mapped[str | None] = mapped_column(String(200))
    # Set when the assessor handed in (inleveren); the chair reopening the work clears it and starts a revision.
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    work_revision: Mapped[int] = mapped_column(Integer, default=1)
    # Why and when the chair reopened the work into the current revision (None for the first); the package carries
    # the reason to the laptop, so the assessor sees it.
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopen_reason: Mapped[str | None] = mapped_column(Text)
    # The public half of the key the assessor's laptop signs return files with, pinned when the chair confirmed its
    # fingerprint with the assessor; from then on only files signed with it are taken.
    laptop_key: Mapped[str | None] = mapped_column(String(64))
    laptop_key_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    laptop_key_confirmed_by: Mapped[str | None] = mapped_column(String(200))
    # The member's own PIN for scoring on the shared computer (core/commission/member_pins.py): only its scrypt hash
    # (JSON: the parameters and the derived key), the wrong tries in a row, and when five of them locked it.
    pin_secret: Mapped[str | None] = mapped_column(Text)
    pin_set_at: Mapped[datetime | None] = mapped_column(DateTime)
    pin_wrong_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pin_locked_at: Mapped[datetime | None] = mapped_column(DateTime)

    round: Mapped[Round] = relationship(back_populates="assessors")


class ConflictOfInterest(Base):
    """A declared conflict: the assessor is kept off this registration."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("assessor_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Assignment(Base):
    """Who assesses which criterion of which registration."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("assessor_id", "registration_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"), index=True)


class ScoreRevision(Base):
    """One revision of an assessor's individual score on a plan criterion, with its motivation."""

    __tablename__ = "score_revisions"
    __table_args__ = (UniqueConstraint("assessor_id", "registration_id", "criterion_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="RESTRICT"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Exact)
    motivation: Mapped[str] = mapped_column(Text)
    scored_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(30))  # app, return-file, spreadsheet, demo
    return_file_id: Mapped[int | None] = mapped_column(ForeignKey("return_files.id", ondelete="RESTRICT"))


class CheckRevision(Base):
    """One revision of an assessor's verdict on an exclusion ground or requirement."""

    __tablename__ = "check_revisions"
    __table_args__ = (UniqueConstraint("assessor_id", "registration_id", "criterion_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="RESTRICT"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(20))  # domain.procedure.CheckVerdict
    note: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(30))
    return_file_id: Mapped[int | None] = mapped_column(ForeignKey("return_files.id", ondelete="RESTRICT"))


class WorkDraft(Base):
    """Work in progress on the scoring screen that is not yet a score (no step chosen, a motivation still too short):
    kept so that closing the laptop lid or a crash loses nothing. Not part of the record: it never leaves the laptop,
    is not audited, and is removed when the score or check it becomes is saved."""

    __tablename__ = "work_drafts"
    __table_args__ = (UniqueConstraint("assessor_id", "registration_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    value: Mapped[Decimal | None] = mapped_column(Exact)
    verdict: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ConsensusScore(Base):
    """The commission's score on a plan criterion (consensus or computed average), revised, never overwritten."""

    __tablename__ = "consensus_scores"
    __table_args__ = (UniqueConstraint("registration_id", "criterion_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    # The score: a step of the scale, or, where the framework averages without rounding, the exact mean (20/3).
    value: Mapped[Decimal | Fraction] = mapped_column(Exact)
    # Where the score is a computed average: the unrounded mean of the individual scores, which a minimum is tested on.
    mean: Mapped[Decimal | Fraction | None] = mapped_column(Exact, nullable=True)
    motivation: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(30))  # consensus, averaging, interview
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="RESTRICT"))
    # A change after a verification interview on this criterion: the interview answer it rests on.
    interview_point_id: Mapped[int | None] = mapped_column(ForeignKey("interview_points.id", ondelete="RESTRICT"))
    set_by: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RequirementVerdict(Base):
    """The chair's settled verdict on an exclusion ground or requirement, revised, never overwritten."""

    __tablename__ = "requirement_verdicts"
    __table_args__ = (UniqueConstraint("registration_id", "criterion_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(20))  # domain.procedure.SettledVerdict
    motivation: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(30))
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="RESTRICT"))
    # What the commission verified (the value read from the jaarrekening, or the answer), beside the declared one,
    # and the document it was read from (name, page); both empty when nothing was verified.
    verified_value: Mapped[str | None] = mapped_column(Text)
    verified_source: Mapped[str | None] = mapped_column(Text)
    # A change after a verification interview on this criterion: the interview answer it rests on.
    interview_point_id: Mapped[int | None] = mapped_column(ForeignKey("interview_points.id", ondelete="RESTRICT"))
    set_by: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A declared exclusion ground as the commission judged it (consolidation.exclusion_grounds.ExclusionFinding).
    ground: Mapped[str | None] = mapped_column(String(300))
    ground_evidence: Mapped[str | None] = mapped_column(Text)
    self_cleaning: Mapped[str | None] = mapped_column(Text)
    self_cleaning_sufficient: Mapped[bool | None] = mapped_column(Boolean)


class WorkPackage(Base):
    """A work package handed to an assessor (what went out, with its digest)."""

    __tablename__ = "work_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    exported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReturnFile(Base):
    """A return file merged at the chair; its digest makes a second import of the same file a no-op."""

    __tablename__ = "return_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("assessors.id", ondelete="RESTRICT"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # The digest of the work in it (scores and checks, without times): the first file of a revision freezes it, and a
    # later file of that revision is taken only with the same work (None: imported before this was kept).
    work_sha256: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # What an auditor needs to check the file offline: the statement the laptop signed (JSON), its Ed25519 signature,
    # the key that made it, and the work exactly as signed (None: imported before files were signed by the laptop).
    signed_statement: Mapped[str | None] = mapped_column(Text)
    signature: Mapped[str | None] = mapped_column(String(128))
    signing_key: Mapped[str | None] = mapped_column(String(64))
    signed_work: Mapped[str | None] = mapped_column(Text)


class ExchangeKey(Base):
    """The keys of the files exchanged with assessors' laptops for one round (core/exchange/sealed_archive.py).

    In the chair's database: the round's uid (recognises files of another round), the round's Ed25519 key that signs
    work packages and its X25519 key that return files are encrypted to; both made on the first export. In an
    assessor's laptop database (opened from a work package): the same uid, the chair's two public keys (pinned on the
    first package), the laptop's own Ed25519 key that signs the return files (its private half sealed with the
    assessor's passphrase; it never leaves the laptop), and the revision of the last package opened.
    """

    __tablename__ = "exchange_keys"
    # Secrets never go into the audit trail, which dossiers and reports may carry out of the building.
    __audit_redacted__ = frozenset({"chair_signing_private", "chair_sealing_private", "laptop_signing_private"})

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), unique=True)
    round_uid: Mapped[str] = mapped_column(String(32), unique=True)
    # The laptop's assessor; None in the chair's database.
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("assessors.id", ondelete="CASCADE"))
    package_revision: Mapped[int | None] = mapped_column(Integer)
    chair_signing_private: Mapped[str | None] = mapped_column(String(64))
    chair_signing_public: Mapped[str | None] = mapped_column(String(64))
    chair_sealing_private: Mapped[str | None] = mapped_column(String(64))
    chair_sealing_public: Mapped[str | None] = mapped_column(String(64))
    laptop_signing_private: Mapped[str | None] = mapped_column(Text)  # JSON: the key sealed with the passphrase
    laptop_signing_public: Mapped[str | None] = mapped_column(String(64))

    @property
    def on_laptop(self) -> bool:
        return self.assessor_id is not None


class Interview(Base):
    """A verification interview (verificatiegesprek) with one provider; a correction is a new revision."""

    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20), default="planned")  # planned, held, approved
    planned_at: Mapped[datetime | None] = mapped_column(DateTime)
    held_at: Mapped[datetime | None] = mapped_column(DateTime)
    location: Mapped[str] = mapped_column(String(300), default="")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    # The commission members present who approved the record with the chair.
    approvals: Mapped[list | None] = mapped_column(JSON)

    attendees: Mapped[list[InterviewAttendee]] = relationship(cascade="all, delete-orphan")
    points: Mapped[list[InterviewPoint]] = relationship(cascade="all, delete-orphan", order_by="InterviewPoint.id")


class InterviewAttendee(Base):
    __tablename__ = "interview_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    side: Mapped[str] = mapped_column(String(20))  # region, provider


class InterviewPoint(Base):
    """One doubt point of an interview, linked to its requirement or criterion."""

    __tablename__ = "interview_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    only_clarifies: Mapped[bool | None] = mapped_column(Boolean)
    documents_requested: Mapped[str] = mapped_column(Text, default="")
    documents_received: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))  # voldoet, voldoet-niet, bevestigd, aangepast
    # With outcome "aangepast": the consensus score the commission set after the interview.
    adjusted_value: Mapped[Decimal | None] = mapped_column(Exact)
    motivation: Mapped[str] = mapped_column(Text, default="")


class VerificationMark(Base):
    """A doubt on one criterion of a registration that a verification interview must clarify before deciding."""

    __tablename__ = "verification_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    marked_by: Mapped[str] = mapped_column(String(200))
    marked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set when an approved interview resolved the doubt.
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="RESTRICT"))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class Decision(Base):
    """A decision on a registration (per lot where lots exist), proposed by the rules and confirmed by the chair."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("registration_id", "lot_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id", ondelete="RESTRICT"))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    proposed_outcome: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    override_motivation: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # proposed, confirmed
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The outcome per lot the registration bid for: [{"lot", "outcome", "text"}]; in a selection the outcome can
    # differ per lot (the maximum is per lot), otherwise it is the registration's outcome for each lot.
    lot_outcomes: Mapped[list] = mapped_column(JSON, default=list)


class LotDraw(Base):
    """Drawing lots to break a tie on the boundary of a selection's maximum: who drew, who witnessed, and the
    order drawn (registration ids, first drawn first). It applies only while the tie is the same group."""

    __tablename__ = "lot_draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    lot_code: Mapped[str] = mapped_column(String(20))  # empty in a round without lots
    order: Mapped[list] = mapped_column(JSON)
    places: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(20))  # "handmatig" (an outcome entered) or "app" (drawn by the app)
    drawn_by: Mapped[str] = mapped_column(String(200))
    witnesses: Mapped[str] = mapped_column(Text)
    drawn_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Invitation(Base):
    """A candidate selected in a selection round, invited to bid for one lot in the award stage."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("round_id", "provider_id", "lot_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id", ondelete="RESTRICT"))
    lot_code: Mapped[str] = mapped_column(String(20))  # empty in a round without lots


class Letter(Base):
    """A generated decision letter; regenerating adds a version and keeps the old one (superseded: a later version
    of the same registration exists)."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("decision_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="RESTRICT"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kenmerk: Mapped[str] = mapped_column(String(100), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # What the letter states when made (None for letters made before these were kept): the planned sending date and,
    # in a tender or SAS, the last day of the standstill counted from it.
    planned_sending: Mapped[date | None] = mapped_column(Date)
    standstill_end: Mapped[date | None] = mapped_column(Date)
    # The recorded sending: the day, the channel (e-mail, post), who recorded it and when.
    sent_on: Mapped[date | None] = mapped_column(Date)
    sent_via: Mapped[str | None] = mapped_column(String(10))
    sent_recorded_by: Mapped[str | None] = mapped_column(String(200))
    sent_recorded_at: Mapped[datetime | None] = mapped_column(DateTime)


class RelativeAdvantages(Base):
    """The commission's summary of the characteristics and relative advantages of the chosen bid(s) of one lot (or
    of the whole contract where the round has no lots), without confidential content (Aw 2012 art. 2.130). Every
    change is a new revision; the newest counts. It names the bids it describes (winners), so that a summary written
    before the chosen bids changed is not printed."""

    __tablename__ = "relative_advantages"
    __table_args__ = (UniqueConstraint("round_id", "lot_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)
    winners: Mapped[list] = mapped_column(JSON, default=list)  # registration numbers of the chosen bids described
    written_by: Mapped[str] = mapped_column(String(200))
    written_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ProcedureFacts(Base):
    """The facts of the procedure as the chair entered them once for the round (the proces-verbaal opens with them):
    the publication, the questions rounds (nota's van inlichtingen), the deadline, the bids received and late ones."""

    __tablename__ = "procedure_facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), unique=True)
    published_on: Mapped[date | None] = mapped_column(Date)
    publication: Mapped[str] = mapped_column(Text, default="")  # where and under which reference (TenderNed 123456)
    questions: Mapped[str] = mapped_column(Text, default="")  # the questions rounds and their nota's van inlichtingen
    deadline: Mapped[datetime | None] = mapped_column(DateTime)  # stored UTC, like every time
    bids_received: Mapped[int | None] = mapped_column(Integer)
    late_bids: Mapped[str] = mapped_column(Text, default="")  # the late ones and what became of them
    entered_by: Mapped[str] = mapped_column(String(200))
    entered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ConsensusDiscussion(Base):
    """The consensus meeting's record for one registration: who attended and a summary of the discussion."""

    __tablename__ = "consensus_discussions"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), unique=True)
    held_on: Mapped[date | None] = mapped_column(Date)
    attendees: Mapped[list] = mapped_column(JSON, default=list)  # names of the members present
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReportApproval(Base):
    """The commission's approval of the proces-verbaal: who approved, when, and the history it was read against (the
    number of events and the head hash then), so a later change shows against it."""

    __tablename__ = "report_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    approved_by: Mapped[str] = mapped_column(String(200))
    members: Mapped[list] = mapped_column(JSON, default=list)  # the commission members who approved with the chair
    approved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    events: Mapped[int] = mapped_column(Integer)
    head: Mapped[str] = mapped_column(String(64))
    report_sha256: Mapped[str | None] = mapped_column(String(64))  # the proces-verbaal read, where given


class AuditCheckpoint(Base):
    """A signed checkpoint of the hash chain at a milestone of a round: the number of events and the head hash then,
    signed with the round's key (whose public half every laptop pinned). A copy is kept outside the database too
    (core/storage/checkpoints.py), so rebuilding the chain inside the file shows against it."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    milestone: Mapped[str] = mapped_column(String(40))  # the action that made it (letters-made, ...)
    events: Mapped[int] = mapped_column(Integer)
    head: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[datetime] = mapped_column(DateTime)
    statement: Mapped[str] = mapped_column(Text)  # the signed JSON
    signature: Mapped[str] = mapped_column(String(128))
    signing_key: Mapped[str] = mapped_column(String(64))


class StoredDocument(Base):
    """A document's content on a server database (core/storage/server_documents.py), by its SHA-256; a database file
    keeps its documents in the folder beside it and leaves this table empty. stored_at: when it was last stored (a
    second store of the same content renews it), so removing a round never takes content an action still writing
    has just stored."""

    __tablename__ = "stored_documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    stored_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentPart(Base):
    """One piece (at most 1 MiB) of a stored document's content, in order: read and written piece by piece, so a
    large plan is never whole in memory."""

    __tablename__ = "document_parts"

    sha256: Mapped[str] = mapped_column(ForeignKey("stored_documents.sha256", ondelete="CASCADE"), primary_key=True)
    part: Mapped[int] = mapped_column(Integer, primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ImportMapping(Base):
    """A confirmed column mapping, remembered for the next export of the same shape (same header signature)."""

    __tablename__ = "import_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    mapping: Mapped[dict] = mapped_column(JSON)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """One change, hash-chained to the one before it: who, when, what, before and after."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(40))  # insert, update, delete, or a named action
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    # Unique: two events after the same one would be a fork of the chain (two writers at once), refused by the database.
    prev_hash: Mapped[str] = mapped_column(String(64), index=True, unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The registration the event belongs to, derived from its fields (and the row it is about) when it is appended
    # (audit_registration.py), so that one registration's history is read by this index. Not hashed: it adds nothing
    # the event and its row do not say; the history consistency check holds it against them.
    registration_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # For a new score revision: its assessor and motivation's words, so that where an assessor wrote the same text is
    # found by this index (audit_motivation.py). Not hashed either.
    motivation_key: Mapped[str | None] = mapped_column(String(32), index=True)


# A table's events in the order the history check merges them with its rows (history_consistency.py; migration 0023).
Index("ix_audit_events_entity_order", AuditEvent.entity, func.length(AuditEvent.entity_id), AuditEvent.entity_id)


# Drafts are not part of the record (see WorkDraft); a checkpoint is a signed statement about the chain, so it stays
# out of it (in the chain it would move the head it signed); a stored document's content is named by the SHA-256 its
# audited Document or Letter row records; everything else is audited.
AUDITED_TABLES = frozenset(
    t
    for t in Base.metadata.tables
    if t
    not in (
        AuditEvent.__tablename__,
        WorkDraft.__tablename__,
        AuditCheckpoint.__tablename__,
        StoredDocument.__tablename__,
        DocumentPart.__tablename__,
    )
)
