"""Slack calls run after the ack, on a bounded pool: an ack never waits on the Web API.

Bolt runs with `process_before_response=True`: a listener's ack function answers in the HTTP
response (a slash-command answer is its ack), and everything that calls Slack (replies in
threads and DMs, the reload report, the advise modal, Share) is a `lazy=` function that Bolt
hands to `LazyRunner` after the ack is built. The pool has `workers` threads and at most
`queue` waiting jobs; when Slack is slow enough to fill both, a new reply is dropped with one
log line saying why, and acks still go out. Bolt's own lazy runner logs a failure and drops
it; this one gives it to the app's error handler, which tells the person.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_bolt.kwargs_injection import build_required_kwargs
from slack_bolt.lazy_listener import LazyListenerRunner
from slack_bolt.request import BoltRequest
from slack_bolt.util.utils import get_arg_names_of_callable, get_name_for_callable

log = logging.getLogger("pmpo.lazy")

ErrorHandler = Callable[[Exception, dict[str, Any], Any, Any, logging.Logger], Any]


class QueueFull(RuntimeError):
    pass


class ReplyPool(ThreadPoolExecutor):
    """A thread pool whose queue is bounded: `submit` raises `QueueFull` past the bound."""

    def __init__(self, workers: int = 16, queue: int = 256) -> None:
        super().__init__(max_workers=workers, thread_name_prefix="pmpo-reply")
        self.limit = workers + queue
        self.peak = 0  # most replies running or waiting at once, for the log at shutdown
        self._held = 0
        self._count_lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._count_lock:
            if self._held >= self.limit:
                raise QueueFull(f"{self.limit} replies already running or waiting")
            self._held += 1
            self.peak = max(self.peak, self._held)
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        log.info("reply pool stopped: at most %d of %d replies in flight", self.peak, self.limit)

    def _release(self) -> None:
        with self._count_lock:
            self._held -= 1


class LazyRunner(LazyListenerRunner):
    def __init__(self, pool: ReplyPool, on_error: ErrorHandler, logger: logging.Logger) -> None:
        self.pool = pool
        self.on_error = on_error
        self.logger = logger

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        try:
            self.pool.submit(self._run, function, request)
        except (QueueFull, RuntimeError) as exc:  # RuntimeError: the pool is shutting down
            body = request.body or {}
            log.error(
                "reply dropped: %s for %s (%s)",
                get_name_for_callable(function),
                body.get("type") or ("slash_command" if body.get("command") else "unknown"),
                exc,
            )

    def _run(self, function: Callable[..., None], request: BoltRequest) -> None:
        try:
            function(
                **build_required_kwargs(
                    logger=self.logger,
                    required_arg_names=get_arg_names_of_callable(function),
                    request=request,
                    response=None,
                    this_func=function,
                )
            )
        except Exception as exc:  # noqa: BLE001 - the error handler logs it and tells the person
            self.on_error(exc, request.body, request.context.client, None, self.logger)
