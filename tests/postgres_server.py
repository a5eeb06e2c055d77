"""A real PostgreSQL server of the test run's own: initdb and pg_ctl in a temporary folder (as the postgres user when
the run is root, since PostgreSQL refuses to run as root), listening on 127.0.0.1 only on a free port, trust
authentication for its one local user. Or, when BEOORDELAAR_TEST_POSTGRES_URL names a server already running (as
.ci/postgres.sh starts one), that server. One template database is migrated once; each test gets a copy of it."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

SERVER_USER = "postgres"
TEMPLATE = "beoordelaar_template"
SERVER_SETTING = "BEOORDELAAR_TEST_POSTGRES_URL"


def _binary(name: str) -> str:
    for folder in ("/usr/local/bin", "/usr/lib/postgresql/15/bin"):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} not found: PostgreSQL 15's server programs are needed for these tests")
    return found


def memory_folder() -> str | None:
    """/dev/shm (memory) when there is room in it, else None (the usual temporary folder): a test server needs no
    disk, and a run makes and drops thousands of databases, several times faster in memory than on a disk."""
    shm = Path("/dev/shm")
    try:
        room = shutil.disk_usage(shm).free
    except OSError:
        return None
    return str(shm) if room > MEMORY_NEEDED and os.access(shm, os.W_OK) else None


MEMORY_NEEDED = 2 * 2**30  # the templates of a whole run, a few copies and the WAL, with room to spare


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """Start with start(), stop with stop(); database(name) is a URL; new_database() a fresh copy of the template."""

    def __init__(self, *, durable: bool = False) -> None:
        """durable: write to disk as a real server does (fsync on); the tests run without it, as they need no crash
        safety, the benchmark with it."""
        self.durable = durable
        self.folder = Path(tempfile.mkdtemp(prefix="beoordelaar-pg-", dir=None if durable else memory_folder()))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        given = os.environ.get(SERVER_SETTING)
        self._given = make_url(given) if given else None
        self.port = self._given.port if self._given is not None else _free_port()
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0
        self._prefix = f"run{os.getpid()}_"  # a given server may serve another run at the same time
        self.template = f"{self._prefix}{TEMPLATE}"
        self._admin_engine: Engine | None = None

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", SERVER_USER, "--"] if self._as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)

    def start(self) -> None:
        if self._given is not None:
            return
        if self._as_root:
            shutil.chown(self.folder, user=SERVER_USER)
        self.folder.chmod(0o700)
        self._run(_binary("initdb"), "-D", str(self.data), "-U", SERVER_USER, "--auth=trust", "-E", "UTF8")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
        if not self.durable:
            options += " -c fsync=off"
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        if self._admin_engine is not None:
            self._admin_engine.dispose()
            self._admin_engine = None
        if self._given is not None:
            self.drop_databases_of_this_run()
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        try:
            self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> URL:
        if self._given is not None:
            return self._given.set(database=database)
        return URL.create(
            "postgresql+psycopg", username=SERVER_USER, host="127.0.0.1", port=self.port, database=database
        )

    def _admin(self, statement: str) -> None:
        # One connection to the server's own database, kept: a test run makes thousands of databases.
        if self._admin_engine is None:
            self._admin_engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", pool_size=2)
        with self._admin_engine.connect() as connection:
            connection.execute(text(statement))

    def create_database(self, name: str, template: str = "template0") -> URL:
        # FILE_COPY copies the template's files (a checkpoint, cheap with fsync off): for databases as small as a
        # test's, faster than PostgreSQL 15's default of writing every page through the WAL, and faster to drop.
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def name(self, kind: str = "") -> str:
        """A new database name of this run's own (PostgreSQL allows 63 bytes)."""
        return f"{self._prefix}{kind}{next(self._names)}"

    def drop_databases_of_this_run(self) -> None:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                names = connection.execute(
                    text("SELECT datname FROM pg_database WHERE starts_with(datname, :prefix)"),
                    {"prefix": self._prefix},
                ).scalars()
                for name in list(names):
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            engine.dispose()

    def make_template(self) -> None:
        """The template every test copies: an empty database migrated to head by the app's own runner."""
        from beoordelaar.core.storage.migrations import upgrade

        url = self.create_database(self.template)
        upgrade(_location(url), backup_dir=self.folder / "backups")

    def empty_database(self) -> URL:
        """A database with nothing in it, not even the schema."""
        return self.create_database(self.name())

    def new_database(self) -> URL:
        return self.create_database(self.name(), template=self.template)


def _location(url: URL):
    from beoordelaar.core.storage.location import database_location

    return database_location(url.render_as_string(hide_password=False))
