"""Who uses Chairside: roles, what each role may do, sign-in policy, signatures.

Pure domain, like the rest of ``monitor/``: hashing and storage live in ``db/``.
"""
