"""Bounded retries for every call pmpo makes to Slack: Web API methods and response_urls.

- 429: wait for `Retry-After` and retry, twice at most; a wait longer than `MAX_RETRY_AFTER`
  is not worth holding a thread for, so the call fails and the person is told.
- 500/503: retry twice with backoff. A dropped connection: retry once.
- A read timeout is not retried: Slack may have posted the message already, and a retry
  would post it twice.

Each retry is one log line (`slack chat.postMessage: HTTP 429; retry 1 of 2`); the SDK's own
per-attempt lines are dropped, and the final failure, if any, is logged once by whoever
handles it (the global error handler, or `replies`). URLs never reach the log: a
response_url is a credential.
"""

from __future__ import annotations

import logging

from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

log = logging.getLogger("pmpo.slack_retry")

MAX_RETRY_AFTER = 10  # seconds; a longer Retry-After is not waited for, the user is told


def call_name(url: str) -> str:
    """`chat.postMessage` for a Web API URL, `response_url` for anything else."""
    if "/api/" in url:
        return url.split("/api/", 1)[1].split("?", 1)[0][:60]
    return "response_url"


class _LogsEachRetry(RetryHandler):
    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        cause = f"HTTP {response.status_code}" if response is not None else type(error).__name__
        log.warning(
            "slack %s: %s; retry %d of %d",
            call_name(request.url),
            cause,
            state.current_attempt + 1,
            self.max_retry_count,
        )
        super().prepare_for_next_attempt(
            state=state, request=request, response=response, error=error
        )


class BoundedRateLimitRetryHandler(_LogsEachRetry, RateLimitErrorRetryHandler):
    """Retries a 429 after its Retry-After, unless Slack asks for a wait longer than `max_wait`."""

    def __init__(self, max_retry_count: int = 2, max_wait: float = MAX_RETRY_AFTER) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        for name, values in response.headers.items():
            if name.lower() == "retry-after":
                try:
                    return float(values[0]) <= self.max_wait
                except (ValueError, IndexError):
                    return True
        return True


class LoggedServerErrorRetryHandler(_LogsEachRetry, ServerErrorRetryHandler):
    pass


class LoggedConnectionErrorRetryHandler(_LogsEachRetry, ConnectionErrorRetryHandler):
    pass


def retry_handlers() -> list[RetryHandler]:
    return [
        BoundedRateLimitRetryHandler(max_retry_count=2),
        LoggedServerErrorRetryHandler(max_retry_count=2),
        LoggedConnectionErrorRetryHandler(max_retry_count=1),
    ]


class QuietSdkRetries(logging.Filter):
    """Drops the SDK's per-attempt lines, which `_LogsEachRetry` and the final error replace
    (and which carry the full URL, a credential for a response_url)."""

    NOISE = (
        "Failed to send a request to Slack API server",
        "Going to retry the same request",
        "A retry handler found",  # logged at INFO whenever the logger's own level is unset
    )

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(message.startswith(n) for n in self.NOISE)


def quiet_sdk_logger(name: str = "pmpo.slack_api") -> logging.Logger:
    """The logger Slack SDK clients get, with the per-attempt noise filtered out."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, QuietSdkRetries) for f in logger.filters):
        logger.addFilter(QuietSdkRetries())
    return logger
