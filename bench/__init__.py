"""Benchmarks: Rote against a hand-written Playwright script (the floor) and against the agent."""
