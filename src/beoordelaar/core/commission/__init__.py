"""The commission and the exchange: members, declarations, conflicts, assignments, work packages and return files."""
