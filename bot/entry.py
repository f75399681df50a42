"""The `pmpo` command's entry point (`[project.scripts]` in pyproject.toml).

Importing what a command needs allocates tens of thousands of objects that live until exit,
and the cyclic garbage collector walks them again every few thousand allocations: ~3.5 ms of
a ~90 ms cold `pmpo ask`. It is off while `bot.cli` imports and back on before the command
runs, so that the long-running ones (`run`, `console`) collect as usual.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from bot.cli import main as command
    finally:
        gc.enable()
    return command()
