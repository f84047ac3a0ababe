"""A console that cannot show a character (Windows' cp1252 when output is redirected) gets a '?'
for it, never a UnicodeEncodeError traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import workshop_builder


def test_a_character_the_console_lacks_prints_as_a_question_mark(basic):
    workshop = basic / "workshop.yaml"
    text = workshop.read_text(encoding="utf-8")
    workshop.write_text(text.replace("name: Elected members", "name: Members → leads", 1), encoding="utf-8")
    package_parent = str(Path(workshop_builder.__file__).parent.parent)
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONPATH=package_parent)
    proc = subprocess.run([sys.executable, "-m", "workshop_builder", "list", "-C", str(basic)],
                          capture_output=True, env=env, cwd=basic)
    assert proc.returncode == 0, proc.stderr.decode("cp1252")
    assert b"Traceback" not in proc.stderr
    assert "Members ? leads" in proc.stdout.decode("cp1252")
