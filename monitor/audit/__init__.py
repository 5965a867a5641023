"""The audit trail: append-only, each entry chained to the one before by a hash."""
