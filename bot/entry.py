"""The `pmpo` command's entry point (`[project.scripts]` in pyproject.toml).

Two costs of a one-shot command that are the interpreter's, not pmpo's (bench/realq.py
`cold_asks`):

* Importing allocates tens of thousands of objects that live until exit, and the cyclic
  garbage collector walks them again every few thousand allocations (~3.5 ms). It is off
  while `bot.cli` imports and back on before the command runs.
* At exit the interpreter tears down every module and frees the index object by object
  (~6 ms). Once the command is done and its output flushed, the exit handlers run and the
  process ends there; the operating system takes the memory back at once. Not while another
  thread still runs: that one gets the usual shutdown.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys


def main() -> int:
    gc.disable()
    try:
        from bot.cli import main as command
    finally:
        gc.enable()
    code = command()
    _end_now(code)
    return code  # another thread runs, or the output could not be flushed: exit as usual


def _end_now(code: int) -> None:
    threading = sys.modules.get("threading")
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None or (threading is not None and threading.active_count() > 1):
        return
    if not _flushed():
        return  # a closed pipe: the usual exit deals with it as usual
    run_exit_handlers()  # what atexit holds: the compiled-pattern store, logging's flush
    os._exit(code if _flushed() else 1)


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True
