"""Extractors: pure functions from a `Ctx` (doc + rule matches) to record values with spans."""
