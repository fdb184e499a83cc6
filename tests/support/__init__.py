"""Test support code: run-time guards the tests use (not part of the installed package)."""
