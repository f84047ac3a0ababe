"""Author–year citations: one short form per source, the same on slides, in notes and in the handouts.

The rules, in the one place that makes them:

- A citation names each source once. `[@a; @a]`, or two keys of one source (the same
  address, or the same title, author, publisher and year, declared in two modules), come
  out as one entry; citations with nothing but spaces between them (`[@a] [@b]`) are one
  citation. A slide's point (one bullet, one claim) cites a source once: a later citation of
  it in the same point is left out (from_markdown.py, and handout_model.py for the handouts'
  copy of the slide). Notes and handout paragraphs keep a source cited again in a later
  sentence: there each citation attributes its own sentence.
- Two sources of one build whose short forms would read alike (the same publisher and
  year, "Home Office, 2025") get the letters a, b, c… after the year, in the order of the
  build's reference list (the order each source is first cited in). The reference list is
  per build (one audience in one edition), so the letters are too: a letter appears only
  when that reader's list holds two sources it would otherwise confuse, and the slides,
  the notes and both handouts of one build read the same letters from the one list.
- Consecutive sources of one publisher share its name, years in order: "Home Office, 2025a, 2025b".
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence

NO_YEAR = "n.d."  # what a citation says for a source with no year when it needs a letter ("n.d.-a")


def year_labels(names_and_years: Sequence[tuple]) -> list:
    """Each source's year as cited, given (publisher, year or None) in reference-list order:
    "2025", or "2025a", "2025b"… when two or more share the publisher and year ("" for no year)."""
    counts: dict = {}
    for key in names_and_years:
        counts[key] = counts.get(key, 0) + 1
    seen: dict = {}
    out = []
    for name, year in names_and_years:
        text = str(year) if year else ""
        if counts[(name, year)] > 1:
            index = seen.get((name, year), 0)
            seen[(name, year)] = index + 1
            text = (text or NO_YEAR + "-") + _letter(index)
        out.append(text)
    return out


def _letter(index: int) -> str:
    """a, b, … z, then aa, ab, … (a build would need 27 sources of one publisher and year)."""
    letters = string.ascii_lowercase
    return letters[index] if index < 26 else _letter(index // 26 - 1) + letters[index % 26]


def join_short(parts: Iterable[tuple]) -> str:
    """One citation's text from (publisher, year as cited) pairs in order: each source once,
    a publisher's consecutive years after one name, earliest first: "Home Office, 2025a, 2025b; NCA, 2019"."""
    groups: list = []  # [name, [years]]
    for name, year in dict.fromkeys(parts):
        if groups and groups[-1][0] == name and year and groups[-1][1]:
            groups[-1][1].append(year)
        else:
            groups.append([name, [year] if year else []])
    return "; ".join(", ".join([name] + sorted(years)) for name, years in groups)


def merge_adjacent(root) -> None:
    """Citations with only spaces between them (`[@a] [@b]`) become one `<cite>` with every
    key once, in order; a citation's repeated key (`[@a; @a]`) is dropped."""
    for parent in root.iter():
        children = list(parent)
        kept = None
        for child in children:
            if child.tag != "cite":
                kept = None
                continue
            keys = child.get("keys", "").split()
            if kept is not None and not (kept.tail or "").strip():
                merged = kept.get("keys", "").split() + keys
                kept.set("keys", " ".join(dict.fromkeys(merged)))
                kept.tail = child.tail
                parent.remove(child)
                continue
            child.set("keys", " ".join(dict.fromkeys(keys)))
            kept = child
