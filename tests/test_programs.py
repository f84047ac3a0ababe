"""Finding LibreOffice, a Chromium browser and pdftoppm on Windows, macOS and Linux (faked install trees).

A faked machine is a folder under tmp_path standing for its root: "C:\\Program Files\\..." is
tmp_path/C/Program Files/..., "/Applications/..." is tmp_path/Applications/...; nothing outside
it is seen, so these tests give the same answers on any machine.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workshop_builder.render.programs import PROGRAMS, Platform, candidates, find_program, not_found

WINDOWS_ENV = {"ProgramFiles": "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)",
               "LOCALAPPDATA": "C:\\Users\\sam\\AppData\\Local", "PATH": "C:\\Windows\\system32;C:\\tools"}
MACOS_ENV = {"HOME": "/Users/sam", "PATH": "/usr/bin:/bin:/opt/homebrew/bin"}


def _inside(root: Path, path: str) -> Path:
    """Where a path of the faked machine lives under root (drive letter as a folder)."""
    path = path.replace("\\", "/")
    if len(path) > 1 and path[1] == ":":
        path = path[0] + path[2:]
    return root / path.lstrip("/")


def faked(root: Path, system: str, env: dict) -> Platform:
    """A machine whose files are those under root; PATH is searched there too (";" on Windows)."""
    separator = ";" if system == "Windows" else ":"
    suffix = ".exe" if system == "Windows" else ""

    def exists(path: str) -> bool:
        return _inside(root, path).is_file()

    def which(name: str, path) -> str | None:
        for folder in (path or "").split(separator):
            joined = f"{folder}\\{name}{suffix}" if system == "Windows" else f"{folder}/{name}"
            if folder and exists(joined):
                return joined
        return None

    return Platform(system, env, exists, which)


def install(root: Path, *paths: str) -> None:
    """Put empty program files at these paths of the faked machine."""
    for path in paths:
        where = _inside(root, path)
        where.parent.mkdir(parents=True, exist_ok=True)
        where.write_bytes(b"")


# ---- Windows ----

def test_windows_finds_libreoffice_under_program_files(tmp_path):
    machine = faked(tmp_path, "Windows", WINDOWS_ENV)
    assert find_program("soffice", machine) is None
    install(tmp_path, "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe")
    assert find_program("soffice", machine) == "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe"
    install(tmp_path, "C:\\Program Files\\LibreOffice\\program\\soffice.exe")  # the 64-bit one first
    assert find_program("soffice", machine) == "C:\\Program Files\\LibreOffice\\program\\soffice.exe"


def test_windows_program_files_from_the_environment_and_its_usual_place_without(tmp_path):
    install(tmp_path, "D:\\Apps\\LibreOffice\\program\\soffice.exe")
    moved = faked(tmp_path, "Windows", dict(WINDOWS_ENV, ProgramFiles="D:\\Apps"))
    assert find_program("soffice", moved) == "D:\\Apps\\LibreOffice\\program\\soffice.exe"
    bare = faked(tmp_path, "Windows", {})
    assert candidates("soffice", bare) == ["C:\\Program Files\\LibreOffice\\program\\soffice.exe",
                                           "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe"]


def test_windows_prints_with_edge_and_prefers_chrome_or_chromium(tmp_path):
    machine = faked(tmp_path, "Windows", WINDOWS_ENV)
    edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"
    install(tmp_path, edge)  # what every Windows 10 and 11 has
    assert find_program("chromium", machine) == edge
    chrome = "C:\\Users\\sam\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe"  # a per-user install
    install(tmp_path, chrome)
    assert find_program("chromium", machine) == chrome
    chromium = "C:\\Users\\sam\\AppData\\Local\\Chromium\\Application\\chrome.exe"
    install(tmp_path, chromium)
    assert find_program("chromium", machine) == chromium


def test_windows_falls_back_to_path(tmp_path):
    machine = faked(tmp_path, "Windows", WINDOWS_ENV)
    install(tmp_path, "C:\\tools\\pdftoppm.exe", "C:\\tools\\soffice.exe")
    assert find_program("pdftoppm", machine) == "C:\\tools\\pdftoppm.exe"
    assert find_program("soffice", machine) == "C:\\tools\\soffice.exe"
    install(tmp_path, "C:\\Program Files\\LibreOffice\\program\\soffice.exe")  # the install location first
    assert find_program("soffice", machine) == "C:\\Program Files\\LibreOffice\\program\\soffice.exe"


def test_windows_hints_are_winget_and_scoop(tmp_path):
    machine = faked(tmp_path, "Windows", WINDOWS_ENV)
    assert not_found("soffice", machine) == (
        "LibreOffice (soffice) was not found; install it (e.g. winget install TheDocumentFoundation.LibreOffice) "
        "or set WORKSHOP_BUILDER_SOFFICE to its path")
    assert "winget install Microsoft.Edge" in not_found("chromium", machine)
    assert "scoop install poppler" in not_found("pdftoppm", machine)
    assert "apt" not in not_found("soffice", machine)


# ---- macOS ----

def test_macos_finds_the_app_bundles(tmp_path):
    machine = faked(tmp_path, "Darwin", MACOS_ENV)
    assert find_program("soffice", machine) is None and find_program("chromium", machine) is None
    install(tmp_path, "/Users/sam/Applications/LibreOffice.app/Contents/MacOS/soffice",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge")
    assert find_program("soffice", machine) == "/Users/sam/Applications/LibreOffice.app/Contents/MacOS/soffice"
    assert find_program("chromium", machine) == "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
    install(tmp_path, "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
    assert find_program("soffice", machine) == "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    assert find_program("chromium", machine) == "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    install(tmp_path, "/Applications/Chromium.app/Contents/MacOS/Chromium")
    assert find_program("chromium", machine) == "/Applications/Chromium.app/Contents/MacOS/Chromium"


def test_macos_finds_homebrew_poppler_off_path(tmp_path):
    machine = faked(tmp_path, "Darwin", dict(MACOS_ENV, PATH="/usr/bin:/bin"))  # a shell without brew's PATH
    install(tmp_path, "/usr/local/bin/pdftoppm")
    assert find_program("pdftoppm", machine) == "/usr/local/bin/pdftoppm"


def test_macos_hints_are_homebrew(tmp_path):
    machine = faked(tmp_path, "Darwin", MACOS_ENV)
    assert "(e.g. brew install --cask libreoffice)" in not_found("soffice", machine)
    assert "(e.g. brew install --cask google-chrome)" in not_found("chromium", machine)
    assert "(e.g. brew install poppler)" in not_found("pdftoppm", machine)


# ---- Linux: PATH only, with the real filesystem ----

def _executable(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_linux_searches_path_by_every_name(tmp_path):
    bin_dir = tmp_path / "bin"
    machine = Platform("Linux", {"PATH": str(bin_dir)})
    assert find_program("soffice", machine) is None
    assert candidates("soffice", machine) == []  # no install locations on Linux: packages put it on PATH
    libreoffice = _executable(bin_dir / "libreoffice")
    assert find_program("soffice", machine) == libreoffice
    edge = _executable(bin_dir / "microsoft-edge")
    assert find_program("chromium", machine) == edge
    chromium = _executable(bin_dir / "chromium")
    assert find_program("chromium", machine) == chromium


def test_linux_hints_are_apt(tmp_path):
    machine = Platform("Linux", {"PATH": str(tmp_path)})
    assert "(e.g. apt install libreoffice-impress libreoffice-writer)" in not_found("soffice", machine)
    assert "(e.g. apt install chromium)" in not_found("chromium", machine)


# ---- the environment variables ----

def test_the_variable_wins_over_install_locations_and_path(tmp_path):
    own = "D:\\Portable\\LibreOfficePortable\\App\\libreoffice\\program\\soffice.exe"
    install(tmp_path, own, "C:\\Program Files\\LibreOffice\\program\\soffice.exe", "C:\\tools\\soffice.exe")
    machine = faked(tmp_path, "Windows", dict(WINDOWS_ENV, WORKSHOP_BUILDER_SOFFICE=own))
    assert find_program("soffice", machine) == own
    bin_dir = tmp_path / "bin"
    named = _executable(tmp_path / "elsewhere" / "my-chromium")
    linux = Platform("Linux", {"PATH": str(bin_dir), "WORKSHOP_BUILDER_CHROMIUM": named})
    _executable(bin_dir / "chromium")
    assert find_program("chromium", linux) == named


def test_a_variable_pasted_with_quotes_is_the_path_inside_them(tmp_path):
    own = "C:\\Program Files\\LibreOffice\\program\\soffice.exe"
    install(tmp_path, own)
    machine = faked(tmp_path, "Windows", dict(WINDOWS_ENV, WORKSHOP_BUILDER_SOFFICE=f'"{own}" '))
    assert find_program("soffice", machine) == own


def test_a_variable_may_name_a_program_on_path(tmp_path):
    bin_dir = tmp_path / "bin"
    wanted = _executable(bin_dir / "chromium-beta")
    machine = Platform("Linux", {"PATH": str(bin_dir), "WORKSHOP_BUILDER_CHROMIUM": "chromium-beta"})
    assert find_program("chromium", machine) == wanted


def test_a_variable_naming_nothing_is_not_found_and_says_so(tmp_path):
    install(tmp_path, "/Applications/LibreOffice.app/Contents/MacOS/soffice")  # not used instead
    machine = faked(tmp_path, "Darwin", dict(MACOS_ENV, WORKSHOP_BUILDER_SOFFICE="/Users/sam/soffice"))
    assert find_program("soffice", machine) is None
    line = not_found("soffice", machine)
    assert line.startswith("LibreOffice (soffice) was not found: WORKSHOP_BUILDER_SOFFICE names '/Users/sam/soffice'")
    assert "brew install --cask libreoffice" in line and "\n" not in line


def test_every_program_has_a_hint_for_every_system():
    for program in PROGRAMS.values():
        assert set(program.install) == {"windows", "macos", "linux"}


def test_this_machine_is_one_of_the_three():
    here = Platform.here()
    assert here.kind in ("windows", "macos", "linux") and here.env is os.environ
