"""PySide6 widgets. They talk to ``monitor`` services and ``db`` repositories handed to
them; no widget builds a query."""
