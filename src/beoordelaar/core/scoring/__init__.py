"""Scoring: an assessor's own scores and requirement checks, drafts, hand-in and reopen, scores from a sheet."""
