"""Findings about the content: one line each, naming the file, the line and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional, Union

from .codes import ERROR, WARNING, Code, lookup

__all__ = ["ERROR", "WARNING", "Location", "Diagnostic", "Report", "ContentError", "did_you_mean"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: a project-relative POSIX path, a 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if not self.col:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where, which rule, how bad, what is wrong and how to fix it.

    `code` is given as the declared Code (or a declared code string) and kept as its string;
    an undeclared code is a bug and raises KeyError.
    """

    loc: Location
    code: Union[Code, str]  # always the code string once constructed (see __post_init__)
    message: str
    fix: Optional[str] = None
    severity: str = ERROR

    def __post_init__(self):
        object.__setattr__(self, "code", lookup(self.code).code)

    def format(self) -> str:
        """Render in compiler style: `path:line:col: CODE message (fix)`."""
        text = f"{self.loc}: {self.code} {self.message}"
        if self.fix:
            text += f"; {self.fix}"
        return _printable(text)

    def format_check(self) -> str:
        """The `check` command's line: `path:line:col: CODE [severity] message (fix: …)`."""
        text = f"{self.loc}: {self.code} [{self.severity}] {self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return _printable(text)

    def as_dict(self) -> dict:
        """A JSON-ready mapping, for `check --format json`."""
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "column": self.loc.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass
class Report:
    """Collects the findings of a stage so that an author sees all of them in one run."""

    items: list = field(default_factory=list)

    def error(self, loc: Location, code: Union[Code, str], message: str, fix: Optional[str] = None) -> None:
        """Record an error (the build cannot go on) for a declared code."""
        self.items.append(Diagnostic(loc, code, message, fix, ERROR))

    def warning(self, loc: Location, code: Union[Code, str], message: str, fix: Optional[str] = None) -> None:
        """Record a warning (the build goes on, the author should look) for a declared code."""
        self.items.append(Diagnostic(loc, code, message, fix, WARNING))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        """Add findings from another stage."""
        self.items.extend(items)

    @property
    def errors(self) -> list:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list:
        return [d for d in self.items if d.severity == WARNING]

    def sorted(self) -> list:
        """Findings in file, line, column, code order, without repeats."""
        seen, out = set(), []
        for d in sorted(self.items, key=lambda d: (d.loc.path, d.loc.line, d.loc.col, d.code, d.message)):
            key = (d.loc, d.code, d.message)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out


class ContentError(Exception):
    """The content has mistakes; carries every finding so the CLI prints them all at once."""

    def __init__(self, diagnostics: list):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))

    def __reduce__(self):  # so a worker process can hand it back intact
        return (ContentError, (self.diagnostics,))


def _printable(text: str) -> str:
    """One line, always: control characters from the content are shown escaped."""
    return "".join(ch if ch >= " " or ch == "\t" else repr(ch)[1:-1] for ch in text)


def did_you_mean(word: str, choices: Iterable[str]) -> Optional[str]:
    """A "did you mean 'x'?" suggestion for a near miss, or None."""
    import difflib

    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
