"""Invented demo data sets, filled in through the real services (`flask demo-data --preset`)."""
