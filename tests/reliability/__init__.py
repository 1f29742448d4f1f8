"""Reliability suites: kill tests, hostile input, property tests, hostile files."""
