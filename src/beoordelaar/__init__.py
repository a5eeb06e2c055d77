"""Beoordelaar: assessing provider registrations in Dutch regional youth-care procurements."""

__version__ = "0.1.0"
