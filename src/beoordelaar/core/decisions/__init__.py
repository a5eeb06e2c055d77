"""Decisions and letters: proposed from the rules, confirmed or overridden, and the letters as PDF."""
