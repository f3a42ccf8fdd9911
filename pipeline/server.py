"""Which Prefect server a run goes to, if any, decided without importing Prefect (two seconds
of imports that the default, serverless run does not pay).

A server is configured when PREFECT_API_URL is set in the environment or in the active Prefect
profile (`prefect config set PREFECT_API_URL=...`, kept in $PREFECT_HOME/profiles.toml). With
one, `citewatch verify` and `check-links` run as flow runs there; without one, they call the
stages directly in this process. Before a flow starts, the server is asked for its health, so an
unreachable one is one line and exit 2, not an internal error.
"""

from __future__ import annotations

import os
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

from pipeline.errors import ServerError

HOW_TO_START = (
    "start one with `prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api"
)


def configured_server() -> str | None:
    """PREFECT_API_URL from the environment, else from the active profile; None if neither."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect")
    try:
        profiles = tomllib.loads((home / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(url) if url else None


def check_server(api: str, timeout: float = 5.0) -> None:
    """Raise ServerError unless the Prefect server at `api` answers its health check."""
    url = api.rstrip("/") + "/health"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            if response.status == 200:
                return
            why = f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        why = f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        why = str(getattr(exc, "reason", exc))
    raise ServerError(
        f"the Prefect server at {api} does not answer ({why}); start it (`prefect server "
        "start`), fix PREFECT_API_URL, or add --direct to run without Prefect"
    )
