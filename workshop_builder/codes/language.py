"""The language codes L01-L34: declared by the rows of data/language.yaml, one code a row.

The rows carry each rule's terms, reasoning and bad/good example; this module turns them
into registry entries. The matching itself lives in checks/language.py.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from . import ERROR, WARNING, Family, declare

DATA_PACKAGE = "workshop_builder.data"
DATA_FILE = "language.yaml"

FAMILY = Family("language", "Language rules (L01–L34)", """\
Words shape how professionals see exploited children. Terms that suggest a child chose,
consented, earned or took part in their own abuse can lead to a child being blamed, treated
as an offender, or not protected. These rules flag such terms in slide text, notes, handout
blocks, introductions, slide and activity headings and the module's front matter (`title:`,
`outcomes:`, `content_note:`), and say what to say instead. The terms, reasons, alternatives
and examples come from `workshop_builder/data/language.yaml`, built from The Children's
Society's appropriate-language guides and other practice guidance named there.

How the matching works:

- Case does not matter, and a phrase is found even when it runs over a line break.
- Word forms count: plurals, `-s`/`-ed`/`-ing` forms, and pronoun swaps
  (`putting themselves` also finds `putting himself`, `putting herself`). Hyphens count as
  spaces (`attention-seeking` = `attention seeking`).
- A phrase never runs across a full stop, comma, bracket or table cell.
- "Near" below means in the same sentence, or within about 10 words.
- A "child word" is child, young person, teenager, boy, girl, pupil, minor, son, daughter,
  looked after, care leaver, an age from 1 to 17 (`14-year-old`, `aged 15`), a bare number from
  10 to 17, and similar.
  An "adult word" is adult, older, man, men, woman, women, perpetrator, abuser, exploiter,
  an age from 18 and similar.
- See [Silencing one line](#silencing-one-line-of-the-language-check) for quotations, titles,
  history and `<!-- language-ok: reason -->`.

Severity: **high** terms are errors (they stop the build); **medium** and **low** terms are
warnings; **advisory** terms are reported only with `--select L33` or `--select L34`.

In each example below, the line was added as a new slide at the end of `modules/deep-dive.md`
of the test workshop:

```markdown
## Case notes

- <the sentence>
```

so every finding is on line 39. The fixed sentence gives no language finding.
""",
                about='Victim-blaming and dehumanising terms about exploited children and adults (from `workshop_builder/data/language.yaml`).')


@lru_cache(maxsize=1)
def raw_data():
    """The language data file, parsed once (checks/language.py validates and compiles it)."""
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml where built in


def severity_words(severity: str) -> str:
    """A row severity as the documentation states it."""
    if severity == "advisory":
        return "advisory (warning)"
    return f"{severity} ({ERROR if severity == 'high' else WARNING})"


def _declare(row: dict):
    """The registry entry of one data row."""
    severity = ERROR if row["severity"] == "high" else WARNING
    advisory = row["severity"] == "advisory"
    words = " ".join(str(row.get("severity_note") or severity_words(row["severity"])).split())
    if advisory:
        words += f", only with `--select {row['id']}`"
    why = (f"{row['why'].strip()}.\n\n"
           f"**Flags:** {row.get('flags') or row.get('label') or row['name']}.\n\n"
           f"**Context needed:** {row.get('context_note') or 'none'}.\n\n"
           f"**Say instead:** {'; '.join(row['alternatives'])}.")
    example = f"**Bad:** `{row.get('bad', '')}`\n\n**Fix:** `{row.get('good', '')}`"
    if row.get("note"):
        example += f"\n\n{row['note']}"
    return declare(row["id"], row["name"], severity, FAMILY, summary=str(row.get("label") or row["name"]),
                   why=why, example=example, default=not advisory, severity_text=words)


def _rows() -> list:
    """The raw rows of the data file (validated in full by checks/language.py)."""
    data = raw_data()
    return list(data.get("rows") or []) if isinstance(data, dict) else []


LANGUAGE_CODES = {row["id"]: _declare(row) for row in _rows()}
