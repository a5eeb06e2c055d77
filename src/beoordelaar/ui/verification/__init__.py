"""Verificatie: doubts, interviews and their records, equal treatment."""
