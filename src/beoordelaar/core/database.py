"""The open database as the GUI and the CLI hold it: open it (refusing what is not ours), pass it to the actions,
close it. How it is stored stays inside core.storage."""

from beoordelaar.core.paths import DATABASE_SETTING
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.core.storage.location import DatabaseLocation, database_location
from beoordelaar.core.storage.server_password import PasswordAsk, open_with_password, password_needed, with_password

__all__ = [
    "DATABASE_SETTING",
    "Database",
    "DatabaseLocation",
    "PasswordAsk",
    "database_location",
    "open_database",
    "open_with_password",
    "password_needed",
    "with_password",
]
