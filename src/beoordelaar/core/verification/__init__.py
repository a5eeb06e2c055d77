"""Verification interviews (verificatiegesprekken): from a doubt to an approved and locked record."""
