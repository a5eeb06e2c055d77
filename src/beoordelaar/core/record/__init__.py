"""The record: the assessment report (proces-verbaal), the dossier, the round as a spreadsheet, the history."""
