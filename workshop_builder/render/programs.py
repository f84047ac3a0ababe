"""Where the other programs are (LibreOffice, a Chromium browser, poppler) and how to install them.

One order, on every system:

1. the environment variable (WORKSHOP_BUILDER_SOFFICE, WORKSHOP_BUILDER_CHROMIUM,
   WORKSHOP_BUILDER_PDFTOPPM), when it is set: an explicit choice always wins, and when it
   names no program the program is "not found" (with a line saying the variable is wrong),
   never silently another one;
2. the standard install locations of the system the builder runs on: on Windows under
   %ProgramFiles%, %ProgramFiles(x86)% and %LOCALAPPDATA% (LibreOffice, Chromium, Google
   Chrome, Microsoft Edge), on macOS the .app bundles in /Applications and ~/Applications
   (and Homebrew's bin folders for poppler), none on Linux;
3. the names on PATH (soffice, libreoffice, chromium, google-chrome, msedge, ...).

The system, its environment and its filesystem are a Platform value, so tests fake a Windows
or macOS install tree on any machine.
"""

from __future__ import annotations

import ntpath
import os
import platform as _platform
import posixpath
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Callable, Optional


def _is_file(path: str) -> bool:
    return os.path.isfile(path)


def _which(name: str, path: Optional[str]) -> Optional[str]:
    return shutil.which(name, path=path)


@dataclass(frozen=True)
class Platform:
    """The system the builder runs on: its name (platform.system()), environment and files."""

    system: str  # "Windows", "Darwin" (macOS) or anything else (Linux and other Unixes)
    env: Mapping[str, str] = field(default_factory=dict)
    exists: Callable[[str], bool] = _is_file  # whether a path is a file
    which: Callable[[str, Optional[str]], Optional[str]] = _which  # (name, PATH) -> path or None

    @classmethod
    def here(cls) -> Platform:
        """The machine this process runs on."""
        return cls(_platform.system(), os.environ)

    @property
    def kind(self) -> str:
        """"windows", "macos" or "linux" (every other system is treated as Linux)."""
        return {"Windows": "windows", "Darwin": "macos"}.get(self.system, "linux")

    def join(self, *parts: str) -> str:
        """A path joined the way this system writes paths."""
        return (ntpath if self.kind == "windows" else posixpath).join(*parts)


# Where a program is installed, relative to a base: on Windows an environment variable (with
# its usual value when unset), on macOS /Applications, ~/Applications or an absolute folder.
_WINDOWS_BASES = {"ProgramFiles": "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)",
                  "LOCALAPPDATA": ""}


@dataclass(frozen=True)
class Program:
    """A program the builder runs: names on PATH, its variable, its name for people, where and how to install it."""

    names: tuple  # looked for on PATH, in order
    env: str  # the environment variable that may name it (a path or a name on PATH)
    label: str
    windows: tuple = ()  # (base variable, relative path) in order of preference
    macos: tuple = ()  # absolute paths; "~/" is the user's home folder
    install: Mapping[str, str] = field(default_factory=dict)  # kind -> a command that installs it


PROGRAMS = {
    "soffice": Program(
        ("soffice", "libreoffice"), "WORKSHOP_BUILDER_SOFFICE", "LibreOffice (soffice)",
        windows=(("ProgramFiles", "LibreOffice\\program\\soffice.exe"),
                 ("ProgramFiles(x86)", "LibreOffice\\program\\soffice.exe")),
        macos=("/Applications/LibreOffice.app/Contents/MacOS/soffice",
               "~/Applications/LibreOffice.app/Contents/MacOS/soffice"),
        install={"windows": "winget install TheDocumentFoundation.LibreOffice",
                 "macos": "brew install --cask libreoffice",
                 "linux": "apt install libreoffice-impress libreoffice-writer"}),
    "chromium": Program(
        ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
         "microsoft-edge", "microsoft-edge-stable"), "WORKSHOP_BUILDER_CHROMIUM", "Chromium (or Chrome or Edge)",
        windows=(("LOCALAPPDATA", "Chromium\\Application\\chrome.exe"),
                 ("ProgramFiles", "Google\\Chrome\\Application\\chrome.exe"),
                 ("ProgramFiles(x86)", "Google\\Chrome\\Application\\chrome.exe"),
                 ("LOCALAPPDATA", "Google\\Chrome\\Application\\chrome.exe"),
                 ("ProgramFiles(x86)", "Microsoft\\Edge\\Application\\msedge.exe"),
                 ("ProgramFiles", "Microsoft\\Edge\\Application\\msedge.exe")),
        macos=("/Applications/Chromium.app/Contents/MacOS/Chromium",
               "~/Applications/Chromium.app/Contents/MacOS/Chromium",
               "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
               "~/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
               "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
               "~/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"),
        install={"windows": "winget install Microsoft.Edge",
                 "macos": "brew install --cask google-chrome",
                 "linux": "apt install chromium"}),
    "pdftoppm": Program(
        ("pdftoppm",), "WORKSHOP_BUILDER_PDFTOPPM", "poppler's pdftoppm",
        macos=("/opt/homebrew/bin/pdftoppm", "/usr/local/bin/pdftoppm"),  # Homebrew's, when not on PATH
        install={"windows": "scoop install poppler",
                 "macos": "brew install poppler",
                 "linux": "apt install poppler-utils"}),
    "pdftotext": Program(
        ("pdftotext",), "WORKSHOP_BUILDER_PDFTOTEXT", "poppler's pdftotext",
        macos=("/opt/homebrew/bin/pdftotext", "/usr/local/bin/pdftotext"),
        install={"windows": "scoop install poppler",
                 "macos": "brew install poppler",
                 "linux": "apt install poppler-utils"}),
}


def candidates(program: str, where: Platform) -> list:
    """The standard install locations of a program on this system, in order (not checked)."""
    spec = PROGRAMS[program]
    out = []
    if where.kind == "windows":
        for base, rel in spec.windows:
            root = where.env.get(base) or _WINDOWS_BASES[base]
            if root:
                out.append(where.join(root, rel))
    elif where.kind == "macos":
        home = where.env.get("HOME", "")
        for path in spec.macos:
            if path.startswith("~/"):
                if not home:
                    continue
                path = where.join(home, path[2:])
            out.append(path)
    return list(dict.fromkeys(out))


def _named(spec: Program, where: Platform) -> str:
    """The program a variable names ("" when unset), without the quotes Windows' "Copy as path" adds."""
    return where.env.get(spec.env, "").strip().strip('"').strip()


def find_program(program: str, where: Optional[Platform] = None) -> Optional[str]:
    """The path of a program: its environment variable, else a standard install location, else PATH; or None."""
    where = where or Platform.here()
    spec = PROGRAMS[program]
    path_var = where.env.get("PATH")
    named = _named(spec, where)
    if named:
        return where.which(named, path_var) or (named if where.exists(named) else None)
    for path in candidates(program, where):
        if where.exists(path):
            return path
    for name in spec.names:
        found = where.which(name, path_var)
        if found:
            return found
    return None


def not_found(program: str, where: Optional[Platform] = None) -> str:
    """Why a program is not found here and what to do: install it (this system's way) or set its variable."""
    where = where or Platform.here()
    spec = PROGRAMS[program]
    named = _named(spec, where)
    install = spec.install[where.kind]
    if named:
        return (f"{spec.label} was not found: {spec.env} names '{named}', which is not a program here; "
                f"install it (e.g. {install}) and set {spec.env} to its full path, or unset {spec.env}")
    return f"{spec.label} was not found; install it (e.g. {install}) or set {spec.env} to its path"
