"""Benchmarks that print figures: `python -m bench.run` (or `make bench`)."""
