"""What the builder keeps between commands: read back whole, or not at all, and never another code's."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree

from workshop_builder import kept_files
from workshop_builder.checks.cache import CheckCache
from workshop_builder.parse_cache import ParsedTrees


def test_entries_read_back_only_when_whole_and_from_this_code(tmp_path):
    path = tmp_path / "kept.json"
    assert kept_files.read_entries(path) == {}  # missing
    assert kept_files.write_entries(path, {"a": [1, "é"]}, ensure_ascii=False)
    assert kept_files.read_entries(path) == {"a": [1, "é"]}
    path.write_text(path.read_text(encoding="utf-8")[:-3], encoding="utf-8")
    assert kept_files.read_entries(path) == {}  # damaged
    path.write_text(json.dumps({"code": "other", "entries": {"a": 1}}), encoding="utf-8")
    assert kept_files.read_entries(path) == {}  # another version of the builder


def test_a_file_that_cannot_be_written_is_lost_quietly_with_nothing_left(tmp_path):
    assert not kept_files.write_json(tmp_path / "missing-folder" / "kept.json", {"a": 1})
    assert not (tmp_path / "missing-folder").exists()
    assert list(tmp_path.iterdir()) == []


def test_check_findings_and_parsed_trees_come_back_in_the_next_command(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_CACHE", str(tmp_path / "cache"))
    checks = CheckCache(tmp_path)
    key = CheckCache.key("module", b"text")
    assert checks.get_or_run(key, lambda: ["found"], str, str) == ["found"]
    checks.save()
    assert CheckCache(tmp_path).get_or_run(key, lambda: ["run again"], str, str) == ["found"]

    trees = ParsedTrees(tmp_path / "project")
    key = ParsedTrees.key(True, {}, "Some *text*")
    tree = etree.fromstring("<div><p>Some <em>text</em></p></div>")
    trees.put(key, tree)
    trees.save()
    again = ParsedTrees(tmp_path / "project").get(key)
    assert again is not None and etree.tostring(again) == etree.tostring(tree)
