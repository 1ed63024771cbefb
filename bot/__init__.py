"""Wiring: the only package that knows aiogram, the scheduler and the settings together."""
