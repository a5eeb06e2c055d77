"""Besluiten: decisions, overrides, document settings and letters."""
