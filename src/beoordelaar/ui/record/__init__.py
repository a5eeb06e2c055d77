"""Documenten: the proces-verbaal, the dossier, the round as a spreadsheet, the history."""
