"""The open database as the GUI and the CLI hold it: open it (refusing what is not ours), pass it to the actions,
close it. How it is stored stays inside core.storage."""

from beoordelaar.core.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
