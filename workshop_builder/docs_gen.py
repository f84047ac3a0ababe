"""docs/checks.md, generated from the registry of codes: `python -m workshop_builder.docs_gen`.

The page is the fixed introduction below (how to run and read the check) followed by one
section per family of codes and one per code, each made from the code's declaration in
workshop_builder/codes/ (name, severity, summary, reasoning, example). The language examples'
findings are produced by running each rule on its own bad example. `--check` exits 1 when the
committed file differs from what would be generated (a test does the same).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .codes import ERROR, WARNING, Code, all_codes, load_families

DOC_PATH = Path("docs") / "checks.md"  # run from the repository's root, where docs/ is
EXAMPLE_MODULE = "modules/deep-dive.md"
EXAMPLE_LINE = 39

INTRODUCTION = """\
# Checks: what `workshop-builder check` looks for

`workshop-builder check` reads your whole workshop (`workshop.yaml`, every module in
`modules/`, every council edition in `editions/` and the deck template) and tells you, line by
line, what would make the slides or handouts wrong, unsafe, inaccessible or out of date. It
never changes or writes a file.

This page explains every code the check can print, with a small example of the mistake, the
exact line the tool prints for it, and the corrected example.

- [Running the check](#running-the-check)
- [Reading a finding](#reading-a-finding)
- [Exit status](#exit-status)
- [`check` and `build`](#check-and-build)
- [Choosing which rules run](#choosing-which-rules-run)
- [Silencing one line of the language check](#silencing-one-line-of-the-language-check)
- [The code families](#the-code-families)
- [About the examples](#about-the-examples)
- [Every code](#every-code) (the table of contents for the rules)

## Running the check

```text
workshop-builder check [-C DIR] [--strict] [--format json] [--select CODES] [--ignore CODES] [--list-rules]
```

(From a copy of the source you can also run `python3 -m workshop_builder check …`.)

| Option | What it does |
|---|---|
| `-C DIR`, `--directory DIR` | Check the workshop in `DIR` (the folder holding `workshop.yaml`). Default: the current folder. |
| `--strict` | Also fail (exit status 1) when there are only warnings. Useful before you send a deck out. |
| `--format json` | Print the findings as JSON (for automatic checks such as CI) instead of lines of text. |
| `--select CODES` | Report only these codes, or codes starting with these letters, comma-separated, e.g. `--select L` or `--select E,L07,W3`. |
| `--ignore CODES` | Leave out these codes or prefixes, comma-separated, e.g. `--ignore W202,A5`. |
| `--list-rules` | List every rule (code, name and summary) and stop. |

`--select` and `--ignore` can be given more than once, and codes can be typed in lower case.

## Reading a finding

Each finding is one line:

```text
path:line:col: CODE [severity] message (fix: what to do)
```

For example:

```text
modules/deep-dive.md:23:5: E020 [error] unknown block '::: note' (fix: did you mean 'notes'?)
```

- **path** is the file to open, relative to the workshop folder.
- **line** and **col** say where in that file. The column is left out when the finding is about a
  whole line, and both are left out when it is about a whole file
  (`templates/brand.pptx: A505 …`).
- **CODE** is the rule (see [Every code](#every-code)).
- **severity** is `error` or `warning`.
  - An **error** must be fixed: `build` will not make anything while there is one.
  - A **warning** is something to look at. The build goes on, but the trainer may be let down
    (out-of-date facts, an unused slot, a slide that had to be split).
- **fix** is a suggestion. Some findings have none.

After the findings comes a summary, such as `Found 1 error and 2 warnings.`, or
`All checks passed.` when there is nothing to report.

With `--format json` the same findings come as one JSON document:

```text
{
  "findings": [
    {
      "path": "workshop.yaml",
      "line": 7,
      "column": 0,
      "code": "W202",
      "severity": "warning",
      "message": "the agenda for 'members' uses 30 of 60 minutes",
      "fix": "add modules or time for this audience, or shorten its slot"
    }
  ],
  "errors": 0,
  "warnings": 1
}
```

(`line` or `column` is `0` when it does not apply.)

## Exit status

| Status | When |
|---|---|
| `0` | No errors (warnings are allowed unless you use `--strict`). |
| `1` | At least one error, or, with `--strict`, at least one warning. |

The status counts only the findings that are shown, so it is affected by `--select` and
`--ignore`: `check --select W` shows no errors, so (without `--strict`) it exits 0 even when
the project has an error that stops the build. Run a plain `check` (no `--select`) before
you build or hand over.

## `check` and `build`

`workshop-builder build` runs the same checks first, with every default rule on. If there is
any error it prints the findings, ends with a line such as
`1 error; nothing was written. Run 'workshop-builder check' for details of each rule.` and
exits with status 1 without writing any file. Warnings are printed and the build goes on.

`build` prints the findings in a shorter form, without the `[severity]` and with the fix after
a semicolon; warnings end in `(warning)`:

```text
modules/deep-dive.md:24:46: L23 'streetwise' adultifies the child (Adultification, often racialised); say instead: a child who needs protection; note possible adultification bias
workshop.yaml:7: W202 the agenda for 'members' uses 30 of 60 minutes; add modules or time for this audience, or shorten its slot (warning)
1 error; nothing was written. Run 'workshop-builder check' for details of each rule.
```

`build` has no `--select` or `--ignore`: what `check` reports as an error always stops the
build.

## Choosing which rules run

`--select` keeps only the codes that start with one of the given prefixes; `--ignore` then
drops the codes that start with one of its prefixes. (If a code matches both, `--ignore`
wins.) A prefix can be:

- a family letter: `E` (errors), `W` (warnings), `L` (language), `A` (accessibility);
- a group: `W3` (the evidence rules W301–W306), `A5`, `E0`, `L2` (L20–L29);
- one code: `L07`, `W202`.

```text
workshop-builder check --select L                 # only the language rules
workshop-builder check --select E,L07,W3          # errors, L07 and the evidence warnings
workshop-builder check --ignore W202,W601         # everything except those two
```

<<SEVERITIES>>

### Advisory rules

Two language rules are **advisory**: [L33](#l33) (`paedophile`) and [L34](#l34) (`victim`). They
point at words that are often right but worth a second thought, so they never run by default,
not even with `--select L` or `--select L3`. They run only when `--select` names their code
exactly:

```text
workshop-builder check --select L33
workshop-builder check --select L34
workshop-builder check --select L,L33,L34        # all language rules, advisory ones too
```

Advisory findings are warnings and never stop a build.

## Silencing one line of the language check

The language rules (L01–L34) sometimes flag a term you need: quoting a case record, teaching
which words to avoid. Put an HTML comment with a reason on the same line:

```markdown
- The boy is streetwise. <!-- language-ok: quoting a 2015 case record -->
```

The comment is not shown on the slide or in the handouts. It silences every language rule for
the line it is on (and for a phrase that starts or ends on that line). It does not silence any
other rule.

The reason is required. Without one the term is still reported and the fix reminds you:

```text
modules/deep-dive.md:39:14: L23 [error] 'streetwise' adultifies the child (Adultification, often racialised) (fix: say instead: a child who needs protection; note possible adultification bias (a language-ok comment needs a reason: <!-- language-ok: why -->))
```

You often need no comment at all. The language rules already skip:

- text in quotation marks (`"streetwise"`, “streetwise”, or a quote of more than one word in
  'single quotes'), and quoted blocks (lines starting with `>`);
- titles of laws (`Sexual Offences Act 2003, s48`), titles in italics
  (`*Tackling Child Pornography Online*`) and links whose text is a title;
- history: a clause starting “formerly called”, “previously known as”, “once called”…;
- code, citations (`[@source]`) and web addresses.

The language rules read slide text, speaker notes, handout blocks, the module's introduction,
slide and activity headings, and the parts of the front matter that reach the slides and
handouts: the module's `title:`, its `outcomes:` and its `content_note:`. They do **not** read
`workshop.yaml`, source titles or the edition files, so check those by eye.

## The code families

<<FAMILIES>>

## About the examples

Every example on this page was made by copying the small test workshop in
`tests/projects/basic/` (two audiences, `members` and `staff`; two modules, `intro` and
`deep-dive`), making exactly the one mistake shown, and running

```text
workshop-builder check -C /tmp/docs-xyz
```

The "check prints" blocks are pasted from that output. Two things to know when reading them:

- The snippets are cut from larger files, so a line number in a finding counts from the top of
  the whole file, not from the top of the snippet. Examples for a module's body were mostly
  added at the end of `modules/deep-dive.md` (so they start at line 37 or 39).
- Only the lines for the rule in question are shown. The test workshop always gives one
  unrelated warning (`workshop.yaml:7: W202 … the agenda for 'members' uses 30 of 60 minutes`)
  and the summary line; those are left out.

The date on the machine that ran the examples was 27 November 2026, which matters for
[W301](#w301) and [W704](#w704).
"""


def code_range(codes: list) -> str:
    """The codes of a family as ranges per letter: "W101–W102, E103–E104"."""
    by_letter: dict = {}
    for item in codes:
        by_letter.setdefault(item.code[0], []).append(item.code)
    return ", ".join(c[0] if len(c) == 1 else f"{min(c)}–{max(c)}" for c in by_letter.values())


def severities_text(codes: list) -> str:
    """What the letter of a code says about its severity, from the declarations."""
    def exceptions(letter: str, usual: str) -> list:
        return [c.code for c in codes if c.code[0] == letter and c.severity != usual]

    w_odd, e_odd, a_odd = exceptions("W", WARNING), exceptions("E", ERROR), exceptions("A", ERROR)
    text = "The letter before the number is fixed per code: `W` codes are "
    text += "always warnings. " if not w_odd else f"warnings except {_and(w_odd)}. "
    text += "`E` codes are " + ("always errors" if not e_odd else f"errors except {_and(e_odd)}") + "; "
    text += "`A` codes are errors" + (f" except {_and(a_odd)}, which are warnings" if a_odd else "") + ". "
    text += ("An `L` code is an error or a warning depending on the term (see the\n"
             "[language rules](#language-rules-l01l34)).")
    return text


def _and(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def families_table(families: list, codes: list) -> str:
    """The table of code families: their codes, names and where they come from."""
    rows = ["| Codes | Family | Where they come from |", "|---|---|---|"]
    for family in families:
        mine = [c for c in codes if c.family.key == family.key]
        name = family.title.split(" (")[0]
        rows.append(f"| {code_range(mine)} | **{name}** | {family.about} |")
    return "\n".join(rows)


def severity_words(item: Code) -> str:
    """The severity as a section header states it: "Error.", "Warning." or the language wording."""
    words = item.severity_text or item.severity
    return words[0].upper() + words[1:] + "."


def index(families: list, codes: list) -> str:
    """The "Every code" tables, one per family."""
    out = ["## Every code", ""]
    for family in families:
        out += [f"### {family.title}", "", "| Code | Name | Summary | Severity |", "|---|---|---|---|"]
        for item in (c for c in codes if c.family.key == family.key):
            severity = item.severity if item.default else "advisory (warning)"
            out.append(f"| [{item.code}](#{item.anchor}) | `{item.name}` | {_cell(item.summary)} | {severity} |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def language_finding(item: Code) -> str:
    """The finding the rule prints for its own bad example (by running it)."""
    from .checks.language import ROWS, find_terms, split_words
    from .diagnostics import Diagnostic

    row = next(r for r in ROWS if r.id == item.code)
    bad = item.example.split("`")[1]
    lines = []
    for hit in find_terms([row], split_words(bad, EXAMPLE_LINE), EXAMPLE_MODULE):
        severity = ERROR if hit.severity == "high" else WARNING
        lines.append(Diagnostic(hit.loc, hit.code, hit.message, hit.fix, severity).format_check())
    command = "workshop-builder check" + ("" if item.default else f" --select {item.code}")
    return f"`{command}` prints:\n\n```text\n" + "\n".join(lines) + "\n```"


def section(item: Code) -> str:
    """One code's section: header, reasoning and example."""
    example = item.example
    if item.family.key == "language":
        bad, _, rest = example.partition("\n\n")
        example = f"{bad}\n\n{language_finding(item)}\n\n{rest}"
    summary = item.summary.rstrip(".")
    parts = [f"### {item.code}", "", f"`{item.name}` · **{summary}.** {severity_words(item)}", "", item.why]
    if example:
        parts += ["", example]
    return "\n".join(parts)


def generate() -> str:
    """The whole of docs/checks.md."""
    families = load_families()
    codes = all_codes()
    text = INTRODUCTION.replace("<<SEVERITIES>>", severities_text(codes))
    text = text.replace("<<FAMILIES>>", families_table(families, codes))
    out = [text, "", "---", "", index(families, codes)]
    for family in families:
        out += ["---", "", f"## {family.title}", ""]
        if family.intro.strip():
            out += [family.intro.strip(), ""]
        for item in (c for c in codes if c.family.key == family.key):
            out += [section(item), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list) -> int:
    """Write docs/checks.md, or with --check report whether it is up to date (exit 1 if not)."""
    text = generate()
    if "--check" in argv:
        if DOC_PATH.read_text(encoding="utf-8") != text:
            print(f"{DOC_PATH} is out of date: run python -m workshop_builder.docs_gen", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
