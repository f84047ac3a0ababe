"""What a chart slide and a diagram slide cost next to a bullet slide (a script, not a timed test).

Builds one deck of N slides of each kind (bullets; a native column chart; a four-step process;
a cycle; three big numbers) and prints the time to plan and write it, per slide, and the deck's
size per slide.

    python benchmarks/slide_kinds.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORKSHOP = """title: Benchmark
organisation: Bench
date: 2026-11-27
audiences:
  all: {name: Everyone, minutes: 600}
modules:
  - m
"""
FRONT = """---
title: Kinds
duration: 600
outcomes: [One, Two]
sources:
  s: {title: Statistics, publisher: Home Office, year: 2025, url: "https://www.gov.uk/"}
review_by: 2027-09-30
---

"""
KINDS = {
    "bullets": "- First point on the slide\n- Second point, a little longer\n- Third point [@s]\n",
    "chart": ("::: chart column title=\"Referrals\"\n| Year | Referrals |\n|---|---|\n| 2022 | 16,921 |\n"
              "| 2023 | 17,004 |\n| 2024 | 19,125 |\n\nSource: [@s]\n:::\n"),
    "process": "::: process\n1. Targeting\n2. Gaining trust\n3. Gifts and debt\n4. Control\n:::\n",
    "cycle": "::: cycle\n- A debt\n- Work to pay it\n- New debts\n:::\n",
    "stats": "".join(f"::: stat\n{n},500\nchildren at risk [@s]\n:::\n" for n in range(1, 4)),
}


def main() -> None:
    from workshop_builder.loader import load_project
    from workshop_builder.render.pptx_writer import write_deck
    from workshop_builder.resolver import resolve

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    print(f"{'kind':<10} {'slides':>6} {'ms/slide':>9} {'KB/slide':>9}")
    base = None
    for kind, body in KINDS.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "modules").mkdir()
            (root / "workshop.yaml").write_text(WORKSHOP, encoding="utf-8")
            slides = "".join(f"## Slide {i}\n\n{body}\n" for i in range(n))
            (root / "modules/m.md").write_text(FRONT + slides, encoding="utf-8")
            resolved = resolve(load_project(root), "all")
            write_deck(resolved)  # warm: imports and template reading
            start = time.perf_counter()
            data = write_deck(resolved)
            per = (time.perf_counter() - start) * 1000 / n
            base = base or per
            print(f"{kind:<10} {n:>6} {per:>9.1f} {len(data) / 1024 / n:>9.1f}   x{per / base:.1f} of a bullet slide")


if __name__ == "__main__":
    main()
