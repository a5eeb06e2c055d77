"""Users and rights on a team server (migration 0018): each user is a PostgreSQL login of their own, connected with
the app's own open_database. Shown with plain SQL and with the app's actions: an assessor reads only her own scores
until the chair opens the consensus discussion; a member of one procedure sees no round of another; the actor of a new
history event is the login; an assessor's attempt to decide is refused by the database, in Dutch."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from beoordelaar.cli import main
from beoordelaar.core.commission.server_users import add_server_user, list_server_users
from beoordelaar.core.consolidation.consensus import open_consensus
from beoordelaar.core.decisions.decisions import propose_decisions
from beoordelaar.core.errors import UserError
from beoordelaar.core.record.audit_check import verify_history
from beoordelaar.core.rounds.rounds import list_rounds
from beoordelaar.core.scoring.scoring import hand_in, save_draft, save_score, visible_scores
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import head_hash
from beoordelaar.core.storage.chain_head import chain_length
from beoordelaar.core.storage.database import Database, open_database
from exchange_round import ANNA, BRAM, CHAIR, NUMBERS, make_round, motivation, score_everything

postgres = pytest.mark.postgres

REG = NUMBERS[0]


def _procurement(db: Database, round_id: int) -> int:
    with db.sessions() as session:
        return session.get(m.Round, round_id).procurement_id


class Logins:
    """Login roles of this test's own (roles belong to the whole server: the names are unique per test), made with
    the app's own action, and the databases opened as each of them."""

    def __init__(self, admin: Database, url: str) -> None:
        self.admin, self.url = admin, make_url(url)
        self._suffix = uuid.uuid4().hex[:8]
        self._opened: list[Database] = []
        self.made: list[str] = []  # dropped at the end: roles outlive the test's database on a server of CI's own

    def add(self, who: str, role: str, procurement_id: int, member: str | None = None) -> str:
        login = f"{who}_{self._suffix}"
        self.made.append(login)
        add_server_user(
            self.admin.sessions, login=login, role=role, procurement_id=procurement_id,
            members=[member] if member else [], password=lambda: "geheim-" + self._suffix, actor="beheerder",
        )  # fmt: skip
        return login

    def url_of(self, login: str) -> str:
        return self.url.set(username=login).render_as_string(hide_password=False)

    def open(self, login: str) -> Database:
        database = open_database(self.url_of(login))
        self._opened.append(database)
        return database

    def close(self) -> None:
        for database in self._opened:
            database.close()
        _admin(self.url.render_as_string(hide_password=False), *(f"DROP ROLE IF EXISTS {r}" for r in self.made))


@pytest.fixture
def logins(pg_db: Database, postgres_url: str) -> Iterator[Logins]:
    made = Logins(pg_db, postgres_url)
    yield made
    made.close()


def _plain(url: str, statement: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(statement))]
    finally:
        engine.dispose()


def _score(db: Database, round_id: int, member: str, value: int) -> None:
    save_score(db.sessions, round_id, member, REG, "P1", value, motivation(member, REG, "P1", value), actor=member)


@pytest.fixture
def scored(pg_db: Database, logins: Logins) -> tuple[int, dict[str, str], dict[str, Database]]:
    """The round with chair, Anna and Bram as logins; Anna and Bram each scored P1 of the first registration, each
    from their own connection."""
    round_id = make_round(pg_db)
    procurement = _procurement(pg_db, round_id)
    names = {
        CHAIR: logins.add("voorzitter", "voorzitter", procurement, CHAIR),
        ANNA: logins.add("anna", "beoordelaar", procurement, ANNA),
        BRAM: logins.add("bram", "beoordelaar", procurement, BRAM),
    }
    opened = {member: logins.open(login) for member, login in names.items()}
    _score(opened[ANNA], round_id, ANNA, 2)
    _score(opened[BRAM], round_id, BRAM, 5)
    return round_id, names, opened


def _scores_seen(url: str) -> set[str]:
    return {
        name for (name,) in _plain(url, "SELECT a.name FROM score_revisions s JOIN assessors a ON a.id = s.assessor_id")
    }


def _score_events_seen(url: str) -> set[str]:
    return {actor for (actor,) in _plain(url, "SELECT actor FROM audit_events WHERE entity = 'score_revisions'")}


@postgres
def test_an_assessor_reads_only_her_own_scores_until_the_chair_opens_the_consensus(
    scored: tuple[int, dict[str, str], dict[str, Database]], logins: Logins
) -> None:
    round_id, names, opened = scored
    anna, chair = logins.url_of(names[ANNA]), logins.url_of(names[CHAIR])
    assert _scores_seen(anna) == {ANNA}
    assert _score_events_seen(anna) == {names[ANNA]}  # nor through the history's payloads
    assert _scores_seen(chair) == {ANNA, BRAM}
    assert {s.assessor for s in visible_scores(opened[ANNA].sessions, round_id, ANNA, REG)} == {ANNA}

    open_consensus(opened[CHAIR].sessions, round_id, REG, actor=CHAIR)

    assert _scores_seen(anna) == {ANNA, BRAM}
    assert _score_events_seen(anna) == {names[ANNA], names[BRAM]}
    assert {s.assessor for s in visible_scores(opened[ANNA].sessions, round_id, ANNA, REG)} == {ANNA, BRAM}


@postgres
def test_the_actor_of_new_history_events_is_the_login_and_the_chain_holds(
    scored: tuple[int, dict[str, str], dict[str, Database]], logins: Logins, pg_db: Database
) -> None:
    round_id, names, opened = scored
    save_score(opened[ANNA].sessions, round_id, ANNA, REG, "P1", 3, motivation(ANNA, REG, "P1", 3),
               actor="iemand anders")  # fmt: skip
    with pg_db.sessions() as session:
        last = session.execute(select(m.AuditEvent).order_by(m.AuditEvent.id.desc()).limit(1)).scalar_one()
    assert (last.entity, last.actor) == ("score_revisions", names[ANNA])
    assert opened[ANNA].login == names[ANNA]
    # The appends of three restricted users, each linked to the real head, make one unbroken chain.
    check = verify_history(pg_db.sessions)
    assert check.intact, check.broken
    with opened[ANNA].sessions() as session:  # she reads the real head and length, not those of what she sees
        assert (chain_length(session.connection()), head_hash(session)) == (check.count, check.head)
        assert session.execute(select(func.count(m.AuditEvent.id))).scalar_one() < check.count
    with pytest.raises(UserError, match="alleen de beheerder van de server controleren"):
        verify_history(opened[CHAIR].sessions)  # part of the chain would look like tampering
    engine = create_engine(logins.url_of(names[ANNA]))
    try:
        with pytest.raises(ProgrammingError, match="is not the login"), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_events (at, actor, source, action, entity, prev_hash, hash) "
                    "VALUES (now(), 'de voorzitter', 'app', 'x', 'rounds', :h, :h)"
                ),
                {"h": "f" * 64},
            )
    finally:
        engine.dispose()


@postgres
def test_an_assessor_cannot_decide_or_write_as_the_chair(
    scored: tuple[int, dict[str, str], dict[str, Database]], logins: Logins, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id, names, opened = scored
    with pytest.raises(UserError, match="De server staat u deze wijziging niet toe"):
        propose_decisions(opened[ANNA].sessions, round_id, actor=ANNA)  # nor its history event alone
    with pytest.raises(UserError, match="niet toe"):
        open_consensus(opened[ANNA].sessions, round_id, REG, actor=ANNA)
    with pytest.raises(UserError, match="niet toe"):  # nor a score in a colleague's name
        _score(opened[ANNA], round_id, BRAM, 4)
    assert main(["--db", logins.url_of(names[ANNA]), "decide", str(round_id), "--json"]) == 1
    out, err = capsys.readouterr()
    assert "De server staat u deze wijziging niet toe" in json.loads(out)["error"]
    assert "Traceback" not in err
    anna = create_engine(logins.url_of(names[ANNA]))
    try:
        with pytest.raises(ProgrammingError, match="permission denied"), anna.begin() as connection:
            connection.execute(text("UPDATE rounds SET status = 'closed'"))
    finally:
        anna.dispose()


@postgres
def test_a_member_of_one_procedure_sees_no_round_of_another(pg_db: Database, logins: Logins) -> None:
    ours = make_round(pg_db)
    theirs = make_round(pg_db, name="Jeugdhulp Twente 2027")
    chair = logins.add("voorzitter", "voorzitter", _procurement(pg_db, ours), CHAIR)
    other = logins.add("ander", "beoordelaar", _procurement(pg_db, theirs), ANNA)
    assert [r.id for r in list_rounds(logins.open(chair).sessions)] == [ours]
    assert [r.id for r in list_rounds(logins.open(other).sessions)] == [theirs]
    url = logins.url_of(chair)
    assert _plain(url, "SELECT DISTINCT round_id FROM registrations") == [(ours,)]
    assert _plain(url, f"SELECT count(*) FROM assessors WHERE round_id = {theirs}") == [(0,)]
    hidden = _plain(
        url,
        f"SELECT count(*) FROM audit_events WHERE procurement_id = {_procurement(pg_db, theirs)} "
        "OR procurement_id IS NULL",
    )
    assert hidden == [(0,)]


@postgres
def test_a_chair_making_a_new_round_becomes_chair_of_its_procedure(pg_db: Database, logins: Logins) -> None:
    from beoordelaar.core.rounds.round_edits import remove_round
    from beoordelaar.core.rounds.rounds import create_round

    first = make_round(pg_db)
    chair = logins.add("voorzitter", "voorzitter", _procurement(pg_db, first), CHAIR)
    database = logins.open(chair)
    made = create_round(database.sessions, name="Nieuwe ronde 2028", framework="ijsselland-2022", actor="x").id
    assert sorted(r.id for r in list_rounds(database.sessions)) == sorted([first, made])
    made_in = _procurement(pg_db, made)
    assert {(r.login, r.procurement_id, r.role) for r in list_server_users(pg_db.sessions)} == {
        (chair, _procurement(pg_db, first), "voorzitter"),
        (chair, made_in, "voorzitter"),
    }
    remove_round(database.sessions, made, actor="x")  # its history event belongs to no procedure any more
    assert [r.id for r in list_rounds(database.sessions)] == [first]


@postgres
def test_server_commands_manage_the_members_in_dutch_without_echoing_the_password(
    pg_db: Database,
    logins: Logins,
    postgres_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    round_id = make_round(pg_db)
    procurement = str(_procurement(pg_db, round_id))
    login = f"nieuw_{uuid.uuid4().hex[:8]}"
    logins.made.append(login)
    monkeypatch.setenv("BEOORDELAAR_SERVER_WACHTWOORD", "zeer-geheim-wachtwoord")
    run: Callable[..., int] = lambda *words: main(["--db", postgres_url, *words])  # noqa: E731
    assert run("server", "init", "--json") == 0
    state = json.loads(capsys.readouterr().out)
    assert set(state["roles"]) == {"beoordelaar_beheer", "beoordelaar_beoordelaar", "beoordelaar_voorzitter"}
    assert state["without_row_security"] == []
    assert run("server", "user", "add", "--login", login, "--role", "beoordelaar", "--procedure", procurement,
               "--member", ANNA, "--json") == 0  # fmt: skip
    out, err = capsys.readouterr()
    added = json.loads(out)
    assert (added["login"], added["created"], added["role"]) == (login, True, "beoordelaar")
    assert added["members"] == [f"Jeugdhulp 2027: {ANNA}"]
    assert "zeer-geheim" not in out + err
    verifier = _plain(postgres_url, f"SELECT rolpassword FROM pg_authid WHERE rolname = '{login}'")[0][0]
    assert verifier.startswith("SCRAM-SHA-256$")
    assert run("server", "user", "list", "--json") == 0
    assert [(r["login"], r["role"]) for r in json.loads(capsys.readouterr().out)] == [(login, "beoordelaar")]
    assert run("server", "user", "add", "--login", "Niet Goed", "--role", "beoordelaar", "--procedure",
               procurement) == 1  # fmt: skip
    assert "geen geldige inlognaam" in capsys.readouterr().err
    assert run("server", "user", "remove", "--login", login, "--json") == 0
    assert json.loads(capsys.readouterr().out)["procedures"] == [int(procurement)]
    assert run("server", "user", "remove", "--login", login) == 1
    assert "is geen lid" in capsys.readouterr().err
    assert _plain(postgres_url, f"SELECT pg_has_role('{login}', 'beoordelaar_beoordelaar', 'MEMBER')") == [(False,)]


def test_server_commands_are_refused_on_a_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "beoordelaar.sqlite"), "server", "user", "list"]) == 1
    assert "alleen op een teamserver" in capsys.readouterr().err


@postgres
def test_an_assessor_does_all_her_own_work_from_her_own_login(
    scored: tuple[int, dict[str, str], dict[str, Database]], logins: Logins
) -> None:
    """Her worklist, every score and check (and their drafts), and the hand-in, all under her login's rights."""
    round_id, names, opened = scored
    anna = opened[ANNA]
    save_draft(anna.sessions, round_id, ANNA, NUMBERS[1], "P1", text="half af")
    drafts = "SELECT count(*) FROM work_drafts"
    assert [_plain(logins.url_of(names[who]), drafts) for who in (ANNA, BRAM, CHAIR)] == [[(1,)], [(0,)], [(1,)]]
    score_everything(anna, ANNA)
    hand_in(anna.sessions, round_id, ANNA, actor=ANNA)
    with anna.sessions() as session:
        mine = session.execute(select(m.Assessor).where(m.Assessor.name == ANNA)).scalar_one()
        assert mine.submitted_at is not None
    assert _plain(logins.url_of(names[BRAM]), "SELECT count(*) FROM check_revisions") == [(0,)]  # Anna's checks
    assert {actor for (actor,) in _plain(logins.url_of(names[CHAIR]), "SELECT DISTINCT actor FROM audit_events "
            "WHERE entity IN ('score_revisions', 'check_revisions', 'assessors') AND actor LIKE 'anna%'")} == {
        names[ANNA]
    }  # fmt: skip


@postgres
def test_the_chair_runs_the_round_from_her_own_login_and_the_admin_verifies_it(
    pg_db: Database, logins: Logins, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Consolidation, decisions, letters and the proces-verbaal under a chair's rights; the checkpoint her letters
    make signs the whole chain (not the part she reads), so the admin's check of the history holds."""
    from beoordelaar.core.demo.demo import build_demo

    build_demo(pg_db.sessions, providers=3, assessors=2, actor="t")
    with pg_db.sessions() as session:
        round_id, procurement = session.execute(select(m.Round.id, m.Round.procurement_id).order_by(m.Round.id)).first()
    chair = logins.url_of(logins.add("voorzitter", "voorzitter", procurement))
    for words in (["consolidate"], ["decide"], ["letters", "--out", str(tmp_path / "brieven")]):
        assert main(["--db", chair, words[0], str(round_id), *words[1:], "--json"]) == 0, capsys.readouterr()
    assert main(["--db", chair, "report", str(round_id), "--out", str(tmp_path / "pv.pdf")]) == 0
    capsys.readouterr()
    check = verify_history(pg_db.sessions)
    assert check.intact, (check.broken, [c.problem for c in check.failed_checkpoints])
    assert "letters-made" in {c.milestone for c in check.checkpoints}


@postgres
def test_a_manager_login_manages_the_members_but_reads_no_work(
    pg_db: Database, logins: Logins, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """beoordelaar_beheer (with the server's CREATEROLE for new logins) adds and removes members in the history under
    its own name, and cannot read a score."""
    round_id = make_round(pg_db)
    manager = f"beheer_{uuid.uuid4().hex[:8]}"
    logins.made.append(manager)
    _admin(postgres_url, f"CREATE ROLE {manager} LOGIN CREATEROLE", f"GRANT beoordelaar_beheer TO {manager}")
    url = logins.url_of(manager)
    new = f"lid_{uuid.uuid4().hex[:8]}"
    logins.made.append(new)
    add = ["server", "user", "add", "--login", new, "--role", "beoordelaar", "--procedure",
           str(_procurement(pg_db, round_id)), "--member", BRAM, "--zonder-wachtwoord", "--json"]  # fmt: skip
    assert main(["--db", url, *add]) == 0, capsys.readouterr()
    assert json.loads(capsys.readouterr().out)["members"] == [f"Jeugdhulp 2027: {BRAM}"]
    assert main(["--db", url, "server", "user", "remove", "--login", new]) == 0
    capsys.readouterr()
    with pg_db.sessions() as session:
        actors = (
            session.execute(select(m.AuditEvent.actor).where(m.AuditEvent.entity == "server_memberships"))
            .scalars()
            .all()
        )
    assert actors == [manager, manager]
    engine = create_engine(url)
    try:
        with pytest.raises(ProgrammingError, match="permission denied"), engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM score_revisions"))
    finally:
        engine.dispose()


def _admin(url: str, *statements: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


@postgres
def test_stored_documents_are_seen_only_through_a_visible_row_and_kept_while_any_row_names_them(
    pg_db: Database, logins: Logins
) -> None:
    """The content of a plan is shared by the server database (migration 0019's row security): a member reads it only
    through a document of a procedure of theirs; storing the same bytes for another procedure renews the one copy
    (the user has those bytes already); nobody removes content that some row still names."""
    first = make_round(pg_db)
    second = make_round(pg_db, name="Tweede ronde")
    with pg_db.engine.begin() as connection:  # the second round's own rows name no plan yet
        connection.execute(text(f"DELETE FROM documents WHERE registration_id IN (SELECT id FROM registrations "
                                f"WHERE round_id = {second})"))  # fmt: skip
    reader = logins.add("lezer", "beoordelaar", _procurement(pg_db, first), ANNA)
    outsider = logins.add("ander", "voorzitter", _procurement(pg_db, second), CHAIR)
    stored = "SELECT count(*) FROM stored_documents"
    parts = "SELECT count(*) FROM document_parts"
    assert _plain(logins.url_of(reader), stored)[0][0] == len(NUMBERS)
    assert _plain(logins.url_of(reader), parts)[0][0] >= len(NUMBERS)
    assert _plain(logins.url_of(outsider), stored) == [(0,)]
    assert _plain(logins.url_of(outsider), parts) == [(0,)]

    plan = b"%PDF-1.4 plan van aanpak van Stichting Aanbieder 1"
    theirs = logins.open(outsider)
    sha256 = theirs.documents.add_bytes(plan)  # stored by the admin for the first procedure: renewed, not refused
    assert _plain(logins.url_of(outsider), stored) == [(0,)]  # still no row of theirs names it
    with pytest.raises(UserError):
        theirs.documents.read_bytes(sha256, "plan-1.pdf")
    _admin(logins.url_of(outsider), "DELETE FROM stored_documents")  # removes nothing: no row is theirs to see
    assert theirs.documents.has(sha256) is False
    assert pg_db.documents.read_bytes(sha256, "plan-1.pdf") == plan

    mine = theirs.documents.add_bytes(b"%PDF-1.4 een eigen bijlage")
    assert theirs.documents.read_bytes(mine, "bijlage.pdf") == b"%PDF-1.4 een eigen bijlage"  # what they stored
    with pg_db.engine.begin() as connection:
        named = connection.execute(select(func.count()).select_from(m.StoredDocument)).scalar_one()
    assert named == len(NUMBERS) + 1
