"""Glue between Flask and the domain: locale, organisation, headers."""
