"""Benchmarks run against a real server over HTTP (`make bench`)."""
