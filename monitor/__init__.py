"""The clinic's logic: session phases and timing, dose arithmetic, vitals validation.

Pure Python on purpose: nothing here imports Qt or SQLAlchemy, so every rule can be
tested without a screen or a database (the Anki split between pylib and aqt).
"""
