"""Signing in, the first administrator, the lock screen, signatures."""
