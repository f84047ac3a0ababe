"""The registry of every diagnostic code the tool emits, load errors and check rules alike.

Each code is declared once, in the module of its family (`codes/load.py`, `codes/structure.py`,
…; the language codes come from `data/language.yaml`), with its name, severity, summary, the
reasoning behind it and a bad/good example. Code that reports a finding passes the declared
object (`report.error(loc, UNKNOWN_KEY, …)`), so a code that is not declared cannot be
emitted; `check --list-rules` and `docs/checks.md` are made from this registry.

How to add a code:

1. Declare it in its family's module, e.g. in codes/structure.py:

       EMPTY_MODULE = declare(
           "W105", "empty-module", WARNING, FAMILY,
           summary="A module with no slides",
           why="...why an author should care (Markdown)...",
           example="**Bad:** ...  **check prints:** ...  **Fix:** ...",
       )

   (a new language rule is a new row of data/language.yaml instead, with bad: and good:).
2. Emit it with the object: `report.warning(loc, EMPTY_MODULE, message, fix)`. For a check
   rule, write the function in checks/<family>.py under `@rule(EMPTY_MODULE)`.
3. Run `python -m workshop_builder.docs_gen` to regenerate docs/checks.md and commit it;
   tests/test_registry.py fails until the page, the declaration and the emitters agree.

This module is the bottom layer: it imports nothing from the rest of the package.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Optional

ERROR = "error"
WARNING = "warning"
CODE_RE = re.compile(r"^(?:[EWA]\d{3}|L\d\d)$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The family modules, in the order the documentation and `--list-rules` show them.
FAMILY_MODULES = ("load", "markdown", "structure", "timing", "evidence", "language", "accessibility", "fitting", "editions")


@dataclass(frozen=True)
class Family:
    """A group of codes documented together: its key, its heading, an introduction and a one-line about."""

    key: str
    title: str
    intro: str = ""
    about: str = ""


@dataclass(frozen=True, eq=False)
class Code:
    """One diagnostic code: what it is called, how bad it is and why it exists."""

    code: str
    name: str
    severity: str
    family: Family
    summary: str
    why: str
    example: str
    default: bool = True  # False: an advisory rule, run only when `check --select` names it
    severity_text: str = ""  # how the documentation states the severity, when it depends on context

    def __str__(self) -> str:
        return self.code

    @property
    def anchor(self) -> str:
        """The code's anchor in docs/checks.md."""
        return self.code.lower()

    def list_line(self) -> str:
        """The code's line in `check --list-rules`."""
        summary = self.summary
        if not self.default:
            summary += f" [advisory: only with --select {self.code}]"
        return f"{self.code}  {self.name:<24} [{self.severity}] {summary}"


REGISTRY: dict = {}


def declare(code: str, name: str, severity: str, family: Family, *, summary: str, why: str, example: str,
            default: bool = True, severity_text: str = "") -> Code:
    """Register a code once; a second declaration of the same code is a bug."""
    if not CODE_RE.match(code) or not NAME_RE.match(name) or severity not in (ERROR, WARNING):
        raise ValueError(f"bad declaration of diagnostic code {code!r} ({name!r}, {severity!r})")
    if code in REGISTRY:
        raise ValueError(f"diagnostic code {code} is declared twice")
    item = Code(code, name, severity, family, summary.strip(), why.strip(), example.strip(), default,
                severity_text)
    REGISTRY[code] = item
    return item


def load_families() -> list:
    """Import every family module; the families in documentation order."""
    return [importlib.import_module(f"{__name__}.{key}").FAMILY for key in FAMILY_MODULES]


def all_codes() -> list:
    """Every declared code, family by family, in the order of declaration within a family."""
    order = {f.key: i for i, f in enumerate(load_families())}
    return sorted(REGISTRY.values(), key=lambda c: order[c.family.key])


def lookup(code) -> Code:
    """The declared Code for a Code or a code string; an undeclared code is a bug (KeyError)."""
    if isinstance(code, Code):
        return code
    if code not in REGISTRY:
        load_families()
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"diagnostic code {code!r} is not declared in workshop_builder/codes/") from None


def find(code: str) -> Optional[Code]:
    """The declared Code for a code string, or None."""
    try:
        return lookup(code)
    except KeyError:
        return None
