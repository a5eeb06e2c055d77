"""A filled demo round, so a new user sees the whole workflow."""
