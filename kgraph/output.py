"""Write rows (dicts) to a stream as a table, JSON, JSON lines or CSV. One place for all of it."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO,
               columns: Sequence[str] | None = None, max_width: int = 80) -> int:
    """Write rows in `fmt`; returns the number written. No rows: `[]` for json, a header
    line for csv, "(no rows)" for table."""
    if fmt == "jsonl":
        n = 0
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    rows = list(rows)
    cols = list(columns) if columns else list(dict.fromkeys(k for r in rows for k in r))
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
    elif fmt == "table":
        if not rows:
            out.write("(no rows)\n")
            return 0
        cells = [[_truncate(_cell(r.get(c)), max_width) for c in cols] for r in rows]
        widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
        out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for row in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return len(rows)


def _truncate(s: str, width: int) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"
