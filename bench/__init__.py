"""Benchmarks for the pipeline stages that must scale with the size of the archive."""
