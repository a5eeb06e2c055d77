"""The open database as the GUI and the CLI hold it: open it (refusing what is not ours), pass it to the actions,
close it. How it is stored stays inside core.storage."""

from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.core.storage.location import DatabaseLocation, database_location

# The setting that names the database when --db does not: a path or a URL, as --db takes it.
DATABASE_SETTING = "BEOORDELAAR_DATABASE"

__all__ = ["DATABASE_SETTING", "Database", "DatabaseLocation", "database_location", "open_database"]
