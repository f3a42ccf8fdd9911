"""The schedules in one place: verify on demand, check links nightly (built without a server)."""

from __future__ import annotations

import os
from typing import Any, cast

from prefect import Flow, serve
from prefect.deployments.runner import EntrypointType, RunnerDeployment

from pipeline.flows import check_links_flow, verify_article_flow

NIGHTLY = "0 3 * * *"  # UTC; $CITEWATCH_LINKS_CRON or `cron=` overrides it
TAGS = ["citewatch"]
BY_MODULE = EntrypointType.MODULE_PATH  # runs wherever citewatch is installed, whatever the cwd


def _deployment(flow: Flow[..., Any], **options: Any) -> RunnerDeployment:
    # to_deployment answers with a coroutine inside a running event loop unless told _sync
    options |= {"tags": TAGS, "entrypoint_type": BY_MODULE, "_sync": True}
    return cast(RunnerDeployment, flow.to_deployment(**options))


def build_deployments(
    cron: str | None = None, archive: str | None = None
) -> tuple[RunnerDeployment, RunnerDeployment]:
    """(verify on demand, check links on `cron`); `archive` becomes both flows' default."""
    defaults = {"archive": archive} if archive else {}
    verify = _deployment(
        verify_article_flow,
        name="verify-on-demand",
        parameters=defaults,
        description="Verify one article (parameters: article, out) when asked.",
    )
    links = _deployment(
        check_links_flow,
        name="check-links-nightly",
        cron=cron or os.environ.get("CITEWATCH_LINKS_CRON") or NIGHTLY,
        parameters=defaults,
        description="Re-fetch the archived links that are due and report what changed.",
    )
    return verify, links


VERIFY_DEPLOYMENT, CHECK_LINKS_DEPLOYMENT = build_deployments()


def serve_deployments(
    cron: str | None = None, archive: str | None = None, limit: int | None = None
) -> None:
    """Register both deployments with the server (`prefect server start`, or PREFECT_API_URL)
    and run their flows as they come due; blocks until stopped."""
    serve(*build_deployments(cron, archive), limit=limit)
