"""Rules of the domain. Imports nothing of ours but domain; never Qt, SQLAlchemy or files."""
