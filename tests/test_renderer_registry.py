"""The renderer registry: one line a format, and a format's module imported only when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workshop_builder.render import FORMATS, RENDERERS, default_formats


def test_each_registered_format_names_its_renderer():
    for name, entry in FORMATS.items():
        renderer = RENDERERS[name]
        assert renderer.name == name and renderer.default == entry.default and renderer.suffix, name
    assert default_formats() == ["pptx", "facilitator", "participant"]


def test_looking_up_one_format_imports_only_its_renderer():
    code = ("import sys; from workshop_builder.render import RENDERERS; RENDERERS['participant']; "
            "print(sorted(m for m in sys.modules if m.startswith('workshop_builder.render.')));"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'docx', 'jinja2')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parent.parent, encoding="utf-8")
    modules, libraries = proc.stdout.splitlines()
    assert "workshop_builder.render.handout" in modules
    for other in ("pptx_deck", "pptx_writer", "docx_handout", "pdf_handout", "fit", "deck_plan"):
        assert f"workshop_builder.render.{other}'" not in modules, other
    assert libraries == "[]"
