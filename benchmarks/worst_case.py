#!/usr/bin/env python3
"""Worst-case inputs of several sizes, timed through `check` (load, parse and every rule).

Each line is one pathological pattern repeated to fill one paragraph of a module body (in
lines of 90,000 characters, under the 100,000 limit), or a short line repeated, or a YAML value; the time for each size is printed with the growth from the previous size. Linear
growth means each 4x size takes about 4x the time (quadratic would be about 16x).

    python benchmarks/worst_case.py [--sizes 8000,32000,128000] [--only PATTERN]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workshop_builder.checks import check_project  # noqa: E402

PATTERNS = {  # name: the unit repeated on one line of a slide
    "open brackets": "[",
    "picture openers": "![",
    "link openers": "[](",
    "link openers with quote": "[]('",
    "unclosed brackets, closed later": "[" * 60 + "]",
    "nested links": "[a [b](c)",
    "reference links": "[x][",
    "citation openers": "[@",
    "autolink openers": "<a://",
    "mail openers": "<a@",
    "emphasis": "*a",
    "strong": "**a",
    "backticks": "`",
    "comment openers": "<!--",
    "language-ok openers": "<!-- language-ok",
    "curly quotes": "\u201c",
    "straight quotes": '"a ',
    "single quotes": "'a b ",
    "placeholders": "{{ ",
    "entities": "&#",
    "bare URLs": "http://a.b/",
    "table cells": "| a ",
    "underscores": "_a",
    "footnote references": "[^",
    "kbd openers": "<kbd>",
    "picture attributes": "![a](b.png){",
    "backslash breaks": "a\\\n",
}
LINES = {  # name: a line repeated (many short lines)
    "nested quotes": "> " * 11 + "a",
    "list items": "- a",
    "deep list": "          - a",
    "fence openers": "```",
    "indented fence openers": "   ~~~ python",
    "footnote definitions": "[^a]: b",
    "reference definitions": "[a]: https://a.b/",
}


def _wrap(text: str, width: int = 90_000) -> str:
    """text as lines of at most width characters (one paragraph: lines over 100,000 are refused)."""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _project(tmp: Path, body: str) -> Path:
    root = tmp / "p"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "tests" / "projects" / "basic", root)
    path = root / "modules" / "intro.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n## Worst case\n\n" + body + "\n", encoding="utf-8")
    return root


def _yaml_project(tmp: Path, size: int) -> Path:
    root = _project(tmp, "- a point")
    path = root / "workshop.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'subtitle: "A small project for tests"', 'subtitle: "' + "\\e[" * (size // 3) + '"'), encoding="utf-8")
    return root


def _time(root: Path) -> float:
    start = time.process_time()  # CPU time: other work on the machine does not count
    check_project(root)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8000,32000,128000")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    cases = [(name, lambda n, u=unit: _wrap(u * (n // len(u)))) for name, unit in PATTERNS.items()]
    cases += [(name, lambda n, u=line: "\n".join([u] * (n // (len(u) + 1)))) for name, line in LINES.items()]
    growth = f"   growth per x{sizes[1] // sizes[0]}" if len(sizes) > 1 else ""
    print(f"{'pattern':34}" + "".join(f"{s:>10,}" for s in sizes) + growth)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _time(_project(tmp, "- warm up"))
        rows = [(name, lambda n, make=make: _project(tmp, make(n))) for name, make in cases]
        rows.append(("YAML control-character escapes", lambda n: _yaml_project(tmp, n)))
        for name, make in rows:
            if args.only and args.only not in name:
                continue
            times = []
            for size in sizes:
                times.append(_time(make(size)))
            growth = " ".join(f"{b / max(a, 1e-3):.1f}x" for a, b in zip(times, times[1:]))
            print(f"{name:34}" + "".join(f"{t:>9.2f}s" for t in times) + f"   {growth}", flush=True)


if __name__ == "__main__":
    main()
