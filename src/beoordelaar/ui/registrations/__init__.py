"""Inschrijvingen: the registrations table, one registration's details, the import wizard."""
