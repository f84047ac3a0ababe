"""The accessibility codes: each declared once, with its reasoning and an example."""

from . import ERROR, WARNING, Family, declare

FAMILY = Family('accessibility', 'Accessibility (A5xx)', """\
These rules look at what will be built: the planned deck, the template's styles, and the
deck and handouts made in memory. A finding points where the fix is: the module line for
content, the template for how slides look, `workshop.yaml` or the handout template for the
workshop's title and language.
""",
                about='Slide titles, alt text, table headers, text size, contrast, reading order, language and title, heading levels, link text.')

SLIDE_TITLE = declare(
    'A501', 'slide-title', ERROR, FAMILY,
    summary='Every slide has a title',
    why="""\
Screen-reader users jump between slides by their titles, and the title is what everyone sees
in the slide list. A heading whose text disappears when the slide is made (only a comment or a
picture) leaves the slide untitled. (A heading with nothing at all after the
`##` is [E041](#e041).)
""",
    example="""\
**Bad:**

```markdown
## <!-- title to come -->

1. First step [@msa-2015]
```

**check prints:**

```text
modules/deep-dive.md:18:1: A501 [error] slide has no title (fix: give every slide a title: screen-reader users find slides by it)
```

**Fix:**

```markdown
## The process

1. First step [@msa-2015]
```

A blank workshop title (`title: " "` in `workshop.yaml`) leaves the title slide untitled:

```text
workshop.yaml:1: A501 [error] slide has no title (fix: give every slide a title: screen-reader users find slides by it)
```
""",
)

DUPLICATE_TITLE = declare(
    'A502', 'duplicate-title', WARNING, FAMILY,
    summary='Two slides of one deck have the same title',
    why="""\
In one audience's deck, two slides with the same title cannot be told apart in the slide list
or by a screen reader. Both slides are reported, each naming the other. Splitting a long
slide into "(1 of 2)", "(2 of 2)" does not count.
""",
    example="""\
**Bad** (a slide in `deep-dive.md` given the same title as one in `intro.md`):

```markdown
## Definitions and points
```

**check prints:**

```text
modules/deep-dive.md:18:1: A502 [warning] slide title 'Definitions and points' is also used at modules/intro.md:27:1 (in the deck for staff) (fix: give each slide its own title: people move between slides by their titles)
modules/intro.md:27:1: A502 [warning] slide title 'Definitions and points' is also used at modules/deep-dive.md:18:1 (in the deck for staff) (fix: give each slide its own title: people move between slides by their titles)
```

**Fix:** give one of them a title that says what is different:

```markdown
## The process
```
""",
)

PICTURE_ALT_TEXT = declare(
    'A503', 'picture-alt-text', ERROR, FAMILY,
    summary="A picture's alt text is a file name or a placeholder, not a description",
    why="""\
Alt text is read out in place of the picture. A file name (`map.png`) or a word like
`image`, `picture`, `photo`, `diagram`, `chart`, `logo` tells the listener nothing.
""",
    example="""\
**Bad:**

```markdown
![map.png](images/map.png)
```

**check prints:**

```text
modules/intro.md:50:1: A503 [error] alt text 'map.png' is a file name (fix: describe what the picture shows for someone who cannot see it: ![Map of the county with the three towns marked](...))
```

With `![Image](images/map.png)`:

```text
modules/intro.md:50:1: A503 [error] alt text 'Image' says what it is, not what it shows (fix: describe what the picture shows for someone who cannot see it: ![Map of the county with the three towns marked](...))
```

**Fix:** say what the picture shows, and why it is there:

```markdown
![Map of the town centre with the station circled](images/map.png)
```
""",
)

TABLE_HEADER = declare(
    'A504', 'table-header', ERROR, FAMILY,
    summary='A table has no header row',
    why="""\
Screen readers read each cell with its column's header ("Meaning: Taking over a home"). In
Markdown the first row of a table is its header; if it is empty, the columns have no names.
""",
    example="""\
**Bad:**

```markdown
|  |  |
|---|---|
| Deal line | The phone number used to take orders |
| Cuckooing | Taking over a home |
```

**check prints:**

```text
modules/intro.md:45:1: A504 [error] table has no header row (fix: name each column in the table's first row: screen readers read the header with every cell)
```

**Fix:**

```markdown
| Term | Meaning |
|---|---|
| Deal line | The phone number used to take orders |
| Cuckooing | Taking over a home |
```
""",
)

SMALL_TEXT = declare(
    'A505', 'small-text', ERROR, FAMILY,
    summary='Slide text smaller than 18 pt in the template or the writer',
    why="""\
Text under 18 pt cannot be read from the back of a training room, or by people with low
vision. The check reads the sizes the deck template sets for the boxes the deck actually uses
(title, body levels, subtitle) in each layout used. It also checks the size the deck writer
itself uses for table text (`TABLE_FONT_PT` in `render/fit.py`) when a slide has a table.
""",
    example="""\
**Bad:** a brand template (`template: templates/brand.pptx`) whose slide master sets
first-level body text to 16 pt.

**check prints:**

```text
templates/brand.pptx: A505 [error] template templates/brand.pptx sets level 1 text in the body of layout 'Title and Content' to 16 pt; slides need at least 18 pt (fix: raise it to 18 pt or more in the slide master or layout)
```

**Fix:** in PowerPoint, *View → Slide Master*, select the body placeholder on the master (or
the named layout) and set the first level's size to 18 pt or more; save the template.
""",
)

CONTRAST = declare(
    'A506', 'contrast', ERROR, FAMILY,
    summary='Text colour against the slide background is below 4.5:1',
    why="""\
Pale text on a light background (or dark on dark) is hard to read, on projectors especially.
The check works out the contrast ratio of each text colour the deck uses (titles, body text,
links) against each layout's background, and asks for the WCAG minimum of 4.5:1.
""",
    example="""\
**Bad:** a brand template whose theme's dark text colour is a light grey (`#A6A6A6`) on white.

**check prints:**

```text
templates/brand.pptx: A506 [error] template templates/brand.pptx: body text #A6A6A6 on the background #FFFFFF of layout 'Title and Content' has contrast 2.4:1; it needs 4.5:1 (fix: darken the text or lighten the background in the theme colours)
```

**Fix:** in PowerPoint, *Design → Variants → Colors → Customize Colors*, make the text colour
darker (or the background lighter) until the ratio is at least 4.5:1, and save the template.
The default template passes.
""",
)

READING_ORDER = declare(
    'A507', 'reading-order', ERROR, FAMILY,
    summary="A built slide's first shape is not its title",
    why="""\
Screen readers read a slide's shapes in order. The tool always moves the title first, so this
is reported only when a layout has no title placeholder at all: its slides then have no title
to read, and the listener starts in the middle.
""",
    example="""\
**Bad:** a brand template whose "Title and Content" layout has had its title placeholder
deleted.

**check prints:**

```text
templates/brand.pptx: A507 [error] slides with layout 'Title and Content' of template templates/brand.pptx are read starting with 'Agenda table', not their title (e.g. 'Agenda' from workshop.yaml:14) (fix: give layout 'Title and Content' a title placeholder)
```

**Fix:** in PowerPoint, *View → Slide Master*, select the layout, tick *Title* in the
*Master Layout* group, and save the template.
""",
)

LANGUAGE_AND_TITLE = declare(
    'A508', 'language-and-title', ERROR, FAMILY,
    summary='The deck and the handouts declare their language and title',
    why="""\
A screen reader uses the declared language to pronounce the text, and reads the title first.
The deck takes both from `workshop.yaml` (`title:`, `language:`, default `en-GB`); the HTML
handouts take them from the handout templates.
""",
    example="""\
**Bad:** a project's own `templates/handout-base.html.j2` whose first line is `<html>`
(no `lang`).

**check prints:**

```text
templates/handout-base.html.j2:2: A508 [error] the facilitator handout does not declare its language (<html lang>) (fix: write <html lang="{{ w.language }}"> in the handout template)
templates/handout-base.html.j2:2: A508 [error] the participant handout does not declare its language (<html lang>) (fix: write <html lang="{{ w.language }}"> in the handout template)
```

**Fix:**

```html
<html lang="{{ w.language }}">
```

**Also reported** when `language:` in `workshop.yaml` is blank (`language: " "`):

```text
workshop.yaml:4: A508 [error] the deck does not declare its language (fix: set language: (e.g. en-GB) in workshop.yaml)
workshop.yaml:4: A508 [error] the facilitator handout does not declare its language (<html lang>) (fix: set language: in workshop.yaml)
workshop.yaml:4: A508 [error] the participant handout does not declare its language (<html lang>) (fix: set language: in workshop.yaml)
```

and when the title is blank (`title: " "`):

```text
workshop.yaml:1: A508 [error] the deck has no title in its properties (fix: set title: in workshop.yaml)
```

Fix: `language: en-GB` and a real `title:`.
""",
)

HEADING_LEVELS = declare(
    'A509', 'heading-levels', WARNING, FAMILY,
    summary='A handout heading skips a level (h2 to h4)',
    why="""\
Screen-reader users navigate handouts by heading level; a skipped level suggests missing
content. In the handouts, module headings are moved one level down: a slide title (`##`)
becomes level 3, so a `###` inside the slide becomes level 4 and a `####` becomes level 5.
The message names the handouts (format and audience) where it happens.
""",
    example="""\
**Bad:**

```markdown
## The process

1. First step [@msa-2015]
2. Second step

#### Step details

More detail.
```

**check prints:**

```text
modules/deep-dive.md:23:1: A509 [warning] heading 'Step details' is level 5 in the handouts but follows a level 3 heading (facilitator staff, participant staff) (fix: use ### (one level below the heading before it), or bold text)
```

**Fix:**

```markdown
### Step details
```

The same applies in `::: notes` and `::: handout` blocks: a `####` there is reported, a
`###` is fine.
""",
)

LINK_TEXT = declare(
    'A510', 'link-text', WARNING, FAMILY,
    summary="Link text is a bare address or 'click here'",
    why="""\
People using screen readers often list a page's links; "click here", "here", "link",
"read more" or a web address says nothing about where the link goes. On a printed handout a
descriptive name is also easier to find.
""",
    example="""\
**Bad:**

```markdown
- For guidance [click here](https://www.gov.uk/guidance)
```

**check prints:**

```text
modules/intro.md:32:16: A510 [warning] link text 'click here' does not say where it goes (fix: say where the link goes: [Working Together 2023](https://…))
```

Bare addresses are reported too, from `<https://www.gov.uk/guidance>` and from
`[www.gov.uk/guidance](https://www.gov.uk/guidance)`:

```text
modules/intro.md:32:13: A510 [warning] link text 'https://www.gov.uk/guidance' is a bare address (fix: say where the link goes: [Working Together 2023](https://…))
modules/intro.md:32:13: A510 [warning] link text 'www.gov.uk/guidance' is a bare address (fix: say where the link goes: [Working Together 2023](https://…))
```

**Fix:**

```markdown
- Read the [Home Office county lines guidance](https://www.gov.uk/guidance)
```
""",
)
