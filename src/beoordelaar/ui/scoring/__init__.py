"""Beoordelen on an assessor's laptop: the worklist and the scoring screen."""
