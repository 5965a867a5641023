"""Storage: SQLAlchemy models, the engine, repositories and Alembic migrations.

Only this package touches a SQLAlchemy ``Session``; the rest of the app gets plain
records from ``monitor`` back.
"""
