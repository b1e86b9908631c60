"""Typed errors. The CLI turns every KGraphError into one `Error: ...` line and exit code 1."""


class KGraphError(Exception):
    """Base of every error a user can cause or fix."""


class InputError(KGraphError):
    """An input path or file cannot be read as papers (missing, unknown format, unreadable)."""


class ExtractionError(KGraphError):
    """The extraction pipeline cannot be built or run (e.g. a broken pattern file)."""


class StoreError(KGraphError):
    """The graph store cannot be opened, written or queried."""


class QueryError(KGraphError):
    """A named query or ad-hoc Cypher is unknown, malformed or given wrong parameters."""
