"""Links and pictures in a module's Markdown, checked by walking the parsed tree.

Every `a` href and `img` src that Python-Markdown produced is checked, whatever form the
author wrote it in (inline, reference-style `[text][ref]` and `[text][]`, link text over two
lines, brackets inside the text, quoted titles, `<…>` autolinks, reference-style pictures),
so one rule applies to all of them. Positions are found by looking the address up in the
fragment's source text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional
from urllib.parse import unquote

from .codes.load import FILE_NOT_FOUND, IMAGE_WITHOUT_ALT, OUTSIDE_PROJECT, UNSAFE_ADDRESS
from .diagnostics import Location
from .links import link_problem, scheme_of
from .pictures import prepare_picture
from .source_files import inside

LINK_FIX = "links must be https://, mailto: or tel: addresses"


def source_position(block, target: str, cursor: dict, definitions: Optional[dict] = None):
    """(line, col) of where target is written in block's text, at the `[` that starts its link; for a
    reference link whose definition stands elsewhere in the module, the start of the definition's line."""
    text = block.text
    start = cursor.get("at", 0)  # links come in source order: look after the last one first
    idx = _written_at(text, target, start)
    if idx < 0 and target:
        idx = _written_at(text, unquote(target), start)
    if idx < 0 and start:
        idx = _written_at(text, target, 0)
    if idx < 0:
        where = (definitions or {}).get(target) or (definitions or {}).get(unquote(target))
        return (where.line, where.col) if where is not None else (block.loc.line, 1)
    cursor["at"] = idx + max(len(target), 1)
    at = idx
    before = text[max(0, idx - 3):idx].rstrip(" <")
    if before.endswith("]("):  # an inline link: go back to the `[` that opens its text
        at = _opening_bracket(text, text.rfind("](", 0, idx))
    elif text[idx - 1:idx] == "<":
        at = idx - 1
    else:  # a reference definition `[ref]: target`, or anything else: the start of its line
        at = text.rfind("\n", 0, idx) + 1
    if at > 0 and text[at - 1] == "!" and text[at] == "[":
        at -= 1
    line_start = text.rfind("\n", 0, at) + 1
    return block.loc.line + text.count("\n", 0, at), at - line_start + 1


def _written_at(text: str, target: str, start: int) -> int:
    """Where target is written as an address (after `](`, `<` or `]:`), else its first place, else -1."""
    first = idx = text.find(target, start)
    for _ in range(50):
        if idx < 0:
            break
        before = text[max(0, idx - 4):idx].rstrip(" <")
        if before.endswith(("](", "]:")) or text[idx - 1:idx] == "<":
            return idx
        idx = text.find(target, idx + 1)
    return first


def _opening_bracket(text: str, close: int) -> int:
    """The position of the `[` matching the `]` at close (looking back at most 2000 characters)."""
    depth = 0
    for pos in range(close, max(-1, close - 2000), -1):
        c = text[pos]
        if c == "]":
            depth += 1
        elif c == "[":
            depth -= 1
            if depth == 0:
                return pos
    return close


def check_block(loader, module, block) -> None:
    """Report every unsafe link and every missing, outside or undescribed picture in one block."""
    report = loader.report
    cursor: dict = {}
    for el in block.tree.iter():
        if el.tag not in ("a", "img"):
            continue
        is_image = el.tag == "img"
        target = el.get("src" if is_image else "href", "") or ""
        what = "image" if is_image else "link"
        shown = target[:60]
        if is_image:
            where = source_position(block, target, cursor, module.link_definitions)
            _check_picture(loader, module, el, target, Location(module.rel, *where))
            continue
        problem = link_problem(target)
        if problem is None:
            continue
        loc = Location(module.rel, *source_position(block, target, cursor, module.link_definitions))
        scheme = scheme_of(target)
        if not scheme and "\\" not in target and not target.startswith("/") and target[:1] != "#" and target:
            path = module.path.parent / unquote(target.split("#")[0])
            if not inside(loader.root, path):
                report.error(loc, OUTSIDE_PROJECT, f"{what} '{target}' leads outside the project",
                             "keep images and linked files inside the project folder")
                continue
        report.error(loc, UNSAFE_ADDRESS, f"{what} '{shown}' {problem}", LINK_FIX)


def _check_picture(loader, module, el, target: str, loc: Location) -> None:
    """A picture: a file inside the project, found, described, and a picture we can use."""
    report = loader.report
    scheme = scheme_of(target)
    if scheme and len(scheme) > 1:
        report.error(loc, UNSAFE_ADDRESS, f"image '{target[:60]}' uses a '{scheme}:' address, which is not allowed",
                     "images must be files in the project")
        return
    if not target or "\\" in target or target.startswith("//") or "\x00" in target:
        report.error(loc, OUTSIDE_PROJECT, f"image '{target[:60]}' is not a file in the project",
                     "keep images inside the project folder and write a relative path")
        return
    path = module.path.parent / unquote(target.split("#")[0])
    if not inside(loader.root, path):
        report.error(loc, OUTSIDE_PROJECT, f"image '{target}' leads outside the project",
                     "keep images and linked files inside the project folder")
    elif not path.exists():
        report.error(loc, FILE_NOT_FOUND, f"image '{target}' not found",
                     f"put the file at {loader.rel(path)} or fix the path")
    elif not path.is_file():
        report.error(loc, FILE_NOT_FOUND, f"image '{target}' is not a file", "point at a picture file")
    else:
        usable = prepare_picture(Path(path), loc, report, f"image '{target[:60]}'")
        if usable is not None:
            el.set("path", str(Path(usable).resolve()))
    if not (el.get("alt") or "").strip():
        report.error(loc, IMAGE_WITHOUT_ALT, f"image '{target}' has no alt text",
                     "describe the picture between the square brackets: ![What it shows](...)")
