"""A progress bar on stderr (rich), shown only when stderr is a terminal."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def progress(description: str, unit: str = "items", total: int | None = None) -> Iterator[Callable[[T], T]]:
    """Yields `advance(item) -> item`, to be mapped over a stream."""
    if not sys.stderr.isatty():
        yield lambda item: item
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn(f"{description}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(item: T) -> T:
            bar.advance(task)
            return item

        yield advance
