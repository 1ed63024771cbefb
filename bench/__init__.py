"""Benchmarks: scripts run as `python bench/x.py`; `bench.commun` holds what they share."""
