"""Beoordelen at the chair: the commission, members and conflicts, assignments, packages and return files."""
