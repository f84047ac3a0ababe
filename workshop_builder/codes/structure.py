"""The structure codes: each declared once, with its reasoning and an example."""

from . import ERROR, WARNING, Family, declare

FAMILY = Family('structure', 'Structure (E1xx, W1xx)', "",
                about='Unused modules and sources, activities longer than their module, modules with no duration, handout text that points to a slide.')

UNUSED_MODULE = declare(
    'W101', 'unused-module', WARNING, FAMILY,
    summary='A module file in modules/ that no workshop uses',
    why="""\
A `.md` file in `modules/` that is not in the running order is never shown. It is often an
old copy, or a new module someone forgot to add, which would leave a gap in the session.
""",
    example="""\
**Bad:** `modules/old-intro.md` exists but `workshop.yaml` does not list it.

**check prints:**

```text
modules/old-intro.md:1: W101 [warning] module 'old-intro' is not in workshop.yaml's running order (fix: add '- old-intro' under modules:, or delete the file)
```

**Fix:** add it where it belongs in the running order (to show it), or delete the file:

```yaml
modules:
  - intro
  - old-intro
```
""",
)

UNCITED_SOURCE = declare(
    'W102', 'uncited-source', WARNING, FAMILY,
    summary='A source in the front matter that the module never cites',
    why="""\
A source that no slide cites still appears in the reference list, but nothing tells the
audience what it supports, and it may be a sign that a citation was lost in an edit.
""",
    example="""\
**Bad:**

```yaml
sources:
  msa-2015:
    title: Modern Slavery Act 2015
    publisher: UK Parliament
    year: 2015
    url: https://www.legislation.gov.uk/ukpga/2015/30
  statutory-guidance:
    title: Modern Slavery Statutory Guidance
    publisher: Home Office
    year: 2025
```

(and no `[@statutory-guidance]` in the module)

**check prints:**

```text
modules/deep-dive.md:13: W102 [warning] source 'statutory-guidance' is never cited (fix: cite it with [@statutory-guidance] where it is used, or remove it)
```

**Fix:** cite it where it is used, or remove it from `sources:`:

```markdown
2. Second step [@statutory-guidance]
```
""",
)

ACTIVITY_TOO_LONG = declare(
    'E103', 'activity-too-long', ERROR, FAMILY,
    summary='Activities that take longer than their module has for an audience',
    why="""\
The minutes of all `::: activity N` blocks in a module are added up and compared with the
module's duration for each audience that gets it. An activity that cannot fit will overrun
on the day.
""",
    example="""\
**Bad** (`deep-dive` has `duration: 40`):

```markdown
::: activity 45
### Practice
```

**check prints:**

```text
modules/deep-dive.md:27:5: E103 [error] activities take 45 minutes but 'deep-dive' has 40 for staff (fix: shorten the activity, or give this audience its own variant in a '::: audience' block)
```

**Fix:** shorten the activity (or lengthen the module):

```markdown
::: activity 15
### Practice
```
""",
)

NO_DURATION = declare(
    'E104', 'no-duration', ERROR, FAMILY,
    summary='A module without minutes for an audience that gets it',
    why="""\
When `duration:` is a mapping per audience, every audience that gets the module needs a
number, either its own or `default:`. Without it the agenda cannot be timed.
""",
    example="""\
**Bad** (`intro` is for all audiences, but only `staff` has minutes):

```yaml
duration: {staff: 40}
audiences: all
```

**check prints:**

```text
modules/intro.md:3: E104 [error] no duration for audience 'members' (fix: add 'members: N' or 'default: N' to duration)
```

**Fix:**

```yaml
duration: {default: 30, staff: 40}
audiences: all
```
""",
)

SLIDE_WORDS_IN_HANDOUT = declare(
    'W105', 'slide-words-in-handout', WARNING, FAMILY,
    summary='Text that is printed in the handouts but points to a slide or the screen',
    why="""\
A slide's points, a `::: handout` block and a module's introduction are all printed in the
handouts. On paper, "support lines are on the next slide", "as on screen" or "click here"
point to nothing. Notes are not checked: they are the facilitator's, who is at the slides.
""",
    example="""\
**Bad:**

```markdown
- Support lines are on the next slide
```

**check prints:**

```text
modules/welcome.md:12:23: W105 [warning] 'next slide' is printed in the handouts too, where there is no slide (fix: say where it is on paper as well, e.g. 'at the end of your handout', or move it to the notes)
```

**Fix:**

```markdown
- Support lines: at the end of your handout
```
""",
)
