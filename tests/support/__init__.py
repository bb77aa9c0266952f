"""Test support: servers and helpers used only by tests and benchmarks."""
