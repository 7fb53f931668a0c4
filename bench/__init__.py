"""Benchmarks run by `make bench`: synthetic data at scale on PostgreSQL and timing scripts."""
