"""Registrations (inschrijvingen): importing a platform export, identifiers, a registration's details and documents."""
