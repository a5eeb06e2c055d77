"""Consolidation: spread and flags, agreement, the consensus discussion or averaging, settled requirements."""
