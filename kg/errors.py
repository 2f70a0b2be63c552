"""Errors of the library; the CLI turns them into messages and exit codes."""
from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class SourceError(KGError):
    """A source file cannot be read or decoded."""


class ManifestError(KGError):
    """The sources manifest is malformed."""


class GraphNotBuiltError(KGError):
    """An output that needs a built graph was asked for before `kg build`."""


class QueryError(KGError):
    """A SPARQL query that is malformed, not read-only, or too slow."""
