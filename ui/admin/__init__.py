"""The administrator's screens: the audit trail and the staff accounts (issue 10)."""
