"""Where the database is: a file (a bare path or an sqlite:/// URL, the laptop's only engine) or a PostgreSQL server
(postgresql+psycopg://...). Anything else is refused in Dutch, never silently made into a file of that name."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from beoordelaar.core.errors import UserError
from beoordelaar.core.paths import data_dir

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

# "scheme://": what a URL looks like; a Windows drive (C:\ or C:/) has one letter and no double slash.
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://")

EXAMPLES = "een bestand (pad of sqlite:///pad) of een server (postgresql+psycopg://gebruiker@host:5432/database)"


@dataclass(frozen=True)
class DatabaseLocation:
    """One database: its dialect, the URL SQLAlchemy connects with, and for SQLite its file."""

    dialect: str
    url: URL
    path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == SQLITE

    @property
    def shown(self) -> str:
        """What the user reads: the file, or the server URL without its password."""
        return str(self.path) if self.path is not None else self.url.render_as_string(hide_password=True)

    @property
    def local_path(self) -> Path:
        """The path on this computer that stands for the database: its file, or for a server a name per server
        database in the data folder (its documents live beside it until they are stored on the server)."""
        if self.path is not None:
            return self.path
        key = f"{self.url.host}:{self.url.port or 5432}/{self.url.database}"
        digest = hashlib.sha256(key.encode()).hexdigest()[:12]
        return data_dir() / "servers" / f"{self.url.database}-{digest}.server"


def location_of(url: URL) -> DatabaseLocation:
    """The database an engine (or a session's bind) is connected to."""
    if url.get_backend_name() == SQLITE:
        return DatabaseLocation(SQLITE, url, Path(str(url.database)))
    return DatabaseLocation(POSTGRESQL, url)


def sqlite_location(path: Path) -> DatabaseLocation:
    path = Path(path).expanduser().resolve()
    return DatabaseLocation(SQLITE, URL.create("sqlite", database=str(path)), path)


def database_location(given: str | Path | DatabaseLocation) -> DatabaseLocation:
    """The database that --db or the settings name; raise UserError in Dutch for what is not one."""
    if isinstance(given, DatabaseLocation):
        return given
    if isinstance(given, Path) or not _URL.match(given):
        return sqlite_location(Path(given))
    try:
        url = make_url(given)
    except ArgumentError as exc:
        raise UserError(f"{given!r} is geen geldig database-adres. Geef {EXAMPLES}.") from exc
    backend, _, driver = url.drivername.partition("+")
    if backend == SQLITE and driver in ("", "pysqlite"):
        if not url.database or url.database == ":memory:":
            raise UserError(f"{given!r} noemt geen databasebestand. Geef {EXAMPLES}.")
        return sqlite_location(Path(url.database))
    if backend in (POSTGRESQL, "postgres") and driver in ("", "psycopg"):
        if not url.database:
            raise UserError(f"Het adres {given!r} noemt geen database op de server. Geef {EXAMPLES}.")
        _require_psycopg()
        return DatabaseLocation(POSTGRESQL, url.set(drivername="postgresql+psycopg"))
    raise UserError(
        f"Beoordelaar werkt niet met het database-adres {url.drivername}://…; geef {EXAMPLES}. "
        "Er is niets aangemaakt of gewijzigd."
    )


def _require_psycopg() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise UserError(
            "Voor een PostgreSQL-server is het onderdeel 'postgres' van Beoordelaar nodig "
            "(pip install 'beoordelaar[postgres]'); het ontbreekt op deze computer. Er is niets gewijzigd."
        ) from exc
