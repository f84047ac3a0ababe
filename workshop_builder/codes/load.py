"""The load codes: each declared once, with its reasoning and an example."""

from . import ERROR, Family, declare

FAMILY = Family('load', 'Loading and structure errors (E0xx)', """\
These are found while the files are read. While there is any of them, the project cannot be
loaded: `check` reports only these (every one it finds, in one go) and the other rules
wait until they are fixed.
""",
                about='Found while the files are being read. If there is any, the project cannot be loaded and **none of the other rules run**: fix these first, then run `check` again. (E050 is the exception: it comes from the deck template while the accessibility rules build the deck in memory.)')

NOT_UTF8 = declare(
    'E001', 'not-utf8', ERROR, FAMILY,
    summary='A file is not saved as UTF-8 text',
    why="""\
The tool reads every file as UTF-8. A file saved by an older editor, or text pasted from a
document in another encoding, can contain bytes that are not UTF-8 (often accented letters,
curly quotes or £ signs). The slides would show the wrong characters, so the file is refused.
The line is the first one with a bad byte.
""",
    example="""\
**Bad** (`modules/deep-dive.md` saved as Windows-1252 / Latin-1):

```markdown
1. Café first step [@msa-2015]
```

**check prints:**

```text
modules/deep-dive.md:20: E001 [error] file is not UTF-8 text (fix: save it as UTF-8 in your editor)
```

**Fix:** open the file and save it again as **UTF-8** (in most editors: *Save As…* →
*Encoding: UTF-8*). The text itself can stay the same.
""",
)

INVALID_YAML = declare(
    'E002', 'invalid-yaml', ERROR, FAMILY,
    summary='Invalid YAML, or module front matter that is never closed',
    why="""\
`workshop.yaml`, edition files and the front matter at the top of each module (between the
two `---` lines) are YAML. A stray colon, a missing quote or wrong indentation makes the whole
file unreadable. The finding points at the line and column where the reader gave up; the
mistake is there or just above.
""",
    example="""\
**Bad** (a colon inside a title):

```yaml
---
title: Deep dive: for staff
duration: 40
```

**check prints:**

```text
modules/deep-dive.md:2:17: E002 [error] invalid YAML: mapping values are not allowed here (fix: check the indentation, colons and quotes on this line)
```

**Fix:** put text that contains a colon in quotes:

```yaml
---
title: "Deep dive: for staff"
duration: 40
```

**Also reported when** the front matter has no closing `---` line:

```text
modules/deep-dive.md:1: E002 [error] front matter starts with '---' but is never closed (fix: add a line '---' after the front matter)
```

and when a file uses YAML aliases (`&name` … `*name`), which are not allowed:

```text
workshop.yaml:4:12: E002 [error] invalid YAML: YAML aliases (*name) are not allowed in workshop files (fix: write the values out in full)
```
""",
)

WRONG_TYPE = declare(
    'E003', 'wrong-type', ERROR, FAMILY,
    summary='A value has the wrong type: a list, mapping or true/false where text is needed, or a list where a mapping is needed',
    why="""\
Every key of `workshop.yaml`, the module front matter and the edition files has a type,
declared once in `workshop_builder/schema.py`. Some keys need a list (one `- item` per line),
others a mapping (`key: value` lines), others text. If a list is written as one line of text,
an audience as a single number, or a title as a list (`title: [a, b]`), the tool cannot tell
what was meant; without this check the slides would show the text `['a', 'b']`. YAML also
reads a bare `yes`, `no`, `true` or `off` as true/false, not as text.
""",
    example="""\
**Bad** (outcomes written as one line):

```yaml
outcomes: Describe the process
```

**check prints:**

```text
modules/deep-dive.md:5: E003 [error] outcomes must be a list (fix: write one '- outcome' per line)
```

**Fix:**

```yaml
outcomes:
  - Describe the process
```

**Also reported** for an audience, source, contact or the edition written as a single value
instead of `key: value` lines, e.g. `staff: 90` under `audiences:`:

```text
workshop.yaml:10: E003 [error] audience 'staff' must be a mapping of keys to values (fix: write it as 'key: value' lines)
```

A text value written as a list, a mapping or a bare `yes`/`no`:

```text
workshop.yaml:1: E003 [error] title must be text, not a list (fix: write it on one line, in quotes if it contains a colon, a '[' or a '{')
workshop.yaml:3: E003 [error] organisation must be text, but YAML reads it as true (fix: put the text in quotes, e.g. organisation: "yes")
```

(In that case every use of the audience `staff` is also reported as [E010](#e010).) The same
code covers `modules:` or `support:` in `workshop.yaml` that is not a list, a running-order
item that is neither a module id nor a break, and an `audiences:` value that is neither
`all` nor a list of ids.
""",
)

MISSING_KEY = declare(
    'E004', 'missing-key', ERROR, FAMILY,
    summary='A required key is missing, a module has no front matter, or `workshop.yaml` is empty',
    why="""\
Required keys: in `workshop.yaml`, `title`, `audiences` and `modules`; each audience needs
`name` and `minutes`; each module's front matter needs `title` and `duration`; each source
needs `title` and `publisher`; each support contact and edition contact needs `name`; each
edition file needs `name`; each edition fact needs `value`, `source` and `year`.
""",
    example="""\
**Bad** (front matter without `duration`):

```yaml
---
title: Deep dive for staff
audiences: [staff]
```

**check prints:**

```text
modules/deep-dive.md:2: E004 [error] front matter is missing the required key 'duration' (fix: add 'duration:')
```

**Fix:**

```yaml
---
title: Deep dive for staff
duration: 40
audiences: [staff]
```

**Also reported when** a module does not start with front matter at all:

```text
modules/deep-dive.md:1: E004 [error] module has no front matter (fix: start the file with '---', then title: and duration:, then '---')
```

when `workshop.yaml` is empty:

```text
workshop.yaml:1: E004 [error] workshop.yaml is empty (fix: add title, audiences and modules)
```

when `audiences:` names no audiences (nothing would be built):

```text
workshop.yaml:6: E004 [error] audiences: names no audiences, so nothing would be built (fix: add an audience, e.g. 'elected-members: {name: Elected members, minutes: 60}')
```

and, for example, when an edition fact has no year:

```text
editions/north.yaml:11: E004 [error] fact 'rhi_rate' is missing the required key 'year' (fix: add 'year:')
```
""",
)

UNKNOWN_KEY = declare(
    'E005', 'unknown-key', ERROR, FAMILY,
    summary='An unknown or misplaced key (usually a typo, or a key of another part of the configuration)',
    why="""\
A key the tool does not know is nearly always a typo, and a typo means the value is silently
lost (a `review-by:` date would never be checked). The keys each file and each part of it
accepts are declared once, in `workshop_builder/schema.py`. The fix suggests the nearest known
key; for a key that belongs somewhere else (a misplaced key, such as `review_by:` in
`workshop.yaml` or `minutes:` in a module), it says where it belongs; otherwise it lists the
allowed keys.
""",
    example="""\
**Bad:**

```yaml
review-by: 2027-09-30
```

**check prints:**

```text
modules/deep-dive.md:13: E005 [error] unknown key 'review-by' in front matter (fix: did you mean 'review_by'?)
```

**Fix:**

```yaml
review_by: 2027-09-30
```

The same applies in `workshop.yaml`, audiences, sources, support contacts and edition files,
e.g. `telephone:` in an edition contact:

```text
editions/north.yaml:6: E005 [error] unknown key 'telephone' in contact 'front_door' (fix: did you mean 'phone'?)
```

A misplaced key, `minutes: 40` in a module's front matter:

```text
modules/deep-dive.md:4: E005 [error] unknown key 'minutes' in front matter (fix: 'minutes' belongs in an audience under audiences: in workshop.yaml)
```
""",
)

FILE_TOO_LARGE = declare(
    'E006', 'file-too-large', ERROR, FAMILY,
    summary='A file is larger than 2 MB, or has a line over 100,000 characters',
    why="""\
A module, `workshop.yaml` or edition file over 2 MB (2,000,000 bytes) is refused: it is far
more than any session can use, and usually means something was pasted by mistake (a whole
report, an embedded picture as text).
""",
    example="""\
**Bad:** `modules/intro.md` grown to about 2.2 MB of text.

**check prints:**

```text
modules/intro.md: E006 [error] file is 2.2 MB; the limit is 2.0 MB (fix: split it into smaller modules)
```

**Fix:** remove the pasted material, or split the module into several smaller modules, each
listed in `workshop.yaml`.

**Also reported** for a line of a module over 100,000 characters (no slide can measure a
word that long):

```text
modules/deep-dive.md:21: E006 [error] line is 1,000,011 characters long; the limit is 100,000 (fix: break it into paragraphs of reasonable length)
```
""",
)

UNREADABLE_FILE = declare(
    'E007', 'unreadable-file', ERROR, FAMILY,
    summary='A file cannot be read',
    why="""\
The file exists but the computer will not let the tool read it: it has no read permission, it
is locked by another program, or it is a folder with a file's name. The message gives the
system's reason. There is no suggested fix.
""",
    example="""\
**Bad:** a folder called `editions/north.yaml` (instead of a file).

**check prints:**

```text
editions/north.yaml: E007 [error] cannot read file: Is a directory
```

**Fix:** make it an ordinary, readable file (here: remove the folder and create the
`north.yaml` file), or fix its permissions.
""",
)

NO_WORKSHOP_FILE = declare(
    'E008', 'no-workshop-file', ERROR, FAMILY,
    summary='There is no `workshop.yaml` in the folder',
    why="""\
The check was run in (or pointed with `-C` at) a folder that is not a workshop. The message
gives the full path of the folder it looked in.
""",
    example="""\
**Bad:** running `workshop-builder check -C /tmp/docs-E008` on an empty folder.

**check prints:**

```text
workshop.yaml: E008 [error] no workshop.yaml in /tmp/docs-E008 (fix: run the command in a workshop folder or pass -C DIR)
```

**Fix:** `cd` into the workshop folder first, or pass it with `-C`:

```text
workshop-builder check -C path/to/my-workshop
```
""",
)

BAD_TIME_OR_DATE = declare(
    'E009', 'bad-time-or-date', ERROR, FAMILY,
    summary='A time, date or year is not written as one',
    why="""\
Times must be 24-hour `HH:MM`; dates must be `YYYY-MM-DD`; the `year` of a source or of an
edition fact must be a number. The agenda's clock times, the review reminders ([W301](#w301)) and the contact
reminders ([W704](#w704)) depend on them.
""",
    example="""\
**Bad:**

```yaml
start: "9.30am"
```

**check prints:**

```text
workshop.yaml:4: E009 [error] start time '9.30am' is not a 24-hour clock time (fix: write e.g. start: "10:00")
```

**Fix:**

```yaml
start: "09:30"
```

**Also reported** for `date:` in `workshop.yaml`, `review_by:` in a module, a source's
`year:`, and a contact's `checked:` or a fact's `year:` in an edition:

```text
workshop.yaml:5: E009 [error] date '27/11/2026' is not a date (fix: write e.g. date: 2026-11-27)
modules/deep-dive.md:13: E009 [error] review_by 'September 2027' is not a date (fix: write e.g. review_by: 2027-09-30)
modules/deep-dive.md:11: E009 [error] source 'msa-2015' year must be a number (fix: write e.g. year: 2023)
editions/north.yaml:9: E009 [error] contact 'front_door' checked: 'last week' is not a date (fix: write e.g. checked: 2026-11-01)
editions/north.yaml:15: E009 [error] fact 'rhi_rate' year must be a number (fix: write e.g. year: 2026)
```
""",
)

UNKNOWN_AUDIENCE = declare(
    'E010', 'unknown-audience', ERROR, FAMILY,
    summary='An unknown audience or edition',
    why="""\
Every audience named in a module (`audiences:`, `duration:` keys, `::: audience` blocks) or
in the running order must be one of the audiences in `workshop.yaml`; every edition named in
an `::: edition` block must be `national` or a file in `editions/`. A misspelt id would
silently leave content out of a deck. The fix suggests the nearest id.
""",
    example="""\
**Bad:**

```markdown
::: audience member
## Members only slide
```

**check prints:**

```text
modules/intro.md:56:5: E010 [error] unknown audience 'member' (fix: did you mean 'members'?)
```

**Fix:**

```markdown
::: audience members
## Members only slide
```

**Also reported** (with the same code) for an unknown edition in `::: edition`:

```text
modules/intro.md:88:5: E010 [error] unknown edition 'kent' (fix: known editions: national)
```
""",
)

BAD_ID = declare(
    'E011', 'bad-id', ERROR, FAMILY,
    summary='An audience id, edition file name or contact/fact key is not a plain lower-case id',
    why="""\
Audience ids and edition file names become parts of file and folder names, and contact and
fact keys are typed inside placeholders, so they must be simple: audience ids and edition
file names use lower-case letters, digits and hyphens (`elected-members`, `north.yaml`, and
not `national`); contact and fact keys use lower-case letters, digits and underscores
(`front_door`).
""",
    example="""\
**Bad:**

```yaml
audiences:
  Senior Leaders:
    name: Senior leaders
    minutes: 30
```

**check prints:**

```text
workshop.yaml:13: E011 [error] audience id 'Senior Leaders' must be lower case letters, digits and hyphens (fix: write e.g. elected-members)
```

**Fix** (the `name:` is what people see; the id only has to be simple):

```yaml
audiences:
  senior-leaders:
    name: Senior leaders
    minutes: 30
```

**Also reported** for an edition file name, for a contact or fact key, for a running-order
module id that is not a plain id (`./intro`, `intro.md`: they would get round
[E012](#e012)), and for a module id the handouts use for their own sections (`agenda`,
`references`, `support`, `content-notes`, `ref-1`) or that clashes with another module's
heading (`intro-title` beside `intro`):

```text
editions/North Shire.yaml: E011 [error] edition file name 'North Shire.yaml' must be a lower-case id (letters, digits, hyphens) other than 'national' (fix: rename it, e.g. kent.yaml)
editions/north.yaml:4: E011 [error] 'front-door' must be lower case letters, digits and underscores (it is used as {{ contact.front-door }}) (fix: write e.g. childrens_front_door)
workshop.yaml:15: E011 [error] module id 'agenda' is used by the handouts for their own section (fix: rename modules/agenda.md, e.g. to agenda-module.md)
```
""",
)

LISTED_TWICE = declare(
    'E012', 'listed-twice', ERROR, FAMILY,
    summary='A module is listed twice in the running order',
    why="""\
Each module can appear once under `modules:` in `workshop.yaml`. To show a module to some
audiences only, give its one entry an `audiences:` list rather than listing it again.
""",
    example="""\
**Bad:**

```yaml
modules:
  - intro
  - break: 10
    audiences: [staff]
  - id: deep-dive
    audiences: [staff]
  - intro
```

**check prints:**

```text
workshop.yaml:19: E012 [error] module 'intro' is listed twice (first on line 14) (fix: remove one of them)
```

**Fix:** remove the second `- intro`.
""",
)

MODULE_NOT_FOUND = declare(
    'E013', 'module-not-found', ERROR, FAMILY,
    summary='A module in the running order has no file',
    why="""\
Each id under `modules:` needs a file `modules/<id>.md`. The fix suggests a close file
name, or the file to create.
""",
    example="""\
**Bad:**

```yaml
modules:
  - intr0
```

**check prints:**

```text
workshop.yaml:14: E013 [error] module 'intr0' not found (fix: did you mean 'intro'?)
```

**Fix:**

```yaml
modules:
  - intro
```
""",
)

TEMPLATE_NOT_FOUND = declare(
    'E014', 'template-not-found', ERROR, FAMILY,
    summary='The deck template is not found',
    why="""\
`template:` in `workshop.yaml` (or `--template` on the command line) names a `.pptx` file that
does not exist. Without it there is no deck to build.
""",
    example="""\
**Bad:** `template: templates/brand.pptx` when there is no such file.

**check prints:**

```text
workshop.yaml:4: E014 [error] template 'templates/brand.pptx' not found (fix: check the path)
```

**Fix:** correct the path, copy the branded template into `templates/`, or remove the
`template:` line to use the default template.
""",
)

DUPLICATE_KEY = declare(
    'E015', 'duplicate-key', ERROR, FAMILY,
    summary='A key written twice in one mapping',
    why="""\
YAML keeps only the last value of a key that is written twice, silently: a second `title:`
further down the front matter, or a contact pasted in twice with different numbers, would
replace the first without a word. The tool refuses the file instead and names both lines.
""",
    example="""\
**Bad** (two `duration:` lines in a module's front matter):

```yaml
---
title: Deep dive for staff
duration: 40
audiences: [staff]
duration: 30
```

**check prints:**

```text
modules/deep-dive.md:5:1: E015 [error] key 'duration' appears twice in this mapping (first on line 3) (fix: remove one of them: YAML would silently keep only the last)
```

**Fix:** keep the one you mean:

```yaml
---
title: Deep dive for staff
duration: 30
audiences: [staff]
```
""",
)

UNKNOWN_BLOCK = declare(
    'E020', 'unknown-block', ERROR, FAMILY,
    summary='An unknown `:::` block',
    why="""\
The blocks are `::: notes`, `::: handout`, `::: activity N`, `::: audience …` and
`::: edition …`. Any other name (usually a typo) would put speaker notes on the slide for the
room to read.
""",
    example="""\
**Bad:**

```markdown
::: note
NOTES-DEEP: explain the process.
:::
```

**check prints:**

```text
modules/deep-dive.md:23:5: E020 [error] unknown block '::: note' (fix: did you mean 'notes'?)
```

**Fix:**

```markdown
::: notes
NOTES-DEEP: explain the process.
:::
```
""",
)

UNCLOSED_BLOCK = declare(
    'E021', 'unclosed-block', ERROR, FAMILY,
    summary='A `:::` block is never closed',
    why="""\
Every block opened with `::: name` ends at a line holding only `:::`. If the closing line is
missing, everything after it (later slides too) would become part of the block. The finding
points at the block that was never closed.
""",
    example="""\
**Bad** (the inner `::: notes` is closed, the activity is not):

```markdown
::: activity 15
### Practice

- Work through the steps

::: notes
Guidance for the practice.
:::
```

**check prints:**

```text
modules/deep-dive.md:27:5: E021 [error] '::: activity' block is never closed (fix: add a line of ':::' where the block ends)
```

**Fix:** one `:::` for each block opened:

```markdown
::: activity 15
### Practice

- Work through the steps

::: notes
Guidance for the practice.
:::
:::
```
""",
)

STRAY_CLOSE = declare(
    'E022', 'stray-close', ERROR, FAMILY,
    summary='A `:::` line closes no block',
    why="""\
A closing `:::` with no open block above it: usually one `:::` too many after copying and
pasting.
""",
    example="""\
**Bad:**

```markdown
::: notes
NOTES-DEEP: explain the process.
:::
:::
```

**check prints:**

```text
modules/deep-dive.md:26:1: E022 [error] ':::' closes no open block (fix: remove this line, or open a block above it)
```

**Fix:** delete the extra `:::`.
""",
)

ACTIVITY_MINUTES = declare(
    'E023', 'activity-minutes', ERROR, FAMILY,
    summary='An activity without its length in minutes',
    why="""\
`::: activity` must be followed by a whole number of minutes: the agenda and the timing
rules ([E103](#e103), [E201](#e201)) use it.
""",
    example="""\
**Bad:**

```markdown
::: activity 15min
### Practice
```

**check prints:**

```text
modules/deep-dive.md:27:5: E023 [error] activity needs its length in minutes, got '15min' (fix: write '::: activity 10' for a 10-minute activity)
```

A bare `::: activity` is reported with `got ''`, and so are minutes over 1440 (a day) and
digits that are not 0-9 (`::: activity ²`).

**Fix:**

```markdown
::: activity 15
### Practice
```
""",
)

BAD_NESTING = declare(
    'E024', 'bad-nesting', ERROR, FAMILY,
    summary='A block inside a block that cannot hold it, or blocks nested over 20 deep',
    why="""\
Notes and handout text cannot contain each other, and an activity (which becomes its own
slide) cannot sit inside notes or a handout block. `::: audience` and `::: edition` blocks
can go anywhere.
""",
    example="""\
**Bad** (a handout block inside the notes):

```markdown
::: notes
NOTES-DEEP: explain the process.

::: handout
Further reading for the handout.
:::
:::
```

**check prints:**

```text
modules/deep-dive.md:26:5: E024 [error] a '::: handout' block cannot be inside '::: notes' (fix: close the outer block first)
```

**Fix:** close the notes first, then open the handout block:

```markdown
::: notes
NOTES-DEEP: explain the process.
:::

::: handout
Further reading for the handout.
:::
```

**Also reported** when an activity starts inside notes (often because the notes' `:::` was
forgotten):

```text
modules/deep-dive.md:26:5: E024 [error] an activity cannot be inside '::: notes' (fix: close the outer block first)
```
""",
)

HEADING_IN_BLOCK = declare(
    'E025', 'heading-in-block', ERROR, FAMILY,
    summary='A slide heading (`#` or `##`) inside a `:::` block',
    why="""\
`#` (section) and `##` (slide) headings start a new slide, so they cannot be inside notes, a
handout block or an activity; the block would never end where you meant. (`###` inside a
block is ordinary text: in an activity it is the activity's title.)
""",
    example="""\
**Bad:**

```markdown
::: notes
## Talking points

NOTES-DEEP: explain the process.
:::
```

**check prints:**

```text
modules/deep-dive.md:24:1: E025 [error] a '##' heading cannot be inside a '::: notes' block (fix: close the block with ':::' before the heading)
```

**Fix:** use bold text for a heading inside notes, or close the block before a new slide:

```markdown
::: notes
**Talking points**

NOTES-DEEP: explain the process.
:::
```
""",
)

BLOCK_WITHOUT_IDS = declare(
    'E026', 'block-without-ids', ERROR, FAMILY,
    summary='`::: audience` or `::: edition` without any ids',
    why="""\
These blocks show their content only to the audiences or editions named after them (or, with
`not`, to everyone else). With no ids the tool cannot tell who should see it.
""",
    example="""\
**Bad:**

```markdown
::: audience
## Members only slide
```

**check prints:**

```text
modules/intro.md:56:5: E026 [error] '::: audience' needs one or more audience ids (fix: write '::: audience elected-members' or '::: audience not elected-members')
```

**Fix:**

```markdown
::: audience members
## Members only slide
```
""",
)

TOO_MANY_SLIDES = declare(
    'E027', 'too-many-slides', ERROR, FAMILY,
    summary='A module with more than 1000 slides',
    why="""\
A limit that protects the tool from runaway or generated files; no real session needs it.
""",
    example="""\
**Bad:** a module with 1004 `##` headings.

**check prints** (one line for each heading past the 1000th):

```text
modules/deep-dive.md:4025:1: E027 [error] module has more than 1000 slides (fix: split it into several modules)
modules/deep-dive.md:4029:1: E027 [error] module has more than 1000 slides (fix: split it into several modules)
modules/deep-dive.md:4033:1: E027 [error] module has more than 1000 slides (fix: split it into several modules)
modules/deep-dive.md:4037:1: E027 [error] module has more than 1000 slides (fix: split it into several modules)
```

**Fix:** split the module into several modules and list each one in `workshop.yaml`.
""",
)

NESTED_TOO_DEEP = declare(
    'E028', 'nested-too-deep', ERROR, FAMILY,
    summary='Lists or quotes nested more than 12 levels deep',
    why="""\
Nothing readable on a slide needs more than two or three levels; very deep nesting usually
comes from pasted text.
""",
    example="""\
**Bad** (13 levels):

```markdown
## Deep list

- level 1
  - level 2
    - level 3
      - level 4
        - level 5
          - level 6
            - level 7
              - level 8
                - level 9
                  - level 10
                    - level 11
                      - level 12
                        - level 13
```

**check prints:**

```text
modules/deep-dive.md:51:1: E028 [error] lists or quotes are nested more than 12 levels deep (fix: flatten the list: a slide point needs two or three levels at most)
```

The same is reported for quotes (`> > > …`) more than 12 deep.

**Fix:** keep to two or three levels; move detail into the notes or the handout.
""",
)

UNREADABLE_NESTING = declare(
    'E029', 'unreadable-nesting', ERROR, FAMILY,
    summary='A passage nested too deeply to read',
    why="""\
A last-resort guard: the passage is nested so deeply, in a way the [E028](#e028) count does
not see (for example a list indented with hundreds of tab characters), that the Markdown
reader gives up. It almost always means generated or corrupted text.
""",
    example="""\
**Bad:** a list of 400 items, each indented with one more tab than the one before:

```markdown
## Deep

- x
	- x
		- x
			- x
… (400 levels)
```

**check prints:**

```text
modules/deep-dive.md:38:1: E029 [error] this passage is nested too deeply to read (fix: flatten the nested lists or quotes)
```

**Fix:** replace the passage with a flat list.
""",
)

UNKNOWN_CITATION = declare(
    'E030', 'unknown-citation', ERROR, FAMILY,
    summary='A citation of a source that is not in the front matter',
    why="""\
`[@key]` must name a source listed under `sources:` in the same module's front matter, so
the reference list in the handout is complete. The fix suggests the nearest key.
""",
    example="""\
**Bad:**

```markdown
1. First step [@msa2015]
```

**check prints:**

```text
modules/deep-dive.md:20:15: E030 [error] citation of unknown source 'msa2015' (fix: did you mean 'msa-2015'?)
```

**Fix:**

```markdown
1. First step [@msa-2015]
```
""",
)

FILE_NOT_FOUND = declare(
    'E031', 'file-not-found', ERROR, FAMILY,
    summary='An image or logo that is not found',
    why="""\
Pictures are looked for relative to the module file (`modules/`); an edition's logo relative
to the edition file. A missing file would leave a hole in the deck. (A link to a file in the
project is not allowed at all: links must be web addresses, see [E033](#e033).)
""",
    example="""\
**Bad:**

```markdown
![A map of the area with a marked circle](images/map.jpg)
```

**check prints:**

```text
modules/intro.md:50:1: E031 [error] image 'images/map.jpg' not found (fix: put the file at modules/images/map.jpg or fix the path)
```

**Fix** (the file is `modules/images/map.png`):

```markdown
![A map of the area with a marked circle](images/map.png)
```

**Also reported** for an edition's `logo:`, and for a reference-style picture whose
definition points at a missing file:

```text
editions/north.yaml:2: E031 [error] logo 'logos/north.png' not found (fix: check the path (it is relative to the edition file))
```
""",
)

OUTSIDE_PROJECT = declare(
    'E032', 'outside-project', ERROR, FAMILY,
    summary='An image, link, module, template or logo outside the project folder',
    why="""\
Images, linked files, modules, the template and logos must be inside the workshop folder,
so that the project can be copied, shared and built anywhere, and so that a module cannot
pull in private files from the computer it is built on.
""",
    example="""\
**Bad:**

```markdown
![A map of the area with a marked circle](../../shared/map.png)
```

**check prints:**

```text
modules/intro.md:50:1: E032 [error] image '../../shared/map.png' leads outside the project (fix: keep images and linked files inside the project folder)
```

**Fix:** copy the picture into the project (e.g. `modules/images/`) and point at the copy:

```markdown
![A map of the area with a marked circle](images/map.png)
```

**Also reported** for a full path such as `/home/trainer/Pictures/map.png`, for a
`template:` outside the project, for a module file or an edition file that is a link to a
file elsewhere, for a picture written as a network path (`//host/x.png`, `\\\\host\\x.png`), and
for a logo outside the project:

```text
modules/intro.md:50:1: E032 [error] image '/home/trainer/Pictures/map.png' leads outside the project (fix: keep images and linked files inside the project folder)
workshop.yaml:4: E032 [error] template '../brand/deck.pptx' is outside the project (fix: keep the template inside the project folder)
```
""",
)

UNSAFE_ADDRESS = declare(
    'E033', 'unsafe-address', ERROR, FAMILY,
    summary='An address that is not allowed (a web image, `file:`, `javascript:`, a network path, a URL field without `https://`)',
    why="""\
Images must be files in the project (a picture from the web may vanish, change, or not load
in the training room). Links may only be `https://`, `http://`, `mailto:` or `tel:`: other
kinds (`file:`, `javascript:`, a relative path to a file, a Windows or network path such as
`\\\\host\\share` or `//host`) do not work for participants or are unsafe. Every link form is
checked the same way (inline, reference-style `[text][ref]`, link text over two lines, `<…>`
autolinks), and so are the address fields in the YAML: a source's or fact's `url:` must start
with `https://` or `http://`, and a support or edition contact's `url:`, `email:` and `phone:`
must make safe links. Whatever gets past these, the writers drop as their last step: no output
ever links anywhere else.
""",
    example="""\
**Bad:**

```markdown
![A map of the area with a marked circle](https://example.org/map.png)
```

**check prints:**

```text
modules/intro.md:50:1: E033 [error] image 'https://example.org/map.png' uses a 'https:' address, which is not allowed (fix: images must be files in the project)
```

**Fix:** download the picture (if its licence allows), save it in the project and point at
the file:

```markdown
![A map of the area with a marked circle](images/map.png)
```

**Also reported** for a link to a shared drive or a file in the project, for a source URL
without `https://`, and for a support contact's `url:` that is not a web address:

```text
modules/intro.md:32:5: E033 [error] link 'file:///S:/Safeguarding/policy.pdf' uses a 'file:' address, which is not allowed (fix: links must be https://, mailto: or tel: addresses)
modules/intro.md:32:5: E033 [error] link 'files/policy.pdf' is not a web address (https://…), mailto: or tel: (fix: links must be https://, mailto: or tel: addresses)
modules/deep-dive.md:12: E033 [error] source 'msa-2015' url must start with https:// or http://
workshop.yaml:22: E033 [error] support contact url 'javascript:alert(1)' uses a 'javascript:' address, which is not allowed (fix: write a web address starting https://, an email address or a phone number)
```
""",
)

IMAGE_WITHOUT_ALT = declare(
    'E034', 'image-without-alt', ERROR, FAMILY,
    summary='An image without alt text',
    why="""\
The words between `![` and `]` are read out by screen readers and shown when a picture
cannot load. A picture with none is invisible to a participant who cannot see it. (Alt text
that is there but says nothing useful is [A503](#a503).)
""",
    example="""\
**Bad:**

```markdown
![](images/map.png)
```

**check prints:**

```text
modules/intro.md:50:1: E034 [error] image 'images/map.png' has no alt text (fix: describe the picture between the square brackets: ![What it shows](...))
```

**Fix:**

```markdown
![A map of the area with a marked circle](images/map.png)
```
""",
)

DUPLICATE_FOOTNOTE = declare(
    'E070', 'duplicate-footnote', ERROR, FAMILY,
    summary='Two footnote definitions with the same id in one module',
    why="""\
A footnote reference `[^1]` must lead to one text. With two definitions of `[^1]` one of them
would silently be lost from the notes and the handout.
""",
    example="""\
**Bad:**

```markdown
[^1]: Home Office (2023).
[^1]: Children's Society (2019).
```

**check prints:**

```text
modules/intro.md:40:1: E070 [error] footnote '[^1]' is defined twice (first at line 39) (fix: give each footnote its own id)
```

**Fix:** `[^home-office]: …` and `[^childrens-society]: …`, each referenced once.
""",
)

UNKNOWN_FOOTNOTE = declare(
    'E071', 'unknown-footnote', ERROR, FAMILY,
    summary='A footnote reference with no definition in its module',
    why="""\
`[^2]` with no `[^2]: …` line would show a footnote number that leads nowhere.
""",
    example="""\
**Bad:** `Most victims are known to the abuser.[^2]` and no `[^2]:` line in the module.

**check prints:**

```text
modules/intro.md:12:41: E071 [error] footnote '[^2]' has no definition in this module (fix: add a line '[^2]: the note's text' to the module)
```

**Fix:** add `[^2]: Source of the claim.` anywhere in the module (usually at its end).
""",
)

BAD_MINUTES = declare(
    'E040', 'bad-minutes', ERROR, FAMILY,
    summary='Minutes that are not a whole number from 1 to 1440',
    why="""\
An audience's `minutes:`, a module's `duration:` (a number, or a mapping of audience to
number) and a `break:` must be whole numbers of minutes, more than 0 and at most a day.
""",
    example="""\
**Bad:**

```yaml
  staff:
    name: Frontline staff
    minutes: 1h30
```

**check prints:**

```text
workshop.yaml:12: E040 [error] audience 'staff' minutes must be a whole number of minutes between 1 and 1440, got '1h30' (fix: write a whole number, e.g. 15)
```

**Fix:**

```yaml
  staff:
    name: Frontline staff
    minutes: 90
```

**Also reported** for a module's duration written with words, and for a break of 0:

```text
modules/deep-dive.md:3: E040 [error] duration must be minutes or a mapping per audience (fix: write duration: 15 or duration: {default: 15, elected-members: 10})
workshop.yaml:15: E040 [error] break must be a whole number of minutes between 1 and 1440, got 0 (fix: write a whole number, e.g. 15)
```

(The first came from `duration: 40 minutes`; write `duration: 40`.)
""",
)

UNTITLED_SLIDE = declare(
    'E041', 'untitled-slide', ERROR, FAMILY,
    summary='A slide heading with no title',
    why="""\
A `#` or `##` line with nothing after it starts a slide with no title. Slide titles are how
people (and screen readers) find their way round a deck.
""",
    example="""\
**Bad:**

```markdown
##

1. First step [@msa-2015]
```

**check prints:**

```text
modules/deep-dive.md:18:1: E041 [error] slide has no title (fix: write the title after '## ')
```

**Fix:**

```markdown
## The process

1. First step [@msa-2015]
```

A heading whose text disappears when the slide is made (only a comment or a picture) passes
this check but is caught by [A501](#a501).
""",
)

UNUSABLE_PICTURE = declare(
    'E042', 'unusable-picture', ERROR, FAMILY,
    summary='A picture that is empty, not a picture, an SVG drawing, damaged or over 20 MB',
    why="""\
Every picture is opened when the project loads, so a file the decks, the Word handouts or the
browsers cannot show is found with its line instead of crashing a build half way. The format is
read from the file's content, never its name: a JPEG saved as `.png` is fine. PNG, GIF and RGB
or greyscale JPEG are used as they are; BMP, TIFF, WebP and CMYK JPEG are converted to PNG (once,
into a cache folder, `WORKSHOP_BUILDER_CACHE` or the system's temporary folder). An empty file, a
file that is not a picture, an SVG drawing (the decks and Word cannot show one), a damaged or cut
short file and a picture file over 20 MB are refused. The same applies to an edition's `logo:`.
""",
    example="""\
**Bad** (`modules/images/map.svg` is a vector drawing):

```markdown
![A map of the area with a marked circle](images/map.svg)
```

**check prints:**

```text
modules/intro.md:50:1: E042 [error] image 'images/map.svg' is an SVG drawing, which the decks and Word handouts cannot show (fix: export the picture as PNG or JPEG)
```

**Fix:** export the drawing as PNG (in most drawing programs *File → Export → PNG*, at the
size it will be shown) and point at the PNG:

```markdown
![A map of the area with a marked circle](images/map.png)
```

**Also reported** for an empty file, a file that is not a picture and a cut-short download:

```text
modules/intro.md:50:1: E042 [error] image 'images/map.png' is an empty file (fix: export the picture as PNG or JPEG)
modules/intro.md:50:1: E042 [error] image 'images/map.png' is not a picture (fix: export the picture as PNG or JPEG)
modules/intro.md:50:1: E042 [error] image 'images/map.png' is damaged or cut short (fix: export the picture as PNG or JPEG)
```
""",
)

TOO_MANY_PIXELS = declare(
    'E043', 'too-many-pixels', ERROR, FAMILY,
    summary='A picture of more than 40 megapixels (or a decompression bomb)',
    why="""\
A picture is decoded in full to be placed on a slide or converted. A picture of more than 40
megapixels (larger than any camera picture a slide needs) would take gigabytes of memory; a
small file that claims a vast number of pixels (a decompression bomb) is an attack. Both are
refused before they are decoded. The same applies to an edition's `logo:`.
""",
    example="""\
**Bad:** `![A map of the area with a marked circle](images/map.png)` where `map.png` is a scan of
8000 × 8000 pixels.

**check prints:**

```text
modules/intro.md:50:1: E043 [error] image 'images/map.png' is 8000 x 8000 pixels; the limit is 40 megapixels (fix: make the picture smaller)
```

**Fix:** resize the picture (a slide needs at most about 2000 pixels across) and save it again.

**Also reported** for a file that claims far more pixels than it holds:

```text
modules/intro.md:50:1: E043 [error] image 'images/map.png' has more pixels than the limit of 40 megapixels (a decompression bomb) (fix: make the picture smaller)
```
""",
)

MISSING_LAYOUT = declare(
    'E050', 'missing-layout', ERROR, FAMILY,
    summary='The deck template lacks a slide layout the deck needs',
    why="""\
Slides are made from the template's layouts, found by name: `Title Slide`,
`Title and Content`, `Section Header`, `Two Content` and `Blank`. A branded template whose
layouts were renamed cannot be used. Unlike the other E0xx codes, this one is found when the
deck is built (the check builds it in memory), so the other rules still run.
""",
    example="""\
**Bad:** `template: templates/brand.pptx` in `workshop.yaml`, where the brand template's
"Two Content" layout was renamed "Two Columns".

**check prints:**

```text
templates/brand.pptx: E050 [error] template has no slide layout named 'Two Content' (fix: rename a layout in the template's slide master to 'Two Content'; it has: Title Slide, Title and Content, Section Header, Two Columns, Comparison, Content with Caption, Blank)
```

**Fix:** in PowerPoint, open the template, go to *View → Slide Master*, right-click the layout
and choose *Rename Layout*, and name it `Two Content`.
""",
)

UNDEFINED_PLACEHOLDER = declare(
    'E060', 'undefined-placeholder', ERROR, FAMILY,
    summary='A placeholder that an edition showing it does not define',
    why="""\
`{{ contact.KEY }}`, `{{ fact.KEY }}` and `{{ edition.name }}` are filled in per edition:
the national edition (from `edition:` in `workshop.yaml`) and each council's
`editions/<id>.yaml`. Every edition that will show the text must define the key, or that
council's deck would print a gap. There is one finding per edition that lacks it.

The examples below use an edition `editions/north.yaml` with a contact `front_door`, and an
`edition:` in `workshop.yaml` defining `front_door` for the national edition.
""",
    example="""\
**Bad** (a misspelt key):

```markdown
2. Second step: call {{ contact.frontdoor }}
```

**check prints:**

```text
modules/deep-dive.md:21:22: E060 [error] placeholder '{{ contact.frontdoor }}' is not defined by edition 'national' (fix: did you mean 'front_door'?)
modules/deep-dive.md:21:22: E060 [error] placeholder '{{ contact.frontdoor }}' is not defined by edition 'north' (fix: did you mean 'front_door'?)
```

**Fix:**

```markdown
2. Second step: call {{ contact.front_door }}
```

**A key only some councils have**, used for everyone:

```markdown
3. Out of hours: {{ contact.out_of_hours }}
```

```text
modules/deep-dive.md:22:18: E060 [error] placeholder '{{ contact.out_of_hours }}' is not defined by edition 'national' (fix: define it in workshop.yaml (edition:), or put this text in a '::: edition' block)
modules/deep-dive.md:22:18: E060 [error] placeholder '{{ contact.out_of_hours }}' is not defined by edition 'north' (fix: define it in editions/north.yaml, or put this text in a '::: edition' block)
```

**Fix:** define it in every edition, or show the line only in the editions that define it:

```markdown
::: edition north
- Out of hours: {{ contact.out_of_hours }}
:::
```

```yaml
# editions/north.yaml
contacts:
  out_of_hours:
    name: Emergency Duty Team
    phone: 01632 960 300
    checked: 2026-11-01
```
""",
)

UNKNOWN_PLACEHOLDER = declare(
    'E061', 'unknown-placeholder', ERROR, FAMILY,
    summary='An unknown placeholder',
    why="""\
Placeholders start with `edition.`, `contact.` or `fact.`. Anything else in `{{ … }}` would
be printed as it is on the slide.
""",
    example="""\
**Bad:**

```markdown
2. Second step: call {{ contacts.front_door }}
```

**check prints:**

```text
modules/deep-dive.md:21:22: E061 [error] unknown placeholder '{{ contacts.front_door }}' (fix: did you mean 'contact'?)
```

With no close match (`{{ front_door }}`) the fix lists the forms:

```text
modules/deep-dive.md:21:22: E061 [error] unknown placeholder '{{ front_door }}' (fix: placeholders are {{ edition.name }}, {{ contact.KEY }}, {{ fact.KEY }})
```

**Fix:**

```markdown
2. Second step: call {{ contact.front_door }}
```
""",
)

BAD_LOGO = declare(
    'E062', 'bad-logo', ERROR, FAMILY,
    summary='A logo that is not a readable PNG, JPEG or GIF',
    why="""\
An edition's `logo:` goes on the title slide and the handouts; it must be a PNG, JPEG or GIF
picture. An SVG or a damaged file is refused. The message includes the image library's reason,
with the full path of the file. A logo is then checked as every picture is: too large a file
is [E042](#e042), too many pixels [E043](#e043); a CMYK JPEG is converted.
""",
    example="""\
**Bad:** `logo: logos/north-shire.png` in `editions/north.yaml`, where the file is really an
SVG drawing.

**check prints:**

```text
editions/north.yaml:2: E062 [error] logo 'logos/north-shire.png' is not a readable PNG, JPEG or GIF image (cannot identify image file '/tmp/docs-E062/editions/logos/north-shire.png') (fix: export the logo as PNG)
```

**Fix:** export the logo as PNG (from the council's brand pack, or *Export as PNG* in a
drawing program) and save it under the same name.
""",
)

# The slide vocabulary (columns, stats, charts, diagrams; visuals.py): blocks that cannot be drawn.

VISUAL_BLOCK_PLACE = declare(
    'E035', 'visual-block-place', ERROR, FAMILY,
    summary='A slide-vocabulary block where it cannot be (a column outside columns, notes inside a chart…)',
    why="""\
Each vocabulary block becomes one thing on one slide: a `::: column` only means something
inside `:::: columns`, a chart or diagram must sit in a slide, and speaker notes inside a chart
would be drawn on the slide. The tool stops rather than guess where the content belongs.
""",
    example="""\
**Bad:**

```markdown
## Two views

::: column
What the law says
:::
```

**check prints:**

```text
modules/m.md:5:5: E035 [error] a '::: column' block must be directly inside ':::: columns' (fix: open ':::: columns' (four colons) around the '::: column' blocks)
```

**Fix:** put the `::: column` blocks inside `:::: columns` … `::::`; close a chart or diagram
before its `::: notes`.
""",
)

CHART_KIND = declare(
    'E036', 'chart-kind', ERROR, FAMILY,
    summary='A chart block names no known kind (bar, column, line, pie), or a vocabulary block an unknown attribute or column tone',
    why="""\
The kind decides which native PowerPoint chart is made; a misspelt kind or attribute
(`titel=`) would otherwise be dropped silently. The same holds for a column's tone: a
`::: column` takes only `tone=avoid` or `tone=prefer` (or pandoc's `{.column .avoid}`), and
the other blocks take no words after their name.
""",
    example="""\
**Bad:** `::: chart bars title="Referrals"`

**check prints:**

```text
modules/m.md:7:5: E036 [error] chart kind 'bars' is not one of bar, column, line, pie (fix: did you mean 'bar'?)
```

**Fix:** `::: chart bar title="Referrals" unit="children"` (attributes: `title`, `unit`).

**Also reported for** a column tone that is not `avoid` or `prefer`:

```text
modules/m.md:9:5: E036 [error] column tone 'red' is not one of avoid, prefer (fix: write '::: column tone=avoid' or '::: column tone=prefer' (or '::: {.column .avoid}'))
```
""",
)

CHART_TABLE = declare(
    'E037', 'chart-table', ERROR, FAMILY,
    summary="A chart's table is missing, ragged, or holds a value that is not a number",
    why="""\
A chart is drawn from exactly one Markdown table: the first column the categories, each
further column a series of numbers. A cell that does not read as a number (`10,613`, `12.5`,
`45%` and `£3` do) cannot be plotted.
""",
    example="""\
**Bad:**

```markdown
::: chart column
| Year | Referrals |
|------|-----------|
| 2022 | about 7,000 |
:::
```

**check prints:**

```text
modules/m.md:10:1: E037 [error] 'about 7,000' in column 'Referrals' of the chart is not a number (fix: write the figure alone (10613, 10,613, 12.5 or 45%); put notes in the source line)
```

**Fix:** the figure alone in each cell (`7,000`); words go in the title, the unit or the citation.
""",
)

DIAGRAM_STEPS = declare(
    'E038', 'diagram-steps', ERROR, FAMILY,
    summary='A process or cycle block holds no list of 2 to 7 steps',
    why="""\
A process or cycle is drawn as one shape per step joined by arrows; one step is not a
process, and more than seven cannot be read from the back of a room.
""",
    example="""\
**Bad:**

```markdown
::: process
Notice, then record, then refer.
:::
```

**check prints:**

```text
modules/m.md:12:5: E038 [error] a '::: process' block needs one list of 2 to 7 steps and nothing else; it holds 0 lists and other text (fix: write one short list item a step; merge steps or split the diagram if there are more than 7)
```

**Fix:** one list, one step an item: `- Notice`, `- Record`, `- Refer`.
""",
)

SLIDE_VISUALS = declare(
    'E039', 'slide-visuals', ERROR, FAMILY,
    summary='More than 3 stats on a slide, columns other than 2 or 3, or a stat without its figure and label',
    why="""\
Big numbers are read from across a room only when there are at most three on a slide, each
a figure with a short label under it; a slide has room for two or three columns.
""",
    example="""\
**Bad:**

```markdown
::: stat
14,000
:::
```

**check prints:**

```text
modules/m.md:8:5: E039 [error] a '::: stat' needs its figure on the first line and a short label under it (fix: write e.g. '15,500' then 'children at risk of criminal exploitation' and the citation)
```

**Fix:** the figure on the first line, a short label on the next, and a citation.
""",
)

CONTROL_CHARACTER = declare(
    'E080', 'control-character', ERROR, FAMILY,
    summary='A control character (NUL, ESC, vertical tab…) in a source file or a YAML value',
    why="""\
Control characters are invisible, usually pasted by accident, and no output can hold them: the
decks and Word handouts cannot be written with them, and in HTML they are garbage. Only
printable text, tabs and line breaks are allowed, in every Markdown and YAML file. A YAML
escape that spells one (`"\\0"`, `"\\e"`, `"\\x85"`) is found as well. (An HTML entity such as
`&#27;` that spells one is dropped.)
""",
    example="""\
**Bad** (an ESC character, invisible in most editors, pasted into a step):

```markdown
2. Second␛step
```

**check prints:**

```text
modules/deep-dive.md:21:10: E080 [error] control character U+001B in the text (fix: remove it: only printable text, tabs and line breaks are allowed)
```

**Fix:** delete the character (retype the words around it), and save:

```markdown
2. Second step
```

**Also reported** for a YAML escape in a value, shown with a `?` in its place:

```text
workshop.yaml:1:8: E080 [error] control character U+0000 in 'Test?workshop' (fix: remove it: only printable text, tabs and line breaks are allowed)
```
""",
)

IMPOSSIBLE_VALUE = declare(
    'E081', 'impossible-value', ERROR, FAMILY,
    summary='A date that does not exist or is after 2107, or a value YAML cannot read as its type',
    why="""\
A date such as `2026-02-30`, `2027-02-29`, year `0000` or hour 25 does not exist, and the
outputs (zip files: the decks and Word handouts) cannot record a date after 2107. Such values
are found in any YAML file (`date:`, `review_by:`, a contact's `checked:` …) before they are
used, with their line and column. A value tagged with a type it is not (`!!int 'sixty'`) is
found too.
""",
    example="""\
**Bad:**

```yaml
date: 2026-02-30
```

**check prints:**

```text
workshop.yaml:5:7: E081 [error] '2026-02-30' is not a real date and time (fix: check the day of the month, the month (1-12), the year (from 0001) and the hour (0-23))
```

**Fix:** write the real date:

```yaml
date: 2026-02-28
```

**Also reported** for a date after 2107:

```text
workshop.yaml:5:7: E081 [error] date '9999-12-31' is after 2107, the last year the outputs can record (fix: write a date before 2108)
```
""",
)

BAD_SOURCE_DATE_EPOCH = declare(
    'E082', 'bad-source-date-epoch', ERROR, FAMILY,
    summary='SOURCE_DATE_EPOCH is outside the years the outputs can record (1980 to 2107)',
    why="""\
`SOURCE_DATE_EPOCH` (seconds since 1970) sets the time written into every output, for
reproducible builds. Zip files (the decks and Word handouts) can record only 1980 to 2107, so
a value outside that range is refused before anything is built, rather than written wrongly.
""",
    example="""\
**Bad:**

```text
SOURCE_DATE_EPOCH=5000000000 workshop-builder build
```

**check prints:**

```text
SOURCE_DATE_EPOCH: E082 [error] SOURCE_DATE_EPOCH=5000000000 is in 2128; the outputs can record only 1980 to 2107 (fix: set SOURCE_DATE_EPOCH to seconds since 1970, e.g. 1764000000)
```

**Fix:** use the time of the last change, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`,
or unset it.
""",
)

BAD_TODAY = declare(
    'E083', 'bad-today', ERROR, FAMILY,
    summary='WORKSHOP_BUILDER_TODAY is not a date',
    why="""\
The checks that compare with today's date (a module's `review_by:` ([W301](#w301)), a
contact's `checked:`) use `WORKSHOP_BUILDER_TODAY` instead of the real date when it is set, so
that a report can be reproduced and tests do not change their results as time passes. It must
be a real date written YYYY-MM-DD.
""",
    example="""\
**Bad:**

```text
WORKSHOP_BUILDER_TODAY=2026-02-30 workshop-builder check
```

**check prints:**

```text
WORKSHOP_BUILDER_TODAY: E083 [error] WORKSHOP_BUILDER_TODAY='2026-02-30' is not a date (fix: write it as YYYY-MM-DD, e.g. 2026-11-27, or unset it)
```

**Fix:** `WORKSHOP_BUILDER_TODAY=2026-02-28`, or unset it to use the real date.
""",
)

TEMPLATE_NOT_A_DECK = declare(
    'E090', 'template-not-a-deck', ERROR, FAMILY,
    summary='A deck template that is not a PowerPoint deck, or is damaged',
    why="""\
The deck template (`template:`, `--template`, or the project's `templates/deck.pptx`) is
opened and checked before anything is built: it must be a `.pptx` file with the parts of a
presentation and well-formed XML. A text file, a download cut short, a Word document renamed
`.pptx` or a file with broken XML is refused with one line naming it.
""",
    example="""\
**Bad:** `template: templates/brand.pptx` where `brand.pptx` is really a Word document.

**check prints:**

```text
workshop.yaml:4: E090 [error] template 'templates/brand.pptx' is a Word document (it has no ppt/presentation.xml) (fix: save the template from PowerPoint or LibreOffice Impress as a .pptx file)
```

**Fix:** open the real template in PowerPoint or Impress and save it as *PowerPoint
Presentation (.pptx)* under that name.

**Also reported** for a file that is not a zip file at all, and for broken XML:

```text
workshop.yaml:4: E090 [error] template 'templates/brand.pptx' is not a PowerPoint deck (not a .pptx file, or cut short) (fix: save the template from PowerPoint or LibreOffice Impress as a .pptx file)
workshop.yaml:4: E090 [error] template 'templates/brand.pptx' has broken XML in 'ppt/presentation.xml' (fix: save the template from PowerPoint or LibreOffice Impress as a .pptx file)
```
""",
)

TEMPLATE_TOO_LARGE = declare(
    'E091', 'template-too-large', ERROR, FAMILY,
    summary='A deck template over 50 MB, or one that expands too far (a zip bomb)',
    why="""\
The template is copied into every deck. A template file over 50 MB, one whose parts expand to
more than 200 MB, one with more than 5,000 parts, or a part that expands more than 200 times
(a zip bomb) would make every build slow and every deck huge, or exhaust memory, so it is
refused before it is used.
""",
    example="""\
**Bad:** `template: templates/brand.pptx` with a 600 MB video hidden in it, compressed to 600 KB.

**check prints:**

```text
workshop.yaml:4: E091 [error] template 'templates/brand.pptx' expands to 600 MB; the limit is 200 MB (a zip bomb, or far too many pictures) (fix: remove large pictures from the template)
```

**Fix:** open the template, remove the large media and unused layouts, and save it again
(*File → Compress Pictures* in PowerPoint helps).
""",
)
