"""The fitting codes: each declared once, with its reasoning and an example."""

from . import WARNING, Family, declare

FAMILY = Family('fitting', 'Slide fitting (W6xx)', """\
The deck is measured against the template's boxes. A slide with too much text is split into
parts; text that cannot fit even then runs off the slide. A layout the deck asks for that your
template lacks falls back to the nearest one it has.
""",
                about='Slides and notes too long for their box; a layout the template lacks.')

SLIDE_SPLIT = declare(
    'W601', 'slide-split', WARNING, FAMILY,
    summary='A slide was too long for its box and was split into parts',
    why="""\
The slide is shown as several slides titled "… (1 of 3)", "… (2 of 3)"… That works, but the
trainer should know, and it often means the slide says too much for the room to read.
""",
    example="""\
**Bad:**

```markdown
## Signs to look for

- Sign number 1: a change in behaviour, friends, money or phone use that staff may notice
- Sign number 2: a change in behaviour, friends, money or phone use that staff may notice
…
- Sign number 14: a change in behaviour, friends, money or phone use that staff may notice
```

**check prints:**

```text
modules/deep-dive.md:37:1: W601 [warning] slide 'Signs to look for' does not fit on one slide and is split into 3 ('Signs to look for (1 of 3)'…) for staff (fix: shorten the points or move detail to the notes, or keep the split)
```

**Fix:** keep the few points the room needs on the slide and move the rest into
`::: notes` or `::: handout`, or split it yourself into slides with their own titles. If the
split is what you want, leave it (or `--ignore W601`).
""",
)

SLIDE_OVERFLOW = declare(
    'W602', 'slide-overflow', WARNING, FAMILY,
    summary='Slide text that does not fit even after splitting',
    why="""\
A single point, or a table, taller than the whole box cannot be split, so it runs off the
bottom of the slide. The message says how much room it needs.
""",
    example="""\
**Bad:** one bullet point of about 350 words:

```markdown
## One long point

- A very long sentence about what staff may notice A very long sentence about what staff may notice … (40 times)
```

**check prints:**

```text
modules/deep-dive.md:37:1: W602 [warning] slide 'One long point' runs off its box: the text needs 10.8 in but the box holds 5.0 in (for staff) (fix: shorten it, split the point in two, or move detail to the notes)
```

A table of 40 rows gives:

```text
modules/deep-dive.md:37:1: W602 [warning] slide 'Wide table' runs off its box: the table needs 20.5 in but the box holds 5.1 in (for staff) (fix: shorten it, split the point in two, or move detail to the notes)
```

**Fix:** cut the point down to what the room must read, and put the rest in the notes or a
`::: handout` block; split a long table into several slides, or put it in the handout.
""",
)

NOTES_OVERFLOW = declare(
    'W610', 'notes-overflow', WARNING, FAMILY,
    summary="A slide's notes run off the printed notes page",
    why="""\
Facilitators print the deck as notes pages. The notes box shrinks its text to fit (down to 9 pt
from the template's 12 pt), but notes longer than that are cut off at the bottom of the printed
page, and the facilitator loses the end of what to say.
""",
    example="""\
**Bad:** a `::: notes` block of 450 words under one slide.

**check prints:**

```text
modules/disclosure.md:40:1: W610 [warning] the notes of slide 'If a child tells you' run off the printed notes page (about 130% of the page's text box, at the smallest notes size) for staff (fix: move detail into a '::: handout' block, or split the notes between slides)
```

**Fix:** keep in the notes what to say, and move background and detail into `::: handout`
(it goes into the handouts), or split the slide.
""",
)

LAYOUT_FALLBACK = declare(
    'W611', 'layout-fallback', WARNING, FAMILY,
    summary='The template lacks a layout the deck uses; the nearest one is used instead',
    why="""\
Only "Title and Content" is required of your own template. When it lacks another layout that
the deck uses, the slides use the nearest layout it has (the fallbacks are listed in
[authoring.md, Slide layouts](authoring.md#slide-layouts)) and `check` names both.
""",
    example="""\
**Bad:** `template: brand.pptx`, a template whose slide master has no "Section Header" layout.

**check prints:**

```text
brand.pptx: W611 [warning] template brand.pptx has no slide layout named 'Section Header'; its slides use 'Title Slide' instead (fix: add a layout named 'Section Header' to the template's slide master (the default template has one))
```

**Fix:** copy the layout from the default template (`templates/deck.pptx`) into your slide
master, or rename one of your layouts; or leave the fallback if it looks right.
""",
)
