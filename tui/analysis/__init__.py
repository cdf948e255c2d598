"""Analyses over reports: pure functions, no Textual, no I/O."""
