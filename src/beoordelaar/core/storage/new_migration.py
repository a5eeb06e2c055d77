"""Developer tool: autogenerate a migration script from the models against a database at the current head.

python -m beoordelaar.core.storage.new_migration "what changed"
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from beoordelaar.core.paths import migrations_dir
from beoordelaar.core.storage.migrations import _migration_engine, alembic_config, upgrade


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "head.sqlite"
        upgrade(path, backup_dir=Path(tmp) / "backups")
        config = alembic_config(migrations_dir())
        engine = _migration_engine(path)
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
