"""Rounds and their frameworks (beoordelingskaders): the procedure, the criteria, creating a round."""
