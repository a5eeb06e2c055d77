"""Consolideren: the heat map, agreement, the consensus meeting, requirements and what is still open."""
