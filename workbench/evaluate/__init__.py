"""Evaluation harness: scores of workbench stages against gold data."""
