"""The Markdown codes: what authors paste that the tool reads differently, or not at all."""

from . import WARNING, Family, declare

FAMILY = Family('markdown', 'Markdown (W07x)', """\
Modules are Markdown as authors write it: wrapped paragraphs, fenced code, footnotes, pictures
with pandoc's attributes. What the tool cannot show as written is reported with its line.
""",
                about='Footnotes, code fences, list numbers, raw HTML and picture attributes.')

UNUSED_FOOTNOTE = declare(
    'W070', 'unused-footnote', WARNING, FAMILY,
    summary='A footnote definition that nothing refers to',
    why="""\
A footnote that no `[^id]` refers to is never shown, on slides, notes or handouts.
""",
    example="""\
**Bad:** `[^old]: A note from an earlier draft.` and no `[^old]` in the module.

**check prints:**

```text
modules/intro.md:44:1: W070 [warning] footnote '[^old]' is never referred to (fix: refer to it with [^old] or delete the definition)
```

**Fix:** refer to it where it belongs, or delete it.
""",
)

UNCLOSED_FENCE = declare(
    'W071', 'unclosed-code-fence', WARNING, FAMILY,
    summary='A code fence (``` or ~~~) that is never closed',
    why="""\
Everything after an unclosed fence, to the end of the module, is code: headings, `:::` blocks
and slides after it are shown as code text, not as slides.
""",
    example="""\
**Bad:**

````markdown
```bash
ls -l
## Next slide
````

**check prints:**

```text
modules/shell.md:20:1: W071 [warning] this code fence is never closed: the rest of the module is code (fix: close it with a line of ``` (as many as open it))
```

**Fix:** add the closing fence after the code.
""",
)

LIST_START_OUT_OF_RANGE = declare(
    'W072', 'list-start-out-of-range', WARNING, FAMILY,
    summary='A numbered list starting at 0 or above 32767',
    why="""\
PowerPoint and Word number lists from 1 to 32767; a list starting outside that range cannot be
written as the author numbered it. The deck and the Word handout start it at the nearest
number they can show (1 or 32767).
""",
    example="""\
**Bad:**

```markdown
0. Before the session
1. During it
```

**check prints:**

```text
modules/intro.md:20:1: W072 [warning] this numbered list starts at 0; slides and Word number lists from 1 to 32767, so it starts at 1 there (fix: number the list from 1)
```

**Fix:** number it from 1, or write the numbers as text.
""",
)

RAW_HTML = declare(
    'W073', 'raw-html', WARNING, FAMILY,
    summary='Raw HTML in a module, shown as text',
    why="""\
HTML tags (other than `<kbd>`) are never interpreted: on slides, notes and handouts they are
shown as the text `<span>`, which is rarely what the author meant.
""",
    example="""\
**Bad:** `Call <b>999</b> in an emergency.`

**check prints:**

```text
modules/intro.md:14:6: W073 [warning] raw HTML '<b>' is shown as text (fix: use Markdown instead: **bold**, *italic*, `code`)
```

**Fix:** `Call **999** in an emergency.`
""",
)

UNKNOWN_PICTURE_ATTRIBUTE = declare(
    'W074', 'unknown-picture-attribute', WARNING, FAMILY,
    summary='A picture attribute other than width and alt',
    why="""\
Pandoc-style attributes after a picture are read for `width` (a percentage of the text width,
or cm, mm, in, px) and `alt`; any other attribute (`height`, `style`…) is ignored on every
output.
""",
    example="""\
**Bad:** `![Referral routes](routes.png){height=5cm}`

**check prints:**

```text
modules/intro.md:30:1: W074 [warning] picture attribute 'height' is not used (fix: give its size as width=…, e.g. {width=50%})
```

**Fix:** `![Referral routes](routes.png){width=60%}`
""",
)

SETEXT_HEADING = declare(
    'W075', 'setext-heading', WARNING, FAMILY,
    summary='A heading underlined with === or ---, which does not start a slide',
    why="""\
Slides start at `#` and `##` headings. A heading written as a line underlined with `===` or
`---` (as some editors save them) is read as a subheading inside the current slide, so the
slide the author meant is never made.
""",
    example="""\
**Bad:**

```markdown
Signs to look for
-----------------
```

**check prints:**

```text
modules/intro.md:30:1: W075 [warning] heading 'Signs to look for' is underlined, so it does not start a slide (fix: write it as '## Signs to look for' for a slide, or '#### Signs to look for' for a subheading)
```

**Fix:** `## Signs to look for`.
""",
)
