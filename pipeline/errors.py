"""The pipeline's errors.

CitewatchError (sources.errors)
└── ServerError      the Prefect server asked for is not configured or does not answer
"""

from __future__ import annotations

from sources.errors import CitewatchError


class ServerError(CitewatchError):
    """A run that needs a Prefect server cannot have one; the message says what to do."""
