"""Where the app finds its shipped files and keeps the user's data.

resources/ and db/ sit at the top of the source tree and are packed into the wheel as beoordelaar/resources and
beoordelaar/db (hatchling force-include), so an installed and a frozen app find them beside the package. An editable
install or a source checkout has them two folders up.
"""

from __future__ import annotations

import tempfile
from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

APP_NAME = "Beoordelaar"
# The setting that names the database when --db does not: a path or a URL, as --db takes it.
DATABASE_SETTING = "BEOORDELAAR_DATABASE"
# The folder that keeps a server database's signed checkpoints outside it (shared by the team, kept apart from the
# server); without it each computer keeps those it made in its own data folder.
ANCHORS_SETTING = "BEOORDELAAR_ANKERS"
_PACKAGE = Path(str(files("beoordelaar")))


def _shipped(name: str) -> Path:
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / name


def resources_dir() -> Path:
    return _shipped("resources")


def licence_file() -> Path:
    """The project's LICENSE (EUPL-1.2): packed beside the package, or at the top of a source checkout."""
    packaged = _PACKAGE / "LICENSE"
    return packaged if packaged.is_file() else _PACKAGE.parents[1] / "LICENSE"


def migrations_dir() -> Path:
    return _shipped("db") / "migrations"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def locks_dir() -> Path:
    """Where the locks on open databases live, named by the file's identity (device and file number)."""
    return data_dir() / "locks"


def default_database() -> Path:
    return data_dir() / "beoordelaar.sqlite"


def log_dir() -> Path:
    """The app's log (Help › Logboek openen) and what a native crash left: a folder in the user's data folder."""
    return data_dir() / "logboek"


def viewing_copies_dir() -> Path:
    """Where documents opened in their own window are copied to: a folder of the app's own in the user's cache."""
    return user_cache_path(APP_NAME, appauthor=False) / "Geopende documenten"


def old_viewing_copies_dir() -> Path:
    """Where Beoordelaar 0.1 left its copies (in the shared temporary folder, readable by all): removed at start."""
    return Path(tempfile.gettempdir()) / "beoordelaar-documenten"
