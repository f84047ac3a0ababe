"""YAML reading that keeps line numbers and never swallows an error."""

from __future__ import annotations

from typing import Optional

import yaml

from .codes.load import DUPLICATE_KEY, INVALID_YAML, WRONG_TYPE
from .diagnostics import Location, Report
from .yaml_values import scan_values

MAX_YAML_NODES = 100_000


# libyaml's composer where PyYAML was built with it: its nodes carry the same marks.
_CLoader = getattr(yaml, "CSafeLoader", None)


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (no billion laughs)."""

    def compose_node(self, parent, index):  # noqa: D102
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed in workshop files", event.start_mark
            )
        return super().compose_node(parent, index)


def load_yaml(text: str, rel: str, report: Report, line_offset: int = 0):
    """Parse YAML; return (data, lines) where lines maps key paths to 1-based lines.

    On a syntax error, record it with the right line (front-matter offset added) and
    return (None, {}).
    """
    try:
        def usable(loader, node) -> bool:
            return scan_values(loader, node, rel, line_offset, report)

        node, data = _compose_fast(text, usable)
        if node is _SLOW:
            node, data = _compose(_NoAliasLoader, text, usable)
        if data is _REFUSED:
            return None, {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        col = (mark.column + 1) if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem += f" ({exc.context.replace('while parsing a ', 'in the ')} that starts on line " \
                       f"{exc.context_mark.line + 1 + line_offset})"
        fix = ("write the values out in full" if "aliases" in problem
               else "check the indentation, colons and quotes on this line")
        report.error(Location(rel, line, col), INVALID_YAML, f"invalid YAML: {problem}", fix)
        return None, {}
    except RecursionError:
        report.error(Location(rel, line_offset + 1), INVALID_YAML, "invalid YAML: nested too deeply",
                     "flatten the structure")
        return None, {}
    except yaml.YAMLError as exc:  # pragma: no cover - every YAML error is marked in practice
        report.error(Location(rel, line_offset + 1), INVALID_YAML, f"invalid YAML: {exc}")
        return None, {}
    lines: dict = {}
    if node is not None:
        _collect_lines(node, (), lines, line_offset, rel, report)
    return data, lines


_SLOW = object()
_REFUSED = object()  # a value is unusable (an impossible date, a control character): already reported


def _compose(loader_class, text: str, usable):
    """(root node, constructed data) of one YAML document; data is _REFUSED when `usable` says no.

    `usable(loader, node)` sees every value before PyYAML builds it (yaml_values.scan_values).
    """
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None and not usable(loader, node):
            return node, _REFUSED
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _compose_fast(text: str, usable):
    """_compose with libyaml, or (_SLOW, None) when the pure-Python loader must answer.

    Text that could hold an alias (a '*') and text libyaml rejects go to the pure-Python
    loader, which refuses aliases and words its errors as the messages users know.
    """
    if _CLoader is None or "*" in text:
        return _SLOW, None
    try:
        return _compose(_CLoader, text, usable)
    except (yaml.YAMLError, RecursionError, ValueError):
        return _SLOW, None


def _collect_lines(node, path: tuple, lines: dict, offset: int, rel: str, report: Report) -> None:
    """Record the line of every mapping key and sequence item under node; report repeated keys."""
    stack = [(node, path)]
    count = 0
    while stack:
        node, path = stack.pop()
        count += 1
        if count > MAX_YAML_NODES:
            return
        lines.setdefault(path, node.start_mark.line + 1 + offset)
        if isinstance(node, yaml.ScalarNode):  # where a value's text starts: path + ("col",)
            lines.setdefault(path + ("col",), node.start_mark.column + 1 + (node.style in ("'", '"')))
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    _check_repeat(key, first, offset, rel, report)
                key_path = path + (key.value,)
                lines[key_path] = key.start_mark.line + 1 + offset
                stack.append((value, key_path))
                lines.setdefault(key_path + ("=",), value.start_mark.line + 1 + offset)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((item, path + (i,)))


def _check_repeat(key, first: dict, offset: int, rel: str, report: Report) -> None:
    """A key written twice in one mapping is an error: YAML would keep only the last value."""
    line = key.start_mark.line + 1 + offset
    if key.value in first:
        report.error(Location(rel, line, key.start_mark.column + 1), DUPLICATE_KEY,
                     f"key '{key.value}' appears twice in this mapping (first on line {first[key.value]})",
                     "remove one of them: YAML would silently keep only the last")
    else:
        first[key.value] = line


def line_of(lines: dict, *path, default: int = 1) -> int:
    """The line of a key path, falling back to its nearest known parent."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)


def as_mapping(value, rel: str, line: int, report: Report, what: str) -> Optional[dict]:
    """The value if it is a mapping, else record an error and return None."""
    if isinstance(value, dict):
        return value
    report.error(Location(rel, line), WRONG_TYPE, f"{what} must be a mapping of keys to values",
                 "write it as 'key: value' lines")
    return None
