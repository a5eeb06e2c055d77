"""Storage: SQLAlchemy models, the database file, migrations, backups and the audit trail."""
