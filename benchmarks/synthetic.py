"""A synthetic workshop of N modules x M audiences, for benchmarks and scale tests."""

from __future__ import annotations

from pathlib import Path

MODULE = """---
title: Synthetic module {n}
duration: {{default: 10}}
audiences: all
outcomes:
  - Describe topic {n}
  - Apply topic {n} in practice
sources:
  src-{n}:
    title: Source document {n}
    publisher: Home Office
    year: 2023
    url: https://www.gov.uk/example/{n}
review_by: 2027-09-30
---

An introduction to synthetic module {n}, for the handout.

# Module {n}

## Key facts for module {n}

- A first point with **bold** and *italic* text [@src-{n}]
  - A nested point with a [link to guidance](https://www.gov.uk/guidance)
- A second point about safeguarding practice
- A third point about what councils can do

::: notes
What the facilitator says about module {n}: two or three sentences of guidance, so that the
notes page and the facilitator handout have realistic text in them.
:::

## Comparison for module {n}

| Term | Meaning |
|---|---|
| One | The first meaning |
| Two | The second meaning |

::: notes
Walk through the table.
:::

::: audience aud-1 aud-2
## Extra slide for two audiences

- Only some audiences see this

::: notes
Tailored notes.
:::
:::

::: activity 5
### Discussion {n}

- Discuss in pairs

::: notes
Guidance for the activity.
:::
:::

::: handout
Further reading for module {n}.
:::
"""


def make_workshop(root: Path, n_modules: int, n_audiences: int) -> Path:
    """Write the project and return its folder."""
    (root / "modules").mkdir(parents=True, exist_ok=True)
    lines = ['title: "Synthetic workshop"', "start: \"09:00\"", "date: 2026-11-27", "audiences:"]
    for a in range(1, n_audiences + 1):
        lines += [f"  aud-{a}:", f"    name: Audience {a}", f"    minutes: {n_modules * 10}"]
    lines.append("modules:")
    for n in range(1, n_modules + 1):
        lines.append(f"  - m{n:03d}")
        (root / "modules" / f"m{n:03d}.md").write_text(MODULE.format(n=n), encoding="utf-8")
    lines += ["support:", "  - name: Emergency", "    phone: \"999\""]
    (root / "workshop.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
