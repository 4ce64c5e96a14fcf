"""Reporters: turn report records into terminal tables, JSONL/JSON/CSV and HTML."""
